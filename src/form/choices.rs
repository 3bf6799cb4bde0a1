//! The answer codes of every choice question, with the words shown for them.
//! Codes are what is stored; labels are what people read.

/// One answer of a choice question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// Stored code, for example `some_concern`.
    pub code: &'static str,
    /// What the practitioner reads.
    pub label: &'static str,
}

const fn c(code: &'static str, label: &'static str) -> Choice {
    Choice { code, label }
}

/// The label for `code` in `choices`, or the code itself when it is not one of them.
pub fn label_of<'a>(choices: &'static [Choice], code: &'a str) -> &'a str {
    choices
        .iter()
        .find(|choice| choice.code == code.trim())
        .map_or(code, |choice| choice.label)
}

pub const YES_NO: &[Choice] = &[c("yes", "Yes"), c("no", "No")];
pub const YES_NO_UNKNOWN: &[Choice] = &[c("yes", "Yes"), c("no", "No"), c("unknown", "Not known")];

pub const EXISTING_CHECK: &[Choice] = &[
    c("checked_none", "Yes, and there is no open CAF"),
    c("checked_exists", "Yes, and a CAF is already open"),
    c("not_checked", "No, I have not checked"),
];

pub const SEX: &[Choice] = &[
    c("female", "Female"),
    c("male", "Male"),
    c("unknown", "Not known"),
    c("not_stated", "Not stated"),
];

/// The national CAF ethnicity list (caf-domain.md §4.9).
pub const ETHNICITY: &[Choice] = &[
    c("white_british", "White British"),
    c("white_irish", "White Irish"),
    c("traveller_irish", "Traveller of Irish Heritage"),
    c("gypsy_roma", "Gypsy or Roma"),
    c("white_other", "Any other White background"),
    c("mixed_white_black_caribbean", "White and Black Caribbean"),
    c("mixed_white_black_african", "White and Black African"),
    c("mixed_white_asian", "White and Asian"),
    c("mixed_other", "Any other mixed background"),
    c("asian_indian", "Indian"),
    c("asian_pakistani", "Pakistani"),
    c("asian_bangladeshi", "Bangladeshi"),
    c("asian_other", "Any other Asian background"),
    c("black_caribbean", "Caribbean"),
    c("black_african", "African"),
    c("black_other", "Any other Black background"),
    c("chinese", "Chinese"),
    c("other", "Any other ethnic group"),
    c("not_given", "Not given"),
];

pub const RATING: &[Choice] = &[
    c("strength", "Strength"),
    c("no_concern", "No concern"),
    c("some_concern", "Some concern"),
    c("significant_concern", "Significant concern"),
];

pub const RESPONSE: &[Choice] = &[
    c(
        "single_agency",
        "Single-agency response, alongside universal services",
    ),
    c(
        "team_around_child",
        "Team Around the Child, with a lead professional",
    ),
];

pub const LEAD_REASON_CHOICES: &[Choice] = &[
    c("main_need", "Works on the child's main need"),
    c("key_agency", "Comes from the agency most involved"),
    c("statutory_role", "Has a statutory role with the child"),
    c(
        "existing_relationship",
        "Already has a good relationship with the family",
    ),
    c("family_preference", "The family chose them"),
    c("best_communicator", "Best placed to keep everyone in touch"),
];

/// Every Child Matters outcomes (caf-domain.md §5.1).
pub const ECM: &[Choice] = &[
    c("be_healthy", "Be healthy"),
    c("stay_safe", "Stay safe"),
    c("enjoy_and_achieve", "Enjoy and achieve"),
    c("positive_contribution", "Make a positive contribution"),
    c("economic_wellbeing", "Achieve economic well-being"),
];

pub const ACTION_STATUS: &[Choice] = &[
    c("not_started", "Not started"),
    c("in_progress", "In progress"),
    c("done", "Done"),
    c("stopped", "Stopped"),
];

pub const YOUNG_PERSON: &[Choice] = &[
    c("agreed", "They agreed"),
    c("not_agreed", "They did not agree"),
    c("not_appropriate", "Not appropriate to ask"),
];

pub const CONSENT_METHODS: &[Choice] = &[
    c("signed_paper", "Signed on paper"),
    c("signed_on_screen", "Signed on this screen"),
    c("verbal_in_person", "Said in person"),
    c("verbal_phone", "Said on the phone"),
    c("verbal_video", "Said on a video call"),
];

pub const REVIEW_DECISION: &[Choice] = &[
    c("continue", "Continue the plan"),
    c("close", "Close the CAF"),
];

pub const CLOSURE_REASON: &[Choice] = &[
    c("needs_met", "Needs have been met"),
    c("step_down_single_agency", "Stepped down to a single agency"),
    c(
        "step_up_social_care",
        "Stepped up to children's social care",
    ),
    c("consent_withdrawn", "The family withdrew their agreement"),
    c("moved_area", "The family moved to another area"),
    c("other", "Another reason"),
];
