//! A one-line text answer, with suggestions offered as a datalist.

use leptos::prelude::*;

use super::{text_answer, Frame, SetText};
use crate::domain::Data;
use crate::form::At;
use crate::form::{InputType, Width};

pub fn text(
    frame: Frame,
    input: InputType,
    width: Width,
    get: fn(&Data, At) -> Option<&String>,
    set: SetText,
    suggestions: Option<Signal<Vec<String>>>,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let value = text_answer(state, get, idx);
    let input_type = match input {
        InputType::Text | InputType::Time | InputType::Digits => "text",
        InputType::Email => "email",
        InputType::Tel => "tel",
    };
    // A phone keypad for numbers typed with spaces (an NHS number).
    let input_mode = (input == InputType::Digits).then_some("numeric");
    let width_class = match width {
        Width::Full => "caf-input",
        Width::Half => "caf-input caf-input--half",
        Width::Short => "caf-input caf-input--short",
    };
    let list_id = suggestions.map(|_| format!("{id}-suggestions"));
    let datalist = suggestions.map(|offered| {
        let list_id = format!("{id}-suggestions");
        view! {
            <datalist id=list_id>
                {move || offered.get().into_iter().map(|value| view! { <option value=value></option> }).collect_view()}
            </datalist>
        }
    });
    view! {
        <label class="caf-label" for=id.clone()>{frame.label()}</label>
        {frame.hint()}
        {frame.message_view()}
        {datalist}
        <input
            list=list_id
            class=width_class
            id=id.clone()
            name=path.clone()
            type=input_type
            inputmode=input_mode
            autocomplete="off"
            spellcheck="false"
            aria-describedby=frame.described_by()
            aria-invalid=frame.invalid()
            prop:value=move || value.get()
            on:input:target=move |ev| {
                let text = ev.target().value();
                state.update(|d| if let Some(slot) = set(d, idx.into()) { *slot = text });
            }
        />
    }
    .into_any()
}
