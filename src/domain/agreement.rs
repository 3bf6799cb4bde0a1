//! The record of the family's agreement to share (caf-form.md §3.10) as
//! events. A record vouches for exactly what was agreed (its fingerprint).
//! It ends in one of three ways, and then moves to `consent.history`, so that
//! nothing a user does afterwards can bring it back as if it were current:
//! - a later record replaces it ("Record agreement again");
//! - the family withdraws it: clearing the withdrawal date afterwards leaves
//!   the agreement NOT RECORDED, never RECORDED again;
//! - the CAF is copied under a new id (import "Keep both", a deleted copy
//!   restored beside the original, "Keep mine as a copy"): the copy has its
//!   own life from then on, and the original's agreement, which may since have
//!   been withdrawn there, does not carry over.

use crate::domain::fingerprint::FINGERPRINT_RULE;
use crate::domain::{fingerprint, ConsentDraft, ConsentHistoryEntry, Data, DateDraft};

/// Records the family's agreement as it stands now (`now` is an RFC 3339
/// time): the fingerprint and the rule it was made under, with any earlier
/// record kept in the history.
pub fn record_agreement(data: &mut Data, now: &str) {
    let print = fingerprint(data);
    let consent = &mut data.consent;
    set_aside(consent, DateDraft::default(), "");
    consent.recorded_at = now.to_owned();
    consent.recorded_fingerprint = print;
    consent.fingerprint_rule = FINGERPRINT_RULE;
}

/// Ends the current record once a valid withdrawal date is entered; returns
/// whether it did. Called after every change to the answers.
pub fn settle_withdrawal(data: &mut Data) -> bool {
    let consent = &mut data.consent;
    let withdrawn = matches!(consent.withdrawn_on.parse(), Ok(Some(_)));
    if !withdrawn || consent.recorded_fingerprint.is_empty() {
        return false;
    }
    let on = consent.withdrawn_on.clone();
    set_aside(consent, on, "");
    true
}

/// Ends the current record because this draft is a copy of draft `original`.
pub fn set_aside_for_copy(data: &mut Data, original: &str) {
    set_aside(&mut data.consent, DateDraft::default(), original);
}

/// Moves the current record, if any, into the history and clears it.
fn set_aside(consent: &mut ConsentDraft, withdrawn_on: DateDraft, copied_from: &str) {
    if consent.recorded_fingerprint.is_empty() {
        return;
    }
    consent.history.push(ConsentHistoryEntry {
        given_by: consent.given_by.clone(),
        method: consent.method.clone(),
        date: consent.date.clone(),
        recorded_fingerprint: std::mem::take(&mut consent.recorded_fingerprint),
        recorded_at: std::mem::take(&mut consent.recorded_at),
        withdrawn_on,
        copied_from: copied_from.to_owned(),
    });
    consent.fingerprint_rule = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> Data {
        let mut data = Data::default();
        data.consent.given_by = "Sam Parent".to_owned();
        record_agreement(&mut data, "2026-11-30T10:00:00Z");
        data
    }

    #[test]
    fn recording_again_keeps_the_earlier_record() {
        let mut data = recorded();
        record_agreement(&mut data, "2026-12-01T10:00:00Z");
        assert_eq!(data.consent.history.len(), 1);
        assert_eq!(data.consent.history[0].recorded_at, "2026-11-30T10:00:00Z");
        assert_eq!(data.consent.recorded_at, "2026-12-01T10:00:00Z");
        assert_eq!(data.consent.fingerprint_rule, FINGERPRINT_RULE);
    }

    #[test]
    fn a_partly_typed_withdrawal_date_ends_nothing() {
        let mut data = recorded();
        data.consent.withdrawn_on.day = "3".to_owned();
        data.consent.withdrawn_on.month = "12".to_owned();
        assert!(!settle_withdrawal(&mut data));
        assert!(!data.consent.recorded_fingerprint.is_empty());
    }

    #[test]
    fn a_withdrawal_ends_the_record_and_is_kept_in_the_history() {
        let mut data = recorded();
        data.consent.withdrawn_on = DateDraft {
            day: "1".to_owned(),
            month: "12".to_owned(),
            year: "2026".to_owned(),
        };
        assert!(settle_withdrawal(&mut data));
        assert!(data.consent.recorded_fingerprint.is_empty());
        assert!(data.consent.recorded_at.is_empty());
        assert_eq!(data.consent.fingerprint_rule, 0);
        let ended = &data.consent.history[0];
        assert_eq!(ended.withdrawn_on, data.consent.withdrawn_on);
        assert_eq!(ended.recorded_at, "2026-11-30T10:00:00Z");
        // Settling again changes nothing.
        assert!(!settle_withdrawal(&mut data));
        assert_eq!(data.consent.history.len(), 1);
    }

    #[test]
    fn a_copy_leaves_the_record_behind_naming_the_original() {
        let mut data = recorded();
        set_aside_for_copy(&mut data, "original-id");
        assert!(data.consent.recorded_fingerprint.is_empty());
        assert_eq!(data.consent.history[0].copied_from, "original-id");
        // A copy of a draft with nothing recorded gains no history.
        let mut unrecorded = Data::default();
        set_aside_for_copy(&mut unrecorded, "original-id");
        assert!(unrecorded.consent.history.is_empty());
    }
}
