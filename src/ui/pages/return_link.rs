//! "Return to task list", at the top of every step (caf-form.md §2: the task
//! list is always available). A real link to the task list's address, so it
//! works by keyboard (Enter) like any other link.

use leptos::prelude::*;

use crate::ui::router::route;
use crate::ui::state::{use_form_state, Page};

/// The link back to the open draft's task list.
#[component]
pub fn ReturnToTaskList() -> impl IntoView {
    let state = use_form_state();
    let href = state
        .draft
        .with_untracked(|draft| format!("#{}", route(&draft.id, Page::TaskList)));
    view! {
        <a
            class="caf-link caf-return-link"
            href=href
            id="return-to-task-list"
            on:click=move |ev| {
                ev.prevent_default();
                state.summary_shown.set(false);
                state.page.set(Page::TaskList);
            }
        >
            "Return to task list"
        </a>
    }
}
