//! Reviews and closing the CAF (caf-form.md §3.12): the snapshot a review
//! keeps, what closing needs, and when the next review is due.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::*;
use caf_lite::form::caf::{has_plan, is_closed, next_review_date, start_review};
use caf_lite::validate::{self, Severity};

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("test dates exist")
}

fn today() -> Date {
    date(2026, 11, 23)
}

fn plan_with_two_actions() -> Data {
    let mut data = Data::default();
    data.plan.meeting_date = DateDraft::from_date(date(2026, 6, 1));
    data.plan.next_review = DateDraft::from_date(date(2026, 8, 1));
    for (what, status) in [
        ("Weekly reading at home", "in_progress"),
        ("GP check-up", "not_started"),
    ] {
        data.plan.actions.push(ActionDraft {
            what: what.into(),
            status: status.into(),
            progress: "Started".into(),
            ..ActionDraft::default()
        });
    }
    data
}

/// The errors the checker reports at `path`.
fn errors_at(data: &Data, path: &str) -> Vec<String> {
    validate::check(data, today(), &Settings::default())
        .report
        .issues()
        .iter()
        .filter(|issue| issue.path == path && issue.severity == Severity::Error)
        .map(|issue| issue.message.clone())
        .collect()
}

#[test]
fn a_review_snapshots_every_action_as_it_stands() {
    let mut data = plan_with_two_actions();
    start_review(&mut data);
    assert_eq!(data.reviews.len(), 1);
    let snapshot = &data.reviews[0].actions;
    assert_eq!(snapshot.len(), 2);
    assert_eq!(snapshot[0].what, "Weekly reading at home");
    assert_eq!(snapshot[0].status, "in_progress");
    assert_eq!(snapshot[0].progress, "Started");
    assert_eq!(snapshot[1].status, "not_started");
    assert!(
        errors_at(&data, "reviews[0].actions").is_empty(),
        "a snapshot satisfies the rule"
    );
}

#[test]
fn changing_the_plan_after_a_review_leaves_the_review_as_recorded() {
    let mut data = plan_with_two_actions();
    start_review(&mut data);
    let recorded = data.reviews[0].clone();
    data.plan.actions[0].status = "done".into();
    data.plan.actions[0].progress = "Reading every night now".into();
    data.plan.actions[1].what = "Dentist instead".into();
    data.plan.actions.push(ActionDraft {
        what: "A new action".into(),
        ..ActionDraft::default()
    });
    data.plan.actions.remove(0);
    assert_eq!(data.reviews[0], recorded);
    // A second review sees the plan as it is now.
    start_review(&mut data);
    assert_eq!(data.reviews[1].actions.len(), 2);
    assert_eq!(data.reviews[1].actions[0].what, "Dentist instead");
    assert_eq!(data.reviews[0].actions[0].status, "in_progress");
}

#[test]
fn a_review_without_a_snapshot_is_an_error_when_the_plan_has_actions() {
    let mut data = plan_with_two_actions();
    data.reviews.push(ReviewDraft::default());
    assert!(!errors_at(&data, "reviews[0].actions").is_empty());
}

#[test]
fn closing_requires_a_reason_and_continuing_does_not() {
    let mut data = plan_with_two_actions();
    start_review(&mut data);
    data.reviews[0].date = DateDraft::from_date(date(2026, 9, 1));
    data.reviews[0].summary = "Things are better".into();
    data.reviews[0].decision = "close".into();
    let errors = errors_at(&data, "reviews[0].closure_reason");
    assert_eq!(
        errors,
        vec!["Select why the CAF is closing at review 1".to_owned()]
    );
    assert!(
        errors_at(&data, "reviews[0].next_review").is_empty(),
        "closing needs no next review"
    );
    data.reviews[0].closure_reason = "needs_met".into();
    assert!(errors_at(&data, "reviews[0].closure_reason").is_empty());
    // An unknown reason is not accepted either.
    data.reviews[0].closure_reason = "bored".into();
    assert!(!errors_at(&data, "reviews[0].closure_reason").is_empty());

    data.reviews[0].decision = "continue".into();
    data.reviews[0].closure_reason.clear();
    assert!(errors_at(&data, "reviews[0].closure_reason").is_empty());
    assert!(
        !errors_at(&data, "reviews[0].next_review").is_empty(),
        "continuing needs a next review"
    );
}

#[test]
fn the_next_review_is_the_latest_continuing_reviews_else_the_plans() {
    let mut data = plan_with_two_actions();
    assert_eq!(next_review_date(&data), Some(date(2026, 8, 1)));
    assert!(!is_closed(&data));

    start_review(&mut data);
    // Started but not decided: the plan's date still stands.
    assert_eq!(next_review_date(&data), Some(date(2026, 8, 1)));
    data.reviews[0].decision = "continue".into();
    data.reviews[0].next_review = DateDraft::from_date(date(2026, 10, 1));
    assert_eq!(next_review_date(&data), Some(date(2026, 10, 1)));

    start_review(&mut data);
    data.reviews[1].decision = "continue".into();
    data.reviews[1].next_review = DateDraft::from_date(date(2026, 12, 15));
    assert_eq!(next_review_date(&data), Some(date(2026, 12, 15)));

    // A half-typed date is no date.
    data.reviews[1].next_review.year.clear();
    assert_eq!(next_review_date(&data), None);
}

#[test]
fn the_caf_is_closed_when_its_latest_review_closes_it() {
    let mut data = plan_with_two_actions();
    start_review(&mut data);
    data.reviews[0].decision = "close".into();
    assert!(is_closed(&data));
    // Reopened by a later review that continues.
    start_review(&mut data);
    data.reviews[1].decision = "continue".into();
    assert!(!is_closed(&data));
}

#[test]
fn reviews_are_available_once_a_plan_exists() {
    let mut data = Data::default();
    assert!(!has_plan(&data));
    data.plan.meeting_date = DateDraft::from_date(date(2026, 6, 1));
    assert!(has_plan(&data));
    let mut data = Data::default();
    data.plan.actions.push(ActionDraft::default());
    assert!(has_plan(&data));
}
