//! The app's home, "Your CAFs on this device": every stored draft, recently
//! deleted drafts, entries that could not be read, and import
//! (`import.rs`); opening it removes deleted copies past their 30 days
//! (`expiry.rs`).

use leptos::prelude::*;

use crate::domain::naming::caf_name;
use crate::domain::{settle_withdrawal, write_in_remembered, Date, Draft};
use crate::form::standing::{caseload, overdue_count, overdue_line, standing, Standing};
use crate::storage::format::{encode_export, export_file_name};
use crate::storage::{Listing, Restored, SaveError, UnreadableEntry, DELETED_KEEP_DAYS};
use crate::ui::app::{AppState, View};
use crate::ui::pages::{LockPanel, LockedExport};
use crate::ui::platform;
use crate::validate::{check, consent_status, steps_complete};

mod expiry;
mod import;

use expiry::remove_expired_deleted;
use import::{Import, ImportFile, ImportQuestions};

/// The drafts page.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    let listing = RwSignal::new(Listing::default());
    let refresh = move || match app.store.with_value(|store| store.list()) {
        Ok(found) => listing.set(found),
        Err(err) => app.say(err.to_string(), true),
    };
    refresh();
    // Once each time the page opens, after it is drawn: not while drawing it.
    Effect::new(move |_| remove_expired_deleted(app, refresh));
    // One choice for every place a CAF is named (domain/naming.rs).
    let show_names = app.show_names;
    let import = Import::new(app);

    let start_new = move |_| {
        let now = platform::now_rfc3339();
        let draft = Draft {
            id: platform::new_id(),
            created_at: now.clone(),
            updated_at: now,
            version: 1,
            ..Draft::default()
        };
        app.view.set(View::Open(Box::new(draft)));
    };

    // What needs attention first, and apart the closed CAFs kept longer
    // than the council's retention period (form/standing.rs). Each reactive
    // part of a page costs the first load code, so the two lists are one.
    let lists = move || {
        let months = app.settings.with(|s| s.retention_months_after_closure);
        caseload(listing.get().drafts, platform::today(), months)
    };
    let overdue = move || {
        overdue_line(overdue_count(&lists().0, platform::today()))
            .map(|line| view! { <p class="caf-notice caf-notice--problem" id="reviews-overdue"><strong>{line}</strong></p> })
    };
    let drafts = move || {
        let today = platform::today();
        let names = show_names.get();
        let settings = app.settings.get();
        let months = settings.retention_months_after_closure;
        let row = |draft: Draft| view! { <DraftRow draft=draft today=today show_names=names settings=settings.clone() on_change=Callback::new(move |_| refresh())/> };
        let (current, old) = lists();
        let n_old = old.len();
        view! {
            <ul class="caf-drafts" id="drafts">{current.into_iter().map(row).collect_view()}</ul>
            <div hidden=n_old == 0>
                <h2 class="caf-heading-m" id="no-longer-needed">"Closed CAFs you may no longer need"</h2>
                <p class="caf-body">{format!(
                    "These CAFs were closed more than {months} month{} ago. Keep personal details only as long as your organisation's records policy says: export a draft file of any you must keep, then delete them from this device.",
                    if months == 1 { "" } else { "s" }
                )}</p>
                <ul class="caf-drafts" id="closed-drafts">{old.into_iter().map(row).collect_view()}</ul>
            </div>
        }
    };
    let deleted = move || {
        let names = show_names.get();
        let rows = listing.get().deleted;
        (!rows.is_empty()).then(|| {
            // "Empty" removes exactly these copies, not any deleted since.
            let listed: Vec<String> = rows.iter().map(|row| row.key.clone()).collect();
            let items = rows
                .into_iter()
                .map(|row| {
                    let name = caf_name(&row.draft.data.child, names);
                    let key = row.key.clone();
                    let deleted_words = match row.deleted_on {
                        Some(day) => format!(
                            "Deleted on {} · removed after {} · last saved {}",
                            day_words(day),
                            day_words(day.add_days(DELETED_KEEP_DAYS - 1)),
                            platform::saved_words(&row.draft.updated_at)
                        ),
                        None => format!("Last saved {}", platform::saved_words(&row.draft.updated_at)),
                    };
                    view! {
                        <li class="caf-drafts__item">
                            <strong>{name.clone()}</strong>
                            <p class="caf-drafts__meta">{deleted_words}</p>
                            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                                let store = app.store.get_value();
                                let key = key.clone();
                                leptos::task::spawn_local(async move {
                                    match store.restore(&key, &platform::new_id()).await {
                                        Ok(Restored::AsItWas) => app.say("The draft was restored.", false),
                                        Ok(Restored::AsCopy { .. }) => app.say("The draft was restored as a separate draft, because this CAF is already on the list.", false),
                                        Err(err) => app.say(not_stored_words(&err, "The draft was not restored"), true),
                                    }
                                    refresh();
                                });
                            }>"Restore"<span class="caf-visually-hidden">{format!(" {name}")}</span></button>
                        </li>
                    }
                })
                .collect_view();
            let confirming = RwSignal::new(false);
            view! {
                <h2 class="caf-heading-m" id="recently-deleted">"Recently deleted"</h2>
                <p class="caf-body">{format!("Deleted drafts stay here for {DELETED_KEEP_DAYS} days, then they are removed for good. Each deletion is kept separately.")}</p>
                <ul class="caf-drafts" id="deleted-drafts">{items}</ul>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! { <button type="button" class="caf-button caf-button--warning" on:click=move |_| confirming.set(true)>"Empty recently deleted"</button> }
                >
                    <div class="caf-warning-panel" role="alert">
                        <p class="caf-body">"These drafts will be gone for good. Export any you may need first."</p>
                        <button type="button" class="caf-button caf-button--warning" on:click={
                            let listed = listed.clone();
                            move |_| {
                                let store = app.store.get_value();
                                let listed = listed.clone();
                                leptos::task::spawn_local(async move {
                                    match store.empty_deleted(&listed).await {
                                        Ok(n) => app.say(format!("Removed {n} deleted draft{}.", if n == 1 { "" } else { "s" }), false),
                                        Err(err) => app.say(not_stored_words(&err, "Nothing was removed"), true),
                                    }
                                    refresh();
                                });
                            }
                        }>"Yes, empty it"</button>
                        <button type="button" class="caf-button caf-button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                    </div>
                </Show>
            }
        })
    };
    let unreadable = move || {
        listing
            .get()
            .unreadable
            .into_iter()
            .map(|entry| view! { <UnreadableRow entry=entry/> })
            .collect_view()
    };
    view! {
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs on this device"</h1>
        {overdue}
        <div class="caf-inset" id="device-notice">
            <p class="caf-body">
                "Drafts are kept only in this browser on this device. Nothing is sent anywhere. Clearing your browsing data deletes them."
            </p>
            <p class="caf-body">"To keep a copy somewhere else, or to move a draft to another device, export a draft file."</p>
        </div>
        <ImportQuestions import=import/>
        <button type="button" class="caf-button" id="start-new" on:click=start_new>"Start a new CAF"</button>
        <div class="caf-field">
            <div class="caf-checkboxes__item">
                <input class="caf-checkboxes__input" type="checkbox" id="show-names" prop:checked=move || show_names.get() on:change:target=move |ev| show_names.set(ev.target().checked())/>
                <label class="caf-label caf-checkboxes__label" for="show-names">"Show names"</label>
            </div>
            <div class="caf-hint">"Names are hidden because other people may see this screen."</div>
        </div>
        {drafts}
        {unreadable}
        <ImportFile import=import/>
        {deleted}
        <LockPanel on_change=Callback::new(move |_| refresh())/>
    }
}

/// A refused import or restore, in words for the drafts page (where there is
/// no open draft to download).
fn not_stored_words(err: &SaveError, what: &str) -> String {
    match err {
        SaveError::QuotaExceeded => format!(
            "{what}: this browser's storage is full. Empty Recently deleted to make room, or export drafts you no longer need and delete them, then try again."
        ),
        SaveError::Unavailable => format!("{what}: this browser is not letting CAF Lite save anything."),
        other => format!("{what}: {}", other.to_string().trim_start_matches("Not saved: ")),
    }
}

/// A day as `dd/mm/yyyy`.
fn day_words(day: Date) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
}

#[component]
fn DraftRow(
    draft: Draft,
    today: Date,
    show_names: bool,
    settings: crate::domain::Settings,
    on_change: Callback<()>,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    let report = check(&draft.data, today, &settings).report;
    // What this device remembers of the CAF's withdrawals (caf-form.md §3.10).
    let remembered = app
        .store
        .with_value(|store| store.remembered_withdrawals(&draft.id));
    let n_complete = steps_complete(&draft.data, &report, &remembered);
    let consent = consent_status(&draft.data, &report, &remembered).words();
    let name = caf_name(&draft.data.child, show_names);
    let standing = standing(&draft.data, today);
    let standing_class = match standing {
        Standing::ReviewOverdue { .. } => "caf-tag caf-tag--red",
        Standing::PlanAgreed { .. } => "caf-tag caf-tag--blue",
        Standing::InProgress | Standing::Closed { .. } => "caf-tag caf-tag--grey",
    };
    // A file's draft keeps the file's times until it is changed here.
    let saved = if draft.imported_at.is_empty() {
        format!("Last saved {}", platform::saved_words(&draft.updated_at))
    } else {
        format!("Imported on {}", platform::saved_words(&draft.imported_at))
    };
    let confirming = RwSignal::new(false);
    let open = draft.clone();
    let export_id = draft.id.clone();
    let locked_export_id = draft.id.clone();
    let id = draft.id.clone();
    let label = name.clone();
    view! {
        <li class="caf-drafts__item">
            <strong class="caf-drafts__name">{name.clone()}</strong>
            <p class="caf-drafts__standing"><strong class=standing_class>{standing.words()}</strong></p>
            <p class="caf-drafts__meta">
                {format!("{n_complete} of 10 steps complete · Consent: {consent} · {saved}")}
            </p>
            <div class="caf-drafts__actions">
                <button type="button" class="caf-button" id=format!("open-{}", draft.id) on:click=move |_| app.view.set(View::Open(Box::new(open.clone())))>
                    "Continue"<span class="caf-visually-hidden">{format!(" {label}")}</span>
                </button>
                <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                    // The stored copy now: another tab may have saved since this list was drawn.
                    let mut export = match app.store.with_value(|store| store.load(&export_id)) {
                        Ok(Some(export)) => export,
                        Ok(None) => {
                            on_change.run(());
                            return app.say("This draft is no longer stored on this device: it may have been deleted in another tab or window.", true);
                        }
                        Err(err) => return app.say(err.to_string(), true),
                    };
                    // A withdrawal this device remembers goes into the file too.
                    let remembered = app.store.with_value(|store| store.remembered_withdrawals(&export_id));
                    if write_in_remembered(&mut export.data, &remembered) {
                        settle_withdrawal(&mut export.data);
                    }
                    let text = encode_export(&export, &platform::now_rfc3339());
                    match platform::download(text.as_bytes(), &export_file_name(&export), "application/json") {
                        Ok(()) => app.say("The draft file was created. Keep it somewhere safe: it holds personal details.", false),
                        Err(err) => app.say(err.to_string(), true),
                    }
                }>"Export draft file"<span class="caf-visually-hidden">{format!(" {name}")}</span></button>
                <LockedExport id=locked_export_id label=name.clone()/>
                <button type="button" class="caf-button caf-button--warning" on:click=move |_| confirming.set(true)>
                    "Delete draft"
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="caf-warning-panel" role="alert">
                    <p class="caf-body">"Delete this draft? It will move to Recently deleted, where you can restore it until you empty that list."</p>
                    <button type="button" class="caf-button caf-button--warning" on:click={
                        let id = id.clone();
                        move |_| {
                            let store = app.store.get_value();
                            let id = id.clone();
                            leptos::task::spawn_local(async move {
                                match store.delete(&id, platform::today()).await {
                                    Ok(_) => app.say("The draft was moved to Recently deleted.", false),
                                    Err(err) => app.say(not_stored_words(&err, "The draft was not deleted"), true),
                                }
                                // The page may have gone while the move was sealed.
                                on_change.try_run(());
                            });
                        }
                    }>"Yes, delete it"</button>
                    <button type="button" class="caf-button caf-button--secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                </div>
            </Show>
        </li>
    }
}

#[component]
fn UnreadableRow(entry: UnreadableEntry) -> impl IntoView {
    let app = expect_context::<AppState>();
    let key = entry.key.clone();
    let file_name = format!(
        "CAF-stored-data-{}.txt",
        entry.id.chars().take(8).collect::<String>()
    );
    view! {
        <div class="caf-notice caf-notice--problem caf-unreadable">
            <h2 class="caf-heading-s">"Could not open this draft"</h2>
            <p class="caf-body">{format!("{}. It has been kept exactly as it was stored.", entry.reason)}</p>
            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                match app.store.with_value(|store| store.raw_entry(&key)) {
                    Some(text) => {
                        if let Err(err) = platform::download(text.as_bytes(), &file_name, "text/plain") {
                            app.say(err.to_string(), true);
                        }
                    }
                    None => app.say("The stored data could not be read from the browser.", true),
                }
            }>"Download the stored data"</button>
        </div>
    }
}
