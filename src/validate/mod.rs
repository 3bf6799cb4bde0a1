//! Checks a draft and reports every problem at once. An incomplete draft is
//! the normal state of a form, not an error, so nothing stops at the first
//! problem. Pure: `today` and the local settings are parameters. What each
//! answer needs is read from the form table (`form::caf`); this module holds
//! the generic pass, the wording and the rules that span answers.

pub mod check;
pub mod consent;
pub mod progress;
pub mod report;
pub mod rules;
pub mod threshold;
pub mod words;

pub use check::{check, check_fields, check_meeting, safeguarding_stop, Checked};
pub use consent::{consent_status, ConsentStatus, OutOfDate};
pub use progress::{step_status, steps_complete, StepStatus};
pub use report::{Issue, Report, Severity};
pub use threshold::{advice, preselect_response, Advice, Suggestion};
