//! The app's home, "Your CAFs on this device": every stored draft, recently
//! deleted drafts, entries that could not be read, and import.

use leptos::prelude::*;

use crate::domain::naming::caf_name;
use crate::domain::{import_consent_notes, settle_withdrawal, write_in_remembered, Date, Draft};
use crate::form::standing::{caseload, overdue_count, overdue_line, standing, Standing};
use crate::storage::format::{
    check_import_size, decode_import, encode_export, export_file_name, unknown_keys_notice,
    Imported,
};
use crate::storage::locked::is_locked_file;
use crate::storage::{
    expiry_day, import_choice, newest_stored_day, ImportChoice, ImportMode, Listing, Restored,
    SaveError, UnreadableEntry, DELETED_KEEP_DAYS,
};
use crate::ui::app::{AppState, View};
use crate::ui::pages::{LockPanel, LockedExport, LockedImport};
use crate::ui::platform;
use crate::validate::{check, consent_status, steps_complete};

/// The newest date stored on this device when the drafts page was first
/// shown after the page was opened (`storage::newest_stored_day`); saves
/// made since, under what may be a wrong clock, do not count.
static NEWEST_STORED_AT_OPEN: std::sync::OnceLock<Option<Date>> = std::sync::OnceLock::new();

/// The drafts page.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let app = expect_context::<AppState>();
    // Copies deleted 30 days ago or more go (caf-form.md §6), by a day no
    // later than the newest date stored when the page was opened, so a
    // clock set ahead does not empty Recently deleted (`expiry_day`).
    let newest = *NEWEST_STORED_AT_OPEN.get_or_init(|| {
        app.store
            .with_value(|store| store.list().ok())
            .and_then(|listing| newest_stored_day(&listing))
    });
    let expiry = expiry_day(platform::today(), newest);
    let listing = RwSignal::new(Listing::default());
    let refresh = move || match app.store.with_value(|store| store.list()) {
        Ok(found) => listing.set(found),
        Err(err) => app.say(err.to_string(), true),
    };
    refresh();
    let store = app.store.get_value();
    leptos::task::spawn_local(async move {
        match store.remove_expired(expiry).await {
            Ok(0) => {}
            Ok(n) => {
                refresh();
                app.say(
                    format!(
                        "{n} deleted draft{} kept for {DELETED_KEEP_DAYS} days {} removed.",
                        if n == 1 { "" } else { "s" },
                        if n == 1 { "was" } else { "were" }
                    ),
                    false,
                )
            }
            Err(err) => app.say(
                not_stored_words(&err, "Old deleted drafts were not removed"),
                true,
            ),
        }
    });
    // One choice for every place a CAF is named (domain/naming.rs).
    let show_names = app.show_names;
    // A file whose draft is already stored, and when that stored copy was saved.
    let pending_import = RwSignal::new(None::<(Imported, String, Vec<String>)>);
    // A locked draft file chosen to import, waiting for its passphrase.
    let locked_file = RwSignal::new(None::<Vec<u8>>);

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

    let store_import = move |mut imported: Imported, mode: ImportMode, note: &str| {
        let unknown = unknown_keys_notice(&imported.unknown_keys);
        // Its "Last saved" is the file's: the list says "Imported on" until
        // it is changed here.
        imported.draft.imported_at = platform::now_rfc3339();
        // An older file of a CAF this device saw withdrawn: the withdrawal
        // is written into it (a copy under a new id keeps no agreement).
        if mode == ImportMode::Replace {
            let remembered = app
                .store
                .with_value(|store| store.remembered_withdrawals(&imported.draft.id));
            if write_in_remembered(&mut imported.draft.data, &remembered) {
                settle_withdrawal(&mut imported.draft.data);
            }
        }
        let store = app.store.get_value();
        let note = note.to_owned();
        leptos::task::spawn_local(async move {
            match store.import(imported, mode, platform::today()).await {
                Ok(draft) => {
                    let mut words = "The draft file was imported.".to_owned();
                    if !note.is_empty() {
                        words.push(' ');
                        words.push_str(&note);
                    }
                    if let Some(unknown) = unknown {
                        words.push(' ');
                        words.push_str(&unknown);
                    }
                    app.say(words, false);
                    pending_import.set(None);
                    app.view.set(View::Open(Box::new(draft)));
                }
                Err(err) => app.say(not_stored_words(&err, "The file was not imported"), true),
            }
        });
    };
    let import_bytes = move |bytes: Vec<u8>| match decode_import(&bytes) {
        Err(err) => app.say(format!("The file was not imported: {err}"), true),
        Ok(imported) => {
            let id = imported.draft.id.clone();
            let exists = !id.trim().is_empty()
                && app
                    .store
                    .with_value(|store| store.exists(&id))
                    .unwrap_or(false);
            match import_choice(&id, exists) {
                ImportChoice::UnderItsId => store_import(imported, ImportMode::Replace, ""),
                ImportChoice::AsNewDraft => store_import(
                    imported,
                    ImportMode::KeepBoth {
                        new_id: platform::new_id(),
                    },
                    "The file did not say which draft it is, so it was stored as a new draft.",
                ),
                ImportChoice::Ask => {
                    let (stored_saved, consent_notes) =
                        match app.store.with_value(|store| store.load(&id)) {
                            Ok(Some(stored)) => (
                                format!("last saved {}", platform::saved_words(&stored.updated_at)),
                                import_consent_notes(&stored.data, &imported.draft.data),
                            ),
                            _ => ("which cannot be read".to_owned(), Vec::new()),
                        };
                    pending_import.set(Some((imported, stored_saved, consent_notes)));
                    app.say("A draft with the same identity is already on this device. Choose Replace or Keep both.", false);
                }
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = platform::chosen_file(&ev) else {
            return;
        };
        // A huge file is refused by its size, before any of it is read.
        if let Err(err) = check_import_size(file.size().max(0.0) as u64) {
            return app.say(format!("The file was not imported: {err}"), true);
        }
        leptos::task::spawn_local(async move {
            let bytes = match platform::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(err) => return app.say(err.to_string(), true),
            };
            // A locked file asks for its passphrase first.
            if is_locked_file(&bytes) {
                pending_import.set(None);
                return locked_file.set(Some(bytes));
            }
            import_bytes(bytes);
        });
    };
    let locked_import = move || {
        locked_file.get().map(|bytes| {
            view! {
                <LockedImport bytes=bytes
                    on_open=Callback::new(move |plain: Vec<u8>| {
                        locked_file.set(None);
                        import_bytes(plain);
                    })
                    on_cancel=Callback::new(move |_| locked_file.set(None))/>
            }
        })
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
    let import_choice = move || {
        pending_import.get().map(|(imported, stored_saved, consent_notes)| {
            let keep = imported.clone();
            let file_saved = if imported.draft.updated_at.trim().is_empty() {
                "does not say when it was saved".to_owned()
            } else {
                format!("was last saved {}", platform::saved_words(&imported.draft.updated_at))
            };
            let words = format!(
                "The copy on this device was {stored_saved}; the copy in the file {file_saved}. Replace puts the file's copy in its place and moves the one on this device to Recently deleted. Keep both keeps them as separate drafts."
            );
            view! {
                <div class="caf-warning-panel" role="alert" id="import-choice">
                    <h2 class="caf-heading-m">"This draft is already on this device"</h2>
                    <p class="caf-body" id="import-choice-words">{words}</p>
                    {consent_notes.into_iter().map(|note| view! { <p class="caf-body import-consent-note">{note}</p> }).collect_view()}
                    <button type="button" class="caf-button caf-button--warning" id="import-replace" on:click=move |_| store_import(imported.clone(), ImportMode::Replace, "The copy that was on this device is in Recently deleted.")>"Replace"</button>
                    <button type="button" class="caf-button" id="import-keep-both" on:click=move |_| store_import(keep.clone(), ImportMode::KeepBoth { new_id: platform::new_id() }, "")>"Keep both"</button>
                    <button type="button" class="caf-button caf-button--secondary" on:click=move |_| pending_import.set(None)>"Cancel"</button>
                </div>
            }
        })
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
        {import_choice}
        {locked_import}
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
        <h2 class="caf-heading-m">"Import a draft file"</h2>
        <div class="caf-field">
            <label class="caf-label" for="import-file">"Choose a CAF Lite draft file (.caf.json)"</label>
            <input class="caf-file" type="file" id="import-file" accept=".json,application/json" on:change=on_file/>
        </div>
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
    let next_meeting = crate::domain::meetings::next_meeting(&draft.data, today)
        .map(|(m, date)| crate::domain::meetings::meeting_words(m, date));
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
            {next_meeting.map(|words| view! { <p class="caf-drafts__meta caf-drafts__meeting">{words}</p> })}
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
