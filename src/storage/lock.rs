//! Setting, checking, changing and turning off the passphrase: the
//! [`DraftStore`] methods that move between the plain and the locked
//! backends. The browser parts are wasm32 only.
//!
//! Changing the passphrase and turning the lock off re-write every entry
//! copy-then-replace, so a stop at any point (a crash, a closed tab) leaves
//! every entry readable:
//! 1. each entry's new text (sealed under the new key, or plain) is written
//!    beside it, under `caf.rekey.<entry key>`; the entry is untouched;
//! 2. the lock record is replaced (or removed): this one write is the point
//!    of no return;
//! 3. each copy is moved over its entry.
//!
//! A stop before 2 leaves the old record and every entry as it was; the
//! copies are removed at the next unlock. A stop after 2 leaves copies
//! under the new record's key (or plain), which the next open moves over
//! their entries ([`finish_rekey`]) before anything is read.

use std::fmt;

use super::locked::LockedError;
use super::store::DraftStore;

/// Whether a passphrase is set on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockStatus {
    /// No passphrase: entries are plain.
    Off,
    /// A passphrase is set and the drafts are locked (or unlocked in this page).
    On,
    /// The lock record cannot be read; nothing is opened or changed.
    Damaged(LockedError),
}

/// Why the drafts could not be unlocked, or the lock set or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// The passphrase does not open this device's drafts (the verifier).
    WrongPassphrase,
    /// The lock record cannot be read.
    Record(LockedError),
    /// A passphrase is already set (another tab set one).
    AlreadyLocked,
    /// The drafts are not unlocked in this page.
    NotUnlocked,
    /// The browser refused (storage full, no WebCrypto, …), in words.
    Browser(String),
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockError::WrongPassphrase => f.write_str(
                "That passphrase does not unlock the drafts on this device. Check it and try again.",
            ),
            LockError::Record(err) => {
                write!(f, "The lock on this device cannot be read: {err}. Nothing has been changed.")
            }
            LockError::AlreadyLocked => {
                f.write_str("A passphrase has already been set on this device, in another tab.")
            }
            LockError::NotUnlocked => f.write_str("The drafts are locked. Unlock them first."),
            LockError::Browser(reason) => {
                write!(f, "Nothing has been changed: {reason}.")
            }
        }
    }
}

impl std::error::Error for LockError {}

impl DraftStore {
    /// How many drafts are stored (their keys are in the clear), for "3 CAFs
    /// are locked on this device".
    pub fn count_drafts(&self) -> usize {
        self.raw_keys()
            .iter()
            .filter(|key| key.starts_with(super::DRAFT_KEY_PREFIX))
            .count()
    }
}

#[cfg(target_arch = "wasm32")]
mod browser_side {

    use super::super::backend::{browser, Backend};
    use super::super::crypto::{self, Key};
    use super::super::locked::{
        decode_lock_record, encode_lock_record, is_locked_entry, LockRecord,
    };
    use super::super::moves::JOURNAL_KEY;
    use super::super::sealed::{is_entry_key, seal_entry, storage_keys, SealedStore};
    use super::super::store::DraftStore;
    use super::super::{LOCK_KEY, LOCK_NOW_KEY, PROBE_KEY, REKEY_KEY_PREFIX};
    use super::{LockError, LockStatus};

    fn storage() -> Result<web_sys::Storage, LockError> {
        browser::local_storage().ok_or_else(|| {
            LockError::Browser("this browser is not letting CAF Lite use its storage".to_owned())
        })
    }

    fn refused(err: wasm_bindgen::JsValue) -> LockError {
        if browser::is_quota_error(&err) {
            LockError::Browser(
                "this browser's storage is full; delete old drafts and try again".to_owned(),
            )
        } else {
            LockError::Browser(browser::describe(&err))
        }
    }

    fn record(storage: &web_sys::Storage) -> Result<Option<LockRecord>, LockError> {
        match storage.get_item(LOCK_KEY).ok().flatten() {
            None => Ok(None),
            Some(text) => decode_lock_record(&text)
                .map(Some)
                .map_err(LockError::Record),
        }
    }

    /// Tells every other open tab to lock (they listen for this key).
    pub fn tell_other_tabs_to_lock() {
        if let Some(storage) = browser::local_storage() {
            let token = crypto::random_bytes(8)
                .map(|bytes| super::super::locked::base64_encode(&bytes))
                .unwrap_or_default();
            let _ = storage.set_item(LOCK_NOW_KEY, &token);
        }
    }

    /// The last "Lock now" any tab sent, to notice one this page missed.
    pub fn lock_now_token() -> Option<String> {
        browser::local_storage()?
            .get_item(LOCK_NOW_KEY)
            .ok()
            .flatten()
    }

    /// A test may stop a re-write half-way, as a crash would:
    /// `window.__cafLiteTestStopRekey = "after-first-copy"` or `"after-commit"`.
    fn test_asked_to_stop(at: &str) -> bool {
        web_sys::window()
            .and_then(|window| {
                js_sys::Reflect::get(
                    &window,
                    &wasm_bindgen::JsValue::from_str("__cafLiteTestStopRekey"),
                )
                .ok()
            })
            .and_then(|value| value.as_string())
            .is_some_and(|asked| asked == at)
    }

    /// The length of `text` as localStorage counts it (UTF-16 code units).
    fn units(text: &str) -> usize {
        text.encode_utf16().count()
    }

    /// Whether `n_units` more fit in localStorage: the browser cannot be
    /// asked how much is free, so a filler of that size is written under
    /// the probe's key and removed at once.
    fn has_room(storage: &web_sys::Storage, n_units: usize) -> Result<bool, LockError> {
        let filler = "x".repeat(n_units + ROOM_MARGIN);
        match storage.set_item(PROBE_KEY, &filler) {
            Ok(()) => {
                let _ = storage.remove_item(PROBE_KEY);
                Ok(true)
            }
            Err(err) if browser::is_quota_error(&err) => Ok(false),
            Err(err) => Err(refused(err)),
        }
    }

    /// Room kept free beyond what a re-write needs, for the next saves.
    const ROOM_MARGIN: usize = 4096;

    fn no_room_to_lock() -> LockError {
        LockError::Browser(
            "this browser's storage does not have room to lock the drafts (each one grows when it is locked), so nothing was locked. Empty Recently deleted, or export drafts you no longer need and delete them, then try again".to_owned(),
        )
    }

    /// How many stored entries (drafts, deleted copies, temporary copies, a
    /// move's journal) are not locked: read back from localStorage itself.
    pub fn readable_entries(storage: &web_sys::Storage) -> usize {
        storage_keys(storage)
            .iter()
            .filter(|key| {
                is_entry_key(key) || key.starts_with(REKEY_KEY_PREFIX) || *key == JOURNAL_KEY
            })
            .filter(|key| {
                storage
                    .get_item(key)
                    .ok()
                    .flatten()
                    .is_some_and(|text| !is_locked_entry(&text))
            })
            .count()
    }

    /// Waits until every write the locked store accepted is in localStorage.
    async fn drained(sealed: &SealedStore) {
        while !sealed.is_idle() {
            pause(5).await;
        }
    }

    async fn pause(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    /// Finishes a change of passphrase or a turning off that stopped after
    /// its point of no return, and removes the copies of one that stopped
    /// before it. `current` is the key of the lock record now stored, `None`
    /// when the lock is off.
    pub fn finish_rekey(storage: &web_sys::Storage, current: Option<&Key>) {
        for temp in storage_keys(storage) {
            let Some(entry_key) = temp.strip_prefix(REKEY_KEY_PREFIX) else {
                continue;
            };
            let Ok(Some(text)) = storage.get_item(&temp) else {
                continue;
            };
            let locked = is_locked_entry(&text);
            let under_current = match current {
                None => !locked,
                Some(key) => {
                    locked
                        && super::super::locked::decode_locked_entry(&text)
                            .is_ok_and(|entry| entry.key_id == key.id)
                }
            };
            if under_current {
                // Copy first: if the move fails, the copy is still there.
                if storage.set_item(entry_key, &text).is_ok() {
                    let _ = storage.remove_item(&temp);
                }
            } else if current.is_some() {
                // A re-write that stopped before its point of no return.
                let _ = storage.remove_item(&temp);
            }
        }
    }

    impl DraftStore {
        /// Whether a passphrase is set on this device (the lock record).
        pub fn lock_status(&self) -> LockStatus {
            let Some(storage) = browser::local_storage() else {
                return LockStatus::Off;
            };
            match record(&storage) {
                Ok(None) => LockStatus::Off,
                Ok(Some(_)) => LockStatus::On,
                Err(LockError::Record(err)) => LockStatus::Damaged(err),
                Err(_) => LockStatus::Off,
            }
        }

        /// After the page comes back from the back/forward cache, where it
        /// heard no storage events: whether its key is still the one in
        /// use (always true when the lock is off here), and, when it is,
        /// the entries changed behind its back are read again. Returns
        /// `(key current, anything changed)`.
        pub async fn catch_up(&self) -> (bool, bool) {
            match &self.backend {
                Backend::Sealed(sealed) if !sealed.is_forgotten() => {
                    if !sealed.key_is_current() {
                        return (false, false);
                    }
                    (true, sealed.resync().await)
                }
                _ => (true, false),
            }
        }

        /// Whether this is the locked store, unlocked in this page.
        pub fn is_unlocked(&self) -> bool {
            matches!(&self.backend, Backend::Sealed(sealed) if !sealed.is_forgotten())
        }

        /// Whether a save reaches localStorage only later (sealed first), so
        /// a panic, which stops everything at once, cannot store it.
        pub fn writes_later(&self) -> bool {
            matches!(self.backend, Backend::Sealed(_))
        }

        /// Where a write the locked store accepted, but could not store,
        /// is reported (conflict, storage full).
        pub fn on_problem(&self, problem: super::super::sealed::Problem) {
            if let Backend::Sealed(sealed) = &self.backend {
                sealed.on_problem(problem);
            }
        }

        /// Locks again: forgets the key and every plain text.
        pub fn forget(&self) {
            if let Backend::Sealed(sealed) = &self.backend {
                sealed.forget();
            }
        }

        /// Opens the locked drafts with `passphrase`, checked first against
        /// the lock record's verifier.
        pub async fn unlock(passphrase: &str) -> Result<DraftStore, LockError> {
            let storage = storage()?;
            let record = record(&storage)?.ok_or_else(|| {
                LockError::Browser("no passphrase is set on this device".to_owned())
            })?;
            let key = crypto::check_passphrase(passphrase, &record)
                .await
                .map_err(LockError::Browser)?
                .ok_or(LockError::WrongPassphrase)?;
            finish_rekey(&storage, Some(&key));
            let sealed = SealedStore::open(storage, key).await;
            Ok(DraftStore::from_backend(Backend::Sealed(sealed)))
        }

        /// Sets a passphrase. Every entry's locked text is made first, and
        /// the room it needs (locked text is larger) is tried by writing a
        /// filler of that size: when it does not fit, nothing is written.
        /// Then, in one task, the lock record and every entry; if a write
        /// still fails, every entry is put back as it was and the record
        /// removed. Returns the store and whether storage, read back, holds
        /// nothing readable.
        pub async fn set_passphrase(
            &self,
            passphrase: &str,
        ) -> Result<(DraftStore, bool), LockError> {
            let storage = storage()?;
            if record(&storage)?.is_some() {
                return Err(LockError::AlreadyLocked);
            }
            // A plain move's journal holds plain text: finished first.
            Backend::Local(storage.clone()).finish_move();
            let (record, key) = crypto::new_lock(passphrase)
                .await
                .map_err(LockError::Browser)?;
            let record_text = encode_lock_record(&record);
            let mut planned = Vec::new();
            let mut room = units(LOCK_KEY) + units(&record_text);
            for entry_key in storage_keys(&storage) {
                if !is_entry_key(&entry_key) {
                    continue;
                }
                let Some(plain) = storage.get_item(&entry_key).ok().flatten() else {
                    continue;
                };
                if is_locked_entry(&plain) {
                    continue;
                }
                let text = seal_entry(&key, &entry_key, &plain)
                    .await
                    .map_err(LockError::Browser)?;
                room += units(&text).saturating_sub(units(&plain));
                planned.push((entry_key, plain, text));
            }
            if !has_room(&storage, room)? {
                return Err(no_room_to_lock());
            }
            // From here to the last write, nothing awaits. Another tab may
            // have set a passphrase while this one derived its key.
            if self::record(&storage)?.is_some() {
                return Err(LockError::AlreadyLocked);
            }
            storage.set_item(LOCK_KEY, &record_text).map_err(refused)?;
            let mut sealed_so_far: Vec<(&str, &str)> = Vec::new();
            for (entry_key, plain, text) in &planned {
                // Changed by another tab since: the locked store seals it as it opens.
                if storage.get_item(entry_key).ok().flatten().as_deref() != Some(plain.as_str()) {
                    continue;
                }
                if storage.set_item(entry_key, text).is_err() {
                    for (done, plain) in sealed_so_far.iter().rev() {
                        let _ = storage.set_item(done, plain);
                    }
                    let _ = storage.remove_item(LOCK_KEY);
                    return Err(no_room_to_lock());
                }
                sealed_so_far.push((entry_key, plain));
            }
            tell_other_tabs_to_lock();
            let sealed = SealedStore::open(storage.clone(), key).await;
            drained(&sealed).await;
            let nothing_readable = readable_entries(&storage) == 0;
            Ok((
                DraftStore::from_backend(Backend::Sealed(sealed)),
                nothing_readable,
            ))
        }

        /// Changes the passphrase (`new` is `Some`) or turns the lock off
        /// (`None`), after checking `current`; copy-then-replace (the
        /// module's words). Other tabs are locked first. Returns the store
        /// to use from now on; this one is forgotten.
        pub async fn rekey(
            &self,
            current: &str,
            new: Option<&str>,
        ) -> Result<DraftStore, LockError> {
            let Backend::Sealed(sealed) = &self.backend else {
                return Err(LockError::NotUnlocked);
            };
            if sealed.is_forgotten() {
                return Err(LockError::NotUnlocked);
            }
            let storage = storage()?;
            let stored = record(&storage)?.ok_or(LockError::NotUnlocked)?;
            crypto::check_passphrase(current, &stored)
                .await
                .map_err(LockError::Browser)?
                .ok_or(LockError::WrongPassphrase)?;
            tell_other_tabs_to_lock();
            drained(sealed).await;
            let new_lock = match new {
                Some(passphrase) => Some(
                    crypto::new_lock(passphrase)
                        .await
                        .map_err(LockError::Browser)?,
                ),
                None => None,
            };
            // 1. A copy of each entry beside it, once there is room for all.
            let mut planned = Vec::new();
            let mut room = 0;
            for entry_key in sealed.keys() {
                if !is_entry_key(&entry_key) {
                    continue;
                }
                let Some(plain) = sealed.get(&entry_key) else {
                    continue;
                };
                // An entry that did not open stays exactly as it is.
                if is_locked_entry(&plain) {
                    continue;
                }
                let copy = match &new_lock {
                    Some((_, key)) => seal_entry(key, &entry_key, &plain)
                        .await
                        .map_err(LockError::Browser)?,
                    None => plain,
                };
                room += units(REKEY_KEY_PREFIX) + units(&entry_key) + units(&copy);
                planned.push((entry_key, copy));
            }
            if let Some((record, _)) = &new_lock {
                room += units(&encode_lock_record(record));
            }
            if !has_room(&storage, room)? {
                return Err(LockError::Browser(
                    "this browser's storage does not have room to re-write the drafts, so nothing was changed. Empty Recently deleted, or export drafts you no longer need and delete them, then try again".to_owned(),
                ));
            }
            let mut copies = Vec::new();
            for (entry_key, copy) in planned {
                let temp = format!("{REKEY_KEY_PREFIX}{entry_key}");
                if let Err(err) = storage.set_item(&temp, &copy) {
                    for (done, _, _) in &copies {
                        let _ = storage.remove_item(&format!("{REKEY_KEY_PREFIX}{done}"));
                    }
                    let _ = storage.remove_item(&temp);
                    return Err(refused(err));
                }
                let seen = storage.get_item(&entry_key).ok().flatten();
                copies.push((entry_key, copy, seen));
                if test_asked_to_stop("after-first-copy") {
                    return Err(LockError::Browser("stopped by a test".to_owned()));
                }
            }
            // 2. The point of no return, unless another tab changed the
            // lock meanwhile (its record is then the one in use).
            if record(&storage)?.as_ref() != Some(&stored) {
                for (done, _, _) in &copies {
                    let _ = storage.remove_item(&format!("{REKEY_KEY_PREFIX}{done}"));
                }
                return Err(LockError::AlreadyLocked);
            }
            match &new_lock {
                Some((record, _)) => storage
                    .set_item(LOCK_KEY, &encode_lock_record(record))
                    .map_err(refused)?,
                None => storage.remove_item(LOCK_KEY).map_err(refused)?,
            }
            tell_other_tabs_to_lock();
            // 3. Each copy over its entry, unless another tab wrote the entry
            // since it was copied (its newer text is kept).
            for (n_moved, (entry_key, copy, seen)) in copies.into_iter().enumerate() {
                if n_moved == 1 && test_asked_to_stop("after-commit") {
                    return Err(LockError::Browser("stopped by a test".to_owned()));
                }
                let temp = format!("{REKEY_KEY_PREFIX}{entry_key}");
                if storage.get_item(&entry_key).ok().flatten() == seen
                    && storage.set_item(&entry_key, &copy).is_err()
                {
                    // Left for the next open to finish.
                    continue;
                }
                let _ = storage.remove_item(&temp);
            }
            sealed.forget();
            match new_lock {
                Some((_, key)) => {
                    let sealed = SealedStore::open(storage, key).await;
                    Ok(DraftStore::from_backend(Backend::Sealed(sealed)))
                }
                None => Ok(DraftStore::from_backend(Backend::Local(storage))),
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use browser_side::{finish_rekey, lock_now_token, tell_other_tabs_to_lock};

/// Outside a browser there is no lock.
#[cfg(not(target_arch = "wasm32"))]
impl DraftStore {
    pub fn lock_status(&self) -> LockStatus {
        LockStatus::Off
    }

    pub fn is_unlocked(&self) -> bool {
        false
    }

    pub fn writes_later(&self) -> bool {
        false
    }
}
