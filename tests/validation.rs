//! The rules of caf-form.md §3.1–§3.10 and §3.12, each with a passing and a
//! failing case, against a complete draft and a fixed today (23/11/2026).
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::*;
use caf_lite::validate::{self, consent_status, ConsentStatus, OutOfDate, Report, Severity};

mod common;
use common::{complete_data, complete_review, date, today, typed};

fn boxes(day: &str, month: &str, year: &str) -> DateDraft {
    DateDraft {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

/// A review that passes, one month after the first meeting.
/// What a case expects at its path.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// No issue at the path and no error anywhere.
    Pass,
    /// An error at the path whose message contains this text.
    Error(&'static str),
    /// A warning at the path whose message contains this text, and no errors.
    Warning(&'static str),
}
use Expect::*;

type Case = (&'static str, fn(&mut Data), &'static str, Expect);

fn run(data: &Data, settings: &Settings) -> Report {
    validate::check(data, today(), settings).report
}

/// Checks one change to the complete draft; returns a failure description.
fn outcome(
    change: fn(&mut Data),
    path: &str,
    expect: Expect,
    settings: &Settings,
) -> Option<String> {
    let mut data = complete_data();
    change(&mut data);
    let report = run(&data, settings);
    let at: Vec<_> = report.for_path(path).collect();
    let ok = match expect {
        Pass => at.is_empty() && !report.has_errors(),
        Error(text) => at
            .iter()
            .any(|issue| issue.severity == Severity::Error && issue.message.contains(text)),
        Warning(text) => {
            !report.has_errors()
                && at.iter().any(|issue| {
                    issue.severity == Severity::Warning && issue.message.contains(text)
                })
        }
    };
    (!ok).then(|| format!("expected {expect:?} at {path}, got {:#?}", report.issues()))
}

#[track_caller]
fn check(cases: &[Case]) {
    check_with(cases, &Settings::default());
}

#[track_caller]
fn check_with(cases: &[Case], settings: &Settings) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, change, path, expect)| {
            outcome(*change, path, *expect, settings).map(|why| format!("{name}: {why}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing case(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn text(n: usize) -> String {
    "é".repeat(n)
}

#[test]
fn the_complete_draft_is_clean() {
    let checked = validate::check(&complete_data(), today(), &Settings::default());
    assert_eq!(checked.report.issues(), &[]);
}

#[test]
fn a_blank_draft_reports_every_required_answer() {
    let checked = validate::check(&Data::default(), today(), &Settings::default());
    for path in [
        "start.significant_harm",
        "start.existing_check",
        "start.assess_agreed_by",
        "start.assess_agreed_relationship",
        "start.assess_agreed_on",
        "child.given_name",
        "child.family_name",
        "child.date_of_birth",
        "child.sex",
        "child.address",
        "child.postcode",
        "parents",
        "assessor.name",
        "assessor.role",
        "assessor.organisation",
        "assessor.phone",
        "assessment.started_on",
        "reason.summary",
        "needs",
        "views.parent",
        "conclusion.summary",
        "conclusion.response",
        "consent.given_by",
        "consent.relationship",
        "consent.parental_responsibility",
        "consent.explained",
        "consent.store",
        "consent.share_with",
        "consent.method",
        "consent.date",
        "consent.practitioner",
    ] {
        assert!(checked.report.has_errors_under(path), "no error at {path}");
    }
    // No plan is required until a Team Around the Child is chosen.
    assert!(!checked.report.has_errors_under("plan"));
    assert!(checked.report.warnings().next().is_none());
}

#[test]
fn issues_come_in_form_order() {
    let report = run(&Data::default(), &Settings::default());
    let first: Vec<&str> = report
        .issues()
        .iter()
        .take(3)
        .map(|i| i.path.as_str())
        .collect();
    assert_eq!(
        first,
        [
            "start.significant_harm",
            "start.existing_check",
            "start.assess_agreed_by"
        ]
    );
    let child = report
        .issues()
        .iter()
        .position(|i| i.path == "child.given_name");
    let consent = report
        .issues()
        .iter()
        .position(|i| i.path == "consent.given_by");
    assert!(child < consent);
}

#[test]
fn start_rules() {
    check(&[
        (
            "harm unanswered",
            |d| d.start.significant_harm.clear(),
            "start.significant_harm",
            Error("Select yes if you think this child is at risk of significant harm"),
        ),
        (
            "harm yes blocks",
            |d| d.start.significant_harm = "yes".into(),
            "start.significant_harm",
            Error("safeguarding procedures"),
        ),
        (
            "harm bad code",
            |d| d.start.significant_harm = "maybe".into(),
            "start.significant_harm",
            Error("Select yes"),
        ),
        (
            "harm no",
            |d| d.start.significant_harm = "no".into(),
            "start.significant_harm",
            Pass,
        ),
        (
            "existing unanswered",
            |d| d.start.existing_check.clear(),
            "start.existing_check",
            Error("already open"),
        ),
        (
            "existing CAF warns",
            |d| d.start.existing_check = "checked_exists".into(),
            "start.existing_check",
            Warning("contact its lead professional"),
        ),
        (
            "not checked",
            |d| d.start.existing_check = "not_checked".into(),
            "start.existing_check",
            Pass,
        ),
        (
            "agreed by blank",
            |d| d.start.assess_agreed_by = "  ".into(),
            "start.assess_agreed_by",
            Error("Enter the name of the person who agreed to the assessment"),
        ),
        (
            "agreed by 101",
            |d| d.start.assess_agreed_by = text(101),
            "start.assess_agreed_by",
            Error("must be 100 characters or fewer – you have 1 character too many"),
        ),
        (
            "agreed by 100",
            |d| d.start.assess_agreed_by = text(100),
            "start.assess_agreed_by",
            Pass,
        ),
        (
            "relationship blank",
            |d| d.start.assess_agreed_relationship.clear(),
            "start.assess_agreed_relationship",
            Error("Enter the relationship"),
        ),
        (
            "agreed on blank",
            |d| d.start.assess_agreed_on = DateDraft::default(),
            "start.assess_agreed_on",
            Error("Enter the date the assessment was agreed"),
        ),
        (
            "agreed on future",
            |d| d.start.assess_agreed_on = typed(2026, 11, 24),
            "start.assess_agreed_on",
            Error("Date the assessment was agreed must be today or in the past"),
        ),
        (
            "agreed on today",
            |d| d.start.assess_agreed_on = typed(2026, 10, 5),
            "start.assess_agreed_on",
            Pass,
        ),
        (
            "agreed on 31/02",
            |d| d.start.assess_agreed_on = boxes("31", "2", "2026"),
            "start.assess_agreed_on",
            Error("must be a real date"),
        ),
        (
            "agreed on no month",
            |d| d.start.assess_agreed_on = boxes("3", "", "2026"),
            "start.assess_agreed_on",
            Error("must include a month"),
        ),
        (
            "agreed on no day or year",
            |d| d.start.assess_agreed_on = boxes("", "3", ""),
            "start.assess_agreed_on",
            Error("must include a day and year"),
        ),
        (
            "agreed on 2-digit year",
            |d| d.start.assess_agreed_on = boxes("3", "3", "26"),
            "start.assess_agreed_on",
            Error("year with 4 numbers"),
        ),
        (
            "agreed on letters",
            |d| d.start.assess_agreed_on = boxes("3rd", "3", "2026"),
            "start.assess_agreed_on",
            Error("must be a real date"),
        ),
    ]);
}

#[test]
fn child_name_and_date_rules() {
    check(&[
        (
            "given name blank",
            |d| d.child.given_name.clear(),
            "child.given_name",
            Error("Enter the child's given name"),
        ),
        (
            "given name unborn",
            |d| {
                d.child.unborn = true;
                d.child.given_name.clear();
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2027, 2, 1);
            },
            "child.given_name",
            Pass,
        ),
        (
            "given name digits",
            |d| d.child.given_name = "Zoë2".into(),
            "child.given_name",
            Error("must only include letters, spaces, hyphens, apostrophes and full stops"),
        ),
        (
            "given name 101",
            |d| d.child.given_name = "a".repeat(101),
            "child.given_name",
            Error("100 characters or fewer"),
        ),
        (
            "given name bidi override",
            |d| d.child.given_name = "\u{202E}Zoë".into(),
            "child.given_name",
            Error("must only include letters"),
        ),
        (
            "family name blank",
            |d| d.child.family_name.clear(),
            "child.family_name",
            Error("Enter the child's family name"),
        ),
        (
            "family name unborn",
            |d| {
                d.child.unborn = true;
                d.child.family_name.clear();
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2027, 2, 1);
            },
            "child.family_name",
            Pass,
        ),
        (
            "dob blank",
            |d| d.child.date_of_birth = DateDraft::default(),
            "child.date_of_birth",
            Error("Enter the date of birth"),
        ),
        (
            "dob unborn",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2027, 2, 1);
            },
            "child.date_of_birth",
            Pass,
        ),
        (
            "dob future",
            |d| d.child.date_of_birth = typed(2026, 11, 24),
            "child.date_of_birth",
            Error("Date of birth must be today or in the past"),
        ),
        (
            "dob today",
            |d| {
                d.child.date_of_birth = typed(2026, 11, 23);
                d.views.child.clear();
            },
            "child.date_of_birth",
            Pass,
        ),
        (
            "dob impossible",
            |d| d.child.date_of_birth = boxes("29", "2", "2019"),
            "child.date_of_birth",
            Error("Date of birth must be a real date"),
        ),
        (
            "dob no month",
            |d| d.child.date_of_birth = boxes("14", " ", "2018"),
            "child.date_of_birth",
            Error("Date of birth must include a month"),
        ),
        (
            "age 26 today",
            |d| d.child.date_of_birth = typed(2000, 11, 23),
            "child.date_of_birth",
            Error("up to 25"),
        ),
        (
            "age 25",
            |d| {
                d.child.date_of_birth = typed(2000, 11, 24);
                d.consent.young_person = "agreed".into();
            },
            "child.date_of_birth",
            Warning("special educational needs or disabilities"),
        ),
        (
            "age 19",
            |d| {
                d.child.date_of_birth = typed(2007, 11, 23);
                d.consent.young_person = "agreed".into();
            },
            "child.date_of_birth",
            Warning("special educational needs or disabilities"),
        ),
        (
            "age 18",
            |d| {
                d.child.date_of_birth = typed(2007, 11, 24);
                d.consent.young_person = "agreed".into();
            },
            "child.date_of_birth",
            Pass,
        ),
        (
            "edd required when unborn",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
            },
            "child.expected_date",
            Error("Enter the expected date of delivery"),
        ),
        (
            "edd in 20 weeks",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2027, 4, 12);
            },
            "child.expected_date",
            Pass,
        ),
        (
            "edd past",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2026, 11, 22);
            },
            "child.expected_date",
            Warning("has the baby been born"),
        ),
        (
            "edd 42 weeks",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = today_plus(294);
            },
            "child.expected_date",
            Pass,
        ),
        (
            "edd 42 weeks and a day",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = today_plus(295);
            },
            "child.expected_date",
            Warning("more than 42 weeks"),
        ),
        (
            "edd not needed when born",
            |d| d.child.expected_date = DateDraft::default(),
            "child.expected_date",
            Pass,
        ),
        (
            "sex blank",
            |d| d.child.sex.clear(),
            "child.sex",
            Error("Select the child's sex"),
        ),
        (
            "sex bad code",
            |d| d.child.sex = "f".into(),
            "child.sex",
            Error("Select the child's sex"),
        ),
        (
            "sex not stated",
            |d| d.child.sex = "not_stated".into(),
            "child.sex",
            Pass,
        ),
    ]);
}

fn today_plus(days: i64) -> DateDraft {
    DateDraft::from_date(today().add_days(days))
}

#[test]
fn names_in_any_script_pass() {
    for name in [
        "Łukasiewicz-O'Brien",
        "Ελένη",
        "Олена",
        "محمد",
        "Siobhán",
        "Zoë",
        "Mary-Jane St. John",
        "O’Neill",
    ] {
        let mut data = complete_data();
        data.child.given_name = name.into();
        data.child.family_name = name.into();
        let report = run(&data, &Settings::default());
        assert!(report.is_clean(), "{name}: {:?}", report.issues());
    }
}

#[test]
fn child_address_and_identifier_rules() {
    check(&[
        (
            "address blank",
            |d| d.child.address.clear(),
            "child.address",
            Error("Enter the child's address"),
        ),
        (
            "address no fixed abode",
            |d| {
                d.child.no_fixed_abode = true;
                d.child.address.clear();
                d.child.postcode.clear();
            },
            "child.address",
            Pass,
        ),
        (
            "address 301",
            |d| d.child.address = text(301),
            "child.address",
            Error(
                "Child's address must be 300 characters or fewer – you have 1 character too many",
            ),
        ),
        (
            "address 300",
            |d| d.child.address = text(300),
            "child.address",
            Pass,
        ),
        (
            "postcode blank",
            |d| d.child.postcode.clear(),
            "child.postcode",
            Error("Enter a postcode, like ME4 4TR"),
        ),
        (
            "postcode no fixed abode",
            |d| {
                d.child.no_fixed_abode = true;
                d.child.postcode.clear();
            },
            "child.postcode",
            Pass,
        ),
        (
            "postcode wrong",
            |d| d.child.postcode = "ME4".into(),
            "child.postcode",
            Error("Enter a real postcode, like ME4 4TR"),
        ),
        (
            "postcode GIR",
            |d| d.child.postcode = "gir0aa".into(),
            "child.postcode",
            Pass,
        ),
        (
            "phone wrong",
            |d| d.child.phone = "123".into(),
            "child.phone",
            Error("must start with 0"),
        ),
        (
            "phone short",
            |d| d.child.phone = "0123".into(),
            "child.phone",
            Error("10 or 11 digits"),
        ),
        (
            "phone with ext",
            |d| d.child.phone = "+44 (0)7700 900982 ext 12".into(),
            "child.phone",
            Pass,
        ),
        (
            "phone international",
            |d| d.child.phone = "+33 1 23 45 67 89".into(),
            "child.phone",
            Pass,
        ),
        (
            "phone international short",
            |d| d.child.phone = "+33 1234".into(),
            "child.phone",
            Error("8 to 15 digits"),
        ),
        (
            "interpreter bad code",
            |d| d.child.interpreter_needed = "maybe".into(),
            "child.interpreter_needed",
            Error("interpreter"),
        ),
        (
            "interpreter yes",
            |d| d.child.interpreter_needed = "yes".into(),
            "child.interpreter_needed",
            Pass,
        ),
        (
            "disability unknown",
            |d| d.child.disability = "unknown".into(),
            "child.disability",
            Pass,
        ),
        (
            "disability bad",
            |d| d.child.disability = "y".into(),
            "child.disability",
            Error("disability"),
        ),
        (
            "disability details 501",
            |d| {
                d.child.disability = "yes".into();
                d.child.disability_details = text(501);
            },
            "child.disability_details",
            Error("500 characters or fewer"),
        ),
        (
            "disability details 501, hidden by no disability",
            |d| {
                d.child.disability = "no".into();
                d.child.disability_details = text(501);
            },
            "child.disability_details",
            Pass,
        ),
        (
            "nhs check digit",
            |d| d.child.nhs_number = "1234567890".into(),
            "child.nhs_number",
            Error("Check the NHS number"),
        ),
        (
            "nhs 8 digits",
            |d| d.child.nhs_number = "94347659".into(),
            "child.nhs_number",
            Error("Enter the NHS number as 10 digits, like 943 476 5919"),
        ),
        (
            "nhs letters",
            |d| d.child.nhs_number = "NHS9434765919".into(),
            "child.nhs_number",
            Error("as 10 digits"),
        ),
        (
            "nhs test range",
            |d| d.child.nhs_number = "999 999 9999".into(),
            "child.nhs_number",
            Warning("999"),
        ),
        (
            "nhs hyphens",
            |d| d.child.nhs_number = "943-476-5919".into(),
            "child.nhs_number",
            Pass,
        ),
        (
            "nhs optional",
            |d| d.child.nhs_number.clear(),
            "child.nhs_number",
            Pass,
        ),
        (
            "upn published wrong",
            |d| d.child.upn = "B207000016049".into(),
            "child.upn",
            Error("Check the UPN"),
        ),
        (
            "upn corrected",
            |d| d.child.upn = "P207000016049".into(),
            "child.upn",
            Pass,
        ),
        (
            "upn temporary",
            |d| d.child.upn = "k938 1200 0001 b".into(),
            "child.upn",
            Pass,
        ),
        (
            "upn temporary 2",
            |d| d.child.upn = "M80120000500A".into(),
            "child.upn",
            Pass,
        ),
        (
            "upn short",
            |d| d.child.upn = "B80".into(),
            "child.upn",
            Error("Enter the UPN as a letter and 12 more characters"),
        ),
    ]);
}

#[test]
fn family_rules() {
    check(&[
        ("no parents", |d| d.parents.clear(), "parents", Error("Add at least one parent or carer")),
        ("parent name blank", |d| d.parents[0].name.clear(), "parents[0].name", Error("Enter the name of parent or carer 1")),
        ("parent name 101", |d| d.parents[0].name = text(101), "parents[0].name", Error("100 characters or fewer")),
        ("parent relationship blank", |d| d.parents[0].relationship.clear(), "parents[0].relationship", Error("Enter the relationship to the child of parent or carer 1")),
        ("parent PR blank", |d| d.parents[0].parental_responsibility.clear(), "parents[0].parental_responsibility", Error("parental responsibility")),
        ("parent PR bad", |d| d.parents[0].parental_responsibility = "y".into(), "parents[0].parental_responsibility", Error("parental responsibility")),
        ("parent PR unknown", |d| d.parents[0].parental_responsibility = "unknown".into(), "parents[0].parental_responsibility", Pass),
        ("first parent no contact", |d| { d.parents[0].phone.clear(); d.parents[0].email.clear(); }, "parents[0].phone", Error("Enter a phone number or an email address for the first parent or carer")),
        ("first parent email only", |d| d.parents[0].phone.clear(), "parents[0].phone", Pass),
        ("first parent phone only", |d| d.parents[0].email.clear(), "parents[0].email", Pass),
        ("second parent no contact", |d| { d.parents[1].phone.clear(); d.parents[1].email.clear(); }, "parents[1].phone", Pass),
        ("second parent bad phone", |d| d.parents[1].phone = "07700".into(), "parents[1].phone", Error("Phone number of parent or carer 2 must have 10 or 11 digits")),
        ("parent bad email", |d| d.parents[0].email = "anna@".into(), "parents[0].email", Error("Enter the email address of parent or carer 1 in the correct format, like name@example.com")),
        ("parent email no at", |d| d.parents[0].email = "anna.example.com".into(), "parents[0].email", Error("correct format")),
        ("parent address 301", |d| d.parents[0].address = text(301), "parents[0].address", Error("300 characters")),
        ("lives with bad", |d| d.parents[0].lives_with_child = "sometimes".into(), "parents[0].lives_with_child", Error("lives with the child")),
        ("household complete", |d| d.household = vec![HouseholdMemberDraft { name: "Ben".into(), relationship: "Brother".into(), date_of_birth: typed(2015, 1, 1) }], "household[0].name", Pass),
        ("household name blank", |d| d.household = vec![HouseholdMemberDraft { relationship: "Brother".into(), ..HouseholdMemberDraft::default() }], "household[0].name", Error("Enter the name of household member 1")),
        ("household relationship blank", |d| d.household = vec![HouseholdMemberDraft { name: "Ben".into(), ..HouseholdMemberDraft::default() }], "household[0].relationship", Error("Enter the relationship")),
        ("household dob future", |d| d.household = vec![HouseholdMemberDraft { name: "Ben".into(), relationship: "Brother".into(), date_of_birth: typed(2027, 1, 1) }], "household[0].date_of_birth", Error("must be today or in the past")),
        ("family notes 1001", |d| d.family.notes = text(1001), "family.notes", Error("1000 characters or fewer")),
        ("family notes 1000", |d| d.family.notes = text(1000), "family.notes", Pass),
    ]);
}

#[test]
fn assessor_rules() {
    check(&[
        (
            "name blank",
            |d| d.assessor.name.clear(),
            "assessor.name",
            Error("Enter your name"),
        ),
        (
            "role blank",
            |d| d.assessor.role.clear(),
            "assessor.role",
            Error("your role"),
        ),
        (
            "organisation blank",
            |d| d.assessor.organisation.clear(),
            "assessor.organisation",
            Error("your setting or organisation"),
        ),
        (
            "phone blank",
            |d| d.assessor.phone.clear(),
            "assessor.phone",
            Error("your phone number"),
        ),
        (
            "phone bad",
            |d| d.assessor.phone = "01632 96000x".into(),
            "assessor.phone",
            Error("extension"),
        ),
        (
            "phone hash ext",
            |d| d.assessor.phone = "01632 960001 #204".into(),
            "assessor.phone",
            Pass,
        ),
        (
            "email bad",
            |d| d.assessor.email = "sam@example..org".into(),
            "assessor.email",
            Error("correct format"),
        ),
        (
            "ofsted bad",
            |d| d.assessor.ofsted_urn = "EY12345".into(),
            "assessor.ofsted_urn",
            Error("EY and 6 digits"),
        ),
        (
            "ofsted EY",
            |d| d.assessor.ofsted_urn = "EY123456".into(),
            "assessor.ofsted_urn",
            Pass,
        ),
        (
            "ofsted digits",
            |d| d.assessor.ofsted_urn = "1234567".into(),
            "assessor.ofsted_urn",
            Pass,
        ),
        (
            "started blank",
            |d| d.assessment.started_on = DateDraft::default(),
            "assessment.started_on",
            Error("Enter the date the assessment started"),
        ),
        (
            "started future",
            |d| d.assessment.started_on = typed(2026, 12, 1),
            "assessment.started_on",
            Error("must be today or in the past"),
        ),
        (
            "started before agreed",
            |d| d.assessment.started_on = typed(2026, 9, 30),
            "assessment.started_on",
            Error("same as or after the date it was agreed (01/10/2026)"),
        ),
        (
            "started on agreed day",
            |d| {
                d.assessment.started_on = typed(2026, 10, 1);
            },
            "assessment.started_on",
            Pass,
        ),
        (
            "service complete",
            |d| {
                d.services = vec![ServiceDraft {
                    service: "GP".into(),
                    phone: "01632 960002".into(),
                    ..ServiceDraft::default()
                }]
            },
            "services[0].service",
            Pass,
        ),
        (
            "service blank",
            |d| {
                d.services = vec![ServiceDraft {
                    contact_name: "Dr Ahmed".into(),
                    ..ServiceDraft::default()
                }]
            },
            "services[0].service",
            Error("Enter the name of service 1"),
        ),
        (
            "service bad phone",
            |d| {
                d.services = vec![ServiceDraft {
                    service: "GP".into(),
                    phone: "phone".into(),
                    ..ServiceDraft::default()
                }]
            },
            "services[0].phone",
            Error("numbers only"),
        ),
        (
            "service bad email",
            |d| {
                d.services = vec![ServiceDraft {
                    service: "GP".into(),
                    email: "gp@".into(),
                    ..ServiceDraft::default()
                }]
            },
            "services[0].email",
            Error("correct format"),
        ),
    ]);
}

#[test]
fn reason_needs_views_and_conclusion_rules() {
    check(&[
        (
            "reason blank",
            |d| d.reason.summary.clear(),
            "reason.summary",
            Error("Enter the reason for the assessment"),
        ),
        (
            "reason 1201",
            |d| d.reason.summary = text(1201),
            "reason.summary",
            Error("1200 characters or fewer"),
        ),
        (
            "reason 1200",
            |d| d.reason.summary = text(1200),
            "reason.summary",
            Pass,
        ),
        (
            "nothing rated",
            |d| d.needs = NeedsDraft::default(),
            "needs",
            Error("Rate at least one strength or need"),
        ),
        (
            "one strength is enough",
            |d| {
                d.needs = NeedsDraft::default();
                d.needs.community.rating = "strength".into();
            },
            "needs",
            Pass,
        ),
        (
            "bad rating",
            |d| d.needs.identity.rating = "awful".into(),
            "needs.identity.rating",
            Error("Select a rating for identity"),
        ),
        (
            "concern needs notes",
            |d| d.needs.health.notes.clear(),
            "needs.health.notes",
            Error("Enter notes on health"),
        ),
        (
            "significant concern needs notes",
            |d| {
                d.needs.basic_care.rating = "significant_concern".into();
                d.needs.basic_care.notes.clear();
            },
            "needs.basic_care.notes",
            Error("Enter notes on basic care"),
        ),
        (
            "no concern needs no notes",
            |d| d.needs.basic_care.rating = "no_concern".into(),
            "needs.basic_care.notes",
            Pass,
        ),
        (
            "notes 1001",
            |d| d.needs.learning.notes = text(1001),
            "needs.learning.notes",
            Error("Notes on learning must be 1000 characters or fewer"),
        ),
        (
            "child views from 5",
            |d| d.views.child.clear(),
            "views.child",
            Error("Enter the child's views"),
        ),
        (
            "child views at exactly 5",
            |d| {
                d.child.date_of_birth = typed(2021, 11, 23);
                d.views.child.clear();
            },
            "views.child",
            Error("Enter the child's views"),
        ),
        (
            "child views at 4",
            |d| {
                d.child.date_of_birth = typed(2021, 11, 24);
                d.views.child.clear();
            },
            "views.child",
            Pass,
        ),
        (
            "child views not sought",
            |d| {
                d.views.child.clear();
                d.views.child_not_sought = "Zoë was unwell".into();
            },
            "views.child",
            Pass,
        ),
        (
            "child views unborn",
            |d| {
                d.child.unborn = true;
                d.child.date_of_birth = DateDraft::default();
                d.child.expected_date = typed(2027, 2, 1);
                d.views.child.clear();
            },
            "views.child",
            Pass,
        ),
        (
            "child views 1001",
            |d| d.views.child = text(1001),
            "views.child",
            Error("1000 characters"),
        ),
        (
            "parent views blank",
            |d| d.views.parent.clear(),
            "views.parent",
            Error("Enter the parents' or carers' views"),
        ),
        (
            "parent views 1001",
            |d| d.views.parent = text(1001),
            "views.parent",
            Error("1000 characters"),
        ),
        (
            "conclusion blank",
            |d| d.conclusion.summary.clear(),
            "conclusion.summary",
            Error("Enter the summary of what needs to happen"),
        ),
        (
            "conclusion 1501",
            |d| d.conclusion.summary = text(1501),
            "conclusion.summary",
            Error("1500 characters"),
        ),
        (
            "response blank",
            |d| d.conclusion.response.clear(),
            "conclusion.response",
            Error("Select a single-agency response or a Team Around the Child"),
        ),
        (
            "response bad",
            |d| d.conclusion.response = "tac".into(),
            "conclusion.response",
            Error("Select a single-agency"),
        ),
        (
            "single agency",
            |d| d.conclusion.response = "single_agency".into(),
            "conclusion.response",
            Pass,
        ),
    ]);
}

#[test]
fn plan_rules() {
    check(&[
        (
            "meeting required for TAC",
            |d| d.plan.meeting_date = DateDraft::default(),
            "plan.meeting_date",
            Error("Enter the date of the first team meeting"),
        ),
        (
            "no plan needed for single agency",
            |d| {
                d.conclusion.response = "single_agency".into();
                d.plan = PlanDraft::default();
            },
            "plan",
            Pass,
        ),
        (
            "meeting before start",
            |d| d.plan.meeting_date = typed(2026, 10, 4),
            "plan.meeting_date",
            Error("same as or after the date the assessment started (05/10/2026)"),
        ),
        (
            "meeting on start day",
            |d| d.plan.meeting_date = typed(2026, 10, 5),
            "plan.meeting_date",
            Pass,
        ),
        (
            "team empty",
            |d| d.plan.team.clear(),
            "plan.team",
            Error("Add at least one team member"),
        ),
        (
            "team role blank",
            |d| d.plan.team[0].role.clear(),
            "plan.team[0].role",
            Error("Enter the role of team member 1"),
        ),
        (
            "team agency blank",
            |d| d.plan.team[0].agency.clear(),
            "plan.team[0].agency",
            Error("agency of team member 1"),
        ),
        (
            "team name blank",
            |d| d.plan.team[0].name.clear(),
            "plan.team[0].name",
            Error("name of team member 1"),
        ),
        (
            "team bad email",
            |d| d.plan.team[0].email = "x".into(),
            "plan.team[0].email",
            Error("correct format"),
        ),
        (
            "lead name blank",
            |d| d.plan.lead.name.clear(),
            "plan.lead.name",
            Error("Enter the lead professional's name"),
        ),
        (
            "lead role blank",
            |d| d.plan.lead.role.clear(),
            "plan.lead.role",
            Error("lead professional's role"),
        ),
        (
            "lead agency blank",
            |d| d.plan.lead.agency.clear(),
            "plan.lead.agency",
            Error("lead professional's agency"),
        ),
        (
            "lead phone blank",
            |d| d.plan.lead.phone.clear(),
            "plan.lead.phone",
            Error("Enter the lead professional's phone number"),
        ),
        (
            "lead bad email",
            |d| d.plan.lead.email = "lead@".into(),
            "plan.lead.email",
            Error("correct format"),
        ),
        (
            "lead not agreed",
            |d| d.plan.lead.agreed_with_family = false,
            "plan.lead.agreed_with_family",
            Error("Confirm the family agreed who the lead professional is"),
        ),
        (
            "lead not needed single agency",
            |d| {
                d.conclusion.response = "single_agency".into();
                d.plan.lead = LeadDraft::default();
            },
            "plan.lead.name",
            Pass,
        ),
        (
            "lead bad reason",
            |d| d.plan.lead.reasons.push("nice".into()),
            "plan.lead.reasons",
            Error("Select only reasons from the list"),
        ),
        (
            "deputy bad phone",
            |d| d.plan.deputy.phone = "12".into(),
            "plan.deputy.phone",
            Error("must start with 0"),
        ),
        (
            "deputy until bad",
            |d| d.plan.deputy.until = boxes("31", "4", "2027"),
            "plan.deputy.until",
            Error("must be a real date"),
        ),
        (
            "no actions",
            |d| d.plan.actions.clear(),
            "plan.actions",
            Error("Add at least one action"),
        ),
        (
            "action need blank",
            |d| d.plan.actions[0].need.clear(),
            "plan.actions[0].need",
            Error("Select the need action 1 is for"),
        ),
        (
            "action need bad",
            |d| d.plan.actions[0].need = "sleep".into(),
            "plan.actions[0].need",
            Error("Select the need"),
        ),
        (
            "action need other",
            |d| d.plan.actions[0].need = "other".into(),
            "plan.actions[0].need",
            Pass,
        ),
        (
            "action what blank",
            |d| d.plan.actions[0].what.clear(),
            "plan.actions[0].what",
            Error("Enter what will be done for action 1"),
        ),
        (
            "action what 501",
            |d| d.plan.actions[0].what = text(501),
            "plan.actions[0].what",
            Error("500 characters"),
        ),
        (
            "action who blank",
            |d| d.plan.actions[0].who.clear(),
            "plan.actions[0].who",
            Error("who will do action 1"),
        ),
        (
            "action due blank",
            |d| d.plan.actions[0].due = DateDraft::default(),
            "plan.actions[0].due",
            Error("Enter the date action 1 is due"),
        ),
        (
            "action due before meeting",
            |d| d.plan.actions[0].due = typed(2026, 10, 19),
            "plan.actions[0].due",
            Error("same as or after the first team meeting (20/10/2026)"),
        ),
        (
            "action due on meeting day",
            |d| d.plan.actions[0].due = typed(2026, 10, 20),
            "plan.actions[0].due",
            Pass,
        ),
        (
            "action outcome blank",
            |d| d.plan.actions[0].outcome.clear(),
            "plan.actions[0].outcome",
            Error("what will be different"),
        ),
        (
            "action outcome 301",
            |d| d.plan.actions[0].outcome = text(301),
            "plan.actions[0].outcome",
            Error("300 characters"),
        ),
        (
            "action ecm blank",
            |d| d.plan.actions[0].ecm.clear(),
            "plan.actions[0].ecm",
            Error("Every Child Matters outcome for action 1"),
        ),
        (
            "action ecm bad",
            |d| d.plan.actions[0].ecm = "be_happy".into(),
            "plan.actions[0].ecm",
            Error("Every Child Matters"),
        ),
        (
            "action status blank",
            |d| d.plan.actions[0].status.clear(),
            "plan.actions[0].status",
            Error("Select the status of action 1"),
        ),
        (
            "action status done",
            |d| d.plan.actions[0].status = "done".into(),
            "plan.actions[0].status",
            Pass,
        ),
        (
            "action progress 501",
            |d| d.plan.actions[0].progress = text(501),
            "plan.actions[0].progress",
            Error("500 characters"),
        ),
        (
            "action item checked without TAC",
            |d| {
                d.conclusion.response = "single_agency".into();
                d.plan.actions[0].what.clear();
            },
            "plan.actions[0].what",
            Error("what will be done"),
        ),
        (
            "next review blank",
            |d| d.plan.next_review = DateDraft::default(),
            "plan.next_review",
            Error("Enter the date of the next review"),
        ),
        (
            "next review on meeting day",
            |d| d.plan.next_review = typed(2026, 10, 20),
            "plan.next_review",
            Error("must be after the first team meeting (20/10/2026)"),
        ),
        (
            "next review 12 weeks",
            |d| d.plan.next_review = typed(2027, 1, 12),
            "plan.next_review",
            Pass,
        ),
        (
            "next review 12 weeks and a day",
            |d| d.plan.next_review = typed(2027, 1, 13),
            "plan.next_review",
            Warning("more than 12 weeks"),
        ),
    ]);
}

#[test]
fn the_review_interval_is_a_local_setting() {
    let settings = Settings {
        review_warning_weeks: 6,
        ..Settings::default()
    };
    check_with(
        &[(
            "8 weeks over a 6-week setting",
            |_| {},
            "plan.next_review",
            Warning("more than 6 weeks"),
        )],
        &settings,
    );
}

#[test]
fn consent_rules() {
    check(&[
        (
            "given by blank",
            |d| d.consent.given_by.clear(),
            "consent.given_by",
            Error("Enter the name of the person giving agreement"),
        ),
        (
            "relationship blank",
            |d| d.consent.relationship.clear(),
            "consent.relationship",
            Error("Enter the relationship"),
        ),
        (
            "PR blank",
            |d| d.consent.parental_responsibility.clear(),
            "consent.parental_responsibility",
            Error("Select whether the person giving agreement has parental responsibility"),
        ),
        (
            "PR no warns",
            |d| d.consent.parental_responsibility = "no".into(),
            "consent.parental_responsibility",
            Warning("does not have parental responsibility"),
        ),
        (
            "PR unknown warns",
            |d| d.consent.parental_responsibility = "unknown".into(),
            "consent.parental_responsibility",
            Warning("not known"),
        ),
        (
            "PR no but young person",
            |d| {
                d.consent.parental_responsibility = "no".into();
                d.consent.relationship = "The young person".into();
            },
            "consent.parental_responsibility",
            Pass,
        ),
        (
            "PR no but child's own name",
            |d| {
                d.consent.parental_responsibility = "no".into();
                d.consent.given_by = " zoë  łukasiewicz-o'brien".into();
            },
            "consent.parental_responsibility",
            Pass,
        ),
        (
            "young person at 12",
            |d| d.child.date_of_birth = typed(2014, 11, 23),
            "consent.young_person",
            Error("Select whether the young person agrees"),
        ),
        (
            "young person at 11",
            |d| d.child.date_of_birth = typed(2014, 11, 24),
            "consent.young_person",
            Pass,
        ),
        (
            "young person given at 12",
            |d| {
                d.child.date_of_birth = typed(2014, 11, 23);
                d.consent.young_person = "not_appropriate".into();
            },
            "consent.young_person",
            Pass,
        ),
        (
            "young person bad code",
            |d| d.consent.young_person = "yes".into(),
            "consent.young_person",
            Error("young person agrees"),
        ),
        (
            "not explained",
            |d| d.consent.explained = false,
            "consent.explained",
            Error("Confirm you explained what will be shared"),
        ),
        (
            "not stored",
            |d| d.consent.store = false,
            "consent.store",
            Error("recorded and stored"),
        ),
        (
            "no agencies",
            |d| d.consent.share_with.clear(),
            "consent.share_with",
            Error("at least one agency"),
        ),
        (
            "blank agency",
            |d| d.consent.share_with = vec!["  ".into()],
            "consent.share_with",
            Error("at least one agency"),
        ),
        (
            "method blank",
            |d| d.consent.method.clear(),
            "consent.method",
            Error("Select how agreement was given"),
        ),
        (
            "method bad",
            |d| d.consent.method = "email".into(),
            "consent.method",
            Error("Select how"),
        ),
        (
            "signed on screen without signature",
            |d| d.consent.method = "signed_on_screen".into(),
            "consent.signature",
            Error("sign in the box"),
        ),
        (
            "signed on screen typed name",
            |d| {
                d.consent.method = "signed_on_screen".into();
                d.consent.signature_name = "Anna".into();
            },
            "consent.signature",
            Pass,
        ),
        (
            "signed on screen drawn",
            |d| {
                d.consent.method = "signed_on_screen".into();
                d.consent.signature = "data:image/png;base64,iVBORw0KGgo=".into();
            },
            "consent.signature",
            Pass,
        ),
        (
            "signature junk",
            |d| {
                d.consent.method = "signed_on_screen".into();
                d.consent.signature = "<svg/>".into();
            },
            "consent.signature",
            Error("could not be read"),
        ),
        (
            "signature junk, hidden by another method",
            |d| d.consent.signature = "<svg/>".into(),
            "consent.signature",
            Pass,
        ),
        (
            "date blank",
            |d| d.consent.date = DateDraft::default(),
            "consent.date",
            Error("Enter the date agreement was given"),
        ),
        (
            "date future",
            |d| d.consent.date = typed(2026, 11, 24),
            "consent.date",
            Error("must be today or in the past"),
        ),
        (
            "date before assessment agreed",
            |d| d.consent.date = typed(2026, 9, 30),
            "consent.date",
            Error("same as or after the date the assessment was agreed (01/10/2026)"),
        ),
        (
            "date same day as agreed",
            |d| d.consent.date = typed(2026, 10, 1),
            "consent.date",
            Pass,
        ),
        (
            "time bad",
            |d| d.consent.time = "25:00".into(),
            "consent.time",
            Error("24-hour format, like 14:30"),
        ),
        (
            "time good",
            |d| d.consent.time = "14:30".into(),
            "consent.time",
            Pass,
        ),
        (
            "practitioner blank",
            |d| d.consent.practitioner.clear(),
            "consent.practitioner",
            Error("Enter the name of the practitioner"),
        ),
        (
            "withdrawn future",
            |d| d.consent.withdrawn_on = typed(2026, 12, 1),
            "consent.withdrawn_on",
            Error("must be today or in the past"),
        ),
        (
            "withdrawn before given",
            |d| d.consent.withdrawn_on = typed(2026, 10, 4),
            "consent.withdrawn_on",
            Error("same as or after the date it was given (05/10/2026)"),
        ),
        (
            "withdrawn valid",
            |d| d.consent.withdrawn_on = typed(2026, 11, 1),
            "consent.withdrawn_on",
            Pass,
        ),
        (
            "withdrawn impossible",
            |d| d.consent.withdrawn_on = boxes("30", "2", "2026"),
            "consent.withdrawn_on",
            Error("must be a real date"),
        ),
    ]);
}

#[test]
fn review_rules() {
    check(&[
        (
            "complete review",
            |d| d.reviews.push(complete_review()),
            "reviews[0].date",
            Pass,
        ),
        (
            "date blank",
            |d| {
                d.reviews.push(ReviewDraft {
                    date: DateDraft::default(),
                    ..complete_review()
                })
            },
            "reviews[0].date",
            Error("Enter the date of review 1"),
        ),
        (
            "date on meeting day",
            |d| {
                d.reviews.push(ReviewDraft {
                    date: typed(2026, 10, 20),
                    next_review: typed(2026, 12, 1),
                    ..complete_review()
                })
            },
            "reviews[0].date",
            Error("must be after the first team meeting (20/10/2026)"),
        ),
        (
            "date future",
            |d| {
                d.reviews.push(ReviewDraft {
                    date: typed(2026, 11, 24),
                    ..complete_review()
                })
            },
            "reviews[0].date",
            Error("must be today or in the past"),
        ),
        (
            "summary blank",
            |d| {
                d.reviews.push(ReviewDraft {
                    summary: String::new(),
                    ..complete_review()
                })
            },
            "reviews[0].summary",
            Error("Enter the progress summary for review 1"),
        ),
        (
            "summary 1501",
            |d| {
                d.reviews.push(ReviewDraft {
                    summary: text(1501),
                    ..complete_review()
                })
            },
            "reviews[0].summary",
            Error("1500 characters"),
        ),
        (
            "actions missing",
            |d| {
                d.reviews.push(ReviewDraft {
                    actions: vec![],
                    ..complete_review()
                })
            },
            "reviews[0].actions",
            Error("where each plan action stands"),
        ),
        (
            "actions not needed without plan actions",
            |d| {
                d.conclusion.response = "single_agency".into();
                d.plan.actions.clear();
                d.reviews.push(ReviewDraft {
                    actions: vec![],
                    ..complete_review()
                });
            },
            "reviews[0].actions",
            Pass,
        ),
        (
            "decision blank",
            |d| {
                d.reviews.push(ReviewDraft {
                    decision: String::new(),
                    ..complete_review()
                })
            },
            "reviews[0].decision",
            Error("continue the plan or close"),
        ),
        (
            "continue needs next review",
            |d| {
                d.reviews.push(ReviewDraft {
                    next_review: DateDraft::default(),
                    ..complete_review()
                })
            },
            "reviews[0].next_review",
            Error("Enter the date of the review after review 1"),
        ),
        (
            "next review not after review",
            |d| {
                d.reviews.push(ReviewDraft {
                    next_review: typed(2026, 11, 20),
                    ..complete_review()
                })
            },
            "reviews[0].next_review",
            Error("must be after review 1 (20/11/2026)"),
        ),
        (
            "next review far away",
            |d| {
                d.reviews.push(ReviewDraft {
                    next_review: typed(2027, 3, 1),
                    ..complete_review()
                })
            },
            "reviews[0].next_review",
            Warning("more than 12 weeks"),
        ),
        (
            "close needs reason",
            |d| {
                d.reviews.push(ReviewDraft {
                    decision: "close".into(),
                    next_review: DateDraft::default(),
                    ..complete_review()
                })
            },
            "reviews[0].closure_reason",
            Error("Select why the CAF is closing at review 1"),
        ),
        (
            "close with reason",
            |d| {
                d.reviews.push(ReviewDraft {
                    decision: "close".into(),
                    next_review: DateDraft::default(),
                    closure_reason: "needs_met".into(),
                    ..complete_review()
                })
            },
            "reviews[0].closure_reason",
            Pass,
        ),
        (
            "bad closure reason",
            |d| {
                d.reviews.push(ReviewDraft {
                    decision: "close".into(),
                    closure_reason: "bored".into(),
                    ..complete_review()
                })
            },
            "reviews[0].closure_reason",
            Error("Select why"),
        ),
    ]);
}

#[test]
fn warnings_never_block_and_errors_always_do() {
    let mut data = complete_data();
    data.child.nhs_number = "9999999999".into();
    data.start.existing_check = "checked_exists".into();
    let checked = validate::check(&data, today(), &Settings::default());
    assert_eq!(checked.report.warnings().count(), 2);
    assert!(!checked.report.has_errors());

    data.child.address = text(400);
    let checked = validate::check(&data, today(), &Settings::default());
    assert!(checked.report.has_errors());
    // Over-long text is reported, never cut short.
    assert_eq!(data.child.address.chars().count(), 400);
    let messages: Vec<String> = checked
        .report
        .for_path("child.address")
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        messages,
        ["Child's address must be 300 characters or fewer – you have 100 characters too many"]
    );
}

#[test]
fn group_paths_cover_their_items() {
    let mut data = complete_data();
    data.parents[0].name.clear();
    let report = run(&data, &Settings::default());
    assert!(report.has_errors_under("parents"));
    assert!(report.has_errors_under("parents[0]"));
    assert!(!report.has_errors_under("child"));
}

mod fingerprints {
    use super::*;

    pub(super) type Change = (&'static str, fn(&mut Data));

    #[test]
    fn changes_with_content() {
        let data = complete_data();
        let before = fingerprint(&data);
        assert_eq!(before.len(), 16);
        assert!(before
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(
            fingerprint(&data.clone()),
            before,
            "same content, same fingerprint"
        );
        let mut changed = data.clone();
        changed.child.given_name = "Zoe".into();
        assert_ne!(fingerprint(&changed), before);
        let mut changed = data.clone();
        changed.plan.actions[0].status = "done".into();
        assert_ne!(fingerprint(&changed), before);
        let mut changed = data;
        changed.reviews.push(complete_review());
        assert_ne!(fingerprint(&changed), before);
    }

    #[test]
    fn covers_every_term_of_the_agreement() {
        let data = complete_data();
        let before = fingerprint(&data);
        let changes: Vec<Change> = vec![
            ("an agency added", |d| {
                d.consent.share_with.push("Police".into())
            }),
            ("an agency removed", |d| {
                d.consent.share_with.pop();
            }),
            ("who agreed", |d| d.consent.given_by = "Someone else".into()),
            ("their relationship", |d| {
                d.consent.relationship = "Aunt".into()
            }),
            ("parental responsibility", |d| {
                d.consent.parental_responsibility = "unknown".into()
            }),
            ("the young person's agreement", |d| {
                d.consent.young_person = "not_agreed".into()
            }),
            ("explained", |d| d.consent.explained = !d.consent.explained),
            ("stored", |d| d.consent.store = !d.consent.store),
            ("not to be shared with", |d| {
                d.consent.not_share_with = "School".into()
            }),
            ("sensitive", |d| d.consent.sensitive = !d.consent.sensitive),
            ("the method", |d| d.consent.method = "verbal_phone".into()),
            ("the signature", |d| {
                d.consent.signature = "data:image/png;base64,iVBORw0KGgo=".into()
            }),
            ("the typed signature", |d| {
                d.consent.signature_name = "A. Parent".into()
            }),
            ("the date", |d| d.consent.date = typed(2026, 10, 6)),
            ("the time", |d| d.consent.time = "09:15".into()),
            ("who recorded it", |d| {
                d.consent.practitioner = "Another".into()
            }),
            ("the leaflet", |d| {
                d.consent.leaflet_given = !d.consent.leaflet_given
            }),
        ];
        for (what, change) in changes {
            let mut changed = data.clone();
            change(&mut changed);
            assert_ne!(fingerprint(&changed), before, "{what}");
        }
    }

    #[test]
    fn ignores_the_record_of_the_agreement_and_the_withdrawal() {
        let data = complete_data();
        let before = fingerprint(&data);
        let mut changed = data;
        changed.consent.recorded_at = "2026-11-23T10:42:07Z".into();
        changed.consent.recorded_fingerprint = before.clone();
        changed.consent.fingerprint_rule = 2;
        changed.consent.withdrawn_on = typed(2026, 11, 1);
        changed.consent.withdrawn_note = "Moved away".into();
        changed.consent.history.push(ConsentHistoryEntry::default());
        assert_eq!(fingerprint(&changed), before);
    }

    #[test]
    fn an_empty_field_added_by_a_later_release_changes_nothing() {
        // A later release's draft, with a field this one does not know, left
        // empty: the fingerprint is computed over the JSON, so add it there.
        let data = complete_data();
        let mut value = serde_json::to_value(&data).expect("serialises");
        value["child"]["pronouns"] = serde_json::json!("");
        value["consent"]["interpreter_used"] = serde_json::json!(false);
        value["plan"]["actions"][0]["notes"] = serde_json::json!([]);
        let later: Data = serde_json::from_value(value).expect("unknown keys are ignored here");
        assert_eq!(fingerprint(&later), fingerprint(&data));
        // And empty values this release knows count for nothing either.
        let mut cleared = data.clone();
        cleared.child.known_as.clear();
        let mut blank = data;
        blank.child.known_as = String::new();
        assert_eq!(fingerprint(&cleared), fingerprint(&blank));
    }

    #[test]
    fn empty_values_are_left_out_of_the_canonical_form() {
        // The first rule hashed every empty default; this one must not, so the
        // fingerprint of an empty draft is the hash of nothing at all.
        use sha2::{Digest, Sha256};
        let empty: String = Sha256::digest(b"")
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(fingerprint(&Data::default()), empty);
    }
}

#[test]
fn a_signature_that_is_not_a_readable_png_counts_as_no_signature() {
    for stored in [
        "data:image/png;base64,",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
    ] {
        let mut data = complete_data();
        data.consent.method = "signed_on_screen".into();
        data.consent.signature = stored.into();
        let report = run(&data, &Settings::default());
        assert!(
            report
                .issues()
                .iter()
                .any(|i| i.path == "consent.signature" && i.severity == Severity::Error),
            "{stored}: {:?}",
            report.issues()
        );
    }
}

mod consent_status {
    use super::fingerprints::Change;
    use super::*;

    fn status(data: &Data) -> ConsentStatus {
        let report = run(data, &Settings::default());
        consent_status(data, &report, &[])
    }

    fn recorded() -> Data {
        let mut data = complete_data();
        record_agreement(&mut data, "2026-10-05T10:00:00Z");
        data
    }

    #[test]
    fn never_recorded() {
        assert_eq!(status(&complete_data()), ConsentStatus::NotRecorded);
        assert_eq!(
            ConsentStatus::NotRecorded.banner(),
            "CONSENT NOT RECORDED — DRAFT, DO NOT SHARE"
        );
    }

    #[test]
    fn clearing_a_withdrawal_does_not_bring_the_agreement_back() {
        let mut data = recorded();
        data.consent.withdrawn_on = typed(2026, 11, 20);
        assert!(settle_withdrawal(&mut data));
        assert_eq!(status(&data), ConsentStatus::Withdrawn(date(2026, 11, 20)));
        // A mistake, or an attempt to undo it: the date is cleared again.
        data.consent.withdrawn_on = DateDraft::default();
        settle_withdrawal(&mut data);
        assert_eq!(status(&data), ConsentStatus::NotRecorded);
        // Recording it again with the family is the way back.
        record_agreement(&mut data, "2026-11-25T10:00:00Z");
        assert_eq!(status(&data), ConsentStatus::Recorded);
        assert_eq!(data.consent.history.len(), 1);
    }

    #[test]
    fn recorded_when_unchanged_and_without_errors() {
        let data = recorded();
        assert_eq!(status(&data), ConsentStatus::Recorded);
        assert_eq!(
            ConsentStatus::Recorded.banner(),
            "CONSENT TO SHARE RECORDED"
        );
        assert_eq!(ConsentStatus::Recorded.words(), "Recorded");
    }

    #[test]
    fn recorded_fingerprint_with_errors_is_not_recorded() {
        // Recorded over content with an error: the fingerprint matches, the stamp does not follow.
        let mut data = complete_data();
        data.consent.store = false;
        record_agreement(&mut data, "2026-10-05T10:00:00Z");
        assert_eq!(data.consent.recorded_fingerprint, fingerprint(&data));
        assert_eq!(status(&data), ConsentStatus::NotRecorded);
    }

    #[test]
    fn a_content_change_puts_it_out_of_date() {
        let mut data = recorded();
        data.views.parent.push_str(" And with mornings.");
        assert_eq!(status(&data), ConsentStatus::OutOfDate(OutOfDate::Changed));
        assert_eq!(
            status(&data).banner(),
            "CONSENT OUT OF DATE — RE-CONFIRM BEFORE SHARING"
        );
    }

    #[test]
    fn changing_any_term_after_recording_puts_it_out_of_date() {
        let changes: Vec<Change> = vec![
            ("Police added", |d| {
                d.consent.share_with.push("Police".into())
            }),
            ("an agency removed", |d| d.consent.share_with.clear()),
            ("who agreed", |d| d.consent.given_by = "Someone else".into()),
            ("the method", |d| d.consent.method = "verbal_phone".into()),
            ("the date", |d| d.consent.date = typed(2026, 10, 4)),
            ("the signature", |d| {
                d.consent.signature_name = "Forged".into()
            }),
            ("the leaflet", |d| {
                d.consent.leaflet_given = !d.consent.leaflet_given
            }),
        ];
        for (what, change) in changes {
            let mut data = recorded();
            assert_eq!(status(&data), ConsentStatus::Recorded);
            change(&mut data);
            assert_eq!(
                status(&data),
                ConsentStatus::OutOfDate(OutOfDate::Changed),
                "{what}"
            );
        }
    }

    #[test]
    fn the_record_itself_keeps_it_recorded() {
        let mut data = recorded();
        data.consent.recorded_at = "2026-11-01T09:00:00Z".into();
        data.consent.history.push(ConsentHistoryEntry::default());
        assert_eq!(status(&data), ConsentStatus::Recorded);
    }

    #[test]
    fn recording_again_keeps_the_earlier_record_in_the_history() {
        let mut data = recorded();
        let first = data.consent.recorded_fingerprint.clone();
        data.consent.share_with.push("Police".into());
        record_agreement(&mut data, "2026-10-06T11:00:00Z");
        assert_eq!(status(&data), ConsentStatus::Recorded);
        assert_eq!(data.consent.history.len(), 1);
        assert_eq!(data.consent.history[0].recorded_fingerprint, first);
        assert_eq!(data.consent.history[0].recorded_at, "2026-10-05T10:00:00Z");
    }

    #[test]
    fn an_agreement_recorded_under_the_old_rule_is_out_of_date_and_says_why() {
        // What the first release stored: a fingerprint without the consent
        // block, and no rule number.
        let mut data = recorded();
        data.consent.fingerprint_rule = 0;
        let status = status(&data);
        assert_eq!(status, ConsentStatus::OutOfDate(OutOfDate::EarlierVersion));
        assert!(status
            .explanation()
            .expect("explained")
            .contains("recorded by an earlier version of CAF Lite"));
        data.consent.fingerprint_rule = 99;
        assert_eq!(
            super::consent_status::status(&data),
            ConsentStatus::OutOfDate(OutOfDate::NewerVersion)
        );
    }

    #[test]
    fn withdrawn_wins() {
        let mut data = recorded();
        data.consent.withdrawn_on = typed(2026, 11, 1);
        let withdrawn = status(&data);
        assert_eq!(withdrawn, ConsentStatus::Withdrawn(date(2026, 11, 1)));
        assert_eq!(withdrawn.banner(), "CONSENT WITHDRAWN ON 01/11/2026");
        assert_eq!(withdrawn.words(), "Withdrawn on 01/11/2026");
        // An impossible withdrawal date is an error, not a withdrawal.
        data.consent.withdrawn_on = boxes("31", "2", "2026");
        assert_eq!(status(&data), ConsentStatus::NotRecorded);
    }

    /// What this device remembers after the agreement recorded by
    /// `recorded()` was withdrawn on 20/11/2026, entered at `entered_at`.
    fn remembered_after(data: &Data, entered_at: &str) -> Vec<RememberedWithdrawal> {
        let mut withdrawn = data.clone();
        withdrawn.consent.withdrawn_on = typed(2026, 11, 20);
        settle_withdrawal(&mut withdrawn);
        let (on, ended) = withdrawal_to_remember(&withdrawn).expect("a withdrawal");
        let mut remembered = Vec::new();
        remember(&mut remembered, on, &ended, entered_at);
        remembered
    }

    fn status_with(data: &Data, remembered: &[RememberedWithdrawal]) -> ConsentStatus {
        let report = run(data, &Settings::default());
        consent_status(data, &report, remembered)
    }

    #[test]
    fn an_older_copy_of_a_withdrawn_agreement_is_withdrawn_by_the_device_record() {
        let older = recorded();
        assert_eq!(status(&older), ConsentStatus::Recorded);
        let remembered = remembered_after(&older, "2026-11-21T09:00:00Z");
        let on_device = status_with(&older, &remembered);
        assert_eq!(
            on_device,
            ConsentStatus::WithdrawnOnDevice(date(2026, 11, 20))
        );
        assert_eq!(on_device.banner(), "CONSENT WITHDRAWN ON 20/11/2026");
        assert_eq!(on_device.words(), "Withdrawn on 20/11/2026");
        assert!(on_device
            .explanation()
            .expect("explained")
            .contains("this copy was made before that"));
        // Out of date as well: withdrawn wins.
        let mut changed = older.clone();
        changed.consent.share_with.push("Police".to_owned());
        assert_eq!(
            status(&changed),
            ConsentStatus::OutOfDate(OutOfDate::Changed)
        );
        assert_eq!(
            status_with(&changed, &remembered),
            ConsentStatus::WithdrawnOnDevice(date(2026, 11, 20))
        );
        // A withdrawal the copy itself carries keeps its own date.
        let mut own = older.clone();
        own.consent.withdrawn_on = typed(2026, 11, 22);
        assert_eq!(
            status_with(&own, &remembered),
            ConsentStatus::Withdrawn(date(2026, 11, 22))
        );
    }

    #[test]
    fn recording_again_after_the_withdrawal_is_the_way_back() {
        let older = recorded();
        let remembered = remembered_after(&older, "2026-11-21T09:00:00Z");
        let mut again = older.clone();
        record_agreement(&mut again, "2026-11-21T09:00:01Z");
        assert_eq!(status_with(&again, &remembered), ConsentStatus::Recorded);
        // Another CAF's record, or none: nothing changes.
        assert_eq!(status_with(&older, &[]), ConsentStatus::Recorded);
        assert_eq!(
            status_with(&complete_data(), &remembered),
            ConsentStatus::NotRecorded
        );
    }

    #[test]
    fn the_remembered_withdrawal_written_into_an_older_copy_makes_it_withdrawn_itself() {
        let mut older = recorded();
        let remembered = remembered_after(&older, "2026-11-21T09:00:00Z");
        assert!(write_in_remembered(&mut older, &remembered));
        assert!(settle_withdrawal(&mut older));
        // No longer needs the device's record: its exports carry it.
        assert_eq!(status(&older), ConsentStatus::Withdrawn(date(2026, 11, 20)));
        assert!(older.consent.withdrawn_note.contains(REMEMBERED_NOTE));
        // Clearing the date does not bring the agreement back.
        older.consent.withdrawn_on = DateDraft::default();
        assert_eq!(status_with(&older, &remembered), ConsentStatus::NotRecorded);
    }
}

mod threshold {
    use super::*;
    use caf_lite::validate::{advice, Suggestion};

    #[test]
    fn advice_follows_the_local_threshold() {
        let mut data = complete_data();
        // One unmet need: health alone is a concern.
        data.needs.basic_care.rating = "no_concern".into();
        data.needs.housing_finance.rating = "no_concern".into();
        let advice_now = advice(&data.needs, &Settings::default());
        assert_eq!(
            (advice_now.unmet_needs, advice_now.suggests),
            (1, Suggestion::SingleAgency)
        );
        let low = Settings {
            unmet_needs_threshold: 1,
            ..Settings::default()
        };
        assert_eq!(
            advice(&data.needs, &low).suggests,
            Suggestion::TeamAroundChild
        );
    }
}

/// `check` never panics, whatever was typed or imported: any Unicode (RTL
/// overrides, combining marks, astral characters), huge strings and lists of
/// 0 to 5 items in every field.
mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Text of every kind a person, a paste or a hand-edited file could give.
    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => any::<String>(),
            4 => proptest::collection::vec(
                prop_oneof![
                    Just('\u{202E}'), Just('\u{202D}'), Just('\u{2067}'), Just('\u{200F}'),
                    Just('\u{0301}'), Just('\u{FEFF}'), Just('\u{0000}'), Just('𝔘'), Just('😀'),
                    Just('٩'), Just('é'), Just(' '), Just('-'), Just('\''), Just('@'), Just('.'),
                    Just('#'), Just('+'), Just('('), Just(')'), Just(':'), Just('x'),
                    proptest::char::range('0', '9'), proptest::char::range('A', 'Z'),
                ],
                0..40,
            )
            .prop_map(|chars| chars.into_iter().collect()),
            1 => (any::<char>(), 10_000..20_000usize).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
            2 => prop_oneof![
                Just(String::new()), Just("yes".to_string()), Just("no".to_string()),
                Just("team_around_child".to_string()), Just("some_concern".to_string()),
                Just("signed_on_screen".to_string()), Just("continue".to_string()),
                Just("close".to_string()), Just("943 476 5919".to_string()),
                Just("+44 (0)7700 900982 ext 12".to_string()), Just("gir 0aa".to_string()),
            ],
        ]
    }

    fn any_date() -> impl Strategy<Value = DateDraft> {
        let part = || {
            prop_oneof![
                2 => (0u32..10_000).prop_map(|n| n.to_string()),
                1 => any_text(),
                1 => Just(String::new()),
                1 => Just("-1".to_string()),
                1 => Just("9999".to_string()),
                1 => Just("0000".to_string()),
            ]
        };
        (part(), part(), part()).prop_map(|(day, month, year)| DateDraft { day, month, year })
    }

    fn list<T: std::fmt::Debug>(item: impl Strategy<Value = T>) -> impl Strategy<Value = Vec<T>> {
        proptest::collection::vec(item, 0..=5)
    }

    /// An index into the pool of texts (or dates) drawn for one case. Drawing a
    /// pool and picking from it keeps generation fast while every field still
    /// sees every kind of text.
    fn pick() -> impl Strategy<Value = usize> {
        0..POOL
    }

    const POOL: usize = 16;

    prop_compose! {
        fn any_data()(
            texts in proptest::collection::vec(any_text(), POOL),
            dates in proptest::collection::vec(any_date(), 6),
            slots in proptest::collection::vec(pick(), 64),
            flags in proptest::collection::vec(any::<bool>(), 8),
            ratings in proptest::collection::vec((pick(), pick()), 14),
            parents in list((pick(), pick(), pick(), pick(), pick())),
            household in list((pick(), pick(), pick())),
            services in list((pick(), pick(), pick())),
            team in list((pick(), pick(), pick(), pick())),
            actions in list((pick(), pick(), pick(), pick(), pick(), pick())),
            reviews in list((pick(), pick(), pick(), pick(), pick(), list(pick()))),
            share_with in list(pick()),
            reasons in list(pick()),
        ) -> Data {
            // Field slot `i` takes the pooled text its slot number picks; list
            // items pick directly.
            let t = |i: usize| texts[slots[i % slots.len()]].clone();
            let p = |i: usize| texts[i % POOL].clone();
            let d = |i: usize| dates[i % dates.len()].clone();
            let mut data = Data {
                start: StartDraft {
                    significant_harm: t(0), existing_check: t(1), assess_agreed_by: t(2),
                    assess_agreed_relationship: t(3), assess_agreed_on: d(0),
                },
                ..Data::default()
            };
            data.child = ChildDraft {
                unborn: flags[0], given_name: t(4), family_name: t(5), known_as: t(6),
                date_of_birth: d(1), expected_date: d(2), sex: t(7), no_fixed_abode: flags[1],
                address: t(8), postcode: t(9), phone: t(10), first_language: t(11),
                interpreter_needed: t(12), disability: t(13), disability_details: t(14),
                nhs_number: t(15), upn: t(16), setting: t(17), ethnicity: t(18),
            };
            data.parents = parents.into_iter().map(|(name, relationship, pr, phone, email)| ParentDraft {
                name: p(name), relationship: p(relationship), parental_responsibility: p(pr),
                phone: p(phone), email: p(email), address: t(19), lives_with_child: t(20),
            }).collect();
            data.household = household.into_iter().map(|(name, relationship, born)| {
                HouseholdMemberDraft { name: p(name), relationship: p(relationship), date_of_birth: d(born) }
            }).collect();
            data.family.notes = t(21);
            data.assessor = AssessorDraft {
                name: t(22), role: t(23), organisation: t(24), phone: t(25), email: t(26), ofsted_urn: t(27),
            };
            data.assessment.started_on = d(3);
            data.services = services.into_iter().map(|(service, phone, email)| ServiceDraft {
                service: p(service), contact_name: t(28), phone: p(phone), email: p(email),
            }).collect();
            data.reason = ReasonDraft { summary: t(29), people_present: t(30) };
            for (element, (rating, notes)) in ELEMENTS.iter().zip(ratings) {
                if let Some(slot) = data.needs.element_mut(element.code) {
                    *slot = NeedDraft { rating: p(rating), notes: p(notes) };
                }
            }
            data.views = ViewsDraft { child: t(31), child_not_sought: t(32), parent: t(33) };
            data.conclusion = ConclusionDraft { summary: t(34), response: t(35) };
            data.plan = PlanDraft {
                meeting_date: d(4),
                team: team.into_iter().map(|(name, role, agency, phone)| TeamMemberDraft {
                    name: p(name), role: p(role), agency: p(agency), phone: p(phone), email: t(36),
                    id: String::new(),
                }).collect(),
                lead: LeadDraft {
                    name: t(37), role: t(38), agency: t(39), phone: t(40), email: t(41),
                    agreed_with_family: flags[2], reasons: reasons.into_iter().map(p).collect(),
                },
                deputy: DeputyDraft { name: t(42), role: t(43), phone: t(44), until: d(5) },
                actions: actions.into_iter().map(|(need, what, who, due, outcome, ecm)| ActionDraft {
                    need: p(need), what: p(what), who: p(who), due: d(due), outcome: p(outcome),
                    ecm: p(ecm), status: t(45), progress: t(46), id: String::new(),
                }).collect(),
                next_review: d(6),
            };
            data.consent = ConsentDraft {
                given_by: t(47), relationship: t(48), parental_responsibility: t(49),
                young_person: t(50), explained: flags[3], store: flags[4],
                share_with: share_with.into_iter().map(p).collect(),
                not_share_with: t(51), sensitive: flags[5], method: t(52), signature: t(53),
                signature_name: t(54), date: d(7), time: t(55), practitioner: t(56),
                leaflet_given: flags[6], withdrawn_on: d(8), withdrawn_note: t(57),
                recorded_fingerprint: t(58), recorded_at: t(59), fingerprint_rule: 2, history: Vec::new(),
            };
            data.reviews = reviews.into_iter().map(|(date, summary, decision, next_review, closure_reason, actions)| {
                ReviewDraft {
                    id: String::new(),
                    date: d(date), present: t(60), summary: p(summary),
                    actions: actions.into_iter().map(|what| ReviewActionDraft {
                        what: p(what), status: t(61), progress: t(62),
                    }).collect(),
                    child_comments: t(63), parent_comments: t(0), decision: p(decision),
                    next_review: d(next_review), closure_reason: p(closure_reason), closure_notes: t(1),
                }
            }).collect();
            data
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn check_never_panics(data in any_data(), threshold in 0usize..20, weeks in 0u32..60) {
            let settings = Settings { unmet_needs_threshold: threshold, review_warning_weeks: weeks, ..Settings::default() };
            let checked = validate::check(&data, today(), &settings);
            // Every issue has a path and words.
            for issue in checked.report.issues() {
                prop_assert!(!issue.path.is_empty());
                prop_assert!(!issue.message.is_empty());
                prop_assert!(caf_lite::form::Step::of_path(&issue.path).is_some(), "{} is on no step", issue.path);
            }
            let _ = consent_status(&data, &checked.report, &[]);
            let _ = validate::advice(&data.needs, &settings);
            let print = fingerprint(&data);
            prop_assert_eq!(print.len(), 16);
        }
    }
}
