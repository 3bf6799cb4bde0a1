//! The steps of a CAF, in order. Which step a field path is on is read from
//! the steps' page layouts (`form::caf::blocks`).

/// One page of the form (caf-form.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    Start,
    Child,
    Family,
    Assessor,
    Reason,
    Needs,
    Views,
    Conclusion,
    Plan,
    Consent,
    Check,
    Reviews,
}

impl Step {
    /// Every step, in form order.
    pub const ALL: [Step; 12] = [
        Step::Start,
        Step::Child,
        Step::Family,
        Step::Assessor,
        Step::Reason,
        Step::Needs,
        Step::Views,
        Step::Conclusion,
        Step::Plan,
        Step::Consent,
        Step::Check,
        Step::Reviews,
    ];

    /// The steps that hold answers and count towards "steps complete" (1–10).
    pub const ANSWERED: [Step; 10] = [
        Step::Start,
        Step::Child,
        Step::Family,
        Step::Assessor,
        Step::Reason,
        Step::Needs,
        Step::Views,
        Step::Conclusion,
        Step::Plan,
        Step::Consent,
    ];

    /// The caption over a numbered step's heading, "Step 3 of 11": every step
    /// up to Check answers is numbered; the reviews, which come once the CAF
    /// is agreed, are not.
    pub fn caption(self) -> Option<String> {
        let numbered = Step::ALL.iter().filter(|step| **step <= Step::Check);
        let number = numbered.clone().position(|step| *step == self)? + 1;
        Some(format!("Step {number} of {}", numbered.count()))
    }

    /// The step id used in page ids and tests, for example `needs`.
    pub fn id(self) -> &'static str {
        match self {
            Step::Start => "start",
            Step::Child => "child",
            Step::Family => "family",
            Step::Assessor => "assessor",
            Step::Reason => "reason",
            Step::Needs => "needs",
            Step::Views => "views",
            Step::Conclusion => "conclusion",
            Step::Plan => "plan",
            Step::Consent => "consent",
            Step::Check => "check",
            Step::Reviews => "reviews",
        }
    }

    /// The title on screen.
    pub fn title(self) -> &'static str {
        match self {
            Step::Start => "Before you start",
            Step::Child => "About the child",
            Step::Family => "Family and household",
            Step::Assessor => "About you and other services",
            Step::Reason => "Why you are doing this assessment",
            Step::Needs => "Strengths and needs",
            Step::Views => "What the child and family say",
            Step::Conclusion => "What needs to happen",
            Step::Plan => "Team and delivery plan",
            Step::Consent => "Agreement to share information",
            Step::Check => "Check answers and create documents",
            Step::Reviews => "Reviews and closing the CAF",
        }
    }

    /// The step after this one, if any.
    pub fn next(self) -> Option<Step> {
        let idx = Step::ALL.iter().position(|step| *step == self)?;
        Step::ALL.get(idx + 1).copied()
    }

    /// The step before this one, if any.
    pub fn previous(self) -> Option<Step> {
        let idx = Step::ALL.iter().position(|step| *step == self)?;
        idx.checked_sub(1)
            .and_then(|idx| Step::ALL.get(idx).copied())
    }

    /// The step a field path (or a list path) belongs to: the step whose
    /// page holds it (`form::caf::step_of`).
    pub fn of_path(path: &str) -> Option<Step> {
        crate::form::caf::step_of(path)
    }

    /// The step with this id.
    pub fn from_id(id: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|step| step.id() == id)
    }
}

/// The control id for a field path: every run of characters other than ASCII
/// letters, digits and `_` becomes one `-` (caf-form.md §1).
pub fn control_id(path: &str) -> String {
    let mut id = String::with_capacity(path.len());
    let mut in_run = false;
    for ch in path.chars() {
        if ch.is_ascii_alphanumeric() || ch == '_' {
            id.push(ch);
            in_run = false;
        } else if !in_run {
            id.push('-');
            in_run = true;
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ids_follow_the_form_convention() {
        assert_eq!(control_id("parents[0].name"), "parents-0-name");
        assert_eq!(
            control_id("child.date_of_birth.day"),
            "child-date_of_birth-day"
        );
        assert_eq!(
            control_id("plan.actions[12].due.year"),
            "plan-actions-12-due-year"
        );
    }

    #[test]
    fn every_path_root_has_a_step() {
        assert_eq!(Step::of_path("parents[2].phone"), Some(Step::Family));
        assert_eq!(Step::of_path("assessment.started_on"), Some(Step::Assessor));
        assert_eq!(Step::of_path("plan.actions"), Some(Step::Plan));
        assert_eq!(Step::of_path("nonsense"), None);
    }

    #[test]
    fn steps_run_in_order() {
        assert_eq!(Step::Start.next(), Some(Step::Child));
        assert_eq!(Step::Start.previous(), None);
        assert_eq!(Step::Reviews.next(), None);
        assert_eq!(Step::from_id("needs"), Some(Step::Needs));
    }

    #[test]
    fn captions_count_the_steps_up_to_check_answers() {
        assert_eq!(Step::Start.caption().as_deref(), Some("Step 1 of 11"));
        assert_eq!(Step::Consent.caption().as_deref(), Some("Step 10 of 11"));
        assert_eq!(Step::Check.caption().as_deref(), Some("Step 11 of 11"));
        assert_eq!(Step::Reviews.caption(), None);
    }
}
