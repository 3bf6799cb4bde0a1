//! Step 12, reviews and closing the CAF (caf-form.md §3.12): the plan's live
//! statuses, the reviews held so far (newest first), recording a new review
//! with a snapshot of the plan, and closing the CAF. One part a file.

use leptos::prelude::*;

use crate::form::caf::{has_plan, start_review};
use crate::form::Step;
use crate::ui::pages::ReturnToTaskList;
use crate::ui::platform;
use crate::ui::state::{use_form_state, window_title, Page};
use crate::ui::widgets::ErrorSummary;

mod closed;
mod editor;
mod live;
mod parts;
mod recorded;

use closed::ClosedPanel;
use editor::ReviewEditor;
use live::LiveActions;
use parts::review_issues;
use recorded::RecordedReviews;

/// The reviews page.
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let state = use_form_state();
    let available = Memo::new(move |_| state.draft.with(|d| has_plan(&d.data)));
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
    let issues = Signal::derive(move || match editing.get() {
        Some(idx) if problems_shown.get() => review_issues(state, idx),
        _ => Vec::new(),
    });
    // "Error: " first in the window's title while the summary shows errors,
    // as on every other step (the app's own title rule reads the steps'
    // summary, which this page does not use).
    Effect::new(move |_| {
        let has_errors = issues.with(|issues| {
            issues
                .iter()
                .any(|issue| issue.severity == crate::validate::Severity::Error)
        });
        platform::set_title(&window_title(Step::Reviews.title(), has_errors));
    });

    let record = move |_| {
        state.update(start_review);
        let idx = state.draft.with_untracked(|d| d.data.reviews.len() - 1);
        problems_shown.set(false);
        editing.set(Some(idx));
        request_animation_frame(|| platform::focus("review-editor-heading"));
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
            <ClosedPanel editing=editing/>
            <h2 class="caf-heading-m">"Where the plan stands now"</h2>
            <p class="caf-body">"Update each action's status and progress before or during a review."</p>
            <div class="caf-list" id="live-actions"><LiveActions/></div>
            <ReviewEditor editing=editing problems_shown=problems_shown/>
            <Show when=move || editing.get().is_none()>
                <button type="button" class="caf-button" id="record-review" on:click=record>
                    "Record a review"
                </button>
            </Show>
            <p class="caf-body">
                "Plan the review meeting, invite the team and the family, and make its calendar file and record on "
                <a class="caf-link" href="#meetings" id="reviews-to-meetings" on:click=move |ev| {
                    ev.prevent_default();
                    state.page.set(Page::Meetings);
                }>"the meetings page"</a>"."
            </p>
            <h2 class="caf-heading-m">"Reviews so far"</h2>
            <div id="reviews-list"><RecordedReviews editing=editing problems_shown=problems_shown/></div>
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
