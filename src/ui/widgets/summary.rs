//! The GOV.UK error summary: every problem on the step, each a link that
//! moves focus to its field.

use leptos::prelude::*;

use crate::form::control_id;
use crate::ui::platform;
use crate::ui::state::FormState;
use crate::validate::{Issue, Severity};

/// The id the summary carries, so focus can move to it.
pub const SUMMARY_ID: &str = "error-summary";

/// A list of problems; renders nothing when there are none.
#[component]
pub fn ErrorSummary(
    /// The errors to list, in form order.
    issues: Signal<Vec<Issue>>,
) -> impl IntoView {
    move || {
        let errors: Vec<Issue> = issues
            .get()
            .into_iter()
            .filter(|i| i.severity == Severity::Error)
            .collect();
        (!errors.is_empty()).then(|| {
            let links = errors
                .into_iter()
                .map(|issue| {
                    let target = control_id(&issue.path);
                    let href = format!("#{target}");
                    let path = issue.path.clone();
                    view! {
                        <li>
                            <a href=href on:click=move |ev| {
                                ev.prevent_default();
                                // A field inside a list item shows once its item is open.
                                if let Some(state) = use_context::<FormState>() {
                                    state.open_item_of(&path);
                                }
                                let target = target.clone();
                                request_animation_frame(move || platform::focus(&target));
                            }>{issue.message}</a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="caf-error-summary" id=SUMMARY_ID tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 class="caf-error-summary__title" id="error-summary-title">"There is a problem"</h2>
                    <ul class="caf-error-summary__list">{links}</ul>
                </div>
            }
        })
    }
}
