//! Step 12, reviews and closing the CAF (caf-form.md §3.12): the plan's live
//! statuses, the reviews held so far (newest first), recording a new review
//! with a snapshot of the plan, and closing the CAF.

use leptos::prelude::*;

use crate::domain::{DateDraft, ReviewActionDraft, ReviewDraft};
use crate::form::caf::{
    self, has_plan, is_closed, snapshot_actions, start_review, REVIEW_CLOSURE_NOTES, REVIEW_FIELDS,
};
use crate::form::choices::{ACTION_STATUS, CLOSURE_REASON, REVIEW_DECISION};
use crate::form::{Choice, Step};
use crate::ui::pages::ReturnToTaskList;
use crate::ui::platform;
use crate::ui::state::{use_form_state, Page};
use crate::ui::widgets::{ErrorSummary, FieldView, SUMMARY_ID};
use crate::validate::Severity;

/// The words for a stored code, or the code itself when it is not one of
/// `choices` (an imported draft may hold anything).
fn label_of(choices: &[Choice], code: &str) -> String {
    choices
        .iter()
        .find(|choice| choice.code == code.trim())
        .map_or_else(|| code.trim().to_owned(), |choice| choice.label.to_owned())
}

/// A typed date in UK style; a half-typed or impossible date is shown as typed.
fn date_words(date: &DateDraft) -> String {
    match date.parse() {
        Ok(Some(date)) => date.to_string(),
        Ok(None) => "No date yet".to_owned(),
        Err(_) => format!(
            "{}/{}/{} (not a valid date)",
            date.day.trim(),
            date.month.trim(),
            date.year.trim()
        ),
    }
}

/// Where each plan action stood at a review, as a table. `id` lets the error
/// summary's link land on it.
fn snapshot_table(actions: Vec<ReviewActionDraft>, id: String) -> AnyView {
    if actions.is_empty() {
        return view! {
            <p class="caf-body" id=id tabindex="-1">"The plan had no actions when this review was recorded."</p>
        }
        .into_any();
    }
    let rows = actions
        .into_iter()
        .enumerate()
        .map(|(n, action)| {
            let what = if action.what.trim().is_empty() {
                format!("Action {}", n + 1)
            } else {
                action.what
            };
            view! {
                <tr>
                    <td class="caf-table__cell" data-label="Action">{what}</td>
                    <td class="caf-table__cell" data-label="Status">{label_of(ACTION_STATUS, &action.status)}</td>
                    <td class="caf-table__cell" data-label="Progress">{action.progress}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="caf-table caf-table--stack" id=id tabindex="-1">
            <caption class="caf-heading-s">"Where each action stood"</caption>
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Progress"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// One row of a summary list.
fn row(key: &'static str, value: String, id: String) -> impl IntoView {
    view! {
        <div class="caf-summary-list__row">
            <dt class="caf-summary-list__key">{key}</dt>
            <dd class="caf-summary-list__value" id=id>{value}</dd>
        </div>
    }
}

/// The reviews page.
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let state = use_form_state();
    let available = Memo::new(move |_| state.draft.with(|d| has_plan(&d.data)));
    let n_actions = Memo::new(move |_| state.draft.with(|d| d.data.plan.actions.len()));
    // The review being written. An undecided last review (the page was left,
    // or the app reloaded, mid-review) opens again.
    let editing = RwSignal::new(state.draft.with_untracked(|d| {
        let last = d.data.reviews.len().checked_sub(1)?;
        d.data.reviews[last]
            .decision
            .trim()
            .is_empty()
            .then_some(last)
    }));
    // The error summary shows after a failed "Save review".
    let problems_shown = RwSignal::new(false);
    let errors_of = move |idx: usize| {
        let prefix = format!("reviews[{idx}].");
        state
            .step_issues(Step::Reviews)
            .into_iter()
            .filter(|issue| issue.path.starts_with(&prefix))
            .collect::<Vec<_>>()
    };
    let issues = Signal::derive(move || match editing.get() {
        Some(idx) if problems_shown.get() => errors_of(idx),
        _ => Vec::new(),
    });

    let record = move |_| {
        state.update(start_review);
        let idx = state.draft.with_untracked(|d| d.data.reviews.len() - 1);
        problems_shown.set(false);
        editing.set(Some(idx));
        request_animation_frame(|| platform::focus("review-editor-heading"));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(idx) = editing.get_untracked() else {
            return;
        };
        state.attempt(Step::Reviews);
        let has_errors = errors_of(idx)
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
    let live_actions = move || {
        let n = n_actions.get();
        if n == 0 {
            return view! {
                <p class="caf-body" id="no-actions">"The plan has no actions yet. Add them in \"Team and delivery plan\"."</p>
            }
            .into_any();
        }
        (0..n)
            .map(|idx| {
                let heading_id = format!("live-action-{idx}-heading");
                let labelled_by = heading_id.clone();
                let title = move || {
                    state.draft.with(|d| {
                        let what = d
                            .data
                            .plan
                            .actions
                            .get(idx)
                            .map(|a| a.what.trim().to_owned())
                            .unwrap_or_default();
                        if what.is_empty() {
                            format!("Action {}", idx + 1)
                        } else {
                            format!("Action {}: {what}", idx + 1)
                        }
                    })
                };
                view! {
                    <section class="caf-list__item" aria-labelledby=labelled_by>
                        <h3 class="caf-heading-s" id=heading_id>{title}</h3>
                        <FieldView field=&caf::ACTION_FIELDS[6] idx=idx/>
                        <FieldView field=&caf::ACTION_FIELDS[7] idx=idx/>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };

    let editor = move || {
        editing.get().map(|idx| {
            let decision = Memo::new(move |_| {
                state.draft.with(|d| {
                    d.data
                        .reviews
                        .get(idx)
                        .map(|r| r.decision.trim().to_owned())
                        .unwrap_or_default()
                })
            });
            let snapshot = move || {
                let actions = state.draft.with(|d| {
                    d.data
                        .reviews
                        .get(idx)
                        .map(|r| r.actions.clone())
                        .unwrap_or_default()
                });
                snapshot_table(actions, format!("reviews-{idx}-actions"))
            };
            let retake = move |_| {
                state.update(|d| {
                    let actions = snapshot_actions(d);
                    if let Some(review) = d.reviews.get_mut(idx) {
                        review.actions = actions;
                    }
                });
            };
            view! {
                <form class="caf-form" id="review-editor" novalidate on:submit=save>
                    <h2 class="caf-heading-m" id="review-editor-heading" tabindex="-1">{format!("Review {}", idx + 1)}</h2>
                    <FieldView field=&REVIEW_FIELDS[0] idx=idx/>
                    <FieldView field=&REVIEW_FIELDS[1] idx=idx/>
                    <FieldView field=&REVIEW_FIELDS[2] idx=idx/>
                    {snapshot}
                    <p class="caf-body">
                        "This is a copy of the plan taken when the review started. Changing the plan later does not change it."
                    </p>
                    <button type="button" class="caf-button caf-button--secondary" id="review-snapshot-retake" on:click=retake>
                        "Copy the plan's current statuses again"
                    </button>
                    <FieldView field=&REVIEW_FIELDS[3] idx=idx/>
                    <FieldView field=&REVIEW_FIELDS[4] idx=idx/>
                    <FieldView field=&REVIEW_FIELDS[5] idx=idx/>
                    <Show when=move || decision.get() == "continue">
                        <FieldView field=&REVIEW_FIELDS[6] idx=idx/>
                    </Show>
                    <Show when=move || decision.get() == "close">
                        <FieldView field=&REVIEW_FIELDS[7] idx=idx/>
                        <FieldView field=&REVIEW_CLOSURE_NOTES idx=idx/>
                    </Show>
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
                let outcome = match decision.as_str() {
                    "continue" => Some(row(
                        "Next review",
                        date_words(&review.next_review),
                        format!("review-{i}-next_review"),
                    )),
                    "close" => Some(row(
                        "Why it closed",
                        label_of(CLOSURE_REASON, &review.closure_reason),
                        format!("review-{i}-closure_reason"),
                    )),
                    _ => None,
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
                        {snapshot_table(review.actions, format!("review-{i}-actions"))}
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

    let body = move || {
        if !available.get() {
            return view! {
                <div id="reviews-unavailable">
                    <p class="caf-body">
                        "Reviews start once there is a plan. Add the date of the first team meeting, or an action, in \"Team and delivery plan\" first."
                    </p>
                    <button
                        type="button"
                        class="caf-button"
                        id="go-to-plan"
                        on:click=move |_| state.page.set(Page::Step(Step::Plan))
                    >
                        "Go to Team and delivery plan"
                    </button>
                </div>
            }
            .into_any();
        }
        view! {
            {closed_panel}
            <h2 class="caf-heading-m">"Where the plan stands now"</h2>
            <p class="caf-body">"Update each action's status and progress before or during a review."</p>
            <div class="caf-list" id="live-actions">{live_actions}</div>
            {editor}
            <Show when=move || editing.get().is_none()>
                <button type="button" class="caf-button" id="record-review" on:click=record>
                    "Record a review"
                </button>
            </Show>
            <h2 class="caf-heading-m">"Reviews so far"</h2>
            <div id="reviews-list">{recorded}</div>
        }
        .into_any()
    };

    view! {
        <ReturnToTaskList/>
        <ErrorSummary issues=issues/>
        <span class="caf-caption">"Common Assessment Framework (CAF)"</span>
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{Step::Reviews.title()}</h1>
        {body}
        <div class="caf-button-group">
            <button
                type="button"
                class="caf-button caf-button--secondary"
                id="reviews-back"
                on:click=move |_| state.page.set(Page::TaskList)
            >
                "Back to the task list"
            </button>
        </div>
    }
}
