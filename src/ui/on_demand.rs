//! The parts of the page loaded on demand.
//!
//! The release build (`.ci/build-page.mjs`, with the `split` feature) moves
//! each function marked `wasm_split` below, and all the code only it
//! reaches, out of the first module into a module of its own. The first call
//! fetches that module (from the service worker's cache after the first
//! visit); until it arrives the page says so, and if it cannot be fetched the
//! page says that, with "Try again", and nothing typed is lost. Without the
//! feature (`trunk serve`, the tests of components) the functions are plain
//! calls in the one module.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use crate::domain::Draft;
use crate::ui::app::AppState;
use crate::ui::draft::DraftView;
use crate::ui::platform;
use crate::ui::router;
use crate::ui::state::{window_title, Page};

/// A module that did not arrive: offline before it was ever cached, a server
/// that no longer holds it (a new release), or a connection that dropped.
#[derive(Debug)]
pub struct NotLoaded;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// A draft's pages: the task list, the steps, Check answers, reviews, the
/// handout, printing. Everything a draft needs beyond the drafts page.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        draft_pages,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_draft_pages)
    )
)]
fn draft_pages(draft: Draft, start_page: Option<Page>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <DraftView draft=draft start_page=start_page/> }.into_any())
}

/// The pages a plan needs after the assessment: reviews, the meetings
/// (caf-form.md §3.13) with the calendar file, the invitations and the
/// meeting record they make, and the printable handout and invitation:
/// fetched the first time one of them is opened.
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        plan_pages,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_plan_pages)
    )
)]
fn plan_pages(page: Page) -> Result<AnyView, NotLoaded> {
    use crate::ui::pages::{HandoutPage, InvitationPage, MeetingsPage, ReviewsPage};
    Ok(match page {
        Page::Invitation { meeting, invitee } => {
            view! { <InvitationPage meeting=meeting invitee=invitee/> }.into_any()
        }
        Page::Handout => view! { <HandoutPage/> }.into_any(),
        Page::Meetings => view! { <MeetingsPage/> }.into_any(),
        _ => view! { <ReviewsPage/> }.into_any(),
    })
}

/// Whether the plan pages' module has arrived (set once, never cleared).
static PLAN_PAGES_ARRIVED: AtomicBool = AtomicBool::new(!cfg!(feature = "split"));

/// The answer of a call into a module that has arrived: its first poll (the
/// loader's cell is set, so it answers at once). Awaiting it instead would
/// build the pages inside a future, whose owner is not the page's, and
/// whose effects then outlived the draft's signals.
#[cfg(feature = "split")]
fn at_once(
    call: impl std::future::Future<Output = Result<AnyView, NotLoaded>>,
) -> Result<AnyView, NotLoaded> {
    let call = std::pin::pin!(call);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::future::Future::poll(call, &mut cx) {
        std::task::Poll::Ready(pages) => pages,
        std::task::Poll::Pending => Err(NotLoaded),
    }
}

/// One of a draft's [`plan_pages`], once their module has arrived: until
/// then "Opening the page…", and if it does not arrive the message with
/// "Try again", which fetches again in place (the draft stays open and
/// saved).
#[component]
pub fn PlanPage(page: Page) -> impl IntoView {
    let (module, fetch) = watch_module(&PLAN_PAGES_ARRIVED, fetch_plan);
    let fetch = again_then_reload(fetch);
    move || match module.get() {
        Module::Fetching => view! { <Opening what="the page"/> }.into_any(),
        Module::Arrived => {
            // Focus was on "Opening…": it goes to the page's heading.
            if platform::focused_id().as_deref() == Some(router::LOADING_HEADING_ID) {
                request_animation_frame(|| platform::focus("step-heading"));
            }
            #[cfg(feature = "split")]
            let pages = untrack(|| at_once(plan_pages(page)));
            #[cfg(not(feature = "split"))]
            let pages = untrack(|| plan_pages(page));
            match pages {
                Ok(pages) => pages,
                Err(NotLoaded) => view! { <NotLoadedPanel retry=fetch/> }.into_any(),
            }
        }
        Module::NotLoaded => view! { <NotLoadedPanel retry=fetch/> }.into_any(),
    }
}

/// Fetches the plan pages' module; whether it arrived.
async fn fetch_plan() -> bool {
    #[cfg(feature = "split")]
    return fetch_plan_pages().await.is_ok();
    #[cfg(not(feature = "split"))]
    true
}

/// What the passphrase forms' module shows on the drafts page.
#[derive(Clone)]
pub enum LockPart {
    /// Setting a passphrase, or with one set: Lock now, changing it and
    /// turning it off (`pages::LockPanel`).
    Panel { on_change: Callback<()> },
    /// "Export locked file" on a draft's row (`pages::LockedExport`).
    Export { id: String, label: String },
    /// The passphrase for a locked file chosen to import (`pages::LockedImport`).
    Import {
        bytes: Vec<u8>,
        on_open: Callback<Vec<u8>>,
        on_cancel: Callback<()>,
    },
}

/// The drafts page's passphrase forms: setting, changing and turning off
/// the lock, and locked draft files out and in. The first screen does not
/// wait for them: their module is fetched as the drafts page shows (the
/// unlock page, which a locked device opens on, stays in the first module).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(
        lock_forms,
        wasm_split_path = ::leptos::wasm_split,
        fallible,
        preload(fetch_lock_forms)
    )
)]
fn lock_forms(part: LockPart) -> Result<AnyView, NotLoaded> {
    use crate::ui::pages::{LockPanel, LockedExport, LockedImport};
    Ok(match part {
        LockPart::Panel { on_change } => view! { <LockPanel on_change=on_change/> }.into_any(),
        LockPart::Export { id, label } => view! { <LockedExport id=id label=label/> }.into_any(),
        LockPart::Import {
            bytes,
            on_open,
            on_cancel,
        } => view! { <LockedImport bytes=bytes on_open=on_open on_cancel=on_cancel/> }.into_any(),
    })
}

/// Whether the passphrase forms' module has arrived (set once, never cleared).
static LOCK_FORMS_ARRIVED: AtomicBool = AtomicBool::new(!cfg!(feature = "split"));

/// Fetches the passphrase forms' module; whether it arrived.
async fn fetch_lock() -> bool {
    #[cfg(feature = "split")]
    return fetch_lock_forms().await.is_ok();
    #[cfg(not(feature = "split"))]
    true
}

/// One of the drafts page's passphrase forms, once their module has
/// arrived: nothing while it is on its way (the rest of the page works),
/// and if it does not arrive a line saying so with "Try again".
#[component]
pub fn LockForms(part: LockPart) -> impl IntoView {
    let (module, fetch) = watch_module(&LOCK_FORMS_ARRIVED, fetch_lock);
    let fetch = again_then_reload(fetch);
    move || match module.get() {
        Module::Fetching => ().into_any(),
        Module::Arrived => {
            let part = part.clone();
            #[cfg(feature = "split")]
            let forms = untrack(|| at_once(lock_forms(part)));
            #[cfg(not(feature = "split"))]
            let forms = untrack(|| lock_forms(part));
            forms.unwrap_or_else(|NotLoaded| view! { <LockFormsNotLoaded retry=fetch/> }.into_any())
        }
        Module::NotLoaded => view! { <LockFormsNotLoaded retry=fetch/> }.into_any(),
    }
}

/// The passphrase forms did not arrive: said where they would be.
#[component]
fn LockFormsNotLoaded(retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    view! {
        <div class="caf-inset lock-forms-failed">
            <p class="caf-body">"The passphrase settings have not loaded. Your drafts are kept on this device. Check that you are online, then try again."</p>
            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| retry()>"Try again"</button>
        </div>
    }
}

/// "Try again" for a module that did not arrive: the first press fetches
/// again in place; a later one reloads the page where it is, when that
/// loses nothing (`reload_loses_nothing`), so a tab of an old release,
/// whose server no longer has this build's modules, picks up the new one.
fn again_then_reload(
    fetch: impl Fn() + Copy + Send + Sync + 'static,
) -> impl Fn() + Copy + Send + Sync + 'static {
    let app = expect_context::<AppState>();
    let tries = StoredValue::new(0u32);
    move || {
        let tried = tries.try_update_value(|n| {
            *n += 1;
            *n
        });
        if tried.is_some_and(|n| n >= 2) && reload_loses_nothing(app) {
            platform::reload();
        } else {
            fetch();
        }
    }
}

/// A module's state, fetched now unless it has already arrived, and the
/// way to fetch it again (a failure is not remembered: the next call
/// fetches again).
fn watch_module<F, Fut>(
    arrived: &'static AtomicBool,
    fetch: F,
) -> (RwSignal<Module>, impl Fn() + Copy + Send + Sync + 'static)
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + 'static,
{
    let module = RwSignal::new(if arrived.load(Ordering::Relaxed) {
        Module::Arrived
    } else {
        Module::Fetching
    });
    let start = move || {
        module.set(Module::Fetching);
        leptos::task::spawn_local(async move {
            let came = fetch().await;
            if came {
                arrived.store(true, Ordering::Relaxed);
            }
            // The page may have been left meanwhile.
            let _ = module.try_set(if came {
                Module::Arrived
            } else {
                Module::NotLoaded
            });
        });
    };
    if module.get_untracked() == Module::Fetching {
        start();
    }
    (module, start)
}

/// Whether the draft pages' module has arrived (set once, never cleared).
static ARRIVED: AtomicBool = AtomicBool::new(!cfg!(feature = "split"));

/// Fetches the draft pages' module, once; a failure is not remembered, so
/// the next call fetches again.
async fn fetch() -> Result<(), NotLoaded> {
    #[cfg(feature = "split")]
    fetch_draft_pages().await?;
    ARRIVED.store(true, Ordering::Relaxed);
    Ok(())
}

/// The draft's pages, built now, in the caller's reactive owner (as when
/// they were in the first module): only once the module has arrived.
fn build(draft: Draft, start_page: Option<Page>) -> Result<AnyView, NotLoaded> {
    #[cfg(feature = "split")]
    {
        at_once(draft_pages(draft, start_page))
    }
    #[cfg(not(feature = "split"))]
    {
        draft_pages(draft, start_page)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Module {
    Fetching,
    Arrived,
    NotLoaded,
}

/// An open draft, once its pages' module has arrived.
#[component]
pub fn OpenDraft(
    /// The draft as loaded or created.
    draft: Draft,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    // The page the address named is this draft's, taken now: not left for
    // the next draft opened while this one's module is on its way.
    let start_page = app.start_page.get_value();
    app.start_page.set_value(None);
    let module = RwSignal::new(if ARRIVED.load(Ordering::Relaxed) {
        Module::Arrived
    } else {
        Module::Fetching
    });
    let id = draft.id.clone();
    // A failed fetch is tried again in place; after a second failure in a
    // row the page is reloaded at this draft's address, when that loses
    // nothing (a new release's server no longer has this build's module).
    let failures = StoredValue::new(0u32);
    let start_fetch = move || {
        module.set(Module::Fetching);
        let id = id.clone();
        leptos::task::spawn_local(async move {
            let arrived = fetch().await.is_ok();
            if !arrived {
                let failed = failures.try_update_value(|n| {
                    *n += 1;
                    *n
                });
                if failed.is_some_and(|n| n >= 2) && reload_loses_nothing(app) {
                    reload_at(app, &id);
                    return;
                }
            }
            // The user may have left the draft meanwhile.
            let _ = module.try_set(if arrived {
                Module::Arrived
            } else {
                Module::NotLoaded
            });
        });
    };
    let start_fetch = StoredValue::new(start_fetch);
    if module.get_untracked() == Module::Fetching {
        start_fetch.with_value(|start| start());
    }
    let retry = move || start_fetch.with_value(|start| start());
    move || match module.get() {
        Module::Fetching => view! { <Opening what="the draft"/> }.into_any(),
        Module::Arrived => {
            match untrack(|| build(draft.clone(), page_now(&draft.id, start_page))) {
                Ok(pages) => pages,
                Err(NotLoaded) => view! { <NotLoadedPanel retry=retry/> }.into_any(),
            }
        }
        Module::NotLoaded => view! { <NotLoadedPanel retry=retry/> }.into_any(),
    }
}

/// The page to open the draft `id` on once its module is there: the
/// page of this draft the address names now (it may have changed while the
/// module was on its way: Back, Forward or an address typed), else the
/// page asked for when the draft was opened.
fn page_now(id: &str, asked: Option<Page>) -> Option<Page> {
    match router::address(&platform::hash()) {
        router::Address::Draft(open, page) if open == id => Some(page),
        _ => asked,
    }
}

/// Whether reloading the page loses nothing held only in this page: drafts
/// are kept on the device, no save is waiting, and no text a failed save
/// did not store is held. (With a passphrase set the reload asks for it
/// again, as Lock now does.)
fn reload_loses_nothing(app: AppState) -> bool {
    app.store_problem.with_untracked(Option::is_none)
        && app
            .store
            .with_value(|store| store.is_persistent() && store.is_idle())
}

/// Reloads at this draft's address (a new draft not yet saved holds nothing
/// typed: then the drafts page), as a new history entry so Back still
/// reaches the drafts page.
fn reload_at(app: AppState, id: &str) {
    let here =
        matches!(router::address(&platform::hash()), router::Address::Draft(open, _) if open == id);
    if !here && matches!(app.store.with_value(|store| store.exists(id)), Ok(true)) {
        platform::push_address(&router::route(id, Page::TaskList), "");
    }
    platform::reload();
}

/// While the module is on its way: a heading that takes focus (the control
/// that opened the draft has gone) and the window title.
#[component]
fn Opening(
    /// What is opening: "the draft", "the meetings".
    what: &'static str,
) -> impl IntoView {
    let words = format!("Opening {what}");
    platform::set_title(&window_title(&words, false));
    Effect::new(move |_| platform::focus(router::LOADING_HEADING_ID));
    view! {
        <h1 class="caf-heading-l" id=router::LOADING_HEADING_ID tabindex="-1">{format!("{words}…")}</h1>
    }
}

/// The message when a module did not arrive, with "Try again": in place,
/// and on a second failure in a row a reload at the draft's address when
/// that loses nothing (`reload_loses_nothing`).
#[component]
fn NotLoadedPanel(retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    platform::set_title(&window_title("Not loaded", true));
    Effect::new(move |_| platform::focus(router::NOT_LOADED_HEADING_ID));
    // Focus goes to the heading, which is announced: no role=alert besides.
    view! {
        <div class="caf-warning-panel" id="module-failed">
            <h1 class="caf-heading-l" id=router::NOT_LOADED_HEADING_ID tabindex="-1">"This part of CAF Lite has not loaded"</h1>
            <p class="caf-body">"The pages for this could not be fetched. Your drafts are kept on this device. Check that you are online, then try again."</p>
            <button type="button" class="caf-button" id="module-retry" on:click=move |_| retry()>"Try again"</button>
        </div>
    }
}
