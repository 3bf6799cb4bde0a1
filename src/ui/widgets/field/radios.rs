//! One answer from a short list, as radios.

use leptos::prelude::*;

use super::{text_answer, Frame, SetText};
use crate::domain::Data;
use crate::form::At;
use crate::form::Choice;

pub fn radios(
    frame: Frame,
    choices: &'static [Choice],
    get: fn(&Data, At) -> Option<&String>,
    set: SetText,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let value = text_answer(state, get, idx);
    let options = choices
        .iter()
        .enumerate()
        .map(|(n, choice)| {
            // The first radio carries the field's own id, so error links land on it.
            let option_id = if n == 0 { id.clone() } else { format!("{id}-{}", choice.code) };
            let code = choice.code;
            view! {
                <div class="caf-radios__item">
                    <input
                        class="caf-radios__input"
                        type="radio"
                        id=option_id.clone()
                        name=path.clone()
                        value=code
                        prop:checked=move || value.with(|v| v == code)
                        on:change=move |_| state.update(|d| if let Some(slot) = set(d, idx.into()) { *slot = code.to_owned() })
                    />
                    <label class="caf-label caf-radios__label" for=option_id>{choice.label}</label>
                </div>
            }
        })
        .collect_view();
    let legend_id = format!("{id}-legend");
    // Short answers sit side by side (yes/no, ratings); longer ones stack.
    let inline = choices.len() <= 4
        && choices
            .iter()
            .all(|choice| choice.label.chars().count() <= 20);
    view! {
        <fieldset class="caf-fieldset" aria-describedby=frame.described_by()>
            <legend class="caf-fieldset__legend" id=legend_id>{frame.label()}</legend>
            {frame.hint()}
            {frame.message_view()}
            <div class="caf-radios" class:caf-radios--inline=inline>{options}</div>
        </fieldset>
    }
    .into_any()
}
