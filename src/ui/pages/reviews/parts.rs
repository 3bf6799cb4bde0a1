//! What the reviews page's parts share: codes and dates in words, the
//! snapshot table, a summary row and a review's issues.

use leptos::prelude::*;

use crate::domain::{DateDraft, ReviewActionDraft};
use crate::form::choices::ACTION_STATUS;
use crate::form::{Choice, Step};
use crate::ui::state::FormState;
use crate::validate::Issue;

/// The words for a stored code, or the code itself when it is not one of
/// `choices` (an imported draft may hold anything).
pub fn label_of(choices: &[Choice], code: &str) -> String {
    choices
        .iter()
        .find(|choice| choice.code == code.trim())
        .map_or_else(|| code.trim().to_owned(), |choice| choice.label.to_owned())
}

/// A typed date in UK style; a half-typed or impossible date is shown as typed.
pub fn date_words(date: &DateDraft) -> String {
    match date.parse() {
        Ok(Some(date)) => date.to_string(),
        Ok(None) => "No date yet".to_owned(),
        Err(_) => format!(
            "{}/{}/{} (not a valid date)",
            date.day.trim(),
            date.month.trim(),
            date.year.trim()
        ),
    }
}

/// Where each plan action stood at a review, as a table. `id` lets the error
/// summary's link land on it.
pub fn snapshot_table(actions: Vec<ReviewActionDraft>, id: String) -> AnyView {
    if actions.is_empty() {
        return view! {
            <p class="caf-body" id=id tabindex="-1">"The plan had no actions when this review was recorded."</p>
        }
        .into_any();
    }
    let rows = actions
        .into_iter()
        .enumerate()
        .map(|(n, action)| {
            let what = if action.what.trim().is_empty() {
                format!("Action {}", n + 1)
            } else {
                action.what
            };
            view! {
                <tr>
                    <td class="caf-table__cell" data-label="Action">{what}</td>
                    <td class="caf-table__cell" data-label="Status">{label_of(ACTION_STATUS, &action.status)}</td>
                    <td class="caf-table__cell" data-label="Progress">{action.progress}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="caf-table caf-table--stack" id=id tabindex="-1">
            <caption class="caf-heading-s">"Where each action stood"</caption>
            <thead>
                <tr>
                    <th scope="col">"Action"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Progress"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// One row of a summary list.
pub fn row(key: &'static str, value: String, id: String) -> impl IntoView {
    view! {
        <div class="caf-summary-list__row">
            <dt class="caf-summary-list__key">{key}</dt>
            <dd class="caf-summary-list__value" id=id>{value}</dd>
        </div>
    }
}
/// The issues of review `idx`, in form order.
pub fn review_issues(state: FormState, idx: usize) -> Vec<Issue> {
    let prefix = format!("reviews[{idx}].");
    state
        .step_issues(Step::Reviews)
        .into_iter()
        .filter(|issue| issue.path.starts_with(&prefix))
        .collect()
}
