//! Moving between the open draft's pages: Back, Forward or an address typed
//! by hand that names another of its pages shows it; every page change
//! saves at once, makes its history entry (router.rs), moves focus and
//! clears the page before's news; the window title names the page.

use leptos::prelude::*;

use crate::ui::app::AppState;
use crate::ui::draft::autosave::Autosave;
use crate::ui::platform;
use crate::ui::router::{self, Address, Arrival};
use crate::ui::state::{window_title, FormState, Page};
use crate::validate::Severity;

/// Follows the pages of the draft `id` for as long as it is open.
pub fn follow_pages(app: AppState, state: FormState, id: String, autosave: Autosave) {
    // Back or Forward to another page of this draft (or the address changed
    // by hand): show it. Other addresses are followed by `App`.
    let id_for_history = id.clone();
    let on_history = window_event_listener(leptos::ev::popstate, move |_| {
        if let Address::Draft(route_id, page) = router::address(&platform::hash()) {
            if route_id == id_for_history && state.page.get_untracked() != page {
                state.summary_shown.set(false);
                state.page.set(page);
            }
        }
    });
    on_cleanup(move || on_history.remove());

    // On every page change, a history entry (router.rs); focus goes to the
    // heading, to the field a Change link named, or after Back to the
    // control the user left this page from; news of the page before is
    // cleared.
    Effect::new(move |previous: Option<Page>| {
        let page = state.page.get();
        if previous.is_some_and(|previous| previous != page) {
            app.clear_news();
        }
        // Moving to another page of the app saves at once.
        autosave.save_now();
        let address = router::route(&id, page);
        let arrival = router::arrive(&address);
        let target = state.pending_focus.get_untracked().or(match arrival {
            Arrival::Returned(focus) => focus,
            Arrival::New => None,
        });
        state.pending_focus.set(None);
        router::focus_after_render(target, page.title(), &address);
        page
    });
    Effect::new(move |_| {
        let page = state.page.get();
        let shows_errors = match page {
            Page::Step(step) if state.summary_shown.get() => state
                .step_issues(step)
                .iter()
                .any(|issue| issue.severity == Severity::Error),
            _ => false,
        };
        platform::set_title(&window_title(page.title(), shows_errors));
    });
}
