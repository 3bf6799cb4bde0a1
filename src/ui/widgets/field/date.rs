//! A date as three boxes: day, month and year, kept exactly as typed.

use leptos::prelude::*;

use super::Frame;
use crate::domain::{Data, DateDraft};
use crate::form::At;

pub fn date(
    frame: Frame,
    get: fn(&Data, At) -> Option<&DateDraft>,
    set: fn(&mut Data, At) -> Option<&mut DateDraft>,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let invalid = frame.invalid();
    let part = move |which: fn(&DateDraft) -> &String| {
        Memo::new(move |_| {
            state.draft.with(|d| {
                get(&d.data, idx.into())
                    .map(which)
                    .cloned()
                    .unwrap_or_default()
            })
        })
    };
    let day = part(|date| &date.day);
    let month = part(|date| &date.month);
    let year = part(|date| &date.year);
    let date_box = move |label: &'static str,
                         suffix: &'static str,
                         value: Memo<String>,
                         write: fn(&mut DateDraft, String)| {
        let box_id = format!("{id}-{suffix}");
        let box_name = format!("{path}.{suffix}");
        let class = if suffix == "year" {
            "caf-input caf-input--year"
        } else {
            "caf-input caf-input--date"
        };
        view! {
            <div class="caf-date__item">
                <label class="caf-label caf-date__label" for=box_id.clone()>{label}</label>
                <input
                    class=class
                    id=box_id
                    name=box_name
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        state.update(|d| if let Some(date) = set(d, idx.into()) { write(date, text) });
                    }
                />
            </div>
        }
    };
    view! {
        <fieldset class="caf-fieldset" role="group" aria-describedby=frame.described_by()>
            <legend class="caf-fieldset__legend">{frame.label()}</legend>
            {frame.hint()}
            {frame.message_view()}
            <div class="caf-date">
                {date_box("Day", "day", day, |date, text| date.day = text)}
                {date_box("Month", "month", month, |date, text| date.month = text)}
                {date_box("Year", "year", year, |date, text| date.year = text)}
            </div>
        </fieldset>
    }
    .into_any()
}
