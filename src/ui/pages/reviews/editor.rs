//! The review being written, built from the review's questions in the
//! table (`REVIEW_FIELDS`), each shown as its `shown` says.

use leptos::prelude::*;

use super::parts::{review_issues, snapshot_table};
use crate::form::caf::{snapshot_actions, REVIEW_FIELDS, REVIEW_SUMMARY};
use crate::form::Step;
use crate::ui::platform;
use crate::ui::state::use_form_state;
use crate::ui::widgets::{FieldView, SUMMARY_ID};
use crate::validate::Severity;

/// The editor of the review being written, with Save and Delete.
#[component]
pub fn ReviewEditor(
    /// The review being written, if any.
    editing: RwSignal<Option<usize>>,
    /// Whether the error summary shows (after a failed Save).
    problems_shown: RwSignal<bool>,
) -> impl IntoView {
    let state = use_form_state();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(idx) = editing.get_untracked() else {
            return;
        };
        state.attempt(Step::Reviews);
        let has_errors = review_issues(state, idx)
            .iter()
            .any(|issue| issue.severity == Severity::Error);
        if has_errors {
            problems_shown.set(true);
            request_animation_frame(|| platform::focus(SUMMARY_ID));
            return;
        }
        problems_shown.set(false);
        editing.set(None);
        request_animation_frame(move || platform::focus(&format!("review-{idx}-heading")));
    };
    let delete = move |_| {
        let Some(idx) = editing.get_untracked() else {
            return;
        };
        problems_shown.set(false);
        editing.set(None);
        state.update(|d| {
            if idx < d.reviews.len() {
                d.reviews.remove(idx);
            }
        });
        request_animation_frame(|| platform::focus("step-heading"));
    };

    let editor = move || {
        editing.get().map(|idx| {
            let snapshot = move || {
                state
                    .draft
                    .with(|d| snapshot_table(&d.data, idx, format!("reviews-{idx}-actions")))
            };
            let retake = move |_| {
                state.update(|d| {
                    let actions = snapshot_actions(d);
                    if let Some(review) = d.reviews.get_mut(idx) {
                        review.actions = actions;
                    }
                });
            };
            // The review's questions from the table, in its order; each shows
            // as its `shown` says, and the plan's snapshot follows
            // the summary.
            let questions = REVIEW_FIELDS
                .iter()
                .map(|field| {
                    let shown = Memo::new(move |_| state.draft.with(|d| field.is_shown(&d.data, idx)));
                    let snapshot_after = (field.path == REVIEW_SUMMARY.path).then(|| {
                        view! {
                            {snapshot}
                            <p class="caf-body">
                                "This is a copy of the plan taken when the review started. Changing the plan later does not change it."
                            </p>
                            <button type="button" class="caf-button caf-button--secondary" id="review-snapshot-retake" on:click=retake>
                                "Copy the plan's current statuses again"
                            </button>
                        }
                    });
                    view! {
                        <Show when=move || shown.get()>
                            <FieldView field=field idx=idx/>
                        </Show>
                        {snapshot_after}
                    }
                })
                .collect_view();
            view! {
                <form class="caf-form" id="review-editor" novalidate on:submit=save>
                    <h2 class="caf-heading-m" id="review-editor-heading" tabindex="-1">{format!("Review {}", idx + 1)}</h2>
                    {questions}
                    <div class="caf-button-group">
                        <button type="submit" class="caf-button" id="save-review">"Save review"</button>
                        <button type="button" class="caf-button caf-button--warning" id="delete-review" on:click=delete>
                            "Delete this review"
                        </button>
                    </div>
                </form>
            }
        })
    };

    // Reviews already saved, newest first (the one being written is above).
    editor
}
