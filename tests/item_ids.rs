//! Issue 25, item 8: team members and actions have a stable `id`
//! (caf-form.md §3.13), made when an item is added and, for drafts and
//! files from before ids, when they are read; ids already made never
//! change; and no id is part of the fingerprint, so a recorded agreement
//! stays RECORDED when its draft gets ids.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use caf_lite::domain::*;
use caf_lite::form::caf::{ACTIONS, TEAM};
use caf_lite::storage::format::{decode_import, decode_stored, encode_export, encode_stored};
use caf_lite::validate::{self, consent_status, ConsentStatus};
use serde_json::{json, Value};

mod common;
use common::{complete_data, draft, recorded, today};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
}

fn ids(data: &Data) -> Vec<String> {
    let team = data.plan.team.iter().map(|member| member.id.clone());
    team.chain(data.plan.actions.iter().map(|action| action.id.clone()))
        .collect()
}

/// Every id made, and no two the same.
#[track_caller]
fn assert_unique_ids(data: &Data) {
    let ids = ids(data);
    assert!(ids.iter().all(|id| !id.is_empty()), "{ids:?}");
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
}

/// `data` as it was before ids: none on any item.
fn without_ids(mut data: Data) -> Data {
    data.plan
        .team
        .iter_mut()
        .for_each(|member| member.id.clear());
    data.plan
        .actions
        .iter_mut()
        .for_each(|action| action.id.clear());
    data
}

/// `value` (a serialised draft) with every team member's and action's `id` taken out.
fn strip_ids(mut value: Value) -> Value {
    // Version 2's meetings, made from the plan and the reviews.
    if let Some(Value::Object(data)) = value.pointer_mut("/data") {
        data.remove("meetings");
    }
    for list in ["plan/team", "plan/actions", "reviews"] {
        if let Some(Value::Array(items)) = value.pointer_mut(&format!("/data/{list}")) {
            for item in items {
                if let Value::Object(fields) = item {
                    fields.remove("id");
                }
            }
        }
    }
    value
}

#[test]
fn adding_a_team_member_or_an_action_keeps_the_id_it_is_given() {
    let mut data = Data::default();
    (TEAM.add)(&mut data, "t-new".to_owned());
    (ACTIONS.add)(&mut data, "a-new".to_owned());
    assert_eq!(ids(&data), ["t-new", "a-new"]);
    // An item with only its id is still an empty item.
    assert!(TEAM.item_is_blank(&data, 0));
    assert!(ACTIONS
        .fields
        .iter()
        .all(|field| !field.path.ends_with(".id")));
}

#[test]
fn a_version_1_file_from_before_ids_opens_unchanged_with_ids_made() {
    let bytes = fixture("draft_v1.caf.json");
    let file: Value = serde_json::from_slice(&bytes).expect("JSON");
    let first = decode_import(&bytes).expect("imported");
    assert!(first.unknown_keys.is_empty(), "{:?}", first.unknown_keys);
    assert_unique_ids(&first.draft.data);
    // Every answer as it was: only the ids are new.
    let again = serde_json::to_value(&first.draft).expect("serialises");
    assert_eq!(strip_ids(again), file["draft"]);
    // The same file gives the same ids each time it is read.
    let second = decode_import(&bytes).expect("imported");
    assert_eq!(second.draft, first.draft);
    // Once written, they are kept.
    let exported = encode_export(&first.draft, "2026-12-01T10:00:00Z");
    let reread = decode_import(exported.as_bytes()).expect("own export");
    assert_eq!(ids(&reread.draft.data), ids(&first.draft.data));
}

#[test]
fn a_file_with_ids_keeps_them() {
    let with_ids = decode_import(&fixture("draft_v1_ids.caf.json")).expect("imported");
    assert!(
        with_ids.unknown_keys.is_empty(),
        "{:?}",
        with_ids.unknown_keys
    );
    assert_eq!(
        ids(&with_ids.draft.data),
        [
            "7d2e9a14-3c5b-4e86-a1f0-9b8c7d6e5f43",
            "0b6f3c52-8d1e-4f7a-b2c9-5e4d3a2f1c08"
        ]
    );
    let without = decode_import(&fixture("draft_v1.caf.json")).expect("imported");
    assert_eq!(
        without_ids(with_ids.draft.data),
        without_ids(without.draft.data)
    );
}

#[test]
fn a_repeated_or_empty_id_in_a_file_is_replaced_and_the_first_kept() {
    let mut file: Value = serde_json::from_slice(&fixture("draft_v1_ids.caf.json")).expect("JSON");
    let team = file
        .pointer_mut("/draft/data/plan/team")
        .expect("a team list");
    let member = team[0].clone();
    let mut blank = member.clone();
    blank["id"] = json!("");
    *team = json!([member, member, blank]);
    let imported = decode_import(file.to_string().as_bytes()).expect("imported");
    assert_unique_ids(&imported.draft.data);
    assert_eq!(
        imported.draft.data.plan.team[0].id,
        "7d2e9a14-3c5b-4e86-a1f0-9b8c7d6e5f43"
    );
}

#[test]
fn a_stored_draft_from_before_ids_gets_them_once_and_keeps_them() {
    // What an earlier release stored: no ids anywhere.
    let old = draft(without_ids(complete_data()));
    let stored = encode_stored(&old);
    assert!(!stored.contains("\"id\":\"team-"), "{stored}");
    let first = decode_stored(&stored).expect("read");
    assert_unique_ids(&first.data);
    assert_eq!(without_ids(first.data.clone()), old.data);
    // Read again before any save: the same ids.
    assert_eq!(decode_stored(&stored), Ok(first.clone()));
    // Saved, then read: still the same.
    let saved = encode_stored(&first);
    assert_eq!(decode_stored(&saved), Ok(first.clone()));
    // An id already made is never changed by a read.
    let mut moved = first.clone();
    moved.data.plan.team.swap(0, 2);
    moved.data.plan.actions.remove(0);
    assert_eq!(decode_stored(&encode_stored(&moved)), Ok(moved));
}

#[test]
fn a_recorded_agreement_stays_recorded_when_its_draft_gets_ids() {
    // Recorded by an earlier release, over content with no ids.
    let data = recorded(without_ids(complete_data()));
    let report = validate::check(&data, today(), &Settings::default()).report;
    assert_eq!(consent_status(&data, &report, &[]), ConsentStatus::Recorded);
    let before = fingerprint(&data);
    assert_eq!(data.consent.recorded_fingerprint, before);

    // Stored, then read by this release: every item gets an id.
    let read = decode_stored(&encode_stored(&draft(data))).expect("read");
    assert_unique_ids(&read.data);
    assert_eq!(fingerprint(&read.data), before);
    let report = validate::check(&read.data, today(), &Settings::default()).report;
    assert_eq!(
        consent_status(&read.data, &report, &[]),
        ConsentStatus::Recorded
    );

    // Other ids, as after an import elsewhere: the same fingerprint still.
    let mut other = read.data.clone();
    other.plan.team[0].id = "another".to_owned();
    assert_eq!(fingerprint(&other), before);
    // Content still counts: a changed action is out of date.
    other.plan.actions[0].what.push_str(" twice a week");
    assert_ne!(fingerprint(&other), before);
}
