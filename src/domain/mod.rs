//! What a CAF is: plain values with no I/O, no clock and no browser or UI
//! crates. `today` is always a parameter.

pub mod date;
pub mod draft;

pub use date::{Date, DateDraft};
pub use draft::*;
