//! How far each step has got, for the task list and the drafts page: one
//! rule, so both say the same. The consent step is only complete when the
//! agreement is recorded and still covers the form (or was withdrawn).

use crate::domain::{Data, RememberedWithdrawal};
use crate::form::caf::step_has_answers;
use crate::form::Step;
use crate::validate::{consent_status, ConsentStatus, Report, Severity};

/// A step's status on the task list (GOV.UK "complete multiple tasks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Completed,
    HasErrors,
    /// The consent step's answers are complete, but "Record agreement" was not pressed.
    AgreementNotRecorded,
    /// The consent step's agreement was recorded, but no longer covers the form.
    AgreementOutOfDate,
}

impl StepStatus {
    /// The words shown on the task list.
    pub fn words(self) -> &'static str {
        match self {
            StepStatus::NotStarted => "Not started",
            StepStatus::InProgress => "In progress",
            StepStatus::Completed => "Completed",
            StepStatus::HasErrors => "Has errors",
            StepStatus::AgreementNotRecorded => "Agreement not recorded",
            StepStatus::AgreementOutOfDate => "Out of date",
        }
    }
}

/// The status of `step`. `attempted`: Continue was pressed on it, or it was
/// left after typing, so its errors are showing. `remembered`: the
/// withdrawals this device remembers for the CAF (`consent_status`).
pub fn step_status(
    step: Step,
    data: &Data,
    report: &Report,
    remembered: &[RememberedWithdrawal],
    attempted: bool,
) -> StepStatus {
    let has_answers = step_has_answers(step, data);
    let has_errors = report
        .issues()
        .iter()
        .any(|issue| issue.severity == Severity::Error && Step::of_path(&issue.path) == Some(step));
    let status = match (has_answers || attempted, has_errors, attempted) {
        (false, _, _) => StepStatus::NotStarted,
        (true, true, true) => StepStatus::HasErrors,
        (true, true, false) => StepStatus::InProgress,
        (true, false, _) => StepStatus::Completed,
    };
    if step != Step::Consent || status != StepStatus::Completed {
        return status;
    }
    match consent_status(data, report, remembered) {
        ConsentStatus::Recorded
        | ConsentStatus::Withdrawn(_)
        | ConsentStatus::WithdrawnOnDevice(_) => StepStatus::Completed,
        ConsentStatus::NotRecorded => StepStatus::AgreementNotRecorded,
        ConsentStatus::OutOfDate(_) => StepStatus::AgreementOutOfDate,
    }
}

/// How many of steps 1–10 are complete, as the drafts page counts them.
pub fn steps_complete(data: &Data, report: &Report, remembered: &[RememberedWithdrawal]) -> usize {
    Step::ANSWERED
        .into_iter()
        .filter(|step| step_status(*step, data, report, remembered, false) == StepStatus::Completed)
        .count()
}
