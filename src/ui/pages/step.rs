//! One step of the form: its questions, the error summary after a failed
//! Continue, and Continue / Back.

use leptos::prelude::*;

use crate::form::caf::blocks;
use crate::form::{Block, List, Step};
use crate::ui::pages::specials::SpecialView;
use crate::ui::pages::suggest;
use crate::ui::pages::ReturnToTaskList;
use crate::ui::platform;
use crate::ui::state::{use_form_state, FormState, Page};
use crate::ui::widgets::{ErrorSummary, FieldView, ListView, SUMMARY_ID};
use crate::validate::{preselect_response, Severity};

/// The page for `step`.
#[component]
pub fn StepPage(
    /// Which step to show.
    step: Step,
) -> impl IntoView {
    let state = use_form_state();
    let issues = Signal::derive(move || {
        if state.summary_shown.get() {
            state.step_issues(step)
        } else {
            Vec::new()
        }
    });
    let gate_closed = move || step == Step::Start && state.safeguarding_stop();
    // Opening the conclusion pre-selects the response the threshold
    // suggests, when none is chosen yet (`validate::preselect_response`).
    if step == Step::Conclusion {
        let settings = state.settings.get_untracked();
        state.update(|data| preselect_response(data, &settings));
    }
    // A Change link's way back holds only while its step stays open; leaving
    // the step any other way (task list, header) forgets it.
    on_cleanup(move || {
        let _ = state.return_to_check.try_set(None);
    });
    let on_continue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.attempt(step);
        let has_errors = state
            .step_issues(step)
            .iter()
            .any(|issue| issue.severity == Severity::Error);
        if has_errors {
            state.summary_shown.set(true);
            // Let the summary render before moving focus to it.
            request_animation_frame(move || platform::focus(SUMMARY_ID));
            return;
        }
        if gate_closed() {
            return;
        }
        // The agreement is filled in but "Record agreement" was not pressed:
        // say so beside the button once; Continue again moves on. (Back on
        // Check answers, which lists it as still to do, it is said there.)
        if step == Step::Consent
            && state.return_to_check.get_untracked() != Some(step)
            && state.agreement_left_unrecorded()
            && !state.consent_reminder.get_untracked()
        {
            state.consent_reminder.set(true);
            request_animation_frame(move || platform::focus("record-agreement"));
            return;
        }
        state.consent_reminder.set(false);
        state.summary_shown.set(false);
        // After "Change" on Check answers, Continue goes back there.
        let next = if state.return_to_check.get_untracked() == Some(step) {
            Page::Step(Step::Check)
        } else {
            match step.next() {
                Some(Step::Reviews) | None => Page::TaskList,
                Some(next) => Page::Step(next),
            }
        };
        state.return_to_check.set(None);
        state.page.set(next);
    };
    let body = blocks(step)
        .into_iter()
        .map(|block| match block {
            Block::Heading(text) => view! { <h2 class="caf-heading-m">{text}</h2> }.into_any(),
            Block::Text(text) => view! { <p class="caf-body">{text}</p> }.into_any(),
            Block::Field(field) => {
                view! { <FieldView field=field suggestions=suggest::for_field(field, state)/> }
                    .into_any()
            }
            Block::List(list) => view! { <ListView list=list/> }.into_any(),
            Block::Special(special) => view! { <SpecialView special=special/> }.into_any(),
        })
        .collect_view();
    open_first_unfinished(state, step);
    view! {
        <ReturnToTaskList/>
        <ErrorSummary issues=issues/>
        <form class="caf-form" novalidate on:submit=on_continue>
            <span class="caf-caption">{step.caption()}</span>
            <h1 class="caf-heading-l" id="step-heading" tabindex="-1">{step.title()}</h1>
            {body}
            <div class="caf-button-group">
                <button type="submit" class="caf-button" id="continue">
                    {move || if gate_closed() { "Save and stop" } else { "Continue" }}
                </button>
                <button
                    type="button"
                    class="caf-button caf-button--secondary"
                    on:click=move |_| {
                        state.summary_shown.set(false);
                        let back = if state.return_to_check.get_untracked() == Some(step) {
                            Page::Step(Step::Check)
                        } else {
                            step.previous().map_or(Page::TaskList, Page::Step)
                        };
                        state.page.set(back);
                    }
                >
                    "Back"
                </button>
            </div>
        </form>
    }
}

/// Opens the first list item of `step` that is not finished (has an error),
/// unless a Change or error link already named an item of this step.
fn open_first_unfinished(state: FormState, step: Step) {
    let lists: Vec<&List> = blocks(step)
        .into_iter()
        .filter_map(|block| match block {
            Block::List(list) => Some(list),
            _ => None,
        })
        .collect();
    let named_here = state.open_item.with_untracked(|open| {
        open.as_deref().is_some_and(|open| {
            lists.iter().any(|list| {
                open.strip_prefix(list.path)
                    .is_some_and(|rest| rest.starts_with('['))
            })
        })
    });
    if named_here {
        return;
    }
    let first = lists.iter().find_map(|list| {
        let n_items = state.draft.with_untracked(|d| (list.len)(&d.data));
        (0..n_items)
            .map(|idx| list.item_path(idx))
            .find(|item| state.item_has_errors(item))
    });
    state.open_item.set(first);
}
