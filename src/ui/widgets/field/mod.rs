//! Renders any question of the form from its description: a shared frame
//! (label, hint, message, ids; `frame.rs`) around one control per kind of
//! answer (one file each). Each control's `name` is the field path and its
//! `id` is derived from it (caf-form.md §1).

use leptos::prelude::*;

use crate::domain::Data;
use crate::form::caf::{label_parts, on_request};
use crate::form::{control_id, Access, At, Field, Kind};
use crate::ui::state::{use_form_state, FormState};

mod checkboxes;
mod date;
mod frame;
mod long_text;
mod radios;
mod select;
mod text;
mod tick;

use frame::Frame;

/// Where a text answer is written.
type SetText = fn(&mut Data, At) -> Option<&mut String>;

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
    let frame = Frame::new(field, idx, state);
    let group_class = frame.group_class();
    let control = match (field.kind, field.access) {
        (Kind::Text { input, width }, Access::Text(get, set)) => {
            text::text(frame, input, width, get, set, suggestions)
        }
        (Kind::LongText { max_chars }, Access::Text(get, set)) => {
            long_text::long_text(frame, max_chars, get, set)
        }
        (Kind::Date, Access::Date(get, set)) => date::date(frame, get, set),
        (Kind::Radios(choices), Access::Text(get, set)) => radios::radios(frame, choices, get, set),
        (Kind::Select(choices), Access::Text(get, set)) => {
            select::select(frame, choices, get, set, suggestions)
        }
        (Kind::Tick, Access::Bool(get, set)) => tick::tick(frame, get, set),
        (Kind::Checkboxes(choices), Access::Strings(get, set)) => {
            checkboxes::checkboxes(frame, choices, get, set, suggestions)
        }
        // The table pairs kinds with accessors; a mismatch is a bug in the table,
        // shown plainly rather than hidden.
        _ => view! { <p class="caf-error-message">"This question cannot be shown: " {field.path}</p> }
            .into_any(),
    };

    let template = field.path;
    // Asked for with "Add notes": stays open while this page shows.
    let asked = RwSignal::new(false);
    let shown = move || asked.get() || state.draft.with(|d| field.is_shown(&d.data, idx));
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

/// The text answer of a field, as a memo that changes only when it does.
fn text_answer(
    state: FormState,
    get: fn(&Data, At) -> Option<&String>,
    idx: usize,
) -> Memo<String> {
    Memo::new(move |_| {
        state
            .draft
            .with(|d| get(&d.data, idx.into()).cloned().unwrap_or_default())
    })
}
