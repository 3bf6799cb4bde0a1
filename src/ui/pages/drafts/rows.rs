//! The drafts page's rows: a stored draft, and an entry that could not be read.

use leptos::prelude::*;

use crate::domain::naming::caf_name;
use crate::domain::{settle_withdrawal, write_in_remembered, Date, Draft, Settings};
use crate::form::standing::{standing, Standing};
use crate::storage::format::{encode_export, export_file_name};
use crate::storage::UnreadableEntry;
use crate::ui::app::{AppState, View};
use crate::ui::on_demand::{LockForms, LockPart};
use crate::ui::pages::drafts::not_stored_words;
use crate::ui::platform;
use crate::validate::{check, consent_status, steps_complete};

/// One stored draft: where it stands, how far it is, and its buttons
/// (Continue, export, locked export, delete).
#[component]
pub fn DraftRow(
    draft: Draft,
    today: Date,
    show_names: bool,
    settings: Settings,
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
                <LockForms part=LockPart::Export { id: locked_export_id, label: name.clone() }/>
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

/// An entry that could not be read: why, and its stored text to download.
#[component]
pub fn UnreadableRow(entry: UnreadableEntry) -> impl IntoView {
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
