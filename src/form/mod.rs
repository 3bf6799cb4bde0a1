//! The form as data: steps, questions, choices and page layout, described
//! once and read by the step pages, check answers and the printouts. Pure.

pub mod answer;
pub mod caf;
pub mod choices;
pub mod field;
pub mod sibling;
pub mod standing;
pub mod step;
pub mod suggest;

pub use choices::Choice;
pub use field::{
    Access, At, Block, Check, Field, Format, InputType, Kind, List, Required, Rule, Special,
    SubList, Suggest, Width,
};
pub use step::{control_id, Step};
