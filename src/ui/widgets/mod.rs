//! Generic components that render the form description; they know nothing
//! of the CAF beyond `form`'s types.

mod field;
mod list;
mod summary;

pub use field::FieldView;
pub use list::ListView;
pub use summary::{ErrorSummary, SUMMARY_ID};
