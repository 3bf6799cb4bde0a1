//! What the printouts say: the consent-stamped CAF PDF, the family
//! handout, a meeting's invitation, calendar file and record, as plain
//! `pdf::Document`s the PDF worker renders (the calendar file as text).
//! Pure.

pub mod caf;
pub mod calendar;
pub mod file_name;
pub mod handout;
pub mod invitation;
pub mod meeting_record;

use crate::domain::{fingerprint, Draft, RememberedWithdrawal, Settings};
use crate::pdf::Document;
use crate::validate::{consent_status, Report};

/// The version to print and the fingerprint of the content: the version goes
/// up by one when the content differs from the last PDF's (caf-form.md §4).
/// An imported version at the top of the range stays there.
pub fn next_version(draft: &Draft) -> (u64, String) {
    let print = fingerprint(&draft.data);
    let version = draft.version.max(1);
    if draft.last_pdf_fingerprint.is_empty() || draft.last_pdf_fingerprint == print {
        (version, print)
    } else {
        (version.saturating_add(1), print)
    }
}

/// A PDF to make: what goes in it and what the file is called. For the CAF
/// PDF, also the version and fingerprint to store once it is downloaded.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfJob {
    pub document: Document,
    pub file_name: String,
    pub version: u64,
    pub fingerprint: String,
}

/// The consent-stamped CAF PDF of `draft` as it stands, made at `created`
/// (words for the header), stamped with its consent status given the
/// withdrawals this device remembers for it (`remembered`). The one recipe
/// the page and the tests use.
pub fn caf_pdf(
    draft: &Draft,
    report: &Report,
    remembered: &[RememberedWithdrawal],
    settings: &Settings,
    created: &str,
) -> PdfJob {
    let status = consent_status(&draft.data, report, remembered);
    let (version, print) = next_version(draft);
    let id = caf::doc_id(draft);
    PdfJob {
        document: caf::caf_document(draft, &status, settings, version, created),
        file_name: file_name::caf_file_name(&draft.data.child.family_name, &id, version),
        version,
        fingerprint: print,
    }
}

/// The family handout PDF of `draft`, made at `created`.
pub fn handout_pdf(
    draft: &Draft,
    report: &Report,
    remembered: &[RememberedWithdrawal],
    settings: &Settings,
    created: &str,
) -> PdfJob {
    let status = consent_status(&draft.data, report, remembered);
    let content = handout::handout(&draft.data, settings, &status);
    PdfJob {
        document: handout::handout_document(&content, format!("Made on {created}")),
        file_name: file_name::handout_file_name(&draft.data.child.family_name, &caf::doc_id(draft)),
        version: draft.version,
        fingerprint: fingerprint(&draft.data),
    }
}
