//! One answer from a long list, as a drop-down; suggested codes come first.

use leptos::prelude::*;

use super::{text_answer, Frame, SetText};
use crate::domain::Data;
use crate::form::At;
use crate::form::Choice;

pub fn select(
    frame: Frame,
    choices: &'static [Choice],
    get: fn(&Data, At) -> Option<&String>,
    set: SetText,
    suggestions: Option<Signal<Vec<String>>>,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let value = text_answer(state, get, idx);
    // Suggested codes come first (needs rated as concerns, for an action).
    let options = move || {
        let first = suggestions.map(|s| s.get()).unwrap_or_default();
        let mut ordered: Vec<&Choice> = choices
            .iter()
            .filter(|c| first.iter().any(|f| f == c.code))
            .collect();
        ordered.extend(
            choices
                .iter()
                .filter(|c| !first.iter().any(|f| f == c.code)),
        );
        ordered
            .into_iter()
            .map(|choice| {
                let code = choice.code;
                view! { <option value=code prop:selected=move || value.with(|v| v == code)>{choice.label}</option> }
            })
            .collect_view()
    };
    view! {
        <label class="caf-label" for=id.clone()>{frame.label()}</label>
        {frame.hint()}
        {frame.message_view()}
        <select
            class="caf-select"
            id=id.clone()
            name=path.clone()
            autocomplete="off"
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
            on:change:target=move |ev| {
                let code = ev.target().value();
                state.update(|d| if let Some(slot) = set(d, idx.into()) { *slot = code });
            }
        >
            <option value="" prop:selected=move || value.with(String::is_empty)>"Choose one"</option>
            {options}
        </select>
    }
    .into_any()
}
