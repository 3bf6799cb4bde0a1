//! Threshold advice (caf-form.md §3.6): at or above the local number of unmet
//! needs, suggest a Team Around the Child; below it, a single-agency response.
//! Advice only, never a block.

use crate::domain::{NeedsDraft, Settings};
use crate::form::choices::{unmet_needs, SINGLE_AGENCY, TEAM_AROUND_CHILD};

/// The response the advice suggests (`conclusion.response` codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suggestion {
    /// A Team Around the Child with a lead professional.
    TeamAroundChild,
    /// A single-agency response alongside universal services.
    SingleAgency,
}

impl Suggestion {
    /// The `conclusion.response` code, used to pre-select the answer.
    pub fn code(self) -> &'static str {
        match self {
            Suggestion::TeamAroundChild => TEAM_AROUND_CHILD.code,
            Suggestion::SingleAgency => SINGLE_AGENCY.code,
        }
    }
}

/// What the threshold suggests, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// Elements rated `some_concern` or `significant_concern`.
    pub unmet_needs: usize,
    /// The local threshold used.
    pub threshold: usize,
    /// The suggested response.
    pub suggests: Suggestion,
}

/// The advice for these ratings under these settings.
pub fn advice(needs: &NeedsDraft, settings: &Settings) -> Advice {
    let unmet_needs = unmet_needs(needs);
    let threshold = settings.unmet_needs_threshold;
    let suggests = if unmet_needs >= threshold {
        Suggestion::TeamAroundChild
    } else {
        Suggestion::SingleAgency
    };
    Advice {
        unmet_needs,
        threshold,
        suggests,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_threshold_suggests_a_team() {
        let mut needs = NeedsDraft::default();
        needs.health.rating = "some_concern".into();
        needs.behaviour.rating = "significant_concern".into();
        let settings = Settings::default();
        assert_eq!(advice(&needs, &settings).suggests, Suggestion::SingleAgency);
        needs.housing_finance.rating = "some_concern".into();
        let advice = advice(&needs, &settings);
        assert_eq!(advice.suggests, Suggestion::TeamAroundChild);
        assert_eq!((advice.unmet_needs, advice.threshold), (3, 3));
        assert_eq!(advice.suggests.code(), "team_around_child");
    }

    #[test]
    fn the_threshold_is_local() {
        let mut needs = NeedsDraft::default();
        needs.health.rating = "some_concern".into();
        let settings = Settings {
            unmet_needs_threshold: 1,
            ..Settings::default()
        };
        assert_eq!(
            advice(&needs, &settings).suggests,
            Suggestion::TeamAroundChild
        );
    }
}
