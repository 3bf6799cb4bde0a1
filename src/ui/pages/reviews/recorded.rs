//! The reviews already saved, newest first (the one being written is above).

use leptos::prelude::*;

use super::parts::{date_words, label_of, row, snapshot_table};
use crate::domain::ReviewDraft;
use crate::form::caf::{REVIEW_CLOSURE_REASON, REVIEW_NEXT_REVIEW};
use crate::form::choices::{CLOSURE_REASON, REVIEW_DECISION};
use crate::ui::platform;
use crate::ui::state::use_form_state;

/// Each saved review, with its Change button.
#[component]
pub fn RecordedReviews(
    /// The review being written, if any.
    editing: RwSignal<Option<usize>>,
    /// Whether the error summary shows.
    problems_shown: RwSignal<bool>,
) -> impl IntoView {
    let state = use_form_state();
    let recorded = move || {
        let editing_idx = editing.get();
        let reviews: Vec<(usize, ReviewDraft)> = state.draft.with(|d| {
            d.data
                .reviews
                .iter()
                .cloned()
                .enumerate()
                .rev()
                .filter(|(i, _)| Some(*i) != editing_idx)
                .collect()
        });
        if reviews.is_empty() {
            return view! { <p class="caf-body" id="no-reviews">"No reviews recorded yet."</p> }
                .into_any();
        }
        reviews
            .into_iter()
            .map(|(i, review)| {
                let n = i + 1;
                let heading_id = format!("review-{i}-heading");
                let labelled_by = heading_id.clone();
                let decision = review.decision.trim().to_owned();
                let (continued, closed) = state.draft.with(|d| {
                    (
                        REVIEW_NEXT_REVIEW.is_shown(&d.data, i),
                        REVIEW_CLOSURE_REASON.is_shown(&d.data, i),
                    )
                });
                let outcome = if continued {
                    Some(row(
                        "Next review",
                        date_words(&review.next_review),
                        format!("review-{i}-next_review"),
                    ))
                } else if closed {
                    Some(row(
                        "Why it closed",
                        label_of(CLOSURE_REASON, &review.closure_reason),
                        format!("review-{i}-closure_reason"),
                    ))
                } else {
                    None
                };
                let decision_words = if decision.is_empty() {
                    "Not decided".to_owned()
                } else {
                    label_of(REVIEW_DECISION, &decision)
                };
                view! {
                    <section class="caf-list__item" id=format!("review-{i}") aria-labelledby=labelled_by>
                        <h3 class="caf-heading-s" id=heading_id tabindex="-1">
                            {format!("Review {n}: {}", date_words(&review.date))}
                        </h3>
                        <dl class="caf-summary-list">
                            {row("Decision", decision_words, format!("review-{i}-decision"))}
                            {outcome}
                            {row("Progress and what has changed", review.summary.clone(), format!("review-{i}-summary"))}
                        </dl>
                        {state.draft.with(|d| snapshot_table(&d.data, i, format!("review-{i}-actions")))}
                        <button
                            type="button"
                            class="caf-button caf-button--secondary"
                            id=format!("review-{i}-change")
                            on:click=move |_| {
                                problems_shown.set(false);
                                editing.set(Some(i));
                                request_animation_frame(|| platform::focus("review-editor-heading"));
                            }
                        >
                            "Change"
                            <span class="caf-visually-hidden">{format!(" review {n}")}</span>
                        </button>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    recorded
}
