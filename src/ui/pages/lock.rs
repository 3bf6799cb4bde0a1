//! The passphrase pages: the unlock page, and on the drafts page setting a
//! passphrase (explained first), "Lock now", changing it and turning it off.
//! The rules are `storage::locked` and `storage`; this is the words and forms.

use leptos::prelude::*;

use crate::domain::{settle_withdrawal, write_in_remembered};
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

/// What the first box of every passphrase form says beside it: a browser's
/// password manager offers to save what is typed there, and on a shared
/// computer or browser profile it would then fill it in for the next person.
pub const DO_NOT_SAVE_HINT: &str = "Do not let the browser save this passphrase: on a shared computer it would fill it in for the next person.";

/// One passphrase box with its label, hint and message beside it.
/// Every box asks the browser not to fill in or save a password the
/// standard way: `autocomplete="new-password"` (Chrome ignores "off" on a
/// password box), and no `name`; no form holds a username box.
/// `save_warning` shows [`DO_NOT_SAVE_HINT`] beside it as well.
#[component]
fn PassphraseField(
    id: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: String,
    #[prop(optional)] save_warning: bool,
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
    let save_id = format!("{id}-save-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        let save_id = save_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if save_warning {
                ids.push(save_id.clone());
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
            {save_warning.then(|| view! { <div class="caf-hint" id=save_id.clone()>{DO_NOT_SAVE_HINT}</div> })}
            {move || message().map(|words| view! {
                <p class="caf-error-message" id=error_id.clone()><span class="caf-visually-hidden">"Error: "</span>{words}</p>
            })}
            <input class="caf-input caf-input--half" type="password" id=id
                autocomplete="new-password" spellcheck="false" autocapitalize="off"
                aria-describedby=described
                aria-invalid=move || message().is_some().then_some("true")
                prop:value=move || value.get()
                on:input:target=move |ev| value.set(ev.target().value())/>
        </div>
    }
}

/// One box of a [`PassphraseForm`]: its id, label and hint.
#[derive(Clone)]
struct PassphraseBox {
    id: &'static str,
    label: &'static str,
    hint: String,
}

fn field(id: &'static str, label: &'static str, hint: &str) -> PassphraseBox {
    PassphraseBox {
        id,
        label,
        hint: hint.to_owned(),
    }
}

/// The values typed into a form's boxes, in order.
type Values = StoredValue<Vec<RwSignal<String>>>;

/// Every passphrase form on the page: the error summary, the boxes, the
/// button (busy while WebCrypto works) and an optional Cancel. One component
/// for all of them keeps the page's code small.
#[component]
fn PassphraseForm(
    boxes: Vec<PassphraseBox>,
    values: Values,
    problems: Problems,
    busy: RwSignal<bool>,
    summary_id: &'static str,
    submit_id: &'static str,
    submit_label: &'static str,
    busy_label: &'static str,
    #[prop(optional)] warning: bool,
    on_submit: Callback<()>,
    #[prop(optional)] on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let fields = boxes
        .into_iter()
        .enumerate()
        .map(|(idx, b)| {
            let value = values.with_value(|values| values[idx]);
            view! { <PassphraseField id=b.id label=b.label hint=b.hint save_warning={idx == 0} value=value problems=problems/> }
        })
        .collect_view();
    let class = if warning {
        "caf-button caf-button--warning"
    } else {
        "caf-button"
    };
    view! {
        <FormSummary problems=problems id=summary_id/>
        <form novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if !busy.get_untracked() {
                on_submit.run(());
            }
        }>
            {fields}
            <button type="submit" class=class id=submit_id prop:disabled=move || busy.get()>
                {move || if busy.get() { busy_label } else { submit_label }}
            </button>
            {on_cancel.map(|cancel| view! {
                <button type="button" class="caf-button caf-button--secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
            })}
        </form>
    }
}

fn values(n: usize) -> Values {
    StoredValue::new((0..n).map(|_| RwSignal::new(String::new())).collect())
}

fn value(values: Values, idx: usize) -> String {
    values.with_value(|values| values[idx].get_untracked())
}

/// Empties the boxes; called after an await, when the form may be gone.
fn clear(values: Values) {
    let _ = values.try_with_value(|values| values.iter().for_each(|v| v.set(String::new())));
}

fn one(id: &str, words: impl Into<String>) -> Vec<(String, String)> {
    vec![(id.to_owned(), words.into())]
}

fn new_passphrase_hint() -> String {
    format!("At least {MIN_PASSPHRASE_CHARS} characters. Three random words, like \"otter kettle marble\", are easy to remember and hard to guess.")
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
    let typed = values(1);
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let submit = Callback::new(move |_: ()| {
        let passphrase = value(typed, 0);
        if passphrase.is_empty() {
            return problems.set(one("unlock-passphrase", "Enter your passphrase"));
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opened = DraftStore::unlock(&passphrase).await;
            busy.set(false);
            match opened {
                Ok(store) => {
                    clear(typed);
                    app.unlocked(store);
                }
                Err(err) => problems.set(one("unlock-passphrase", err.to_string())),
            }
        });
    });
    view! {
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs are locked"</h1>
        <p class="caf-body caf-body--lead" id="locked-count">{drafts_words(n_drafts)}</p>
        {damaged.map(|words| view! { <div class="caf-notice caf-notice--problem" role="alert" id="lock-damaged">{words}</div> })}
        <div id="unlock-form">
            <PassphraseForm boxes=vec![field("unlock-passphrase", "Passphrase", "The passphrase set for the drafts on this device.")]
                values=typed problems=problems busy=busy summary_id="unlock-summary" submit_id="unlock"
                submit_label="Unlock" busy_label="Unlocking…" on_submit=submit/>
        </div>
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
    let typed = values(2);
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let submit = Callback::new(move |_: ()| {
        let passphrase = value(typed, 0);
        if let Err((id, words)) = check_new_passphrase(&passphrase, &value(typed, 1)) {
            return problems.set(one(id, words));
        }
        problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let store = app.store.get_value();
            let locked = store.set_passphrase(&passphrase).await;
            busy.set(false);
            match locked {
                Ok((store, nothing_readable)) => {
                    clear(typed);
                    open.set(false);
                    app.unlocked(store);
                    if nothing_readable {
                        app.say("The drafts on this device are now locked with your passphrase. Nothing readable about them is left in this browser's storage.", false);
                    } else {
                        app.say("The passphrase is set, but some drafts are still stored without it: this browser did not take every change. Keep this page open and try Lock now, or download the drafts and delete them here.", true);
                    }
                    on_change.try_run(());
                }
                Err(err) => problems.set(one("new-passphrase", err.to_string())),
            }
        });
    });
    let cancel = Callback::new(move |_: ()| {
        open.set(false);
        problems.set(Vec::new());
    });
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
            <PassphraseForm boxes=vec![
                    field("new-passphrase", "New passphrase", &new_passphrase_hint()),
                    field("new-passphrase-again", "Type the passphrase again", ""),
                ]
                values=typed problems=problems busy=busy summary_id="lock-summary" submit_id="set-passphrase"
                submit_label="Set passphrase and lock the drafts" busy_label="Locking the drafts…"
                on_submit=submit on_cancel=cancel/>
        </Show>
    }
}

#[component]
fn LockedPanel(on_change: Callback<()>) -> impl IntoView {
    let app = expect_context::<AppState>();
    let period = move || {
        let seconds = app.settings.with(|s| s.lock_after_seconds);
        if seconds % 60 == 0 {
            let minutes = seconds / 60;
            format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
        } else {
            format!("{seconds} seconds")
        }
    };
    let change_typed = values(3);
    let off_typed = values(1);
    let problems: Problems = RwSignal::new(Vec::new());
    let off_problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    // Both forms re-write every entry (`DraftStore::rekey`); `new` is `None`
    // to turn the lock off.
    let rekey = move |current: String,
                      new: Option<String>,
                      problems: Problems,
                      field: &'static str,
                      typed: Values| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let store = app.store.get_value();
            let done = store.rekey(&current, new.as_deref()).await;
            busy.set(false);
            match done {
                Ok(store) if new.is_some() => {
                    clear(typed);
                    app.unlocked(store);
                    app.say(
                        "The passphrase was changed. Use the new one from now on.",
                        false,
                    );
                    on_change.try_run(());
                }
                Ok(store) => {
                    clear(typed);
                    app.store.set_value(store);
                    app.lock.set(Lock::Off);
                    app.say("The lock is off: the drafts on this device are stored without a passphrase again.", false);
                    on_change.try_run(());
                }
                Err(LockError::WrongPassphrase) => {
                    problems.set(one(field, "That is not the current passphrase"))
                }
                Err(err) => problems.set(one(field, err.to_string())),
            }
        });
    };
    let change = Callback::new(move |_: ()| {
        let current = value(change_typed, 0);
        let new = value(change_typed, 1);
        let mut found = Vec::new();
        if current.is_empty() {
            found.push((
                "current-passphrase".to_owned(),
                "Enter your current passphrase".to_owned(),
            ));
        }
        if let Err((id, words)) = check_new_passphrase(&new, &value(change_typed, 2)) {
            found.push((id.to_owned(), words));
        }
        problems.set(found);
        if problems.with_untracked(Vec::is_empty) {
            rekey(
                current,
                Some(new),
                problems,
                "current-passphrase",
                change_typed,
            );
        }
    });
    let turn_off = Callback::new(move |_: ()| {
        let current = value(off_typed, 0);
        if current.is_empty() {
            return off_problems.set(one("off-passphrase", "Enter your current passphrase"));
        }
        off_problems.set(Vec::new());
        rekey(current, None, off_problems, "off-passphrase", off_typed);
    });
    view! {
        <h2 class="caf-heading-m" id="lock-heading">"Locked with a passphrase"</h2>
        <p class="caf-body">{move || format!("The drafts on this device are stored locked. They lock again after {} without use, when the page is hidden for that long, and when you choose Lock now.", period())}</p>
        <button type="button" class="caf-button caf-button--secondary" id="lock-now-drafts" on:click=move |_| app.lock_now(true)>"Lock now"</button>
        <details class="caf-details" id="change-passphrase">
            <summary class="caf-details__summary">"Change the passphrase"</summary>
            <div class="caf-details__text">
                <PassphraseForm boxes=vec![
                        field("current-passphrase", "Current passphrase", ""),
                        field("new-passphrase", "New passphrase", &new_passphrase_hint()),
                        field("new-passphrase-again", "Type the new passphrase again", ""),
                    ]
                    values=change_typed problems=problems busy=busy summary_id="change-summary"
                    submit_id="change-passphrase-button" submit_label="Change passphrase"
                    busy_label="Changing the passphrase…" on_submit=change/>
            </div>
        </details>
        <details class="caf-details" id="turn-off-lock">
            <summary class="caf-details__summary">"Turn the lock off"</summary>
            <div class="caf-details__text">
                <p class="caf-body">"The drafts will be stored readable again, by anyone using this browser."</p>
                <PassphraseForm boxes=vec![field("off-passphrase", "Current passphrase", "")]
                    values=off_typed problems=off_problems busy=busy summary_id="off-summary"
                    submit_id="turn-off-button" submit_label="Turn the lock off"
                    busy_label="Turning the lock off…" warning=true on_submit=turn_off/>
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
    let typed = values(2);
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let id = StoredValue::new(id);
    let submit = Callback::new(move |_: ()| {
        let passphrase = value(typed, 0);
        if let Err((field, words)) = check_new_passphrase(&passphrase, &value(typed, 1)) {
            let field = if field == "new-passphrase" {
                "export-passphrase"
            } else {
                "export-passphrase-again"
            };
            return problems.set(one(field, words));
        }
        let mut draft = match app.store.with_value(|store| store.load(&id.get_value())) {
            Ok(Some(draft)) => draft,
            Ok(None) => return app.say("This draft is no longer stored on this device.", true),
            Err(err) => return app.say(err.to_string(), true),
        };
        // A withdrawal this device remembers goes into the file too.
        let remembered = app
            .store
            .with_value(|store| store.remembered_withdrawals(&draft.id));
        if write_in_remembered(&mut draft.data, &remembered) {
            settle_withdrawal(&mut draft.data);
        }
        problems.set(Vec::new());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let plain = encode_export(&draft, &platform::now_rfc3339());
            let sealed = crypto::lock_file(&passphrase, plain.as_bytes()).await;
            busy.set(false);
            let made = sealed.map(|file| {
                let name = locked_file_name(&export_file_name(&draft));
                platform::download(
                    encode_locked_file(&file).as_bytes(),
                    &name,
                    "application/json",
                )
                .map_err(|err| err.to_string())
            });
            match made {
                Ok(Ok(())) => {
                    clear(typed);
                    open.set(false);
                    app.say("The locked draft file was created. It opens only with the passphrase you gave.", false);
                }
                Ok(Err(reason)) | Err(reason) => app.say(
                    format!("The locked file could not be made: {reason}."),
                    true,
                ),
            }
        });
    });
    view! {
        <button type="button" class="caf-button caf-button--secondary" on:click=move |_| open.update(|o| *o = !*o)>
            "Export locked file"<span class="caf-visually-hidden">{format!(" {label}")}</span>
        </button>
        <Show when=move || open.get()>
            <div class="caf-inset" id="locked-export">
                <PassphraseForm boxes=vec![
                        field("export-passphrase", "Passphrase for the file", "The same as this device's, or another. Whoever opens the file needs it."),
                        field("export-passphrase-again", "Type it again", ""),
                    ]
                    values=typed problems=problems busy=busy summary_id="export-summary" submit_id="export-locked"
                    submit_label="Download the locked file" busy_label="Locking the file…" on_submit=submit/>
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
    let typed = values(1);
    let problems: Problems = RwSignal::new(Vec::new());
    let busy = RwSignal::new(false);
    let bytes = StoredValue::new(bytes);
    // WebCrypto cannot be asked to stop a key derivation, so Cancel (or
    // leaving the page) stops waiting for it instead: a file opened after
    // Cancel is dropped, never imported. `locked::MAX_ITERATIONS` bounds how
    // long the browser goes on deriving in the background.
    let cancelled = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let on_cancel = {
        let cancelled = cancelled.clone();
        Callback::new(move |_: ()| {
            cancelled.store(true, std::sync::atomic::Ordering::SeqCst);
            on_cancel.run(());
        })
    };
    {
        let cancelled = cancelled.clone();
        on_cleanup(move || cancelled.store(true, std::sync::atomic::Ordering::SeqCst));
    }
    let submit = Callback::new(move |_: ()| {
        let passphrase = value(typed, 0);
        if passphrase.is_empty() {
            return problems.set(one("import-passphrase", "Enter the file's passphrase"));
        }
        let file = match bytes.with_value(|bytes| decode_locked_file(bytes)) {
            Ok(file) => file,
            Err(err) => {
                return problems.set(one(
                    "import-passphrase",
                    format!("This file cannot be opened: {err}"),
                ))
            }
        };
        busy.set(true);
        let cancelled = cancelled.clone();
        leptos::task::spawn_local(async move {
            let opened = crypto::open_file(&passphrase, &file).await;
            if cancelled.load(std::sync::atomic::Ordering::SeqCst) {
                return;
            }
            busy.set(false);
            match opened {
                Ok(Some(plain)) => on_open.run(plain),
                Ok(None) => problems.set(one(
                    "import-passphrase",
                    "That passphrase does not open this file, or the file is damaged",
                )),
                Err(reason) => problems.set(one(
                    "import-passphrase",
                    format!("The file could not be opened: {reason}"),
                )),
            }
        });
    });
    view! {
        <div class="caf-warning-panel" id="locked-import">
            <h2 class="caf-heading-m">"This draft file is locked"</h2>
            <PassphraseForm boxes=vec![field("import-passphrase", "The file's passphrase", "")]
                values=typed problems=problems busy=busy summary_id="import-summary" submit_id="import-unlock"
                submit_label="Open and import" busy_label="Opening the file…" on_submit=submit on_cancel=on_cancel/>
        </div>
    }
}
