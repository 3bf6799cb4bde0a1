//! What the printouts say: the consent-stamped CAF PDF and the family
//! handout, as plain `pdf::Document`s the PDF worker renders. Pure.

pub mod caf;
pub mod data_url;
pub mod file_name;
pub mod handout;

use crate::domain::{fingerprint, Draft};

/// The version to print and the fingerprint of the content: the version goes
/// up by one when the content differs from the last PDF's (caf-form.md §4).
pub fn next_version(draft: &Draft) -> (u64, String) {
    let print = fingerprint(&draft.data);
    let version = draft.version.max(1);
    if draft.last_pdf_fingerprint.is_empty() || draft.last_pdf_fingerprint == print {
        (version, print)
    } else {
        (version + 1, print)
    }
}
