//! The app's home, "Your CAFs on this device": every stored draft, recently
//! deleted drafts, entries that could not be read, and import.

use leptos::prelude::*;

use crate::domain::{Date, Draft};
use crate::storage::format::{decode_import, encode_export, export_file_name, Imported};
use crate::storage::{DraftSummary, ImportMode, Listing, UnreadableEntry};
use crate::ui::app::{AppState, View};
use crate::ui::platform;
use crate::validate::{check, consent_status, steps_complete};

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
    let show_names = RwSignal::new(false);
    let pending_import = RwSignal::new(None::<Imported>);

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

    let store_import = move |imported: Imported, mode: ImportMode| {
        let unknown = imported.unknown_keys.clone();
        match app.store.with_value(|store| store.import(imported, mode)) {
            Ok(draft) => {
                let mut words = "The draft file was imported.".to_owned();
                if !unknown.is_empty() {
                    words.push_str(&format!(
                        " These parts of the file were not recognised and were left out: {}.",
                        unknown.join(", ")
                    ));
                }
                app.say(words, false);
                pending_import.set(None);
                app.view.set(View::Open(Box::new(draft)));
            }
            Err(err) => app.say(err.to_string(), true),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = platform::chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let bytes = match platform::read_file(&file).await {
                Ok(bytes) => bytes,
                Err(err) => return app.say(err.to_string(), true),
            };
            match decode_import(&bytes) {
                Err(err) => app.say(format!("The file was not imported: {err}"), true),
                Ok(imported) => {
                    let exists = app
                        .store
                        .with_value(|store| store.exists(&imported.draft.id))
                        .unwrap_or(false);
                    if exists {
                        pending_import.set(Some(imported));
                        app.say("A draft with the same identity is already on this device. Choose Replace or Keep both.", false);
                    } else {
                        store_import(imported, ImportMode::Replace);
                    }
                }
            }
        });
    };

    let drafts = move || {
        let today = platform::today();
        let names = show_names.get();
        let settings = app.settings.get();
        listing
            .get()
            .drafts
            .into_iter()
            .map(|draft| view! { <DraftRow draft=draft today=today show_names=names settings=settings.clone() on_change=Callback::new(move |_| refresh())/> })
            .collect_view()
    };
    let deleted = move || {
        let names = show_names.get();
        let rows = listing.get().deleted;
        (!rows.is_empty()).then(|| {
            let items = rows
                .into_iter()
                .map(|draft| {
                    let summary = DraftSummary::from_draft(&draft);
                    let id = draft.id.clone();
                    view! {
                        <li class="caf-drafts__item">
                            <strong>{who(&summary, names)}</strong>
                            <p class="caf-drafts__meta">{format!("Last saved {}", platform::saved_words(&summary.updated_at))}</p>
                            <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                                match app.store.with_value(|store| store.restore(&id)) {
                                    Ok(()) => app.say("The draft was restored.", false),
                                    Err(err) => app.say(err.to_string(), true),
                                }
                                refresh();
                            }>"Restore"<span class="caf-visually-hidden">{format!(" {}", who(&summary, names))}</span></button>
                        </li>
                    }
                })
                .collect_view();
            let confirming = RwSignal::new(false);
            view! {
                <h2 class="caf-heading-m" id="recently-deleted">"Recently deleted"</h2>
                <p class="caf-body">"Deleted drafts stay here until you empty this list."</p>
                <ul class="caf-drafts">{items}</ul>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! { <button type="button" class="caf-button caf-button--warning" on:click=move |_| confirming.set(true)>"Empty recently deleted"</button> }
                >
                    <div class="caf-warning-panel" role="alert">
                        <p class="caf-body">"These drafts will be gone for good. Export any you may need first."</p>
                        <button type="button" class="caf-button caf-button--warning" on:click=move |_| {
                            match app.store.with_value(|store| store.empty_deleted()) {
                                Ok(n) => app.say(format!("Removed {n} deleted draft{}.", if n == 1 { "" } else { "s" }), false),
                                Err(err) => app.say(err.to_string(), true),
                            }
                            refresh();
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
        pending_import.get().map(|imported| {
            let keep = imported.clone();
            view! {
                <div class="caf-warning-panel" role="alert" id="import-choice">
                    <h2 class="caf-heading-m">"This draft is already on this device"</h2>
                    <p class="caf-body">"Replace the stored draft with the file, or keep both as separate drafts."</p>
                    <button type="button" class="caf-button caf-button--warning" id="import-replace" on:click=move |_| store_import(imported.clone(), ImportMode::Replace)>"Replace"</button>
                    <button type="button" class="caf-button" id="import-keep-both" on:click=move |_| store_import(keep.clone(), ImportMode::KeepBoth { new_id: platform::new_id() })>"Keep both"</button>
                    <button type="button" class="caf-button caf-button--secondary" on:click=move |_| pending_import.set(None)>"Cancel"</button>
                </div>
            }
        })
    };
    view! {
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs on this device"</h1>
        <div class="caf-inset" id="device-notice">
            <p class="caf-body">
                "Drafts are kept only in this browser on this device. Nothing is sent anywhere. Clearing your browsing data deletes them."
            </p>
            <p class="caf-body">"To keep a copy somewhere else, or to move a draft to another device, export a draft file."</p>
        </div>
        {import_choice}
        <button type="button" class="caf-button" id="start-new" on:click=start_new>"Start a new CAF"</button>
        <div class="caf-field">
            <div class="caf-checkboxes__item">
                <input class="caf-checkboxes__input" type="checkbox" id="show-names" prop:checked=move || show_names.get() on:change:target=move |ev| show_names.set(ev.target().checked())/>
                <label class="caf-label caf-checkboxes__label" for="show-names">"Show names"</label>
            </div>
            <div class="caf-hint">"Names are hidden because other people may see this screen."</div>
        </div>
        <ul class="caf-drafts" id="drafts">{drafts}</ul>
        {unreadable}
        <h2 class="caf-heading-m">"Import a draft file"</h2>
        <div class="caf-field">
            <label class="caf-label" for="import-file">"Choose a CAF Lite draft file (.caf.json)"</label>
            <input class="caf-file" type="file" id="import-file" accept=".json,application/json" on:change=on_file/>
        </div>
        {deleted}
    }
}

/// How a draft is named on the list: initials and year of birth, or the full
/// name once "Show names" is ticked.
fn who(summary: &DraftSummary, show_names: bool) -> String {
    if show_names && !summary.full_name.is_empty() {
        return summary.full_name.clone();
    }
    match (
        summary.initials.is_empty(),
        summary.year_of_birth.is_empty(),
    ) {
        (true, true) => "A CAF with no name yet".to_owned(),
        (false, true) => summary.initials.clone(),
        (true, false) => format!("Child born {}", summary.year_of_birth),
        (false, false) => format!("{}, born {}", summary.initials, summary.year_of_birth),
    }
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
    let summary = DraftSummary::from_draft(&draft);
    let report = check(&draft.data, today, &settings).report;
    let n_complete = steps_complete(&draft.data, &report);
    let consent = consent_status(&draft.data, &report).words();
    let name = who(&summary, show_names);
    let confirming = RwSignal::new(false);
    let open = draft.clone();
    let export = draft.clone();
    let id = draft.id.clone();
    let label = name.clone();
    view! {
        <li class="caf-drafts__item">
            <strong class="caf-drafts__name">{name.clone()}</strong>
            <p class="caf-drafts__meta">
                {format!("{n_complete} of 10 steps complete · Consent: {consent} · Last saved {}", platform::saved_words(&summary.updated_at))}
            </p>
            <div class="caf-drafts__actions">
                <button type="button" class="caf-button" on:click=move |_| app.view.set(View::Open(Box::new(open.clone())))>
                    "Continue"<span class="caf-visually-hidden">{format!(" {label}")}</span>
                </button>
                <button type="button" class="caf-button caf-button--secondary" on:click=move |_| {
                    let text = encode_export(&export, &platform::now_rfc3339());
                    match platform::download(text.as_bytes(), &export_file_name(&export), "application/json") {
                        Ok(()) => app.say("The draft file was created. Keep it somewhere safe: it holds personal details.", false),
                        Err(err) => app.say(err.to_string(), true),
                    }
                }>"Export draft file"<span class="caf-visually-hidden">{format!(" {name}")}</span></button>
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
                            match app.store.with_value(|store| store.delete(&id)) {
                                Ok(()) => app.say("The draft was moved to Recently deleted.", false),
                                Err(err) => app.say(err.to_string(), true),
                            }
                            on_change.run(());
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
