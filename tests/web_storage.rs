//! The localStorage adapter in a real browser (Chromium through
//! wasm-bindgen-test-runner): round trips, conflicts, unreadable entries and
//! a full quota.
#![cfg(target_arch = "wasm32")]

use caf_lite::domain::Draft;
use caf_lite::storage::{
    draft_key, probe, request_persistence, Availability, Base, DraftStore, LoadError, SaveError,
};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .expect("the test browser has localStorage")
}

fn open_local() -> DraftStore {
    let (store, availability) = DraftStore::open();
    assert_eq!(availability, Availability::Available);
    assert!(store.is_persistent());
    store
}

fn draft(id: &str, name: &str) -> Draft {
    let mut draft = Draft {
        id: id.to_string(),
        updated_at: "2026-11-23T10:00:00Z".to_string(),
        ..Draft::default()
    };
    draft.data.child.given_name = name.to_string();
    draft
}

/// Removes the keys a test wrote, even when the test fails.
struct Cleanup(Vec<String>);

impl Drop for Cleanup {
    fn drop(&mut self) {
        let storage = local_storage();
        for key in &self.0 {
            let _ = storage.remove_item(key);
        }
    }
}

#[wasm_bindgen_test]
fn probe_finds_local_storage_and_leaves_nothing_behind() {
    assert_eq!(probe(), Availability::Available);
    assert_eq!(local_storage().get_item("caf.probe"), Ok(None));
}

#[wasm_bindgen_test]
fn saves_and_loads_hostile_text_unchanged() {
    let _cleanup = Cleanup(vec![draft_key("web-round-trip")]);
    let store = open_local();
    let hostile = "<script>alert(1)</script> O'Brien & Sons \u{202e}evil\u{202c} a\0b 👩‍👧‍👦 Łódź Ελλάδα Москва القاهرة";
    let mut zoe = draft("web-round-trip", hostile);
    let saved = store.save(&zoe, &Base::default()).expect("saved");
    assert_eq!(saved.revision, 1);
    // A random token from the browser's generator.
    assert_eq!(saved.token.len(), 36);
    zoe.revision = 1;
    zoe.write_token = saved.token;
    assert_eq!(store.load("web-round-trip"), Ok(Some(zoe.clone())));
    // A second handle, as another tab would open, sees the same draft.
    assert_eq!(open_local().load("web-round-trip"), Ok(Some(zoe)));
}

#[wasm_bindgen_test]
fn refuses_to_overwrite_newer_work_from_another_tab() {
    let _cleanup = Cleanup(vec![draft_key("web-conflict")]);
    let first_tab = open_local();
    let second_tab = open_local();
    let first = first_tab
        .save(&draft("web-conflict", "first"), &Base::default())
        .expect("saved");
    assert_eq!(first.revision, 1);
    let again = first_tab
        .save(&draft("web-conflict", "first again"), &first.base())
        .expect("saved");
    assert_eq!(again.revision, 2);
    // The second tab loaded revision 1 and has not seen revision 2.
    assert_eq!(
        second_tab.save(&draft("web-conflict", "stale"), &first.base()),
        Err(SaveError::Conflict { stored_revision: 2 })
    );
    let stored = first_tab
        .load("web-conflict")
        .ok()
        .flatten()
        .map(|d| d.data.child.given_name);
    assert_eq!(stored.as_deref(), Some("first again"));
}

#[wasm_bindgen_test]
fn an_unreadable_entry_is_listed_and_never_changed() {
    let garbage_key = draft_key("web-garbage");
    let newer_key = draft_key("web-newer");
    let _cleanup = Cleanup(vec![
        garbage_key.clone(),
        newer_key.clone(),
        draft_key("web-fine"),
    ]);
    let storage = local_storage();
    let garbage = "{\"format_version\": 1, \"draft\": {\"id\": \"web-garbage\", \u{202e} broken";
    let newer = r#"{"format_version": 99, "draft": {"id": "web-newer"}}"#;
    storage.set_item(&garbage_key, garbage).expect("planted");
    storage.set_item(&newer_key, newer).expect("planted");

    let store = open_local();
    store
        .save(&draft("web-fine", "Ali"), &Base::default())
        .expect("saved");
    let listing = store.list().expect("listed");
    let mut unreadable: Vec<&str> = listing
        .unreadable
        .iter()
        .map(|entry| entry.key.as_str())
        .collect();
    unreadable.sort();
    assert_eq!(unreadable, vec![garbage_key.as_str(), newer_key.as_str()]);
    assert!(listing.drafts.iter().any(|d| d.id == "web-fine"));
    assert!(matches!(
        store.load("web-garbage"),
        Err(LoadError::Unreadable { .. })
    ));

    for base_revision in 0..3 {
        assert_eq!(
            store.save(
                &draft("web-garbage", "overwrite?"),
                &Base {
                    revision: base_revision,
                    token: String::new(),
                }
            ),
            Err(SaveError::StoredCopyUnreadable {
                key: garbage_key.clone()
            })
        );
        assert!(store
            .save(
                &draft("web-newer", "overwrite?"),
                &Base {
                    revision: base_revision,
                    token: String::new(),
                }
            )
            .is_err());
    }
    assert_eq!(store.raw_entry(&garbage_key).as_deref(), Some(garbage));
    assert_eq!(
        storage.get_item(&garbage_key),
        Ok(Some(garbage.to_string()))
    );
    assert_eq!(storage.get_item(&newer_key), Ok(Some(newer.to_string())));
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_save_and_keeps_the_earlier_copy() {
    let storage = local_storage();
    let mut cleanup = Cleanup(vec![draft_key("web-quota")]);
    let store = open_local();
    let earlier = draft("web-quota", "earlier");
    let saved = store.save(&earlier, &Base::default()).expect("saved");
    assert_eq!(saved.revision, 1);

    // Fill storage with junk, in smaller and smaller pieces, until it refuses.
    let mut n_junk = 0;
    for chunk_chars in [1 << 20, 1 << 16, 1 << 10, 1 << 6] {
        let chunk = "j".repeat(chunk_chars);
        loop {
            let key = format!("caf.test.junk.{n_junk}");
            match storage.set_item(&key, &chunk) {
                Ok(()) => {
                    cleanup.0.push(key);
                    n_junk += 1;
                }
                Err(_) => break,
            }
            assert!(n_junk < 10_000, "storage never filled up");
        }
    }

    let mut bigger = draft("web-quota", "later");
    bigger.data.family.notes = "n".repeat(200_000);
    let err = store
        .save(&bigger, &saved.base())
        .expect_err("storage is full");
    assert_eq!(err, SaveError::QuotaExceeded);
    assert_eq!(
        err.to_string(),
        "Not saved: this browser's storage is full. Download this draft now, then delete old drafts."
    );
    let stored = store.load("web-quota").ok().flatten();
    assert_eq!(
        stored.map(|d| (d.revision, d.data.child.given_name)),
        Some((1, "earlier".to_string()))
    );

    // With the junk gone the same save goes through.
    drop(cleanup);
    let store = open_local();
    assert_eq!(
        store
            .save(&bigger, &saved.base())
            .map(|saved| saved.revision),
        Ok(2)
    );
    let _ = local_storage().remove_item(&draft_key("web-quota"));
}

#[wasm_bindgen_test]
async fn asking_for_persistent_storage_reports_what_the_browser_decided() {
    // Headless Chromium may grant or refuse; either answer is fine, as long
    // as it is the browser's: `navigator.storage.persisted()` says the same.
    let granted: bool = request_persistence().await;
    let navigator = web_sys::window().expect("a window").navigator();
    let persisted = wasm_bindgen_futures::JsFuture::from(
        navigator
            .storage()
            .persisted()
            .expect("navigator.storage.persisted()"),
    )
    .await
    .expect("persisted() resolves")
    .as_bool()
    .expect("persisted() answers a boolean");
    assert_eq!(
        granted, persisted,
        "request_persistence() answered {granted}, the browser says persisted = {persisted}"
    );
}
