//! Which agencies the family agreed to share with (caf-form.md §5b): the
//! one function the meeting record's "May be sent to", the contribution
//! request's gate and any warning use.
//!
//! An agency matches an entry of `consent.share_with` when the two are
//! equal after trimming, case-folding and collapsing spaces: no substring
//! or fuzzy match, so "Health" never stands for "Health visiting". An
//! agency named in `consent.not_share_with` never matches. That answer is
//! free text ("Police, and the housing office"), so there the test leans
//! the safe way: the agency's words appearing together anywhere in it
//! exclude the agency.

use crate::domain::{ConsentDraft, Data, TeamMemberDraft};

/// Whether the family agreed to share with an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// Named in `consent.share_with` (and not in `not_share_with`).
    Agreed,
    /// Not named in `consent.share_with`: a different spelling, or not agreed.
    NotNamed,
    /// Named in `consent.not_share_with`.
    Refused,
}

/// Whether the family agreed to share with `agency`.
pub fn sharing(consent: &ConsentDraft, agency: &str) -> Sharing {
    let agency = normalised(agency);
    if agency.is_empty() {
        return Sharing::NotNamed;
    }
    if names_within(&consent.not_share_with, &agency) {
        return Sharing::Refused;
    }
    if consent
        .share_with
        .iter()
        .any(|entry| normalised(entry) == agency)
    {
        Sharing::Agreed
    } else {
        Sharing::NotNamed
    }
}

/// The team split by whether the family agreed to share with each
/// member's agency: who a record may be sent to, and who not.
pub fn team_by_sharing(data: &Data) -> (Vec<&TeamMemberDraft>, Vec<(&TeamMemberDraft, Sharing)>) {
    let mut agreed = Vec::new();
    let mut not_covered = Vec::new();
    for member in &data.plan.team {
        match sharing(&data.consent, &member.agency) {
            Sharing::Agreed => agreed.push(member),
            other => not_covered.push((member, other)),
        }
    }
    (agreed, not_covered)
}

/// Trimmed, case-folded, every run of white space one space.
pub fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether the words of `agency` (already normalised) appear together in
/// `text`, whatever punctuation separates the entries there.
fn names_within(text: &str, agency: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let wanted = words(agency);
    let within = words(text);
    !wanted.is_empty()
        && within
            .windows(wanted.len())
            .any(|run| run == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(share: &[&str], not: &str) -> ConsentDraft {
        ConsentDraft {
            share_with: share.iter().map(|s| s.to_string()).collect(),
            not_share_with: not.into(),
            ..ConsentDraft::default()
        }
    }

    #[test]
    fn equal_after_trim_case_and_spaces_matches() {
        let c = consent(&["Health  Visiting ", "School"], "");
        assert_eq!(sharing(&c, "health visiting"), Sharing::Agreed);
        assert_eq!(sharing(&c, "  HEALTH\tvisiting"), Sharing::Agreed);
        assert_eq!(sharing(&c, "school"), Sharing::Agreed);
    }

    #[test]
    fn no_substring_or_fuzzy_match() {
        let c = consent(&["Health visiting"], "");
        assert_eq!(sharing(&c, "Health"), Sharing::NotNamed);
        assert_eq!(sharing(&c, "Health visiting team"), Sharing::NotNamed);
        assert_eq!(sharing(&c, "Health-visiting"), Sharing::NotNamed);
        assert_eq!(sharing(&c, ""), Sharing::NotNamed);
    }

    #[test]
    fn an_agency_the_family_refused_never_matches() {
        let c = consent(&["Police", "Housing"], "the police, and the housing office");
        assert_eq!(sharing(&c, "Police"), Sharing::Refused);
        assert_eq!(sharing(&c, "housing office"), Sharing::Refused);
        assert_eq!(sharing(&c, "Housing"), Sharing::Refused);
        // Words apart do not name an agency.
        let c = consent(&["Youth service"], "youth club; service charges");
        assert_eq!(sharing(&c, "Youth service"), Sharing::Agreed);
    }
}
