//! `DraftView`: an open draft. It provides the draft's state and wires the
//! parts that keep it safe (autosave, other tabs, printout freshness,
//! recovery of a failed save, moving between pages) around its current page.

use leptos::prelude::*;

use crate::domain::Draft;
use crate::form::Step;
use crate::storage::Base;
use crate::ui::app::AppState;
use crate::ui::draft::autosave::Autosave;
use crate::ui::draft::freshness::Freshness;
use crate::ui::draft::navigation::follow_pages;
use crate::ui::draft::recovery::{restore_unsaved, RemedyPanel};
use crate::ui::draft::tab_sync::{watch_other_tabs, ConflictPanel};
use crate::ui::on_demand::PlanPage;
use crate::ui::pages::{CheckPage, DocumentButtons, StepPage, TaskListPage};
use crate::ui::platform;
use crate::ui::state::{FormState, Page};

/// An open draft: provides its state, autosaves, and shows its current page.
#[component]
pub(crate) fn DraftView(
    /// The draft as loaded or created.
    draft: Draft,
    /// The page to open on (from the address); the task list when `None`.
    start_page: Option<Page>,
) -> impl IntoView {
    let app = expect_context::<AppState>();
    app.pages_shown.set(true);
    on_cleanup(move || {
        let _ = app.pages_shown.try_set(false);
    });
    let id = draft.id.clone();
    let base = Base {
        revision: draft.revision,
        token: draft.write_token.clone(),
    };
    let state = FormState::provide(draft, platform::today(), app.settings.into());
    if let Some(page) = start_page {
        state.page.set(page);
    }
    let autosave = Autosave::start(app, state, base);
    // A withdrawal this device remembers was written into the draft as it
    // opened (`FormState::provide`): stored at once, so its exports carry it.
    if state.wrote_in_withdrawal {
        autosave.save_change();
    }
    restore_unsaved(app, state, autosave);
    Freshness::provide(app, id.clone(), autosave);
    watch_other_tabs(app, &id, autosave);
    follow_pages(app, state, id, autosave);

    let body = move || match state.page.get() {
        Page::TaskList => view! { <TaskListPage/> }.into_any(),
        Page::Step(Step::Check) => view! { <CheckPage><DocumentButtons/></CheckPage> }.into_any(),
        // Reviews, meetings and the printable pages: a module of their own.
        page @ (Page::Step(Step::Reviews)
        | Page::Handout
        | Page::Meetings
        | Page::Invitation { .. }) => view! { <PlanPage page=page/> }.into_any(),
        Page::Step(step) => view! { <StepPage step=step/> }.into_any(),
    };
    view! {
        <ConflictPanel autosave=autosave/>
        <RemedyPanel autosave=autosave/>
        {body}
    }
}
