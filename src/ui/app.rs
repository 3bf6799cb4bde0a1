//! `<App/>`: the drafts page or the open draft, the one status region, and
//! autosave.

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::{Draft, Settings};
use crate::form::Step;
use crate::ui::pages::{CheckPage, StepPage, TaskListPage};
use crate::ui::state::{FormState, Page};
use crate::ui::{persist, platform};

/// What the whole window shows.
#[derive(Debug, Clone, PartialEq)]
enum View {
    Drafts,
    Open(Draft),
}

/// The app's root.
#[component]
pub fn App() -> impl IntoView {
    let view_state = RwSignal::new(View::Drafts);
    let status = RwSignal::new(String::new());
    let drafts = RwSignal::new(persist::list());
    let start_new = move |_| {
        let now = platform::now_rfc3339();
        let draft = Draft {
            id: platform::new_id(),
            created_at: now.clone(),
            updated_at: now,
            version: 1,
            ..Draft::default()
        };
        view_state.set(View::Open(draft));
    };
    let page = move || match view_state.get() {
        View::Drafts => {
            let rows = drafts
                .get()
                .into_iter()
                .map(|draft| {
                    let name = format!("{} {}", draft.data.child.given_name, draft.data.child.family_name);
                    view! {
                        <li>
                            {name}" "
                            <button class="caf-button caf-button--secondary" on:click=move |_| view_state.set(View::Open(draft.clone()))>
                                "Continue"
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h1 class="caf-heading-l" id="step-heading" tabindex="-1">"Your CAFs on this device"</h1>
                <ul class="caf-drafts">{rows}</ul>
                <button class="caf-button" id="start-new" on:click=start_new>"Start a new CAF"</button>
            }
            .into_any()
        }
        View::Open(draft) => view! { <DraftView draft=draft status=status/> }.into_any(),
    };
    view! {
        <header class="caf-header">
            <div class="caf-width-container">
                <a class="caf-header__name" href="#" on:click=move |ev| {
                    ev.prevent_default();
                    drafts.set(persist::list());
                    view_state.set(View::Drafts);
                }>"CAF Lite"</a>
            </div>
        </header>
        <div class="caf-width-container">
            <p class="caf-status" role="status" aria-live="polite" id="save-status">{move || status.get()}</p>
            <main class="caf-main" id="main-content">{page}</main>
        </div>
    }
}

/// An open draft: provides its state, autosaves, and shows its current page.
#[component]
fn DraftView(
    /// The draft as loaded or created.
    draft: Draft,
    /// The app's status region.
    status: RwSignal<String>,
) -> impl IntoView {
    let state = FormState::provide(draft, platform::today(), Signal::derive(Settings::default));
    let save_now = move || {
        let draft = state.draft.get_untracked();
        match persist::save(&draft) {
            Ok(()) => status.set(format!("Saved on this device at {}", platform::clock_time())),
            Err(err) => status.set(format!("Not saved: {err}. Export a draft file now.")),
        }
    };
    let mut debounced = debounce(Duration::from_millis(700), move |_: ()| save_now());
    Effect::new(move |previous: Option<()>| {
        state.draft.track();
        if previous.is_some() {
            debounced(());
        }
    });
    let on_hide = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    on_cleanup(move || on_hide.remove());
    // On every page change, focus goes to the heading, or to the field a
    // Change link named.
    Effect::new(move |_| {
        state.page.track();
        let target = state.pending_focus.get_untracked().unwrap_or_else(|| "step-heading".to_owned());
        state.pending_focus.set(None);
        request_animation_frame(move || platform::focus(&target));
    });
    move || match state.page.get() {
        Page::TaskList => view! { <TaskListPage/> }.into_any(),
        Page::Step(Step::Check) => view! { <CheckPage>{()}</CheckPage> }.into_any(),
        Page::Step(step) => view! { <StepPage step=step/> }.into_any(),
    }
}
