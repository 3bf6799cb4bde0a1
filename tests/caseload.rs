//! Working through a caseload (issue 15, caf-form.md §6): where each CAF
//! stands, the drafts page's order, closed CAFs kept longer than needed, the
//! 30-day expiry of deleted copies, and what a CAF for a brother or sister
//! copies. Every rule with a fixed "today".
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::*;
use caf_lite::form::sibling::sibling_draft;
use caf_lite::form::standing::{
    attention, caseload, may_no_longer_need, overdue_count, overdue_line, sort_by_attention,
    standing, Attention, Standing,
};
use caf_lite::storage::deleted_expired;
use caf_lite::storage::format::{decode_import, encode_export};
use caf_lite::validate::{self, consent_status, ConsentStatus};

mod common;

fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("test dates exist")
}

/// The fixed "today" of every case.
fn today() -> Date {
    date(2026, 11, 23)
}

/// A plan (one action, the first meeting held) with its first review on `next`.
fn plan(next: Date) -> Data {
    let mut data = Data::default();
    data.child.given_name = "Zoë".into();
    data.plan.meeting_date = DateDraft::from_date(date(2026, 6, 1));
    data.plan.next_review = DateDraft::from_date(next);
    data.plan.actions.push(ActionDraft {
        what: "Weekly speech sessions".into(),
        ..ActionDraft::default()
    });
    data
}

fn review(on: Date, decision: &str) -> ReviewDraft {
    ReviewDraft {
        date: DateDraft::from_date(on),
        decision: decision.into(),
        ..ReviewDraft::default()
    }
}

fn continued(mut data: Data, on: Date, next: Date) -> Data {
    data.reviews.push(ReviewDraft {
        next_review: DateDraft::from_date(next),
        ..review(on, "continue")
    });
    data
}

fn closed(mut data: Data, on: Date, reason: &str) -> Data {
    data.reviews.push(ReviewDraft {
        closure_reason: reason.into(),
        ..review(on, "close")
    });
    data
}

#[test]
fn where_each_caf_stands_and_how_much_it_needs_attention() {
    let future = date(2027, 1, 20);
    let cases: Vec<(&str, Data, Standing, Attention, &str)> = vec![
        (
            "no plan",
            Data::default(),
            Standing::InProgress,
            Attention::Rest,
            "In progress",
        ),
        (
            "a plan with a review weeks ahead",
            plan(future),
            Standing::PlanAgreed {
                next_review: Some(future),
            },
            Attention::Rest,
            "Plan agreed, next review 20/01/2027",
        ),
        (
            "a plan with no review date",
            {
                let mut data = plan(future);
                data.plan.next_review = DateDraft::default();
                data
            },
            Standing::PlanAgreed { next_review: None },
            Attention::Rest,
            "Plan agreed, no review date set",
        ),
        (
            "a review due today",
            plan(today()),
            Standing::PlanAgreed {
                next_review: Some(today()),
            },
            Attention::DueSoon,
            "Plan agreed, next review 23/11/2026",
        ),
        (
            "a review due in exactly two weeks",
            plan(date(2026, 12, 7)),
            Standing::PlanAgreed {
                next_review: Some(date(2026, 12, 7)),
            },
            Attention::DueSoon,
            "Plan agreed, next review 07/12/2026",
        ),
        (
            "a review due in two weeks and a day",
            plan(date(2026, 12, 8)),
            Standing::PlanAgreed {
                next_review: Some(date(2026, 12, 8)),
            },
            Attention::Rest,
            "Plan agreed, next review 08/12/2026",
        ),
        (
            "the first review's day has passed",
            plan(date(2026, 11, 22)),
            Standing::ReviewOverdue {
                since: date(2026, 11, 22),
            },
            Attention::Overdue,
            "Review overdue since 22/11/2026",
        ),
        (
            "a review held, the next one past",
            continued(plan(date(2026, 8, 1)), date(2026, 8, 1), date(2026, 10, 1)),
            Standing::ReviewOverdue {
                since: date(2026, 10, 1),
            },
            Attention::Overdue,
            "Review overdue since 01/10/2026",
        ),
        (
            "a review held, the next one ahead (the plan's own date is past)",
            continued(plan(date(2026, 8, 1)), date(2026, 8, 1), future),
            Standing::PlanAgreed {
                next_review: Some(future),
            },
            Attention::Rest,
            "Plan agreed, next review 20/01/2027",
        ),
        (
            "closed at its review, the old review date past",
            closed(plan(date(2026, 8, 1)), date(2026, 8, 3), "needs_met"),
            Standing::Closed {
                on: Some(date(2026, 8, 3)),
                reason: "needs have been met".into(),
            },
            Attention::Rest,
            "Closed on 03/08/2026 (needs have been met)",
        ),
        (
            "closed with no reason chosen yet",
            closed(plan(date(2026, 8, 1)), date(2026, 8, 3), ""),
            Standing::Closed {
                on: Some(date(2026, 8, 3)),
                reason: String::new(),
            },
            Attention::Rest,
            "Closed on 03/08/2026",
        ),
        (
            "reopened by a later review that continued the plan",
            continued(
                closed(plan(date(2026, 8, 1)), date(2026, 8, 3), "moved_area"),
                date(2026, 9, 1),
                date(2026, 11, 1),
            ),
            Standing::ReviewOverdue {
                since: date(2026, 11, 1),
            },
            Attention::Overdue,
            "Review overdue since 01/11/2026",
        ),
    ];
    for (case, data, expected, expected_attention, words) in cases {
        let found = standing(&data, today());
        assert_eq!(found, expected, "{case}");
        assert_eq!(attention(&found, today()), expected_attention, "{case}");
        assert_eq!(found.words(), words, "{case}");
    }
}

fn listed(id: &str, data: Data, updated_at: &str) -> Draft {
    Draft {
        id: id.into(),
        updated_at: updated_at.into(),
        data,
        ..Draft::default()
    }
}

#[test]
fn overdue_reviews_come_first_then_reviews_due_soon_then_the_rest_by_last_saved() {
    let mut drafts = vec![
        listed("new-yesterday", Data::default(), "2026-11-22T09:00:00Z"),
        listed("new-today", Data::default(), "2026-11-23T09:00:00Z"),
        listed(
            "due-in-10-days",
            plan(date(2026, 12, 3)),
            "2026-10-01T09:00:00Z",
        ),
        listed(
            "due-in-3-days",
            plan(date(2026, 11, 26)),
            "2026-09-01T09:00:00Z",
        ),
        listed(
            "overdue-a-day",
            plan(date(2026, 11, 22)),
            "2026-11-20T09:00:00Z",
        ),
        listed(
            "overdue-a-month",
            plan(date(2026, 10, 23)),
            "2026-08-01T09:00:00Z",
        ),
        listed(
            "closed-last-week",
            closed(plan(date(2026, 8, 1)), date(2026, 11, 16), "needs_met"),
            "2026-11-16T09:00:00Z",
        ),
        listed(
            "review-far-ahead",
            plan(date(2027, 3, 1)),
            "2026-11-01T09:00:00Z",
        ),
    ];
    sort_by_attention(&mut drafts, today());
    let order: Vec<&str> = drafts.iter().map(|draft| draft.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "overdue-a-month",
            "overdue-a-day",
            "due-in-3-days",
            "due-in-10-days",
            "new-today",
            "new-yesterday",
            "closed-last-week",
            "review-far-ahead",
        ]
    );
    assert_eq!(overdue_count(&drafts, today()), 2);
    assert_eq!(overdue_line(2).as_deref(), Some("2 reviews are overdue"));
    assert_eq!(overdue_line(1).as_deref(), Some("1 review is overdue"));
    assert_eq!(overdue_line(0), None);
}

#[test]
fn a_caf_closed_more_than_the_retention_period_ago_may_no_longer_be_needed() {
    let closed_on = |on: Date| standing(&closed(plan(date(2026, 1, 1)), on, "needs_met"), today());
    // Six months (the default) after 23/05/2026 is 23/11/2026, today: not yet more.
    assert!(!may_no_longer_need(
        &closed_on(date(2026, 5, 23)),
        today(),
        6
    ));
    assert!(may_no_longer_need(
        &closed_on(date(2026, 5, 22)),
        today(),
        6
    ));
    assert!(may_no_longer_need(&closed_on(date(2025, 1, 1)), today(), 6));
    // A council that keeps closed CAFs for a year.
    assert!(!may_no_longer_need(
        &closed_on(date(2026, 5, 22)),
        today(),
        12
    ));
    assert!(may_no_longer_need(
        &closed_on(date(2025, 11, 22)),
        today(),
        12
    ));
    // Not closed, reopened, or closed on a day that is not a date: never listed.
    let old = date(2025, 1, 1);
    assert!(!may_no_longer_need(
        &standing(&plan(old), today()),
        today(),
        6
    ));
    let reopened = continued(closed(plan(old), old, "needs_met"), date(2025, 2, 1), old);
    assert!(!may_no_longer_need(
        &standing(&reopened, today()),
        today(),
        6
    ));
    let mut undated = closed(plan(old), old, "needs_met");
    undated.reviews[0].date.day = "31".into();
    undated.reviews[0].date.month = "2".into();
    assert!(!may_no_longer_need(
        &standing(&undated, today()),
        today(),
        6
    ));
    assert_eq!(
        Settings::default().retention_months_after_closure,
        6,
        "caf-form.md §6: more than 6 months ago"
    );
}

#[test]
fn closed_cafs_kept_too_long_are_listed_apart_oldest_first() {
    let drafts = vec![
        listed("open", plan(date(2027, 1, 1)), "2026-11-01T09:00:00Z"),
        listed(
            "closed-recently",
            closed(plan(date(2026, 1, 1)), date(2026, 10, 1), "needs_met"),
            "2026-10-01T09:00:00Z",
        ),
        listed(
            "closed-a-year-ago",
            closed(plan(date(2025, 1, 1)), date(2025, 11, 1), "needs_met"),
            "2025-11-01T09:00:00Z",
        ),
        listed(
            "closed-two-years-ago",
            closed(plan(date(2024, 1, 1)), date(2024, 11, 1), "moved_area"),
            "2026-11-20T09:00:00Z",
        ),
    ];
    let (current, old) = caseload(drafts, today(), 6);
    let ids = |drafts: &[Draft]| drafts.iter().map(|d| d.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&current), ["open", "closed-recently"]);
    assert_eq!(ids(&old), ["closed-two-years-ago", "closed-a-year-ago"]);
}

#[test]
fn a_deleted_copy_is_removed_on_its_thirtieth_day() {
    let deleted_on = Some(date(2026, 10, 24));
    assert!(!deleted_expired(deleted_on, date(2026, 11, 22)), "day 29");
    assert!(deleted_expired(deleted_on, today()), "day 30");
    assert!(!deleted_expired(None, today()), "an undated copy is kept");
}

#[test]
fn a_caf_for_a_brother_or_sister_copies_the_family_and_nothing_about_the_child() {
    let mut source = common::draft(common::recorded(common::complete_data()));
    source.data.reviews.push(common::complete_review());
    source.data.household.push(HouseholdMemberDraft {
        name: "Tom Łukasiewicz".into(),
        relationship: "Brother".into(),
        ..HouseholdMemberDraft::default()
    });
    source.data.family.notes = "Dad works nights.".into();
    source.data.services.push(ServiceDraft {
        service: "Health visiting".into(),
        ..ServiceDraft::default()
    });
    source.last_pdf_fingerprint = "3fa1c09b7d2e44a0".into();
    source.version = 3;
    let now = "2026-11-23T10:00:00Z";
    let sibling = sibling_draft(&source, "new-id".into(), now);

    assert_eq!(sibling.id, "new-id");
    assert_eq!(sibling.created_at, now);
    assert_eq!(sibling.version, 1);
    assert_eq!(sibling.last_pdf_fingerprint, "");
    assert_eq!(sibling.family_copied_from.draft_id, source.id);
    assert_eq!(sibling.family_copied_from.copied_at, now);
    // Copied.
    let (to, from) = (&sibling.data, &source.data);
    assert!(!from.parents.is_empty() && !from.assessor.name.is_empty());
    assert_eq!(to.parents, from.parents);
    assert_eq!(to.household, from.household);
    assert_eq!(to.family, from.family);
    assert_eq!(to.assessor, from.assessor);
    assert_eq!(to.services, from.services);
    // Not copied: the rest is exactly as in a new draft.
    let copied_only = Data {
        parents: to.parents.clone(),
        household: to.household.clone(),
        family: to.family.clone(),
        assessor: to.assessor.clone(),
        services: to.services.clone(),
        ..Data::default()
    };
    assert_eq!(*to, copied_only);
    assert_eq!(to.child, ChildDraft::default());
    assert!(to.reviews.is_empty() && to.plan == PlanDraft::default());
    // Each CAF keeps its own consent.
    let report = validate::check(to, today(), &Settings::default()).report;
    assert_eq!(consent_status(to, &report, &[]), ConsentStatus::NotRecorded);
    let source_report = validate::check(from, today(), &Settings::default()).report;
    assert_ne!(
        consent_status(from, &source_report, &[]),
        ConsentStatus::NotRecorded
    );
}

#[test]
fn the_import_and_sibling_notes_travel_in_a_draft_file_and_are_absent_when_empty() {
    let plain = common::draft(common::complete_data());
    let text = encode_export(&plain, "2026-11-23T10:00:00Z");
    assert!(!text.contains("imported_at") && !text.contains("family_copied_from"));

    let noted = Draft {
        imported_at: "2026-11-23T09:00:00Z".into(),
        family_copied_from: CopiedFrom {
            draft_id: "4f1c2a9e-5d0b-4c47-9a51-3e2f7b8c6d10".into(),
            copied_at: "2026-11-20T09:00:00Z".into(),
        },
        ..plain
    };
    let imported = decode_import(encode_export(&noted, "2026-11-23T10:00:00Z").as_bytes())
        .expect("a file the app wrote imports");
    assert_eq!(imported.unknown_keys, Vec::<String>::new());
    assert_eq!(imported.draft, noted);
}
