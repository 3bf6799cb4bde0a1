//! What happens when the app panics. Release builds abort on a panic, so the
//! reactive tree is dead afterwards; this hook works without it. It saves
//! the open draft's last unsaved change (kept here, outside the reactive
//! tree, on every change), then writes a plain message straight into the
//! page: what happened, when the draft was last saved, and to reload. The
//! status line is rewritten too, so it never still says "Saved".
//!
//! Tests trigger a panic by setting `window.__cafLiteTestPanic = true` from
//! the test harness (Playwright's `page.evaluate`): the next save panics.
//! Nothing the user can reach sets it (no button, address, stored data or
//! local setting); only script running in the page can, which could already
//! change anything.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

use crate::domain::Draft;
use crate::storage::{Base, DraftStore};
use crate::ui::platform;

/// The open draft's change that is not stored yet.
struct Unsaved {
    store: DraftStore,
    draft: Draft,
    base: Base,
}

thread_local! {
    static UNSAVED: RefCell<Option<Unsaved>> = const { RefCell::new(None) };
    /// `HH:MM` of the last successful save on this device.
    static LAST_SAVED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Keeps the open draft's latest unsaved state, for the hook to save.
pub fn note_unsaved(store: DraftStore, draft: Draft, base: Base) {
    UNSAVED.with(|cell| {
        if let Ok(mut cell) = cell.try_borrow_mut() {
            *cell = Some(Unsaved { store, draft, base });
        }
    });
}

/// Everything typed is stored (at `HH:MM`), or nothing is open any more.
pub fn note_saved(at: Option<String>) {
    UNSAVED.with(|cell| {
        if let Ok(mut cell) = cell.try_borrow_mut() {
            *cell = None;
        }
    });
    if at.is_some() {
        LAST_SAVED.with(|cell| {
            if let Ok(mut cell) = cell.try_borrow_mut() {
                *cell = at;
            }
        });
    }
}

/// Panics when a test has asked for one (see the module's words).
pub fn panic_if_a_test_asked() {
    let asked = web_sys::window()
        .and_then(|window| {
            js_sys::Reflect::get(
                &window,
                &wasm_bindgen::JsValue::from_str("__cafLiteTestPanic"),
            )
            .ok()
        })
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    if asked {
        panic!("a panic asked for by a test (window.__cafLiteTestPanic)");
    }
}

/// Installs the hook: the console message, then the save and the page message.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let saved = save_what_is_unsaved();
        show_message(&saved);
    }));
}

/// What the last-chance save achieved.
enum LastSave {
    /// Saved now, at `HH:MM`, or nothing was unsaved (last saved at, if ever).
    Saved(Option<String>),
    /// The save was refused, in words.
    Failed(String),
}

fn save_what_is_unsaved() -> LastSave {
    let unsaved = UNSAVED
        .try_with(|cell| cell.try_borrow_mut().ok().and_then(|mut cell| cell.take()))
        .ok()
        .flatten();
    let last_saved = || {
        LAST_SAVED
            .try_with(|cell| cell.try_borrow().ok().and_then(|cell| cell.clone()))
            .ok()
            .flatten()
    };
    let Some(Unsaved {
        store,
        mut draft,
        base,
    }) = unsaved
    else {
        return LastSave::Saved(last_saved());
    };
    if !store.is_persistent() {
        return LastSave::Failed("this browser is not letting CAF Lite save anything".to_owned());
    }
    // A locked save is sealed by the browser after this returns, and after a
    // panic nothing runs any more: it would never be stored.
    if store.writes_later() {
        return LastSave::Failed(
            "the drafts are locked with a passphrase, and a change can only be locked while the app is working".to_owned(),
        );
    }
    draft.updated_at = platform::now_rfc3339();
    match store.save(&draft, &base) {
        Ok(_) => LastSave::Saved(Some(platform::clock_time())),
        Err(err) => LastSave::Failed(err.to_string()),
    }
}

/// The words of the message.
fn message_words(saved: &LastSave) -> (String, String) {
    let draft = match saved {
        LastSave::Saved(Some(at)) => format!("Your draft was saved on this device at {at}."),
        LastSave::Saved(None) => "Nothing you typed was waiting to be saved.".to_owned(),
        LastSave::Failed(reason) => {
            format!(
                "Your latest changes could not be saved: {}",
                reason.trim_end_matches('.')
            ) + "."
        }
    };
    (
        "CAF Lite has stopped working".to_owned(),
        format!(
            "Something went wrong inside the app. {draft} Reload the page to carry on. If it happens again, export your drafts as files from the drafts page."
        ),
    )
}

/// Writes the message at the top of the page, makes the dead app
/// unusable, and rewrites the status line. Never panics.
fn show_message(saved: &LastSave) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let (heading, words) = message_words(saved);
    if let Some(status) = document.get_element_by_id("save-status") {
        status.set_text_content(Some(&format!("{heading}. {words}")));
        let _ = status.set_attribute("class", "caf-status caf-status--problem");
    }
    // Nothing in the dead app can be used (typing there would not be saved).
    let mut child = body.first_element_child();
    while let Some(element) = child {
        let _ = element.set_attribute("inert", "");
        child = element.next_element_sibling();
    }
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("crash-message");
    let _ = panel.set_attribute("class", "caf-notice caf-notice--problem");
    let _ = panel.set_attribute("role", "alert");
    if let Ok(h1) = document.create_element("h1") {
        let _ = h1.set_attribute("class", "caf-heading-l");
        h1.set_text_content(Some(&heading));
        let _ = panel.append_child(&h1);
    }
    if let Ok(p) = document.create_element("p") {
        let _ = p.set_attribute("class", "caf-body");
        p.set_text_content(Some(&words));
        let _ = panel.append_child(&p);
    }
    let _ = body.prepend_with_node_1(&panel);
    if let Some(panel) = panel.dyn_ref::<web_sys::HtmlElement>() {
        let _ = panel.set_attribute("tabindex", "-1");
        let _ = panel.focus();
    }
}
