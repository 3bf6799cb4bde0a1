//! The withdrawals this device remembers (caf-form.md §3.10,
//! `domain::remembered`): one small entry per CAF id,
//! `caf.withdrawn.<id>`, beside its drafts and deleted copies. Sealed like
//! them while a passphrase is set (`sealed::is_entry_key` names it), and
//! never removed by the app: deleting a CAF, emptying Recently deleted or
//! replacing it on import leaves it, so that no older copy brought back
//! later is RECORDED.
//!
//! The stored text:
//! `{"format":"caf-lite.withdrawals","version":1,"withdrawals":[{"withdrawn_on":"2026-12-01","entered_at":"2026-12-02T09:00:00Z","ended_recorded_at":"2026-11-30T10:00:00Z"}]}`.
//! A withdrawal that cannot be read is left out; an entry that cannot be
//! read at all (damaged, a newer version, or sealed under a key that does
//! not open it) is never overwritten.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::domain::{remember, Date, RememberedWithdrawal};

use super::errors::SaveError;
use super::store::DraftStore;
use super::WITHDRAWN_KEY_PREFIX;

/// The `format` of the stored entry.
pub const WITHDRAWALS_FORMAT: &str = "caf-lite.withdrawals";
/// The newest version this build reads and the one it writes.
pub const WITHDRAWALS_VERSION: u32 = 1;

/// The key of the withdrawals remembered for the CAF with this id.
pub fn withdrawn_key(id: &str) -> String {
    format!("{WITHDRAWN_KEY_PREFIX}{id}")
}

// Read and written through `serde_json::Value`, which the page already
// holds for drafts: derived readers would add their own code to the first
// load for two small shapes.

/// The stored text of `remembered`.
pub fn encode_withdrawals(remembered: &[RememberedWithdrawal]) -> String {
    let withdrawals: Vec<Value> = remembered
        .iter()
        .map(|w| {
            json!({
                "withdrawn_on": w.withdrawn_on.iso(),
                "entered_at": w.entered_at,
                "ended_recorded_at": w.ended_recorded_at,
            })
        })
        .collect();
    json!({
        "format": WITHDRAWALS_FORMAT,
        "version": WITHDRAWALS_VERSION,
        "withdrawals": withdrawals,
    })
    .to_string()
}

/// The withdrawals in stored text; each one that cannot be read is left
/// out. An error, in words, when the text is not this format or is a
/// newer version.
pub fn decode_withdrawals(text: &str) -> Result<Vec<RememberedWithdrawal>, String> {
    let stored: Value =
        serde_json::from_str(text).map_err(|err| format!("it cannot be read: {err}"))?;
    if stored.get("format").and_then(Value::as_str) != Some(WITHDRAWALS_FORMAT) {
        return Err(format!("its format is not {WITHDRAWALS_FORMAT}"));
    }
    let Some(version) = stored.get("version").and_then(Value::as_u64) else {
        return Err("it cannot be read: it has no version".to_owned());
    };
    if version > u64::from(WITHDRAWALS_VERSION) {
        return Err("it was written by a newer version of CAF Lite".to_owned());
    }
    let text_of = |w: &Value, name: &str| w.get(name).and_then(Value::as_str).map(str::to_owned);
    Ok(stored
        .get("withdrawals")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|w| {
            Some(RememberedWithdrawal {
                withdrawn_on: Date::parse_iso(&text_of(w, "withdrawn_on")?)?,
                entered_at: text_of(w, "entered_at")?,
                ended_recorded_at: text_of(w, "ended_recorded_at").unwrap_or_default(),
            })
        })
        .filter(|w| !w.entered_at.trim().is_empty())
        .collect())
}

impl DraftStore {
    /// The withdrawals this device remembers for the CAF `id`; none when
    /// nothing is stored or it cannot be read.
    pub fn remembered_withdrawals(&self, id: &str) -> Vec<RememberedWithdrawal> {
        self.backend
            .get(&withdrawn_key(id))
            .ok()
            .flatten()
            .and_then(|text| decode_withdrawals(&text).ok())
            .unwrap_or_default()
    }

    /// Every CAF's remembered withdrawals, by id (for the drafts page).
    pub fn all_remembered_withdrawals(&self) -> BTreeMap<String, Vec<RememberedWithdrawal>> {
        let mut all = BTreeMap::new();
        for key in self.raw_keys() {
            if let Some(id) = key.strip_prefix(WITHDRAWN_KEY_PREFIX) {
                let found = self.remembered_withdrawals(id);
                if !found.is_empty() {
                    all.insert(id.to_owned(), found);
                }
            }
        }
        all
    }

    /// Remembers that the family withdrew, on `withdrawn_on`, the agreement
    /// recorded at `ended_recorded_at` in the CAF `id`, entered `now`
    /// (`domain::remember`). Returns every withdrawal now remembered for it.
    /// An entry that cannot be read is left as it is, and refused.
    pub fn remember_withdrawal(
        &self,
        id: &str,
        withdrawn_on: Date,
        ended_recorded_at: &str,
        now: &str,
    ) -> Result<Vec<RememberedWithdrawal>, SaveError> {
        if id.is_empty() {
            return Err(SaveError::NoId);
        }
        let key = withdrawn_key(id);
        let mut remembered = match self.backend.get(&key)? {
            None => Vec::new(),
            Some(text) => decode_withdrawals(&text)
                .map_err(|_| SaveError::StoredCopyUnreadable { key: key.clone() })?,
        };
        if remember(&mut remembered, withdrawn_on, ended_recorded_at, now) {
            self.backend.set(&key, &encode_withdrawals(&remembered))?;
        }
        Ok(remembered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{record_agreement, Data, Draft};
    use crate::storage::Base;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).expect("a date")
    }

    #[test]
    fn the_stored_text_round_trips_and_skips_what_it_cannot_read() {
        let remembered = vec![RememberedWithdrawal {
            withdrawn_on: date(2026, 12, 1),
            entered_at: "2026-12-02T09:00:00Z".to_owned(),
            ended_recorded_at: "2026-11-30T10:00:00Z".to_owned(),
        }];
        let text = encode_withdrawals(&remembered);
        assert!(text.starts_with(r#"{"format":"caf-lite.withdrawals","version":1,"#));
        assert_eq!(decode_withdrawals(&text), Ok(remembered.clone()));
        let with_bad = r#"{"format":"caf-lite.withdrawals","version":1,"withdrawals":[
            {"withdrawn_on":"2026-12-01","entered_at":"2026-12-02T09:00:00Z","ended_recorded_at":"2026-11-30T10:00:00Z"},
            {"withdrawn_on":"31/02/2026","entered_at":"2026-12-02T09:00:00Z"},
            {"withdrawn_on":"2026-12-01"},
            7]}"#;
        assert_eq!(decode_withdrawals(with_bad), Ok(remembered));
        assert!(decode_withdrawals(r#"{"format":"caf-lite.withdrawals","version":2}"#).is_err());
        assert!(decode_withdrawals(r#"{"format":"caf-lite.draft","version":1}"#).is_err());
        assert!(decode_withdrawals("not json").is_err());
    }

    fn recorded_draft(id: &str, at: &str) -> Draft {
        let mut draft = Draft {
            id: id.to_owned(),
            ..Draft::default()
        };
        draft.data = Data::default();
        draft.data.consent.given_by = "Sam Parent".to_owned();
        record_agreement(&mut draft.data, at);
        draft
    }

    #[test]
    fn a_withdrawal_is_remembered_beside_the_drafts_and_is_no_draft() {
        // (Only the store's synchronous calls, so this test does not depend
        // on how moves are made; deleting, emptying and importing leave the
        // entry alone because they name only draft and deleted keys, which
        // tests/e2e/withdrawn.test.mjs shows end to end.)
        let store = DraftStore::in_memory(None);
        let older = recorded_draft("caf-1", "2026-11-30T10:00:00Z");
        store.save(&older, &Base::default()).expect("stored");
        let remembered = store
            .remember_withdrawal(
                "caf-1",
                date(2026, 12, 1),
                "2026-11-30T10:00:00Z",
                "2026-12-02T09:00:00Z",
            )
            .expect("remembered");
        assert_eq!(remembered.len(), 1);
        // Remembering it again writes nothing new.
        assert_eq!(
            store
                .remember_withdrawal(
                    "caf-1",
                    date(2026, 12, 1),
                    "2026-11-30T10:00:00Z",
                    "2026-12-03T09:00:00Z",
                )
                .expect("remembered"),
            remembered
        );
        assert_eq!(store.remembered_withdrawals("caf-1"), remembered);
        assert_eq!(
            store.all_remembered_withdrawals().get("caf-1"),
            Some(&remembered)
        );
        assert!(store.remembered_withdrawals("caf-2").is_empty());
        // The drafts list does not take it for a draft, nor for an unreadable entry.
        let listing = store.list().expect("listed");
        assert_eq!(listing.drafts.len(), 1);
        assert!(listing.unreadable.is_empty());
        assert!(listing.deleted.is_empty());
        assert!(super::super::parse_deleted_key(&withdrawn_key("caf-1")).is_none());
    }

    #[test]
    fn an_entry_that_cannot_be_read_is_never_overwritten() {
        let store = DraftStore::in_memory(None);
        store
            .write_raw_in_memory(&withdrawn_key("caf-1"), "damaged")
            .expect("planted");
        assert!(store.remembered_withdrawals("caf-1").is_empty());
        assert!(matches!(
            store.remember_withdrawal("caf-1", date(2026, 12, 1), "", "2026-12-02T09:00:00Z"),
            Err(SaveError::StoredCopyUnreadable { .. })
        ));
        assert_eq!(
            store.raw_entry(&withdrawn_key("caf-1")).as_deref(),
            Some("damaged")
        );
    }
}
