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
/// whether it changed anything. Called when a draft opens (one stored or
/// imported with both a record and a withdrawal date) and around every
/// change to the answers. While no later record exists, a corrected
/// withdrawal date also corrects the date kept in the history.
pub fn settle_withdrawal(data: &mut Data) -> bool {
    let consent = &mut data.consent;
    if !matches!(consent.withdrawn_on.parse(), Ok(Some(_))) {
        return false;
    }
    if consent.recorded_fingerprint.is_empty() {
        let on = &consent.withdrawn_on;
        return match consent.history.last_mut() {
            Some(ended) if !ended.withdrawn_on.is_blank() && ended.withdrawn_on != *on => {
                ended.withdrawn_on = on.clone();
                true
            }
            _ => false,
        };
    }
    let on = consent.withdrawn_on.clone();
    set_aside(consent, on, "");
    true
}

/// Whether the terms now on the form are the ones the family withdrew: the
/// withdrawn record (settled into the history, or not yet) has the
/// fingerprint of the form as it stands. False when nothing was recorded
/// before the withdrawal, or the form changed after it.
pub fn withdrawn_terms_are_current(data: &Data) -> bool {
    let consent = &data.consent;
    let print = fingerprint(data);
    if !consent.recorded_fingerprint.is_empty() {
        return consent.fingerprint_rule == FINGERPRINT_RULE
            && consent.recorded_fingerprint == print;
    }
    consent
        .history
        .last()
        .is_some_and(|ended| !ended.withdrawn_on.is_blank() && ended.recorded_fingerprint == print)
}

/// Ends the current record because this draft is a copy of draft `original`.
pub fn set_aside_for_copy(data: &mut Data, original: &str) {
    set_aside(&mut data.consent, DateDraft::default(), original);
}

/// What the "Replace or Keep both" question must say about the family's
/// agreement, for a file whose draft is `file` when `stored` is the draft on
/// this device with the same id: a withdrawal recorded here that the file
/// lacks (Replace would bring the agreement back), and an agreement in the
/// file that a kept copy does not inherit.
pub fn import_consent_notes(stored: &Data, file: &Data) -> Vec<String> {
    let mut notes = Vec::new();
    let withdrawn_here = match stored.consent.withdrawn_on.parse() {
        Ok(Some(date)) => Some(date),
        _ => stored
            .consent
            .history
            .last()
            .and_then(|ended| ended.withdrawn_on.parse().ok().flatten()),
    };
    let withdrawn_in_file = matches!(file.consent.withdrawn_on.parse(), Ok(Some(_)));
    if let (Some(date), false) = (withdrawn_here, withdrawn_in_file) {
        notes.push(format!(
            "The CAF on this device records that the family withdrew their agreement on {date}; the file does not. Replace would bring back an agreement they withdrew: choose it only if they have agreed again."
        ));
    }
    if !file.consent.recorded_fingerprint.is_empty() {
        notes.push(
            "If you keep both, the file's copy becomes a CAF of its own: the agreement recorded in it stays with the original, so record it again with the family before sharing the copy.".to_owned(),
        );
    }
    notes
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
    use crate::domain::Date;

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
    fn a_corrected_withdrawal_date_corrects_the_history_until_a_new_record() {
        let mut data = recorded();
        data.consent.withdrawn_on = DateDraft::from_date(Date::new(2026, 12, 1).expect("a date"));
        settle_withdrawal(&mut data);
        data.consent.withdrawn_on.day = "2".to_owned();
        assert!(settle_withdrawal(&mut data));
        assert_eq!(data.consent.history[0].withdrawn_on.day, "2");
        assert!(withdrawn_terms_are_current(&data));
        // The form changed after the withdrawal: the terms are not the ones withdrawn.
        data.consent.share_with.push("Police".to_owned());
        assert!(!withdrawn_terms_are_current(&data));
        // Withdrawn without anything recorded before: nothing was agreed.
        let mut never = Data::default();
        never.consent.withdrawn_on = data.consent.withdrawn_on.clone();
        assert!(!settle_withdrawal(&mut never));
        assert!(!withdrawn_terms_are_current(&never));
    }

    #[test]
    fn the_import_question_names_a_withdrawal_the_file_lacks_and_the_agreement_a_copy_loses() {
        let file = recorded();
        let mut here = recorded();
        here.consent.withdrawn_on = DateDraft::from_date(Date::new(2026, 12, 1).expect("a date"));
        settle_withdrawal(&mut here);
        let notes = import_consent_notes(&here, &file);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("withdrew their agreement on 01/12/2026"));
        assert!(notes[1].contains("record it again"));
        // The same CAF, nothing withdrawn, nothing recorded: nothing to say.
        assert!(import_consent_notes(&Data::default(), &Data::default()).is_empty());
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
