//! A textarea with a live character count that warns and never blocks typing.

use leptos::prelude::*;

use super::{text_answer, Frame, SetText};
use crate::domain::Data;
use crate::form::At;

pub fn long_text(
    frame: Frame,
    max_chars: usize,
    get: fn(&Data, At) -> Option<&String>,
    set: SetText,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let value = text_answer(state, get, idx);
    let n_chars = Memo::new(move |_| value.with(|text| text.chars().count()));
    let count_id = format!("{id}-count");
    let count_text = move || {
        let n = n_chars.get();
        if n > max_chars {
            let over = n - max_chars;
            format!(
                "You have {over} character{} too many",
                if over == 1 { "" } else { "s" }
            )
        } else {
            let left = max_chars - n;
            format!(
                "You have {left} character{} remaining",
                if left == 1 { "" } else { "s" }
            )
        }
    };
    let described_by = {
        let count_id = count_id.clone();
        let described_by = frame.described_by();
        move || Some(described_by().map_or(count_id.clone(), |ids| format!("{ids} {count_id}")))
    };
    view! {
        <label class="caf-label" for=id.clone()>{frame.label()}</label>
        {frame.hint()}
        {frame.message_view()}
        <textarea
            class="caf-textarea"
            id=id.clone()
            name=path.clone()
            rows="5"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=described_by
            aria-invalid=frame.invalid()
            prop:value=move || value.get()
            on:input:target=move |ev| {
                let text = ev.target().value();
                state.update(|d| if let Some(slot) = set(d, idx.into()) { *slot = text });
            }
        ></textarea>
        <div
            id=count_id
            class={move || if n_chars.get() > max_chars { "caf-count caf-count--over" } else { "caf-count" }}
            aria-live="polite"
        >
            {count_text}
        </div>
    }
    .into_any()
}
