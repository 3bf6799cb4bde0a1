//! What every question's control shares: its id and name, label, hint,
//! message and the ARIA attributes that tie them together.

use leptos::prelude::*;

use crate::form::caf::label_parts;
use crate::form::{control_id, Field};
use crate::ui::state::FormState;
use crate::validate::Severity;

/// One question of list item `idx`, with what its control needs to say.
#[derive(Clone)]
pub struct Frame {
    pub field: &'static Field,
    pub idx: usize,
    pub state: FormState,
    /// The instantiated path: the control's `name`.
    pub path: String,
    /// The control's `id`, derived from the path.
    pub id: String,
    /// The message beside the control, once its step has been attempted.
    pub message: Signal<Option<(Severity, String)>>,
}

impl Frame {
    pub fn new(field: &'static Field, idx: usize, state: FormState) -> Frame {
        let path = field.path_at(idx);
        Frame {
            field,
            idx,
            state,
            id: control_id(&path),
            message: state.message(path.clone()),
            path,
        }
    }

    /// What most controls use: the item, the state, the id and the name.
    pub fn parts(&self) -> (usize, FormState, String, String) {
        (self.idx, self.state, self.id.clone(), self.path.clone())
    }

    fn hint_id(&self) -> String {
        format!("{}-hint", self.id)
    }

    fn error_id(&self) -> String {
        format!("{}-error", self.id)
    }

    /// The ids of the hint and the message, when there are any.
    pub fn described_by(&self) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
        let has_hint = !self.field.hint.is_empty();
        let hint_id = self.hint_id();
        let error_id = self.error_id();
        let message = self.message;
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
    }

    /// `aria-invalid` while an error shows.
    pub fn invalid(&self) -> impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static {
        let message = self.message;
        move || {
            message
                .with(|m| matches!(m, Some((Severity::Error, _))))
                .then_some("true")
        }
    }

    /// The question's words, "(optional)" after them when it is.
    pub fn label(&self) -> impl IntoView {
        let (shown, heard) = label_parts(self.field);
        let heard =
            (!heard.is_empty()).then(|| view! { <span class="caf-visually-hidden">{heard}</span> });
        let optional_words = if self.field.is_optional() {
            " (optional)"
        } else {
            ""
        };
        view! { {shown}{heard}{optional_words} }
    }

    /// The hint under the label, if the question has one.
    pub fn hint(&self) -> Option<impl IntoView> {
        let hint_id = self.hint_id();
        let hint = self.field.hint;
        (!hint.is_empty()).then(|| view! { <div class="caf-hint" id=hint_id>{hint}</div> })
    }

    /// The error or warning, once it shows.
    pub fn message_view(&self) -> impl IntoView {
        let error_id = self.error_id();
        let message = self.message;
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
    }

    /// The group's class: marked while an error or warning shows.
    pub fn group_class(&self) -> impl Fn() -> String + Send + Sync + 'static {
        let message = self.message;
        move || {
            let mut class = String::from("caf-field");
            match message.get() {
                Some((Severity::Error, _)) => class.push_str(" caf-field--error"),
                Some((Severity::Warning, _)) => class.push_str(" caf-field--warning"),
                None => (),
            }
            class
        }
    }
}
