//! Placeholder page for the build and test harness: a heading and one field
//! that autosaves to localStorage and comes back after a reload. The real UI
//! replaces this file; the harness's tests only rely on the field's `id`,
//! `name` and label.

use leptos::prelude::*;

/// Where the placeholder keeps its one value (not the real draft key).
const DEMO_KEY: &str = "caf.harness-demo";

/// The browser's localStorage, or `None` when it is missing or blocked.
fn demo_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The whole page for now: a heading and the child's given name.
#[component]
pub fn App() -> impl IntoView {
    let restored = demo_storage()
        .and_then(|storage| storage.get_item(DEMO_KEY).ok().flatten())
        .unwrap_or_default();
    let given_name = RwSignal::new(restored);
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        // A placeholder: a failed save is ignored here; the real storage
        // module reports it in the status region.
        if let Some(storage) = demo_storage() {
            let _ = storage.set_item(DEMO_KEY, &value);
        }
        given_name.set(value);
    };

    view! {
        <main class="caf-main" id="main-content">
            <h1 class="caf-heading-xl">"Common Assessment Framework"</h1>
            <div class="caf-field">
                <label class="caf-field__label" for="child-given_name">
                    "Child's given name"
                </label>
                <input
                    class="caf-field__input"
                    id="child-given_name"
                    name="child.given_name"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=given_name
                    on:input=on_input
                />
            </div>
        </main>
    }
}
