//! Issue 24, item 6: an answer to a question that an earlier answer now
//! hides (`Field::is_shown`, per list item) is kept as typed but not checked
//! (no needed, choice, length, format or cross-answer error), does not count
//! towards a step's progress, and does not block recording the agreement.
//! It is checked again as soon as the question shows.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::*;
use caf_lite::form::Step;
use caf_lite::validate::{
    self, check_fields, consent_status, step_status, ConsentStatus, Report, StepStatus,
};

mod common;
use common::{complete_data, complete_review, today, typed};

fn report(data: &Data) -> Report {
    validate::check(data, today(), &Settings::default()).report
}

fn errors_at(report: &Report, path: &str) -> Vec<String> {
    report
        .for_path(path)
        .filter(|issue| issue.severity == validate::Severity::Error)
        .map(|issue| issue.message.clone())
        .collect()
}

/// The step is Completed, the report has no error, and the agreement,
/// recorded now, is RECORDED.
#[track_caller]
fn clean_and_recordable(data: &Data, step: Step) {
    let report = report(data);
    assert!(!report.has_errors(), "{:#?}", report.issues());
    let mut recorded = data.clone();
    record_agreement(&mut recorded, "2026-11-23T10:00:00Z");
    let report = self::report(&recorded);
    assert_eq!(
        consent_status(&recorded, &report, &[]),
        ConsentStatus::Recorded
    );
    assert_eq!(
        step_status(step, &recorded, &report, &[], true),
        StepStatus::Completed
    );
}

#[test]
fn an_over_long_answer_to_a_hidden_question_is_kept_and_not_checked() {
    let mut data = complete_data();
    data.child.disability = "yes".into();
    data.child.disability_details = "é".repeat(501);
    let shown = report(&data);
    assert_eq!(
        errors_at(&shown, "child.disability_details").len(),
        1,
        "{:#?}",
        shown.issues()
    );
    assert_eq!(
        step_status(Step::Child, &data, &shown, &[], true),
        StepStatus::HasErrors
    );

    // "No" hides the details: the answer stays as typed, unchecked.
    data.child.disability = "no".into();
    clean_and_recordable(&data, Step::Child);
    assert_eq!(data.child.disability_details.chars().count(), 501);

    // "Yes" again shows it, and the error is back.
    data.child.disability = "yes".into();
    let back = report(&data);
    assert_eq!(errors_at(&back, "child.disability_details").len(), 1);
    assert_eq!(
        step_status(Step::Child, &data, &back, &[], true),
        StepStatus::HasErrors
    );
}

#[test]
fn an_invalid_date_of_birth_hidden_by_unborn_is_not_checked() {
    let mut data = complete_data();
    data.child.date_of_birth = DateDraft {
        day: "31".into(),
        month: "2".into(),
        year: "20".into(),
    };
    assert!(!errors_at(&report(&data), "child.date_of_birth").is_empty());

    data.child.unborn = true;
    data.child.expected_date = typed(2027, 1, 10);
    clean_and_recordable(&data, Step::Child);

    data.child.unborn = false;
    assert!(!errors_at(&report(&data), "child.date_of_birth").is_empty());
}

#[test]
fn a_hidden_date_is_not_checked_against_other_dates() {
    // An expected date left behind when the baby is born: in the past and
    // a bad date are both unchecked while the date of birth shows.
    let mut data = complete_data();
    data.child.expected_date = DateDraft {
        day: "40".into(),
        month: "1".into(),
        year: "2026".into(),
    };
    clean_and_recordable(&data, Step::Child);
    data.child.unborn = true;
    assert!(!errors_at(&report(&data), "child.expected_date").is_empty());
}

#[test]
fn a_hidden_list_item_field_is_not_checked_but_a_shown_one_is() {
    let mut data = complete_data();
    let mut continuing = complete_review();
    continuing.decision = "continue".into();
    // The review continues: its closing reason and notes are hidden, so a
    // reason that is not one of the choices and over-long notes are kept.
    continuing.closure_reason = "not a reason".into();
    continuing.closure_notes = "a".repeat(1001);
    // Its next review shows, before the review itself: a cross-answer error.
    continuing.next_review = continuing.date.clone();
    data.reviews = vec![continuing.clone(), continuing.clone()];
    data.reviews[1].decision = "close".into();
    data.reviews[1].next_review = DateDraft::default();
    let report = report(&data);
    assert!(errors_at(&report, "reviews[0].closure_reason").is_empty());
    assert!(errors_at(&report, "reviews[0].closure_notes").is_empty());
    assert!(!errors_at(&report, "reviews[0].next_review").is_empty());
    assert!(!errors_at(&report, "reviews[1].closure_reason").is_empty());
    assert!(!errors_at(&report, "reviews[1].closure_notes").is_empty());
    // Review 2 closes: its next review is hidden, so a date before the
    // review itself (a rule that spans answers) is not reported.
    data.reviews[1].next_review = data.reviews[1].date.clone();
    data.reviews[1].closure_reason = "needs_met".into();
    data.reviews[1].closure_notes = String::new();
    data.reviews[0].next_review = DateDraft::default();
    data.reviews[0].decision = "close".into();
    data.reviews[0].closure_reason = "needs_met".into();
    data.reviews[0].closure_notes = String::new();
    let report = self::report(&data);
    assert!(
        errors_at(&report, "reviews[1].next_review").is_empty(),
        "{:#?}",
        report.issues()
    );

    // check_fields, the pass the review editor uses, agrees item by item.
    let fields: Vec<_> = caf_lite::form::caf::REVIEW_FIELDS.iter().collect();
    let one = check_fields(&fields, 1, &data, today(), &Settings::default());
    assert!(one.for_path("reviews[1].next_review").next().is_none());
}

#[test]
fn a_signature_hidden_by_the_method_is_not_checked() {
    let mut data = complete_data();
    data.consent.method = "signed_on_screen".into();
    data.consent.signature = "data:image/png;base64,bm90IGEgcG5n".into();
    assert!(!errors_at(&report(&data), "consent.signature").is_empty());
    data.consent.method = "verbal_in_person".into();
    clean_and_recordable(&data, Step::Consent);
}

#[test]
fn a_hidden_answer_alone_does_not_start_a_step() {
    let mut data = Data::default();
    data.child.disability_details = "Left from before".into();
    let report = report(&data);
    assert_eq!(
        step_status(Step::Child, &data, &report, &[], false),
        StepStatus::NotStarted
    );
    data.child.disability = "yes".into();
    let report = self::report(&data);
    assert_ne!(
        step_status(Step::Child, &data, &report, &[], false),
        StepStatus::NotStarted
    );
}
