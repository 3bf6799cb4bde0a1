//! The form's suggestions (`form::suggest`) as signals for the field widgets.

use leptos::prelude::*;

use crate::form::suggest::suggestions;
use crate::form::{Field, Suggest};
use crate::ui::state::FormState;

/// Suggested answers for `field`, if it offers any.
pub fn for_field(field: &'static Field, state: FormState) -> Option<Signal<Vec<String>>> {
    (field.suggest != Suggest::None).then(|| {
        Signal::derive(move || {
            state.settings.with(|settings| {
                state
                    .draft
                    .with(|d| suggestions(field, &d.data, settings).unwrap_or_default())
            })
        })
    })
}
