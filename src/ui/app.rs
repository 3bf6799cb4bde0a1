//! `<App/>`: the drafts page or the open draft, the one status region, the
//! lock and the history of the app's own pages. The open draft's autosave,
//! conflicts and printout freshness are `ui::draft`'s.

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::settings::parse_local_settings;
use crate::domain::{Draft, Settings};
use crate::storage::format::{decode_stored, encode_export, export_file_name};
use crate::storage::{self, Availability, DraftStore, LockStatus, Unsaved};
use crate::ui::on_demand::OpenDraft;
use crate::ui::pages::{DraftsPage, UnlockPage};
use crate::ui::platform;
use crate::ui::router::{self, Address, Arrival};
use crate::ui::state::{window_title, Page};

/// What the whole window shows.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Drafts,
    Open(Box<Draft>),
}

/// Whether a passphrase is set, and if so whether this page holds the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock {
    /// No passphrase: drafts are stored plain.
    Off,
    /// A passphrase is set and this page does not hold the key: the unlock
    /// page shows, and nothing else.
    Locked,
    /// Unlocked in this page.
    Unlocked,
}

/// App-wide state: the draft store, what is showing and the status region.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lock: RwSignal<Lock>,
    /// The open draft's "save now", so locking stores it first.
    pub save_open: StoredValue<Option<Callback<()>>>,
    /// The last save that was not stored, whichever page made it (autosave,
    /// "Lock now", the idle lock, leaving a draft, the locked store's
    /// queue): shown on every page by `<StorageProblem/>`, and by the open
    /// draft when it is that draft's.
    pub store_problem: RwSignal<Option<Unsaved>>,
    /// Whether a draft's pages are on screen (`DraftView` mounted): until
    /// its module arrives an open draft shows none of its own panels.
    pub pages_shown: RwSignal<bool>,
    /// The last "Lock now" token this page has acted on (or seen when it
    /// was unlocked), to notice one it missed in the back/forward cache.
    pub lock_now_seen: StoredValue<Option<String>>,
    /// `Date.now()` of the last key press, tap or input (the idle lock).
    pub last_active: StoredValue<f64>,
    /// The draft and page the address named when the app opened locked.
    pub after_unlock: StoredValue<Option<(String, Page)>>,
    pub store: StoredValue<DraftStore, LocalStorage>,
    pub availability: RwSignal<Availability>,
    pub view: RwSignal<View>,
    /// The one status region: saves, failures and other notices, in words.
    pub status: RwSignal<Status>,
    pub settings: RwSignal<Settings>,
    /// The page to open the next draft on (from the address after a reload).
    pub start_page: StoredValue<Option<Page>>,
    /// "Show names" on the drafts page: whether a child's full name may be
    /// shown wherever a CAF is named (the drafts list, the task list's
    /// heading). Off at every start, because devices are shared.
    pub show_names: RwSignal<bool>,
}

/// A line in the status region.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    /// Drawn as a problem (a failed save) rather than news.
    pub problem: bool,
}

/// The drafts page's name in the window title and page-change announcements.
const DRAFTS_PAGE_NAME: &str = "Your CAFs on this device";

/// How every autosave line begins; the one piece of news that stays when
/// the page changes.
pub(crate) const SAVED_WORDS: &str = "Saved on this device at";

impl AppState {
    /// Says something in the status region.
    pub fn say(&self, text: impl Into<String>, problem: bool) {
        self.status.set(Status {
            text: text.into(),
            problem,
        });
    }

    /// Starts using an unlocked store (after unlocking, setting or changing
    /// the passphrase), and opens the draft the address named, if any.
    pub fn unlocked(&self, store: DraftStore) {
        let app = *self;
        store.on_problem(Rc::new(move |unsaved: Unsaved| app.not_stored(unsaved)));
        self.store.set_value(store);
        self.lock_now_seen.set_value(storage::lock_now_token());
        self.last_active.set_value(js_sys::Date::now());
        self.lock.set(Lock::Unlocked);
        if let Some(Some((id, page))) = self.after_unlock.try_update_value(Option::take) {
            if let Ok(Some(draft)) = self.store.with_value(|store| store.load(&id)) {
                self.start_page.set_value(Some(page));
                self.view.set(View::Open(Box::new(draft)));
            }
        }
    }

    /// Shows a save that was not stored (`StorageProblem`). One is kept: a
    /// draft's text is not replaced by a later report about another entry
    /// (a CAF's remembered withdrawals), which holds no draft to download.
    pub fn not_stored(&self, unsaved: Unsaved) {
        self.say(unsaved.error.to_string(), true);
        let is_draft = |u: &Unsaved| u.key.starts_with(storage::DRAFT_KEY_PREFIX);
        let keep_current = self
            .store_problem
            .try_with_untracked(|current| current.as_ref().is_some_and(is_draft))
            .unwrap_or(false);
        if is_draft(&unsaved) || !keep_current {
            let _ = self.store_problem.try_set(Some(unsaved));
        }
    }

    /// Locks: stores the open draft's last change, forgets the key and
    /// every plain text, and takes the form off the page. `tell_others`
    /// ("Lock now") locks every other open tab too.
    pub fn lock_now(&self, tell_others: bool) {
        if tell_others {
            storage::tell_other_tabs_to_lock();
        }
        if self.lock.get_untracked() == Lock::Off {
            return;
        }
        if let Some(save) = self.save_open.get_value() {
            save.run(());
        }
        // Unlocking comes back to the page that was open.
        if let Some(route) = router::parse_route(&platform::hash()) {
            self.after_unlock.set_value(Some(route));
        }
        self.store.with_value(DraftStore::forget);
        self.store.set_value(DraftStore::open().0);
        self.view.set(View::Drafts);
        self.lock.set(Lock::Locked);
        self.say("The drafts are locked.", false);
        request_animation_frame(|| platform::focus("step-heading"));
    }

    /// Clears one-off news ("The draft file was imported.") when the page
    /// changes; problems and the last save stay until they change.
    pub(crate) fn clear_news(&self) {
        let is_news = self
            .status
            .with_untracked(|s| !s.problem && !s.text.starts_with(SAVED_WORDS));
        if is_news {
            self.status.set(Status::default());
        }
    }
}

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    platform::remove_loading_message();
    let (store, availability) = DraftStore::open();
    let lock = match store.lock_status() {
        LockStatus::Off => Lock::Off,
        LockStatus::On | LockStatus::Damaged(_) => Lock::Locked,
    };
    let mut after_unlock = None;
    // After a reload, reopen the draft and page the address names.
    let hash = platform::hash();
    let (view, start_page) = match router::address(&hash) {
        // Locked: the drafts page shows the unlock form; the page the
        // address named opens once the drafts are unlocked.
        Address::Draft(id, page) if lock == Lock::Locked => {
            after_unlock = Some((id, page));
            (View::Drafts, None)
        }
        Address::Draft(id, page) => match store.load(&id) {
            Ok(Some(draft)) => {
                router::open_from_outside(&hash);
                (View::Open(Box::new(draft)), Some(page))
            }
            _ => (View::Drafts, None),
        },
        _ => (View::Drafts, None),
    };
    if matches!(view, View::Drafts) && !hash.is_empty() {
        router::correct_to_drafts();
    }
    let app = AppState {
        store: StoredValue::new_local(store),
        availability: RwSignal::new(availability),
        view: RwSignal::new(view),
        status: RwSignal::new(Status::default()),
        settings: RwSignal::new(Settings::default()),
        start_page: StoredValue::new(start_page),
        show_names: RwSignal::new(false),
        lock: RwSignal::new(lock),
        save_open: StoredValue::new(None),
        store_problem: RwSignal::new(None),
        pages_shown: RwSignal::new(false),
        lock_now_seen: StoredValue::new(storage::lock_now_token()),
        last_active: StoredValue::new(js_sys::Date::now()),
        after_unlock: StoredValue::new(after_unlock),
    };
    watch_lock(app);
    Effect::new(move |previous: Option<bool>| {
        let on_drafts = app.view.with(|view| matches!(view, View::Drafts));
        if on_drafts {
            let arrival = router::arrive("");
            platform::set_title(&window_title(DRAFTS_PAGE_NAME, false));
            // Focus stays at the top of the document when the app opens.
            if previous.is_some() {
                router::focus_after_render(
                    match arrival {
                        Arrival::Returned(focus) => focus,
                        Arrival::New => None,
                    },
                    DRAFTS_PAGE_NAME,
                    "",
                );
            }
        }
        on_drafts
    });
    let on_focus = window_event_listener(leptos::ev::focusin, |ev| {
        router::note_focus(platform::target_id(&ev));
    });
    // Back and Forward: show the page the address now names. A page of the
    // open draft is followed by the draft view itself.
    let on_history = window_event_listener(leptos::ev::popstate, move |_| {
        let open_id = app.view.with_untracked(|view| match view {
            View::Open(draft) => Some(draft.id.clone()),
            View::Drafts => None,
        });
        match router::address(&platform::hash()) {
            Address::Anchor => {}
            Address::Drafts => {
                if open_id.is_some() {
                    app.view.set(View::Drafts);
                }
            }
            Address::Draft(id, _) if open_id.as_deref() == Some(id.as_str()) => {}
            Address::Draft(id, page) => match app.store.with_value(|store| store.load(&id)) {
                Ok(Some(draft)) => {
                    app.start_page.set_value(Some(page));
                    app.view.set(View::Open(Box::new(draft)));
                }
                // A draft never saved (a new one left empty), deleted or
                // unreadable since: the drafts page, under its own address.
                _ => {
                    router::correct_to_drafts();
                    if open_id.is_some() {
                        app.view.set(View::Drafts);
                    }
                }
            },
        }
    });
    on_cleanup(move || {
        on_focus.remove();
        on_history.remove();
    });
    provide_context(app);
    leptos::task::spawn_local(async move {
        match platform::fetch_own_file("./local-settings.json").await {
            Ok(Some(text)) => {
                let (settings, problem) = parse_local_settings(&text);
                app.settings.set(settings);
                if let Some(problem) = problem {
                    app.say(problem, true);
                }
            }
            Ok(None) => (),
            Err(reason) => app.say(format!("{reason}, so the built-in settings are used"), true),
        }
    });
    leptos::task::spawn_local(async move {
        // The browser may still clear drafts under storage pressure unless
        // this is granted; the drafts page says so either way.
        let _ = storage::request_persistence().await;
    });
    leptos::task::spawn_local(platform::start_offline_support());
    let banner = move || {
        let availability = app.availability.get();
        (availability != Availability::Available).then(|| {
            view! { <div class="caf-notice caf-notice--problem" id="storage-banner" role="alert">{availability.to_string()}</div> }
        })
    };
    let page = move || match app.view.get() {
        _ if app.lock.get() == Lock::Locked => view! { <UnlockPage/> }.into_any(),
        View::Drafts => view! { <DraftsPage/> }.into_any(),
        View::Open(draft) => view! { <OpenDraft draft=*draft/> }.into_any(),
    };
    let status_class = move || {
        if app.status.with(|s| s.problem) {
            "caf-status caf-status--problem"
        } else {
            "caf-status"
        }
    };
    view! {
        <a class="caf-skip-link" href="#main-content">"Skip to main content"</a>
        <header class="caf-header">
            <div class="caf-width-container">
                <a class="caf-header__name" href="#" on:click=move |ev| {
                    ev.prevent_default();
                    app.view.set(View::Drafts);
                }>"CAF Lite"</a>
                <span class="caf-header__tagline">"Common Assessment Framework, kept on this device"</span>
                {move || (app.lock.get() == Lock::Unlocked).then(|| view! {
                    <button type="button" class="caf-header__lock" id="lock-now" on:click=move |_| app.lock_now(true)>"Lock now"</button>
                })}
                {move || app.settings.with(|s| {
                    let name = s.council_name.trim();
                    (!name.is_empty()).then(|| view! { <span class="caf-header__council" id="council-name">{name.to_owned()}</span> })
                })}
            </div>
        </header>
        <div class="caf-width-container">
            {banner}
            <StorageProblem/>
            <p class=status_class role="status" aria-live="polite" id="save-status">{move || app.status.with(|s| s.text.clone())}</p>
            <p class="caf-visually-hidden" id=router::PAGE_ANNOUNCER_ID aria-live="polite"></p>
            <main class="caf-main" id="main-content" tabindex="-1">{page}</main>
        </div>
    }
}

/// The one place a save that was not stored is shown with its remedy, on
/// every page (the drafts page, the unlock page, a draft): the words, and
/// "Download this draft now" with the text that was not stored. The open
/// draft's own failures are shown beside its form instead (`RemedyPanel`),
/// where the download holds what is on screen.
#[component]
fn StorageProblem() -> impl IntoView {
    let app = expect_context::<AppState>();
    let shown = move || {
        let unsaved = app.store_problem.get()?;
        let open_here = app.pages_shown.get()
            && app.view.with(|view| match view {
                View::Open(draft) => storage::draft_key(&draft.id) == unsaved.key,
                View::Drafts => false,
            })
            && app.lock.get() != Lock::Locked;
        (!open_here).then_some(unsaved)
    };
    let download = move |_| {
        let Some(unsaved) = app.store_problem.get_untracked() else {
            return;
        };
        let Some(draft) = unsaved
            .plain
            .as_deref()
            .and_then(|text| decode_stored(text).ok())
        else {
            return app.say("That draft's text is no longer held here.", true);
        };
        let text = encode_export(&draft, &platform::now_rfc3339());
        match platform::download(text.as_bytes(), &export_file_name(&draft), "application/json") {
            Ok(()) => app.say(
                "The draft that was not saved was downloaded as a draft file. Keep it somewhere safe: it holds personal details.",
                false,
            ),
            Err(err) => app.say(format!("The draft file could not be made: {err}."), true),
        }
    };
    move || {
        shown().map(|unsaved| {
            // While locked, what was not stored is offered only to whoever
            // unlocks: the page shows nothing of it.
            let locked = app.lock.get() == Lock::Locked;
            let can_download = unsaved.plain.is_some() && !locked;
            view! {
                <div class="caf-warning-panel" role="alert" id="storage-problem">
                    <h2 class="caf-heading-m">"A change was not saved"</h2>
                    <p class="caf-body">{unsaved.error.to_string()}</p>
                    {(locked && unsaved.plain.is_some()).then(|| view! {
                        <p class="caf-body" id="unlock-to-download">"Unlock the drafts to download what was not saved. Keep this page open until you have: it is held only here."</p>
                    })}
                    {can_download.then(|| view! {
                        <button type="button" class="caf-button" id="download-unsaved" on:click=download>"Download this draft now"</button>
                    })}
                    {(!locked).then(|| view! {
                        <button type="button" class="caf-button caf-button--secondary" id="dismiss-unsaved" on:click=move |_| app.store_problem.set(None)>"I have kept it"</button>
                    })}
                </div>
            }
        })
    }
}

/// The idle lock, the lock after the page was hidden that long, and the
/// other tabs' "Lock now" and passphrase changes.
fn watch_lock(app: AppState) {
    let period_ms =
        move || f64::from(app.settings.with_untracked(|s| s.lock_after_seconds)) * 1000.0;
    let idle_too_long = move || js_sys::Date::now() - app.last_active.get_value() >= period_ms();
    for event in ["keydown", "pointerdown", "input", "wheel", "touchstart"] {
        let handle = window_event_listener_untyped(event, move |_| {
            app.last_active.set_value(js_sys::Date::now());
        });
        std::mem::forget(handle);
    }
    let check = move || {
        if app.lock.get_untracked() == Lock::Unlocked && idle_too_long() {
            app.lock_now(false);
        }
    };
    // Hidden pages run timers rarely: coming back checks at once.
    std::mem::forget(window_event_listener(
        leptos::ev::visibilitychange,
        move |_| {
            let hidden = web_sys::window()
                .and_then(|window| window.document())
                .is_some_and(|document| document.hidden());
            if !hidden {
                check();
            }
        },
    ));
    // Runs as long as the page: the handle is never needed.
    let _ = set_interval_with_handle(check, Duration::from_secs(1));
    let lock_now_seen = app.lock_now_seen;
    std::mem::forget(window_event_listener(
        leptos::ev::storage,
        move |ev| match ev.key().as_deref() {
            Some(storage::LOCK_NOW_KEY) => {
                lock_now_seen.set_value(ev.new_value());
                app.lock_now(false);
            }
            Some(storage::LOCK_KEY) => lock_record_changed(app),
            _ => (),
        },
    ));
    // Back from the back/forward cache, the page heard no storage events
    // while it was away: read the lock, the stored drafts and their status
    // again before anything is printed or saved.
    std::mem::forget(window_event_listener(leptos::ev::pageshow, move |ev| {
        if !ev.persisted() {
            return;
        }
        let token = storage::lock_now_token();
        let status = app.store.with_value(DraftStore::lock_status);
        match app.lock.get_untracked() {
            Lock::Off if status != LockStatus::Off => return lock_record_changed(app),
            Lock::Locked if status == LockStatus::Off => return lock_record_changed(app),
            Lock::Unlocked if token != lock_now_seen.get_value() => {
                lock_now_seen.set_value(token);
                // Locks, and follows a lock turned off or changed meanwhile.
                return lock_record_changed(app);
            }
            _ => (),
        }
        let store = app.store.get_value();
        leptos::task::spawn_local(async move {
            let (key_current, _) = store.catch_up().await;
            if !key_current {
                return lock_record_changed(app);
            }
            // The drafts page lists again (an open draft checks itself).
            if app.view.with_untracked(|view| matches!(view, View::Drafts)) {
                app.view.set(View::Drafts);
            }
        });
    }));
}

/// Another tab set, changed or removed the passphrase: the key this page
/// holds (if any) is no longer the one in use.
fn lock_record_changed(app: AppState) {
    app.lock_now(false);
    let status = app.store.with_value(DraftStore::lock_status);
    if status == LockStatus::Off {
        app.store.set_value(DraftStore::open().0);
        app.lock.set(Lock::Off);
    } else if app.lock.get_untracked() == Lock::Off {
        if let Some(save) = app.save_open.get_value() {
            save.run(());
        }
        app.view.set(View::Drafts);
        app.store.set_value(DraftStore::open().0);
        app.lock.set(Lock::Locked);
        app.say(
            "A passphrase was set in another tab: the drafts are locked.",
            false,
        );
    }
}
