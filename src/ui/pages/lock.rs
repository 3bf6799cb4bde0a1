//! The passphrase pages: the unlock page, and on the drafts page setting a
//! passphrase (explained first), "Lock now", changing it and turning it off.
//! The rules are `storage::locked` and `storage`; this is the words and forms.

use leptos::prelude::*;

use crate::storage::crypto;
use crate::storage::format::{encode_export, export_file_name};
use crate::storage::locked::{
    check_new_passphrase, decode_locked_file, encode_locked_file, locked_file_name,
    MIN_PASSPHRASE_CHARS,
};
use crate::storage::{DraftStore, LockError, LockStatus};
use crate::ui::app::{AppState, Lock};
use crate::ui::platform;

/// Problems with the passphrase form: the control's id and the words.
type Problems = RwSignal<Vec<(String, String)>>;

/// The error summary at the top of a passphrase form; focused when it shows.
#[component]
fn FormSummary(problems: Problems, id: &'static str) -> impl IntoView {
    Effect::new(move |_| {
        if problems.with(|p| !p.is_empty()) {
            request_animation_frame(move || platform::focus(id));
        }
    });
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let links = problems
                .into_iter()
                .map(|(target, message)| {
                    let href = format!("#{target}");
                    view! {
                        <li><a href=href on:click=move |ev| {
                            ev.prevent_default();
                            platform::focus(&target);
                        }>{message}</a></li>
                    }
                })
                .collect_view();
            view! {
                <div class="caf-error-summary" id=id tabindex="-1" role="alert">
                    <h2 class="caf-error-summary__title">"There is a problem"</h2>
                    <ul class="caf-error-summary__list">{links}</ul>
                </div>
            }
        })
    }
}

/// One passphrase box with its label, hint and message beside it.
#[component]
fn PassphraseField(
    id: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: String,
    value: RwSignal<String>,
    problems: Problems,
) -> impl IntoView {
    let message = move || {
        problems.with(|p| {
            p.iter()
                .find(|(target, _)| target == id)
                .map(|(_, words)| words.clone())
        })
    };
    let has_hint = !hint.is_empty();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class=move || if message().is_some() { "caf-field caf-field--error" } else { "caf-field" }>
            <label class="caf-label" for=id>{label}</label>
            {has_hint.then(|| view! { <div class="caf-hint" id=hint_id.clone()>{hint}</div> })}
            {move || message().map(|words| view! {
                <p class="caf-error-message" id=error_id.clone()><span class="caf-visually-hidden">"Error: "</span>{words}</p>
            })}
            <input class="caf-input caf-input--half" type="password" id=id name=id
                autocomplete="off" spellcheck="false" autocapitalize="off"
                aria-describedby=described
                aria-invalid=move || message().is_some().then_some("true")
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())/>
        </div>
    }
}

fn drafts_words(n: usize) -> String {
    match n {
        0 => "No CAFs are stored on this device yet, but a passphrase is set.".to_owned(),
        1 => "1 CAF is locked on this device.".to_owned(),
        n => format!("{n} CAFs are locked on this device."),
    }
}

/// The page the app opens on while the drafts are locked.
#[component]
pub fn UnlockPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let n_drafts = app.store.with_value(DraftStore::count_drafts);
    let damaged = match app.store.with_value(DraftStore::lock_status) {
        LockStatus::Damaged(err) => Some(LockError::Record(err).to_string()),
        _ => None,
    };
    let passphrase = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            problems.set(vec![(
                "unlock-passphrase".into(),
                "Enter your passphrase".into(),
            )]);
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opened = DraftStore::unlock(&typed).await;
            busy.set(false);
            match opened {
                Ok(store) => {
                    passphrase.set(String::new());
                    app.unlocked(store);
                }
                Err(err) => {
                    let words = match err {
                        LockError::WrongPassphrase => {
                            "That passphrase does not unlock the drafts on this device. Check it and try again.".to_owned()
                        }
                        other => other.to_string(),
                    };
                    problems.set(vec![("unlock-passphrase".into(), words)]);
                }
            }
        });
    };
    view! {
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs are locked"</h1>
        <p class="caf-body caf-body--lead" id="locked-count">{drafts_words(n_drafts)}</p>
        {damaged.map(|words| view! { <div class="caf-notice caf-notice--problem" role="alert" id="lock-damaged">{words}</div> })}
        <FormSummary problems=problems id="unlock-summary"/>
        <form id="unlock-form" on:submit=submit novalidate>
            <PassphraseField id="unlock-passphrase" label="Passphrase" value=passphrase problems=problems
                hint="The passphrase set for the drafts on this device."/>
            <button type="submit" class="caf-button" id="unlock" prop:disabled=move || busy.get()>
                {move || if busy.get() { "Unlocking…" } else { "Unlock" }}
            </button>
        </form>
        <details class="caf-details">
            <summary class="caf-details__summary">"Forgotten the passphrase?"</summary>
            <div class="caf-details__text">
                <p class="caf-body">"It cannot be recovered, by you or anyone else: the drafts on this device can only be opened with it. Files you exported earlier still open."</p>
            </div>
        </details>
    }
}

/// The drafts page's part about the passphrase.
#[component]
pub fn LockPanel(
    /// Called after the stored drafts changed (a passphrase set or removed).
    on_change: Callback<()>,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    move || match app.lock.get() {
        Lock::Off => view! { <SetPassphrase on_change=on_change/> }.into_any(),
        _ => view! { <LockedPanel on_change=on_change/> }.into_any(),
    }
}

#[component]
fn SetPassphrase(on_change: Callback<()>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = first.get_untracked();
        if let Err((id, words)) = check_new_passphrase(&passphrase, &again.get_untracked()) {
            problems.set(vec![(id.to_owned(), words)]);
            return;
        }
        problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let store = app.store.get_value();
            let locked = store.set_passphrase(&passphrase).await;
            busy.set(false);
            match locked {
                Ok(store) => {
                    first.set(String::new());
                    again.set(String::new());
                    open.set(false);
                    app.unlocked(store);
                    app.say("The drafts on this device are now locked with your passphrase. Nothing readable about them is left in this browser's storage.", false);
                    on_change.run(());
                }
                Err(err) => problems.set(vec![("new-passphrase".into(), err.to_string())]),
            }
        });
    };
    let hint = format!("At least {MIN_PASSPHRASE_CHARS} characters. Three random words, like \"otter kettle marble\", are easy to remember and hard to guess.");
    view! {
        <h2 class="caf-heading-m" id="lock-heading">"Lock the drafts with a passphrase"</h2>
        <Show when=move || open.get() fallback=move || view! {
            <p class="caf-body">"On a shared laptop or tablet, a passphrase keeps the drafts on this device unreadable to anyone who does not know it."</p>
            <button type="button" class="caf-button caf-button--secondary" id="lock-start" on:click=move |_| open.set(true)>"Set a passphrase"</button>
        }>
            <div class="caf-inset" id="lock-explained">
                <p class="caf-body"><strong>"What it protects: "</strong>"every draft, every recently deleted copy and the list on this page are stored locked. Other people using this browser, or anyone who copies or finds this device, cannot read them."</p>
                <p class="caf-body"><strong>"What it does not: "</strong>"someone watching your screen while the drafts are open. The drafts lock again after a while without use, and when you choose Lock now."</p>
                <p class="caf-body"><strong>"If you forget it, "</strong>"the drafts cannot be opened by anyone, and there is no way to get them back. If in doubt, export a draft file of each CAF first and keep it safe."</p>
            </div>
            <FormSummary problems=problems id="lock-summary"/>
            <form id="set-passphrase-form" on:submit=submit novalidate>
                <PassphraseField id="new-passphrase" label="New passphrase" hint=hint.clone() value=first problems=problems/>
                <PassphraseField id="new-passphrase-again" label="Type the passphrase again" value=again problems=problems/>
                <button type="submit" class="caf-button" id="set-passphrase" prop:disabled=move || busy.get()>
                    {move || if busy.get() { "Locking the drafts…" } else { "Set passphrase and lock the drafts" }}
                </button>
                <button type="button" class="caf-button caf-button--secondary" on:click=move |_| { open.set(false); problems.set(Vec::new()); }>"Cancel"</button>
            </form>
        </Show>
    }
}

#[component]
fn LockedPanel(on_change: Callback<()>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let minutes = move || {
        let seconds = app.settings.with(|s| s.lock_after_seconds);
        if seconds % 60 == 0 {
            let minutes = seconds / 60;
            format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
        } else {
            format!("{seconds} seconds")
        }
    };
    let current = RwSignal::new(String::new());
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let off_current = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let off_problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let old = current.get_untracked();
        let new = first.get_untracked();
        let mut found = Vec::new();
        if old.is_empty() {
            found.push((
                "current-passphrase".to_owned(),
                "Enter your current passphrase".to_owned(),
            ));
        }
        if let Err((id, words)) = check_new_passphrase(&new, &again.get_untracked()) {
            found.push((id.to_owned(), words));
        }
        if !found.is_empty() {
            return problems.set(found);
        }
        problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let store = app.store.get_value();
            let changed = store.rekey(&old, Some(&new)).await;
            busy.set(false);
            match changed {
                Ok(store) => {
                    current.set(String::new());
                    first.set(String::new());
                    again.set(String::new());
                    app.unlocked(store);
                    app.say(
                        "The passphrase was changed. Use the new one from now on.",
                        false,
                    );
                    on_change.run(());
                }
                Err(LockError::WrongPassphrase) => problems.set(vec![(
                    "current-passphrase".into(),
                    "That is not the current passphrase".into(),
                )]),
                Err(err) => problems.set(vec![("current-passphrase".into(), err.to_string())]),
            }
        });
    };
    let turn_off = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let old = off_current.get_untracked();
        if old.is_empty() {
            return off_problems.set(vec![(
                "off-passphrase".into(),
                "Enter your current passphrase".into(),
            )]);
        }
        off_problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let store = app.store.get_value();
            let changed = store.rekey(&old, None).await;
            busy.set(false);
            match changed {
                Ok(store) => {
                    off_current.set(String::new());
                    app.store.set_value(store);
                    app.lock.set(Lock::Off);
                    app.say("The lock is off: the drafts on this device are stored without a passphrase again.", false);
                    on_change.run(());
                }
                Err(LockError::WrongPassphrase) => off_problems.set(vec![(
                    "off-passphrase".into(),
                    "That is not the current passphrase".into(),
                )]),
                Err(err) => off_problems.set(vec![("off-passphrase".into(), err.to_string())]),
            }
        });
    };
    view! {
        <h2 class="caf-heading-m" id="lock-heading">"Locked with a passphrase"</h2>
        <p class="caf-body">{move || format!("The drafts on this device are stored locked. They lock again after {} without use, when the page is hidden for that long, and when you choose Lock now.", minutes())}</p>
        <button type="button" class="caf-button caf-button--secondary" id="lock-now-drafts" on:click=move |_| app.lock_now(true)>"Lock now"</button>
        <details class="caf-details" id="change-passphrase">
            <summary class="caf-details__summary">"Change the passphrase"</summary>
            <div class="caf-details__text">
                <FormSummary problems=problems id="change-summary"/>
                <form on:submit=change novalidate>
                    <PassphraseField id="current-passphrase" label="Current passphrase" value=current problems=problems/>
                    <PassphraseField id="new-passphrase" label="New passphrase" hint=format!("At least {MIN_PASSPHRASE_CHARS} characters. Three random words are easy to remember and hard to guess.") value=first problems=problems/>
                    <PassphraseField id="new-passphrase-again" label="Type the new passphrase again" value=again problems=problems/>
                    <button type="submit" class="caf-button" id="change-passphrase-button" prop:disabled=move || busy.get()>"Change passphrase"</button>
                </form>
            </div>
        </details>
        <details class="caf-details" id="turn-off-lock">
            <summary class="caf-details__summary">"Turn the lock off"</summary>
            <div class="caf-details__text">
                <p class="caf-body">"The drafts will be stored readable again, by anyone using this browser."</p>
                <FormSummary problems=off_problems id="off-summary"/>
                <form on:submit=turn_off novalidate>
                    <PassphraseField id="off-passphrase" label="Current passphrase" value=off_current problems=off_problems/>
                    <button type="submit" class="caf-button caf-button--warning" id="turn-off-button" prop:disabled=move || busy.get()>"Turn the lock off"</button>
                </form>
            </div>
        </details>
    }
}

/// "Export locked file" on a draft's row: asks for a passphrase (this
/// device's or another), then downloads the draft file sealed with it.
#[component]
pub fn LockedExport(
    /// The draft to export (read from the store when the file is made).
    id: String,
    /// How the draft is named on the list, for screen readers.
    label: String,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let first = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let passphrase = first.get_untracked();
        if let Err((field, words)) = check_new_passphrase(&passphrase, &again.get_untracked()) {
            let field = if field == "new-passphrase" {
                "export-passphrase"
            } else {
                "export-passphrase-again"
            };
            return problems.set(vec![(field.to_owned(), words)]);
        }
        let draft = match app.store.with_value(|store| store.load(&id.get_value())) {
            Ok(Some(draft)) => draft,
            Ok(None) => return app.say("This draft is no longer stored on this device.", true),
            Err(err) => return app.say(err.to_string(), true),
        };
        problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let plain = encode_export(&draft, &platform::now_rfc3339());
            let sealed = crypto::lock_file(&passphrase, plain.as_bytes()).await;
            busy.set(false);
            match sealed {
                Ok(file) => {
                    let name = locked_file_name(&export_file_name(&draft));
                    match platform::download(
                        encode_locked_file(&file).as_bytes(),
                        &name,
                        "application/json",
                    ) {
                        Ok(()) => {
                            first.set(String::new());
                            again.set(String::new());
                            open.set(false);
                            app.say("The locked draft file was created. It opens only with the passphrase you gave.", false);
                        }
                        Err(err) => app.say(err.to_string(), true),
                    }
                }
                Err(reason) => app.say(
                    format!("The locked file could not be made: {reason}."),
                    true,
                ),
            }
        });
    };
    view! {
        <button type="button" class="caf-button caf-button--secondary" on:click=move |_| open.update(|o| *o = !*o)>
            "Export locked file"<span class="caf-visually-hidden">{format!(" {label}")}</span>
        </button>
        <Show when=move || open.get()>
            <div class="caf-inset" id="locked-export">
                <FormSummary problems=problems id="export-summary"/>
                <form on:submit=submit novalidate>
                    <PassphraseField id="export-passphrase" label="Passphrase for the file"
                        hint="The same as this device's, or another. Whoever opens the file needs it." value=first problems=problems/>
                    <PassphraseField id="export-passphrase-again" label="Type it again" value=again problems=problems/>
                    <button type="submit" class="caf-button" id="export-locked" prop:disabled=move || busy.get()>"Download the locked file"</button>
                </form>
            </div>
        </Show>
    }
}

/// The passphrase asked for after a locked draft file was chosen to import.
#[component]
pub fn LockedImport(
    /// The chosen file's bytes.
    bytes: Vec<u8>,
    /// Called with the plain draft file's bytes once it opens.
    on_open: Callback<Vec<u8>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let bytes = StoredValue::new(bytes);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = passphrase.get_untracked();
        if typed.is_empty() {
            return problems.set(vec![(
                "import-passphrase".into(),
                "Enter the file's passphrase".into(),
            )]);
        }
        let file = match bytes.with_value(|bytes| decode_locked_file(bytes)) {
            Ok(file) => file,
            Err(err) => {
                return problems.set(vec![(
                    "import-passphrase".into(),
                    format!("This file cannot be opened: {err}"),
                )])
            }
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opened = crypto::open_file(&typed, &file).await;
            busy.set(false);
            match opened {
                Ok(Some(plain)) => on_open.run(plain),
                Ok(None) => problems.set(vec![(
                    "import-passphrase".into(),
                    "That passphrase does not open this file, or the file is damaged".into(),
                )]),
                Err(reason) => problems.set(vec![(
                    "import-passphrase".into(),
                    format!("The file could not be opened: {reason}"),
                )]),
            }
        });
    };
    view! {
        <div class="caf-warning-panel" id="locked-import">
            <h2 class="caf-heading-m">"This draft file is locked"</h2>
            <FormSummary problems=problems id="import-summary"/>
            <form on:submit=submit novalidate>
                <PassphraseField id="import-passphrase" label="The file's passphrase" value=passphrase problems=problems/>
                <button type="submit" class="caf-button" id="import-unlock" prop:disabled=move || busy.get()>"Open and import"</button>
                <button type="button" class="caf-button caf-button--secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </form>
        </div>
    }
}
