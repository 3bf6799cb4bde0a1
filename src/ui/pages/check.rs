//! Check answers and create documents (caf-form.md §3.11), laid out for a
//! small screen: a short summary first (each step's status, what is still
//! to do), the document buttons with the consent status next, then the
//! problems, then each step's answers in its own collapsible section.
//!
//! What the page lists is gathered by plain functions (`form::answer::step_answers`,
//! `problem_items`, `problems_sentence`); the components only lay it out.

use leptos::prelude::*;

use crate::form::answer::step_answers;
use crate::form::{control_id, Step};
use crate::ui::pages::ReturnToTaskList;
use crate::ui::platform;
use crate::ui::state::{use_form_state, FormState, Page, StepStatus};
use crate::validate::{ConsentStatus, Issue, Severity};

/// The summary, the document buttons, the problems and every answer with a
/// Change link.
#[component]
pub fn CheckPage(
    /// The document buttons, supplied by the page that owns printing.
    children: Children,
) -> impl IntoView {
    let state = use_form_state();
    let sections = Step::ANSWERED
        .into_iter()
        .map(|step| view! { <StepAnswers step=step/> })
        .collect_view();
    // The steps not yet completed, each a link to its section of answers.
    let unfinished_steps = move || {
        Step::ANSWERED
            .into_iter()
            .map(|step| (step, state.status(step)))
            .filter(|(_, status)| *status != StepStatus::Completed)
            .collect::<Vec<_>>()
    };
    let steps_sentence = move || {
        let n_steps = Step::ANSWERED.len();
        let n_done = n_steps - unfinished_steps().len();
        format!("{n_done} of {n_steps} steps completed.")
    };
    let unfinished_list = move || {
        let unfinished = unfinished_steps();
        if unfinished.is_empty() {
            return None;
        }
        let items = unfinished
            .into_iter()
            .map(|(step, status)| {
                let section = section_id(step);
                view! {
                    <li class="caf-check-steps__item">
                        <a class="caf-link" href=format!("#{section}") on:click=move |ev| {
                            ev.prevent_default();
                            open_section(&section);
                        }>{step.title()}</a>
                        <strong class=status_class(status)>{status.words()}</strong>
                    </li>
                }
            })
            .collect_view();
        Some(view! { <ul class="caf-check-steps">{items}</ul> })
    };
    let issues = Memo::new(move |_| state.report.with(|r| r.issues().to_vec()));
    // An agreement that is not recorded, or no longer covers the form, is
    // the thing still to do, whatever the errors.
    let consent = Memo::new(move |_| state.consent_status());
    let consent_pending = move || {
        matches!(
            consent.get(),
            ConsentStatus::NotRecorded | ConsentStatus::OutOfDate(_)
        )
    };
    let still_to_do = move || issues.with(|issues| problems_sentence(issues, consent_pending()));
    let consent_to_do = move || {
        consent_pending().then(|| {
            let status = consent.get();
            view! {
                <p class="caf-body" id="check-consent-to-do">
                    <strong>{format!("Still to do: {}", status.banner())}</strong>
                    " "{status.explanation().unwrap_or_default()}" "
                    <a class="caf-link" href="#record-agreement" on:click=move |ev| {
                        ev.prevent_default();
                        go_to_field(state, Step::Consent, "record-agreement");
                    }>"Go to Record agreement"</a>
                </p>
            }
        })
    };
    let has_issues = move || issues.with(|issues| !issues.is_empty());
    let problems = move || {
        let items = issues
            .get()
            .into_iter()
            .map(|issue| {
                let (step, text) = problem_item(&issue);
                let path = issue.path.clone();
                view! {
                    <li>
                        <a href=format!("#{}", control_id(&path)) on:click=move |ev| {
                            ev.prevent_default();
                            if let Some(step) = step {
                                go_to_field(state, step, &path);
                            }
                        }>{text}</a>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="caf-list-bullet">{items}</ul> }
    };
    view! {
        <ReturnToTaskList/>
        <span class="caf-caption">{Step::Check.caption()}</span>
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{Step::Check.title()}</h1>
        <div class="caf-check-summary" id="check-summary">
            <p class="caf-body" id="steps-done"><strong>{steps_sentence}</strong></p>
            {unfinished_list}
            <p class="caf-body" id="still-to-do">
                {still_to_do}
                {move || has_issues().then(|| view! { " " <a class="caf-link" href="#check-problems">"See the problems"</a> })}
            </p>
            {consent_to_do}
        </div>
        <h2 class="caf-heading-m" id="create-documents">"Create documents"</h2>
        {children()}
        {move || has_issues().then(|| view! {
            <h2 class="caf-heading-m" id="check-problems" tabindex="-1">"Problems"</h2>
            {problems}
        })}
        <h2 class="caf-heading-m" id="check-answers">"Your answers, step by step"</h2>
        <p class="caf-body">"Open a step to see its answers and change them."</p>
        {sections}
        <p class="caf-body">
            <a class="caf-link" href="#" id="task-list-link" on:click=move |ev| {
                ev.prevent_default();
                state.page.set(Page::TaskList);
            }>"Back to the task list"</a>
        </p>
    }
}

/// What is still to do, in one sentence; `consent_pending`: the agreement
/// still has to be recorded (said beside this sentence).
fn problems_sentence(issues: &[Issue], consent_pending: bool) -> String {
    let n_errors = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let n_warnings = issues.len() - n_errors;
    match (n_errors, n_warnings) {
        (0, 0) if consent_pending => "There are no errors to fix.".to_owned(),
        (0, 0) => "There are no problems to fix.".to_owned(),
        (0, w) => format!("There are no errors. Check {w} warning{}.", plural(w)),
        (e, 0) => format!(
            "There {} {e} error{} to fix.",
            if e == 1 { "is" } else { "are" },
            plural(e)
        ),
        (e, w) => format!(
            "There {} {e} error{} to fix and {w} warning{} to check.",
            if e == 1 { "is" } else { "are" },
            plural(e),
            plural(w)
        ),
    }
}

/// One problem as listed: the step its field is on, and its words.
fn problem_item(issue: &Issue) -> (Option<Step>, String) {
    let kind = if issue.severity == Severity::Error {
        "Error"
    } else {
        "Warning"
    };
    (
        Step::of_path(&issue.path),
        format!("{kind}: {}", issue.message),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The tag a step's status is shown in, on the task list and here.
pub fn status_class(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Completed => "caf-tag",
        StepStatus::HasErrors
        | StepStatus::AgreementNotRecorded
        | StepStatus::AgreementOutOfDate => "caf-tag caf-tag--red",
        StepStatus::InProgress => "caf-tag caf-tag--blue",
        StepStatus::NotStarted => "caf-tag caf-tag--grey",
    }
}

/// The id of a step's section of answers.
fn section_id(step: Step) -> String {
    format!("check-{}", step.id())
}

/// Opens a step's section and moves focus to its heading.
fn open_section(id: &str) {
    platform::open_details(id);
    platform::focus(&format!("{id}-summary"));
}

/// Opens `step` and puts focus on the field at `path` (the step's heading
/// when `path` is empty); Continue there comes back to Check answers.
pub fn go_to_field(state: FormState, step: Step, path: &str) {
    let target = if path.is_empty() {
        "step-heading".to_owned()
    } else {
        control_id(path)
    };
    state.open_item_of(path);
    state.pending_focus.set(Some(target));
    state.return_to_check.set(Some(step));
    state.page.set(Page::Step(step));
}

/// One step's answers as a summary list, in a section that opens on request.
#[component]
fn StepAnswers(step: Step) -> impl IntoView {
    let state = use_form_state();
    let rows = move || state.draft.with(|d| step_answers(step, &d.data));
    let section = section_id(step);
    let summary_id = format!("{section}-summary");
    let status = move || state.status(step);
    view! {
        <details class="caf-details" id=section>
            <summary class="caf-details__summary" id=summary_id>
                <span class="caf-details__title">{step.title()}</span>
                " "
                <strong class=move || status_class(status())>{move || status().words()}</strong>
            </summary>
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    return view! { <p class="caf-body">"Nothing answered yet. " <ChangeLink step=step path=String::new() label=step.title().to_owned()/></p> }.into_any();
                }
                view! {
                    <dl class="caf-summary-list">
                        {rows.into_iter().map(|row| view! {
                            <div class="caf-summary-list__row">
                                <dt class="caf-summary-list__key">{row.label.clone()}</dt>
                                <dd class="caf-summary-list__value">{row.value}</dd>
                                <dd class="caf-summary-list__actions"><ChangeLink step=step path=row.path label=row.label/></dd>
                            </div>
                        }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </details>
    }
}

/// "Change" with the question named for screen readers.
#[component]
fn ChangeLink(step: Step, path: String, label: String) -> impl IntoView {
    let state = use_form_state();
    let href = if path.is_empty() {
        format!("#{}", step.id())
    } else {
        format!("#{}", control_id(&path))
    };
    view! {
        <a class="caf-link" href=href on:click=move |ev| {
            ev.prevent_default();
            go_to_field(state, step, &path);
        }>"Change"<span class="caf-visually-hidden">{format!(" {label}")}</span></a>
    }
}
