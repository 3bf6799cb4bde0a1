//! The form as data: steps, questions, choices and page layout, described
//! once and read by the step pages, check answers and the printouts. Pure.

pub mod answer;
pub mod caf;
pub mod choices;
pub mod field;
pub mod step;

pub use choices::Choice;
pub use field::{Access, Block, Field, InputType, Kind, List, Special, Width};
pub use step::{control_id, Step};
