//! The draft file format, the stored shape, the revision rule and the
//! in-memory draft store, tested natively against the fixtures in
//! `tests/fixtures/import/`.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::{Date, Draft, ParentDraft};
use caf_lite::storage::conflict::{decide, SaveDecision};
use caf_lite::storage::format::{
    check_import_size, decode_import, decode_stored, encode_export, encode_stored,
    export_file_name, migrate, unknown_keys_notice, ImportError, Migration, StoredError,
    FORMAT_VERSION, MAX_IMPORT_BYTES, MAX_LIST_ITEMS, MIGRATIONS, OLDEST_FORMAT_VERSION,
};
use caf_lite::storage::{
    deleted_expired, deleted_key, draft_key, expiry_day, import_choice, newest_stored_day,
    parse_deleted_key, Base, DraftStore, ImportChoice, ImportMode, LoadError, Restored, SaveError,
    QUOTA_MESSAGE,
};
use serde_json::{json, Value};

/// The in-memory store's moves are ready at once (only the locked store,
/// in a browser, waits for its writes to be sealed).
fn now<T>(future: impl std::future::Future<Output = T>) -> T {
    let waker = std::task::Waker::noop();
    match std::pin::pin!(future).poll(&mut std::task::Context::from_waker(waker)) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("an in-memory store's move waited"),
    }
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
}

fn refusal(name: &str) -> ImportError {
    match decode_import(&fixture(name)) {
        Ok(imported) => panic!("{name} was accepted: {imported:?}"),
        Err(err) => err,
    }
}

fn accepted(name: &str) -> caf_lite::storage::Imported {
    match decode_import(&fixture(name)) {
        Ok(imported) => imported,
        Err(err) => panic!("{name} was refused: {err}"),
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert('x')</script>",
    "O'Brien & Sons",
    "\u{202e}evil\u{202c}",
    "before\0after",
    "👩‍👧‍👦 🇵🇱 Zoë",
    "Łukasiewicz Γιώργος Дмитрий فاطمة",
    "\"quoted\" \\back\\slash\\ \n\t\r",
    "\u{feff}starts with a byte order mark",
];

fn hostile_draft() -> Draft {
    let mut draft = Draft {
        id: "4f1c2a9e-5d0b-4c47-9a51-3e2f7b8c6d10".to_string(),
        revision: 12,
        version: 3,
        ..Draft::default()
    };
    draft.data.child.given_name = HOSTILE.concat();
    draft.data.parents = HOSTILE
        .iter()
        .map(|text| ParentDraft {
            name: text.to_string(),
            ..ParentDraft::default()
        })
        .collect();
    // A 1 MB string of mixed-width characters.
    draft.data.family.notes = "a€😀<&>\u{202e}\0".repeat(1024 * 1024 / 16);
    draft.data.consent.share_with = HOSTILE.iter().map(|text| text.to_string()).collect();
    draft
}

// ---- Envelope and round trips ----

#[test]
fn export_then_import_gives_an_equal_draft() {
    let draft = match decode_import(&fixture("draft_v1.caf.json")) {
        Ok(imported) => imported.draft,
        Err(err) => panic!("{err}"),
    };
    let file = encode_export(&draft, "2026-11-23T10:42:07Z");
    let imported = decode_import(file.as_bytes()).expect("own export is readable");
    assert_eq!(imported.draft, draft);
    assert_eq!(imported.exported_at, "2026-11-23T10:42:07Z");
    assert!(imported.unknown_keys.is_empty());
}

#[test]
fn export_writes_the_envelope_of_draft_format_md() {
    let file = encode_export(&Draft::default(), "2026-11-23T10:42:07Z");
    let value: Value = serde_json::from_str(&file).expect("export is JSON");
    assert_eq!(value["format"], "caf-lite.draft");
    assert_eq!(value["format_version"], 2);
    assert_eq!(value["exported_at"], "2026-11-23T10:42:07Z");
    assert!(value["draft"]["data"]["child"].is_object());
}

#[test]
fn hostile_text_survives_export_and_import_byte_for_byte() {
    let draft = hostile_draft();
    let imported = decode_import(encode_export(&draft, "now").as_bytes()).expect("readable");
    assert_eq!(imported.draft, draft);
    assert_eq!(
        imported.draft.data.child.given_name.as_bytes(),
        HOSTILE.concat().as_bytes()
    );
    for (parent, text) in imported.draft.data.parents.iter().zip(HOSTILE) {
        assert_eq!(parent.name.as_bytes(), text.as_bytes());
    }
}

#[test]
fn hostile_text_survives_storing_byte_for_byte() {
    let draft = hostile_draft();
    assert_eq!(decode_stored(&encode_stored(&draft)), Ok(draft));
}

#[test]
fn the_full_sample_reads_every_script_and_hostile_string_exactly() {
    let imported = accepted("draft_v1.caf.json");
    let data = &imported.draft.data;
    assert!(
        imported.unknown_keys.is_empty(),
        "{:?}",
        imported.unknown_keys
    );
    assert_eq!(imported.draft.revision, 57);
    assert_eq!(data.child.given_name, "Zoë");
    assert_eq!(data.child.family_name, "Łukasiewicz-O'Brien");
    assert_eq!(data.child.known_as, "<script>alert('x')</script>");
    assert_eq!(data.child.setting, "O'Brien & Sons Nursery");
    assert_eq!(data.parents[1].name, "Γιώργος Παπαδόπουλος");
    assert_eq!(data.household[0].name, "Дмитрий Иванов");
    assert_eq!(data.services[0].contact_name, "فاطمة الزهراء");
    assert_eq!(
        data.family.notes,
        "Right-to-left override: \u{202e}evil\u{202c}; NUL here:\0end; emoji 👩‍👧‍👦 🇵🇱"
    );
    assert_eq!(data.plan.lead.reasons.len(), 2);
    assert_eq!(data.consent.history[0].method, "verbal_phone");
    assert_eq!(data.reviews[0].actions[0].status, "done");
}

#[test]
fn the_full_sample_uses_every_field_of_a_draft() {
    // `draft_v2`: `draft_v1` with the ids of team members, actions and
    // reviews and version 2's meetings, every key of them used
    // (`tests/item_ids.rs` and `tests/meetings.rs` read the version 1
    // files). So the sample keeps testing every key when fields are added.
    let imported = accepted("draft_v2.caf.json");
    let file: Value = serde_json::from_slice(&fixture("draft_v2.caf.json")).expect("JSON");
    let again = serde_json::to_value(&imported.draft).expect("serialises");
    assert_eq!(file["draft"], again);
}

#[test]
fn export_file_name_uses_the_first_eight_characters_of_the_id() {
    let draft = Draft {
        id: "4f1c2a9e-5d0b-4c47-9a51-3e2f7b8c6d10".to_string(),
        ..Draft::default()
    };
    assert_eq!(export_file_name(&draft), "CAF-draft-4f1c2a9e.caf.json");
    let odd = Draft {
        id: "../é/".to_string(),
        ..Draft::default()
    };
    assert_eq!(export_file_name(&odd), "CAF-draft.caf.json");
}

// ---- Refusals, one fixture each ----

#[test]
fn refuses_a_file_over_5_mb_and_says_so() {
    let mut bytes = encode_export(&Draft::default(), "now").into_bytes();
    bytes.resize(MAX_IMPORT_BYTES as usize + 1, b' ');
    let err = decode_import(&bytes).expect_err("too large");
    assert_eq!(
        err,
        ImportError::TooLarge {
            n_bytes: MAX_IMPORT_BYTES + 1
        }
    );
    assert!(err.to_string().contains("too large"));
    assert!(err.to_string().contains("5 MB"));
}

#[test]
fn accepts_a_file_of_exactly_5_mb() {
    let mut bytes = encode_export(&Draft::default(), "now").into_bytes();
    bytes.resize(MAX_IMPORT_BYTES as usize, b' ');
    assert!(decode_import(&bytes).is_ok());
}

#[test]
fn refuses_a_file_that_is_not_json() {
    let err = refusal("not_json.caf.json");
    assert!(
        matches!(err, ImportError::NotJson { line: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("not JSON"));
}

#[test]
fn refuses_a_file_that_is_not_utf8_text() {
    let err = refusal("not_utf8.caf.json");
    assert_eq!(err, ImportError::NotUtf8);
    assert!(err.to_string().contains("not text"));
}

#[test]
fn refuses_a_file_of_another_format_and_names_it() {
    let err = refusal("wrong_format.caf.json");
    assert_eq!(
        err,
        ImportError::WrongFormat {
            found: Some("excalidraw".to_string())
        }
    );
    assert!(err.to_string().contains("not a CAF draft file"));
}

#[test]
fn refuses_a_file_with_no_format() {
    assert_eq!(
        refusal("missing_format.caf.json"),
        ImportError::WrongFormat { found: None }
    );
    assert_eq!(
        decode_import(b"[1, 2]"),
        Err(ImportError::WrongFormat { found: None })
    );
}

#[test]
fn refuses_a_newer_version_with_the_agreed_words() {
    let err = refusal("newer_version.caf.json");
    assert_eq!(err, ImportError::NewerVersion { found: 3 });
    assert!(err
        .to_string()
        .contains("made by a newer version of CAF Lite"));
}

#[test]
fn refuses_a_version_that_is_not_a_whole_number() {
    assert!(matches!(
        refusal("bad_version.caf.json"),
        ImportError::BadVersion { .. }
    ));
}

#[test]
fn refuses_version_zero_as_none_was_ever_written() {
    assert_eq!(
        refusal("version_zero.caf.json"),
        ImportError::BadVersion {
            found: "0".to_string()
        }
    );
}

#[test]
fn refuses_a_file_with_no_draft() {
    assert_eq!(refusal("no_draft.caf.json"), ImportError::NoDraft);
}

#[test]
fn refuses_an_object_where_text_belongs_and_names_the_path() {
    let err = refusal("wrong_type_object_for_string.caf.json");
    assert_eq!(
        err,
        ImportError::WrongType {
            path: "child.family_name".to_string(),
            expected: "text",
            found: "a group of fields",
        }
    );
    assert!(err.to_string().contains("child.family_name"));
}

#[test]
fn refuses_a_fractional_number_where_text_belongs() {
    let err = refusal("fractional_number.caf.json");
    assert!(
        matches!(&err, ImportError::WrongType { path, found: "a number with a fraction", .. } if path == "child.nhs_number"),
        "{err:?}"
    );
}

#[test]
fn refuses_a_list_where_a_group_belongs() {
    let err = refusal("array_for_object.caf.json");
    assert!(
        matches!(&err, ImportError::WrongType { path, found: "a list", .. } if path == "child"),
        "{err:?}"
    );
}

#[test]
fn refuses_a_wrong_type_inside_a_list_item_naming_its_index() {
    let err = refusal("wrong_type_in_list.caf.json");
    assert!(
        matches!(&err, ImportError::WrongType { path, .. } if path == "parents[1].phone"),
        "{err:?}"
    );
}

#[test]
fn refuses_a_negative_revision() {
    let err = refusal("negative_revision.caf.json");
    assert!(
        matches!(&err, ImportError::WrongType { path, .. } if path == "draft.revision"),
        "{err:?}"
    );
}

#[test]
fn refuses_words_other_than_true_or_false_for_a_tick() {
    let err = refusal("text_for_tick.caf.json");
    assert!(
        matches!(&err, ImportError::WrongType { path, expected: "a yes/no value", .. } if path == "child.unborn"),
        "{err:?}"
    );
}

// ---- Accepted with conversions, unknown and missing keys ----

#[test]
fn converts_wrong_types_only_where_nothing_is_lost() {
    let imported = accepted("number_for_string.caf.json");
    let draft = &imported.draft;
    assert_eq!(draft.revision, 57);
    assert_eq!(draft.data.child.nhs_number, "9434765919");
    assert_eq!(draft.data.child.phone, "-1234");
    assert_eq!(draft.data.child.postcode, "");
    assert!(draft.data.child.unborn);
    assert!(!draft.data.child.no_fixed_abode);
    assert_eq!(draft.data.reason.summary, "true");
    assert_eq!(
        draft.data.consent.share_with,
        vec!["12".to_string(), "Health visiting team".to_string()]
    );
    assert!(draft.data.consent.history.is_empty());
    assert!(imported.unknown_keys.is_empty());
}

#[test]
fn ignores_unknown_keys_and_lists_their_full_paths() {
    let imported = accepted("unknown_keys.caf.json");
    let mut unknown = imported.unknown_keys.clone();
    unknown.sort();
    assert_eq!(
        unknown,
        vec![
            "child.favourite_colour",
            "draft.comment",
            "generator",
            "needs.health.score",
            "parents[0].shoe_size",
            "pets",
        ]
    );
    assert_eq!(imported.draft.data.child.given_name, "Ali");
    assert_eq!(imported.draft.data.parents[0].name, "A");
    assert_eq!(imported.draft.data.needs.health.rating, "strength");
}

#[test]
fn missing_keys_take_their_empty_values() {
    let imported = accepted("missing_keys.caf.json");
    assert_eq!(imported.draft.id, "0b7d2e44-aaaa-4c47-9a51-3e2f7b8c6d10");
    assert_eq!(imported.exported_at, "");
    assert_eq!(
        imported.draft,
        Draft {
            id: imported.draft.id.clone(),
            ..Draft::default()
        }
    );
}

#[test]
fn a_byte_order_mark_before_the_json_is_allowed() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(fixture("missing_keys.caf.json"));
    assert!(decode_import(&bytes).is_ok());
}

// ---- Migration scaffold ----

#[test]
fn the_migration_chain_reaches_the_current_version() {
    assert_eq!(FORMAT_VERSION, 2);
    assert_eq!(
        OLDEST_FORMAT_VERSION + MIGRATIONS.len() as u64,
        FORMAT_VERSION
    );
}

#[test]
fn the_current_version_passes_through_unchanged() {
    let draft = json!({"id": "x", "data": {"child": {"given_name": "Zoë"}}});
    assert_eq!(
        migrate(
            draft.clone(),
            FORMAT_VERSION,
            OLDEST_FORMAT_VERSION,
            MIGRATIONS
        ),
        Ok(draft)
    );
}

#[test]
fn migrations_run_in_order_from_the_file_version() {
    // A made-up chain 1 → 2 → 3, showing how a real v2 will plug in.
    fn v1_to_v2(mut draft: Value) -> Result<Value, ImportError> {
        draft["steps"] = json!(["v2"]);
        Ok(draft)
    }
    fn v2_to_v3(mut draft: Value) -> Result<Value, ImportError> {
        if let Some(steps) = draft["steps"].as_array_mut() {
            steps.push(json!("v3"));
        }
        Ok(draft)
    }
    let chain: &[Migration] = &[v1_to_v2, v2_to_v3];
    assert_eq!(
        migrate(json!({}), 1, 1, chain),
        Ok(json!({"steps": ["v2", "v3"]}))
    );
    assert_eq!(
        migrate(json!({"steps": []}), 2, 1, chain),
        Ok(json!({"steps": ["v3"]}))
    );
    assert_eq!(migrate(json!({}), 3, 1, chain), Ok(json!({})));
    assert_eq!(
        migrate(json!({}), 4, 1, chain),
        Err(ImportError::NewerVersion { found: 4 })
    );
    assert!(matches!(
        migrate(json!({}), 0, 1, chain),
        Err(ImportError::BadVersion { .. })
    ));
}

// ---- Stored entries ----

#[test]
fn stored_entries_are_the_draft_with_its_format_version() {
    let draft = hostile_draft();
    let value: Value = serde_json::from_str(&encode_stored(&draft)).expect("JSON");
    assert_eq!(value["format_version"], 2);
    assert_eq!(value["draft"]["id"], draft.id.as_str());
}

#[test]
fn a_stored_entry_from_a_newer_version_is_an_error() {
    let text = json!({"format_version": 3, "draft": {"id": "x"}}).to_string();
    assert_eq!(
        decode_stored(&text),
        Err(StoredError::NewerVersion { found: 3 })
    );
}

#[test]
fn a_stored_entry_that_is_not_json_or_not_a_draft_is_an_error() {
    assert_eq!(decode_stored("{\"format_ver"), Err(StoredError::NotJson));
    assert!(matches!(
        decode_stored("[]"),
        Err(StoredError::WrongShape { .. })
    ));
    assert!(matches!(
        decode_stored(r#"{"draft": {}}"#),
        Err(StoredError::WrongShape { .. })
    ));
    assert!(matches!(
        decode_stored(r#"{"format_version": 1, "draft": {"data": {"child": []}}}"#),
        Err(StoredError::WrongShape { .. })
    ));
}

// ---- Revision conflicts ----

#[test]
fn a_save_is_allowed_only_from_the_stored_revision_and_token() {
    let base = |revision, token: &str| Base {
        revision,
        token: token.to_string(),
    };
    assert_eq!(
        decide(None, &Base::default()),
        SaveDecision::Write { revision: 1 }
    );
    assert_eq!(
        decide(Some((4, "w4")), &base(4, "w4")),
        SaveDecision::Write { revision: 5 }
    );
    assert_eq!(
        decide(Some((5, "w5")), &base(4, "w4")),
        SaveDecision::Conflict { stored_revision: 5 }
    );
}

// ---- The store, in memory ----

fn draft(id: &str, name: &str) -> Draft {
    let mut draft = Draft {
        id: id.to_string(),
        updated_at: "2026-11-23T10:00:00Z".to_string(),
        ..Draft::default()
    };
    draft.data.child.given_name = name.to_string();
    draft
}

fn day(text: &str) -> Date {
    Date::parse_iso(text).expect("a date")
}

fn loaded(store: &DraftStore, id: &str) -> Draft {
    store.load(id).ok().flatten().expect("stored")
}

fn base_of(draft: &Draft) -> Base {
    Base {
        revision: draft.revision,
        token: draft.write_token.clone(),
    }
}

#[test]
fn store_saves_and_loads_a_draft() {
    let store = DraftStore::in_memory(None);
    let mut zoe = draft("a1", "Zoë");
    let saved = store.save(&zoe, &Base::default()).expect("saved");
    assert_eq!(saved.revision, 1);
    assert!(!saved.token.is_empty());
    zoe.revision = 1;
    zoe.write_token = saved.token;
    assert_eq!(store.load("a1"), Ok(Some(zoe)));
    assert_eq!(store.load("nope"), Ok(None));
    assert!(!store.is_persistent());
}

#[test]
fn store_refuses_to_overwrite_a_newer_revision_from_another_tab() {
    let store = DraftStore::in_memory(None);
    let first_tab = draft("a1", "first tab");
    let second_tab = draft("a1", "second tab");
    assert_eq!(
        store.save(&first_tab, &Base::default()).map(|s| s.revision),
        Ok(1)
    );
    assert_eq!(
        store.save(&second_tab, &Base::default()),
        Err(SaveError::Conflict { stored_revision: 1 })
    );
    assert_eq!(loaded(&store, "a1").data.child.given_name, "first tab");
}

#[test]
fn a_revision_frozen_at_max_still_gives_a_conflict() {
    // An imported file says revision u64::MAX: every save stays at MAX.
    let store = DraftStore::in_memory(None);
    let mut from_file = draft("a1", "imported");
    from_file.revision = u64::MAX;
    let imported = now(store.import(
        caf_lite::storage::Imported {
            draft: from_file,
            exported_at: String::new(),
            unknown_keys: Vec::new(),
        },
        ImportMode::Replace,
        day("2026-12-01"),
    ))
    .expect("imported");
    assert_eq!(imported.revision, u64::MAX);
    // Two tabs open it; tab B saves first.
    let tab_a = loaded(&store, "a1");
    let tab_b = loaded(&store, "a1");
    let saved_b = store
        .save(&draft("a1", "tab B"), &base_of(&tab_b))
        .expect("tab B saves");
    assert_eq!(saved_b.revision, u64::MAX);
    assert_eq!(
        store.save(&draft("a1", "tab A, stale"), &base_of(&tab_a)),
        Err(SaveError::Conflict {
            stored_revision: u64::MAX
        })
    );
    assert_eq!(loaded(&store, "a1").data.child.given_name, "tab B");
    // Tab B carries on from its own save.
    assert!(store
        .save(&draft("a1", "tab B again"), &saved_b.base())
        .is_ok());
}

#[test]
fn the_same_revision_after_delete_and_reimport_is_still_a_conflict() {
    let store = DraftStore::in_memory(None);
    store
        .save(&draft("a1", "first"), &Base::default())
        .expect("saved");
    let open_tab = loaded(&store, "a1");
    let exported = loaded(&store, "a1");
    now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    // Re-imported from a file with the same revision, different answers.
    let mut from_file = exported;
    from_file.data.child.given_name = "from the file".to_string();
    let back = now(store.import(
        caf_lite::storage::Imported {
            draft: from_file,
            exported_at: String::new(),
            unknown_keys: Vec::new(),
        },
        ImportMode::Replace,
        day("2026-12-01"),
    ))
    .expect("imported");
    assert_eq!(back.revision, open_tab.revision + 1);
    // Put the number back to what the open tab holds: still refused.
    let mut same_number = back.clone();
    same_number.revision = open_tab.revision;
    store
        .write_raw_in_memory(&draft_key("a1"), &encode_stored(&same_number))
        .expect("written");
    assert_eq!(
        store.save(&draft("a1", "stale tab"), &base_of(&open_tab)),
        Err(SaveError::Conflict {
            stored_revision: open_tab.revision
        })
    );
}

#[test]
fn the_write_token_is_stored_beside_the_draft_and_never_exported() {
    let mut zoe = draft("a1", "Zoë");
    zoe.write_token = "token-1".to_string();
    let stored = encode_stored(&zoe);
    assert_eq!(
        serde_json::from_str::<Value>(&stored).expect("JSON")["write_token"],
        json!("token-1")
    );
    assert_eq!(
        decode_stored(&stored).map(|d| d.write_token),
        Ok("token-1".to_string())
    );
    let file = encode_export(&zoe, "now");
    assert!(!file.contains("token-1"), "a draft file carries no token");
    // Entries from before tokens still open, with the empty token.
    let old = r#"{"format_version": 1, "draft": {"id": "a1", "revision": 3}}"#;
    assert_eq!(decode_stored(old).map(|d| d.write_token), Ok(String::new()));
}

#[test]
fn store_lists_unreadable_entries_and_never_overwrites_them() {
    let store = DraftStore::in_memory(None);
    let garbage = "{ this is not json \u{202e}";
    store
        .save(&draft("good", "Ali"), &Base::default())
        .expect("saved");
    store
        .write_raw_in_memory(&draft_key("bad"), garbage)
        .expect("written");

    let listing = store.list().expect("listed");
    assert_eq!(listing.drafts.len(), 1);
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!(listing.unreadable[0].key, draft_key("bad"));
    assert!(matches!(
        store.load("bad"),
        Err(LoadError::Unreadable { .. })
    ));
    assert_eq!(
        store.save(&draft("bad", "new"), &Base::default()),
        Err(SaveError::StoredCopyUnreadable {
            key: draft_key("bad")
        })
    );
    assert_eq!(store.raw_entry(&draft_key("bad")).as_deref(), Some(garbage));
}

#[test]
fn store_reports_quota_and_keeps_the_earlier_copy() {
    let store = DraftStore::in_memory(Some(4_000));
    let small = draft("a1", "Ali");
    let saved = store.save(&small, &Base::default()).expect("saved");
    let mut big = draft("a1", "Ali");
    big.data.family.notes = "x".repeat(10_000);
    let err = store.save(&big, &saved.base()).expect_err("over quota");
    assert_eq!(err, SaveError::QuotaExceeded);
    assert_eq!(err.to_string(), QUOTA_MESSAGE);
    let kept = loaded(&store, "a1");
    assert_eq!((kept.revision, kept.data.family.notes), (1, String::new()));
}

#[test]
fn save_failures_point_to_a_remedy_on_the_open_draft() {
    // The open draft has "Download this draft now" (and "Keep as a copy").
    for err in [
        SaveError::QuotaExceeded,
        SaveError::Unavailable,
        SaveError::Browser {
            reason: "x".to_string(),
        },
    ] {
        let words = err.to_string();
        assert!(words.contains("Download this draft now"), "{words}");
        assert!(!words.contains("Export"), "{words}");
    }
    let unreadable = SaveError::StoredCopyUnreadable {
        key: draft_key("a1"),
    }
    .to_string();
    assert!(
        unreadable.contains("Download this draft now"),
        "{unreadable}"
    );
    assert!(unreadable.contains("keep it as a copy"), "{unreadable}");
    assert!(!SaveError::NoId.to_string().contains("Keep both"));
}

#[test]
fn store_deletes_to_recently_deleted_and_restores() {
    let store = DraftStore::in_memory(None);
    store
        .save(&draft("a1", "Ali"), &Base::default())
        .expect("saved");
    let key = now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    assert_eq!(store.load("a1"), Ok(None));
    let listing = store.list().expect("listed");
    assert_eq!(listing.drafts.len(), 0);
    assert_eq!(listing.deleted.len(), 1);
    assert_eq!(listing.deleted[0].key, key);
    assert_eq!(listing.deleted[0].deleted_on, Some(day("2026-12-01")));
    assert_eq!(now(store.restore(&key, "unused")), Ok(Restored::AsItWas));
    assert_eq!(loaded(&store, "a1").revision, 1);
    let key = now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    assert_eq!(now(store.empty_deleted(std::slice::from_ref(&key))), Ok(1));
    assert_eq!(store.list().map(|l| l.deleted.len()), Ok(0));
    assert!(matches!(
        now(store.restore(&key, "unused")),
        Err(SaveError::NotFound { .. })
    ));
}

#[test]
fn deleting_the_same_caf_twice_keeps_both_copies_and_both_come_back() {
    let store = DraftStore::in_memory(None);
    store
        .save(&draft("a1", "first version"), &Base::default())
        .expect("saved");
    let first = now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    // The same CAF comes back (imported from an older file) and is deleted again.
    store
        .save(&draft("a1", "older file"), &Base::default())
        .expect("saved");
    let second = now(store.delete("a1", day("2026-12-01"))).expect("deleted again");
    assert_ne!(first, second);
    let listing = store.list().expect("listed");
    assert_eq!(listing.deleted.len(), 2, "both deletions are kept");
    assert_eq!(now(store.restore(&first, "b2")), Ok(Restored::AsItWas));
    assert_eq!(
        now(store.restore(&second, "b2")),
        Ok(Restored::AsCopy {
            new_id: "b2".to_string()
        })
    );
    assert_eq!(loaded(&store, "a1").data.child.given_name, "first version");
    assert_eq!(loaded(&store, "b2").data.child.given_name, "older file");
    assert_eq!(store.list().map(|l| l.deleted.len()), Ok(0));
}

#[test]
fn empty_removes_exactly_the_copies_that_were_listed() {
    let store = DraftStore::in_memory(None);
    for id in ["a1", "b2"] {
        store.save(&draft(id, id), &Base::default()).expect("saved");
    }
    now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    let seen: Vec<String> = store
        .list()
        .expect("listed")
        .deleted
        .into_iter()
        .map(|d| d.key)
        .collect();
    // Another tab deletes b2 after the list was drawn.
    let later = now(store.delete("b2", day("2026-12-01"))).expect("deleted");
    assert_eq!(now(store.empty_deleted(&seen)), Ok(1));
    let left: Vec<String> = store
        .list()
        .expect("listed")
        .deleted
        .into_iter()
        .map(|d| d.key)
        .collect();
    assert_eq!(
        left,
        vec![later],
        "the copy deleted after the list was drawn stays"
    );
}

#[test]
fn deleted_copies_are_kept_30_days() {
    let deleted_on = Some(day("2026-11-01"));
    assert!(!deleted_expired(deleted_on, day("2026-11-01")));
    assert!(!deleted_expired(deleted_on, day("2026-11-30")), "day 29");
    assert!(deleted_expired(deleted_on, day("2026-12-01")), "day 30");
    assert!(deleted_expired(deleted_on, day("2027-06-01")));
    // A wrong clock (the deletion "in the future") and undated copies: kept.
    assert!(!deleted_expired(deleted_on, day("2026-10-01")));
    assert!(!deleted_expired(None, day("2030-01-01")));

    let store = DraftStore::in_memory(None);
    for (id, on) in [("old", "2026-11-01"), ("new", "2026-11-20")] {
        store.save(&draft(id, id), &Base::default()).expect("saved");
        now(store.delete(id, day(on))).expect("deleted");
    }
    assert_eq!(now(store.remove_expired(day("2026-12-01"))), Ok(1));
    let left = store.list().expect("listed").deleted;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].draft.id, "new");
}

#[test]
fn deleted_keys_name_the_draft_and_the_day() {
    let key = deleted_key("4f1c~odd", day("2026-12-01"), "tok");
    assert_eq!(
        parse_deleted_key(&key),
        Some(("4f1c~odd".to_string(), Some(day("2026-12-01"))))
    );
    // From before deletions were dated.
    assert_eq!(
        parse_deleted_key("caf.deleted.4f1c2a9e"),
        Some(("4f1c2a9e".to_string(), None))
    );
    assert_eq!(parse_deleted_key("caf.draft.4f1c2a9e"), None);
}

fn from_file(id: &str, name: &str) -> caf_lite::storage::Imported {
    caf_lite::storage::Imported {
        draft: Draft {
            revision: 0,
            ..draft(id, name)
        },
        exported_at: String::new(),
        unknown_keys: Vec::new(),
    }
}

#[test]
fn store_imports_replacing_or_keeping_both() {
    let store = DraftStore::in_memory(None);
    store
        .save(&draft("a1", "on this device"), &Base::default())
        .expect("saved");
    let open_tab = loaded(&store, "a1");
    assert_eq!(store.exists("a1"), Ok(true));
    let kept = now(store.import(
        from_file("a1", "copy"),
        ImportMode::KeepBoth {
            new_id: "b2".to_string(),
        },
        day("2026-12-01"),
    ))
    .expect("kept both");
    assert_eq!((kept.id.as_str(), kept.revision), ("b2", 1));
    assert_eq!(store.list().map(|l| l.drafts.len()), Ok(2));

    let replaced = now(store.import(
        from_file("a1", "replacement"),
        ImportMode::Replace,
        day("2026-12-01"),
    ))
    .expect("replaced");
    // Above the stored revision, so a tab still editing revision 1 gets a conflict.
    assert_eq!(replaced.revision, 2);
    assert_eq!(
        store.save(&draft("a1", "stale tab"), &base_of(&open_tab)),
        Err(SaveError::Conflict { stored_revision: 2 })
    );
}

#[test]
fn replace_on_import_can_be_undone_from_recently_deleted() {
    let store = DraftStore::in_memory(None);
    store
        .save(&draft("a1", "on this device"), &Base::default())
        .expect("saved");
    now(store.import(
        from_file("a1", "from the file"),
        ImportMode::Replace,
        day("2026-12-01"),
    ))
    .expect("replaced");
    assert_eq!(loaded(&store, "a1").data.child.given_name, "from the file");
    let deleted = store.list().expect("listed").deleted;
    assert_eq!(deleted.len(), 1, "the replaced copy is in Recently deleted");
    assert_eq!(deleted[0].draft.data.child.given_name, "on this device");
    assert_eq!(
        now(store.restore(&deleted[0].key, "c3")),
        Ok(Restored::AsCopy {
            new_id: "c3".to_string()
        })
    );
    assert_eq!(loaded(&store, "c3").data.child.given_name, "on this device");
}

#[test]
fn a_failed_replace_leaves_the_stored_copy_where_it_was() {
    let store = DraftStore::in_memory(Some(3_000));
    store
        .save(&draft("a1", "on this device"), &Base::default())
        .expect("saved");
    let before = store.raw_entry(&draft_key("a1"));
    let mut big = from_file("a1", "big");
    big.draft.data.family.notes = "x".repeat(5_000);
    assert_eq!(
        now(store.import(big, ImportMode::Replace, day("2026-12-01"))),
        Err(SaveError::QuotaExceeded)
    );
    assert_eq!(store.raw_entry(&draft_key("a1")), before);
    assert_eq!(store.list().map(|l| l.deleted.len()), Ok(0));
}

#[test]
fn a_file_without_an_id_imports_as_a_new_draft() {
    assert_eq!(import_choice("", false), ImportChoice::AsNewDraft);
    assert_eq!(import_choice("  ", true), ImportChoice::AsNewDraft);
    assert_eq!(import_choice("a1", false), ImportChoice::UnderItsId);
    assert_eq!(import_choice("a1", true), ImportChoice::Ask);
    let imported = decode_import(br#"{"format": "caf-lite.draft", "format_version": 1, "draft": {"data": {"child": {"given_name": "No id"}}}}"#)
        .expect("read");
    assert_eq!(imported.draft.id, "");
    let store = DraftStore::in_memory(None);
    let stored = now(store.import(
        imported,
        ImportMode::KeepBoth {
            new_id: "n1".to_string(),
        },
        day("2026-12-01"),
    ))
    .expect("imported");
    assert_eq!(stored.id, "n1");
    assert_eq!(loaded(&store, "n1").data.child.given_name, "No id");
}

// ---- Huge files ----

#[test]
fn a_huge_file_is_refused_by_its_size_before_it_is_read() {
    assert_eq!(check_import_size(MAX_IMPORT_BYTES), Ok(()));
    let two_gb = 2 * 1024 * 1024 * 1024;
    let err = check_import_size(two_gb).expect_err("refused");
    assert_eq!(err, ImportError::TooLarge { n_bytes: two_gb });
    assert!(err.to_string().contains("2048.0 MB"), "{err}");
}

#[test]
fn a_list_longer_than_the_cap_is_refused_by_its_path() {
    let mut file: Value =
        serde_json::from_str(&encode_export(&Draft::default(), "now")).expect("JSON");
    file["draft"]["data"]["plan"]["actions"] = Value::Array(vec![json!({}); MAX_LIST_ITEMS]);
    let at_cap = serde_json::to_vec(&file).expect("JSON");
    assert_eq!(
        decode_import(&at_cap).map(|i| i.draft.data.plan.actions.len()),
        Ok(MAX_LIST_ITEMS)
    );
    file["draft"]["data"]["plan"]["actions"] = Value::Array(vec![json!({}); MAX_LIST_ITEMS + 1]);
    let err = decode_import(&serde_json::to_vec(&file).expect("JSON")).expect_err("refused");
    assert_eq!(
        err,
        ImportError::TooManyItems {
            path: "plan.actions".to_string(),
            n_items: MAX_LIST_ITEMS + 1
        }
    );
    assert!(
        err.to_string().contains("plan.actions has 501 items"),
        "{err}"
    );
}

#[test]
fn the_unknown_keys_notice_names_at_most_10() {
    assert_eq!(unknown_keys_notice(&[]), None);
    let two = vec!["child.a".to_string(), "child.b".to_string()];
    assert_eq!(
        unknown_keys_notice(&two).as_deref(),
        Some("These parts of the file were not recognised and were left out: child.a, child.b.")
    );
    let many: Vec<String> = (0..25).map(|i| format!("child.k{i}")).collect();
    let notice = unknown_keys_notice(&many).expect("a notice");
    assert!(notice.contains("child.k9 and 15 more."), "{notice}");
    assert!(!notice.contains("child.k10"), "{notice}");
}

/// Issue 24, item 7: a file's unknown key is named in the notice shortened
/// like every other name a file gives, so one huge key cannot fill the page.
#[test]
fn an_unknown_key_is_named_shortened() {
    let mut file: Value =
        serde_json::from_slice(&fixture("unknown_keys.caf.json")).expect("the fixture is JSON");
    let huge = "k".repeat(100_000);
    file["draft"]["data"]["child"][&huge] = json!("x");
    let imported = decode_import(file.to_string().as_bytes()).expect("imported");
    let notice = unknown_keys_notice(&imported.unknown_keys).expect("a notice");
    assert!(notice.chars().count() < 600, "{} characters", notice.len());
    assert!(
        notice.contains(&format!("child.{}…", "k".repeat(54))),
        "{notice}"
    );
    assert!(notice.contains("parents[0].shoe_size"), "{notice}");

    // The same for what a file that is not a draft file says it is.
    file["format"] = json!(huge);
    let refused = decode_import(file.to_string().as_bytes()).expect_err("refused");
    let message = refused.to_string();
    assert!(message.chars().count() < 300, "{message}");
}

// ------------------------------------------------- copies and the agreement

/// A draft whose agreement is recorded (only the fingerprint matters here).
fn recorded_draft(id: &str) -> Draft {
    let mut draft = draft(id, "Zoë");
    caf_lite::domain::record_agreement(&mut draft.data, "2026-11-30T10:00:00Z");
    draft
}

#[test]
fn a_copy_beside_the_original_does_not_inherit_its_agreement() {
    // Keep both on import, and a deleted copy restored beside the original:
    // the original's agreement (perhaps withdrawn there since) stays behind,
    // in the copy's history with the original's id.
    let store = DraftStore::in_memory(None);
    store
        .save(&recorded_draft("a1"), &Base::default())
        .expect("saved");
    let mut file = from_file("a1", "copy");
    file.draft = recorded_draft("a1");
    let kept = now(store.import(
        file,
        ImportMode::KeepBoth {
            new_id: "b2".to_string(),
        },
        day("2026-12-01"),
    ))
    .expect("kept both");
    let copy = loaded(&store, &kept.id);
    assert!(copy.data.consent.recorded_fingerprint.is_empty());
    assert_eq!(copy.data.consent.history[0].copied_from, "a1");
    // The original keeps its own.
    assert!(!loaded(&store, "a1")
        .data
        .consent
        .recorded_fingerprint
        .is_empty());

    let deleted = now(store.delete("a1", day("2026-12-01"))).expect("deleted");
    store
        .save(&recorded_draft("a1"), &Base::default())
        .expect("saved again");
    assert_eq!(
        now(store.restore(&deleted, "c3")),
        Ok(Restored::AsCopy {
            new_id: "c3".to_string()
        })
    );
    let restored = loaded(&store, "c3");
    assert!(restored.data.consent.recorded_fingerprint.is_empty());
    assert_eq!(restored.data.consent.history[0].copied_from, "a1");
}

#[test]
fn a_file_with_no_id_and_a_draft_restored_as_it_was_keep_their_agreement() {
    let store = DraftStore::in_memory(None);
    let mut file = from_file("", "from a file");
    file.draft = recorded_draft("");
    let kept = now(store.import(
        file,
        ImportMode::KeepBoth {
            new_id: "d4".to_string(),
        },
        day("2026-12-01"),
    ))
    .expect("stored as new");
    assert!(!loaded(&store, &kept.id)
        .data
        .consent
        .recorded_fingerprint
        .is_empty());
    let deleted = now(store.delete("d4", day("2026-12-01"))).expect("deleted");
    assert_eq!(now(store.restore(&deleted, "e5")), Ok(Restored::AsItWas));
    assert!(!loaded(&store, "d4")
        .data
        .consent
        .recorded_fingerprint
        .is_empty());
}

#[test]
fn holds_says_whether_another_tab_has_written_since() {
    let store = DraftStore::in_memory(None);
    let saved = store
        .save(&draft("a1", "mine"), &Base::default())
        .expect("saved");
    assert_eq!(store.holds("a1", &saved.base()), Ok(true));
    // Another tab, holding the same base, saves first.
    store
        .save(&draft("a1", "theirs"), &saved.base())
        .expect("saved");
    assert_eq!(store.holds("a1", &saved.base()), Ok(false));
    // Nothing stored: nothing newer to lose.
    assert_eq!(store.holds("zz", &Base::default()), Ok(true));
}

/// Issue 24, item 7: a clock set a month ahead emptied Recently deleted for
/// good on the next visit. Copies now go only once 30 days have passed by
/// the clock and by the newest date stored when the page was opened.
#[test]
fn a_clock_set_ahead_does_not_empty_recently_deleted() {
    let store = DraftStore::in_memory(None);
    for (id, on) in [("old", "2026-10-01"), ("new", "2026-11-20")] {
        let mut saved = draft(id, id);
        saved.updated_at = format!("{on}T09:00:00Z");
        store.save(&saved, &Base::default()).expect("saved");
        now(store.delete(id, day(on))).expect("deleted");
    }
    let mut kept = draft("kept", "kept");
    kept.updated_at = "2026-11-21T16:30:00Z".into();
    store.save(&kept, &Base::default()).expect("saved");
    let newest = newest_stored_day(&store.list().expect("listed"));
    assert_eq!(newest, Some(day("2026-11-21")));

    // The clock says 2026-12-22, a month ahead of the real 2026-11-22: by it
    // both copies are 30 days old, but by what was stored only the old one.
    let wrong_today = day("2026-12-22");
    assert!(deleted_expired(Some(day("2026-11-20")), wrong_today));
    let expiry = expiry_day(wrong_today, newest);
    assert_eq!(expiry, day("2026-11-21"));
    assert_eq!(now(store.remove_expired(expiry)), Ok(1));
    let left: Vec<String> = store
        .list()
        .expect("listed")
        .deleted
        .into_iter()
        .map(|d| d.draft.id)
        .collect();
    assert_eq!(left, ["new"]);

    // A clock that is right, or behind, goes by its own day.
    assert_eq!(expiry_day(day("2026-11-22"), newest), day("2026-11-21"));
    assert_eq!(expiry_day(day("2026-11-01"), newest), day("2026-11-01"));
    assert_eq!(expiry_day(day("2026-11-01"), None), day("2026-11-01"));
    // Once a save 30 days after the deletion is stored, the copy goes.
    assert_eq!(
        expiry_day(day("2027-01-05"), Some(day("2026-12-20"))),
        day("2026-12-20")
    );
    assert!(deleted_expired(Some(day("2026-11-20")), day("2026-12-20")));
}
