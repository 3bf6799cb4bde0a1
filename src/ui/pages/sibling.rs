//! "Start a CAF for a brother or sister" on the task list, and the note on
//! the new CAF saying where its family details came from. What is copied is
//! decided in `form/sibling.rs`.

use leptos::prelude::*;

use crate::domain::naming::caf_name;
use crate::form::sibling::sibling_draft;
use crate::storage::Base;
use crate::ui::app::{AppState, View};
use crate::ui::platform;
use crate::ui::state::use_form_state;

/// The button that starts a CAF for a brother or sister of this child.
#[component]
pub fn StartSibling() -> impl IntoView {
    let app = expect_context::<AppState>();
    let state = use_form_state();
    let start = move |_| {
        let source = state.draft.get_untracked();
        let mut sibling = sibling_draft(&source, platform::new_id(), &platform::now_rfc3339());
        // Stored at once: it holds details the user did not type again.
        match app
            .store
            .with_value(|store| store.save(&sibling, &Base::default()))
        {
            Ok(saved) => {
                sibling.revision = saved.revision;
                sibling.write_token = saved.token;
                app.say(
                    "A new CAF was started with the family's details. Check them, then fill in the rest for this child.",
                    false,
                );
                app.view.set(View::Open(Box::new(sibling)));
            }
            Err(err) => app.say(err.to_string(), true),
        }
    };
    view! {
        <h2 class="caf-heading-m" id="sibling-heading">"A brother or sister"</h2>
        <p class="caf-body" id="sibling-hint">
            "A new CAF for a brother or sister starts with this CAF's family and household, your details and the other services. Nothing about this child is copied, and the new CAF needs its own agreement to share."
        </p>
        <button type="button" class="caf-button caf-button--secondary" id="start-sibling" aria-describedby="sibling-hint" on:click=start>
            "Start a CAF for a brother or sister"
        </button>
    }
}

/// On a CAF started for a brother or sister: where its family details came
/// from and when; nothing on any other CAF.
#[component]
pub fn CopiedFromNote() -> impl IntoView {
    let app = expect_context::<AppState>();
    let state = use_form_state();
    // Drawn once: neither the note nor "Show names" (on the drafts page)
    // can change while the task list shows.
    let from = state
        .draft
        .with_untracked(|draft| draft.family_copied_from.clone());
    (!from.is_empty()).then(|| {
        let show_names = app.show_names.get_untracked();
        let source = match app.store.with_value(|store| store.load(&from.draft_id)) {
            Ok(Some(source)) => format!(
                "the CAF of {}",
                caf_name(&source.data.child, show_names)
            ),
            _ => "another CAF, no longer on this device".to_owned(),
        };
        view! {
            <div class="caf-inset" id="copied-from">
                <p class="caf-body">{format!(
                    "The family and household, your details and the other services were copied on {} from {source}. Check they are right for this child.",
                    platform::saved_words(&from.copied_at)
                )}</p>
            </div>
        }
    })
}
