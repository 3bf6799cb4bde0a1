//! Issue 25's measure: a question added as a table entry alone reaches
//! every surface. The `test-form` feature (never in the release page or the
//! PDF worker) adds three questions to the table, `form::caf::test_form`,
//! each with nothing but its entry, its place (in `blocks`, or in its list)
//! and its data field:
//!
//! - on the plan step, the interpreter's phone number: shown only when an
//!   interpreter is needed, then needed, and a phone number;
//! - on the consent step, who else may have a copy of the plan: one of the
//!   terms agreed, in the consent box of the PDF;
//! - in a review's record of the plan's actions (a list inside a list
//!   item, `reviews[i].actions[j]`), how the team knows a done action is
//!   done: shown only for a done action, then needed.
//!
//! For each: the step's fields (what the page renders from), Check answers
//! (`form::answer::step_answers`; the reviews page for the review's), the
//! checks (needed only when shown; a hidden invalid answer does not block
//! RECORDED), the CAF PDF read back with pdftotext, and the stamp (an edit
//! puts RECORDED OUT OF DATE). `tests/one_place.rs` covers the rest of a
//! question's facts (limits, choices, the stored format).
//!
//! Run: `cargo test --features test-form --test measure` (`.ci/test` does).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use caf_lite::domain::*;
use caf_lite::form::answer::{answer, step_answers};
use caf_lite::form::caf::{self, test_form};
use caf_lite::form::{At, Block, Field, Step};
use caf_lite::pdf::render;
use caf_lite::print::caf_pdf;
use caf_lite::validate::{self, consent_status, ConsentStatus, Report};
use common::{complete_data, complete_review, draft, poppler, today};

/// The complete CAF with the test-only consent question answered too (it
/// is needed, and only this feature has it).
fn complete() -> Data {
    let mut data = complete_data();
    data.consent.copy_to = "The child's grandmother".into();
    data
}

fn report(data: &Data) -> Report {
    validate::check(data, today(), &Settings::default()).report
}

/// The issues at `path`, as messages.
fn issues_at(data: &Data, path: &str) -> Vec<String> {
    report(data)
        .issues()
        .iter()
        .filter(|issue| issue.path == path)
        .map(|issue| issue.message.clone())
        .collect()
}

fn status(data: &Data) -> ConsentStatus {
    consent_status(data, &report(data), &[])
}

/// `data` with the family's agreement recorded over it as it stands.
fn recorded(mut data: Data) -> Data {
    record_agreement(&mut data, "2026-11-23T10:00:00Z");
    data
}

/// The CAF PDF of `data`, rendered and read back with pdftotext, white
/// space made single spaces.
fn pdf_text(name: &str, data: &Data) -> String {
    let draft = draft(data.clone());
    let report = report(data);
    let job = caf_pdf(
        &draft,
        &report,
        &[],
        &Settings::default(),
        "23/11/2026 10:00",
    );
    let bytes = render(&job.document).expect("the CAF renders");
    let dir = std::env::temp_dir().join("caf-lite-measure");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    let text = poppler("pdftotext", &["-enc", "UTF-8"], &path, true);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `step`'s page shows `field`: a field of its blocks (or of a list
/// there), which the page renders one `FieldView` each, and the step the
/// path says.
fn on_page(step: Step, field: &Field) -> bool {
    let listed = caf::blocks(step).iter().any(|block| match block {
        Block::Field(f) => f.path == field.path,
        Block::List(list) => list.fields.iter().any(|f| f.path == field.path),
        _ => false,
    });
    listed && Step::of_path(field.path) == Some(step)
}

fn check_answers(step: Step, data: &Data) -> Vec<(String, String)> {
    step_answers(step, data)
        .into_iter()
        .map(|row| (row.label, row.value))
        .collect()
}

fn set_text(field: &Field, data: &mut Data, at: At, value: &str) {
    let caf_lite::form::Access::Text(_, set) = field.access else {
        panic!("{} is a text question", field.path)
    };
    *set(data, at).expect("the item exists") = value.to_owned();
}

#[test]
fn a_plan_question_in_the_table_alone_reaches_every_surface() {
    let field = &test_form::PLAN_INTERPRETER_PHONE;
    let path = "plan.interpreter_phone";
    assert_eq!(field.path, path);
    assert!(on_page(Step::Plan, field), "on the plan step's page");

    // Hidden (no interpreter needed): an invalid answer is kept, but not
    // checked, listed, printed, nor in the way of RECORDED.
    let mut data = complete();
    assert!(!field.is_shown(&data, 0));
    set_text(field, &mut data, At::default(), "ring the desk");
    assert_eq!(issues_at(&data, path), Vec::<String>::new());
    let hidden = recorded(data.clone());
    assert_eq!(
        status(&hidden),
        ConsentStatus::Recorded,
        "a hidden answer never blocks RECORDED"
    );
    assert!(!check_answers(Step::Plan, &hidden)
        .iter()
        .any(|(label, _)| label == field.label));
    assert!(!pdf_text("plan-hidden", &hidden).contains("ring the desk"));

    // Shown: needed, and a phone number.
    data.child.interpreter_needed = "yes".into();
    assert!(field.is_shown(&data, 0));
    assert_eq!(
        issues_at(&data, path),
        ["Enter the interpreter's phone number with numbers only, like 01632 960 001 or +44 7700 900 982"]
    );
    assert_ne!(
        status(&recorded(data.clone())),
        ConsentStatus::Recorded,
        "its error blocks RECORDED"
    );
    set_text(field, &mut data, At::default(), "");
    assert_eq!(
        issues_at(&data, path),
        ["Enter the interpreter's phone number, like 01632 960 001"]
    );
    set_text(field, &mut data, At::default(), "01632 960004");
    assert_eq!(issues_at(&data, path), Vec::<String>::new());

    // Check answers, the PDF and the stamp.
    assert!(check_answers(Step::Plan, &data)
        .contains(&(field.label.to_owned(), "01632 960004".to_owned())));
    let mut agreed = recorded(data);
    assert_eq!(status(&agreed), ConsentStatus::Recorded);
    let text = pdf_text("plan-shown", &agreed);
    assert!(
        text.contains("Interpreter's phone number 01632 960004"),
        "{text}"
    );
    set_text(field, &mut agreed, At::default(), "01632 960005");
    assert!(
        matches!(status(&agreed), ConsentStatus::OutOfDate(_)),
        "an edit puts the stamp out of date"
    );
}

#[test]
fn a_consent_question_in_the_table_alone_reaches_every_surface() {
    let field = &test_form::CONSENT_COPY_TO;
    let path = "consent.copy_to";
    assert_eq!(field.path, path);
    assert!(on_page(Step::Consent, field), "on the consent step's page");

    // Needed: the complete CAF without it does not check, and cannot be RECORDED.
    let mut data = complete_data();
    assert_eq!(issues_at(&data, path), ["Enter who else may have a copy"]);
    assert_ne!(status(&recorded(data.clone())), ConsentStatus::Recorded);
    set_text(field, &mut data, At::default(), &"x".repeat(61));
    assert_eq!(
        issues_at(&data, path),
        ["Who else may have a copy must be 60 characters or fewer – you have 1 character too many"]
    );
    set_text(field, &mut data, At::default(), "The child's grandmother");
    assert_eq!(issues_at(&data, path), Vec::<String>::new());

    assert!(check_answers(Step::Consent, &data)
        .contains(&(field.label.to_owned(), "The child's grandmother".to_owned())));
    let mut agreed = recorded(data);
    assert_eq!(status(&agreed), ConsentStatus::Recorded);
    let text = pdf_text("consent", &agreed);
    assert!(
        text.contains("Copy of the plan to The child's grandmother"),
        "a row of the consent box, under its printed name: {text}"
    );
    set_text(field, &mut agreed, At::default(), "The child's grandfather");
    assert!(
        matches!(status(&agreed), ConsentStatus::OutOfDate(_)),
        "a term changed after recording puts the stamp out of date"
    );
}

#[test]
fn a_question_of_a_list_inside_a_list_item_reaches_every_surface() {
    let field = &test_form::REVIEW_ACTION_CHECKED_BY;
    assert_eq!(field.path, "reviews[].actions[].checked_by");
    assert!(
        caf::REVIEWS
            .lists
            .iter()
            .any(|sub| sub.fields.iter().any(|f| f.path == field.path)),
        "in the review's record of the actions, which the reviews page renders from the table"
    );
    assert_eq!(
        Step::of_path("reviews[0].actions[1].checked_by"),
        Some(Step::Reviews)
    );

    let mut data = complete();
    let mut review = complete_review();
    review.actions.push(review.actions[0].clone());
    data.reviews.push(review);
    let at = At::sub(0, 1);
    let path = "reviews[0].actions[1].checked_by";

    // Hidden (the action is not done): an invalid answer is not checked,
    // shown or printed, and RECORDED holds.
    assert!(!field.is_shown(&data, at));
    set_text(field, &mut data, at, &"y".repeat(201));
    assert_eq!(issues_at(&data, path), Vec::<String>::new());
    let hidden = recorded(data.clone());
    assert_eq!(
        status(&hidden),
        ConsentStatus::Recorded,
        "a hidden answer never blocks RECORDED"
    );
    assert_eq!(answer(field, &hidden, at), None);
    assert!(!pdf_text("review-hidden", &hidden).contains("yyyy"));

    // Shown for a done action: needed, within its limit, for that action only.
    data.reviews[0].actions[1].status = "done".into();
    assert!(field.is_shown(&data, at) && !field.is_shown(&data, At::sub(0, 0)));
    assert_eq!(
        issues_at(&data, path),
        ["How we know a done action is done at review 1 must be 200 characters or fewer – you have 1 character too many"]
    );
    assert_ne!(
        status(&recorded(data.clone())),
        ConsentStatus::Recorded,
        "its error blocks RECORDED"
    );
    set_text(field, &mut data, at, "");
    assert_eq!(
        issues_at(&data, path),
        ["Enter how we know a done action is done at review 1"]
    );
    set_text(field, &mut data, at, "Seen at the home visit");
    assert_eq!(issues_at(&data, path), Vec::<String>::new());

    // Shown back (the reviews page's table reads `answer`), printed in the
    // review's table under its column, and covered by the stamp.
    assert_eq!(
        answer(field, &data, at).as_deref(),
        Some("Seen at the home visit")
    );
    let mut agreed = recorded(data);
    assert_eq!(status(&agreed), ConsentStatus::Recorded);
    let text = pdf_text("review-shown", &agreed);
    assert!(text.contains("How we know"), "its column: {text}");
    assert!(text.contains("Seen at the home visit"), "{text}");
    set_text(field, &mut agreed, at, "Seen at school");
    assert!(
        matches!(status(&agreed), ConsentStatus::OutOfDate(_)),
        "an edit puts the stamp out of date"
    );
}
