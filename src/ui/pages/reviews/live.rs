//! The live plan: statuses and progress can be brought up to date before or
//! during a review; the plan step keeps every other detail.

use leptos::prelude::*;

use crate::form::caf;
use crate::ui::state::use_form_state;
use crate::ui::widgets::FieldView;

/// Each plan action's status and progress, from the table.
#[component]
pub fn LiveActions() -> impl IntoView {
    let state = use_form_state();
    let n_actions = Memo::new(move |_| state.draft.with(|d| d.data.plan.actions.len()));
    let live_actions = move || {
        let n = n_actions.get();
        if n == 0 {
            return view! {
                <p class="caf-body" id="no-actions">"The plan has no actions yet. Add them in \"Team and delivery plan\"."</p>
            }
            .into_any();
        }
        (0..n)
            .map(|idx| {
                let heading_id = format!("live-action-{idx}-heading");
                let labelled_by = heading_id.clone();
                let title = move || {
                    state.draft.with(|d| {
                        let what = d
                            .data
                            .plan
                            .actions
                            .get(idx)
                            .map(|a| a.what.trim().to_owned())
                            .unwrap_or_default();
                        if what.is_empty() {
                            format!("Action {}", idx + 1)
                        } else {
                            format!("Action {}: {what}", idx + 1)
                        }
                    })
                };
                view! {
                    <section class="caf-list__item" aria-labelledby=labelled_by>
                        <h3 class="caf-heading-s" id=heading_id>{title}</h3>
                        <FieldView field=caf::ACTION_STATUS_FIELD idx=idx/>
                        <FieldView field=caf::ACTION_PROGRESS idx=idx/>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    live_actions
}
