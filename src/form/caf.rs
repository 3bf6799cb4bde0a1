//! The short-form CAF as data: every question of caf-form.md §3, step by step.
//! Step pages, check answers, the error summary order and the PDF body all
//! read this one description.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::domain::meetings::{self, DateSource};
use crate::domain::{
    ActionDraft, Data, Date, DateDraft, HouseholdMemberDraft, MeetingDraft, ParentDraft,
    ReviewActionDraft, ReviewDraft, ServiceDraft, TeamMemberDraft,
};
use crate::form::choices::*;
use crate::form::{
    Access, At, Block, Check, Field, Format, InputType, Kind, List, Required, Rule, Special, Step,
    SubList, Suggest, Width,
};

/// Where an answer lives: `at!(Text: child.given_name)` outside lists,
/// `at!(Text: parents[] name)` inside one, `at!(Text: reviews[] actions[]
/// status)` in a list inside a list item (`At::item`, then `At::sub`).
macro_rules! at {
    ($variant:ident: $($list:ident).+ [] $($sub:ident).+ [] $($field:ident).+) => {
        Access::$variant(
            |data, at| {
                data.$($list).+
                    .get(at.item)
                    .and_then(|item| item.$($sub).+.get(at.sub))
                    .map(|sub| &sub.$($field).+)
            },
            |data, at| {
                data.$($list).+
                    .get_mut(at.item)
                    .and_then(|item| item.$($sub).+.get_mut(at.sub))
                    .map(|sub| &mut sub.$($field).+)
            },
        )
    };
    ($variant:ident: $($list:ident).+ [] $($field:ident).+) => {
        Access::$variant(
            |data, at| data.$($list).+.get(at.item).map(|item| &item.$($field).+),
            |data, at| data.$($list).+.get_mut(at.item).map(|item| &mut item.$($field).+),
        )
    };
    ($variant:ident: $($field:ident).+) => {
        Access::$variant(|data, _| Some(&data.$($field).+), |data, _| Some(&mut data.$($field).+))
    };
}

const fn text(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    access: Access,
) -> Field {
    sized(path, label, hint, InputType::Text, Width::Full, access)
}

const fn sized(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    input: InputType,
    width: Width,
    access: Access,
) -> Field {
    Field::new(path, label, hint, Kind::Text { input, width }, access)
}

const fn long(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    max_chars: usize,
    access: Access,
) -> Field {
    Field::new(path, label, hint, Kind::LongText { max_chars }, access)
}

const fn date(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    access: Access,
) -> Field {
    Field::new(path, label, hint, Kind::Date, access)
}

const fn radios(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    choices: &'static [Choice],
    access: Access,
) -> Field {
    Field::new(path, label, hint, Kind::Radios(choices), access)
}

const fn tick(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    access: Access,
) -> Field {
    Field::new(path, label, hint, Kind::Tick, access)
}

const fn formatted(format: Format, field: Field) -> Field {
    field.format(format)
}

const fn optional(field: Field) -> Field {
    field.optional()
}

/// The child has been born: their names and date of birth are needed.
fn born(data: &Data, _: At) -> bool {
    !data.child.unborn
}

/// The child is not born yet.
fn unborn(data: &Data, _: At) -> bool {
    data.child.unborn
}

/// Review `at.item` continues the plan.
fn continues(data: &Data, at: At) -> bool {
    data.reviews
        .get(at.item)
        .is_some_and(|review| review.decision.trim() == CONTINUE.code)
}

/// Review `at.item` closes the CAF.
fn closes(data: &Data, at: At) -> bool {
    data.reviews
        .get(at.item)
        .is_some_and(|review| review.decision.trim() == CLOSE.code)
}

/// The drawn signature and its typed alternative belong to signing on this
/// screen; after another method is chosen they are not printed.
pub fn signed_on_screen(data: &Data, _: At) -> bool {
    // Choices are compared trimmed, as `validate` compares them.
    data.consent.method.trim() == SIGNED_ON_SCREEN.code
}

/// The child has an address to give.
fn housed(data: &Data, _: At) -> bool {
    !data.child.no_fixed_abode
}

/// A Team Around the Child was chosen: the plan is needed.
pub fn team_around_child(data: &Data, _: At) -> bool {
    data.conclusion.response.trim() == TEAM_AROUND_CHILD.code
}

const PHONE_HINT: &str = "For example 07700 900123 or +44 1634 000000";
const EMAIL_HINT: &str = "For example name@example.org";
const DATE_HINT: &str = "For example 27 3 2026";

// Step 1: Before you start.
pub static START_SIGNIFICANT_HARM: Field = radios(
    "start.significant_harm",
    "Do you think this child is at risk of significant harm?",
    "Significant harm means the child is being, or may be, seriously hurt or neglected",
    YES_NO,
    at!(Text: start.significant_harm),
)
.noun("whether the child is at risk of significant harm")
.missing("Select yes if you think this child is at risk of significant harm")
.rule(Rule::SafeguardingStop);
pub static START_EXISTING_CHECK: Field = radios("start.existing_check", "Have you checked whether a CAF is already open for this child?", "A CAF (Common Assessment Framework) is a shared early help assessment. Ask your local early help team if you are not sure", EXISTING_CHECK, at!(Text: start.existing_check)).noun("whether you checked for an existing CAF").missing("Select whether you have checked if a CAF is already open for this child").rule(Rule::CafAlreadyOpen);
pub static START_AGREED_BY: Field = text(
    "start.assess_agreed_by",
    "Who agreed to this assessment?",
    "The parent, carer or young person who said yes to doing it",
    at!(Text: start.assess_agreed_by),
)
.noun("name of the person who agreed to the assessment")
.max_chars(100);
pub static START_AGREED_RELATIONSHIP: Field = sized(
    "start.assess_agreed_relationship",
    "Their relationship to the child",
    "For example mother, grandparent, or the young person themselves",
    InputType::Text,
    Width::Half,
    at!(Text: start.assess_agreed_relationship),
)
.noun("relationship to the child of the person who agreed to the assessment");
pub static START_AGREED_ON: Field = date(
    "start.assess_agreed_on",
    "When did they agree?",
    DATE_HINT,
    at!(Date: start.assess_agreed_on),
)
.noun("date the assessment was agreed")
.check(Check::PastDate);

// Step 2: About the child.
pub static CHILD_UNBORN: Field = optional(tick(
    "child.unborn",
    "This is an unborn baby",
    "",
    at!(Bool: child.unborn),
));
pub static CHILD_GIVEN_NAME: Field = sized(
    "child.given_name",
    "Given name",
    "Also called first name",
    InputType::Text,
    Width::Half,
    at!(Text: child.given_name),
)
.noun("child's given name")
.max_chars(100)
.check(Check::Name)
.required(Required::When(born));
pub static CHILD_FAMILY_NAME: Field = sized(
    "child.family_name",
    "Family name",
    "Also called surname or last name",
    InputType::Text,
    Width::Half,
    at!(Text: child.family_name),
)
.noun("child's family name")
.max_chars(100)
.check(Check::Name)
.required(Required::When(born));
pub static CHILD_KNOWN_AS: Field = optional(sized(
    "child.known_as",
    "Known as",
    "The name the child likes to be called, if different",
    InputType::Text,
    Width::Half,
    at!(Text: child.known_as),
))
.noun("name the child is known as")
.max_chars(100);
pub static CHILD_DATE_OF_BIRTH: Field = date(
    "child.date_of_birth",
    "Date of birth",
    "For example 3 4 2021",
    at!(Date: child.date_of_birth),
)
.noun("date of birth")
.check(Check::PastDate)
.required_when_shown(born)
.rule(Rule::ChildAge);
pub static CHILD_EXPECTED_DATE: Field = date(
    "child.expected_date",
    "Expected date of delivery",
    DATE_HINT,
    at!(Date: child.expected_date),
)
.noun("expected date of delivery")
.required_when_shown(unborn)
.rule(Rule::ExpectedDelivery);
pub static CHILD_SEX: Field = radios("child.sex", "Sex", "", SEX, at!(Text: child.sex))
    .noun("child's sex")
    .missing("Select the child's sex, or ‘unknown’ or ‘not stated’");
pub static CHILD_NO_FIXED_ABODE: Field = optional(tick(
    "child.no_fixed_abode",
    "No fixed address",
    "For example a family that is homeless or travelling",
    at!(Bool: child.no_fixed_abode),
));
pub static CHILD_ADDRESS: Field = long(
    "child.address",
    "Address",
    "",
    300,
    at!(Text: child.address),
)
.noun("child's address")
.required(Required::When(housed));
pub static CHILD_POSTCODE: Field = formatted(
    Format::Postcode,
    sized(
        "child.postcode",
        "Postcode",
        "",
        InputType::Text,
        Width::Short,
        at!(Text: child.postcode),
    ),
)
.noun("postcode")
.required(Required::When(housed))
.missing("Enter a postcode, like ME4 4TR");
pub static CHILD_PHONE: Field = optional(sized(
    "child.phone",
    "Phone number",
    PHONE_HINT,
    InputType::Tel,
    Width::Half,
    at!(Text: child.phone),
))
.noun("child's phone number");
pub static CHILD_FIRST_LANGUAGE: Field = optional(sized(
    "child.first_language",
    "First language",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: child.first_language),
))
.noun("child's first language");
pub static CHILD_INTERPRETER: Field = optional(radios(
    "child.interpreter_needed",
    "Is an interpreter needed?",
    "",
    YES_NO,
    at!(Text: child.interpreter_needed),
))
.missing("Select yes if an interpreter is needed");
pub static CHILD_DISABILITY: Field = optional(radios(
    "child.disability",
    "Does the child have a disability or special educational needs?",
    "",
    YES_NO_UNKNOWN,
    at!(Text: child.disability),
))
.missing("Select whether the child has a disability or special educational needs");
pub static CHILD_DISABILITY_DETAILS: Field = optional(
    long(
        "child.disability_details",
        "Details of the disability or special educational needs",
        "",
        500,
        at!(Text: child.disability_details),
    )
    .shown_when(|data, _| data.child.disability.trim() == YES.code),
)
.noun("details of the disability or special educational needs");
pub static CHILD_NHS_NUMBER: Field = formatted(
    Format::NhsNumber,
    optional(sized(
        "child.nhs_number",
        "NHS number",
        "10 digits, like 943 476 5919. It is on letters from the doctor or health visitor",
        InputType::Digits,
        Width::Half,
        at!(Text: child.nhs_number),
    )),
)
.noun("NHS number")
.rule(Rule::TestNhsNumber);
pub static CHILD_UPN: Field = optional(sized(
    "child.upn",
    "Unique Pupil Number (UPN)",
    "The 13-character number a school gives each pupil, like B801200005001. Schools only",
    InputType::Text,
    Width::Half,
    at!(Text: child.upn),
))
.noun("Unique Pupil Number (UPN)")
.check(Check::Upn);
pub static CHILD_SETTING: Field = optional(text(
    "child.setting",
    "School, nursery or childminder the child attends",
    "",
    at!(Text: child.setting),
))
.noun("school, nursery or childminder");
pub static CHILD_ETHNICITY: Field = Field::new(
    "child.ethnicity",
    "Ethnicity",
    "",
    Kind::Select(ETHNICITY),
    at!(Text: child.ethnicity),
)
.optional()
.missing("Select the child's ethnicity from the list");

// Step 3: Family and household.
pub static PARENT_FIELDS: [Field; 7] = [
    sized(
        "parents[].name",
        "Full name",
        "",
        InputType::Text,
        Width::Half,
        at!(Text: parents[] name),
    )
    .noun("name of parent or carer {n}")
    .max_chars(100),
    sized(
        "parents[].relationship",
        "Relationship to the child",
        "For example mother, father, foster carer, grandparent",
        InputType::Text,
        Width::Half,
        at!(Text: parents[] relationship),
    )
    .noun("relationship to the child of parent or carer {n}"),
    radios(
        "parents[].parental_responsibility",
        "Do they have parental responsibility?",
        "The legal rights and duties of a parent. Birth mothers always have it",
        YES_NO_UNKNOWN,
        at!(Text: parents[] parental_responsibility),
    )
    .noun("parental responsibility of parent or carer {n}")
    .missing("Select whether parent or carer {n} has parental responsibility"),
    sized(
        "parents[].phone",
        "Phone number",
        "We need a phone number or an email address for the first parent or carer",
        InputType::Tel,
        Width::Half,
        at!(Text: parents[] phone),
    )
    .noun("phone number of parent or carer {n}")
    .required(Required::Rule)
    .rule(Rule::FirstParentContact),
    optional(sized(
        "parents[].email",
        "Email address",
        EMAIL_HINT,
        InputType::Email,
        Width::Full,
        at!(Text: parents[] email),
    ))
    .noun("email address of parent or carer {n}"),
    optional(long(
        "parents[].address",
        "Address, if different from the child's",
        "",
        300,
        at!(Text: parents[] address),
    ))
    .noun("address of parent or carer {n}"),
    optional(radios(
        "parents[].lives_with_child",
        "Do they live with the child?",
        "",
        YES_NO,
        at!(Text: parents[] lives_with_child),
    ))
    .missing("Select whether parent or carer {n} lives with the child"),
];
pub static PARENTS: List = List {
    path: "parents",
    title: "Parents and carers",
    item: "Parent or carer",
    add_label: "Add another parent or carer",
    min_items: 1,
    required: Required::Always,
    missing: "Add at least one parent or carer",
    len: |data| data.parents.len(),
    add: |data, _| data.parents.push(ParentDraft::default()),
    remove: |data, idx| remove_at(&mut data.parents, idx),
    fields: &PARENT_FIELDS,
    lists: &[],
};
pub static HOUSEHOLD_FIELDS: [Field; 3] = [
    sized(
        "household[].name",
        "Full name",
        "",
        InputType::Text,
        Width::Half,
        at!(Text: household[] name),
    )
    .noun("name of household member {n}")
    .max_chars(100),
    sized(
        "household[].relationship",
        "Relationship to the child",
        "For example brother, lodger, mother's partner",
        InputType::Text,
        Width::Half,
        at!(Text: household[] relationship),
    )
    .noun("relationship to the child of household member {n}"),
    optional(date(
        "household[].date_of_birth",
        "Date of birth",
        DATE_HINT,
        at!(Date: household[] date_of_birth),
    ))
    .noun("date of birth of household member {n}")
    .check(Check::PastDate),
];
pub static HOUSEHOLD: List = List {
    path: "household",
    title: "Other people in the household",
    item: "Person in the household",
    add_label: "Add a person in the household",
    min_items: 0,
    required: Required::Never,
    missing: "",
    len: |data| data.household.len(),
    add: |data, _| data.household.push(HouseholdMemberDraft::default()),
    remove: |data, idx| remove_at(&mut data.household, idx),
    fields: &HOUSEHOLD_FIELDS,
    lists: &[],
};
pub static FAMILY_NOTES: Field = optional(long(
    "family.notes",
    "Anything else about the family and home",
    "",
    1000,
    at!(Text: family.notes),
))
.noun("notes about the family and home");

// Step 4: About you and other services.
pub static ASSESSOR_NAME: Field = sized(
    "assessor.name",
    "Your full name",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: assessor.name),
)
.noun("your name")
.max_chars(100);
pub static ASSESSOR_ROLE: Field = sized(
    "assessor.role",
    "Your role",
    "For example Registered childminder, or special educational needs coordinator (SENCO)",
    InputType::Text,
    Width::Half,
    at!(Text: assessor.role),
)
.noun("your role");
pub static ASSESSOR_ORGANISATION: Field = text(
    "assessor.organisation",
    "Your setting or organisation",
    "",
    at!(Text: assessor.organisation),
)
.noun("your setting or organisation");
pub static ASSESSOR_PHONE: Field = sized(
    "assessor.phone",
    "Your phone number",
    PHONE_HINT,
    InputType::Tel,
    Width::Half,
    at!(Text: assessor.phone),
)
.noun("your phone number");
pub static ASSESSOR_EMAIL: Field = optional(sized(
    "assessor.email",
    "Your email address",
    EMAIL_HINT,
    InputType::Email,
    Width::Full,
    at!(Text: assessor.email),
))
.noun("your email address");
pub static ASSESSOR_URN: Field = optional(sized(
    "assessor.ofsted_urn",
    "Ofsted URN",
    "Childminders and nurseries: your Ofsted unique reference number, like EY123456",
    InputType::Text,
    Width::Short,
    at!(Text: assessor.ofsted_urn),
))
.noun("Ofsted URN")
.check(Check::OfstedUrn);
pub static ASSESSMENT_STARTED_ON: Field = date(
    "assessment.started_on",
    "When did the assessment start?",
    DATE_HINT,
    at!(Date: assessment.started_on),
)
.noun("date the assessment started")
.check(Check::PastDate)
.rule(Rule::StartedAfterAgreed);
pub static SERVICE_FIELDS: [Field; 4] = [
    sized(
        "services[].service",
        "Service",
        "For example GP, health visitor, school nurse",
        InputType::Text,
        Width::Half,
        at!(Text: services[] service),
    )
    .noun("name of service {n}")
    .suggest(Suggest::Agencies),
    optional(sized(
        "services[].contact_name",
        "Contact name",
        "",
        InputType::Text,
        Width::Half,
        at!(Text: services[] contact_name),
    ))
    .noun("contact name for service {n}"),
    optional(sized(
        "services[].phone",
        "Phone number",
        PHONE_HINT,
        InputType::Tel,
        Width::Half,
        at!(Text: services[] phone),
    ))
    .noun("phone number for service {n}"),
    optional(sized(
        "services[].email",
        "Email address",
        EMAIL_HINT,
        InputType::Email,
        Width::Full,
        at!(Text: services[] email),
    ))
    .noun("email address for service {n}"),
];
pub static SERVICES: List = List {
    path: "services",
    title: "Other services working with the child",
    item: "Service",
    add_label: "Add a service",
    min_items: 0,
    required: Required::Never,
    missing: "",
    len: |data| data.services.len(),
    add: |data, _| data.services.push(ServiceDraft::default()),
    remove: |data, idx| remove_at(&mut data.services, idx),
    fields: &SERVICE_FIELDS,
    lists: &[],
};

// Step 5: Why you are doing this assessment.
pub static REASON_SUMMARY: Field = long(
    "reason.summary",
    "What has led to this assessment?",
    "What you and the family have noticed, and what they would like help with",
    1200,
    at!(Text: reason.summary),
)
.noun("reason for the assessment");
pub static REASON_PEOPLE_PRESENT: Field = optional(text(
    "reason.people_present",
    "Who took part in the assessment?",
    "",
    at!(Text: reason.people_present),
))
.noun("who took part in the assessment");

// Step 6: Strengths and needs.
macro_rules! element {
    ($code:ident, $title:literal, $short:literal) => {
        [
            radios(
                concat!("needs.", stringify!($code), ".rating"),
                $title,
                "",
                RATING,
                at!(Text: needs.$code.rating),
            )
            .optional()
            .missing(concat!("Select a rating for ", $short)),
            long(
                concat!("needs.", stringify!($code), ".notes"),
                concat!("Notes: ", $title),
                "Needed when you rate this as a concern",
                1000,
                at!(Text: needs.$code.notes),
            )
            .noun(concat!("notes on ", $short))
            .required(Required::When(|data, _| is_need(&data.needs.$code.rating)))
            // Open once rated as a concern (when they are needed) or already
            // holding text, so the needs page stays a compact list of
            // ratings; other notes open on request (`on_request`). Shown
            // more often than needed, so both are said (form_table.rs lists
            // this as the one deliberate difference).
            .shown_when(|data, _| {
                is_need(&data.needs.$code.rating) || !data.needs.$code.notes.trim().is_empty()
            })
            .missing(concat!("Enter notes on ", $short, " – say what the concern is")),
        ]
    };
}

/// The fourteen elements, each a rating and notes, grouped by domain.
pub static NEEDS_DEVELOPMENT: [[Field; 2]; 7] = [
    element!(
        health,
        "Health: general health, physical development, speech, language and communication",
        "health"
    ),
    element!(
        emotional_social,
        "Emotional and social development",
        "emotional and social development"
    ),
    element!(
        behaviour,
        "Behavioural development",
        "behavioural development"
    ),
    element!(
        identity,
        "Identity, self-esteem, self-image and social presentation",
        "identity"
    ),
    element!(
        relationships,
        "Family and social relationships",
        "family and social relationships"
    ),
    element!(
        self_care,
        "Self-care skills and independence",
        "self-care skills and independence"
    ),
    element!(
        learning,
        "Learning: understanding, reasoning, problem solving, progress and aspirations",
        "learning"
    ),
];
pub static NEEDS_PARENTS: [[Field; 2]; 3] = [
    element!(
        basic_care,
        "Basic care, ensuring safety and protection",
        "basic care"
    ),
    element!(
        warmth_stability,
        "Emotional warmth and stability",
        "emotional warmth and stability"
    ),
    element!(
        guidance_boundaries,
        "Guidance, boundaries and stimulation",
        "guidance"
    ),
];
pub static NEEDS_FAMILY: [[Field; 2]; 4] = [
    element!(
        family_functioning,
        "Family history, functioning and well-being",
        "family history"
    ),
    element!(wider_family, "Wider family", "wider family"),
    element!(
        housing_finance,
        "Housing, employment and financial considerations",
        "housing"
    ),
    element!(
        community,
        "Social and community elements and resources, including education",
        "social and community elements and resources"
    ),
];

/// The three domains with their elements (rating field, notes field).
pub static NEEDS_DOMAINS: [(&str, &[[Field; 2]]); 3] = [
    ("Development of the child", &NEEDS_DEVELOPMENT),
    ("Parents and carers", &NEEDS_PARENTS),
    ("Family and environment", &NEEDS_FAMILY),
];

// Step 7: What the child and family say.
pub static VIEWS_CHILD: Field = long(
    "views.child",
    "The child's or young person's views, in their own words",
    "Needed when the child is 5 or older, unless you say below why you could not ask",
    1000,
    at!(Text: views.child),
)
.noun("child's views")
.required(Required::Rule)
.missing("Enter the child's views in their own words, or say why they were not sought")
.rule(Rule::ChildsViews);
pub static VIEWS_CHILD_NOT_SOUGHT: Field = optional(text(
    "views.child_not_sought",
    "If you did not ask the child, why not?",
    "",
    at!(Text: views.child_not_sought),
))
.noun("reason the child's views were not sought");
pub static VIEWS_PARENT: Field = long(
    "views.parent",
    "The parents' or carers' views",
    "",
    1000,
    at!(Text: views.parent),
)
.noun("parents' or carers' views");

// Step 8: What needs to happen.
pub static CONCLUSION_SUMMARY: Field = long(
    "conclusion.summary",
    "What will the family, the child and practitioners do?",
    "",
    1500,
    at!(Text: conclusion.summary),
)
.noun("summary of what needs to happen");
pub static CONCLUSION_RESPONSE: Field = radios(
    "conclusion.response",
    "What response is needed?",
    "We suggest one from the number of needs, but you decide",
    RESPONSE,
    at!(Text: conclusion.response),
)
.missing("Select a single-agency response or a Team Around the Child");

// Step 9: Team and delivery plan.
pub static PLAN_MEETING_DATE: Field = date(
    "plan.meeting_date",
    "When was the plan agreed?",
    "The first Team Around the Child (TAC) meeting, or the day you agreed the plan with the family",
    at!(Date: plan.meeting_date),
)
.noun("date of the first team meeting")
.required(Required::When(team_around_child))
.rule(Rule::MeetingAfterStart);
pub static TEAM_FIELDS: [Field; 5] = [
    sized(
        "plan.team[].name",
        "Full name",
        "",
        InputType::Text,
        Width::Half,
        at!(Text: plan.team[] name),
    )
    .noun("name of team member {n}")
    .max_chars(100)
    .column("Name", 2.0),
    sized(
        "plan.team[].role",
        "Role",
        "For example health visitor, class teacher, family support worker",
        InputType::Text,
        Width::Half,
        at!(Text: plan.team[] role),
    )
    .noun("role of team member {n}")
    .column("Role", 2.0),
    sized(
        "plan.team[].agency",
        "Agency",
        "For example Medway Community Healthcare",
        InputType::Text,
        Width::Full,
        at!(Text: plan.team[] agency),
    )
    .noun("agency of team member {n}")
    .suggest(Suggest::Agencies)
    .column("Agency", 2.0),
    optional(sized(
        "plan.team[].phone",
        "Phone number",
        PHONE_HINT,
        InputType::Tel,
        Width::Half,
        at!(Text: plan.team[] phone),
    ))
    .noun("phone number of team member {n}")
    .column("Phone", 1.6),
    optional(sized(
        "plan.team[].email",
        "Email address",
        EMAIL_HINT,
        InputType::Email,
        Width::Full,
        at!(Text: plan.team[] email),
    ))
    .noun("email address of team member {n}")
    .column("Email", 2.4),
];
pub static TEAM: List = List {
    path: "plan.team",
    title: "Team members",
    item: "Team member",
    add_label: "Add a team member",
    min_items: 0,
    required: Required::When(team_around_child),
    missing: "Add at least one team member",
    len: |data| data.plan.team.len(),
    add: |data, id| {
        data.plan.team.push(TeamMemberDraft {
            id,
            ..TeamMemberDraft::default()
        })
    },
    remove: |data, idx| remove_at(&mut data.plan.team, idx),
    fields: &TEAM_FIELDS,
    lists: &[],
};
pub static LEAD_NAME: Field = sized(
    "plan.lead.name",
    "Lead professional's full name",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: plan.lead.name),
)
.noun("lead professional's name")
.max_chars(100)
.required(Required::When(team_around_child));
pub static LEAD_ROLE: Field = sized(
    "plan.lead.role",
    "Their role",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: plan.lead.role),
)
.noun("lead professional's role")
.required(Required::When(team_around_child));
pub static LEAD_AGENCY: Field = text(
    "plan.lead.agency",
    "Their agency",
    "",
    at!(Text: plan.lead.agency),
)
.noun("lead professional's agency")
.required(Required::When(team_around_child));
pub static LEAD_PHONE: Field = sized(
    "plan.lead.phone",
    "Their phone number",
    PHONE_HINT,
    InputType::Tel,
    Width::Half,
    at!(Text: plan.lead.phone),
)
.noun("lead professional's phone number")
.required(Required::When(team_around_child));
pub static LEAD_EMAIL: Field = optional(sized(
    "plan.lead.email",
    "Their email address",
    EMAIL_HINT,
    InputType::Email,
    Width::Full,
    at!(Text: plan.lead.email),
))
.noun("lead professional's email address");
pub static LEAD_REASONS: Field = Field::new(
    "plan.lead.reasons",
    "Why this person?",
    "Tick all that apply. These are the usual reasons for choosing a lead professional",
    Kind::Checkboxes(LEAD_REASON_CHOICES),
    at!(Strings: plan.lead.reasons),
)
.optional()
.missing("Select only reasons from the list");
pub static LEAD_AGREED: Field = tick(
    "plan.lead.agreed_with_family",
    "The family agreed who the lead professional is",
    "",
    at!(Bool: plan.lead.agreed_with_family),
)
.required(Required::When(team_around_child))
.missing("Confirm the family agreed who the lead professional is");
pub static DEPUTY_NAME: Field = optional(sized(
    "plan.deputy.name",
    "Deputy's full name",
    "Someone who stands in for a set time, for example while the lead professional is on leave",
    InputType::Text,
    Width::Half,
    at!(Text: plan.deputy.name),
))
.noun("deputy lead professional's name")
.max_chars(100);
pub static DEPUTY_ROLE: Field = optional(sized(
    "plan.deputy.role",
    "Deputy's role",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: plan.deputy.role),
))
.noun("deputy lead professional's role");
pub static DEPUTY_PHONE: Field = optional(sized(
    "plan.deputy.phone",
    "Deputy's phone number",
    PHONE_HINT,
    InputType::Tel,
    Width::Half,
    at!(Text: plan.deputy.phone),
))
.noun("deputy lead professional's phone number");
pub static DEPUTY_UNTIL: Field = optional(date(
    "plan.deputy.until",
    "Deputy until",
    DATE_HINT,
    at!(Date: plan.deputy.until),
))
.noun("date the deputy covers until");
pub static ACTION_FIELDS: [Field; 8] = [
    Field::new(
        "plan.actions[].need",
        "Which need is this for?",
        "Needs you rated as a concern are listed first",
        Kind::Select(NEED_CHOICES),
        at!(Text: plan.actions[] need),
    )
    .missing("Select the need action {n} is for, or ‘other’")
    .suggest(Suggest::NeedsFirst)
    // The short columns are widened to their longest word by the layout;
    // the room left goes mostly to the action itself.
    .column("Need", 1.4),
    long(
        "plan.actions[].what",
        "What will be done?",
        "",
        500,
        at!(Text: plan.actions[] what),
    )
    .noun("what will be done for action {n}")
    .column("Action", 3.8),
    sized(
        "plan.actions[].who",
        "Who will do it?",
        "A team member's name, or Family",
        InputType::Text,
        Width::Half,
        at!(Text: plan.actions[] who),
    )
    .noun("who will do action {n}")
    .suggest(Suggest::Who)
    .column("Who", 1.3),
    date(
        "plan.actions[].due",
        "By when?",
        DATE_HINT,
        at!(Date: plan.actions[] due),
    )
    .noun("date action {n} is due")
    .rule(Rule::DueAfterMeeting)
    .column("By when", 1.1),
    long(
        "plan.actions[].outcome",
        "What will be different? How will we know it worked?",
        "",
        300,
        at!(Text: plan.actions[] outcome),
    )
    .noun("what will be different after action {n}")
    .column("Outcome", 2.6),
    Field::new(
        "plan.actions[].ecm",
        "Which Every Child Matters outcome does it serve?",
        "Filled in from the need; change it if another fits better",
        Kind::Select(ECM),
        at!(Text: plan.actions[] ecm),
    )
    .missing("Select the Every Child Matters outcome for action {n}")
    .column("ECM outcome", 1.2),
    Field::new(
        "plan.actions[].status",
        "Status",
        "",
        Kind::Select(ACTION_STATUS),
        at!(Text: plan.actions[] status),
    )
    .missing("Select the status of action {n}")
    .column("Status", 1.0),
    optional(long(
        "plan.actions[].progress",
        "Progress so far",
        "",
        500,
        at!(Text: plan.actions[] progress),
    ))
    .noun("progress on action {n}")
    .column("Progress", 2.0),
];
pub static ACTIONS: List = List {
    path: "plan.actions",
    title: "Delivery plan",
    item: "Action",
    add_label: "Add an action",
    min_items: 0,
    required: Required::When(team_around_child),
    missing: "Add at least one action",
    len: |data| data.plan.actions.len(),
    add: |data, id| {
        data.plan.actions.push(ActionDraft {
            id,
            status: NOT_STARTED.code.to_owned(),
            ..ActionDraft::default()
        })
    },
    remove: |data, idx| remove_at(&mut data.plan.actions, idx),
    fields: &ACTION_FIELDS,
    lists: &[],
};
pub static PLAN_NEXT_REVIEW: Field = date(
    "plan.next_review",
    "Date of the first review",
    "Most reviews happen every 4 to 12 weeks",
    at!(Date: plan.next_review),
)
.noun("date of the next review")
.required(Required::When(team_around_child))
.rule(Rule::ReviewAfterMeeting);

/// Needs an action can be for: the fourteen elements and "other".
pub const NEED_CHOICES: &[Choice] = &[
    Choice {
        code: "health",
        label: "Health",
    },
    Choice {
        code: "emotional_social",
        label: "Emotional and social development",
    },
    Choice {
        code: "behaviour",
        label: "Behavioural development",
    },
    Choice {
        code: "identity",
        label: "Identity and self-esteem",
    },
    Choice {
        code: "relationships",
        label: "Family and social relationships",
    },
    Choice {
        code: "self_care",
        label: "Self-care and independence",
    },
    Choice {
        code: "learning",
        label: "Learning",
    },
    Choice {
        code: "basic_care",
        label: "Basic care and safety",
    },
    Choice {
        code: "warmth_stability",
        label: "Emotional warmth and stability",
    },
    Choice {
        code: "guidance_boundaries",
        label: "Guidance, boundaries and stimulation",
    },
    Choice {
        code: "family_functioning",
        label: "Family history and functioning",
    },
    Choice {
        code: "wider_family",
        label: "Wider family",
    },
    Choice {
        code: "housing_finance",
        label: "Housing, employment and money",
    },
    Choice {
        code: "community",
        label: "Community and resources",
    },
    Choice {
        code: "other",
        label: "Something else",
    },
];

// Step 10: Agreement to share information.
pub static CONSENT_GIVEN_BY: Field = sized(
    "consent.given_by",
    "Who agreed?",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: consent.given_by),
)
.noun("name of the person giving agreement")
.max_chars(100)
.printed_as("Agreed by");
pub static CONSENT_RELATIONSHIP: Field = sized(
    "consent.relationship",
    "Their relationship to the child",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: consent.relationship),
)
.noun("relationship to the child of the person giving agreement")
.printed_as("Relationship to the child");
pub static CONSENT_PR: Field = radios(
    "consent.parental_responsibility",
    "Do they have parental responsibility?",
    "",
    YES_NO_UNKNOWN,
    at!(Text: consent.parental_responsibility),
)
.missing("Select whether the person giving agreement has parental responsibility")
.printed_as("Parental responsibility")
.rule(Rule::ParentalResponsibility);
pub static CONSENT_YOUNG_PERSON: Field = radios(
    "consent.young_person",
    "Did the child or young person agree?",
    "Needed when the child is 12 or older",
    YOUNG_PERSON,
    at!(Text: consent.young_person),
)
.required(Required::Rule)
.missing("Select whether the young person agrees to their information being shared")
.printed_as("Young person's own agreement")
.rule(Rule::YoungPersonAgrees);
pub static CONSENT_EXPLAINED: Field = tick(
    "consent.explained",
    "I explained what will be shared, with whom and why, and they understood",
    "",
    at!(Bool: consent.explained),
)
.missing("Confirm you explained what will be shared, with whom and why, and that they understood")
.printed_as("What will be shared was explained");
pub static CONSENT_STORE: Field = tick(
    "consent.store",
    "They agree to this information being recorded and stored",
    "",
    at!(Bool: consent.store),
)
.missing("Confirm they agree to this information being recorded and stored")
.printed_as("Agreed to information being stored");
pub static CONSENT_SHARE_WITH: Field = Field::new(
    "consent.share_with",
    "Who may this information be shared with?",
    "Tick each agency they agreed to, or add one",
    Kind::Checkboxes(&[]),
    at!(Strings: consent.share_with),
)
.missing("Select or enter at least one agency they agree to share information with")
.suggest(Suggest::Agencies)
.printed_as("May be shared with");
pub static CONSENT_NOT_SHARE_WITH: Field = optional(text(
    "consent.not_share_with",
    "Anyone they do not want it shared with",
    "",
    at!(Text: consent.not_share_with),
))
.noun("agencies they do not want information shared with")
.printed_as("Not to be shared with");
pub static CONSENT_SENSITIVE: Field = optional(tick(
    "consent.sensitive",
    "This includes health and other sensitive information",
    "",
    at!(Bool: consent.sensitive),
))
.printed_as("Sensitive information included");
pub static CONSENT_METHOD: Field = radios(
    "consent.method",
    "How did they agree?",
    "",
    CONSENT_METHODS,
    at!(Text: consent.method),
)
.missing("Select how agreement was given")
.printed_as("How they agreed");
pub static CONSENT_DATE: Field = date(
    "consent.date",
    "Date they agreed",
    DATE_HINT,
    at!(Date: consent.date),
)
.noun("date agreement was given")
.check(Check::PastDate)
.rule(Rule::AgreedAfterAssessmentAgreed);
pub static CONSENT_TIME: Field = optional(sized(
    "consent.time",
    "Time they agreed",
    "24-hour clock, like 14:30",
    InputType::Time,
    Width::Short,
    at!(Text: consent.time),
))
.noun("time agreement was given");
pub static CONSENT_PRACTITIONER: Field = sized(
    "consent.practitioner",
    "Who recorded the agreement?",
    "",
    InputType::Text,
    Width::Half,
    at!(Text: consent.practitioner),
)
.noun("name of the practitioner who recorded the agreement")
.max_chars(100)
.printed_as("Recorded by");
pub static CONSENT_LEAFLET: Field = optional(tick(
    "consent.leaflet_given",
    "I gave them a leaflet about early help and their information",
    "",
    at!(Bool: consent.leaflet_given),
))
.printed_as("Leaflet given");
pub static CONSENT_WITHDRAWN_ON: Field = optional(date(
    "consent.withdrawn_on",
    "Date they withdrew their agreement",
    "Only if the family has changed their mind. Every printout will then say that they withdrew it",
    at!(Date: consent.withdrawn_on),
))
.noun("date agreement was withdrawn")
.check(Check::PastDate)
.rule(Rule::WithdrawnAfterGiven);
pub static CONSENT_WITHDRAWN_NOTE: Field = optional(
    text(
        "consent.withdrawn_note",
        "Note about the withdrawal",
        "",
        at!(Text: consent.withdrawn_note),
    )
    .shown_when(|data, _| !data.consent.withdrawn_on.is_blank()),
)
.noun("note about the withdrawal");
pub static CONSENT_SIGNATURE_NAME: Field = optional(
    sized(
        "consent.signature_name",
        "Or type their name as their signature",
        "For people who cannot draw on the screen",
        InputType::Text,
        Width::Half,
        at!(Text: consent.signature_name),
    )
    .shown_when(signed_on_screen),
)
.rule(Rule::Signature)
.printed_as("Signature typed by the signer");

// Step 12: Reviews.
pub static REVIEW_FIELDS: [Field; 9] = [
    date(
        "reviews[].date",
        "Date of the review",
        DATE_HINT,
        at!(Date: reviews[] date),
    )
    .noun("date of review {n}")
    .check(Check::PastDate)
    .rule(Rule::ReviewDateAfterMeeting),
    optional(text(
        "reviews[].present",
        "Who came?",
        "",
        at!(Text: reviews[] present),
    )),
    long(
        "reviews[].summary",
        "Progress and what has changed",
        "",
        1500,
        at!(Text: reviews[] summary),
    )
    .noun("progress summary for review {n}")
    .rule(Rule::ReviewActionsRecorded),
    optional(long(
        "reviews[].child_comments",
        "What the child said",
        "",
        1000,
        at!(Text: reviews[] child_comments),
    ))
    .noun("child's comments at review {n}"),
    optional(long(
        "reviews[].parent_comments",
        "What the parents or carers said",
        "",
        1000,
        at!(Text: reviews[] parent_comments),
    ))
    .noun("parents' comments at review {n}"),
    radios(
        "reviews[].decision",
        "What happens next?",
        "",
        REVIEW_DECISION,
        at!(Text: reviews[] decision),
    )
    .missing("Select whether to continue the plan or close the CAF at review {n}"),
    date(
        "reviews[].next_review",
        "Date of the next review",
        "Needed if the plan continues",
        at!(Date: reviews[] next_review),
    )
    .noun("date of the review after review {n}")
    .required_when_shown(continues)
    .rule(Rule::NextReviewAfterReview),
    radios(
        "reviews[].closure_reason",
        "Why is the CAF closing?",
        "Needed if you close the CAF",
        CLOSURE_REASON,
        at!(Text: reviews[] closure_reason),
    )
    .required_when_shown(closes)
    .missing("Select why the CAF is closing at review {n}"),
    optional(
        long(
            "reviews[].closure_notes",
            "Notes about closing",
            "",
            1000,
            at!(Text: reviews[] closure_notes),
        )
        .shown_when(closes),
    )
    .noun("closure notes for review {n}"),
];

pub static REVIEWS: List = List {
    path: "reviews",
    title: "Reviews",
    item: "Review",
    add_label: "Record a review",
    min_items: 0,
    required: Required::Never,
    missing: "",
    len: |data| data.reviews.len(),
    add: |data, _| start_review(data),
    remove: |data, idx| remove_at(&mut data.reviews, idx),
    fields: &REVIEW_FIELDS,
    lists: &[REVIEW_ACTIONS],
};

/// Each plan action as it stood at a review (`reviews[i].actions[j]`): a
/// copy `start_review` takes, shown and printed as a table, a column to a
/// question. Optional, and limited as the action's own questions are.
pub static REVIEW_ACTION_FIELDS: &[Field] = &[
    optional(long(
        "reviews[].actions[].what",
        "Action",
        "",
        500,
        at!(Text: reviews[] actions[] what),
    ))
    .noun("action {n} at the review")
    .column("Action", 4.0),
    optional(Field::new(
        "reviews[].actions[].status",
        "Status then",
        "",
        Kind::Select(ACTION_STATUS),
        at!(Text: reviews[] actions[] status),
    ))
    .missing("Select the status the action had at review {n}")
    .column("Status then", 1.5),
    optional(long(
        "reviews[].actions[].progress",
        "Progress then",
        "",
        500,
        at!(Text: reviews[] actions[] progress),
    ))
    .noun("progress on an action at review {n}")
    .column("Progress then", 4.0),
    #[cfg(feature = "test-form")]
    test_form::REVIEW_ACTION_CHECKED_BY,
];

/// A review's record of the plan's actions (`start_review`'s snapshot).
pub static REVIEW_ACTIONS: SubList = SubList {
    path: REVIEW_ACTIONS_PATH,
    title: "Where each action stood",
    len: |data, item| {
        data.reviews
            .get(item)
            .map_or(0, |review| review.actions.len())
    },
    fields: REVIEW_ACTION_FIELDS,
};

// The fields callers name, each tied to its place in its list once, here, so
// that no caller picks a field by position.
/// An action's "by when".
pub static ACTION_DUE: &Field = &ACTION_FIELDS[3];
/// An action's status.
pub static ACTION_STATUS_FIELD: &Field = &ACTION_FIELDS[6];
/// An action's progress so far.
pub static ACTION_PROGRESS: &Field = &ACTION_FIELDS[7];
/// A review's date.
pub static REVIEW_DATE: &Field = &REVIEW_FIELDS[0];
/// Who came to a review.
pub static REVIEW_PRESENT: &Field = &REVIEW_FIELDS[1];
/// A review's summary of progress.
pub static REVIEW_SUMMARY: &Field = &REVIEW_FIELDS[2];
/// What the child said at a review.
pub static REVIEW_CHILD_COMMENTS: &Field = &REVIEW_FIELDS[3];
/// What the parents said at a review.
pub static REVIEW_PARENT_COMMENTS: &Field = &REVIEW_FIELDS[4];
/// A review's decision: continue or close.
pub static REVIEW_DECISION_FIELD: &Field = &REVIEW_FIELDS[5];
/// A review's next review date.
pub static REVIEW_NEXT_REVIEW: &Field = &REVIEW_FIELDS[6];
/// Why the CAF is closing.
pub static REVIEW_CLOSURE_REASON: &Field = &REVIEW_FIELDS[7];
/// Notes about closing.
pub static REVIEW_CLOSURE_NOTES: &Field = &REVIEW_FIELDS[8];

/// Whether the draft has a plan to review (caf-form.md §2, step 12 is
/// "available once a plan exists"): at least one action, or the date of the
/// first team meeting.
pub fn has_plan(data: &Data) -> bool {
    !data.plan.actions.is_empty() || !data.plan.meeting_date.is_blank()
}

/// Every plan action's what, status and progress as they stand now. A copy,
/// not a reference: a review keeps what was true at the time it was held.
// `test-form` gives a snapshot one more field, which a copy leaves blank.
#[allow(clippy::needless_update)]
pub fn snapshot_actions(data: &Data) -> Vec<ReviewActionDraft> {
    data.plan
        .actions
        .iter()
        .map(|action| ReviewActionDraft {
            what: action.what.clone(),
            status: action.status.clone(),
            progress: action.progress.clone(),
            ..ReviewActionDraft::default()
        })
        .collect()
}

/// Starts a new review (`reviews[i]`, appended) holding a snapshot of the
/// plan's actions, so later changes to the live plan never rewrite it.
pub fn start_review(data: &mut Data) {
    let actions = snapshot_actions(data);
    data.reviews.push(ReviewDraft {
        actions,
        ..ReviewDraft::default()
    });
}

/// When the plan is next reviewed: the `next_review` of the latest review
/// that continued the plan, else the plan's first review date. `None` when
/// no such date is set or it is not a valid date. (A closed CAF is reported
/// by [`is_closed`]; callers check that first.)
pub fn next_review_date(data: &Data) -> Option<Date> {
    let latest_continuing = data
        .reviews
        .iter()
        .rev()
        .find(|review| review.decision.trim() == CONTINUE.code);
    match latest_continuing {
        Some(review) => review.next_review.parse().ok().flatten(),
        None => data.plan.next_review.parse().ok().flatten(),
    }
}

/// Whether the CAF is closed: its latest review decided to close it.
pub fn is_closed(data: &Data) -> bool {
    data.reviews
        .last()
        .is_some_and(|review| review.decision.trim() == CLOSE.code)
}

fn remove_at<T>(items: &mut Vec<T>, idx: usize) {
    if idx < items.len() {
        items.remove(idx);
    }
}

/// The plain-language statement read to the family before they agree to
/// share (caf-form.md §3.10), one paragraph per item.
pub const CONSENT_STATEMENT: [&str; 4] = [
    "We have written down what is going well for your child and where you would like help, so that we can plan support together.",
    "This record is kept on this device. We will only share it with the people and services you agree to below.",
    "If we think a child or an adult is at risk of harm, we may have to share information without asking you first.",
    "You can ask to see what we hold about you. You can change your mind at any time by telling your lead professional.",
];

/// The page layout of each answered step, in order.
pub fn blocks(step: Step) -> Vec<Block> {
    use Block::{Field as F, Heading as H, List as L, Special as S, Text as T};
    match step {
        Step::Start => vec![
            F(&START_SIGNIFICANT_HARM),
            S(Special::SafeguardingMessage),
            F(&START_EXISTING_CHECK),
            H("Agreement to do this assessment"),
            T("The family must agree before you start. You will ask again, at the end, whether they agree to share it."),
            F(&START_AGREED_BY),
            F(&START_AGREED_RELATIONSHIP),
            F(&START_AGREED_ON),
        ],
        Step::Child => vec![
            F(&CHILD_UNBORN),
            F(&CHILD_GIVEN_NAME),
            F(&CHILD_FAMILY_NAME),
            F(&CHILD_KNOWN_AS),
            F(&CHILD_DATE_OF_BIRTH),
            F(&CHILD_EXPECTED_DATE),
            F(&CHILD_SEX),
            H("Where the child lives"),
            F(&CHILD_NO_FIXED_ABODE),
            F(&CHILD_ADDRESS),
            F(&CHILD_POSTCODE),
            F(&CHILD_PHONE),
            H("More about the child"),
            F(&CHILD_FIRST_LANGUAGE),
            F(&CHILD_INTERPRETER),
            F(&CHILD_DISABILITY),
            F(&CHILD_DISABILITY_DETAILS),
            F(&CHILD_NHS_NUMBER),
            F(&CHILD_UPN),
            F(&CHILD_SETTING),
            F(&CHILD_ETHNICITY),
        ],
        Step::Family => vec![L(&PARENTS), L(&HOUSEHOLD), F(&FAMILY_NOTES)],
        Step::Assessor => vec![
            F(&ASSESSOR_NAME),
            F(&ASSESSOR_ROLE),
            F(&ASSESSOR_ORGANISATION),
            F(&ASSESSOR_PHONE),
            F(&ASSESSOR_EMAIL),
            F(&ASSESSOR_URN),
            F(&ASSESSMENT_STARTED_ON),
            L(&SERVICES),
        ],
        Step::Reason => vec![F(&REASON_SUMMARY), F(&REASON_PEOPLE_PRESENT)],
        Step::Needs => {
            let mut blocks = vec![
                T("Rate each element you assessed. You do not need to rate them all, but rate at least one. Add notes for anything you rate as a concern."),
                S(Special::ThresholdAdvice),
            ];
            for (domain, elements) in NEEDS_DOMAINS.iter() {
                blocks.push(H(domain));
                for [rating, notes] in elements.iter() {
                    blocks.push(F(rating));
                    blocks.push(F(notes));
                }
            }
            blocks
        }
        Step::Views => vec![F(&VIEWS_CHILD), F(&VIEWS_CHILD_NOT_SOUGHT), F(&VIEWS_PARENT)],
        Step::Conclusion => vec![S(Special::ThresholdAdvice), F(&CONCLUSION_SUMMARY), F(&CONCLUSION_RESPONSE)],
        Step::Plan => vec![
            T("A Team Around the Child (TAC) is the practitioners and the family who agree and carry out the plan. Fill this in when you chose a Team Around the Child."),
            F(&PLAN_MEETING_DATE),
            L(&TEAM),
            S(Special::MeetingsLink),
            H("Lead professional"),
            T("The lead professional coordinates the plan and is the family's single point of contact."),
            S(Special::ChooseLead),
            F(&LEAD_NAME),
            F(&LEAD_ROLE),
            F(&LEAD_AGENCY),
            F(&LEAD_PHONE),
            F(&LEAD_EMAIL),
            F(&LEAD_REASONS),
            F(&LEAD_AGREED),
            H("Deputy lead professional"),
            F(&DEPUTY_NAME),
            F(&DEPUTY_ROLE),
            F(&DEPUTY_PHONE),
            F(&DEPUTY_UNTIL),
            L(&ACTIONS),
            F(&PLAN_NEXT_REVIEW),
            #[cfg(feature = "test-form")]
            F(&test_form::PLAN_INTERPRETER_PHONE),
        ],
        Step::Consent => vec![
            S(Special::ConsentStatement),
            F(&CONSENT_GIVEN_BY),
            F(&CONSENT_RELATIONSHIP),
            F(&CONSENT_PR),
            F(&CONSENT_YOUNG_PERSON),
            F(&CONSENT_EXPLAINED),
            F(&CONSENT_STORE),
            F(&CONSENT_SHARE_WITH),
            F(&CONSENT_NOT_SHARE_WITH),
            F(&CONSENT_SENSITIVE),
            F(&CONSENT_METHOD),
            S(Special::Signature),
            F(&CONSENT_DATE),
            F(&CONSENT_TIME),
            F(&CONSENT_PRACTITIONER),
            F(&CONSENT_LEAFLET),
            #[cfg(feature = "test-form")]
            F(&test_form::CONSENT_COPY_TO),
            S(Special::ConsentRecord),
            H("If the family changes their mind"),
            F(&CONSENT_WITHDRAWN_ON),
            F(&CONSENT_WITHDRAWN_NOTE),
        ],
        Step::Check | Step::Reviews => Vec::new(),
    }
}

/// Every field of a step, lists' item fields included, in page order.
pub fn fields(step: Step) -> Vec<&'static Field> {
    let mut acc = Vec::new();
    for block in blocks(step) {
        match block {
            Block::Field(field) => acc.push(field),
            Block::List(list) => acc.extend(list.fields.iter()),
            Block::Special(Special::Signature) => acc.push(&CONSENT_SIGNATURE_NAME),
            Block::Heading(_) | Block::Text(_) | Block::Special(_) => (),
        }
    }
    acc
}

/// Whether a step has any answer the form shows (for "Not started"): a
/// hidden answer is kept but does not count.
pub fn step_has_answers(step: Step, data: &Data) -> bool {
    blocks(step).iter().any(|block| match block {
        Block::Field(field) => field.is_shown(data, 0) && !field.is_blank(data, 0),
        Block::List(list) => (list.len)(data) > 0,
        _ => false,
    })
}

/// Where problems with the drawn signature are reported (`Special::Signature`).
pub const SIGNATURE_PATH: &str = "consent.signature";

/// Where problems with a review's record of the plan's actions are reported
/// (the snapshot `start_review` takes, shown by the review editor).
pub const REVIEW_ACTIONS_PATH: &str = "reviews[].actions";

/// Every path an issue on `step` can name (`[]` where a list index goes): the
/// step's own id, for a problem with the whole step ("Rate at least one"),
/// then its questions, its lists and their items' questions, and the drawn
/// signature; on the reviews step, `REVIEWS` and a review's record of the
/// actions. Read from the step's blocks, so which step a question is on is
/// written once, in `blocks`.
pub fn paths(step: Step) -> Vec<&'static str> {
    let mut acc = vec![step.id()];
    let blocks = match step {
        Step::Reviews => vec![Block::List(&REVIEWS)],
        _ => blocks(step),
    };
    for block in blocks {
        match block {
            Block::Field(field) => acc.push(field.path),
            Block::List(list) => {
                acc.push(list.path);
                acc.extend(list.fields.iter().map(|field| field.path));
                for sub in list.lists {
                    acc.push(sub.path);
                    acc.extend(sub.fields.iter().map(|field| field.path));
                }
            }
            Block::Special(Special::Signature) => {
                acc.push(CONSENT_SIGNATURE_NAME.path);
                acc.push(SIGNATURE_PATH);
            }
            Block::Heading(_) | Block::Text(_) | Block::Special(_) => (),
        }
    }
    acc
}

/// The step that path `path` (a field, list or item path, with or without
/// indices) is on, as `paths` says; `None` for a path on no step.
pub fn step_of(path: &str) -> Option<Step> {
    static STEPS: OnceLock<HashMap<&'static str, Step>> = OnceLock::new();
    let steps = STEPS.get_or_init(|| {
        let mut steps = HashMap::new();
        for step in Step::ALL {
            for path in paths(step) {
                steps.entry(path).or_insert(step);
            }
        }
        steps
    });
    steps.get(template(path).0.as_str()).copied()
}

/// A path with its list indices taken out (`parents[2].name` →
/// `parents[].name`), and the indices.
fn template(path: &str) -> (String, Vec<usize>) {
    let mut template = String::with_capacity(path.len());
    let mut indices = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        template.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        let close = after.find(']').unwrap_or(after.len());
        indices.push(after[..close].parse().unwrap_or(0));
        rest = after.get(close..).unwrap_or("");
    }
    template.push_str(rest);
    (template, indices)
}

/// The position of a field path in the form, for ordering issues: list
/// indices are compared after the field's place in the table.
pub fn order_key(path: &str) -> (usize, usize, Vec<usize>) {
    let (template, indices) = template(path);
    let step = Step::of_path(path).unwrap_or(Step::Reviews);
    let step_idx = Step::ALL.iter().position(|s| *s == step).unwrap_or(0);
    let field_idx = fields(step)
        .iter()
        .position(|field| template.starts_with(field.path))
        .unwrap_or(usize::MAX);
    (step_idx, field_idx, indices)
}

/// Answers the form fills in for the practitioner, who can change them: an
/// action's Every Child Matters outcome follows its need until one is chosen
/// (caf-domain.md §5.2), and a new action starts as "Not started".
pub fn apply_defaults(data: &mut Data) {
    for action in &mut data.plan.actions {
        if action.ecm.is_empty() {
            if let Some(element) = crate::domain::elements::element_by_code(&action.need) {
                action.ecm = element.default_ecm.code().to_owned();
            }
        }
        if action.status.is_empty() {
            action.status = NOT_STARTED.code.to_owned();
        }
    }
}

/// The question at field path `path` (a `[]` template), if the table has one.
pub fn field(path: &str) -> Option<&'static Field> {
    Step::ALL
        .into_iter()
        .flat_map(fields)
        .chain(REVIEW_FIELDS.iter())
        .chain(REVIEW_ACTION_FIELDS.iter())
        .find(|field| field.path == path)
}

/// Whether the question at `path` (outside lists) is shown, given the other
/// answers: its table entry's `shown` (GOV.UK conditional reveal). A hidden
/// question keeps whatever was typed in it.
pub fn is_shown(path: &str, data: &Data) -> bool {
    field(path).is_none_or(|field| field.is_shown(data, 0))
}

/// The element code of a needs notes path (`needs.health.notes` → `health`).
fn element_of_notes(path: &str) -> Option<&str> {
    path.strip_prefix("needs.")
        .and_then(|rest| rest.strip_suffix(".notes"))
}

/// The words of the button that shows a hidden question on request, for
/// questions that may be answered even when `is_shown` hides them: any
/// element's notes ("Add notes").
pub fn on_request(path: &str) -> Option<&'static str> {
    element_of_notes(path).map(|_| "Add notes")
}

/// A question's label split into what is shown and what only screen readers
/// hear: an element's notes show "Notes", and the element's long name, which
/// is just above as the rating's question, is read after it.
pub fn label_parts(field: &Field) -> (&'static str, &'static str) {
    match element_of_notes(field.path) {
        Some(_) => match field.label.split_once(": ") {
            Some((shown, _)) => (shown, &field.label[shown.len()..]),
            None => (field.label, ""),
        },
        None => (field.label, ""),
    }
}

// ---- Meetings of the Team Around the Child (caf-form.md §3.13) ----
// Not a numbered step: no meeting question is in `blocks`, so none makes a
// step incomplete or blocks the agreement. What an invitation or a calendar
// file needs is `domain::meetings::gaps`, said beside those buttons.

/// Meeting `at.item`'s date, from its one source (`domain::meetings::date_of`).
fn meeting_date(data: &Data, at: At) -> Option<&DateDraft> {
    data.meetings
        .get(at.item)
        .map(|meeting| meetings::date_of(data, meeting))
}

/// Meeting `at.item`'s date where it is kept: the plan's date of the first
/// meeting, the review's date, or the meeting's own.
fn meeting_date_mut(data: &mut Data, at: At) -> Option<&mut DateDraft> {
    let source = meetings::date_source(data, data.meetings.get(at.item)?);
    match source {
        DateSource::Plan => Some(&mut data.plan.meeting_date),
        DateSource::Review(i) => data.reviews.get_mut(i).map(|review| &mut review.date),
        DateSource::Own => data
            .meetings
            .get_mut(at.item)
            .map(|meeting| &mut meeting.date),
    }
}

fn meeting_is(data: &Data, at: At, how: &str) -> bool {
    data.meetings.get(at.item).is_some_and(|m| m.how == how)
}

/// Meeting `at.item` is in person.
fn in_person(data: &Data, at: At) -> bool {
    meeting_is(data, at, meetings::IN_PERSON)
}

/// Meeting `at.item` is in person, somewhere other than the family's home.
fn in_person_elsewhere(data: &Data, at: At) -> bool {
    in_person(data, at) && data.meetings.get(at.item).is_some_and(|m| !m.at_home)
}

/// Meeting `at.item` is by phone or video.
fn remote(data: &Data, at: At) -> bool {
    meeting_is(data, at, meetings::PHONE) || meeting_is(data, at, meetings::VIDEO)
}

/// Meeting `at.item` has been held.
fn held(data: &Data, at: At) -> bool {
    data.meetings
        .get(at.item)
        .is_some_and(|m| meetings::status_of(m) == meetings::HELD)
}

/// A meeting's questions, in the order the meetings page asks them. Its
/// kind is not asked: "Plan a meeting" makes the first meeting while there
/// is none, else a review meeting, so there is never a second first one.
pub static MEETING_FIELDS: [Field; 9] = [
    date(
        "meetings[].date",
        "Date",
        "For example, 9 12 2026. The first meeting's date is the plan's",
        Access::Date(meeting_date, meeting_date_mut),
    )
    .noun("date of the meeting"),
    sized(
        "meetings[].start",
        "Start time",
        "24-hour clock, like 10:00",
        InputType::Time,
        Width::Short,
        at!(Text: meetings[] start),
    )
    .noun("start time"),
    optional(sized(
        "meetings[].end",
        "End time",
        "24-hour clock, like 11:00. Leave blank for an hour after the start",
        InputType::Time,
        Width::Short,
        at!(Text: meetings[] end),
    ))
    .noun("end time"),
    radios(
        "meetings[].how",
        "How will people meet?",
        "",
        MEETING_HOW,
        at!(Text: meetings[] how),
    )
    .missing("Select how people will meet"),
    optional(tick(
        "meetings[].at_home",
        "At the family's home",
        "The address is never written in a calendar file: it says \"Home visit\"",
        at!(Bool: meetings[] at_home),
    ))
    .shown_when(in_person),
    text(
        "meetings[].place",
        "Where is it?",
        "The address or room, for example Room 3, Oak Children's Centre",
        at!(Text: meetings[] place),
    )
    .noun("place")
    .max_chars(200)
    .shown_when(in_person_elsewhere),
    optional(text(
        "meetings[].joining",
        "How to join",
        "A link or a number, exactly as given. CAF Lite never opens it",
        at!(Text: meetings[] joining),
    ))
    .noun("how to join")
    .max_chars(300)
    .shown_when(remote),
    radios(
        "meetings[].status",
        "Status",
        "",
        MEETING_STATUS,
        at!(Text: meetings[] status),
    )
    .missing("Select whether the meeting is planned, held or cancelled"),
    optional(long(
        "meetings[].decisions",
        "What was decided",
        "For the meeting record: what the team and the family agreed",
        1500,
        at!(Text: meetings[] decisions),
    ))
    .noun("what was decided")
    .shown_when(held),
];

/// The meetings (not a step: never checked with the steps).
pub static MEETINGS: List = List {
    path: "meetings",
    title: "Meetings",
    item: "Meeting",
    add_label: "Plan a meeting",
    min_items: 0,
    required: Required::Never,
    missing: "",
    len: |data| data.meetings.len(),
    add: plan_meeting,
    remove: |data, idx| remove_at(&mut data.meetings, idx),
    fields: &MEETING_FIELDS,
    lists: &[],
};

/// Plans a new meeting with id `id`: the first meeting when the CAF has
/// none, else a review meeting on the next review date; planned, in person.
pub fn plan_meeting(data: &mut Data, id: String) {
    let has_first = data.meetings.iter().any(|m| m.kind == meetings::FIRST_TAC);
    let (kind, date) = if has_first {
        let date = next_review_date(data)
            .map(DateDraft::from_date)
            .unwrap_or_default();
        (meetings::REVIEW, date)
    } else {
        (meetings::FIRST_TAC, DateDraft::default())
    };
    data.meetings.push(MeetingDraft {
        id,
        kind: kind.to_owned(),
        date,
        how: meetings::IN_PERSON.to_owned(),
        status: meetings::PLANNED.to_owned(),
        ..MeetingDraft::default()
    });
}

/// Questions that only the `test-form` cargo feature adds, for
/// `tests/measure.rs`: the release page and the PDF worker are never built
/// with it. Each is a table entry, a place in `blocks` (or in its list) and
/// a data field (`domain::draft`, under the same feature), and nothing else,
/// so the test shows what a new question reaches with no other edit.
#[cfg(feature = "test-form")]
pub mod test_form {
    use super::*;

    /// An interpreter is needed (the child's step says so).
    fn interpreter_needed(data: &Data, _: At) -> bool {
        data.child.interpreter_needed.trim() == YES.code
    }

    /// The action `at` (`reviews[item].actions[sub]`) was done by then.
    fn done_at_review(data: &Data, at: At) -> bool {
        data.reviews
            .get(at.item)
            .and_then(|review| review.actions.get(at.sub))
            .is_some_and(|action| action.status.trim() == "done")
    }

    /// Plan step: shown only when an interpreter is needed, then needed,
    /// and a phone number.
    pub static PLAN_INTERPRETER_PHONE: Field = sized(
        "plan.interpreter_phone",
        "Interpreter's phone number",
        PHONE_HINT,
        InputType::Tel,
        Width::Half,
        at!(Text: plan.interpreter_phone),
    )
    .noun("interpreter's phone number")
    .required_when_shown(interpreter_needed);

    /// Consent step: one of the terms the family agrees to.
    pub static CONSENT_COPY_TO: Field = sized(
        "consent.copy_to",
        "Who else may have a copy of the plan?",
        "",
        InputType::Text,
        Width::Full,
        at!(Text: consent.copy_to),
    )
    .noun("who else may have a copy")
    .max_chars(60)
    .printed_as("Copy of the plan to");

    /// A review's record of an action (a list inside a list item): how the
    /// team knows a done action is done, needed when it was done.
    pub const REVIEW_ACTION_CHECKED_BY: Field = long(
        "reviews[].actions[].checked_by",
        "How do we know it is done?",
        "",
        200,
        at!(Text: reviews[] actions[] checked_by),
    )
    .noun("how we know a done action is done at review {n}")
    .required_when_shown(done_at_review)
    .column("How we know", 2.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ELEMENTS;

    #[test]
    fn named_fields_are_the_fields_their_names_say() {
        assert_eq!(ACTION_DUE.path, "plan.actions[].due");
        assert_eq!(REVIEW_DATE.path, "reviews[].date");
        assert_eq!(REVIEW_NEXT_REVIEW.path, "reviews[].next_review");
        assert_eq!(ACTION_STATUS_FIELD.path, "plan.actions[].status");
        assert_eq!(ACTION_PROGRESS.path, "plan.actions[].progress");
        assert_eq!(REVIEW_PRESENT.path, "reviews[].present");
        assert_eq!(REVIEW_SUMMARY.path, "reviews[].summary");
        assert_eq!(REVIEW_CHILD_COMMENTS.path, "reviews[].child_comments");
        assert_eq!(REVIEW_PARENT_COMMENTS.path, "reviews[].parent_comments");
        assert_eq!(REVIEW_DECISION_FIELD.path, "reviews[].decision");
        assert_eq!(REVIEW_CLOSURE_REASON.path, "reviews[].closure_reason");
        assert_eq!(REVIEW_CLOSURE_NOTES.path, "reviews[].closure_notes");
    }

    #[test]
    fn every_element_gives_its_default_outcome_and_a_choice_is_kept() {
        for element in ELEMENTS {
            let mut data = Data::default();
            data.plan.actions.push(ActionDraft {
                need: element.code.to_owned(),
                ..ActionDraft::default()
            });
            apply_defaults(&mut data);
            assert_eq!(
                data.plan.actions[0].ecm,
                element.default_ecm.code(),
                "{}",
                element.code
            );
            assert_eq!(data.plan.actions[0].status, "not_started");
        }
        let mut data = Data::default();
        data.plan.actions.push(ActionDraft {
            need: "health".into(),
            ecm: "stay_safe".into(),
            ..ActionDraft::default()
        });
        apply_defaults(&mut data);
        assert_eq!(data.plan.actions[0].ecm, "stay_safe");
        let mut other = Data::default();
        other.plan.actions.push(ActionDraft {
            need: "other".into(),
            ..ActionDraft::default()
        });
        apply_defaults(&mut other);
        assert_eq!(other.plan.actions[0].ecm, "");
    }

    /// A question of a list inside a list item, as the meetings' invitees
    /// will be (`meetings[i].invited[j]`): a review's snapshot of one
    /// action. Test only: the table does not ask it.
    static SNAPSHOT_PROGRESS: Field = text(
        "reviews[].actions[].progress",
        "Progress",
        "",
        at!(Text: reviews[] actions[] progress),
    )
    .shown_when(|data, at| {
        data.reviews
            .get(at.item)
            .and_then(|review| review.actions.get(at.sub))
            .is_some_and(|action| !action.what.is_empty())
    });

    fn snapshot(what: &str, progress: &str) -> ReviewActionDraft {
        ReviewActionDraft {
            what: what.into(),
            progress: progress.into(),
            ..ReviewActionDraft::default()
        }
    }

    #[test]
    fn a_question_of_a_list_inside_a_list_item_reads_and_writes_its_own_place() {
        let reviews = vec![
            ReviewDraft {
                actions: vec![snapshot("Refer", "0.0")],
                ..ReviewDraft::default()
            },
            ReviewDraft {
                actions: vec![
                    snapshot("Refer", "1.0"),
                    snapshot("", "1.1"),
                    snapshot("Visit", "1.2"),
                ],
                ..ReviewDraft::default()
            },
        ];
        let mut data = Data {
            reviews,
            ..Data::default()
        };
        let field = &SNAPSHOT_PROGRESS;
        let at = At::sub(1, 2);
        assert_eq!(field.path_at(at), "reviews[1].actions[2].progress");
        assert_eq!(field.text(&data, at).map(String::as_str), Some("1.2"));
        assert_eq!(
            field.text(&data, At::sub(0, 0)).map(String::as_str),
            Some("0.0")
        );
        // No such item, outer or inner: nothing, and blank.
        assert_eq!(field.text(&data, At::sub(0, 1)), None);
        assert_eq!(field.text(&data, At::sub(2, 0)), None);
        assert!(field.is_blank(&data, At::sub(2, 0)));
        // Shown per inner item.
        assert!(field.is_shown(&data, at));
        assert!(!field.is_shown(&data, At::sub(1, 1)));
        assert_eq!(
            crate::form::answer::answer(field, &data, at).as_deref(),
            Some("1.2")
        );
        assert_eq!(
            crate::form::answer::answer(field, &data, At::sub(1, 1)),
            None
        );
        // Writing one place changes that place only.
        let Access::Text(_, set) = field.access else {
            panic!("a text question");
        };
        if let Some(slot) = set(&mut data, at) {
            *slot = "written".into();
        }
        let all: Vec<&str> = data
            .reviews
            .iter()
            .flat_map(|review| review.actions.iter().map(|action| action.progress.as_str()))
            .collect();
        assert_eq!(all, ["0.0", "1.0", "1.1", "written"]);
        assert!(set(&mut data, At::sub(1, 3)).is_none());
    }

    #[test]
    fn a_question_of_one_list_level_ignores_the_inner_index() {
        let mut data = Data::default();
        (TEAM.add)(&mut data, "t1".into());
        data.plan.team[0].name = "Jo Smith".into();
        let name = &TEAM_FIELDS[0];
        assert_eq!(name.path_at(0), "plan.team[0].name");
        assert_eq!(name.path_at(At::sub(0, 4)), "plan.team[0].name");
        assert_eq!(name.text(&data, At::sub(0, 4)), name.text(&data, 0));
        assert_eq!(CHILD_GIVEN_NAME.path_at(3), "child.given_name");
    }

    #[test]
    fn element_titles_match_the_domain_list() {
        let table: Vec<&str> = NEEDS_DOMAINS
            .iter()
            .flat_map(|(_, elements)| elements.iter().map(|[rating, _]| rating.label))
            .collect();
        let domain: Vec<&str> = ELEMENTS.iter().map(|element| element.title).collect();
        assert_eq!(table, domain);
    }
}
