//! The document buttons on the check page: the CAF PDF and the family handout.

use leptos::prelude::*;

/// Create CAF PDF, Create family handout, Print family handout.
#[component]
pub fn DocumentButtons() -> impl IntoView {
    view! { <div class="caf-button-group" id="document-buttons"></div> }
}
