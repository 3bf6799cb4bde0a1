//! Recording the family's agreement as an event: its status, "Record
//! agreement", and the history of earlier agreements.

use leptos::prelude::*;

/// The consent status and the record button (filled in when consent lands).
#[component]
pub fn ConsentRecordView() -> impl IntoView {
    view! { <div id="consent-record"></div> }
}
