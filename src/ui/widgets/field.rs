//! Renders any question of the form from its description: label, hint,
//! message, and the control for its kind. Each control's `name` is the field
//! path and its `id` is derived from it (caf-form.md §1).

use leptos::prelude::*;

use crate::domain::{Data, DateDraft};
use crate::form::caf::{is_shown, label_parts, on_request};
use crate::form::{control_id, Access, Choice, Field, InputType, Kind, Width};
use crate::ui::state::{use_form_state, FormState};
use crate::validate::Severity;

/// One question, for list item `idx` (0 outside lists).
#[component]
pub fn FieldView(
    /// The question.
    field: &'static Field,
    /// The list item index; ignored for fields outside lists.
    #[prop(optional)]
    idx: usize,
    /// Answers to offer: a list under a text box, or extra checkboxes.
    #[prop(default = None)]
    suggestions: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    let state = use_form_state();
    let path = field.path_at(idx);
    let id = control_id(&path);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = state.message(path.clone());
    let has_hint = !field.hint.is_empty();
    let described_by = {
        let hint_id = hint_id.clone();
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || {
        message
            .with(|m| matches!(m, Some((Severity::Error, _))))
            .then_some("true")
    };
    let optional_words = if field.is_optional() {
        " (optional)"
    } else {
        ""
    };
    let hint =
        has_hint.then(|| view! { <div class="caf-hint" id=hint_id.clone()>{field.hint}</div> });
    let message_view = {
        let error_id = error_id.clone();
        move || {
            message.get().map(|(severity, text)| {
                let (class, prefix) = match severity {
                    Severity::Error => ("caf-error-message", "Error: "),
                    Severity::Warning => ("caf-warning-message", "Warning: "),
                };
                view! {
                    <p class=class id=error_id.clone()>
                        <span class="caf-visually-hidden">{prefix}</span>
                        {text}
                    </p>
                }
            })
        }
    };
    let group_class = move || {
        let mut class = String::from("caf-field");
        match message.get() {
            Some((Severity::Error, _)) => class.push_str(" caf-field--error"),
            Some((Severity::Warning, _)) => class.push_str(" caf-field--warning"),
            None => (),
        }
        class
    };

    let control = match (field.kind, field.access) {
        (Kind::Text { input, width }, Access::Text(get, set)) => {
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
                <label class="caf-label" for=id.clone()>{label_words(field)}{optional_words}</label>
                {hint}
                {message_view}
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
                    aria-describedby=described_by
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        state.update(|d| if let Some(slot) = set(d, idx) { *slot = text });
                    }
                />
            }
            .into_any()
        }
        (Kind::LongText { max_chars }, Access::Text(get, set)) => {
            let value = text_answer(state, get, idx);
            let n_chars = Memo::new(move |_| value.with(|text| text.chars().count()));
            let count_id = format!("{id}-count");
            let count_text = move || {
                let n = n_chars.get();
                if n > max_chars {
                    let over = n - max_chars;
                    format!("You have {over} character{} too many", if over == 1 { "" } else { "s" })
                } else {
                    let left = max_chars - n;
                    format!("You have {left} character{} remaining", if left == 1 { "" } else { "s" })
                }
            };
            let described_by = {
                let count_id = count_id.clone();
                move || Some(described_by().map_or(count_id.clone(), |ids| format!("{ids} {count_id}")))
            };
            view! {
                <label class="caf-label" for=id.clone()>{label_words(field)}{optional_words}</label>
                {hint}
                {message_view}
                <textarea
                    class="caf-textarea"
                    id=id.clone()
                    name=path.clone()
                    rows="5"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    prop:value=move || value.get()
                    on:input:target=move |ev| {
                        let text = ev.target().value();
                        state.update(|d| if let Some(slot) = set(d, idx) { *slot = text });
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
        (Kind::Date, Access::Date(get, set)) => {
            let part = move |which: fn(&DateDraft) -> &String| {
                Memo::new(move |_| state.draft.with(|d| get(&d.data, idx).map(which).cloned().unwrap_or_default()))
            };
            let day = part(|date| &date.day);
            let month = part(|date| &date.month);
            let year = part(|date| &date.year);
            let date_box = move |label: &'static str, suffix: &'static str, value: Memo<String>, write: fn(&mut DateDraft, String)| {
                let box_id = format!("{id}-{suffix}");
                let box_name = format!("{path}.{suffix}");
                let class = if suffix == "year" { "caf-input caf-input--year" } else { "caf-input caf-input--date" };
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
                                state.update(|d| if let Some(date) = set(d, idx) { write(date, text) });
                            }
                        />
                    </div>
                }
            };
            view! {
                <fieldset class="caf-fieldset" role="group" aria-describedby=described_by>
                    <legend class="caf-fieldset__legend">{label_words(field)}{optional_words}</legend>
                    {hint}
                    {message_view}
                    <div class="caf-date">
                        {date_box("Day", "day", day, |date, text| date.day = text)}
                        {date_box("Month", "month", month, |date, text| date.month = text)}
                        {date_box("Year", "year", year, |date, text| date.year = text)}
                    </div>
                </fieldset>
            }
            .into_any()
        }
        (Kind::Radios(choices), Access::Text(get, set)) => {
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
                                on:change=move |_| state.update(|d| if let Some(slot) = set(d, idx) { *slot = code.to_owned() })
                            />
                            <label class="caf-label caf-radios__label" for=option_id>{choice.label}</label>
                        </div>
                    }
                })
                .collect_view();
            let legend_id = format!("{id}-legend");
            // Short answers sit side by side (yes/no, ratings); longer ones stack.
            let inline = choices.len() <= 4 && choices.iter().all(|choice| choice.label.chars().count() <= 20);
            view! {
                <fieldset class="caf-fieldset" aria-describedby=described_by>
                    <legend class="caf-fieldset__legend" id=legend_id>{label_words(field)}{optional_words}</legend>
                    {hint}
                    {message_view}
                    <div class="caf-radios" class:caf-radios--inline=inline>{options}</div>
                </fieldset>
            }
            .into_any()
        }
        (Kind::Select(choices), Access::Text(get, set)) => {
            let value = text_answer(state, get, idx);
            // Suggested codes come first (needs rated as concerns, for an action).
            let options = move || {
                let first = suggestions.map(|s| s.get()).unwrap_or_default();
                let mut ordered: Vec<&Choice> = choices.iter().filter(|c| first.iter().any(|f| f == c.code)).collect();
                ordered.extend(choices.iter().filter(|c| !first.iter().any(|f| f == c.code)));
                ordered
                    .into_iter()
                    .map(|choice| {
                        let code = choice.code;
                        view! { <option value=code prop:selected=move || value.with(|v| v == code)>{choice.label}</option> }
                    })
                    .collect_view()
            };
            view! {
                <label class="caf-label" for=id.clone()>{label_words(field)}{optional_words}</label>
                {hint}
                {message_view}
                <select
                    class="caf-select"
                    id=id.clone()
                    name=path.clone()
                    autocomplete="off"
                    aria-describedby=described_by
                    aria-invalid=invalid
                    on:change:target=move |ev| {
                        let code = ev.target().value();
                        state.update(|d| if let Some(slot) = set(d, idx) { *slot = code });
                    }
                >
                    <option value="" prop:selected=move || value.with(String::is_empty)>"Choose one"</option>
                    {options}
                </select>
            }
            .into_any()
        }
        (Kind::Tick, Access::Bool(get, set)) => {
            let checked = Memo::new(move |_| state.draft.with(|d| get(&d.data, idx).copied().unwrap_or(false)));
            view! {
                {message_view}
                <div class="caf-checkboxes__item">
                    <input
                        class="caf-checkboxes__input"
                        type="checkbox"
                        id=id.clone()
                        name=path.clone()
                        value="true"
                        aria-describedby=described_by
                        aria-invalid=invalid
                        prop:checked=move || checked.get()
                        on:change:target=move |ev| {
                            let ticked = ev.target().checked();
                            state.update(|d| if let Some(slot) = set(d, idx) { *slot = ticked });
                        }
                    />
                    <label class="caf-label caf-checkboxes__label" for=id.clone()>{label_words(field)}{optional_words}</label>
                </div>
                {hint}
            }
            .into_any()
        }
        (Kind::Checkboxes(choices), Access::Strings(get, set)) => {
            let ticked = Memo::new(move |_| state.draft.with(|d| get(&d.data, idx).cloned().unwrap_or_default()));
            // Offered values: the fixed choices, then suggestions, then anything
            // already ticked that is neither (typed earlier, or imported).
            let offered = Memo::new(move |_| {
                let mut acc: Vec<(String, String)> =
                    choices.iter().map(|c: &Choice| (c.code.to_owned(), c.label.to_owned())).collect();
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
                        let option_id = if n == 0 { id_for_list.clone() } else { format!("{id_for_list}-{n}") };
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
                                            if let Some(list) = set(d, idx) {
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
                    if let Some(list) = set(d, idx) {
                        if !list.contains(&entry) {
                            list.push(entry);
                        }
                    }
                });
                new_entry.set(String::new());
            };
            let show_add = choices.is_empty();
            view! {
                <fieldset class="caf-fieldset" aria-describedby=described_by>
                    <legend class="caf-fieldset__legend">{label_words(field)}{optional_words}</legend>
                    {hint}
                    {message_view}
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
        // The table pairs kinds with accessors; a mismatch is a bug in the table,
        // shown plainly rather than hidden.
        _ => view! { <p class="caf-error-message">"This question cannot be shown: " {field.path}</p> }.into_any(),
    };

    let template = field.path;
    // Asked for with "Add notes": stays open while this page shows.
    let asked = RwSignal::new(false);
    let shown = move || asked.get() || state.draft.with(|d| is_shown(template, &d.data));
    let request = on_request(template).map(|words| {
        let id = control_id(&field.path_at(idx));
        view! {
            <button
                type="button"
                class="caf-button caf-button--link caf-field__request"
                id=format!("{id}-request")
                hidden=shown
                on:click=move |_| {
                    asked.set(true);
                    let id = id.clone();
                    request_animation_frame(move || crate::ui::platform::focus(&id));
                }
            >
                {words}
                <span class="caf-visually-hidden">{label_parts(field).1}</span>
            </button>
        }
    });
    view! {
        <div class=group_class hidden=move || !shown()>{control}</div>
        {request}
    }
}

/// A question's words: the short part shown, the rest for screen readers only.
fn label_words(field: &Field) -> impl IntoView {
    let (shown, heard) = label_parts(field);
    let heard =
        (!heard.is_empty()).then(|| view! { <span class="caf-visually-hidden">{heard}</span> });
    view! { {shown}{heard} }
}

/// The text answer of a field, as a memo that changes only when it does.
fn text_answer(
    state: FormState,
    get: fn(&Data, usize) -> Option<&String>,
    idx: usize,
) -> Memo<String> {
    Memo::new(move |_| {
        state
            .draft
            .with(|d| get(&d.data, idx).cloned().unwrap_or_default())
    })
}
