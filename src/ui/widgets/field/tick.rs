//! One checkbox: a statement ticked or not.

use leptos::prelude::*;

use super::Frame;
use crate::domain::Data;
use crate::form::At;

pub fn tick(
    frame: Frame,
    get: fn(&Data, At) -> Option<&bool>,
    set: fn(&mut Data, At) -> Option<&mut bool>,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let checked = Memo::new(move |_| {
        state
            .draft
            .with(|d| get(&d.data, idx.into()).copied().unwrap_or(false))
    });
    view! {
        {frame.message_view()}
        <div class="caf-checkboxes__item">
            <input
                class="caf-checkboxes__input"
                type="checkbox"
                id=id.clone()
                name=path.clone()
                value="true"
                aria-describedby=frame.described_by()
                aria-invalid=frame.invalid()
                prop:checked=move || checked.get()
                on:change:target=move |ev| {
                    let ticked = ev.target().checked();
                    state.update(|d| if let Some(slot) = set(d, idx.into()) { *slot = ticked });
                }
            />
            <label class="caf-label caf-checkboxes__label" for=id.clone()>{frame.label()}</label>
        </div>
        {frame.hint()}
    }
    .into_any()
}
