//! Checks a draft and reports every problem at once. An incomplete draft is
//! the normal state of a form, not an error, so nothing stops at the first
//! problem. Pure: `today` and the local settings are parameters. This module
//! is where the `validator` crate is used (its derive sits on the draft types).

pub mod check;
pub mod consent;
pub mod labels;
pub mod progress;
pub mod report;
pub mod rules;
pub mod threshold;

pub use check::{check, Checked};
pub use consent::{consent_status, ConsentStatus, OutOfDate};
pub use progress::{step_status, steps_complete, StepStatus};
pub use report::{Issue, Report, Severity};
pub use threshold::{advice, Advice, Suggestion};
