//! Withdrawals remembered by the device (caf-form.md §3.10): besides a
//! draft's own fields, the device keeps, per CAF id, every withdrawal it has
//! seen (`storage::withdrawals` stores them). A draft whose agreement was
//! recorded before such a withdrawal was entered is withdrawn, whatever its
//! own fields say, so that restoring an older deleted copy, importing an
//! older file or an older stored entry never brings RECORDED back. The way
//! back is recording the agreement again after the withdrawal.
//!
//! Pure: the caller gives the clock's time (`now`, RFC 3339 UTC).

use crate::domain::{Data, Date, DateDraft};

/// One withdrawal this device has seen for a CAF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RememberedWithdrawal {
    /// The date typed: the day the family withdrew their agreement.
    pub withdrawn_on: Date,
    /// When it was entered on this device (RFC 3339 UTC).
    pub entered_at: String,
    /// `recorded_at` of the agreement it ended, so that a copy holding that
    /// very record is withdrawn even when it was recorded in the same second.
    pub ended_recorded_at: String,
}

/// Added to `consent.withdrawn_note` when a remembered withdrawal is written
/// into a draft.
pub const REMEMBERED_NOTE: &str = "Added by CAF Lite from this device's record of withdrawals: this copy was made before the withdrawal was entered on this device.";

impl RememberedWithdrawal {
    /// Whether this withdrawal ends an agreement recorded at `recorded_at`:
    /// it is the record the withdrawal ended, or one recorded before the
    /// withdrawal was entered. A record with no readable time errs on the
    /// safe side and counts as earlier.
    pub fn ends_record_of(&self, recorded_at: &str) -> bool {
        let recorded_at = recorded_at.trim();
        if !recorded_at.is_empty() && recorded_at == self.ended_recorded_at.trim() {
            return true;
        }
        match (instant(recorded_at), instant(&self.entered_at)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(recorded), Some(entered)) => recorded < entered,
        }
    }
}

/// An RFC 3339 UTC time as a string that sorts in time order (to the
/// second): `yyyy-mm-ddThh:mm:ss`; `None` when it is not one.
fn instant(text: &str) -> Option<&str> {
    let text = text.trim();
    let head = text.get(..19)?;
    let shape_ok = head.char_indices().all(|(i, c)| match i {
        4 | 7 => c == '-',
        10 => c == 'T' || c == 't' || c == ' ',
        13 | 16 => c == ':',
        _ => c.is_ascii_digit(),
    });
    shape_ok.then_some(head)
}

/// The remembered withdrawal that ends the agreement currently recorded in
/// `data` (the one entered last when several do); `None` when nothing is
/// recorded, or the record was made after every withdrawal remembered.
pub fn remembered_withdrawal_of<'a>(
    data: &Data,
    remembered: &'a [RememberedWithdrawal],
) -> Option<&'a RememberedWithdrawal> {
    let consent = &data.consent;
    if consent.recorded_fingerprint.trim().is_empty() {
        return None;
    }
    remembered
        .iter()
        .filter(|withdrawal| withdrawal.ends_record_of(&consent.recorded_at))
        .max_by(|a, b| instant(&a.entered_at).cmp(&instant(&b.entered_at)))
}

/// The withdrawal the device should remember from `data`, once
/// `settle_withdrawal` has run: a valid withdrawal date that ended a
/// record (the last entry of the history). Returns the date and the
/// ended record's `recorded_at`.
pub fn withdrawal_to_remember(data: &Data) -> Option<(Date, String)> {
    let consent = &data.consent;
    let Ok(Some(date)) = consent.withdrawn_on.parse() else {
        return None;
    };
    if !consent.recorded_fingerprint.is_empty() {
        return None;
    }
    let ended = consent.history.last()?;
    (ended.withdrawn_on == consent.withdrawn_on).then(|| (date, ended.recorded_at.clone()))
}

/// Adds a withdrawal of the record made at `ended_recorded_at`, dated
/// `withdrawn_on` and entered `now`, to `remembered`; returns whether it
/// changed. A corrected date of a withdrawal already remembered corrects
/// it (keeping when it was entered); a record that an earlier remembered
/// withdrawal already ends (an older copy opened and withdrawn from the
/// record) adds nothing, so that the moment stays the first one seen.
pub fn remember(
    remembered: &mut Vec<RememberedWithdrawal>,
    withdrawn_on: Date,
    ended_recorded_at: &str,
    now: &str,
) -> bool {
    let ended_recorded_at = ended_recorded_at.trim();
    if !ended_recorded_at.is_empty() {
        if let Some(same) = remembered
            .iter_mut()
            .find(|w| w.ended_recorded_at.trim() == ended_recorded_at)
        {
            if same.withdrawn_on == withdrawn_on {
                return false;
            }
            same.withdrawn_on = withdrawn_on;
            return true;
        }
    }
    if remembered
        .iter()
        .any(|w| w.ends_record_of(ended_recorded_at))
    {
        return false;
    }
    remembered.push(RememberedWithdrawal {
        withdrawn_on,
        entered_at: now.to_owned(),
        ended_recorded_at: ended_recorded_at.to_owned(),
    });
    true
}

/// Writes a remembered withdrawal that ends the agreement recorded in
/// `data` into its own fields, so that its exports carry it: the date,
/// and [`REMEMBERED_NOTE`] after any note typed. Left alone when the draft
/// already has a withdrawal date (valid, or partly typed: nothing typed is
/// overwritten). Returns whether it changed `data`; the caller then runs
/// `settle_withdrawal` as after any change.
pub fn write_in_remembered(data: &mut Data, remembered: &[RememberedWithdrawal]) -> bool {
    if !data.consent.withdrawn_on.is_blank() {
        return false;
    }
    let Some(withdrawal) = remembered_withdrawal_of(data, remembered) else {
        return false;
    };
    let consent = &mut data.consent;
    consent.withdrawn_on = DateDraft::from_date(withdrawal.withdrawn_on);
    let note = consent.withdrawn_note.trim_end();
    consent.withdrawn_note = if note.is_empty() {
        REMEMBERED_NOTE.to_owned()
    } else {
        format!("{note} {REMEMBERED_NOTE}")
    };
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{record_agreement, settle_withdrawal};

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a date")
    }

    fn recorded_at(at: &str) -> Data {
        let mut data = Data::default();
        data.consent.given_by = "Sam Parent".to_owned();
        record_agreement(&mut data, at);
        data
    }

    fn withdraw(data: &mut Data, on: Date) {
        data.consent.withdrawn_on = DateDraft::from_date(on);
        settle_withdrawal(data);
    }

    #[test]
    fn a_record_made_before_the_withdrawal_was_entered_is_ended_by_it() {
        let older = recorded_at("2026-11-30T10:00:00Z");
        let mut here = older.clone();
        withdraw(&mut here, date(2026, 12, 1));
        let (on, ended) = withdrawal_to_remember(&here).expect("a withdrawal to remember");
        assert_eq!(on, date(2026, 12, 1));
        assert_eq!(ended, "2026-11-30T10:00:00Z");
        let mut remembered = Vec::new();
        assert!(remember(
            &mut remembered,
            on,
            &ended,
            "2026-12-02T09:00:00Z"
        ));
        assert_eq!(
            remembered_withdrawal_of(&older, &remembered).map(|w| w.withdrawn_on),
            Some(date(2026, 12, 1))
        );
        // Recorded again after the withdrawal: not ended.
        let again = recorded_at("2026-12-02T09:00:01Z");
        assert_eq!(remembered_withdrawal_of(&again, &remembered), None);
        // Nothing recorded: nothing to end.
        assert_eq!(
            remembered_withdrawal_of(&Data::default(), &remembered),
            None
        );
    }

    #[test]
    fn the_record_a_withdrawal_ended_is_ended_even_in_the_same_second() {
        let older = recorded_at("2026-12-02T09:00:00Z");
        let mut remembered = Vec::new();
        remember(
            &mut remembered,
            date(2026, 12, 2),
            "2026-12-02T09:00:00Z",
            "2026-12-02T09:00:00Z",
        );
        assert!(remembered_withdrawal_of(&older, &remembered).is_some());
        // A record with no readable time counts as earlier.
        let mut untimed = older.clone();
        untimed.consent.recorded_at.clear();
        assert!(remembered_withdrawal_of(&untimed, &remembered).is_some());
    }

    #[test]
    fn remembering_corrects_a_date_and_never_moves_the_moment_on() {
        let mut remembered = Vec::new();
        let ended = "2026-11-30T10:00:00Z";
        assert!(remember(
            &mut remembered,
            date(2026, 12, 1),
            ended,
            "2026-12-02T09:00:00Z"
        ));
        assert!(!remember(
            &mut remembered,
            date(2026, 12, 1),
            ended,
            "2026-12-03T09:00:00Z"
        ));
        assert!(remember(
            &mut remembered,
            date(2026, 12, 2),
            ended,
            "2026-12-03T09:00:00Z"
        ));
        assert_eq!(remembered.len(), 1);
        assert_eq!(remembered[0].withdrawn_on, date(2026, 12, 2));
        assert_eq!(remembered[0].entered_at, "2026-12-02T09:00:00Z");
        // An older record already ended by it adds nothing.
        assert!(!remember(
            &mut remembered,
            date(2026, 12, 2),
            "2026-11-01T10:00:00Z",
            "2026-12-04T09:00:00Z"
        ));
        // A later record withdrawn later is a withdrawal of its own.
        assert!(remember(
            &mut remembered,
            date(2026, 12, 5),
            "2026-12-04T10:00:00Z",
            "2026-12-05T09:00:00Z"
        ));
        assert_eq!(remembered.len(), 2);
    }

    #[test]
    fn an_older_copy_gets_the_withdrawal_written_in_and_keeps_its_note() {
        let mut remembered = Vec::new();
        remember(
            &mut remembered,
            date(2026, 12, 1),
            "2026-11-30T10:00:00Z",
            "2026-12-02T09:00:00Z",
        );
        let mut older = recorded_at("2026-11-30T10:00:00Z");
        older.consent.withdrawn_note = "Typed before.".to_owned();
        assert!(write_in_remembered(&mut older, &remembered));
        assert_eq!(
            older.consent.withdrawn_on.parse(),
            Ok(Some(date(2026, 12, 1)))
        );
        assert_eq!(
            older.consent.withdrawn_note,
            format!("Typed before. {REMEMBERED_NOTE}")
        );
        assert!(settle_withdrawal(&mut older));
        assert!(older.consent.recorded_fingerprint.is_empty());
        // Written in once: the draft now says it itself.
        assert!(!write_in_remembered(&mut older, &remembered));
        // Settled from the record, it adds nothing to remember.
        let (on, ended) = withdrawal_to_remember(&older).expect("withdrawn");
        assert!(!remember(
            &mut remembered,
            on,
            &ended,
            "2026-12-09T09:00:00Z"
        ));
    }

    #[test]
    fn a_withdrawal_date_already_typed_is_never_overwritten() {
        let mut remembered = Vec::new();
        remember(
            &mut remembered,
            date(2026, 12, 1),
            "2026-11-30T10:00:00Z",
            "2026-12-02T09:00:00Z",
        );
        let mut partly = recorded_at("2026-11-30T10:00:00Z");
        partly.consent.withdrawn_on.day = "3".to_owned();
        assert!(!write_in_remembered(&mut partly, &remembered));
        assert_eq!(partly.consent.withdrawn_on.day, "3");
        assert!(partly.consent.withdrawn_on.month.is_empty());
        // A draft recorded after the withdrawal gets nothing.
        let mut later = recorded_at("2026-12-03T09:00:00Z");
        assert!(!write_in_remembered(&mut later, &remembered));
    }
}
