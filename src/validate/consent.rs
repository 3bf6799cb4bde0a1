//! Consent status (caf-form.md §3.10), derived and never stored as a flag.
//! Every surface that shows it (the consent and check pages, the task list,
//! the drafts list, the CAF PDF's stamp and footer, the handout) calls
//! [`consent_status`], with the withdrawals this device remembers for the
//! CAF (`domain::remembered`, caf-form.md §3.10).

use std::cmp::Ordering;

use crate::domain::{
    fingerprint, remembered_withdrawal_of, Data, Date, RememberedWithdrawal, FINGERPRINT_RULE,
};
use crate::validate::Report;

/// Where the family's agreement to share stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentStatus {
    /// Recorded, every required answer is valid, and nothing changed since.
    Recorded,
    /// Never recorded, or recorded while the form still had errors.
    NotRecorded,
    /// Recorded once, but it no longer covers what is on the form: re-confirm.
    OutOfDate(OutOfDate),
    /// Withdrawn on this date.
    Withdrawn(Date),
    /// This copy still holds an agreement that this device remembers the
    /// family withdrew on this date: the copy was made before that.
    WithdrawnOnDevice(Date),
}

/// Why a recorded agreement is out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutOfDate {
    /// The answers or the terms of the agreement changed after it was recorded.
    Changed,
    /// It was recorded under an earlier fingerprint rule, which did not cover
    /// the terms of the agreement, so it cannot vouch for them.
    EarlierVersion,
    /// It was recorded under a fingerprint rule newer than this version knows.
    NewerVersion,
}

impl ConsentStatus {
    /// The stamp for PDFs and banners, in capitals.
    pub fn banner(&self) -> String {
        match self {
            ConsentStatus::Recorded => "CONSENT TO SHARE RECORDED".to_string(),
            ConsentStatus::NotRecorded => "CONSENT NOT RECORDED — DRAFT, DO NOT SHARE".to_string(),
            ConsentStatus::OutOfDate(_) => {
                "CONSENT OUT OF DATE — RE-CONFIRM BEFORE SHARING".to_string()
            }
            ConsentStatus::Withdrawn(date) | ConsentStatus::WithdrawnOnDevice(date) => {
                format!("CONSENT WITHDRAWN ON {date}")
            }
        }
    }

    /// A few words for the task list and the drafts page.
    pub fn words(&self) -> String {
        match self {
            ConsentStatus::Recorded => "Recorded".to_string(),
            ConsentStatus::NotRecorded => "Not recorded".to_string(),
            ConsentStatus::OutOfDate(_) => "Out of date".to_string(),
            ConsentStatus::Withdrawn(date) | ConsentStatus::WithdrawnOnDevice(date) => {
                format!("Withdrawn on {date}")
            }
        }
    }

    /// One sentence saying why the status is not RECORDED, and what to do;
    /// `None` when it is recorded.
    pub fn explanation(&self) -> Option<&'static str> {
        match self {
            ConsentStatus::Recorded => None,
            ConsentStatus::NotRecorded => Some(
                "The family's agreement to share has not been recorded. Nothing may be shared until it is.",
            ),
            ConsentStatus::OutOfDate(OutOfDate::Changed) => Some(
                "The answers or the terms of the agreement changed after it was recorded. Confirm it with the family again and record it again.",
            ),
            ConsentStatus::OutOfDate(OutOfDate::EarlierVersion) => Some(
                "The agreement was recorded by an earlier version of CAF Lite. Confirm it with the family again and record it again.",
            ),
            ConsentStatus::OutOfDate(OutOfDate::NewerVersion) => Some(
                "The agreement was recorded by a newer version of CAF Lite, so this version cannot check it. Confirm it with the family again and record it again.",
            ),
            ConsentStatus::Withdrawn(_) => Some(
                "The family withdrew their agreement. Nothing more may be shared.",
            ),
            ConsentStatus::WithdrawnOnDevice(_) => Some(
                "This device recorded that the family withdrew their agreement; this copy was made before that. Nothing more may be shared unless you record their agreement again.",
            ),
        }
    }

    /// The day the agreement was withdrawn, by this copy or by this
    /// device's record; `None` when it is not withdrawn.
    pub fn withdrawn_on(&self) -> Option<Date> {
        match self {
            ConsentStatus::Withdrawn(date) | ConsentStatus::WithdrawnOnDevice(date) => Some(*date),
            _ => None,
        }
    }
}

/// The status of the agreement in `data`, given the report of checking it
/// and the withdrawals this device remembers for the CAF (`remembered`).
///
/// Withdrawn if `consent.withdrawn_on` is a valid date, or if the agreement
/// recorded in `data` was recorded before a remembered withdrawal was
/// entered (`WithdrawnOnDevice`); out of date if an
/// agreement was recorded under an earlier fingerprint rule or the content
/// and terms have changed since; recorded only if the stored fingerprint
/// matches and the report has no errors; otherwise not recorded.
pub fn consent_status(
    data: &Data,
    report: &Report,
    remembered: &[RememberedWithdrawal],
) -> ConsentStatus {
    if let Ok(Some(date)) = data.consent.withdrawn_on.parse() {
        return ConsentStatus::Withdrawn(date);
    }
    if let Some(withdrawal) = remembered_withdrawal_of(data, remembered) {
        return ConsentStatus::WithdrawnOnDevice(withdrawal.withdrawn_on);
    }
    let recorded = data.consent.recorded_fingerprint.trim();
    if recorded.is_empty() {
        return ConsentStatus::NotRecorded;
    }
    match data.consent.fingerprint_rule.cmp(&FINGERPRINT_RULE) {
        Ordering::Less => return ConsentStatus::OutOfDate(OutOfDate::EarlierVersion),
        Ordering::Greater => return ConsentStatus::OutOfDate(OutOfDate::NewerVersion),
        Ordering::Equal => (),
    }
    if recorded != fingerprint(data) {
        return ConsentStatus::OutOfDate(OutOfDate::Changed);
    }
    if report.has_errors() {
        ConsentStatus::NotRecorded
    } else {
        ConsentStatus::Recorded
    }
}
