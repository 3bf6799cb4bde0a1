//! Threshold advice (caf-form.md §3.6): at or above the local number of unmet
//! needs, suggest a Team Around the Child; below it, a single-agency response.
//! Advice only, never a block.

use crate::domain::{Data, NeedsDraft, Settings};
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

impl Advice {
    /// How many needs were counted, as the page says it.
    pub fn count_words(&self) -> String {
        match self.unmet_needs {
            0 => "You have not rated any element as a concern yet.".to_owned(),
            1 => "You have rated 1 element as some or significant concern.".to_owned(),
            n => format!("You have rated {n} elements as some or significant concern."),
        }
    }

    /// What the count suggests, as advice.
    pub fn words(&self) -> String {
        let threshold = self.threshold;
        match self.suggests {
            Suggestion::TeamAroundChild => format!(
                "With {threshold} or more, we suggest a Team Around the Child with a lead professional. This is advice: you decide."
            ),
            Suggestion::SingleAgency => format!(
                "With fewer than {threshold}, we suggest one agency helps, alongside universal services such as school or the health visitor. This is advice: you decide."
            ),
        }
    }
}

/// Pre-selects the suggested response when none is chosen yet, as the
/// conclusion step does when it opens; a chosen response is never changed.
pub fn preselect_response(data: &mut Data, settings: &Settings) {
    if data.conclusion.response.is_empty() {
        data.conclusion.response = advice(&data.needs, settings).suggests.code().to_owned();
    }
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
    fn the_advice_is_worded_from_the_count_and_the_threshold() {
        let mut needs = NeedsDraft::default();
        let settings = Settings::default();
        let none = advice(&needs, &settings);
        assert_eq!(
            none.count_words(),
            "You have not rated any element as a concern yet."
        );
        assert_eq!(none.words(), "With fewer than 3, we suggest one agency helps, alongside universal services such as school or the health visitor. This is advice: you decide.");
        needs.health.rating = "some_concern".into();
        assert_eq!(
            advice(&needs, &settings).count_words(),
            "You have rated 1 element as some or significant concern."
        );
        needs.learning.rating = "some_concern".into();
        needs.behaviour.rating = "significant_concern".into();
        let team = advice(&needs, &settings);
        assert_eq!(
            team.count_words(),
            "You have rated 3 elements as some or significant concern."
        );
        assert_eq!(team.words(), "With 3 or more, we suggest a Team Around the Child with a lead professional. This is advice: you decide.");
    }

    #[test]
    fn the_suggested_response_is_preselected_only_when_none_is_chosen() {
        let settings = Settings::default();
        let mut data = Data::default();
        preselect_response(&mut data, &settings);
        assert_eq!(data.conclusion.response, "single_agency");
        for code in ["health", "learning", "behaviour"] {
            data.needs.element_mut(code).expect("an element").rating = "some_concern".into();
        }
        preselect_response(&mut data, &settings);
        assert_eq!(
            data.conclusion.response, "single_agency",
            "a choice is kept"
        );
        data.conclusion.response.clear();
        preselect_response(&mut data, &settings);
        assert_eq!(data.conclusion.response, "team_around_child");
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
