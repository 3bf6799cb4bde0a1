//! The consent record in the browser: a draft that arrives (stored by an
//! earlier release, or imported) with both a recorded agreement and a
//! withdrawal date, and what a stale tab does with the browser's own Print.
#![cfg(target_arch = "wasm32")]

use caf_lite::domain::{record_agreement, DateDraft};
use leptos::mount::mount_to;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Event, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web_common;
use web_common::{
    click, find, fresh_host, sams_draft, set_address, settle, store_draft, type_into, window,
};

fn text(host: &HtmlElement, selector: &str) -> String {
    find(host, selector).text_content().unwrap_or_default()
}

fn storage() -> web_sys::Storage {
    window()
        .local_storage()
        .expect("localStorage")
        .expect("localStorage is there")
}

/// Stores a draft whose agreement is recorded and then withdrawn on
/// 02/06/2026, with the record still current (not moved to the history).
fn store_withdrawn_but_unsettled(id: &str) {
    let mut draft = sams_draft(id);
    draft.data.consent.given_by = "Alex Parent".to_owned();
    record_agreement(&mut draft.data, "2026-06-01T10:00:00Z");
    draft.data.consent.withdrawn_on = DateDraft {
        day: "2".to_owned(),
        month: "6".to_owned(),
        year: "2026".to_owned(),
    };
    store_draft(&draft);
}

#[wasm_bindgen_test]
async fn clearing_a_stored_withdrawal_date_leaves_the_agreement_not_recorded() {
    let host = fresh_host();
    store_withdrawn_but_unsettled("withdrawn-stored");
    set_address("#draft/withdrawn-stored/consent");
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    assert!(text(&host, "#consent-status").contains("CONSENT WITHDRAWN ON 02/06/2026"));
    // Recording again while withdrawn is refused, with the way forward.
    click(&host, "#record-agreement");
    settle().await;
    assert!(
        text(&host, "#record-problem").contains("clear the date the agreement was withdrawn first"),
        "{}",
        text(&host, "#record-problem")
    );
    // The date is cleared a box at a time, as a person would.
    for part in ["day", "month", "year"] {
        type_into(&host, &format!("#consent-withdrawn_on-{part}"), "");
        settle().await;
    }
    let status = text(&host, "#consent-status");
    assert!(status.contains("CONSENT NOT RECORDED"), "{status}");
    assert!(
        text(&host, "#consent-record").contains("withdrawn on 02/06/2026"),
        "the withdrawn agreement is in the history"
    );
}

#[wasm_bindgen_test]
async fn the_browsers_own_print_of_a_stale_handout_prints_the_refusal() {
    let host = fresh_host();
    store_withdrawn_but_unsettled("stale-handout");
    set_address("#draft/stale-handout/handout");
    let _app = mount_to(host.clone(), caf_lite::ui::App);
    settle().await;
    let article = find(&host, "#handout");
    assert!(!article.class_name().contains("caf-print-hidden"));
    // Another tab writes the draft; this tab hears no storage event (a
    // write from this very page never sends one, which stands in for a
    // missed event), then the user presses Ctrl+P.
    let key = "caf.draft.stale-handout";
    let stored = storage().get_item(key).expect("read").expect("stored");
    let rewritten = stored.replacen("\"write_token\":\"", "\"write_token\":\"other-tab-", 1);
    assert_ne!(stored, rewritten, "the token was changed");
    storage().set_item(key, &rewritten).expect("written");
    window()
        .dispatch_event(&Event::new("beforeprint").expect("an event"))
        .expect("dispatched");
    settle().await;
    let article: HtmlElement = find(&host, "#handout").unchecked_into();
    assert!(
        article.class_name().contains("caf-print-hidden"),
        "the handout is hidden from the printout"
    );
    assert!(text(&host, "#print-refused").contains("Nothing was printed"));
    assert!(find(&host, "#conflict-panel").is_connected());
}
