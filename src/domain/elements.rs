//! The fourteen strengths-and-needs elements in three domains (caf-form.md
//! §3.6), each with its default Every Child Matters outcome (reference §5.2;
//! where the reference gives two outcomes, the first). Pure data.

/// One of the three assessment domains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElementDomain {
    /// Development of the child.
    Development,
    /// Parents and carers.
    ParentsAndCarers,
    /// Family and environment.
    FamilyAndEnvironment,
}

impl ElementDomain {
    /// The heading shown on screen and on the PDF.
    pub const fn title(self) -> &'static str {
        match self {
            ElementDomain::Development => "Development of the child",
            ElementDomain::ParentsAndCarers => "Parents and carers",
            ElementDomain::FamilyAndEnvironment => "Family and environment",
        }
    }
}

/// The five Every Child Matters outcomes an action is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ecm {
    /// `be_healthy`.
    BeHealthy,
    /// `stay_safe`.
    StaySafe,
    /// `enjoy_and_achieve`.
    EnjoyAndAchieve,
    /// `positive_contribution`.
    PositiveContribution,
    /// `economic_wellbeing`.
    EconomicWellbeing,
}

impl Ecm {
    /// All five, in the usual order.
    pub const ALL: [Ecm; 5] = [
        Ecm::BeHealthy,
        Ecm::StaySafe,
        Ecm::EnjoyAndAchieve,
        Ecm::PositiveContribution,
        Ecm::EconomicWellbeing,
    ];

    /// The stored code (`plan.actions[i].ecm`).
    pub const fn code(self) -> &'static str {
        match self {
            Ecm::BeHealthy => "be_healthy",
            Ecm::StaySafe => "stay_safe",
            Ecm::EnjoyAndAchieve => "enjoy_and_achieve",
            Ecm::PositiveContribution => "positive_contribution",
            Ecm::EconomicWellbeing => "economic_wellbeing",
        }
    }

    /// The outcome in words.
    pub const fn title(self) -> &'static str {
        match self {
            Ecm::BeHealthy => "Be healthy",
            Ecm::StaySafe => "Stay safe",
            Ecm::EnjoyAndAchieve => "Enjoy and achieve",
            Ecm::PositiveContribution => "Make a positive contribution",
            Ecm::EconomicWellbeing => "Achieve economic well-being",
        }
    }

    /// The outcome with this code, if it is one.
    pub fn from_code(code: &str) -> Option<Ecm> {
        Ecm::ALL.into_iter().find(|ecm| ecm.code() == code)
    }
}

/// One strengths-and-needs element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    /// The code used in field paths (`needs.<code>.rating`).
    pub code: &'static str,
    /// The element in words.
    pub title: &'static str,
    /// Its domain.
    pub domain: ElementDomain,
    /// The outcome an action for this need is tagged with by default.
    pub default_ecm: Ecm,
}

const fn element(
    code: &'static str,
    title: &'static str,
    domain: ElementDomain,
    default_ecm: Ecm,
) -> Element {
    Element {
        code,
        title,
        domain,
        default_ecm,
    }
}

/// The fourteen elements, in form order.
pub const ELEMENTS: [Element; 14] = {
    use ElementDomain::*;
    [
        element(
            "health",
            "Health: general health, physical development, speech, language and communication",
            Development,
            Ecm::BeHealthy,
        ),
        element(
            "emotional_social",
            "Emotional and social development",
            Development,
            Ecm::BeHealthy,
        ),
        element(
            "behaviour",
            "Behavioural development",
            Development,
            Ecm::PositiveContribution,
        ),
        element(
            "identity",
            "Identity, self-esteem, self-image and social presentation",
            Development,
            Ecm::PositiveContribution,
        ),
        element(
            "relationships",
            "Family and social relationships",
            Development,
            Ecm::StaySafe,
        ),
        element(
            "self_care",
            "Self-care skills and independence",
            Development,
            Ecm::EnjoyAndAchieve,
        ),
        element(
            "learning",
            "Learning: understanding, reasoning, problem solving, progress and aspirations",
            Development,
            Ecm::EnjoyAndAchieve,
        ),
        element(
            "basic_care",
            "Basic care, ensuring safety and protection",
            ParentsAndCarers,
            Ecm::StaySafe,
        ),
        element(
            "warmth_stability",
            "Emotional warmth and stability",
            ParentsAndCarers,
            Ecm::StaySafe,
        ),
        element(
            "guidance_boundaries",
            "Guidance, boundaries and stimulation",
            ParentsAndCarers,
            Ecm::EnjoyAndAchieve,
        ),
        element(
            "family_functioning",
            "Family history, functioning and well-being",
            FamilyAndEnvironment,
            Ecm::StaySafe,
        ),
        element(
            "wider_family",
            "Wider family",
            FamilyAndEnvironment,
            Ecm::StaySafe,
        ),
        element(
            "housing_finance",
            "Housing, employment and financial considerations",
            FamilyAndEnvironment,
            Ecm::EconomicWellbeing,
        ),
        element(
            "community",
            "Social and community elements and resources, including education",
            FamilyAndEnvironment,
            Ecm::PositiveContribution,
        ),
    ]
};

/// The element with this code, if it is one.
pub fn element_by_code(code: &str) -> Option<&'static Element> {
    ELEMENTS.iter().find(|element| element.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NeedsDraft;

    #[test]
    fn every_element_code_reaches_a_draft_field() {
        let needs = NeedsDraft::default();
        assert_eq!(ELEMENTS.len(), 14);
        for element in &ELEMENTS {
            assert!(needs.element(element.code).is_some(), "{}", element.code);
        }
    }

    #[test]
    fn default_outcomes_follow_the_reference() {
        let ecm = |code| element_by_code(code).map(|e| e.default_ecm);
        assert_eq!(ecm("health"), Some(Ecm::BeHealthy));
        assert_eq!(ecm("emotional_social"), Some(Ecm::BeHealthy));
        assert_eq!(ecm("housing_finance"), Some(Ecm::EconomicWellbeing));
        assert_eq!(ecm("community"), Some(Ecm::PositiveContribution));
        assert_eq!(ecm("other"), None);
        assert_eq!(Ecm::from_code("stay_safe"), Some(Ecm::StaySafe));
    }
}
