//! Moves in the locked store, in a real browser: every operation that
//! touches several entries fails whole at every write position (a full disk
//! made to refuse the n-th write), the same test `storage::store` runs
//! natively on the plain stores (issue 24, item 1).
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use caf_lite::domain::{Date, Draft};
use caf_lite::storage::format::{decode_import, encode_export};
use caf_lite::storage::{Base, DraftStore, ImportMode, SaveError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|window| window.local_storage().ok().flatten())
        .expect("the test browser has localStorage")
}

/// Every `caf.*` entry, key → stored text.
fn stored() -> BTreeMap<String, String> {
    let storage = local_storage();
    let n_keys = storage.length().expect("length");
    (0..n_keys)
        .filter_map(|idx| storage.key(idx).ok().flatten())
        .filter(|key| key.starts_with("caf."))
        .map(|key| {
            let text = storage.get_item(&key).ok().flatten().unwrap_or_default();
            (key, text)
        })
        .collect()
}

/// Removes every `caf.*` entry (the lock record too), even when a test fails.
struct Clean;

impl Drop for Clean {
    fn drop(&mut self) {
        fail_write_at(None);
        let storage = local_storage();
        for key in stored().keys() {
            let _ = storage.remove_item(key);
        }
    }
}

/// Makes the `n`-th `caf.*` localStorage write from now on throw
/// QuotaExceededError, as a full disk does; `None` puts the real one back.
fn fail_write_at(n: Option<u32>) {
    let install = js_sys::Function::new_with_args(
        "n",
        "const proto = Storage.prototype;
         proto.__real = proto.__real || proto.setItem;
         if (n === undefined) { proto.setItem = proto.__real; return; }
         let count = 0;
         proto.setItem = function (key, value) {
           if (String(key).startsWith('caf.') && count++ === n) {
             throw new DOMException('full', 'QuotaExceededError');
           }
           return proto.__real.call(this, key, value);
         };",
    );
    let arg = n.map_or(JsValue::UNDEFINED, |n| JsValue::from(n));
    install.call1(&JsValue::NULL, &arg).expect("installed");
}

fn day() -> Date {
    Date::parse_iso("2026-12-07").expect("a date")
}

fn draft(id: &str, name: &str) -> Draft {
    let mut draft = Draft {
        id: id.to_owned(),
        version: 1,
        updated_at: "2026-12-07T10:00:00Z".to_owned(),
        ..Draft::default()
    };
    draft.data.child.given_name = name.to_owned();
    draft
}

fn file(id: &str, name: &str) -> caf_lite::storage::Imported {
    let text = encode_export(&draft(id, name), "2026-12-07T11:00:00Z");
    decode_import(text.as_bytes()).expect("a file the app wrote")
}

/// Runs `op` with the n-th write failing, n = 0, 1, …, until it succeeds;
/// every failure must leave every entry exactly as before. Returns how many
/// positions failed.
async fn at_every_position<F, Fut, T>(what: &str, op: F) -> u32
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, SaveError>>,
{
    for n in 0..20 {
        let before = stored();
        fail_write_at(Some(n));
        let result = op().await;
        fail_write_at(None);
        match result {
            Err(err) => {
                assert_eq!(err, SaveError::QuotaExceeded, "{what} at write {n}");
                assert_eq!(stored(), before, "{what} failing at write {n}");
            }
            Ok(_) => {
                assert!(
                    !stored().contains_key("caf.move"),
                    "{what}: no journal left"
                );
                return n;
            }
        }
    }
    panic!("{what} never succeeded");
}

#[wasm_bindgen_test]
async fn every_move_of_the_locked_store_fails_whole_at_every_write() {
    let _clean = Clean;
    let (plain, _) = DraftStore::open();
    for (id, name) in [("a1", "Older A"), ("c3", "C")] {
        plain
            .save(&draft(id, name), &Base::default())
            .expect("saved");
    }
    let old_a1 = plain.delete("a1", day()).await.expect("deleted");
    let c3 = plain.delete("c3", day()).await.expect("deleted");
    for (id, name) in [("a1", "A"), ("b2", "B")] {
        plain
            .save(&draft(id, name), &Base::default())
            .expect("saved");
    }
    let (store, nothing_readable) = plain
        .set_passphrase("otter kettle marble")
        .await
        .expect("locked");
    assert!(nothing_readable);

    // How many write positions failed before each move went through: its
    // journal and each entry it writes. Emptying only removes, so it goes
    // even when its journal does not fit (removing makes room).
    let delete = at_every_position("delete", || store.delete("b2", day())).await;
    let restore = at_every_position("restore", || store.restore(&c3, "unused")).await;
    let restore_copy =
        at_every_position("restore as a copy", || store.restore(&old_a1, "n9")).await;
    let replace = at_every_position("import, replace", || {
        store.import(file("a1", "File A"), ImportMode::Replace, day())
    })
    .await;
    let keep_both = at_every_position("import, keep both", || {
        let mode = ImportMode::KeepBoth {
            new_id: "k7".to_owned(),
        };
        store.import(file("a1", "File A"), mode, day())
    })
    .await;
    let listing = store.list().expect("listed");
    let deleted: Vec<String> = listing.deleted.iter().map(|d| d.key.clone()).collect();
    assert_eq!(deleted.len(), 2, "b2 and the replaced a1");
    let empty = at_every_position("empty", || store.empty_deleted(&deleted)).await;
    assert_eq!(
        [delete, restore, restore_copy, replace, keep_both, empty],
        [2, 2, 2, 3, 2, 0]
    );

    let mut names: Vec<(String, String)> = store
        .list()
        .expect("listed")
        .drafts
        .into_iter()
        .map(|d| (d.id, d.data.child.given_name))
        .collect();
    names.sort();
    let expected = [
        ("a1", "File A"),
        ("c3", "C"),
        ("k7", "File A"),
        ("n9", "Older A"),
    ];
    assert_eq!(
        names,
        expected.map(|(id, name)| (id.to_owned(), name.to_owned()))
    );
    assert!(store.list().expect("listed").deleted.is_empty());
    // Everything that landed is locked.
    for (key, text) in stored() {
        if key.starts_with("caf.draft.") || key.starts_with("caf.deleted.") {
            assert!(text.starts_with("{\"format\":\"caf-lite.locked\""), "{key}");
        }
    }
}
