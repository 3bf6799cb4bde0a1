//! What the reviews page's parts share: codes and dates in words, the
//! snapshot table, a summary row and a review's issues.

use leptos::prelude::*;

use crate::domain::{Data, DateDraft};
use crate::form::answer::answer;
use crate::form::caf::REVIEW_ACTIONS;
use crate::form::{At, Choice, Step};
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

/// Where each plan action stood at review `item`, as a table: a column to
/// a question of the table's `REVIEW_ACTIONS`, each answer in words. `id`
/// lets the error summary's link land on it.
pub fn snapshot_table(data: &Data, item: usize, id: String) -> AnyView {
    let sub = &REVIEW_ACTIONS;
    let len = (sub.len)(data, item);
    if len == 0 {
        return view! {
            <p class="caf-body" id=id tabindex="-1">"The plan had no actions when this review was recorded."</p>
        }
        .into_any();
    }
    let heads = sub
        .fields
        .iter()
        .map(|field| view! { <th scope="col">{field.heading()}</th> })
        .collect_view();
    let rows = (0..len)
        .map(|j| {
            let cells = sub
                .fields
                .iter()
                .enumerate()
                .map(|(col, field)| {
                    let words = answer(field, data, At::sub(item, j));
                    // An action without words is named by its number.
                    let words = match (col, words) {
                        (0, None) => format!("Action {}", j + 1),
                        (_, words) => words.unwrap_or_default(),
                    };
                    view! { <td class="caf-table__cell" data-label=field.heading()>{words}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="caf-table caf-table--stack" id=id tabindex="-1">
            <caption class="caf-heading-s">{sub.title}</caption>
            <thead>
                <tr>{heads}</tr>
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
