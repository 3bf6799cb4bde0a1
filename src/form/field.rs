//! How one question is described: its path, words, kind of answer and where
//! its answer lives in the draft. Generic UI components render any `Field`.

use crate::domain::{Data, DateDraft};
use crate::form::Choice;

/// Where an answer is among repeated items: `item` in the field's list
/// (`parents[1]`), and `sub` in the list inside that item, for a question
/// of a list inside a list item (`meetings[i].invited[j]`). A field ignores
/// what it has no list for: every index is 0 outside lists, and `sub` is
/// 0 for a question of a list item. `At::from(idx)` is item `idx`, as the
/// questions of one list level (all of them so far) are addressed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct At {
    /// The item of the field's (outer) list.
    pub item: usize,
    /// The item of the list inside it.
    pub sub: usize,
}

impl At {
    /// Item `sub` of the list inside item `item`.
    pub const fn sub(item: usize, sub: usize) -> At {
        At { item, sub }
    }

    /// `path` with its first `[]` filled with `item` and its second with
    /// `sub`: `parents[].name` → `parents[1].name`.
    pub fn fill(self, path: &str) -> String {
        path.replacen("[]", &format!("[{}]", self.item), 1)
            .replacen("[]", &format!("[{}]", self.sub), 1)
    }
}

impl From<usize> for At {
    fn from(item: usize) -> At {
        At { item, sub: 0 }
    }
}

/// Which HTML input a one-line text answer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputType {
    Text,
    Email,
    Tel,
    /// `HH:MM`, typed as text so nothing is reformatted.
    Time,
    /// Digits typed as text (spaces and all), with a phone's number keypad.
    Digits,
}

/// How wide a one-line box is drawn (GOV.UK input widths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    Full,
    Half,
    Short,
}

/// How a valid answer is written when shown back (check answers) and printed.
/// The stored answer always stays exactly as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// As typed.
    AsTyped,
    /// A UK postcode in capitals with one space: `me4  4tr` → `ME4 4TR`.
    Postcode,
    /// An NHS number in groups of 3, 3 and 4 digits.
    NhsNumber,
}

/// When a question must be answered (caf-form.md §3, column "R/O/C"). A
/// question its table entry hides (`Field::shown`) is never checked, so
/// `Always` means "whenever it is shown": a conditional question needed
/// whenever it shows says so once, with `Field::required_when_shown`.
#[derive(Clone, Copy)]
pub enum Required {
    /// Always (while shown).
    Always,
    /// Never: the label says "(optional)".
    Never,
    /// When this holds of the other answers (`At`: the list item), for a
    /// question shown more often than it is needed (a child's names, asked
    /// before birth too). Not for a question needed exactly when it shows:
    /// that is `Field::required_when_shown`.
    When(fn(&Data, At) -> bool),
    /// The field's `Rule` decides, because it needs more than the answers
    /// (the child's age today) or words the message per case.
    Rule,
}

/// A rule that spans answers, named in the table beside the field it
/// reports on (`Field::rule`). `validate::check` runs it right after that
/// field's own checks, and only while the field is shown, so issues come in
/// form order and a hidden question is never reported on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// §3.1: significant harm answered yes: do not use a CAF.
    SafeguardingStop,
    /// §3.1: a CAF is already open for this child (a warning).
    CafAlreadyOpen,
    /// §3.2: the child's age today: over 25 is an error, 19 to 25 a warning.
    ChildAge,
    /// §3.2: an unborn baby's expected date is not past nor over 42 weeks away.
    ExpectedDelivery,
    /// §3.2: an NHS number in the 999 test range (a warning).
    TestNhsNumber,
    /// §3.3: the first parent or carer has a phone number or an email address.
    FirstParentContact,
    /// §3.4: the assessment started on or after the day it was agreed.
    StartedAfterAgreed,
    /// §3.7: the child's views, from age 5, unless it says why not sought.
    ChildsViews,
    /// §3.9: the first team meeting on or after the assessment started.
    MeetingAfterStart,
    /// §3.9: an action is due on or after the first team meeting.
    DueAfterMeeting,
    /// §3.9: the first review after the first team meeting, within the local weeks.
    ReviewAfterMeeting,
    /// §3.10: the person agreeing has no parental responsibility, or it is not
    /// known, and is not the young person (a warning).
    ParentalResponsibility,
    /// §3.10: the young person's own agreement, from age 12.
    YoungPersonAgrees,
    /// §3.10: a drawn signature is readable, and signing on screen has one
    /// (or the typed name); reported at `caf::SIGNATURE_PATH`.
    Signature,
    /// §3.10: agreement given on or after the assessment was agreed.
    AgreedAfterAssessmentAgreed,
    /// §3.10: agreement withdrawn on or after it was given.
    WithdrawnAfterGiven,
    /// §3.12: a review after the first team meeting.
    ReviewDateAfterMeeting,
    /// §3.12: a review records where each plan action stands; reported at
    /// `caf::REVIEW_ACTIONS_PATH`.
    ReviewActionsRecorded,
    /// §3.12: the next review after this one, within the local weeks.
    NextReviewAfterReview,
}

impl Rule {
    /// Every rule. The form table test checks that each is named by exactly
    /// one question, so a rule cannot be left out of the checks.
    pub const ALL: [Rule; 19] = [
        Rule::SafeguardingStop,
        Rule::CafAlreadyOpen,
        Rule::ChildAge,
        Rule::ExpectedDelivery,
        Rule::TestNhsNumber,
        Rule::FirstParentContact,
        Rule::StartedAfterAgreed,
        Rule::ChildsViews,
        Rule::MeetingAfterStart,
        Rule::DueAfterMeeting,
        Rule::ReviewAfterMeeting,
        Rule::ParentalResponsibility,
        Rule::YoungPersonAgrees,
        Rule::Signature,
        Rule::AgreedAfterAssessmentAgreed,
        Rule::WithdrawnAfterGiven,
        Rule::ReviewDateAfterMeeting,
        Rule::ReviewActionsRecorded,
        Rule::NextReviewAfterReview,
    ];
}

/// The format a typed answer must have, checked only when something is
/// typed. Set from the kind by the table's constructors (a phone box checks
/// a phone number), or named where the kind does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Any text.
    None,
    /// A person's name: letters, spaces, hyphens, apostrophes, full stops.
    Name,
    Phone,
    Email,
    Postcode,
    NhsNumber,
    Upn,
    OfstedUrn,
    /// `HH:MM`, 24-hour.
    Time,
    /// A date today or earlier.
    PastDate,
}

/// Where a question's suggested answers come from (`form::suggest`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggest {
    None,
    /// Team members' names, then "Family".
    Who,
    /// Needs rated as a concern first.
    NeedsFirst,
    /// Agencies: the team's, the other services', the council's list.
    Agencies,
}

/// The kind of answer and the control that takes it (caf-form.md §1).
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text {
        input: InputType,
        width: Width,
    },
    /// A textarea with a live character count that warns and never blocks typing.
    LongText {
        max_chars: usize,
    },
    Date,
    Radios(&'static [Choice]),
    /// A drop-down, for long lists.
    Select(&'static [Choice]),
    Tick,
    /// Checkboxes sharing one name; `suggest` says where extra options come
    /// from. With no choices of its own, any answer is accepted.
    Checkboxes(&'static [Choice]),
}

/// Where a field's answer lives. The `At` says which list item (and which
/// item of a list inside it) and is ignored for fields outside lists;
/// `None` means no such item.
#[derive(Clone, Copy)]
pub enum Access {
    Text(
        fn(&Data, At) -> Option<&String>,
        fn(&mut Data, At) -> Option<&mut String>,
    ),
    Date(
        fn(&Data, At) -> Option<&DateDraft>,
        fn(&mut Data, At) -> Option<&mut DateDraft>,
    ),
    Bool(
        fn(&Data, At) -> Option<&bool>,
        fn(&mut Data, At) -> Option<&mut bool>,
    ),
    Strings(
        fn(&Data, At) -> Option<&Vec<String>>,
        fn(&mut Data, At) -> Option<&mut Vec<String>>,
    ),
}

/// One question of the form.
#[derive(Clone, Copy)]
pub struct Field {
    /// The field path, with `[]` where a list index goes: `parents[].name`.
    pub path: &'static str,
    /// The question as shown.
    pub label: &'static str,
    /// Help under the label; `""` for none.
    pub hint: &'static str,
    pub kind: Kind,
    pub access: Access,
    /// The answer as messages name it, without an article: "child's given
    /// name", "name of parent or carer {n}" (`{n}`: the item's number).
    /// `""` falls back to the path.
    pub noun: &'static str,
    /// When an answer is needed.
    pub required: Required,
    /// When the question is shown (GOV.UK conditional reveal), given the
    /// other answers; `None`: always. A hidden question keeps its answer,
    /// which is never shown back or printed.
    pub shown: Option<fn(&Data, At) -> bool>,
    /// The message when a needed answer is missing, and for a choice whose
    /// stored code is not one of its choices (`{n}` as in `noun`); `""`
    /// means "Enter the …".
    pub missing: &'static str,
    /// The format a typed answer must have.
    pub check: Check,
    /// The most characters accepted (a long text's counter shows it too).
    pub max_chars: Option<usize>,
    /// Where suggested answers come from.
    pub suggest: Suggest,
    /// How a valid answer is written back.
    pub format: Format,
    /// The rule that spans answers and reports on this question, if any.
    pub rule: Option<Rule>,
    /// What the printed record calls the answer where the question is too
    /// long or speaks to the practitioner: a row of the consent box ("Agreed
    /// by"), a column of a plan table ("Need"); `""`: the label
    /// (`Field::heading`).
    pub printed_as: &'static str,
    /// The question's share of the width of a printed table (the plan's
    /// lists print as tables, a column to a question).
    pub column_width: f32,
}

impl Field {
    /// A question with nothing said yet but its words, kind and place:
    /// required, any format, no limit. The table's constructors start here.
    pub const fn new(
        path: &'static str,
        label: &'static str,
        hint: &'static str,
        kind: Kind,
        access: Access,
    ) -> Field {
        let check = match kind {
            Kind::Text { input, .. } => match input {
                InputType::Tel => Check::Phone,
                InputType::Email => Check::Email,
                InputType::Time => Check::Time,
                InputType::Text | InputType::Digits => Check::None,
            },
            _ => Check::None,
        };
        let max_chars = match kind {
            Kind::LongText { max_chars } => Some(max_chars),
            _ => None,
        };
        Field {
            path,
            label,
            hint,
            kind,
            access,
            noun: "",
            required: Required::Always,
            shown: None,
            missing: "",
            check,
            max_chars,
            suggest: Suggest::None,
            format: Format::AsTyped,
            rule: None,
            printed_as: "",
            column_width: 1.0,
        }
    }

    /// The same question, named `noun` in messages.
    pub const fn noun(self, noun: &'static str) -> Field {
        Field { noun, ..self }
    }

    /// The same question, needed as `required` says.
    pub const fn required(self, required: Required) -> Field {
        Field { required, ..self }
    }

    /// The same question, shown only when `shown` holds.
    pub const fn shown_when(self, shown: fn(&Data, At) -> bool) -> Field {
        Field {
            shown: Some(shown),
            ..self
        }
    }

    /// The same question, shown only when `shown` holds and then needed
    /// (`Required::Always`: a hidden question is never checked), so the
    /// condition is written once.
    pub const fn required_when_shown(self, shown: fn(&Data, At) -> bool) -> Field {
        self.required(Required::Always).shown_when(shown)
    }

    /// Whether the question of item `at` is shown, given the other answers.
    pub fn is_shown(&self, data: &Data, at: impl Into<At>) -> bool {
        let at = at.into();
        self.shown.is_none_or(|shown| shown(data, at))
    }

    /// The same question, never needed: "(optional)".
    pub const fn optional(self) -> Field {
        self.required(Required::Never)
    }

    /// The same question, with `missing` as its message when unanswered.
    pub const fn missing(self, missing: &'static str) -> Field {
        Field { missing, ..self }
    }

    /// The same question, checked as `check`.
    pub const fn check(self, check: Check) -> Field {
        Field { check, ..self }
    }

    /// The same question, accepting at most `max` characters.
    pub const fn max_chars(self, max: usize) -> Field {
        Field {
            max_chars: Some(max),
            ..self
        }
    }

    /// The same question, offering answers from `suggest`.
    pub const fn suggest(self, suggest: Suggest) -> Field {
        Field { suggest, ..self }
    }

    /// The same question, written back as `format`; a postcode or NHS
    /// number format also checks that kind of answer.
    pub const fn format(self, format: Format) -> Field {
        let check = match format {
            Format::Postcode => Check::Postcode,
            Format::NhsNumber => Check::NhsNumber,
            Format::AsTyped => self.check,
        };
        Field {
            format,
            check,
            ..self
        }
    }

    /// The same question, reported on also by `rule`.
    pub const fn rule(self, rule: Rule) -> Field {
        Field {
            rule: Some(rule),
            ..self
        }
    }

    /// The same question, called `heading` in the printed record.
    pub const fn printed_as(self, heading: &'static str) -> Field {
        Field {
            printed_as: heading,
            ..self
        }
    }

    /// The same question, printed as a table's column headed `heading`
    /// taking a `width` share of the table.
    pub const fn column(self, heading: &'static str, width: f32) -> Field {
        Field {
            printed_as: heading,
            column_width: width,
            ..self
        }
    }

    /// What the printed record calls the answer: `printed_as`, else the label.
    pub fn heading(&self) -> &'static str {
        if self.printed_as.is_empty() {
            self.label
        } else {
            self.printed_as
        }
    }

    /// Whether the label says "(optional)": the answer is never needed.
    pub fn is_optional(&self) -> bool {
        matches!(self.required, Required::Never)
    }

    /// The choices of a choice question; empty for other kinds.
    pub fn choices(&self) -> &'static [Choice] {
        match self.kind {
            Kind::Radios(choices) | Kind::Select(choices) | Kind::Checkboxes(choices) => choices,
            _ => &[],
        }
    }

    /// The field path for list item `at` (`parents[].name` →
    /// `parents[0].name`; `meetings[].invited[].name` →
    /// `meetings[0].invited[2].name`).
    pub fn path_at(&self, at: impl Into<At>) -> String {
        at.into().fill(self.path)
    }

    /// The answer as text, for text and choice fields.
    pub fn text<'a>(&self, data: &'a Data, at: impl Into<At>) -> Option<&'a String> {
        match self.access {
            Access::Text(get, _) => get(data, at.into()),
            _ => None,
        }
    }

    /// Whether nothing has been answered here.
    pub fn is_blank(&self, data: &Data, at: impl Into<At>) -> bool {
        let idx = at.into();
        match self.access {
            Access::Text(get, _) => get(data, idx).is_none_or(|text| text.trim().is_empty()),
            Access::Date(get, _) => get(data, idx).is_none_or(DateDraft::is_blank),
            Access::Bool(get, _) => get(data, idx).is_none_or(|ticked| !ticked),
            Access::Strings(get, _) => get(data, idx).is_none_or(Vec::is_empty),
        }
    }
}

/// A repeating group ("Add another …" / "Remove").
#[derive(Clone, Copy)]
pub struct List {
    /// The list's path: `parents`, `plan.actions`.
    pub path: &'static str,
    /// The group's heading ("Parents and carers").
    pub title: &'static str,
    /// What one item is called, for headings ("Parent or carer 2").
    pub item: &'static str,
    /// The add button's words ("Add another parent or carer").
    pub add_label: &'static str,
    /// Items shown even before any is added (at least one parent is asked for).
    pub min_items: usize,
    /// When at least one item is needed.
    pub required: Required,
    /// The message when a needed list has no item.
    pub missing: &'static str,
    pub len: fn(&Data) -> usize,
    /// Adds an empty item. The `String` is a fresh id for it (the page
    /// makes a random UUID), kept by items others point at (`domain::ids`:
    /// team members, actions) and ignored by the rest.
    pub add: fn(&mut Data, String),
    pub remove: fn(&mut Data, usize),
    pub fields: &'static [Field],
    /// The lists inside each item (`reviews[i].actions`).
    pub lists: &'static [SubList],
}

/// A list inside each item of a `List` (`reviews[i].actions[j]`): its
/// questions are addressed `At { item, sub }` and their paths have two
/// `[]`. Validation, the printed record and the reviews page walk its
/// fields like any list's.
#[derive(Clone, Copy)]
pub struct SubList {
    /// The list's path, with `[]` for the outer item: `reviews[].actions`.
    pub path: &'static str,
    /// The heading it is shown and printed under.
    pub title: &'static str,
    /// How many items the list inside outer item `item` has.
    pub len: fn(&Data, usize) -> usize,
    pub fields: &'static [Field],
}

impl List {
    /// The path of item `idx` (`plan.team` → `plan.team[1]`); its fields'
    /// paths start with it.
    pub fn item_path(&self, idx: usize) -> String {
        format!("{}[{idx}]", self.path)
    }

    /// Whether nothing has been answered in item `idx`.
    pub fn item_is_blank(&self, data: &Data, idx: usize) -> bool {
        self.fields.iter().all(|field| field.is_blank(data, idx))
    }
}

/// Something on a step page that is not a plain question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// The safeguarding message when significant harm is answered `yes`.
    SafeguardingMessage,
    /// The unmet-needs count and what it suggests.
    ThresholdAdvice,
    /// "Choose from the team" for the lead professional.
    ChooseLead,
    /// The plain-language statement the family is read before agreeing.
    ConsentStatement,
    /// The drawn signature and its keyboard alternative.
    Signature,
    /// "Record agreement", its status and history.
    ConsentRecord,
    /// The way to the meetings page (caf-form.md §2: the plan step links to it).
    MeetingsLink,
}

/// One piece of a step page, in order.
#[derive(Clone, Copy)]
pub enum Block {
    Heading(&'static str),
    /// A paragraph of guidance.
    Text(&'static str),
    Field(&'static Field),
    List(&'static List),
    Special(Special),
}
