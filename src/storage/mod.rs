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
//! - `caf.probe`: written and removed at once by [`probe`].
//!
//! There is no separate index key: [`DraftStore::list`] reads every draft, so
//! the drafts page can never disagree with what is stored, and the summary
//! ([`DraftSummary`]) is filled from the drafts (steps complete and consent
//! words by the UI, which owns the form's rules).
//!
//! Rules kept here: a stored entry that cannot be read (not JSON, wrong shape,
//! or written by a newer version) is never overwritten and never removed by
//! the app; it is listed with its key so its raw text can be downloaded. A
//! save re-reads the stored revision right before writing and refuses to
//! overwrite newer work. When a write is refused the stored copy is unchanged.

pub mod conflict;
pub mod format;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use crate::domain::{set_aside_for_copy, Date, Draft};

pub use conflict::{Base, SaveDecision};
pub use format::{ImportError, Imported, StoredError};

/// Prefix of the key of each stored draft.
pub const DRAFT_KEY_PREFIX: &str = "caf.draft.";
/// Prefix of the key of each deleted draft.
pub const DELETED_KEY_PREFIX: &str = "caf.deleted.";
/// The key [`probe`] writes and removes.
pub const PROBE_KEY: &str = "caf.probe";

/// How many days a deleted draft stays in "Recently deleted" (caf-form.md §6).
pub const DELETED_KEEP_DAYS: i64 = 30;

/// The words shown when a save fails because storage is full. The open
/// draft shows a "Download this draft now" button beside it.
pub const QUOTA_MESSAGE: &str =
    "Not saved: this browser's storage is full. Download this draft now, then delete old drafts.";

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

/// A fresh random token: for each write (`conflict`) and each deleted copy.
#[cfg(target_arch = "wasm32")]
fn new_token() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        // No crypto: the time and a counter still differ from any other write here.
        .unwrap_or_else(|| format!("t{}-{}", js_sys::Date::now(), next_count()))
}

/// Outside a browser (tests): a counter, unique within the process.
#[cfg(not(target_arch = "wasm32"))]
fn new_token() -> String {
    format!("t{}", next_count())
}

fn next_count() -> u64 {
    thread_local! {
        static COUNT: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    }
    COUNT.with(|count| {
        count.set(count.get() + 1);
        count.get()
    })
}

/// Whether the browser lets the app store drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Availability {
    /// localStorage can be read and written.
    Available,
    /// localStorage can be read but a test write was refused as over quota:
    /// stored drafts can be opened, but saving will fail until space is freed.
    Full,
    /// There is no localStorage (disabled, blocked or private browsing): the
    /// app works in memory only and drafts are lost when the page closes.
    Unavailable,
}

impl fmt::Display for Availability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Availability::Available => "Drafts are saved in this browser on this device.",
            Availability::Full => {
                "This browser's storage is full, so changes cannot be saved. Export a draft file now, then delete old drafts."
            }
            Availability::Unavailable => {
                "This browser is not letting CAF Lite save anything, so drafts are kept only until this page is closed. Export a draft file to keep your work."
            }
        })
    }
}

/// Checks whether localStorage exists and takes a small test write. Never
/// panics, unlike gloo-storage's `LocalStorage::raw()`.
#[cfg(target_arch = "wasm32")]
pub fn probe() -> Availability {
    let Some(storage) = browser::local_storage() else {
        return Availability::Unavailable;
    };
    match storage.set_item(PROBE_KEY, "1") {
        Ok(()) => {
            // Leaving the probe behind would be harmless, so a failed removal is ignored.
            let _ = storage.remove_item(PROBE_KEY);
            Availability::Available
        }
        Err(err) if browser::is_quota_error(&err) => Availability::Full,
        Err(_) => Availability::Unavailable,
    }
}

/// Outside a browser there is no localStorage.
#[cfg(not(target_arch = "wasm32"))]
pub fn probe() -> Availability {
    Availability::Unavailable
}

/// Asks the browser not to evict stored drafts under storage pressure
/// (`navigator.storage.persist()`). `true` if granted; `false` if refused,
/// unsupported or not in a secure context. Never panics.
#[cfg(target_arch = "wasm32")]
pub async fn request_persistence() -> bool {
    browser::request_persistence().await
}

/// Outside a browser nothing persists.
#[cfg(not(target_arch = "wasm32"))]
pub async fn request_persistence() -> bool {
    false
}

/// What the drafts page shows for one draft. [`DraftSummary::from_draft`]
/// fills everything it can; the UI fills `steps_complete` and
/// `consent_status`, which depend on the form's rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftSummary {
    /// The draft's id.
    pub id: String,
    /// The child's initials, e.g. `ZŁ`; `""` if no name yet.
    pub initials: String,
    /// The year of birth as typed; `""` if none.
    pub year_of_birth: String,
    /// Given and family name, shown only after "Show names".
    pub full_name: String,
    /// Number of steps complete, filled by the UI.
    pub steps_complete: u32,
    /// The consent status in words, filled by the UI.
    pub consent_status: String,
    /// RFC 3339 time of the last stored change.
    pub updated_at: String,
}

impl DraftSummary {
    /// The summary of `draft`, with `steps_complete` 0 and `consent_status` empty.
    pub fn from_draft(draft: &Draft) -> DraftSummary {
        let child = &draft.data.child;
        let initial = |name: &str| {
            name.trim()
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect::<String>())
                .unwrap_or_default()
        };
        let full_name = format!("{} {}", child.given_name.trim(), child.family_name.trim());
        DraftSummary {
            id: draft.id.clone(),
            initials: format!(
                "{}{}",
                initial(&child.given_name),
                initial(&child.family_name)
            ),
            year_of_birth: child.date_of_birth.year.trim().to_string(),
            full_name: full_name.trim().to_string(),
            steps_complete: 0,
            consent_status: String::new(),
            updated_at: draft.updated_at.clone(),
        }
    }
}

/// A stored entry that could not be read. Its raw text is untouched and
/// available from [`DraftStore::raw_entry`] for "Download the stored data".
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadableEntry {
    /// The localStorage key, e.g. `caf.draft.4f1c2a9e-…`.
    pub key: String,
    /// The draft id taken from the key.
    pub id: String,
    /// Whether it is in "Recently deleted".
    pub deleted: bool,
    /// Why it could not be read.
    pub reason: StoredError,
}

/// One deleted copy in "Recently deleted".
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedDraft {
    /// Its localStorage key, to restore or remove exactly this copy.
    pub key: String,
    /// The day it was deleted; `None` for copies deleted before that was kept.
    pub deleted_on: Option<Date>,
    pub draft: Draft,
}

/// Everything stored, as the drafts page needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Drafts, most recently saved first.
    pub drafts: Vec<Draft>,
    /// Deleted copies, most recently deleted (then saved) first.
    pub deleted: Vec<DeletedDraft>,
    /// Entries that could not be read ("Could not open this draft").
    pub unreadable: Vec<UnreadableEntry>,
}

/// A successful save: the page's new [`Base`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The revision now stored.
    pub revision: u64,
    /// The write token now stored.
    pub token: String,
}

impl Saved {
    /// The base for the next save.
    pub fn base(&self) -> Base {
        Base {
            revision: self.revision,
            token: self.token.clone(),
        }
    }
}

/// How a deleted copy came back.
#[derive(Debug, Clone, PartialEq)]
pub enum Restored {
    /// As it was, under its own id.
    AsItWas,
    /// A draft with its id is stored again (the same CAF imported or restored
    /// since), so it came back as a separate draft with this new id.
    AsCopy { new_id: String },
}

/// How an imported draft is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportMode {
    /// Store under the draft's own id, replacing any stored draft with that id.
    Replace,
    /// Store as a new draft under `new_id` (from `crypto.randomUUID()`),
    /// leaving any stored draft with the file's id as it is.
    KeepBoth { new_id: String },
}

/// Why a draft could not be read from storage.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The browser refused to read storage.
    Unavailable,
    /// The stored entry could not be read; it is kept as it is under `key`.
    Unreadable { key: String, reason: StoredError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unavailable => {
                f.write_str("Could not open drafts: this browser is not letting CAF Lite read its storage.")
            }
            LoadError::Unreadable { reason, .. } => write!(
                f,
                "Could not open this draft: {reason}. It has been kept exactly as it was; you can download the stored data."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a change was not stored. In every case the stored copy is unchanged.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// Another tab or window saved newer work (`stored_revision`) since this
    /// page loaded the draft.
    Conflict { stored_revision: u64 },
    /// The browser's storage is full (`QuotaExceededError`).
    QuotaExceeded,
    /// The browser is not letting the app store anything.
    Unavailable,
    /// The stored entry under `key` cannot be read, so it is not overwritten.
    StoredCopyUnreadable { key: String },
    /// There is no stored (or deleted, for restore) draft with this id.
    NotFound { id: String },
    /// A draft with this id is already stored.
    AlreadyExists { id: String },
    /// The draft has no id, so it cannot be stored.
    NoId,
    /// The browser refused the write for another reason, described here.
    Browser { reason: String },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Conflict { .. } => f.write_str(
                "Not saved: this draft has been changed in another tab or window since you opened it. Open the newer version, or keep yours as a copy.",
            ),
            SaveError::QuotaExceeded => f.write_str(QUOTA_MESSAGE),
            SaveError::Unavailable => f.write_str(
                "Not saved: this browser is not letting CAF Lite save anything. Download this draft now to keep your work.",
            ),
            SaveError::StoredCopyUnreadable { .. } => f.write_str(
                "Not saved: the copy already stored for this draft cannot be read, so it has been left as it is. Download this draft now, or keep it as a copy.",
            ),
            SaveError::NotFound { .. } => {
                f.write_str("That draft is no longer stored on this device.")
            }
            SaveError::AlreadyExists { .. } => {
                f.write_str("A draft with the same identity is already stored on this device.")
            }
            SaveError::NoId => f.write_str("Not saved: this draft has no identity."),
            SaveError::Browser { reason } => write!(
                f,
                "Not saved: the browser refused ({reason}). Download this draft now to keep your work."
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// Drafts on this device: in localStorage when the browser allows it,
/// otherwise in memory for as long as the page is open. Cloning gives another
/// handle on the same store.
#[derive(Debug, Clone)]
pub struct DraftStore {
    backend: Backend,
}

impl DraftStore {
    /// Opens localStorage if the browser has it (even when full, so stored
    /// drafts can still be opened), otherwise an in-memory store. The
    /// `Availability` is for the banner.
    pub fn open() -> (DraftStore, Availability) {
        #[cfg(target_arch = "wasm32")]
        {
            let availability = probe();
            if availability != Availability::Unavailable {
                if let Some(storage) = browser::local_storage() {
                    return (
                        DraftStore {
                            backend: Backend::Local(storage),
                        },
                        availability,
                    );
                }
            }
        }
        (DraftStore::in_memory(None), Availability::Unavailable)
    }

    /// A store that keeps drafts in memory only. `capacity_bytes`, when given,
    /// makes writes fail with `QuotaExceeded` beyond that many bytes of keys
    /// and values (for tests).
    pub fn in_memory(capacity_bytes: Option<usize>) -> DraftStore {
        DraftStore {
            backend: Backend::Memory(Rc::new(RefCell::new(MemoryStore {
                entries: BTreeMap::new(),
                capacity_bytes,
            }))),
        }
    }

    /// Whether drafts survive closing the page (false when in memory).
    pub fn is_persistent(&self) -> bool {
        !matches!(self.backend, Backend::Memory(_))
    }

    /// Whether anything, readable or not, is stored under this draft id; used
    /// to ask "Replace" or "Keep both" on import.
    pub fn exists(&self, id: &str) -> Result<bool, LoadError> {
        Ok(self.backend.get(&draft_key(id))?.is_some())
    }

    /// The stored draft with this id; `Ok(None)` if there is none.
    pub fn load(&self, id: &str) -> Result<Option<Draft>, LoadError> {
        let key = draft_key(id);
        match self.backend.get(&key)? {
            None => Ok(None),
            Some(text) => format::decode_stored(&text)
                .map(Some)
                .map_err(|reason| LoadError::Unreadable { key, reason }),
        }
    }

    /// Every stored and deleted draft, and every entry that cannot be read.
    pub fn list(&self) -> Result<Listing, LoadError> {
        let mut listing = Listing::default();
        for key in self.backend.keys()? {
            let (id, deleted_on, deleted) = if let Some(id) = key.strip_prefix(DRAFT_KEY_PREFIX) {
                (id.to_string(), None, false)
            } else if let Some((id, deleted_on)) = parse_deleted_key(&key) {
                (id, deleted_on, true)
            } else {
                continue;
            };
            // A key can vanish between listing and reading when another tab deletes it.
            let Some(text) = self.backend.get(&key)? else {
                continue;
            };
            match format::decode_stored(&text) {
                Ok(draft) if deleted => listing.deleted.push(DeletedDraft {
                    key,
                    deleted_on,
                    draft,
                }),
                Ok(draft) => listing.drafts.push(draft),
                Err(reason) => listing.unreadable.push(UnreadableEntry {
                    key,
                    id,
                    deleted,
                    reason,
                }),
            }
        }
        let newest_first = |a: &Draft, b: &Draft| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| a.id.cmp(&b.id))
        };
        listing.drafts.sort_by(newest_first);
        listing.deleted.sort_by(|a, b| {
            b.deleted_on
                .cmp(&a.deleted_on)
                .then_with(|| newest_first(&a.draft, &b.draft))
                .then_with(|| a.key.cmp(&b.key))
        });
        Ok(listing)
    }

    /// The raw stored text under `key`, exactly as stored, for "Download the
    /// stored data"; `None` if nothing is stored there or storage cannot be read.
    pub fn raw_entry(&self, key: &str) -> Option<String> {
        self.backend.get(key).ok().flatten()
    }

    /// Saves `draft` if what is stored is still `base` (or nothing is
    /// stored). The stored copy gets revision `base.revision + 1` and a fresh
    /// write token, both returned in `Saved`; the caller sets `updated_at`
    /// before calling.
    pub fn save(&self, draft: &Draft, base: &Base) -> Result<Saved, SaveError> {
        if draft.id.is_empty() {
            return Err(SaveError::NoId);
        }
        let key = draft_key(&draft.id);
        // Read again right before writing: another tab may have saved since.
        let stored = self.stored_base(&key)?;
        let stored = stored
            .as_ref()
            .map(|stored| (stored.revision, stored.token.as_str()));
        match conflict::decide(stored, base) {
            SaveDecision::Conflict { stored_revision } => {
                Err(SaveError::Conflict { stored_revision })
            }
            SaveDecision::Write { revision } => {
                let mut to_store = draft.clone();
                to_store.revision = revision;
                to_store.write_token = new_token();
                self.backend.set(&key, &format::encode_stored(&to_store))?;
                Ok(Saved {
                    revision,
                    token: to_store.write_token,
                })
            }
        }
    }

    /// Whether what is stored under `id` is still `base` (or nothing is
    /// stored): no other tab or window has written it since.
    pub fn holds(&self, id: &str, base: &Base) -> Result<bool, SaveError> {
        let stored = self.stored_base(&draft_key(id))?;
        let stored = stored
            .as_ref()
            .map(|stored| (stored.revision, stored.token.as_str()));
        Ok(matches!(
            conflict::decide(stored, base),
            SaveDecision::Write { .. }
        ))
    }

    /// Moves a draft (readable or not, its text unchanged) to "Recently
    /// deleted" as a copy of its own, dated `today`; an earlier deleted copy
    /// of the same CAF stays as it is. Returns the deleted copy's key.
    pub fn delete(&self, id: &str, today: Date) -> Result<String, SaveError> {
        let from = draft_key(id);
        let Some(text) = self.backend.get(&from)? else {
            return Err(SaveError::NotFound { id: id.to_string() });
        };
        let to = loop {
            let key = deleted_key(id, today, &new_token());
            if self.backend.get(&key)?.is_none() {
                break key;
            }
        };
        // Copy first: if the copy fails, nothing has changed.
        self.backend.set(&to, &text)?;
        self.backend.remove(&from)?;
        Ok(to)
    }

    /// Brings back the deleted copy stored under `key`. When a draft with its
    /// id is stored again, a readable copy comes back as a separate draft
    /// under `new_id` (from `crypto.randomUUID()`); an unreadable one is
    /// refused with `AlreadyExists`, since its text is never changed.
    pub fn restore(&self, key: &str, new_id: &str) -> Result<Restored, SaveError> {
        let Some((id, _)) = parse_deleted_key(key) else {
            return Err(SaveError::NotFound {
                id: key.to_string(),
            });
        };
        let Some(text) = self.backend.get(key)? else {
            return Err(SaveError::NotFound { id });
        };
        let own_key = draft_key(&id);
        if self.backend.get(&own_key)?.is_none() {
            self.backend.set(&own_key, &text)?;
            self.backend.remove(key)?;
            return Ok(Restored::AsItWas);
        }
        let Ok(mut draft) = format::decode_stored(&text) else {
            return Err(SaveError::AlreadyExists { id });
        };
        if new_id.is_empty() {
            return Err(SaveError::NoId);
        }
        if self.backend.get(&draft_key(new_id))?.is_some() {
            return Err(SaveError::AlreadyExists {
                id: new_id.to_string(),
            });
        }
        // Beside the original, the copy does not inherit its agreement.
        set_aside_for_copy(&mut draft.data, &id);
        draft.id = new_id.to_string();
        draft.revision = 1;
        draft.write_token = new_token();
        self.backend
            .set(&draft_key(new_id), &format::encode_stored(&draft))?;
        self.backend.remove(key)?;
        Ok(Restored::AsCopy {
            new_id: new_id.to_string(),
        })
    }

    /// Removes exactly the deleted copies under `keys` (the ones the user saw
    /// listed), not any deleted since in another tab; returns how many were
    /// removed. Keys that are not deleted copies, or are gone, are skipped.
    pub fn empty_deleted(&self, keys: &[String]) -> Result<usize, SaveError> {
        let mut n_removed = 0;
        for key in keys.iter().filter(|key| parse_deleted_key(key).is_some()) {
            if self.backend.get(key)?.is_some() {
                self.backend.remove(key)?;
                n_removed += 1;
            }
        }
        Ok(n_removed)
    }

    /// Removes the deleted copies kept their [`DELETED_KEEP_DAYS`] days by
    /// `today` ([`deleted_expired`]); returns how many were removed.
    pub fn remove_expired(&self, today: Date) -> Result<usize, SaveError> {
        let keys = self.backend.keys().map_err(|_| SaveError::Unavailable)?;
        let due: Vec<String> = keys
            .into_iter()
            .filter(|key| {
                parse_deleted_key(key).is_some_and(|(_, day)| deleted_expired(day, today))
            })
            .collect();
        self.empty_deleted(&due)
    }

    /// Stores an imported draft and returns it as stored (with its id,
    /// revision and write token), ready to open. `Replace` first moves the
    /// stored copy to "Recently deleted" (dated `today`), so it can be undone,
    /// and never touches an unreadable entry; `KeepBoth` never overwrites
    /// anything.
    pub fn import(
        &self,
        imported: Imported,
        mode: ImportMode,
        today: Date,
    ) -> Result<Draft, SaveError> {
        let mut draft = imported.draft;
        match mode {
            ImportMode::Replace => {
                if draft.id.is_empty() {
                    return Err(SaveError::NoId);
                }
                let stored = self.stored_base(&draft_key(&draft.id))?;
                draft.revision =
                    conflict::import_revision(stored.as_ref().map(|b| b.revision), draft.revision);
                if stored.is_some() {
                    let deleted = self.delete(&draft.id, today)?;
                    draft.write_token = new_token();
                    let written = self
                        .backend
                        .set(&draft_key(&draft.id), &format::encode_stored(&draft));
                    if let Err(err) = written {
                        // Put the stored copy back where it was (the same text).
                        let _ = self.restore(&deleted, "");
                        return Err(err.into());
                    }
                    return Ok(draft);
                }
            }
            ImportMode::KeepBoth { new_id } => {
                if new_id.is_empty() {
                    return Err(SaveError::NoId);
                }
                if self.backend.get(&draft_key(&new_id))?.is_some() {
                    return Err(SaveError::AlreadyExists { id: new_id });
                }
                // A second copy of a draft stored here does not inherit its
                // agreement (a file with no id is no copy of anything here).
                if !draft.id.trim().is_empty() {
                    set_aside_for_copy(&mut draft.data, &draft.id);
                }
                draft.id = new_id;
                draft.revision = 1;
            }
        }
        draft.write_token = new_token();
        self.backend
            .set(&draft_key(&draft.id), &format::encode_stored(&draft))?;
        Ok(draft)
    }

    /// Writes `text` under `key` as it is, in an in-memory store only, so
    /// tests can plant damaged entries; refused with `Unavailable` on
    /// localStorage, where the app never writes arbitrary text.
    pub fn write_raw_in_memory(&self, key: &str, text: &str) -> Result<(), SaveError> {
        match &self.backend {
            Backend::Memory(_) => Ok(self.backend.set(key, text)?),
            #[cfg(target_arch = "wasm32")]
            Backend::Local(_) => Err(SaveError::Unavailable),
        }
    }

    /// The revision and write token stored under `key`; `None` if nothing is
    /// stored. An unreadable entry is an error, so that nothing is written
    /// over it.
    fn stored_base(&self, key: &str) -> Result<Option<Base>, SaveError> {
        match self.backend.get(key)? {
            None => Ok(None),
            Some(text) => match format::decode_stored(&text) {
                Ok(stored) => Ok(Some(Base {
                    revision: stored.revision,
                    token: stored.write_token,
                })),
                Err(_) => Err(SaveError::StoredCopyUnreadable {
                    key: key.to_string(),
                }),
            },
        }
    }
}

/// Where entries live.
#[derive(Debug, Clone)]
enum Backend {
    #[cfg(target_arch = "wasm32")]
    Local(web_sys::Storage),
    Memory(Rc<RefCell<MemoryStore>>),
}

/// Why the browser refused a storage operation.
#[derive(Debug, Clone, PartialEq)]
// Only the localStorage backend meets `Unavailable` and `Other`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum BackendError {
    Quota,
    Unavailable,
    Other(String),
}

impl From<BackendError> for SaveError {
    fn from(err: BackendError) -> SaveError {
        match err {
            BackendError::Quota => SaveError::QuotaExceeded,
            BackendError::Unavailable => SaveError::Unavailable,
            BackendError::Other(reason) => SaveError::Browser { reason },
        }
    }
}

impl From<BackendError> for LoadError {
    fn from(_: BackendError) -> LoadError {
        LoadError::Unavailable
    }
}

#[derive(Debug)]
struct MemoryStore {
    entries: BTreeMap<String, String>,
    capacity_bytes: Option<usize>,
}

impl Backend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage.get_item(key).map_err(|_| BackendError::Unavailable),
            Backend::Memory(memory) => Ok(memory.borrow().entries.get(key).cloned()),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage.set_item(key, value).map_err(|err| {
                if browser::is_quota_error(&err) {
                    BackendError::Quota
                } else {
                    BackendError::Other(browser::describe(&err))
                }
            }),
            Backend::Memory(memory) => {
                let mut memory = memory.borrow_mut();
                if let Some(capacity) = memory.capacity_bytes {
                    let used: usize = memory
                        .entries
                        .iter()
                        .filter(|(stored_key, _)| stored_key.as_str() != key)
                        .map(|(k, v)| k.len() + v.len())
                        .sum();
                    if used + key.len() + value.len() > capacity {
                        return Err(BackendError::Quota);
                    }
                }
                memory.entries.insert(key.to_string(), value.to_string());
                Ok(())
            }
        }
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage
                .remove_item(key)
                .map_err(|err| BackendError::Other(browser::describe(&err))),
            Backend::Memory(memory) => {
                memory.borrow_mut().entries.remove(key);
                Ok(())
            }
        }
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => {
                let n_keys = storage.length().map_err(|_| BackendError::Unavailable)?;
                let mut keys = Vec::new();
                for idx in 0..n_keys {
                    if let Ok(Some(key)) = storage.key(idx) {
                        keys.push(key);
                    }
                }
                Ok(keys)
            }
            Backend::Memory(memory) => Ok(memory.borrow().entries.keys().cloned().collect()),
        }
    }
}

/// The calls into the browser, wasm32 only.
#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};

    /// `window.localStorage`, or `None` when there is no window or the
    /// browser blocks storage (it throws rather than returning it).
    ///
    /// gloo-storage hands out the handle, but only after asking the browser
    /// ourselves: its `LocalStorage::raw()` panics when storage is blocked.
    /// Its typed `get`/`set` are not used because they would JSON-encode the
    /// already-encoded entry, and an unreadable entry must be kept as raw text.
    pub fn local_storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()?;
        Some(<gloo_storage::LocalStorage as gloo_storage::Storage>::raw())
    }

    /// Whether a thrown value is the browser saying storage is full. Firefox
    /// once named it differently; code 22 is the legacy QUOTA_EXCEEDED_ERR.
    pub fn is_quota_error(err: &JsValue) -> bool {
        err.dyn_ref::<web_sys::DomException>()
            .map(|exception| {
                matches!(
                    exception.name().as_str(),
                    "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED"
                ) || exception.code() == 22
            })
            .unwrap_or(false)
    }

    /// A thrown value in words, for `SaveError::Browser`.
    pub fn describe(err: &JsValue) -> String {
        if let Some(exception) = err.dyn_ref::<web_sys::DomException>() {
            format!("{}: {}", exception.name(), exception.message())
        } else if let Some(error) = err.dyn_ref::<js_sys::Error>() {
            String::from(error.message())
        } else {
            err.as_string()
                .unwrap_or_else(|| "an unknown error".to_string())
        }
    }

    /// `navigator.storage.persist()`, false on any failure.
    pub async fn request_persistence() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let navigator = window.navigator();
        // `navigator.storage` is missing outside secure contexts and in old browsers.
        match js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")) {
            Ok(value) if !value.is_undefined() && !value.is_null() => {}
            _ => return false,
        }
        let Ok(promise) = navigator.storage().persist() else {
            return false;
        };
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|granted| granted.as_bool())
            .unwrap_or(false)
    }
}
