//! Contributions from those who cannot come (caf-form.md §5b,
//! CONTRIBUTION-FORMAT.md): who may be asked, what a request holds, request
//! numbers, importing the answers and applying them to the plan, and the
//! files (envelopes and plain texts; the native tests cannot decrypt, the
//! end-to-end tests open the sealed fixtures in the browser).
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::agencies::Sharing;
use caf_lite::domain::contribution::*;
use caf_lite::domain::meetings::{self, REVIEW};
use caf_lite::domain::*;
use caf_lite::storage::contribution_file::*;
use caf_lite::storage::format::{decode_import, decode_stored, encode_stored};
use caf_lite::storage::locked::{self, LockedError};
use caf_lite::validate::{self, consent_status, ConsentStatus};

mod common;
use common::{complete_data, draft, recorded, today, typed};

const MEETING: &str = "m-review";
const REQUEST_ID: &str = "7c1e5a2f9b0d4e68a3f1c2d4e5f60718";

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/contribution/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
}

fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).expect("text")
}

fn status(data: &Data) -> ConsentStatus {
    let report = validate::check(data, today(), &Settings::default()).report;
    consent_status(data, &report, &[])
}

/// The complete CAF, agreement recorded, with the review of 15/12/2026
/// planned (by video, with a place and joining details that a request must
/// never hold).
fn caf() -> Draft {
    let mut data = recorded(complete_data());
    data.meetings.push(MeetingDraft {
        id: MEETING.into(),
        kind: REVIEW.into(),
        date: typed(2026, 12, 15),
        start: "10:00".into(),
        end: "11:00".into(),
        how: meetings::VIDEO.into(),
        place: "Oak Children's Centre, Room 3".into(),
        joining: "https://meet.example/zoe-review".into(),
        ..MeetingDraft::default()
    });
    draft(data)
}

/// The health visitor (Health visiting: agreed by the family).
fn health_visitor(draft: &Draft) -> TeamMemberDraft {
    draft.data.plan.team[1].clone()
}

/// A request made to the health visitor and kept, as the page does.
fn asked(draft: &mut Draft, request_id: &str) -> Request {
    let member = health_visitor(draft).id;
    let (request, kept) = make_request(draft, true, MEETING, &member, request_id.into(), today())
        .expect("may be asked");
    assert!(note_request(draft, MEETING, kept));
    request
}

fn answered(request: &Request) -> Contribution {
    let mut answers = Answers::for_request(request);
    answers.going_well = "Asleep earlier".into();
    answers.progress[0].status = "in_progress".into();
    answers.progress[0].progress = "Two sessions held".into();
    answers.new_actions.push(NewAction {
        what: "Referral to the sleep clinic".into(),
        by_when: typed(2027, 1, 8),
        how_we_know: "Appointment letter".into(),
    });
    answers.can_come = "yes".into();
    Contribution::new(request, answers, "2026-12-02T16:20:00Z")
}

#[test]
fn only_an_agency_the_family_agreed_to_may_be_asked_and_only_while_recorded() {
    let data = caf().data;
    let mut member = health_visitor(&caf());
    assert_eq!(may_ask(&data, true, &member), Ok(()));
    assert_eq!(
        may_ask(&data, false, &member),
        Err(RequestRefusal::NotRecorded)
    );
    // Case and spacing do not matter; a misspelling does.
    member.agency = "  health   VISITING ".into();
    assert_eq!(may_ask(&data, true, &member), Ok(()));
    member.agency = "Health visitng".into();
    let refused = may_ask(&data, true, &member).expect_err("not agreed");
    assert!(matches!(
        refused,
        RequestRefusal::NotShared {
            sharing: Sharing::NotNamed,
            ..
        }
    ));
    assert!(
        refused.words().contains("Health visitng"),
        "{}",
        refused.words()
    );
    // Not named at all (the lead's own school), and named as refused.
    let school = &data.plan.team[0];
    assert!(matches!(
        may_ask(&data, true, school),
        Err(RequestRefusal::NotShared { .. })
    ));
    member.agency = "Youth offending service".into();
    let refused = may_ask(&data, false, &member).expect_err("refused");
    assert!(matches!(
        refused,
        RequestRefusal::Neither {
            sharing: Sharing::Refused,
            ..
        }
    ));
    assert!(
        refused.words().contains("not recorded"),
        "{}",
        refused.words()
    );
    assert!(
        refused.words().contains("said not to share"),
        "{}",
        refused.words()
    );
}

#[test]
fn a_request_holds_only_what_the_spec_lists() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let json = encode_request(&request);
    for secret in [
        "Łukasiewicz",
        "O'Brien",
        "High Street",
        "me4 4tr",
        "ME4",
        "2018",
        "943 476 5919",
        "9434765919",
        "B801200005001",
        "Олена",
        "Ελένη",
        "Oak Children's Centre",
        "meet.example",
        // Other team members' actions and details.
        "Breakfast club",
        "Inspect the damp",
        "Morning checklist",
        "Wąsowska",
        "siobhan@example.org",
    ] {
        assert!(!json.contains(secret), "{secret} is in {json}");
    }
    assert_eq!(request.child.first_name, "Zoë");
    assert_eq!(request.child.family_initial, "Ł");
    assert_eq!(request.doc_id, "3f2a9c1e");
    assert_eq!(request.asked_by.name, "Sam Patel");
    assert_eq!(request.recipient.agency, "Health visiting");
    assert_eq!(request.meeting.date, "2026-12-15");
    assert_eq!(request.meeting.how, "video");
    let whats: Vec<&str> = request.actions.iter().map(|a| a.what.as_str()).collect();
    assert_eq!(
        whats,
        ["Bedtime routine sessions at home, one a week for six weeks"]
    );
    assert_eq!(request.questions.len(), QUESTIONS.len());
}

#[test]
fn an_action_is_theirs_by_their_name_or_their_agency() {
    let mut draft = caf();
    draft.data.plan.actions[2].who = " health VISITING".into();
    let request = asked(&mut draft, REQUEST_ID);
    assert_eq!(request.actions.len(), 2);
}

#[test]
fn the_request_fixture_is_what_the_app_makes_for_the_complete_caf() {
    let mut draft = caf();
    let made = asked(&mut draft, REQUEST_ID);
    let file = decode_request(&text("request_v1.json")).expect("the fixture reads");
    assert_eq!(file, made);
}

#[test]
fn request_numbers_never_repeat_even_after_the_meeting_is_removed() {
    let mut draft = caf();
    assert_eq!(asked(&mut draft, "r1").number, 1);
    assert_eq!(asked(&mut draft, "r2").number, 2);
    draft.data.meetings.clear();
    draft.data.meetings.push(caf().data.meetings[0].clone());
    assert_eq!(draft.requests_made, 2);
    assert_eq!(asked(&mut draft, "r3").number, 3);
    // Kept across a save and a read.
    let read = decode_stored(&encode_stored(&draft)).expect("read");
    assert_eq!(next_request_number(&read), 4);
}

#[test]
fn importing_changes_no_stamp_and_refuses_the_same_one_twice() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let before = fingerprint(&draft.data);
    assert_eq!(status(&draft.data), ConsentStatus::Recorded);

    let contribution = answered(&request);
    assert_eq!(
        import(&mut draft, false, contribution.clone()),
        Ok(Imported::New { meeting: 0 })
    );
    assert_eq!(fingerprint(&draft.data), before);
    assert_eq!(status(&draft.data), ConsentStatus::Recorded);
    assert!(unread(&draft.data));
    let held = &contributions_of(&draft.data.meetings[0])[0];
    assert_eq!(
        held.heading(),
        "From Siobhán Ní Bhriain, Health visiting, written 02/12/2026"
    );

    let unchanged = draft.clone();
    assert_eq!(
        import(&mut draft, false, contribution.clone()),
        Err(ImportRefusal::AlreadyImported)
    );
    assert_eq!(draft, unchanged);

    // Another CAF's, an unknown request, and any while withdrawn.
    let mut other = contribution.clone();
    other.caf_id = "another".into();
    other.doc_id = "anothe".into();
    let refused = import(&mut draft, false, other).expect_err("another CAF");
    assert!(refused.words().contains("anothe"));
    let mut unknown = contribution.clone();
    unknown.request_id = "never-made".into();
    assert_eq!(
        import(&mut draft, false, unknown),
        Err(ImportRefusal::UnknownRequest { number: 1 })
    );
    assert_eq!(
        import(&mut draft, true, contribution),
        Err(ImportRefusal::Withdrawn)
    );
    assert_eq!(draft, unchanged);
}

#[test]
fn a_changed_contribution_replaces_the_earlier_keeping_what_was_added_and_an_older_is_refused() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let first = answered(&request);
    import(&mut draft, false, first.clone()).expect("imported");
    add_action(&mut draft.data, 0, 0, 0, "health", "new-1".into()).expect("added");
    apply_progress(&mut draft.data, 0, 0, 0).expect("applied");

    let mut later = first.clone();
    later.written_at = "2026-12-03T09:00:00Z".into();
    later.answers.worries = "The damp".into();
    assert_eq!(
        import(&mut draft, false, later.clone()),
        Ok(Imported::Replaced { meeting: 0 })
    );
    let held = &contributions_of(&draft.data.meetings[0]);
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].answers.worries, "The damp");
    assert_eq!(held[0].added, ["new-1"]);
    assert_eq!(held[0].applied.len(), 1);

    let mut older = first;
    older.answers.worries = "Older".into();
    older.written_at = "2026-12-01T09:00:00Z".into();
    let before = draft.clone();
    assert_eq!(import(&mut draft, false, older), Err(ImportRefusal::Older));
    assert_eq!(draft, before);
}

#[test]
fn adding_a_new_action_changes_the_plan_so_the_stamp_goes_out_of_date() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    import(&mut draft, false, answered(&request)).expect("imported");
    let n = draft.data.plan.actions.len();
    add_action(&mut draft.data, 0, 0, 0, "health", "new-1".into()).expect("added");
    let action = &draft.data.plan.actions[n];
    assert_eq!(action.id, "new-1");
    assert_eq!(action.who, "Siobhán Ní Bhriain");
    assert_eq!(action.what, "Referral to the sleep clinic");
    assert_eq!(action.due, typed(2027, 1, 8));
    assert_eq!(action.outcome, "Appointment letter");
    assert_eq!(action.need, "health");
    assert_eq!(action.ecm, "be_healthy");
    assert!(matches!(status(&draft.data), ConsentStatus::OutOfDate(_)));
    // The same one again is refused, nothing changed.
    let before = draft.clone();
    assert_eq!(
        add_action(&mut draft.data, 0, 0, 0, "health", "new-2".into()),
        None
    );
    assert_eq!(draft, before);
}

#[test]
fn progress_is_applied_by_the_actions_id_whatever_their_order() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    import(&mut draft, false, answered(&request)).expect("imported");
    draft.data.plan.actions.reverse();
    apply_progress(&mut draft.data, 0, 0, 0).expect("applied");
    let action = draft
        .data
        .plan
        .actions
        .iter()
        .find(|a| a.id == request.actions[0].id)
        .expect("the action");
    assert_eq!(action.status, "in_progress");
    assert_eq!(action.progress, "Two sessions held");
    assert!(matches!(status(&draft.data), ConsentStatus::OutOfDate(_)));
    assert_eq!(apply_progress(&mut draft.data, 0, 0, 0), None);
}

#[test]
fn the_plain_formats_round_trip_and_refuse_what_they_must() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let contribution = answered(&request);
    assert_eq!(
        decode_request(&encode_request(&request)),
        Ok(request.clone())
    );
    assert_eq!(
        decode_contribution(&encode_contribution(&contribution)),
        Ok(contribution.clone())
    );

    // A request where a contribution is expected, and the other way round.
    let wrong = decode_contribution(&encode_request(&request)).expect_err("a request");
    assert_eq!(
        wrong,
        ContributionError::WrongKind {
            expected: FileKind::Contribution,
            found: FileKind::Request
        }
    );
    assert!(wrong
        .words()
        .contains("the request you sent, not the answers"));
    let wrong = decode_request(&encode_contribution(&contribution)).expect_err("answers");
    assert!(wrong.words().contains("not a request"), "{}", wrong.words());

    // Newer, damaged, too long, too many.
    let newer = decode_contribution(&text("contribution_v2_future.json")).expect_err("newer");
    assert_eq!(newer, ContributionError::NewerVersion { found: 2 });
    assert!(newer.words().contains("newer version of CAF Lite"));
    for bad in ["not json", "[]", r#"{"format":"caf-lite.contribution"}"#] {
        assert!(
            matches!(
                decode_contribution(bad),
                Err(ContributionError::Damaged { .. })
            ),
            "{bad}"
        );
    }
    let mut long = contribution.clone();
    long.answers.worries = "x".repeat(MAX_TEXT_CHARS + 1);
    assert!(matches!(
        decode_contribution(&encode_contribution(&long)),
        Err(ContributionError::Damaged { .. })
    ));
    let mut many = contribution.clone();
    many.answers.new_actions = vec![NewAction::default(); MAX_LIST_ITEMS + 1];
    assert!(matches!(
        decode_contribution(&encode_contribution(&many)),
        Err(ContributionError::Damaged { .. })
    ));
    let mut typed_wrong: serde_json::Value =
        serde_json::from_str(&encode_contribution(&contribution)).expect("JSON");
    typed_wrong["number"] = "one".into();
    assert!(matches!(
        decode_contribution(&typed_wrong.to_string()),
        Err(ContributionError::Damaged { .. })
    ));
}

#[test]
fn the_contribution_fixture_imports_into_the_caf_that_asked() {
    let mut draft = caf();
    asked(&mut draft, REQUEST_ID);
    let contribution = decode_contribution(&text("contribution_v1.json")).expect("reads");
    assert_eq!(contribution.doc_id, "3f2a9c1e");
    assert_eq!(
        import(&mut draft, false, contribution),
        Ok(Imported::New { meeting: 0 })
    );
    let held = &contributions_of(&draft.data.meetings[0])[0];
    assert_eq!(held.answers.new_actions[0].by_when, typed(2027, 1, 8));
    assert_eq!(held.answers.can_come, "yes");
}

#[test]
fn the_sealed_fixtures_are_known_by_their_envelope_without_opening_them() {
    let request = fixture("request_v1.caf-request");
    let contribution = fixture("contribution_v1.caf-contribution");
    assert_eq!(file_kind(&request), FileKind::Request);
    assert_eq!(file_kind(&contribution), FileKind::Contribution);
    // The plain text is only ever sealed: a plain file is not one the app made.
    assert_eq!(file_kind(&fixture("request_v1.json")), FileKind::Other);
    let draft_file = std::fs::read(format!(
        "{}/tests/fixtures/import/draft_v2.caf.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("draft file");
    assert_eq!(file_kind(&draft_file), FileKind::DraftFile);
    let locked_file = std::fs::read(format!(
        "{}/tests/fixtures/locked/file_v1.caf.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("locked file");
    assert_eq!(file_kind(&locked_file), FileKind::LockedDraftFile);
    assert_eq!(file_kind(b"%PDF-1.7"), FileKind::Other);
    assert!(FileKind::Request
        .not_a_contribution()
        .is_some_and(|w| w.contains("the request you sent")));
    assert!(FileKind::DraftFile
        .not_a_contribution()
        .is_some_and(|w| w.contains("a draft file, not a contribution")));
    assert!(FileKind::Other
        .not_a_contribution()
        .is_some_and(|w| w.contains("not a contribution file")));
    assert_eq!(FileKind::Contribution.not_a_contribution(), None);

    // The contribution is sealed with the request's salt and iterations.
    let request = decode_request_file(&request).expect("envelope");
    let answers = decode_contribution_file(&contribution).expect("envelope");
    assert_eq!(answers.salt, request.salt);
    assert_eq!(answers.iterations, locked::PBKDF2_ITERATIONS);
    assert_ne!(answers.sealed.nonce, request.sealed.nonce);
    assert_eq!(
        contribution_envelope(&request, answers.sealed.clone()),
        answers
    );
    // What the app writes reads back as the fixture.
    assert_eq!(
        decode_contribution_file(encode_contribution_file(&answers).as_bytes()),
        Ok(answers)
    );
    // The damaged one's envelope reads (only opening it fails); a newer
    // envelope is refused before the passphrase is asked for.
    assert!(decode_contribution_file(&fixture("contribution_damaged.caf-contribution")).is_ok());
    assert_eq!(
        decode_contribution_file(&fixture("contribution_envelope_v2_future.caf-contribution")),
        Err(LockedError::NewerVersion { found: 2 })
    );
    assert!(decode_request_file(&fixture("contribution_v1.caf-contribution")).is_err());
}

#[test]
fn a_held_request_keeps_only_the_doc_id_number_and_expiry_in_the_clear() {
    let file = decode_request_file(&fixture("request_v1.caf-request")).expect("envelope");
    let held = HeldRequest {
        doc_id: "3f2a9c1e".into(),
        number: 1,
        expires: expires_on(today()),
        file,
        answers: Some(locked::Sealed {
            nonce: vec![5; locked::NONCE_BYTES],
            ciphertext: vec![6; 64],
        }),
    };
    let stored = encode_held(&held);
    assert_eq!(decode_held(&stored), Ok(held.clone()));
    let value: serde_json::Value = serde_json::from_str(&stored).expect("JSON");
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "answers",
            "answers_nonce",
            "doc_id",
            "expires",
            "file",
            "format",
            "number",
            "version"
        ]
    );
    assert_eq!(value["format"], HELD_FORMAT);
    assert_eq!(value["expires"], "2026-12-23");
    assert!(!stored.contains("Zoë") && !stored.contains("Siobhán"));
    assert!(held_key(REQUEST_ID).starts_with("caf.contribution."));
    assert_eq!(
        held_answers_associated_data("r1"),
        b"caf-lite.held-answers 1\nr1"
    );
    assert!(!is_expired(&held.expires, today().add_days(HELD_DAYS)));
    assert!(is_expired(&held.expires, today().add_days(HELD_DAYS + 1)));
    let sealed = HeldAnswers {
        answers: Answers::default(),
        saved_digest: String::new(),
    };
    assert!(!sealed.unsaved());
}

#[test]
fn a_generated_passphrase_is_long_enough_for_the_lock() {
    let mut n = 0u32;
    let mut counter = || {
        n = n.wrapping_mul(2_654_435_761).wrapping_add(1);
        n
    };
    for _ in 0..1000 {
        let phrase = passphrase::three_words(&mut counter);
        assert!(
            phrase.chars().count() >= locked::MIN_PASSPHRASE_CHARS,
            "{phrase}"
        );
        assert_eq!(locked::check_new_passphrase(&phrase, &phrase), Ok(()));
    }
}

#[test]
fn a_draft_with_requests_and_contributions_round_trips() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    import(&mut draft, false, answered(&request)).expect("imported");
    let read = decode_stored(&encode_stored(&draft)).expect("read");
    assert_eq!(read, draft);
    // The version 2 sample holds both, with every key (storage_format.rs
    // checks every key is read back).
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/import/draft_v2.caf.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("sample");
    let sample = decode_import(&bytes).expect("imported").draft;
    assert_eq!(sample.requests_made, 3);
    let meeting = &sample.data.meetings[2];
    assert_eq!(requests_of(meeting)[0].number, 3);
    assert_eq!(contributions_of(meeting)[0].added.len(), 1);
    assert_eq!(next_request_number(&sample), 4);
}

/// The stored JSON samples the first load reads drafts against
/// (`storage::format`) are written out by hand; they must name every key
/// the types write, and no other.
#[test]
fn the_stored_samples_match_the_types() {
    fn keys(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (key, inner) in fields {
                    let path = format!("{at}.{key}");
                    out.push(path.clone());
                    keys(inner, &path, out);
                }
            }
            serde_json::Value::Array(items) => {
                if let Some(first) = items.first() {
                    keys(first, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }
    let shape = |value: &serde_json::Value| {
        let mut out = Vec::new();
        keys(value, "", &mut out);
        out.sort();
        out
    };
    let full = || "x".to_owned();
    let contribution = ContributionDraft {
        from: Person {
            phone: full(),
            email: full(),
            ..Person::default()
        },
        answers: Answers {
            progress: vec![ProgressAnswer::default()],
            new_actions: vec![NewAction::default()],
            ..Answers::default()
        },
        added: vec![full()],
        applied: vec![full()],
        ..ContributionDraft::default()
    };
    assert_eq!(
        shape(&serde_json::to_value(&contribution).expect("json")),
        shape(&caf_lite::storage::format::contribution_sample())
    );
    assert_eq!(
        shape(&serde_json::to_value(RequestDraft::default()).expect("json")),
        shape(&caf_lite::storage::format::request_sample())
    );
}

fn now<T>(future: impl std::future::Future<Output = T>) -> T {
    let waker = std::task::Waker::noop();
    match std::pin::pin!(future).poll(&mut std::task::Context::from_waker(waker)) {
        std::task::Poll::Ready(value) => value,
        std::task::Poll::Pending => panic!("an in-memory store's move waited"),
    }
}

/// An older copy of the CAF imported over this device's (Replace) keeps
/// counting from the numbers used here: a request number never repeats.
#[test]
fn request_numbers_never_repeat_after_an_older_file_replaces_the_draft() {
    use caf_lite::storage::{Base, DraftStore, ImportMode, Imported};
    let store = DraftStore::in_memory(None);
    let mut older = caf();
    asked(&mut older, "request-one");
    let mut newer = older.clone();
    asked(&mut newer, "request-two");
    assert_eq!(next_request_number(&newer), 3);
    store.save(&newer, &Base::default()).expect("saved");
    let replaced = now(store.import(
        Imported {
            draft: older.clone(),
            exported_at: String::new(),
            unknown_keys: Vec::new(),
        },
        ImportMode::Replace,
        today(),
    ))
    .expect("imported");
    assert_eq!(
        next_request_number(&older),
        2,
        "the file alone would reuse 2"
    );
    assert_eq!(next_request_number(&replaced), 3);
}

/// The number, the member and the actions come from the request this CAF
/// made, never from the file: a contribution naming another member is
/// refused, and progress on an action the request did not ask about is
/// not taken.
#[test]
fn import_trusts_the_request_not_the_file() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let other_action = draft
        .data
        .plan
        .actions
        .iter()
        .find(|a| !request.actions.iter().any(|r| r.id == a.id))
        .expect("an action not asked about")
        .id
        .clone();
    let mut forged = answered(&request);
    forged.member_id = "someone-else".into();
    let before = draft.clone();
    assert!(matches!(
        import(&mut draft, false, forged),
        Err(ImportRefusal::UnknownRequest { .. })
    ));
    assert_eq!(draft, before);

    let mut contribution = answered(&request);
    contribution.number = u64::MAX;
    contribution.answers.progress.push(ProgressAnswer {
        action: other_action.clone(),
        what: "Not theirs".into(),
        status: "done".into(),
        progress: "Closed".into(),
    });
    import(&mut draft, false, contribution).expect("imported");
    let held = &contributions_of(&draft.data.meetings[0])[0];
    assert_eq!(held.number, request.number);
    assert!(held
        .answers
        .progress
        .iter()
        .all(|p| p.action != other_action));
    assert_eq!(next_request_number(&draft), request.number + 1);
}

/// Two identical new actions: after a later version replaces the first,
/// the one added stays added and the other can still be added.
#[test]
fn identical_new_actions_stay_apart_when_a_contribution_is_replaced() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let mut first = answered(&request);
    let same = first.answers.new_actions[0].clone();
    first.answers.new_actions.push(same);
    import(&mut draft, false, first.clone()).expect("imported");
    add_action(&mut draft.data, 0, 0, 0, "health", "new-1".into()).expect("added");
    let mut later = first;
    later.written_at = "2026-12-03T09:00:00Z".into();
    later.answers.worries = "Changed".into();
    import(&mut draft, false, later).expect("replaced");
    let held = &contributions_of(&draft.data.meetings[0])[0];
    assert_eq!(held.added, ["new-1", ""]);
    add_action(&mut draft.data, 0, 0, 1, "health", "new-2".into()).expect("the second");
}

/// A progress line that says nothing is not "applied".
#[test]
fn an_empty_progress_line_is_not_applied() {
    let mut draft = caf();
    let request = asked(&mut draft, REQUEST_ID);
    let mut contribution = answered(&request);
    contribution.answers.progress[0].status.clear();
    contribution.answers.progress[0].progress.clear();
    import(&mut draft, false, contribution).expect("imported");
    let before = draft.data.plan.actions.clone();
    assert_eq!(apply_progress(&mut draft.data, 0, 0, 0), None);
    assert_eq!(draft.data.plan.actions, before);
    assert!(contributions_of(&draft.data.meetings[0])[0]
        .applied
        .is_empty());
}

/// Kept no longer than 30 days, even when the day it names is further off
/// (a wrong clock when it was first opened); a file larger than any the app
/// makes is refused before it is read.
#[test]
fn a_held_request_goes_by_its_day_and_a_huge_file_is_refused_unread() {
    let day = today();
    assert!(!is_expired(&expires_on(day), day));
    assert!(is_expired(&day.add_days(-1).iso(), day));
    assert!(is_expired(&day.add_days(HELD_DAYS + 1).iso(), day));
    let huge = vec![b' '; MAX_FILE_BYTES + 1];
    assert!(matches!(
        decode_contribution_file(&huge),
        Err(LockedError::Damaged { .. })
    ));
    assert!(matches!(
        decode_request_file(&huge),
        Err(LockedError::Damaged { .. })
    ));
}
