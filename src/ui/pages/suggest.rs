//! The form's suggestions (`form::suggest`) as signals for the field widgets.

use leptos::prelude::*;

use crate::form::suggest::{has_suggestions, suggestions};
use crate::ui::state::FormState;

/// Suggested answers for the question at `path` (a `[]` template), if any.
pub fn for_field(path: &'static str, state: FormState) -> Option<Signal<Vec<String>>> {
    has_suggestions(path).then(|| {
        Signal::derive(move || {
            state.settings.with(|settings| {
                state
                    .draft
                    .with(|d| suggestions(path, &d.data, settings).unwrap_or_default())
            })
        })
    })
}
