//! Check answers and create documents (caf-form.md §3.11).

use leptos::prelude::*;

use crate::form::answer::answer;
use crate::form::caf::blocks;
use crate::form::{control_id, Block, Field, Step};
use crate::ui::state::{use_form_state, FormState, Page};
use crate::validate::{consent_status, ConsentStatus, Severity};

/// Every answer with a Change link, the outstanding problems, and the
/// document buttons.
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
    let problems = move || {
        let issues: Vec<_> = state.report.with(|r| r.issues().to_vec());
        let n_errors = issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        let n_warnings = issues.len() - n_errors;
        let items = issues
            .into_iter()
            .map(|issue| {
                let step = Step::of_path(&issue.path);
                let target = control_id(&issue.path);
                let kind = if issue.severity == Severity::Error {
                    "Error"
                } else {
                    "Warning"
                };
                view! {
                    <li>
                        <a href=format!("#{target}") on:click=move |ev| {
                            ev.prevent_default();
                            if let Some(step) = step {
                                go_to_field(state, step, target.clone());
                            }
                        }>{format!("{kind}: {}", issue.message)}</a>
                    </li>
                }
            })
            .collect_view();
        // An agreement that is not recorded, or no longer covers the form, is
        // the thing still to do, whatever the errors.
        let consent = state
            .report
            .with(|report| state.draft.with(|d| consent_status(&d.data, report)));
        let to_do = match consent {
            ConsentStatus::NotRecorded | ConsentStatus::OutOfDate(_) => Some(view! {
                <p class="caf-body" id="check-consent-to-do">
                    <strong>{format!("Still to do: {}", consent.banner())}</strong>
                    " "{consent.explanation().unwrap_or_default()}" "
                    <a class="caf-link" href="#record-agreement" on:click=move |ev| {
                        ev.prevent_default();
                        go_to_field(state, Step::Consent, "record-agreement".to_owned());
                    }>"Go to Record agreement"</a>
                </p>
            }),
            ConsentStatus::Recorded | ConsentStatus::Withdrawn(_) => None,
        };
        let summary = match (n_errors, n_warnings) {
            (0, 0) if to_do.is_some() => "There are no errors to fix.".to_owned(),
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
        };
        view! {
            <h2 class="caf-heading-m" id="check-problems">"Problems"</h2>
            <p class="caf-body">{summary}</p>
            {to_do}
            <ul class="caf-list-bullet">{items}</ul>
        }
    };
    view! {
        <span class="caf-caption">"Step 11 of 11"</span>
        <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{Step::Check.title()}</h1>
        {problems}
        {sections}
        <h2 class="caf-heading-m">"Create documents"</h2>
        {children()}
        <p class="caf-body">
            <a class="caf-link" href="#" id="task-list-link" on:click=move |ev| {
                ev.prevent_default();
                state.page.set(Page::TaskList);
            }>"Back to the task list"</a>
        </p>
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Opens `step` and puts focus on the field with control id `target`.
pub fn go_to_field(state: FormState, step: Step, target: String) {
    state.pending_focus.set(Some(target));
    state.page.set(Page::Step(step));
}

/// One step's answers as a summary list.
#[component]
fn StepAnswers(step: Step) -> impl IntoView {
    let state = use_form_state();
    let rows = move || {
        state.draft.with(|d| {
            let data = &d.data;
            let mut acc: Vec<(String, String, String)> = Vec::new();
            let mut push = |field: &Field, idx: usize, prefix: &str| {
                if let Some(text) = answer(field, data, idx) {
                    acc.push((
                        format!("{prefix}{}", field.label),
                        text,
                        control_id(&field.path_at(idx)),
                    ));
                }
            };
            for block in blocks(step) {
                match block {
                    Block::Field(field) => push(field, 0, ""),
                    Block::List(list) => {
                        for idx in 0..(list.len)(data) {
                            let prefix = format!("{} {}: ", list.item, idx + 1);
                            for field in list.fields {
                                push(field, idx, &prefix);
                            }
                        }
                    }
                    _ => (),
                }
            }
            acc
        })
    };
    let heading_id = format!("check-{}", step.id());
    view! {
        <h2 class="caf-heading-m" id=heading_id>{step.title()}</h2>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <p class="caf-body">"Nothing answered yet. " <ChangeLink step=step target=String::new() label=step.title().to_owned()/></p> }.into_any();
            }
            view! {
                <dl class="caf-summary-list">
                    {rows.into_iter().map(|(label, value, target)| view! {
                        <div class="caf-summary-list__row">
                            <dt class="caf-summary-list__key">{label.clone()}</dt>
                            <dd class="caf-summary-list__value">{value}</dd>
                            <dd class="caf-summary-list__actions"><ChangeLink step=step target=target label=label/></dd>
                        </div>
                    }).collect_view()}
                </dl>
            }
            .into_any()
        }}
    }
}

/// "Change" with the question named for screen readers.
#[component]
fn ChangeLink(step: Step, target: String, label: String) -> impl IntoView {
    let state = use_form_state();
    let href = if target.is_empty() {
        format!("#{}", step.id())
    } else {
        format!("#{target}")
    };
    view! {
        <a class="caf-link" href=href on:click=move |ev| {
            ev.prevent_default();
            go_to_field(state, step, target.clone());
        }>"Change"<span class="caf-visually-hidden">{format!(" {label}")}</span></a>
    }
}
