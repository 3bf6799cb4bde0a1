//! Meetings (caf-form.md §3.13, draft-format.md "Version 2"): drafts and
//! files from before meetings open with their meetings made from the plan
//! and the reviews, and with the same stamp as before; nothing about a
//! meeting is part of the fingerprint.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::meetings::{self, DateSource, FIRST_TAC, HELD, REVIEW};
use caf_lite::domain::*;
use caf_lite::storage::format::{decode_import, decode_stored, encode_stored};
use caf_lite::validate::{self, consent_status, ConsentStatus};
use serde_json::Value;

mod common;
use common::{complete_data, complete_review, draft, recorded, today};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
}

fn status(data: &Data) -> ConsentStatus {
    let report = validate::check(data, today(), &Settings::default()).report;
    consent_status(data, &report, &[])
}

/// The draft as an earlier release read it: the file's `draft` object
/// taken as it is, no migration, no ids made.
fn as_written(file: &[u8]) -> Draft {
    let value: Value = serde_json::from_slice(file).expect("JSON");
    serde_json::from_value(value["draft"].clone()).expect("a draft")
}

/// `as_written`, for a file that is a draft as it is.
fn read_as_is(file: &[u8]) -> Option<Draft> {
    let value: Value = serde_json::from_slice(file).ok()?;
    serde_json::from_value(value.get("draft")?.clone()).ok()
}

/// What a release before meetings stored for `draft`: format version 1,
/// no meetings, no review ids.
fn stored_by_version_1(mut draft: Draft) -> String {
    draft.data.meetings.clear();
    draft.data.reviews.iter_mut().for_each(|r| r.id.clear());
    let mut value: Value = serde_json::from_str(&encode_stored(&draft)).expect("JSON");
    value["format_version"] = 1.into();
    value["draft"]["data"]
        .as_object_mut()
        .expect("data")
        .remove("meetings");
    value.to_string()
}

#[test]
fn a_version_1_file_gets_its_meetings_and_keeps_its_stamp() {
    let bytes = fixture("draft_v1.caf.json");
    let before = as_written(&bytes);
    let imported = decode_import(&bytes).expect("imported").draft;
    let data = &imported.data;
    assert_eq!(fingerprint(data), fingerprint(&before.data));
    assert_eq!(status(data), status(&before.data));

    // The first meeting from the plan's date, one for each review; all held.
    let kinds: Vec<&str> = data.meetings.iter().map(|m| m.kind.as_str()).collect();
    let mut expected = vec![FIRST_TAC];
    expected.extend(data.reviews.iter().map(|_| REVIEW));
    assert_eq!(kinds, expected);
    assert!(data.meetings.iter().all(|m| m.status == HELD));
    let first = &data.meetings[0];
    assert_eq!(meetings::date_source(data, first), DateSource::Plan);
    assert_eq!(meetings::date_of(data, first), &data.plan.meeting_date);
    for (i, review) in data.reviews.iter().enumerate() {
        let meeting = meetings::meeting_of_review(data, &review.id).expect("its meeting");
        assert_eq!(meetings::date_source(data, meeting), DateSource::Review(i));
        assert_eq!(meetings::date_of(data, meeting), &review.date);
    }

    // The same file read again makes the same ids.
    assert_eq!(decode_import(&bytes).expect("imported").draft, imported);
}

#[test]
fn every_importable_fixture_keeps_its_fingerprint_and_status() {
    let dir = format!("{}/tests/fixtures/import", env!("CARGO_MANIFEST_DIR"));
    let mut opened = 0;
    for entry in std::fs::read_dir(dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        // Files the reader must convert (a number for a text) have no
        // earlier reading to compare with.
        let (Ok(imported), Some(before)) = (decode_import(&bytes), read_as_is(&bytes)) else {
            continue;
        };
        let name = path.display();
        assert_eq!(
            fingerprint(&imported.draft.data),
            fingerprint(&before.data),
            "{name}"
        );
        assert_eq!(status(&imported.draft.data), status(&before.data), "{name}");
        opened += 1;
    }
    assert!(opened >= 4, "only {opened} fixtures opened");
}

#[test]
fn an_agreement_recorded_under_the_current_rule_stays_recorded_after_migration() {
    let mut data = complete_data();
    data.reviews = vec![complete_review()];
    let data = recorded(data);
    assert_eq!(status(&data), ConsentStatus::Recorded);
    let stored = stored_by_version_1(draft(data.clone()));
    assert!(!stored.contains("meetings"), "{stored}");

    let read = decode_stored(&stored).expect("read");
    assert_eq!(read.data.meetings.len(), 2);
    assert_eq!(fingerprint(&read.data), data.consent.recorded_fingerprint);
    assert_eq!(status(&read.data), ConsentStatus::Recorded);
    // Read again before its next save: the same meetings and ids.
    assert_eq!(decode_stored(&stored), Ok(read.clone()));
    // Saved by this release and read: unchanged, and not migrated twice.
    assert_eq!(decode_stored(&encode_stored(&read)), Ok(read));
}

#[test]
fn planning_a_meeting_changes_no_stamp_but_moving_the_first_one_does() {
    let mut data = complete_data();
    data.reviews = vec![complete_review()];
    let data = recorded(data);
    let read = decode_stored(&stored_by_version_1(draft(data))).expect("read");
    let mut planned = read.data.clone();
    let review = &mut planned.meetings[1];
    review.start = "10:00".into();
    review.how = meetings::VIDEO.into();
    review.joining = "Call 0113 496 0000".into();
    review.status = meetings::CANCELLED.into();
    review.decisions = "Carry on".into();
    review.calendar_sequence = 4;
    review.invited.push(InviteeDraft {
        id: "i1".into(),
        kind: meetings::INVITE_CHILD.into(),
        ..InviteeDraft::default()
    });
    planned.meetings.push(MeetingDraft {
        id: "next".into(),
        kind: REVIEW.into(),
        date: common::typed(2027, 1, 15),
        ..MeetingDraft::default()
    });
    assert_eq!(status(&planned), ConsentStatus::Recorded);

    // The first meeting's date is the plan's: moving it changes the plan.
    let mut moved = read.data.clone();
    moved.plan.meeting_date.day = "22".into();
    assert_eq!(
        meetings::date_of(&moved, &moved.meetings[0]),
        &moved.plan.meeting_date
    );
    assert!(matches!(status(&moved), ConsentStatus::OutOfDate(_)));
}

#[test]
fn a_meeting_question_typed_wrong_is_reported_and_a_blank_one_is_not() {
    use caf_lite::validate::check_meeting;
    let mut data = complete_data();
    data.meetings = vec![MeetingDraft {
        id: "m".into(),
        kind: REVIEW.into(),
        start: "25:00".into(),
        how: meetings::IN_PERSON.into(),
        place: "x".repeat(201),
        ..MeetingDraft::default()
    }];
    let report = check_meeting(&data, 0, today(), &Settings::default());
    let paths: Vec<&str> = report.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        ["meetings[0].start", "meetings[0].place"],
        "{report:?}"
    );
    // In the user's words, naming the question, never its path.
    for issue in report.issues() {
        assert!(!issue.message.contains("meetings["), "{}", issue.message);
    }
    assert!(
        report.issues()[0].message.contains("start time"),
        "{report:?}"
    );
    // Blank questions are what the buttons say is missing, not errors here;
    // and no meeting question counts towards a step.
    data.meetings[0].start.clear();
    data.meetings[0].place.clear();
    assert!(check_meeting(&data, 0, today(), &Settings::default())
        .issues()
        .is_empty());
    let whole = validate::check(&data, today(), &Settings::default()).report;
    assert!(whole
        .issues()
        .iter()
        .all(|i| !i.path.starts_with("meetings")));
}
