//! Component tests in headless Chromium (wasm-bindgen-test-runner with
//! Debian's chromedriver, see `.ci/test`): the app mounted for real, driven
//! through the DOM as a person would.
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web_common;
use web_common::{click, find, fresh_host, settle, type_into};

fn active_id() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .unwrap_or_default()
}

/// Opens a new CAF and goes to the child step through the task list.
async fn open_child_step(host: &HtmlElement) {
    click(host, "#start-new");
    settle().await;
    click(host, "#task-child");
    settle().await;
}

#[wasm_bindgen_test]
async fn the_drafts_page_says_drafts_stay_on_this_device() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    let text = find(&host, "#device-notice")
        .text_content()
        .unwrap_or_default();
    assert!(text.contains("only in this browser"), "{text}");
    assert!(host.query_selector("#start-new").expect("valid").is_some());
}

#[wasm_bindgen_test]
async fn every_control_is_named_by_its_field_path_and_labelled() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    open_child_step(&host).await;
    let input: HtmlInputElement = find(&host, "#child-given_name").unchecked_into();
    assert_eq!(input.name(), "child.given_name");
    let label = find(&host, "label[for='child-given_name']");
    assert!(!label.text_content().unwrap_or_default().trim().is_empty());
    let day: HtmlInputElement = find(&host, "#child-date_of_birth-day").unchecked_into();
    assert_eq!(day.name(), "child.date_of_birth.day");
}

#[wasm_bindgen_test]
async fn a_step_shows_no_errors_before_it_is_attempted() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    open_child_step(&host).await;
    type_into(&host, "#child-nhs_number", "1234567890");
    settle().await;
    assert!(
        host.query_selector(".caf-error-message")
            .expect("valid")
            .is_none(),
        "no error before Continue"
    );
    assert!(
        host.query_selector("#error-summary")
            .expect("valid")
            .is_none(),
        "no summary before Continue"
    );
}

#[wasm_bindgen_test]
async fn a_failed_continue_shows_the_summary_and_its_link_moves_focus_to_the_field() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    open_child_step(&host).await;
    type_into(&host, "#child-nhs_number", "1234567890");
    settle().await;
    click(&host, "#continue");
    settle().await;
    let summary = find(&host, "#error-summary");
    assert_eq!(active_id(), "error-summary", "focus moves to the summary");
    let text = summary.text_content().unwrap_or_default();
    assert!(text.contains("NHS number"), "{text}");
    // The same words stand beside the field.
    let inline = find(&host, "#child-nhs_number-error")
        .text_content()
        .unwrap_or_default();
    assert!(inline.contains("NHS number"), "{inline}");
    let input = find(&host, "#child-nhs_number");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .contains("child-nhs_number-error"));
    click(&host, "#error-summary a[href='#child-nhs_number']");
    settle().await;
    assert_eq!(
        active_id(),
        "child-nhs_number",
        "the link lands on the field"
    );
}

#[wasm_bindgen_test]
async fn hostile_text_is_shown_as_typed_never_as_markup() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    open_child_step(&host).await;
    let hostile = "<script>alert(1)</script> O'Brien & Sons \u{202E}dlihc";
    type_into(&host, "#child-given_name", hostile);
    settle().await;
    click(&host, "header a");
    settle().await;
    find(&host, "#show-names")
        .unchecked_into::<HtmlElement>()
        .click();
    settle().await;
    let listed = find(&host, "#drafts").text_content().unwrap_or_default();
    assert!(listed.contains(hostile), "{listed}");
    assert!(host
        .query_selector("#drafts script")
        .expect("valid")
        .is_none());
}

#[wasm_bindgen_test]
async fn a_long_text_count_warns_and_never_blocks_typing() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    open_child_step(&host).await;
    let long = "x".repeat(305);
    let area: web_sys::HtmlTextAreaElement = find(&host, "#child-address").unchecked_into();
    area.set_value(&long);
    area.dispatch_event(&Event::new("input").expect("an input event"))
        .expect("dispatched");
    settle().await;
    assert_eq!(area.value().chars().count(), 305, "nothing is cut");
    let count = find(&host, "#child-address-count")
        .text_content()
        .unwrap_or_default();
    assert!(count.contains("5 characters too many"), "{count}");
}
