//! "This CAF is closed", with the reason and notes of the closing review.

use leptos::prelude::*;

use super::parts::{date_words, label_of};
use crate::form::caf::is_closed;
use crate::form::choices::CLOSURE_REASON;
use crate::ui::state::use_form_state;

/// The closed panel; not while the closing review is still being written.
#[component]
pub fn ClosedPanel(
    /// The review being written, if any.
    editing: RwSignal<Option<usize>>,
) -> impl IntoView {
    let state = use_form_state();
    let closed_panel = move || {
        let closing = state.draft.with(|d| {
            is_closed(&d.data).then(|| {
                (
                    d.data.reviews.len(),
                    d.data.reviews.last().cloned().unwrap_or_default(),
                )
            })
        });
        // Not while the closing review itself is still being written.
        closing
            .filter(|(n, _)| editing.get() != Some(n - 1))
            .map(|(n, review)| {
                let reason = if review.closure_reason.trim().is_empty() {
                    "No reason given yet".to_owned()
                } else {
                    label_of(CLOSURE_REASON, &review.closure_reason)
                };
                let notes = (!review.closure_notes.trim().is_empty())
                    .then(|| view! { <p class="caf-body" id="caf-closed-notes">{review.closure_notes.clone()}</p> });
                view! {
                    <div class="caf-inset" id="caf-closed" role="status">
                        <h2 class="caf-heading-m">"This CAF is closed"</h2>
                        <p class="caf-body">
                            {format!("It was closed at review {n}, on {}. Reason: {reason}.", date_words(&review.date))}
                        </p>
                        {notes}
                        <p class="caf-body">"If the family needs support again, record another review that continues the plan."</p>
                    </div>
                }
            })
    };

    // The live plan: statuses and progress can be brought up to date before
    // or during a review; the plan step keeps every other detail.
    closed_panel
}
