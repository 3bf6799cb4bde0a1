//! The task list of one draft: every step with its status, and once a plan
//! exists, reviews with the next review date (or that the CAF is closed).

use leptos::prelude::*;

use crate::domain::meetings::{meeting_words, next_meeting};
use crate::domain::naming::caf_name;
use crate::form::caf::{has_plan, is_closed, next_review_date};
use crate::form::Step;
use crate::ui::app::AppState;
use crate::ui::pages::check::status_class;
use crate::ui::pages::meetings_available;
use crate::ui::pages::sibling::{CopiedFromNote, StartSibling};
use crate::ui::state::{use_form_state, Page};

/// The draft's home: steps and their statuses.
#[component]
pub fn TaskListPage() -> impl IntoView {
    let state = use_form_state();
    let app = expect_context::<AppState>();
    // Named as on the drafts page: the full name only after "Show names".
    let child_name = move || {
        let show_names = app.show_names.get();
        state.draft.with(|d| caf_name(&d.data.child, show_names))
    };
    let rows = move || {
        let gate_closed = state.safeguarding_stop();
        Step::ALL
            .into_iter()
            .filter(|step| *step != Step::Reviews)
            .filter(|step| !gate_closed || *step == Step::Start)
            .map(|step| {
                let status = state.status(step);
                let status_class = status_class(status);
                let link_id = format!("task-{}", step.id());
                let status_id = format!("task-{}-status", step.id());
                let shows_status = step != Step::Check;
                view! {
                    <li class="caf-task-list__item">
                        <a
                            class="caf-link caf-task-list__link"
                            href=format!("#{}", step.id())
                            id=link_id
                            aria-describedby=status_id.clone()
                            on:click=move |ev| {
                                ev.prevent_default();
                                state.summary_shown.set(false);
                                state.page.set(Page::Step(step));
                            }
                        >
                            {step.title()}
                        </a>
                        <Show when=move || shows_status>
                            <strong class=status_class id=status_id.clone()>{status.words()}</strong>
                        </Show>
                    </li>
                }
            })
            .collect_view()
    };
    // Reviews (step 12) are offered once a plan exists; the line under the
    // link says when the next review is due, and whether it is overdue.
    let reviews_row = move || {
        let gate_closed = state.safeguarding_stop();
        let (available, closed, next, reviewed) = state.draft.with(|d| {
            (
                has_plan(&d.data),
                is_closed(&d.data),
                next_review_date(&d.data),
                !d.data.reviews.is_empty(),
            )
        });
        (available && !gate_closed).then(|| {
            let (line, line_class) = match (closed, next) {
                (true, _) => ("Closed".to_owned(), "caf-tag caf-tag--grey"),
                (false, Some(date)) if date < state.today => (
                    format!("Next review: {date} (overdue)"),
                    "caf-tag caf-tag--red",
                ),
                (false, Some(date)) => (format!("Next review: {date}"), "caf-tag caf-tag--blue"),
                // A review was held but its next date is missing or
                // mistyped: say where to finish it, not that none was set.
                (false, None) if reviewed => (
                    "Next review date missing: finish the latest review".to_owned(),
                    "caf-tag caf-tag--red",
                ),
                (false, None) => ("No review date set".to_owned(), "caf-tag caf-tag--grey"),
            };
            view! {
                <li class="caf-task-list__item">
                    <a
                        class="caf-link caf-task-list__link"
                        href="#reviews"
                        id="task-reviews"
                        aria-describedby="next-review"
                        on:click=move |ev| {
                            ev.prevent_default();
                            state.summary_shown.set(false);
                            state.page.set(Page::Step(Step::Reviews));
                        }
                    >
                        {Step::Reviews.title()}
                    </a>
                    <strong class=line_class id="next-review">{line}</strong>
                </li>
            }
        })
    };
    // Meetings (not a numbered step) are offered once the plan has a team;
    // the line under the link says when the next one is.
    let meetings_row = move || {
        let gate_closed = state.safeguarding_stop();
        let (available, next) = state.draft.with(|d| {
            (
                meetings_available(&d.data),
                next_meeting(&d.data, state.today).map(|(m, date)| meeting_words(m, date)),
            )
        });
        (available && !gate_closed).then(|| {
            let (line, line_class) = match next {
                Some(words) => (words, "caf-tag caf-tag--blue"),
                None => ("No meeting planned".to_owned(), "caf-tag caf-tag--grey"),
            };
            view! {
                <li class="caf-task-list__item">
                    <a
                        class="caf-link caf-task-list__link"
                        href="#meetings"
                        id="task-meetings"
                        aria-describedby="next-meeting"
                        on:click=move |ev| {
                            ev.prevent_default();
                            state.summary_shown.set(false);
                            state.page.set(Page::Meetings);
                        }
                    >
                        "Meetings"
                    </a>
                    <strong class=line_class id="next-meeting">{line}</strong>
                </li>
            }
        })
    };
    view! {
        <span class="caf-caption">"Common Assessment Framework (CAF)"</span>
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{child_name}</h1>
        <CopiedFromNote/>
        <p class="caf-body">"Do the steps in any order. Start with \"Before you start\". Your answers are saved on this device as you type."</p>
        <ol class="caf-task-list">{rows}{reviews_row}{meetings_row}</ol>
        <StartSibling/>
    }
}
