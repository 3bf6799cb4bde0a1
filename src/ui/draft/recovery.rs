//! What a failed save leaves behind: this draft's own text that was not
//! stored (before "Lock now", say) brought back on screen and saved again,
//! and, beside the form while the latest changes are not stored, "Download
//! this draft now" (what is on screen) and, for a stored copy that cannot
//! be read, "Keep as a copy".

use leptos::prelude::*;

use crate::storage::format::{decode_stored, encode_export, export_file_name};
use crate::storage::{self, Availability, SaveError};
use crate::ui::app::AppState;
use crate::ui::draft::autosave::Autosave;
use crate::ui::draft::keep_copy::keep_as_copy;
use crate::ui::platform;
use crate::ui::state::{use_form_state, FormState};

/// Puts this draft's last change that was not stored back on screen, and
/// saves it again, so that unlocking loses nothing.
pub fn restore_unsaved(app: AppState, state: FormState, autosave: Autosave) {
    let own_key = state
        .draft
        .with_untracked(|draft| storage::draft_key(&draft.id));
    let held = app.store_problem.with_untracked(|problem| {
        problem
            .as_ref()
            .filter(|unsaved| unsaved.key == own_key)
            .and_then(|unsaved| unsaved.plain.as_deref())
            .and_then(|text| decode_stored(text).ok())
    });
    if let Some(unsaved) = held {
        app.store_problem.set(None);
        if state
            .draft
            .with_untracked(|draft| draft.data != unsaved.data)
        {
            state.draft.update(|draft| draft.data = unsaved.data);
            autosave.save_change();
        }
    }
}

/// While the latest changes are not stored (a failed save, or a browser
/// that keeps nothing): the remedy beside the form.
#[component]
pub fn RemedyPanel(
    /// The open draft's saving, whose `failed` holds the last save's failure.
    autosave: Autosave,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    let state = use_form_state();
    // The remedy beside the message: what is on screen, unsaved edits included.
    let download_now = move |_| {
        let draft = state.draft.get_untracked();
        let text = encode_export(&draft, &platform::now_rfc3339());
        match platform::download(text.as_bytes(), &export_file_name(&draft), "application/json") {
            Ok(()) => app.say(
                "This draft, as it is on screen, was downloaded as a draft file. Keep it somewhere safe: it holds personal details.",
                false,
            ),
            Err(err) => app.say(format!("The draft file could not be made: {err}."), true),
        }
    };
    move || {
        let failed = autosave.failed.get();
        let not_kept = !app.store.with_value(|store| store.is_persistent())
            || app.availability.get() != Availability::Available;
        (failed.is_some() || not_kept).then(|| {
            let offer_copy = matches!(failed, Some(SaveError::StoredCopyUnreadable { .. }));
            view! {
                <div class="caf-warning-panel" id="save-remedy">
                    <p class="caf-body">"Your latest changes are not saved on this device. Keep them in a file now."</p>
                    <button type="button" class="caf-button" id="download-open-draft" on:click=download_now>"Download this draft now"</button>
                    {offer_copy.then(|| view! {
                        <button type="button" class="caf-button caf-button--secondary" id="keep-as-copy" on:click=move |_| keep_as_copy(app, state)>"Keep as a copy"</button>
                    })}
                </div>
            }
        })
    }
}
