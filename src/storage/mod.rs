//! Drafts on this device. The only module that touches browser storage; its
//! browser parts build only for wasm32, and everything else (including an
//! in-memory store used when the browser will not store anything) is plain
//! Rust, tested natively.
//!
//! Keys in localStorage:
//! - `caf.draft.<id>`: one draft, as [`format::encode_stored`] writes it.
//! - `caf.deleted.<id>~<yyyy-mm-dd>~<token>`: a deleted draft, its stored
//!   text moved verbatim, under the day it was deleted and a random token, so
//!   deleting the same CAF twice keeps both copies. Restorable for
//!   [`DELETED_KEEP_DAYS`] days. (`caf.deleted.<id>`, from before, has no
//!   day and is kept until emptied.)
//! - `caf.withdrawn.<id>`: the withdrawals this device remembers for the
//!   CAF with this id (`withdrawals.rs`), sealed like a draft while locked
//!   and never removed by the app.
//! - `caf.probe`: written and removed at once by [`probe`].
//! - `caf.move`: the journal of a move that touches several entries while
//!   it runs (`moves.rs`), sealed when the drafts are locked.
//! - `caf.contribution.<request id>`: a contribution request held on the
//!   partner's device while they answer it (`contribution_file.rs`),
//!   sealed with the request's own key whether or not the drafts are
//!   locked; never a draft, never listed as unreadable, never re-keyed.
//!
//! There is no separate index key: [`DraftStore::list`] reads every draft, so
//! the drafts page can never disagree with what is stored (its steps
//! complete and consent words come from the drafts, by the UI, which owns
//! the form's rules).
//!
//! Rules kept here: a stored entry that cannot be read (not JSON, wrong shape,
//! or written by a newer version) is never overwritten and never removed by
//! the app; it is listed with its key so its raw text can be downloaded. A
//! save re-reads the stored revision right before writing and refuses to
//! overwrite newer work. When a write is refused the stored copy is unchanged.
//!
//! Files: `store.rs` the [`DraftStore`] and what it returns, `backend.rs`
//! localStorage or memory (and the browser calls), `errors.rs` the failures in
//! words, `format.rs` the stored and file formats, `conflict.rs` revisions and
//! write tokens.

mod backend;
pub mod conflict;
pub mod contribution_file;
#[cfg(target_arch = "wasm32")]
pub mod crypto;
mod errors;
pub mod format;
mod lock;
pub mod locked;
mod moves;
mod object_reader;
#[cfg(target_arch = "wasm32")]
mod sealed;
mod store;
pub mod withdrawals;

use crate::domain::{Date, Draft};

pub use backend::{probe, request_persistence};
pub use conflict::{Base, SaveDecision};
pub use errors::{Availability, LoadError, SaveError, Unsaved, QUOTA_MESSAGE};
pub use format::{ImportError, Imported, StoredError};
#[cfg(target_arch = "wasm32")]
pub use lock::{lock_now_token, tell_other_tabs_to_lock};
pub use lock::{LockError, LockStatus};
pub use store::{DeletedDraft, DraftStore, ImportMode, Listing, Restored, Saved, UnreadableEntry};

/// Prefix of the key of each stored draft.
pub const DRAFT_KEY_PREFIX: &str = "caf.draft.";
/// Prefix of the key of each deleted draft.
pub const DELETED_KEY_PREFIX: &str = "caf.deleted.";
/// Prefix of the key of the withdrawals remembered for each CAF id
/// (`withdrawals.rs`).
pub const WITHDRAWN_KEY_PREFIX: &str = "caf.withdrawn.";
/// The lock record (`locked::LockRecord`): present while a passphrase is set.
pub const LOCK_KEY: &str = "caf.lock";
/// Written (a fresh token) by "Lock now": every other open tab locks too.
pub const LOCK_NOW_KEY: &str = "caf.lock.now";
/// Prefix of the temporary copy of an entry while the passphrase is changed
/// or the lock turned off (`caf.rekey.<entry key>`).
pub const REKEY_KEY_PREFIX: &str = "caf.rekey.";
/// The key [`probe`] writes and removes.
pub const PROBE_KEY: &str = "caf.probe";

/// How many days a deleted draft stays in "Recently deleted" (caf-form.md §6).
pub const DELETED_KEEP_DAYS: i64 = 30;

/// The key of the stored draft with this id.
pub fn draft_key(id: &str) -> String {
    format!("{DRAFT_KEY_PREFIX}{id}")
}

/// The key of one deleted copy of the draft with this id, deleted on
/// `deleted_on`; `token` (random) keeps two deletions of one CAF apart.
pub fn deleted_key(id: &str, deleted_on: Date, token: &str) -> String {
    format!("{DELETED_KEY_PREFIX}{id}~{}~{token}", deleted_on.iso())
}

/// The draft id and the day of deletion in a deleted entry's key; the day is
/// `None` for keys from before deletions were dated. `None` for other keys.
pub fn parse_deleted_key(key: &str) -> Option<(String, Option<Date>)> {
    let rest = key.strip_prefix(DELETED_KEY_PREFIX)?;
    // From the right: the token and the day never hold `~`.
    let mut parts = rest.rsplitn(3, '~');
    let (Some(_token), Some(day), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Some((rest.to_string(), None));
    };
    match Date::parse_iso(day) {
        Some(day) => Some((id.to_string(), Some(day))),
        None => Some((rest.to_string(), None)),
    }
}

/// Whether a copy deleted on `deleted_on` has been kept its
/// [`DELETED_KEEP_DAYS`] days by `today` and is due to be removed. An undated
/// copy (or one dated after `today` by a wrong clock) is never due.
pub fn deleted_expired(deleted_on: Option<Date>, today: Date) -> bool {
    deleted_on.is_some_and(|day| day.days_until(today) >= DELETED_KEEP_DAYS)
}

/// The day Recently deleted is emptied by: today's date by the device's
/// clock, but never later than `newest_stored`, the newest date this device
/// had written when the page was opened ([`newest_stored_day`]).
///
/// Why: a clock set a month ahead made every deleted copy look 30 days old,
/// and the next visit removed them all for good. A copy now goes only once
/// 30 days have passed by the clock *and* by the dates the app itself wrote
/// before this visit (a save or a deletion). A clock that is wrong for one
/// visit cannot empty Recently deleted; one that stays wrong across visits,
/// with saves in between, still can, as nothing on the device can tell it
/// from real time passing. Keeping a copy longer is the safe side: it goes
/// at the first visit after a save made 30 days or more after it was
/// deleted. A clock that is behind removes nothing early ([`deleted_expired`]).
pub fn expiry_day(today: Date, newest_stored: Option<Date>) -> Date {
    newest_stored.map_or(today, |newest| today.min(newest))
}

/// The newest date in `listing`: the last save of any draft or deleted copy
/// (`updated_at`, as its UTC day) and the day of any deletion. `None` when
/// nothing is stored.
pub fn newest_stored_day(listing: &Listing) -> Option<Date> {
    let saved = |draft: &Draft| Date::parse_iso(&draft.updated_at);
    listing
        .drafts
        .iter()
        .filter_map(saved)
        .chain(
            listing
                .deleted
                .iter()
                .filter_map(|deleted| saved(&deleted.draft)),
        )
        .chain(
            listing
                .deleted
                .iter()
                .filter_map(|deleted| deleted.deleted_on),
        )
        .max()
}

/// What to do with a draft file that was read. `stored` says whether a
/// draft with the file's id is already on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportChoice {
    /// Store it under its own id: nothing is stored there.
    UnderItsId,
    /// The file has no id: store it as a new draft with a new id.
    AsNewDraft,
    /// A draft with this id is stored: ask "Replace" or "Keep both".
    Ask,
}

/// How to import a file whose draft id is `file_id`.
pub fn import_choice(file_id: &str, stored: bool) -> ImportChoice {
    if file_id.trim().is_empty() {
        ImportChoice::AsNewDraft
    } else if stored {
        ImportChoice::Ask
    } else {
        ImportChoice::UnderItsId
    }
}

/// The revision and write token of stored text, locked or plain, without the
/// key: how a page learns that another tab wrote its draft. `None` for text
/// that is neither.
pub fn stored_base(text: &str) -> Option<Base> {
    if locked::is_locked_entry(text) {
        return locked::decode_locked_entry(text).ok().map(|entry| Base {
            revision: entry.revision,
            token: entry.write_token,
        });
    }
    format::decode_stored(text).ok().map(|draft| Base {
        revision: draft.revision,
        token: draft.write_token,
    })
}
