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

/// A question of the measure at one place (`at`, its path there).
struct Asked<'a> {
    field: &'a Field,
    at: At,
    path: &'a str,
}

impl Asked<'_> {
    fn set(&self, data: &mut Data, value: &str) {
        set_text(self.field, data, self.at, value);
    }

    /// Shown: `invalid` is reported as `invalid_says` and blocks RECORDED,
    /// a blank answer is reported as `missing_says`, `valid` checks clean.
    fn is_checked(
        &self,
        data: &mut Data,
        (invalid, invalid_says): (&str, &str),
        missing_says: &str,
        valid: &str,
    ) {
        assert!(self.field.is_shown(data, self.at));
        self.set(data, invalid);
        assert_eq!(issues_at(data, self.path), [invalid_says]);
        assert_ne!(
            status(&recorded(data.clone())),
            ConsentStatus::Recorded,
            "its error blocks RECORDED"
        );
        self.set(data, "");
        assert_eq!(issues_at(data, self.path), [missing_says]);
        self.set(data, valid);
        assert_eq!(issues_at(data, self.path), Vec::<String>::new());
    }

    /// Hidden: `invalid` is kept but not checked, shown back nor printed,
    /// and the agreement recorded over it is RECORDED.
    fn is_ignored_while_hidden(&self, data: &mut Data, invalid: &str, name: &str) {
        assert!(!self.field.is_shown(data, self.at));
        self.set(data, invalid);
        assert_eq!(issues_at(data, self.path), Vec::<String>::new());
        let hidden = recorded(data.clone());
        assert_eq!(
            status(&hidden),
            ConsentStatus::Recorded,
            "a hidden answer never blocks RECORDED"
        );
        assert_eq!(
            answer(self.field, &hidden, self.at),
            None,
            "never shown back"
        );
        assert!(!pdf_text(name, &hidden).contains(invalid), "never printed");
    }

    /// Recorded over `data`, the CAF PDF holds `printed`; an edit to the
    /// answer then puts the stamp OUT OF DATE.
    fn is_printed_and_stamped(&self, data: Data, name: &str, printed: &str) {
        let mut agreed = recorded(data);
        assert_eq!(status(&agreed), ConsentStatus::Recorded);
        let text = pdf_text(name, &agreed);
        assert!(text.contains(printed), "{printed:?} in the PDF: {text}");
        self.set(&mut agreed, "changed after the agreement");
        assert!(
            matches!(status(&agreed), ConsentStatus::OutOfDate(_)),
            "an edit puts the stamp out of date"
        );
    }
}

#[test]
fn a_plan_question_in_the_table_alone_reaches_every_surface() {
    let field = &test_form::PLAN_INTERPRETER_PHONE;
    let asked = Asked {
        field,
        at: At::default(),
        path: "plan.interpreter_phone",
    };
    assert_eq!(field.path, asked.path);
    assert!(on_page(Step::Plan, field), "on the plan step's page");

    // Hidden while no interpreter is needed.
    let mut data = complete();
    asked.is_ignored_while_hidden(&mut data, "ring the desk", "plan-hidden");
    assert!(!check_answers(Step::Plan, &data)
        .iter()
        .any(|(label, _)| label == field.label));

    // Shown: needed, and a phone number.
    data.child.interpreter_needed = "yes".into();
    asked.is_checked(
        &mut data,
        (
            "ring the desk",
            "Enter the interpreter's phone number with numbers only, like 01632 960 001 or +44 7700 900 982",
        ),
        "Enter the interpreter's phone number, like 01632 960 001",
        "01632 960004",
    );
    assert!(check_answers(Step::Plan, &data)
        .contains(&(field.label.to_owned(), "01632 960004".to_owned())));
    asked.is_printed_and_stamped(data, "plan", "Interpreter's phone number 01632 960004");
}

#[test]
fn a_consent_question_in_the_table_alone_reaches_every_surface() {
    let field = &test_form::CONSENT_COPY_TO;
    let asked = Asked {
        field,
        at: At::default(),
        path: "consent.copy_to",
    };
    assert_eq!(field.path, asked.path);
    assert!(on_page(Step::Consent, field), "on the consent step's page");

    // Always shown and needed: the complete CAF without it is not complete.
    let mut data = complete_data();
    asked.is_checked(
        &mut data,
        (
            &"x".repeat(61),
            "Who else may have a copy must be 60 characters or fewer – you have 1 character too many",
        ),
        "Enter who else may have a copy",
        "The child's grandmother",
    );
    assert!(check_answers(Step::Consent, &data)
        .contains(&(field.label.to_owned(), "The child's grandmother".to_owned())));
    // A row of the consent box, under its printed name.
    asked.is_printed_and_stamped(
        data,
        "consent",
        "Copy of the plan to The child's grandmother",
    );
}

#[test]
fn a_question_of_a_list_inside_a_list_item_reaches_every_surface() {
    let field = &test_form::REVIEW_ACTION_CHECKED_BY;
    let asked = Asked {
        field,
        at: At::sub(0, 1),
        path: "reviews[0].actions[1].checked_by",
    };
    assert_eq!(field.path_at(asked.at), asked.path);
    assert!(
        caf::REVIEWS
            .lists
            .iter()
            .any(|sub| sub.fields.iter().any(|f| f.path == field.path)),
        "in the review's record of the actions, which the reviews page renders from the table"
    );
    assert_eq!(Step::of_path(asked.path), Some(Step::Reviews));

    let mut data = complete();
    let mut review = complete_review();
    review.actions.push(review.actions[0].clone());
    data.reviews.push(review);

    // Hidden while the action is not done.
    asked.is_ignored_while_hidden(&mut data, &"y".repeat(201), "review-hidden");

    // Shown for a done action, for that action only: needed, within its limit.
    data.reviews[0].actions[1].status = "done".into();
    assert!(!field.is_shown(&data, At::sub(0, 0)));
    asked.is_checked(
        &mut data,
        (
            &"y".repeat(201),
            "How we know a done action is done at review 1 must be 200 characters or fewer – you have 1 character too many",
        ),
        "Enter how we know a done action is done at review 1",
        "Seen at the home visit",
    );
    // Shown back (the reviews page's table reads `answer`), printed in the
    // review's table under its own column.
    assert_eq!(
        answer(field, &data, asked.at).as_deref(),
        Some("Seen at the home visit")
    );
    assert!(pdf_text("review-column", &data).contains("How we know"));
    asked.is_printed_and_stamped(data, "review", "Seen at the home visit");
}
