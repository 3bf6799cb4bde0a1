//! `check`: every rule of caf-form.md §3.1–§3.10 and §3.12. Lengths and
//! formats come from the `validator` derive on the draft types; required,
//! conditional and cross-field rules are plain Rust here, because they depend
//! on other answers (unborn, age, the response chosen), which `validator`'s
//! per-field attributes cannot express without a context argument on every
//! struct. Issues are reported in form order.

use std::collections::BTreeMap;

use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::domain::data_url::png_from_data_url;
use crate::domain::date::DateError;
use crate::domain::elements::{element_by_code, is_need, ELEMENTS, RATINGS};
use crate::domain::{Assessment, Data, Date, DateDraft, Ecm, NhsNumber, Postcode, Settings, Upn};
use crate::validate::labels::{capitalise, message_for_code, short_title, subject, the};
use crate::validate::{Report, Severity};

/// The result of checking a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Every error and warning, in form order.
    pub report: Report,
    /// The checked assessment, `None` while the report has any error.
    pub assessment: Option<Assessment>,
}

/// Checks every answer in `data` as of `today` under the local `settings`.
/// Never panics and never changes the answers.
pub fn check(data: &Data, today: Date, settings: &Settings) -> Checked {
    let mut checker = Checker {
        report: Report::default(),
        formats: format_issues(data),
        today,
        settings,
    };
    checker.start(data);
    let child = checker.child(data);
    checker.family(data);
    checker.assessor(data);
    checker.reason(data);
    checker.needs(data);
    checker.views(data, child.age);
    checker.conclusion(data);
    checker.plan(data);
    checker.consent(data, child.age);
    checker.reviews(data);
    // Anything the derive found on a path no rule above visits still counts.
    let left: Vec<(String, String)> = std::mem::take(&mut checker.formats)
        .into_iter()
        .flat_map(|(path, messages)| messages.into_iter().map(move |m| (path.clone(), m)))
        .collect();
    for (path, message) in left {
        checker.report.error(path, message);
    }
    let report = checker.report;
    let assessment = if report.has_errors() {
        None
    } else {
        Some(Assessment::new(
            data.clone(),
            child.nhs_number,
            child.upn,
            child.postcode,
            child.date_of_birth,
            child.expected_date,
        ))
    };
    Checked { report, assessment }
}

/// What the child step yields for the assessment and for age-dependent rules.
#[derive(Default)]
struct ChildFacts {
    nhs_number: Option<NhsNumber>,
    upn: Option<Upn>,
    postcode: Option<Postcode>,
    date_of_birth: Option<Date>,
    expected_date: Option<Date>,
    /// Age today, `None` when unborn or the date of birth is unknown.
    age: Option<i32>,
}

struct Checker<'a> {
    report: Report,
    /// Messages from the `validator` derive, by field path, waiting to be
    /// placed in form order.
    formats: BTreeMap<String, Vec<String>>,
    today: Date,
    settings: &'a Settings,
}

/// Runs the derive and words its errors by path.
fn format_issues(data: &Data) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    if let Err(errors) = data.validate() {
        collect(&mut out, "", &errors);
    }
    out
}

fn collect(out: &mut BTreeMap<String, Vec<String>>, prefix: &str, errors: &ValidationErrors) {
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Struct(inner) => collect(out, &path, inner),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    collect(out, &format!("{path}[{index}]"), inner);
                }
            }
            ValidationErrorsKind::Field(list) => {
                let messages = out.entry(path.clone()).or_default();
                for error in list {
                    messages.push(message_for_code(&path, &error.code, &error.params));
                }
            }
        }
    }
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

const YES_NO: &[&str] = &["yes", "no"];
const YES_NO_UNKNOWN: &[&str] = &["yes", "no", "unknown"];

impl Checker<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>) {
        self.report.error(path, message);
    }

    fn warning(&mut self, path: &str, message: impl Into<String>) {
        self.report.push(path, Severity::Warning, message);
    }

    /// Places the derive's messages for `path` here, in form order.
    fn formats_for(&mut self, path: &str) {
        if let Some(messages) = self.formats.remove(path) {
            for message in messages {
                self.report.error(path, message);
            }
        }
    }

    /// A text answer: "Enter …" when required and blank, then its format and
    /// length issues. Returns whether something was typed.
    fn text(&mut self, path: &str, value: &str, required: bool) -> bool {
        let present = !blank(value);
        if required && !present {
            self.error(path, format!("Enter {}", the(path)));
        }
        self.formats_for(path);
        present
    }

    /// A choice: `message` when required and unanswered, or when the stored
    /// code is not one of `codes` (a hand-edited or imported file).
    fn choice(&mut self, path: &str, value: &str, codes: &[&str], required: bool, message: &str) {
        let value = value.trim();
        if value.is_empty() {
            if required {
                self.error(path, message);
            }
        } else if !codes.contains(&value) {
            self.error(path, message);
        }
    }

    /// A date: "Enter …" when required and blank, which box is missing, or
    /// that it is not a real date. Returns the date when there is one.
    fn date(&mut self, path: &str, draft: &DateDraft, required: bool) -> Option<Date> {
        let subject = subject(path);
        match draft.parse() {
            Ok(Some(date)) => Some(date),
            Ok(None) => {
                if required {
                    self.error(path, format!("Enter {}", the(path)));
                }
                None
            }
            Err(DateError::Incomplete {
                missing_day,
                missing_month,
                missing_year,
            }) => {
                let missing: Vec<&str> = [
                    (missing_day, "day"),
                    (missing_month, "month"),
                    (missing_year, "year"),
                ]
                .into_iter()
                .filter(|(missing, _)| *missing)
                .map(|(_, name)| name)
                .collect();
                let what = match missing.as_slice() {
                    [one] => format!("a {one}"),
                    [one, two] => format!("a {one} and {two}"),
                    _ => "a day, month and year".to_string(),
                };
                self.error(path, format!("{subject} must include {what}"));
                None
            }
            Err(DateError::YearNotFourDigits) => {
                self.error(
                    path,
                    format!("{subject} must have a year with 4 numbers, like 2019"),
                );
                None
            }
            Err(DateError::NotANumber | DateError::MonthOutOfRange | DateError::NoSuchDay) => {
                self.error(path, format!("{subject} must be a real date"));
                None
            }
        }
    }

    /// A date that must be today or earlier.
    fn past_date(&mut self, path: &str, draft: &DateDraft, required: bool) -> Option<Date> {
        let date = self.date(path, draft, required)?;
        if date > self.today {
            self.error(
                path,
                format!("{} must be today or in the past", subject(path)),
            );
            return None;
        }
        Some(date)
    }

    fn phone(&mut self, path: &str, value: &str, required: bool) {
        if required && blank(value) {
            self.error(path, format!("Enter {}, like 01632 960 001", the(path)));
        }
        self.formats_for(path);
    }

    // §3.1
    fn start(&mut self, data: &Data) {
        let start = &data.start;
        self.choice(
            "start.significant_harm",
            &start.significant_harm,
            YES_NO,
            true,
            "Select yes if you think this child is at risk of significant harm",
        );
        if start.significant_harm.trim() == "yes" {
            self.error(
                "start.significant_harm",
                format!(
                    "This child may be at risk of significant harm – do not use a CAF. {}",
                    self.settings.safeguarding_message.trim_end_matches('.')
                ),
            );
        }
        self.choice(
            "start.existing_check",
            &start.existing_check,
            &["checked_none", "checked_exists", "not_checked"],
            true,
            "Select whether you have checked if a CAF is already open for this child",
        );
        if start.existing_check.trim() == "checked_exists" {
            self.warning(
                "start.existing_check",
                "A CAF is already open for this child – contact its lead professional before starting another",
            );
        }
        self.text("start.assess_agreed_by", &start.assess_agreed_by, true);
        self.text(
            "start.assess_agreed_relationship",
            &start.assess_agreed_relationship,
            true,
        );
        self.past_date("start.assess_agreed_on", &start.assess_agreed_on, true);
    }

    // §3.2
    fn child(&mut self, data: &Data) -> ChildFacts {
        let child = &data.child;
        let mut facts = ChildFacts::default();
        let born = !child.unborn;
        self.text("child.given_name", &child.given_name, born);
        self.text("child.family_name", &child.family_name, born);
        self.text("child.known_as", &child.known_as, false);
        if let Some(date) = self.past_date("child.date_of_birth", &child.date_of_birth, born) {
            if born {
                let age = date.age_on(self.today);
                facts.date_of_birth = Some(date);
                facts.age = Some(age);
                if age > 25 {
                    self.error(
                        "child.date_of_birth",
                        format!("The child would be {age} – a CAF is only for children and young people up to 25, so check the date of birth"),
                    );
                } else if age >= 19 {
                    self.warning(
                        "child.date_of_birth",
                        format!("The young person is {age} – a CAF from 19 to 25 is only for young people with special educational needs or disabilities"),
                    );
                }
            }
        }
        if let Some(date) = self.date("child.expected_date", &child.expected_date, child.unborn) {
            if child.unborn {
                facts.expected_date = Some(date);
                let days_ahead = self.today.days_until(date);
                if days_ahead < 0 {
                    self.warning(
                        "child.expected_date",
                        "The expected date of delivery is in the past – has the baby been born? If so, untick ‘unborn baby’ and enter the date of birth",
                    );
                } else if days_ahead > 42 * 7 {
                    self.warning(
                        "child.expected_date",
                        "The expected date of delivery is more than 42 weeks away – check the date",
                    );
                }
            }
        }
        self.choice(
            "child.sex",
            &child.sex,
            &["male", "female", "unknown", "not_stated"],
            true,
            "Select the child's sex, or ‘unknown’ or ‘not stated’",
        );
        let housed = !child.no_fixed_abode;
        self.text("child.address", &child.address, housed);
        if housed && blank(&child.postcode) {
            self.error("child.postcode", "Enter a postcode, like ME4 4TR");
        }
        self.formats_for("child.postcode");
        facts.postcode = Postcode::parse(&child.postcode).ok();
        self.phone("child.phone", &child.phone, false);
        self.choice(
            "child.interpreter_needed",
            &child.interpreter_needed,
            YES_NO,
            false,
            "Select yes if an interpreter is needed",
        );
        self.choice(
            "child.disability",
            &child.disability,
            YES_NO_UNKNOWN,
            false,
            "Select whether the child has a disability or special educational needs",
        );
        self.text("child.disability_details", &child.disability_details, false);
        self.formats_for("child.nhs_number");
        if let Ok(number) = NhsNumber::parse(&child.nhs_number) {
            if number.is_test_range() {
                self.warning(
                    "child.nhs_number",
                    "This NHS number starts with 999, which is only used for testing – check it is the child's real NHS number",
                );
            }
            facts.nhs_number = Some(number);
        }
        self.formats_for("child.upn");
        facts.upn = Upn::parse(&child.upn).ok();
        facts
    }

    // §3.3
    fn family(&mut self, data: &Data) {
        if data.parents.is_empty() {
            self.error("parents", "Add at least one parent or carer");
        }
        for (i, parent) in data.parents.iter().enumerate() {
            let at = |field: &str| format!("parents[{i}].{field}");
            self.text(&at("name"), &parent.name, true);
            self.text(&at("relationship"), &parent.relationship, true);
            self.choice(
                &at("parental_responsibility"),
                &parent.parental_responsibility,
                YES_NO_UNKNOWN,
                true,
                &format!(
                    "Select whether parent or carer {} has parental responsibility",
                    i + 1
                ),
            );
            if i == 0 && blank(&parent.phone) && blank(&parent.email) {
                self.error(
                    &at("phone"),
                    "Enter a phone number or an email address for the first parent or carer",
                );
            }
            self.phone(&at("phone"), &parent.phone, false);
            self.text(&at("email"), &parent.email, false);
            self.text(&at("address"), &parent.address, false);
            self.choice(
                &at("lives_with_child"),
                &parent.lives_with_child,
                YES_NO,
                false,
                &format!(
                    "Select whether parent or carer {} lives with the child",
                    i + 1
                ),
            );
        }
        for (i, member) in data.household.iter().enumerate() {
            let at = |field: &str| format!("household[{i}].{field}");
            self.text(&at("name"), &member.name, true);
            self.text(&at("relationship"), &member.relationship, true);
            self.past_date(&at("date_of_birth"), &member.date_of_birth, false);
        }
        self.text("family.notes", &data.family.notes, false);
    }

    // §3.4
    fn assessor(&mut self, data: &Data) {
        let assessor = &data.assessor;
        self.text("assessor.name", &assessor.name, true);
        self.text("assessor.role", &assessor.role, true);
        self.text("assessor.organisation", &assessor.organisation, true);
        self.phone("assessor.phone", &assessor.phone, true);
        self.text("assessor.email", &assessor.email, false);
        self.text("assessor.ofsted_urn", &assessor.ofsted_urn, false);
        if let Some(started) =
            self.past_date("assessment.started_on", &data.assessment.started_on, true)
        {
            if let Ok(Some(agreed)) = data.start.assess_agreed_on.parse() {
                if started < agreed {
                    self.error(
                        "assessment.started_on",
                        format!("The date the assessment started must be the same as or after the date it was agreed ({agreed})"),
                    );
                }
            }
        }
        for (i, service) in data.services.iter().enumerate() {
            let at = |field: &str| format!("services[{i}].{field}");
            self.text(&at("service"), &service.service, true);
            self.text(&at("contact_name"), &service.contact_name, false);
            self.phone(&at("phone"), &service.phone, false);
            self.text(&at("email"), &service.email, false);
        }
    }

    // §3.5
    fn reason(&mut self, data: &Data) {
        self.text("reason.summary", &data.reason.summary, true);
        self.text("reason.people_present", &data.reason.people_present, false);
    }

    // §3.6
    fn needs(&mut self, data: &Data) {
        let mut any_rated = false;
        for element in &ELEMENTS {
            let Some(need) = data.needs.element(element.code) else {
                continue;
            };
            let rating_path = format!("needs.{}.rating", element.code);
            let notes_path = format!("needs.{}.notes", element.code);
            let rating = need.rating.trim();
            any_rated |= !rating.is_empty();
            self.choice(
                &rating_path,
                rating,
                &RATINGS,
                false,
                &format!("Select a rating for {}", short_title(element.title)),
            );
            if is_need(rating) && blank(&need.notes) {
                self.error(
                    &notes_path,
                    format!(
                        "Enter notes on {} – say what the concern is",
                        short_title(element.title)
                    ),
                );
            }
            self.formats_for(&notes_path);
        }
        if !any_rated {
            self.error("needs", "Rate at least one strength or need");
        }
    }

    // §3.7
    fn views(&mut self, data: &Data, age: Option<i32>) {
        let views = &data.views;
        let required = age.is_some_and(|age| age >= 5) && blank(&views.child_not_sought);
        if required && blank(&views.child) {
            self.error(
                "views.child",
                "Enter the child's views in their own words, or say why they were not sought",
            );
        }
        self.formats_for("views.child");
        self.text("views.child_not_sought", &views.child_not_sought, false);
        self.text("views.parent", &views.parent, true);
    }

    // §3.8
    fn conclusion(&mut self, data: &Data) {
        self.text("conclusion.summary", &data.conclusion.summary, true);
        self.choice(
            "conclusion.response",
            &data.conclusion.response,
            &["single_agency", "team_around_child"],
            true,
            "Select a single-agency response or a Team Around the Child",
        );
    }

    // §3.9
    fn plan(&mut self, data: &Data) {
        let plan = &data.plan;
        let required = data.conclusion.response.trim() == "team_around_child";
        let meeting = self.date("plan.meeting_date", &plan.meeting_date, required);
        if let (Some(meeting), Ok(Some(started))) = (meeting, data.assessment.started_on.parse()) {
            if meeting < started {
                self.error(
                    "plan.meeting_date",
                    format!("The date of the first team meeting must be the same as or after the date the assessment started ({started})"),
                );
            }
        }
        if required && plan.team.is_empty() {
            self.error("plan.team", "Add at least one team member");
        }
        for (i, member) in plan.team.iter().enumerate() {
            let at = |field: &str| format!("plan.team[{i}].{field}");
            self.text(&at("name"), &member.name, true);
            self.text(&at("role"), &member.role, true);
            self.text(&at("agency"), &member.agency, true);
            self.phone(&at("phone"), &member.phone, false);
            self.text(&at("email"), &member.email, false);
        }
        let lead = &plan.lead;
        self.text("plan.lead.name", &lead.name, required);
        self.text("plan.lead.role", &lead.role, required);
        self.text("plan.lead.agency", &lead.agency, required);
        self.phone("plan.lead.phone", &lead.phone, required);
        self.text("plan.lead.email", &lead.email, false);
        if required && !lead.agreed_with_family {
            self.error(
                "plan.lead.agreed_with_family",
                "Confirm the family agreed who the lead professional is",
            );
        }
        const REASONS: &[&str] = &[
            "main_need",
            "key_agency",
            "statutory_role",
            "existing_relationship",
            "family_preference",
            "best_communicator",
        ];
        if lead
            .reasons
            .iter()
            .any(|reason| !REASONS.contains(&reason.trim()))
        {
            self.error("plan.lead.reasons", "Select only reasons from the list");
        }
        self.text("plan.deputy.name", &plan.deputy.name, false);
        self.text("plan.deputy.role", &plan.deputy.role, false);
        self.phone("plan.deputy.phone", &plan.deputy.phone, false);
        self.date("plan.deputy.until", &plan.deputy.until, false);
        if required && plan.actions.is_empty() {
            self.error("plan.actions", "Add at least one action");
        }
        let ecm_codes: Vec<&str> = Ecm::ALL.iter().map(|ecm| ecm.code()).collect();
        for (i, action) in plan.actions.iter().enumerate() {
            let n = i + 1;
            let at = |field: &str| format!("plan.actions[{i}].{field}");
            let need = action.need.trim();
            if need.is_empty() || (need != "other" && element_by_code(need).is_none()) {
                self.error(
                    &at("need"),
                    format!("Select the need action {n} is for, or ‘other’"),
                );
            }
            self.text(&at("what"), &action.what, true);
            self.text(&at("who"), &action.who, true);
            if let (Some(due), Some(meeting)) = (self.date(&at("due"), &action.due, true), meeting)
            {
                if due < meeting {
                    self.error(
                        &at("due"),
                        format!("The date action {n} is due must be the same as or after the first team meeting ({meeting})"),
                    );
                }
            }
            self.text(&at("outcome"), &action.outcome, true);
            self.choice(
                &at("ecm"),
                &action.ecm,
                &ecm_codes,
                true,
                &format!("Select the Every Child Matters outcome for action {n}"),
            );
            self.choice(
                &at("status"),
                &action.status,
                &["not_started", "in_progress", "done", "stopped"],
                true,
                &format!("Select the status of action {n}"),
            );
            self.text(&at("progress"), &action.progress, false);
        }
        let next = self.date("plan.next_review", &plan.next_review, required);
        if let (Some(next), Some(meeting)) = (next, meeting) {
            self.review_interval("plan.next_review", next, meeting, "the first team meeting");
        }
    }

    /// A next review must be after `since`; more than the local number of
    /// weeks after it is a warning.
    fn review_interval(&mut self, path: &str, next: Date, since: Date, since_words: &str) {
        if next <= since {
            self.error(
                path,
                format!("{} must be after {since_words} ({since})", subject(path)),
            );
            return;
        }
        let weeks = self.settings.review_warning_weeks;
        if since.days_until(next) > i64::from(weeks) * 7 {
            self.warning(
                path,
                format!("{} is more than {weeks} weeks after {since_words} – most plans are reviewed every 4 to {weeks} weeks", capitalise(&the(path))),
            );
        }
    }

    // §3.10
    fn consent(&mut self, data: &Data, age: Option<i32>) {
        let consent = &data.consent;
        self.text("consent.given_by", &consent.given_by, true);
        self.text("consent.relationship", &consent.relationship, true);
        let pr = consent.parental_responsibility.trim();
        self.choice(
            "consent.parental_responsibility",
            pr,
            YES_NO_UNKNOWN,
            true,
            "Select whether the person giving agreement has parental responsibility",
        );
        if matches!(pr, "no" | "unknown") && !is_young_person(data) {
            self.warning(
                "consent.parental_responsibility",
                "The person giving agreement does not have parental responsibility, or it is not known – check someone with parental responsibility agrees",
            );
        }
        self.choice(
            "consent.young_person",
            &consent.young_person,
            &["agreed", "not_agreed", "not_appropriate"],
            age.is_some_and(|age| age >= 12),
            "Select whether the young person agrees to their information being shared",
        );
        if !consent.explained {
            self.error(
                "consent.explained",
                "Confirm you explained what will be shared, with whom and why, and that they understood",
            );
        }
        if !consent.store {
            self.error(
                "consent.store",
                "Confirm they agree to this information being recorded and stored",
            );
        }
        if consent.share_with.iter().all(|agency| blank(agency)) {
            self.error(
                "consent.share_with",
                "Select or enter at least one agency they agree to share information with",
            );
        }
        self.text("consent.not_share_with", &consent.not_share_with, false);
        let method = consent.method.trim();
        self.choice(
            "consent.method",
            method,
            &[
                "signed_paper",
                "signed_on_screen",
                "verbal_in_person",
                "verbal_phone",
                "verbal_video",
            ],
            true,
            "Select how agreement was given",
        );
        let signature = consent.signature.trim();
        // A stored signature that is not a readable PNG (an edited or
        // hand-made file) prints nothing, so it counts as no signature.
        let readable = png_from_data_url(signature).is_some();
        if method == "signed_on_screen" && !readable && blank(&consent.signature_name) {
            self.error(
                "consent.signature",
                "Ask them to sign in the box, or to type their name instead",
            );
        }
        if !signature.is_empty() && !readable {
            self.error(
                "consent.signature",
                "The signature could not be read – ask them to sign again",
            );
        }
        if let Some(date) = self.past_date("consent.date", &consent.date, true) {
            if let Ok(Some(agreed)) = data.start.assess_agreed_on.parse() {
                if date < agreed {
                    self.error(
                        "consent.date",
                        format!("The date agreement was given must be the same as or after the date the assessment was agreed ({agreed})"),
                    );
                }
            }
        }
        self.text("consent.time", &consent.time, false);
        self.text("consent.practitioner", &consent.practitioner, true);
        if let Some(withdrawn) =
            self.past_date("consent.withdrawn_on", &consent.withdrawn_on, false)
        {
            if let Ok(Some(given)) = consent.date.parse() {
                if withdrawn < given {
                    self.error(
                        "consent.withdrawn_on",
                        format!("The date agreement was withdrawn must be the same as or after the date it was given ({given})"),
                    );
                }
            }
        }
        self.text("consent.withdrawn_note", &consent.withdrawn_note, false);
    }

    // §3.12
    fn reviews(&mut self, data: &Data) {
        let meeting = data.plan.meeting_date.parse().ok().flatten();
        for (i, review) in data.reviews.iter().enumerate() {
            let n = i + 1;
            let at = |field: &str| format!("reviews[{i}].{field}");
            let date = self.past_date(&at("date"), &review.date, true);
            if let (Some(date), Some(meeting)) = (date, meeting) {
                if date <= meeting {
                    self.error(
                        &at("date"),
                        format!("The date of review {n} must be after the first team meeting ({meeting})"),
                    );
                }
            }
            self.text(&at("present"), &review.present, false);
            self.text(&at("summary"), &review.summary, true);
            if review.actions.is_empty() && !data.plan.actions.is_empty() {
                self.error(
                    &at("actions"),
                    format!("Record where each plan action stands at review {n}"),
                );
            }
            self.text(&at("child_comments"), &review.child_comments, false);
            self.text(&at("parent_comments"), &review.parent_comments, false);
            let decision = review.decision.trim();
            self.choice(
                &at("decision"),
                decision,
                &["continue", "close"],
                true,
                &format!("Select whether to continue the plan or close the CAF at review {n}"),
            );
            let next = self.date(
                &at("next_review"),
                &review.next_review,
                decision == "continue",
            );
            if let (Some(next), Some(date)) = (next, date) {
                self.review_interval(&at("next_review"), next, date, &format!("review {n}"));
            }
            self.choice(
                &at("closure_reason"),
                &review.closure_reason,
                &[
                    "needs_met",
                    "step_down_single_agency",
                    "step_up_social_care",
                    "consent_withdrawn",
                    "moved_area",
                    "other",
                ],
                decision == "close",
                &format!("Select why the CAF is closing at review {n}"),
            );
            self.text(&at("closure_notes"), &review.closure_notes, false);
        }
    }
}

/// Whether the person giving agreement is the young person themself: their
/// relationship says so ("young person", "child", "self"), or their name is
/// the child's.
fn is_young_person(data: &Data) -> bool {
    let relationship = data.consent.relationship.trim().to_lowercase();
    let relationship = relationship.strip_prefix("the ").unwrap_or(&relationship);
    if matches!(
        relationship,
        "young person" | "child" | "self" | "myself" | "themself" | "themselves"
    ) {
        return true;
    }
    let squash = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let given_by = squash(&data.consent.given_by);
    let child = &data.child;
    !given_by.is_empty()
        && [&child.given_name, &child.known_as]
            .iter()
            .filter(|first| !blank(first))
            .any(|first| given_by == squash(&format!("{first} {}", child.family_name)))
}
