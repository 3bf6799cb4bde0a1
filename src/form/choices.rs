//! The answer codes of every choice question, with the words shown for them.
//! Codes are what is stored; labels are what people read. A rule that needs
//! one answer names its `Choice` here (`YES.code`), never a string literal.

use crate::domain::{meetings, Ecm, NeedsDraft, ELEMENTS};

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

pub const YES: Choice = c("yes", "Yes");
pub const NO: Choice = c("no", "No");
pub const UNKNOWN: Choice = c("unknown", "Not known");
pub const YES_NO: &[Choice] = &[YES, NO];
pub const YES_NO_UNKNOWN: &[Choice] = &[YES, NO, UNKNOWN];

/// A CAF is already open for this child.
pub const CHECKED_EXISTS: Choice = c("checked_exists", "Yes, and a CAF is already open");
pub const EXISTING_CHECK: &[Choice] = &[
    c("checked_none", "Yes, and there is no open CAF"),
    CHECKED_EXISTS,
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

pub const SOME_CONCERN: Choice = c("some_concern", "Some concern");
pub const SIGNIFICANT_CONCERN: Choice = c("significant_concern", "Significant concern");
/// An element's rating; `""` means not assessed.
pub const RATING: &[Choice] = &[
    c("strength", "Strength"),
    c("no_concern", "No concern"),
    SOME_CONCERN,
    SIGNIFICANT_CONCERN,
];

/// Whether a rating counts as an unmet need (some or significant concern).
pub fn is_need(rating: &str) -> bool {
    let rating = rating.trim();
    rating == SOME_CONCERN.code || rating == SIGNIFICANT_CONCERN.code
}

/// How many elements are rated as an unmet need.
pub fn unmet_needs(needs: &NeedsDraft) -> usize {
    ELEMENTS
        .iter()
        .filter_map(|element| needs.element(element.code))
        .filter(|need| is_need(&need.rating))
        .count()
}

pub const SINGLE_AGENCY: Choice = c(
    "single_agency",
    "Single-agency response, alongside universal services",
);
pub const TEAM_AROUND_CHILD: Choice = c(
    "team_around_child",
    "Team Around the Child, with a lead professional",
);
pub const RESPONSE: &[Choice] = &[SINGLE_AGENCY, TEAM_AROUND_CHILD];

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

const fn ecm(ecm: Ecm) -> Choice {
    c(ecm.code(), ecm.title())
}

/// Every Child Matters outcomes (caf-domain.md §5.1), from `domain::Ecm`.
pub const ECM: &[Choice] = &[
    ecm(Ecm::ALL[0]),
    ecm(Ecm::ALL[1]),
    ecm(Ecm::ALL[2]),
    ecm(Ecm::ALL[3]),
    ecm(Ecm::ALL[4]),
];

/// A new action's status.
pub const NOT_STARTED: Choice = c("not_started", "Not started");
pub const ACTION_STATUS: &[Choice] = &[
    NOT_STARTED,
    c("in_progress", "In progress"),
    c("done", "Done"),
    c("stopped", "Stopped"),
];

pub const YOUNG_PERSON: &[Choice] = &[
    c("agreed", "They agreed"),
    c("not_agreed", "They did not agree"),
    c("not_appropriate", "Not appropriate to ask"),
];

/// Signed on this screen: the drawn signature belongs to this method.
pub const SIGNED_ON_SCREEN: Choice = c("signed_on_screen", "Signed on this screen");
pub const CONSENT_METHODS: &[Choice] = &[
    c("signed_paper", "Signed on paper"),
    SIGNED_ON_SCREEN,
    c("verbal_in_person", "Said in person"),
    c("verbal_phone", "Said on the phone"),
    c("verbal_video", "Said on a video call"),
];

pub const CONTINUE: Choice = c("continue", "Continue the plan");
pub const CLOSE: Choice = c("close", "Close the CAF");
pub const REVIEW_DECISION: &[Choice] = &[CONTINUE, CLOSE];

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

/// A meeting's kind (caf-form.md §3.13).
pub const MEETING_KIND: &[Choice] = &[
    c(meetings::FIRST_TAC, "First Team Around the Child meeting"),
    c(meetings::REVIEW, "Review meeting"),
];
/// How a meeting happens.
pub const MEETING_HOW: &[Choice] = &[
    c(meetings::IN_PERSON, "In person"),
    c(meetings::PHONE, "By phone"),
    c(meetings::VIDEO, "By video"),
];
/// Where a meeting stands.
pub const MEETING_STATUS: &[Choice] = &[
    c(meetings::PLANNED, "Planned"),
    c(meetings::HELD, "Held"),
    c(meetings::CANCELLED, "Cancelled"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::elements::element_by_code;

    #[test]
    fn outcomes_are_the_domain_outcomes() {
        let codes: Vec<&str> = ECM.iter().map(|choice| choice.code).collect();
        let domain: Vec<&str> = Ecm::ALL.iter().map(|ecm| ecm.code()).collect();
        assert_eq!(codes, domain);
    }

    #[test]
    fn counts_only_concerns() {
        let mut needs = NeedsDraft::default();
        needs.health.rating = "some_concern".into();
        needs.learning.rating = "significant_concern".into();
        needs.community.rating = "strength".into();
        needs.wider_family.rating = "no_concern".into();
        assert_eq!(unmet_needs(&needs), 2);
        assert!(element_by_code("health").is_some());
    }
}
