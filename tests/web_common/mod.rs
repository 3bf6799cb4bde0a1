//! Helpers shared by the browser test crates (`tests/web_*.rs`): a fresh
//! element to mount the app into, waiting for the page to settle, and
//! driving the DOM as a person would. Each crate uses only some of them.
#![allow(dead_code)]

use leptos::task::tick;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("tests run in a browser window")
}

/// Replaces the address after `#` without a hashchange event.
pub fn set_address(hash: &str) {
    let _ =
        window()
            .history()
            .expect("history")
            .replace_state_with_url(&JsValue::NULL, "", Some(hash));
}

/// A fresh element to mount into, with localStorage and the address emptied
/// (every test in a binary shares one page and origin). The runner's own
/// output elements in the body are left alone.
pub fn fresh_host() -> HtmlElement {
    if let Ok(Some(storage)) = window().local_storage() {
        storage.clear().expect("localStorage can be cleared");
    }
    set_address("#");
    let document = window().document().expect("the window has a document");
    let body = document.body().expect("the test page has a body");
    while let Ok(Some(old)) = document.query_selector(".test-host") {
        let _ = body.remove_child(&old);
    }
    let host = document
        .create_element("section")
        .expect("a section can be created");
    host.set_class_name("test-host");
    body.append_child(&host)
        .expect("the section can be attached");
    host.unchecked_into()
}

/// Lets the reactive system and the browser settle (effects, animation frames).
pub async fn settle() {
    for _ in 0..3 {
        tick().await;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().request_animation_frame(&resolve);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

pub fn find(host: &HtmlElement, selector: &str) -> Element {
    host.query_selector(selector)
        .expect("the selector is valid")
        .unwrap_or_else(|| panic!("{selector} is on the page"))
}

/// Activates a button, link or radio (what Enter or Space does).
pub fn click(host: &HtmlElement, selector: &str) {
    find(host, selector).unchecked_into::<HtmlElement>().click();
}

/// Sets a text box's value and sends the `input` event typing would.
pub fn type_into(host: &HtmlElement, selector: &str, text: &str) {
    let input: HtmlInputElement = find(host, selector).unchecked_into();
    input.set_value(text);
    input
        .dispatch_event(&Event::new("input").expect("an input event"))
        .expect("dispatched");
}

/// A draft stored once (revision 1) on 01/06/2026, for a child called Sam,
/// with nothing else answered: the start of a stored test case.
pub fn sams_draft(id: &str) -> caf_lite::domain::Draft {
    let mut draft = caf_lite::domain::Draft {
        id: id.to_owned(),
        created_at: "2026-06-01T10:00:00Z".to_owned(),
        updated_at: "2026-06-01T10:00:00Z".to_owned(),
        revision: 1,
        version: 1,
        ..caf_lite::domain::Draft::default()
    };
    draft.data.child.given_name = "Sam".to_owned();
    draft
}

/// Stores `draft` under its key, as the app stores it.
pub fn store_draft(draft: &caf_lite::domain::Draft) {
    window()
        .local_storage()
        .expect("localStorage")
        .expect("localStorage is there")
        .set_item(
            &format!("caf.draft.{}", draft.id),
            &caf_lite::storage::format::encode_stored(draft),
        )
        .expect("the draft is stored");
}
