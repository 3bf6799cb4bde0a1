//! Component tests in headless Chromium (wasm-bindgen-test-runner with
//! Debian's chromedriver, see `.ci/test`): the app mounts, its first field is
//! labelled, and typing saves the value.
#![cfg(target_arch = "wasm32")]

use leptos::{mount::mount_to, task::tick};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount into, with localStorage emptied
/// (every test in this binary shares one origin).
fn fresh_host() -> HtmlElement {
    let window = web_sys::window().expect("tests run in a browser window");
    if let Ok(Some(storage)) = window.local_storage() {
        storage.clear().expect("localStorage can be cleared");
    }
    let document = window.document().expect("the window has a document");
    let host = document
        .create_element("section")
        .expect("a section can be created");
    document
        .body()
        .expect("the test page has a body")
        .append_child(&host)
        .expect("the section can be attached");
    host.unchecked_into()
}

fn given_name_input(host: &HtmlElement) -> HtmlInputElement {
    host.query_selector("#child-given_name")
        .expect("the selector is valid")
        .expect("the given-name input is rendered")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn first_field_has_a_label_and_a_dotted_name() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    tick().await;

    let label = host
        .query_selector("label[for='child-given_name']")
        .expect("the selector is valid")
        .expect("the input has a label");
    assert!(!label.text_content().unwrap_or_default().trim().is_empty());
    assert_eq!(given_name_input(&host).name(), "child.given_name");
    assert!(host.query_selector("h1").expect("valid").is_some());
}

#[wasm_bindgen_test]
async fn typing_saves_the_value_to_local_storage() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    tick().await;

    let input = given_name_input(&host);
    input.set_value("Siobhán");
    input
        .dispatch_event(&Event::new("input").expect("an input event"))
        .expect("the event is dispatched");
    tick().await;

    let saved = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item("caf.harness-demo").ok().flatten());
    assert_eq!(saved.as_deref(), Some("Siobhán"));
}
