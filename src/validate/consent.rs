//! Consent status (caf-form.md §3.10), derived and never stored as a flag.

use crate::domain::{fingerprint, Data, Date};
use crate::validate::Report;

/// Where the family's agreement to share stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentStatus {
    /// Recorded, every required answer is valid, and nothing changed since.
    Recorded,
    /// Never recorded, or recorded while the form still had errors.
    NotRecorded,
    /// Recorded once, but the content has changed since: re-confirm.
    OutOfDate,
    /// Withdrawn on this date.
    Withdrawn(Date),
}

impl ConsentStatus {
    /// The stamp for PDFs and banners, in capitals.
    pub fn banner(&self) -> String {
        match self {
            ConsentStatus::Recorded => "CONSENT TO SHARE RECORDED".to_string(),
            ConsentStatus::NotRecorded => "CONSENT NOT RECORDED — DRAFT, DO NOT SHARE".to_string(),
            ConsentStatus::OutOfDate => {
                "CONSENT OUT OF DATE — RE-CONFIRM BEFORE SHARING".to_string()
            }
            ConsentStatus::Withdrawn(date) => format!("CONSENT WITHDRAWN ON {date}"),
        }
    }

    /// A few words for the task list and the drafts page.
    pub fn words(&self) -> String {
        match self {
            ConsentStatus::Recorded => "Recorded".to_string(),
            ConsentStatus::NotRecorded => "Not recorded".to_string(),
            ConsentStatus::OutOfDate => "Out of date".to_string(),
            ConsentStatus::Withdrawn(date) => format!("Withdrawn on {date}"),
        }
    }
}

/// The status of the agreement in `data`, given the report of checking it.
///
/// Withdrawn if `consent.withdrawn_on` is a valid date; recorded only if the
/// stored fingerprint matches the content and the report has no errors; out of
/// date if a fingerprint was stored but the content has changed; otherwise not
/// recorded. `today` is taken so that a date-dependent rule needs no change of
/// signature; no rule depends on it yet.
pub fn consent_status(data: &Data, report: &Report, today: Date) -> ConsentStatus {
    let _ = today;
    if let Ok(Some(date)) = data.consent.withdrawn_on.parse() {
        return ConsentStatus::Withdrawn(date);
    }
    let recorded = data.consent.recorded_fingerprint.trim();
    if recorded.is_empty() {
        return ConsentStatus::NotRecorded;
    }
    if recorded != fingerprint(data) {
        return ConsentStatus::OutOfDate;
    }
    if report.has_errors() {
        ConsentStatus::NotRecorded
    } else {
        ConsentStatus::Recorded
    }
}
