//! Reviews and closing the CAF in headless Chromium (caf-form.md §3.12): the
//! plan's actions edited on the plan step, reviews recorded with a snapshot
//! of the plan, the next review date and closure on the task list.
#![cfg(target_arch = "wasm32")]

use caf_lite::domain::{ActionDraft, Date, DateDraft};
use leptos::mount::mount_to;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web_common;
use web_common::{
    click, find, fresh_host, sams_draft, set_address, settle, store_draft, type_into, window,
};

fn is_there(host: &HtmlElement, selector: &str) -> bool {
    host.query_selector(selector)
        .expect("the selector is valid")
        .is_some()
}

fn text(host: &HtmlElement, selector: &str) -> String {
    find(host, selector).text_content().unwrap_or_default()
}

fn type_into_area(host: &HtmlElement, selector: &str, value: &str) {
    let area: HtmlTextAreaElement = find(host, selector).unchecked_into();
    area.set_value(value);
    area.dispatch_event(&Event::new("input").expect("an input event"))
        .expect("dispatched");
}

/// Chooses an option of a `<select>` as the arrow keys would, then fires `change`.
fn choose(host: &HtmlElement, selector: &str, code: &str) {
    let select = find(host, selector);
    js_sys::Reflect::set(
        &select,
        &JsValue::from_str("value"),
        &JsValue::from_str(code),
    )
    .expect("a select has a value");
    select
        .dispatch_event(&Event::new("change").expect("a change event"))
        .expect("dispatched");
}

fn value_of(host: &HtmlElement, selector: &str) -> String {
    js_sys::Reflect::get(&find(host, selector), &JsValue::from_str("value"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Types a date into the three GOV.UK boxes of the control `id`.
fn type_date(host: &HtmlElement, id: &str, day: &str, month: &str, year: &str) {
    type_into(host, &format!("#{id}-day"), day);
    type_into(host, &format!("#{id}-month"), month);
    type_into(host, &format!("#{id}-year"), year);
}

/// Today in the browser's time zone, as the app reads it.
fn local_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    .expect("today is a date")
}

fn date(year: i32, month: u8, day: u8) -> DateDraft {
    DateDraft::from_date(Date::new(year, month, day).expect("test dates exist"))
}

/// Stores a draft with a plan (a team meeting on 01/06/2026, two actions
/// and a first review on 01/08/2026) and opens the app on `page` of it, as
/// after a reload.
fn store_plan_and_address(id: &str, page: &str) {
    let mut draft = sams_draft(id);
    draft.data.plan.meeting_date = date(2026, 6, 1);
    draft.data.plan.next_review = date(2026, 8, 1);
    for (what, status) in [
        ("Weekly reading at home", "in_progress"),
        ("GP check-up", "not_started"),
    ] {
        draft.data.plan.actions.push(ActionDraft {
            what: what.to_owned(),
            status: status.to_owned(),
            progress: "Begun".to_owned(),
            ..ActionDraft::default()
        });
    }
    store_draft(&draft);
    set_address(&format!("#draft/{id}/{page}"));
}

/// Follows the address to another page of the open draft (hashchange).
async fn go_to(page: &str) {
    let hash = window().location().hash().unwrap_or_default();
    let id = hash
        .trim_start_matches("#draft/")
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    window()
        .location()
        .set_hash(&format!("draft/{id}/{page}"))
        .expect("the address can change");
    // hashchange is queued as a task; give it a few frames.
    for _ in 0..3 {
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn reviews_wait_for_a_plan_whose_actions_are_added_removed_and_edited() {
    let host = fresh_host();
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    click(&host, "#start-new");
    settle().await;
    assert!(
        !is_there(&host, "#task-reviews"),
        "no reviews before a plan"
    );

    // The reviews address on a draft without a plan explains why.
    go_to("reviews").await;
    assert!(is_there(&host, "#reviews-unavailable"));
    assert!(!is_there(&host, "#record-review"));
    click(&host, "#go-to-plan");
    settle().await;
    assert_eq!(text(&host, "#step-heading"), "Team and delivery plan");

    // Add two actions, write what each does, remove the first.
    click(&host, "#plan-actions-add");
    settle().await;
    type_into_area(&host, "#plan-actions-0-what", "First action");
    click(&host, "#plan-actions-add");
    settle().await;
    type_into_area(&host, "#plan-actions-1-what", "Second action");
    settle().await;
    assert_eq!(
        value_of(&host, "#plan-actions-1-status"),
        "not_started",
        "a new action starts Not started"
    );
    // Adding the second closed the first to one line; its Remove asks first
    // (issue 19 item 8), and "No, keep" keeps it.
    assert!(
        !is_there(&host, "#plan-actions-0-what"),
        "one item open at a time"
    );
    assert!(text(&host, "#plan-actions-0-heading").contains("First action"));
    click(&host, "#plan-actions-0-remove");
    settle().await;
    assert!(
        is_there(&host, "#plan-actions-0-remove-yes"),
        "Remove asks first"
    );
    click(&host, "#plan-actions-0-remove-no");
    settle().await;
    assert!(text(&host, "#plan-actions-0-heading").contains("First action"));
    click(&host, "#plan-actions-0-remove");
    settle().await;
    click(&host, "#plan-actions-0-remove-yes");
    settle().await;
    // The open item (the second) is now the first and stays open.
    assert_eq!(value_of(&host, "#plan-actions-0-what"), "Second action");
    assert!(!is_there(&host, "#plan-actions-1-what"), "one action left");
    // Edit the one left.
    type_into_area(&host, "#plan-actions-0-what", "Second action, changed");
    choose(&host, "#plan-actions-0-status", "in_progress");
    settle().await;
    assert_eq!(value_of(&host, "#plan-actions-0-status"), "in_progress");

    // A plan exists now: the task list offers reviews; no date is set yet.
    go_to("tasks").await;
    assert!(is_there(&host, "#task-reviews"));
    assert_eq!(text(&host, "#next-review"), "No review date set");
    click(&host, "#task-reviews");
    settle().await;
    assert_eq!(text(&host, "#step-heading"), "Reviews and closing the CAF");
    assert_eq!(value_of(&host, "#plan-actions-0-status"), "in_progress");
    assert!(text(&host, "#live-actions").contains("Second action, changed"));
}

#[wasm_bindgen_test]
async fn a_continuing_review_sets_the_next_review_and_a_closing_review_closes_the_caf() {
    let host = fresh_host();
    store_plan_and_address("review-journey", "tasks");
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    // Overdue when the plan's first review (01/08/2026) is before today.
    let line = text(&host, "#next-review");
    assert!(line.starts_with("Next review: 01/08/2026"), "{line}");
    let today = local_today();
    let first = Date::new(2026, 8, 1).expect("a date");
    assert_eq!(line.contains("overdue"), first < today, "{line}");

    click(&host, "#task-reviews");
    settle().await;
    assert_eq!(text(&host, "#step-heading"), "Reviews and closing the CAF");
    assert!(is_there(&host, "#no-reviews"));

    // Review 1: the snapshot is the plan as it stands.
    click(&host, "#record-review");
    settle().await;
    assert!(is_there(&host, "#review-editor"));
    let snapshot = text(&host, "#reviews-0-actions");
    assert!(snapshot.contains("Weekly reading at home"), "{snapshot}");
    assert!(snapshot.contains("In progress"), "{snapshot}");
    // Saving with nothing filled in lists what is missing.
    click(&host, "#save-review");
    settle().await;
    let summary = text(&host, "#error-summary");
    assert!(
        summary.contains("continue the plan or close the CAF"),
        "{summary}"
    );
    assert!(is_there(&host, "#review-editor"), "still open");
    // Neither conditional question shows until a decision is made.
    assert!(!is_there(&host, "#reviews-0-next_review-day"));
    assert!(!is_there(&host, "#reviews-0-closure_reason"));

    type_date(&host, "reviews-0-date", "1", "10", "2026");
    type_into_area(&host, "#reviews-0-summary", "Reading most nights");
    click(&host, "#reviews-0-decision");
    settle().await;
    assert!(
        !is_there(&host, "#reviews-0-closure_reason"),
        "closing reason only for close"
    );
    type_date(&host, "reviews-0-next_review", "15", "12", "2026");
    settle().await;
    click(&host, "#save-review");
    settle().await;
    assert!(!is_there(&host, "#review-editor"), "saved and closed");
    assert!(!is_there(&host, "#error-summary"));
    assert_eq!(text(&host, "#review-0-decision"), "Continue the plan");
    assert_eq!(text(&host, "#review-0-next_review"), "15/12/2026");
    assert!(text(&host, "#review-0-heading").contains("01/10/2026"));
    assert!(!is_there(&host, "#caf-closed"));

    // The live status changes afterwards; the recorded review does not.
    choose(&host, "#plan-actions-0-status", "done");
    type_into_area(&host, "#plan-actions-0-progress", "Reading every night");
    settle().await;
    let recorded = text(&host, "#review-0-actions");
    assert!(recorded.contains("In progress"), "{recorded}");
    assert!(!recorded.contains("Done"), "{recorded}");
    assert!(!recorded.contains("Reading every night"), "{recorded}");

    click(&host, "#reviews-back");
    settle().await;
    let line = text(&host, "#next-review");
    let next = Date::new(2026, 12, 15).expect("a date");
    assert!(line.starts_with("Next review: 15/12/2026"), "{line}");
    assert_eq!(line.contains("overdue"), next < today, "{line}");

    // Review 2 closes the CAF; a reason is needed.
    click(&host, "#task-reviews");
    settle().await;
    click(&host, "#record-review");
    settle().await;
    let snapshot = text(&host, "#reviews-1-actions");
    assert!(
        snapshot.contains("Done"),
        "the new review sees the live plan: {snapshot}"
    );
    type_date(&host, "reviews-1-date", "20", "11", "2026");
    type_into_area(&host, "#reviews-1-summary", "Everything is done");
    click(&host, "#reviews-1-decision-close");
    settle().await;
    assert!(
        !is_there(&host, "#reviews-1-next_review-day"),
        "no next review when closing"
    );
    assert!(is_there(&host, "#reviews-1-closure_reason"));
    click(&host, "#save-review");
    settle().await;
    let summary = text(&host, "#error-summary");
    assert!(
        summary.contains("Select why the CAF is closing at review 2"),
        "{summary}"
    );
    click(&host, "#reviews-1-closure_reason");
    type_into_area(&host, "#reviews-1-closure_notes", "Family happy to finish");
    settle().await;
    click(&host, "#save-review");
    settle().await;
    assert!(!is_there(&host, "#review-editor"));
    let closed = text(&host, "#caf-closed");
    assert!(closed.contains("This CAF is closed"), "{closed}");
    assert!(closed.contains("Needs have been met"), "{closed}");
    // Newest first.
    let first = find(&host, "#reviews-list .caf-list__item");
    assert_eq!(first.id(), "review-1");
    assert_eq!(
        text(&host, "#review-1-closure_reason"),
        "Needs have been met"
    );
    // Review 1's snapshot is still as it was.
    assert!(text(&host, "#review-0-actions").contains("In progress"));

    click(&host, "#reviews-back");
    settle().await;
    assert_eq!(text(&host, "#next-review"), "Closed");
}

#[wasm_bindgen_test]
async fn a_review_left_without_its_next_date_says_so_on_the_task_list() {
    let host = fresh_host();
    store_plan_and_address("review-unfinished", "reviews");
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    click(&host, "#record-review");
    settle().await;
    click(&host, "#reviews-0-decision");
    settle().await;
    click(&host, "#save-review");
    settle().await;
    assert!(is_there(&host, "#error-summary"), "the review has errors");
    let title = window().document().expect("a document").title();
    assert!(title.starts_with("Error: "), "{title}");
    click(&host, "#reviews-back");
    settle().await;
    // Not "No review date set": a review was held, its next date is missing.
    assert_eq!(
        text(&host, "#next-review"),
        "Next review date missing: finish the latest review"
    );
}
