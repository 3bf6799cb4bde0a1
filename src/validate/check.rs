//! `check`: every rule of caf-form.md §3.1–§3.10 and §3.12, in form order.
//! One generic pass reads the form table (`form::caf`): for each field,
//! whether an answer is needed, that a choice is one of its choices, its
//! length and its format (`Field::check`). Only the rules that span answers
//! are written here, each named in the table beside the field it reports on
//! (`Field::rule`) and run right after that field, so issues still come in
//! form order and no rule depends on how a path is spelt.

use validator::ValidateLength;

use crate::domain::data_url::png_from_data_url;
use crate::domain::date::DateError;
use crate::domain::{Data, Date, DateDraft, NhsNumber, Settings};
use crate::form::caf;
use crate::form::choices::{CHECKED_EXISTS, NO, SIGNED_ON_SCREEN, UNKNOWN, YES};
use crate::form::{Access, At, Block, Check, Field, Kind, List, Required, Rule, Special, Step};
use crate::validate::words::{self, capitalise, fill, noun, the};
use crate::validate::{rules, Report, Severity};

/// The result of checking a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Every error and warning, in form order.
    pub report: Report,
}

/// Checks every answer in `data` as of `today` under the local `settings`.
/// Never panics and never changes the answers.
pub fn check(data: &Data, today: Date, settings: &Settings) -> Checked {
    let mut checker = Checker::new(data, today, settings);
    for step in Step::ANSWERED {
        for block in caf::blocks(step) {
            match block {
                Block::Field(field) => checker.field(field, 0),
                Block::List(list) => checker.list(list),
                Block::Special(Special::Signature) => {
                    checker.field(&caf::CONSENT_SIGNATURE_NAME, 0)
                }
                Block::Heading(_) | Block::Text(_) | Block::Special(_) => (),
            }
        }
        checker.after_step(step);
    }
    checker.list(&caf::REVIEWS);
    Checked {
        report: checker.report,
    }
}

/// The generic checks of `fields` alone, item `idx` of each: what any
/// question of any table gets (needed, one of its choices, length, format),
/// and the rules that span answers when one reports on it.
pub fn check_fields(
    fields: &[&Field],
    idx: usize,
    data: &Data,
    today: Date,
    settings: &Settings,
) -> Report {
    let mut checker = Checker::new(data, today, settings);
    for field in fields {
        checker.field(field, idx);
    }
    checker.report
}

/// What is typed wrong in meeting `idx` (caf-form.md §3.13): a time that
/// is not a time, a place or joining details over their limit, a date that
/// is not a date. Meetings are no step: this never counts towards a step or
/// the agreement, and what is missing before an invitation or a calendar
/// file can be made is `domain::meetings::gaps`, said beside those buttons.
pub fn check_meeting(data: &Data, idx: usize, today: Date, settings: &Settings) -> Report {
    let typed: Vec<&Field> = caf::MEETING_FIELDS
        .iter()
        .filter(|field| !field.is_blank(data, idx))
        .collect();
    check_fields(&typed, idx, data, today, settings)
}

/// Whether the safeguarding gate is closed: significant harm answered yes.
/// The step pages stop here, and the answer is an error, so nothing prints
/// as if a CAF were the right tool.
pub fn safeguarding_stop(data: &Data) -> bool {
    data.start.significant_harm.trim() == YES.code
}

/// Whether a later date may fall on the same day as the earlier one.
#[derive(Clone, Copy)]
enum After {
    OrSame,
    Strictly,
}

/// A typed date, `None` when blank or not a real date.
fn parsed(draft: &DateDraft) -> Option<Date> {
    draft.parse().ok().flatten()
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

struct Checker<'a> {
    report: Report,
    data: &'a Data,
    today: Date,
    settings: &'a Settings,
    /// The child's age today, once the date of birth is checked; `None`
    /// when unborn or the date of birth is unknown.
    age: Option<i32>,
}

impl<'a> Checker<'a> {
    fn new(data: &'a Data, today: Date, settings: &'a Settings) -> Checker<'a> {
        Checker {
            report: Report::default(),
            data,
            today,
            settings,
            age: None,
        }
    }

    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.report.error(path, message);
    }

    fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.report.push(path, Severity::Warning, message);
    }

    /// A list: at least one item when needed, then every item's fields.
    fn list(&mut self, list: &List) {
        let len = (list.len)(self.data);
        if len == 0 && self.is_required(list.required, At::default()) {
            self.error(list.path, list.missing);
        }
        for idx in 0..len {
            for field in list.fields {
                self.field(field, idx);
            }
            // The lists inside the item, each item's questions in turn.
            for sub in list.lists {
                for sub_idx in 0..(sub.len)(self.data, idx) {
                    for field in sub.fields {
                        self.field(field, At::sub(idx, sub_idx));
                    }
                }
            }
        }
    }

    fn is_required(&self, required: Required, at: At) -> bool {
        match required {
            Required::Always => true,
            Required::Never | Required::Rule => false,
            Required::When(holds) => holds(self.data, at),
        }
    }

    /// The generic checks of one field of item `idx`, then the rules that
    /// span answers and report on it. A question that the other answers
    /// hide (`Field::is_shown`, per list item) is not checked at all: its
    /// answer is kept as typed, but an error on a control the user cannot
    /// see would keep the step from "Completed" and block the agreement.
    /// It is checked again as soon as it shows.
    /// A question of a list inside a list item (`At::sub`) is numbered in
    /// its messages by the outer item.
    fn field(&mut self, field: &Field, at: impl Into<At>) {
        let at = at.into();
        let idx = at.item;
        if !field.is_shown(self.data, at) {
            return;
        }
        let path = field.path_at(at);
        let required = self.is_required(field.required, at);
        match field.access {
            Access::Text(get, _) => {
                let value = get(self.data, at).map_or("", String::as_str);
                match field.kind {
                    Kind::Radios(choices) | Kind::Select(choices) => {
                        let value = value.trim();
                        let known = choices.iter().any(|choice| choice.code == value);
                        if (value.is_empty() && required) || (!value.is_empty() && !known) {
                            self.error(&path, fill(field.missing, idx));
                        }
                    }
                    _ => self.text(field, idx, &path, value, required),
                }
            }
            Access::Date(get, _) => {
                if let Some(draft) = get(self.data, at) {
                    self.date(field, idx, &path, draft, required);
                }
            }
            Access::Bool(get, _) => {
                if required && !get(self.data, at).copied().unwrap_or(false) {
                    self.error(&path, fill(field.missing, idx));
                }
            }
            Access::Strings(get, _) => {
                let values = get(self.data, at).map_or(&[][..], Vec::as_slice);
                let choices = field.choices();
                if required && values.iter().all(|value| blank(value)) {
                    self.error(&path, fill(field.missing, idx));
                }
                // Checkboxes without choices of their own take any answer.
                if !choices.is_empty()
                    && values
                        .iter()
                        .any(|value| !choices.iter().any(|choice| choice.code == value.trim()))
                {
                    self.error(&path, fill(field.missing, idx));
                }
            }
        }
        self.rules(field, idx, &path);
    }

    /// A text answer: the missing message when needed and blank, then its
    /// length and format.
    fn text(&mut self, field: &Field, idx: usize, path: &str, value: &str, required: bool) {
        let noun = noun(field, idx);
        if required && blank(value) {
            let message = if !field.missing.is_empty() {
                fill(field.missing, idx)
            } else if field.check == Check::Phone {
                format!("Enter {}, like 01632 960 001", the(&noun))
            } else {
                format!("Enter {}", the(&noun))
            };
            self.error(path, message);
        }
        if let Some(max) = field.max_chars {
            let limit = u64::try_from(max).unwrap_or(u64::MAX);
            if !value.validate_length(None, Some(limit), None) {
                let typed = value.chars().count();
                self.error(path, words::too_long(&noun, max, typed));
            }
        }
        if let Some(problem) = rules::problem(field.check, value) {
            self.error(path, words::problem(problem, &noun));
        }
    }

    /// A date: "Enter …" when needed and blank, which box is missing, that
    /// it is not a real date, or (a past date) that it is in the future.
    fn date(&mut self, field: &Field, idx: usize, path: &str, draft: &DateDraft, required: bool) {
        let noun = noun(field, idx);
        let subject = capitalise(&noun);
        match draft.parse() {
            Ok(Some(date)) => {
                if field.check == Check::PastDate && date > self.today {
                    self.error(path, format!("{subject} must be today or in the past"));
                }
            }
            Ok(None) => {
                if required {
                    self.error(path, format!("Enter {}", the(&noun)));
                }
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
            }
            Err(DateError::YearNotFourDigits) => {
                self.error(
                    path,
                    format!("{subject} must have a year with 4 numbers, like 2019"),
                );
            }
            Err(DateError::NotANumber | DateError::MonthOutOfRange | DateError::NoSuchDay) => {
                self.error(path, format!("{subject} must be a real date"));
            }
        }
    }

    /// The date of item `idx` when it passed its own checks: a real date,
    /// and today or earlier for a past date.
    fn valid_date(&self, field: &Field, idx: usize) -> Option<Date> {
        let Access::Date(get, _) = field.access else {
            return None;
        };
        let date = get(self.data, idx.into())?.parse().ok().flatten()?;
        (field.check != Check::PastDate || date <= self.today).then_some(date)
    }

    /// The rule that spans answers and reports on `field` (item `idx`, at
    /// `path`), as its table entry names it.
    fn rules(&mut self, field: &Field, idx: usize, path: &str) {
        let Some(rule) = field.rule else {
            return;
        };
        let data = self.data;
        let n = idx + 1;
        match rule {
            Rule::SafeguardingStop => {
                if safeguarding_stop(data) {
                    self.error(
                        path,
                        format!(
                            "This child may be at risk of significant harm – do not use a CAF. {}",
                            self.settings.safeguarding_message.trim_end_matches('.')
                        ),
                    );
                }
            }
            Rule::CafAlreadyOpen => {
                if data.start.existing_check.trim() == CHECKED_EXISTS.code {
                    self.warning(
                        path,
                        "A CAF is already open for this child – contact its lead professional before starting another",
                    );
                }
            }
            Rule::ChildAge => self.age(field),
            Rule::ExpectedDelivery => self.expected_date(field),
            Rule::TestNhsNumber => {
                if NhsNumber::parse(&data.child.nhs_number).is_ok_and(|n| n.is_test_range()) {
                    self.warning(
                        path,
                        "This NHS number starts with 999, which is only used for testing – check it is the child's real NHS number",
                    );
                }
            }
            Rule::FirstParentContact => {
                let parent = &data.parents[idx];
                if idx == 0 && blank(&parent.phone) && blank(&parent.email) {
                    self.error(
                        path,
                        "Enter a phone number or an email address for the first parent or carer",
                    );
                }
            }
            Rule::StartedAfterAgreed => {
                let (later, earlier) = (
                    self.valid_date(field, 0),
                    parsed(&data.start.assess_agreed_on),
                );
                self.in_order(path, later, earlier, After::OrSame, "The date the assessment started must be the same as or after the date it was agreed");
            }
            Rule::ChildsViews => {
                let needed =
                    self.age.is_some_and(|age| age >= 5) && blank(&data.views.child_not_sought);
                if needed && blank(&data.views.child) {
                    self.error(path, field.missing);
                }
            }
            Rule::MeetingAfterStart => {
                let (later, earlier) = (
                    self.valid_date(field, 0),
                    parsed(&data.assessment.started_on),
                );
                self.in_order(path, later, earlier, After::OrSame, "The date of the first team meeting must be the same as or after the date the assessment started");
            }
            Rule::DueAfterMeeting => {
                let (later, earlier) = (
                    self.valid_date(field, idx),
                    self.valid_date(&caf::PLAN_MEETING_DATE, 0),
                );
                self.in_order(path, later, earlier, After::OrSame, &format!("The date action {n} is due must be the same as or after the first team meeting"));
            }
            Rule::ReviewAfterMeeting => {
                if let (Some(next), Some(meeting)) = (
                    self.valid_date(field, 0),
                    self.valid_date(&caf::PLAN_MEETING_DATE, 0),
                ) {
                    self.review_interval(field, idx, next, meeting, "the first team meeting");
                }
            }
            Rule::ParentalResponsibility => {
                let pr = data.consent.parental_responsibility.trim();
                if (pr == NO.code || pr == UNKNOWN.code) && !is_young_person(data) {
                    self.warning(
                        path,
                        "The person giving agreement does not have parental responsibility, or it is not known – check someone with parental responsibility agrees",
                    );
                }
            }
            Rule::YoungPersonAgrees => {
                if self.age.is_some_and(|age| age >= 12) && blank(&data.consent.young_person) {
                    self.error(path, field.missing);
                }
            }
            Rule::Signature => self.signature(),
            Rule::AgreedAfterAssessmentAgreed => {
                let (later, earlier) = (
                    self.valid_date(field, 0),
                    parsed(&data.start.assess_agreed_on),
                );
                self.in_order(path, later, earlier, After::OrSame, "The date agreement was given must be the same as or after the date the assessment was agreed");
            }
            Rule::WithdrawnAfterGiven => {
                let (later, earlier) = (self.valid_date(field, 0), parsed(&data.consent.date));
                self.in_order(path, later, earlier, After::OrSame, "The date agreement was withdrawn must be the same as or after the date it was given");
            }
            Rule::ReviewDateAfterMeeting => {
                let (later, earlier) =
                    (self.valid_date(field, idx), parsed(&data.plan.meeting_date));
                self.in_order(
                    path,
                    later,
                    earlier,
                    After::Strictly,
                    &format!("The date of review {n} must be after the first team meeting"),
                );
            }
            Rule::ReviewActionsRecorded => {
                if data.reviews[idx].actions.is_empty() && !data.plan.actions.is_empty() {
                    self.error(
                        caf::REVIEW_ACTIONS_PATH.replacen("[]", &format!("[{idx}]"), 1),
                        format!("Record where each plan action stands at review {n}"),
                    );
                }
            }
            Rule::NextReviewAfterReview => {
                if let (Some(next), Some(date)) = (
                    self.valid_date(field, idx),
                    self.valid_date(caf::REVIEW_DATE, idx),
                ) {
                    self.review_interval(field, idx, next, date, &format!("review {n}"));
                }
            }
        }
    }

    /// An error at `path` when `later` is before `earlier` (or the same
    /// day, for `After::Strictly`); nothing when either date is unknown.
    fn in_order(
        &mut self,
        path: &str,
        later: Option<Date>,
        earlier: Option<Date>,
        after: After,
        rule: &str,
    ) {
        if let (Some(later), Some(earlier)) = (later, earlier) {
            let wrong = match after {
                After::OrSame => later < earlier,
                After::Strictly => later <= earlier,
            };
            if wrong {
                self.error(path, format!("{rule} ({earlier})"));
            }
        }
    }

    /// The rules that span a whole step, after its fields.
    fn after_step(&mut self, step: Step) {
        if step == Step::Needs {
            let any_rated = crate::domain::ELEMENTS.iter().any(|element| {
                self.data
                    .needs
                    .element(element.code)
                    .is_some_and(|need| !blank(&need.rating))
            });
            if !any_rated {
                self.error("needs", "Rate at least one strength or need");
            }
        }
    }

    /// The child's age today, and whether a CAF is for them (§3.2).
    fn age(&mut self, field: &Field) {
        if self.data.child.unborn {
            return;
        }
        let Some(date) = self.valid_date(field, 0) else {
            return;
        };
        let age = date.age_on(self.today);
        self.age = Some(age);
        if age > 25 {
            self.error(
                field.path,
                format!("The child would be {age} – a CAF is only for children and young people up to 25, so check the date of birth"),
            );
        } else if age >= 19 {
            self.warning(
                field.path,
                format!("The young person is {age} – a CAF from 19 to 25 is only for young people with special educational needs or disabilities"),
            );
        }
    }

    /// An unborn baby's expected date: not past, not too far ahead.
    fn expected_date(&mut self, field: &Field) {
        if !self.data.child.unborn {
            return;
        }
        let Some(date) = self.valid_date(field, 0) else {
            return;
        };
        let days_ahead = self.today.days_until(date);
        if days_ahead < 0 {
            self.warning(
                field.path,
                "The expected date of delivery is in the past – has the baby been born? If so, untick ‘unborn baby’ and enter the date of birth",
            );
        } else if days_ahead > 42 * 7 {
            self.warning(
                field.path,
                "The expected date of delivery is more than 42 weeks away – check the date",
            );
        }
    }

    /// A drawn signature must be readable, and signing on screen needs one
    /// (or the typed name instead).
    fn signature(&mut self) {
        let consent = &self.data.consent;
        let signature = consent.signature.trim();
        // A stored signature that is not a readable PNG (an edited or
        // hand-made file) prints nothing, so it counts as no signature.
        let readable = png_from_data_url(signature).is_some();
        if consent.method.trim() == SIGNED_ON_SCREEN.code
            && !readable
            && blank(&consent.signature_name)
        {
            self.error(
                caf::SIGNATURE_PATH,
                "Ask them to sign in the box, or to type their name instead",
            );
        }
        if !signature.is_empty() && !readable {
            self.error(
                caf::SIGNATURE_PATH,
                "The signature could not be read – ask them to sign again",
            );
        }
    }

    /// A next review must be after `since`; more than the local number of
    /// weeks after it is a warning.
    fn review_interval(
        &mut self,
        field: &Field,
        idx: usize,
        next: Date,
        since: Date,
        since_words: &str,
    ) {
        let path = field.path_at(idx);
        let noun = noun(field, idx);
        if next <= since {
            self.error(
                path,
                format!(
                    "{} must be after {since_words} ({since})",
                    capitalise(&noun)
                ),
            );
            return;
        }
        let weeks = self.settings.review_warning_weeks;
        if since.days_until(next) > i64::from(weeks) * 7 {
            self.warning(
                path,
                format!("{} is more than {weeks} weeks after {since_words} – most plans are reviewed every 4 to {weeks} weeks", capitalise(&the(&noun))),
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: the step pages' stop and the check's error are one rule,
    /// so an answer stored with spaces ("yes ") stops both, not just one.
    #[test]
    fn the_safeguarding_stop_and_its_error_agree() {
        let today = Date::new(2026, 3, 27).expect("a real date");
        let mut data = Data::default();
        for (answer, stops) in [("yes", true), (" yes ", true), ("no", false), ("", false)] {
            data.start.significant_harm = answer.into();
            let report = check(&data, today, &Settings::default()).report;
            let error = report
                .for_path("start.significant_harm")
                .any(|issue| issue.message.contains("do not use a CAF"));
            assert_eq!(safeguarding_stop(&data), stops, "{answer:?}");
            assert_eq!(error, stops, "{answer:?}");
        }
    }
}
