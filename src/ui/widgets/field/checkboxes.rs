//! Several answers sharing one name: the fixed choices, then suggestions,
//! and, for a question with no choices of its own, a box to add another.

use leptos::prelude::*;

use super::Frame;
use crate::domain::Data;
use crate::form::At;
use crate::form::Choice;

pub fn checkboxes(
    frame: Frame,
    choices: &'static [Choice],
    get: fn(&Data, At) -> Option<&Vec<String>>,
    set: fn(&mut Data, At) -> Option<&mut Vec<String>>,
    suggestions: Option<Signal<Vec<String>>>,
) -> AnyView {
    let (idx, state, id, path) = frame.parts();
    let ticked = Memo::new(move |_| {
        state
            .draft
            .with(|d| get(&d.data, idx.into()).cloned().unwrap_or_default())
    });
    // Offered values: the fixed choices, then suggestions, then anything
    // already ticked that is neither (typed earlier, or imported).
    let offered = Memo::new(move |_| {
        let mut acc: Vec<(String, String)> = choices
            .iter()
            .map(|c: &Choice| (c.code.to_owned(), c.label.to_owned()))
            .collect();
        let extra = suggestions.map(|s| s.get()).unwrap_or_default();
        for value in extra.into_iter().chain(ticked.get()) {
            if !value.trim().is_empty() && !acc.iter().any(|(code, _)| *code == value) {
                acc.push((value.clone(), value));
            }
        }
        acc
    });
    let id_for_list = id.clone();
    let path_for_list = path.clone();
    let options = move || {
        offered
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, (code, label))| {
                let option_id = if n == 0 {
                    id_for_list.clone()
                } else {
                    format!("{id_for_list}-{n}")
                };
                let code_for_check = code.clone();
                view! {
                    <div class="caf-checkboxes__item">
                        <input
                            class="caf-checkboxes__input"
                            type="checkbox"
                            id=option_id.clone()
                            name=path_for_list.clone()
                            value=code.clone()
                            prop:checked=move || ticked.with(|t| t.contains(&code_for_check))
                            on:change:target=move |ev| {
                                let on = ev.target().checked();
                                let code = code.clone();
                                state.update(|d| {
                                    if let Some(list) = set(d, idx.into()) {
                                        list.retain(|v| *v != code);
                                        if on {
                                            list.push(code);
                                        }
                                    }
                                });
                            }
                        />
                        <label class="caf-label caf-checkboxes__label" for=option_id>{label}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let add_id = format!("{id}-add");
    let new_entry = RwSignal::new(String::new());
    let add = move || {
        let entry = new_entry.get_untracked().trim().to_owned();
        if entry.is_empty() {
            return;
        }
        state.update(|d| {
            if let Some(list) = set(d, idx.into()) {
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
        });
        new_entry.set(String::new());
    };
    let show_add = choices.is_empty();
    view! {
        <fieldset class="caf-fieldset" aria-describedby=frame.described_by()>
            <legend class="caf-fieldset__legend">{frame.label()}</legend>
            {frame.hint()}
            {frame.message_view()}
            <div class="caf-checkboxes">{options}</div>
            <Show when=move || show_add>
                <div class="caf-add-entry">
                    <label class="caf-label" for=add_id.clone()>"Add another agency"</label>
                    <input
                        class="caf-input caf-input--half"
                        id=add_id.clone()
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=move || new_entry.get()
                        on:input:target=move |ev| new_entry.set(ev.target().value())
                        on:keydown=move |ev| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                    <button type="button" class="caf-button caf-button--secondary" on:click=move |_| add()>
                        "Add agency"
                    </button>
                </div>
            </Show>
        </fieldset>
    }
    .into_any()
}
