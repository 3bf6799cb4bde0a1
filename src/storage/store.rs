//! [`DraftStore`]: every read and write of drafts, over a [`Backend`].

use crate::domain::contribution::next_request_number;
use crate::domain::{set_aside_for_copy, Date, Draft};

#[cfg(target_arch = "wasm32")]
use super::backend::{browser, probe};
use super::backend::{new_token, Backend};
use super::conflict::{self, Base, SaveDecision};
use super::errors::{Availability, LoadError, SaveError};
use super::format::{self, Imported, StoredError};
use super::moves::{Move, Step};
use super::{deleted_expired, deleted_key, draft_key, parse_deleted_key, DRAFT_KEY_PREFIX};

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

/// Drafts on this device: in localStorage when the browser allows it,
/// otherwise in memory for as long as the page is open. Cloning gives another
/// handle on the same store.
#[derive(Debug, Clone)]
pub struct DraftStore {
    pub(super) backend: Backend,
}

impl DraftStore {
    #[cfg(target_arch = "wasm32")]
    pub(super) fn from_backend(backend: Backend) -> DraftStore {
        DraftStore { backend }
    }

    /// Every key the backend holds (for counting, never for reading).
    pub(super) fn raw_keys(&self) -> Vec<String> {
        self.backend.keys().unwrap_or_default()
    }

    /// Opens localStorage if the browser has it (even when full, so stored
    /// drafts can still be opened), otherwise an in-memory store. The
    /// `Availability` is for the banner.
    pub fn open() -> (DraftStore, Availability) {
        #[cfg(target_arch = "wasm32")]
        {
            let availability = probe();
            if availability != Availability::Unavailable {
                if let Some(storage) = browser::local_storage() {
                    if storage.get_item(super::LOCK_KEY).ok().flatten().is_none() {
                        // The lock was turned off, and that stopped half-way.
                        super::lock::finish_rekey(&storage, None);
                    }
                    let backend = Backend::Local(storage);
                    backend.finish_move();
                    return (DraftStore { backend }, availability);
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
            backend: Backend::memory(capacity_bytes),
        }
    }

    /// Whether drafts survive closing the page (false when in memory).
    pub fn is_persistent(&self) -> bool {
        !matches!(self.backend, Backend::Memory(_))
    }

    /// Whether no write is waiting: the locked store seals and writes in
    /// the background; the others write at once.
    pub fn is_idle(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        if let Backend::Sealed(sealed) = &self.backend {
            return sealed.is_idle();
        }
        true
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
        #[cfg(target_arch = "wasm32")]
        if let Backend::Sealed(sealed) = &self.backend {
            // The plain text in memory may be behind localStorage.
            if !sealed.unchanged_behind(&draft_key(id)) {
                return Ok(false);
            }
        }
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
    /// of the same CAF stays as it is. Returns the deleted copy's key. One
    /// move (`moves.rs`): if any write fails, the draft stays where it was.
    pub async fn delete(&self, id: &str, today: Date) -> Result<String, SaveError> {
        let from = draft_key(id);
        if self.backend.get(&from)?.is_none() {
            return Err(SaveError::NotFound { id: id.to_string() });
        }
        let to = self.fresh_deleted_key(id, today)?;
        self.backend
            .run_move(Move {
                steps: vec![
                    Step::Copy {
                        from: from.clone(),
                        to: to.clone(),
                    },
                    Step::Remove {
                        key: from,
                        unless_changed: Some(to.clone()),
                    },
                ],
            })
            .await?;
        Ok(to)
    }

    /// A key for a new deleted copy of `id` that nothing is stored under.
    fn fresh_deleted_key(&self, id: &str, today: Date) -> Result<String, SaveError> {
        loop {
            let key = deleted_key(id, today, &new_token());
            if self.backend.get(&key)?.is_none() {
                return Ok(key);
            }
        }
    }

    /// Brings back the deleted copy stored under `key`. When a draft with its
    /// id is stored again, a readable copy comes back as a separate draft
    /// under `new_id` (from `crypto.randomUUID()`); an unreadable one is
    /// refused with `AlreadyExists`, since its text is never changed.
    pub async fn restore(&self, key: &str, new_id: &str) -> Result<Restored, SaveError> {
        let Some((id, _)) = parse_deleted_key(key) else {
            return Err(SaveError::NotFound {
                id: key.to_string(),
            });
        };
        let Some(text) = self.backend.get(key)? else {
            return Err(SaveError::NotFound { id });
        };
        let own_key = draft_key(&id);
        let remove = Step::Remove {
            key: key.to_owned(),
            unless_changed: None,
        };
        if self.backend.get(&own_key)?.is_none() {
            let copy = Step::Copy {
                from: key.to_owned(),
                to: own_key,
            };
            self.backend
                .run_move(Move {
                    steps: vec![copy, remove],
                })
                .await?;
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
        let put = Step::Put {
            key: draft_key(new_id),
            text: format::encode_stored(&draft),
            unless_changed: None,
        };
        self.backend
            .run_move(Move {
                steps: vec![put, remove],
            })
            .await?;
        Ok(Restored::AsCopy {
            new_id: new_id.to_string(),
        })
    }

    /// Removes exactly the deleted copies under `keys` (the ones the user saw
    /// listed), not any deleted since in another tab; returns how many were
    /// removed. Keys that are not deleted copies, or are gone, are skipped.
    /// One move: all of them go, or none.
    pub async fn empty_deleted(&self, keys: &[String]) -> Result<usize, SaveError> {
        let mut steps = Vec::new();
        for key in keys.iter().filter(|key| parse_deleted_key(key).is_some()) {
            if self.backend.get(key)?.is_some() {
                steps.push(Step::Remove {
                    key: key.clone(),
                    unless_changed: None,
                });
            }
        }
        let n_removed = steps.len();
        if n_removed > 0 {
            self.backend.run_move(Move { steps }).await?;
        }
        Ok(n_removed)
    }

    /// Removes the deleted copies kept their [`DELETED_KEEP_DAYS`] days by
    /// `today` ([`deleted_expired`]); returns how many were removed.
    pub async fn remove_expired(&self, today: Date) -> Result<usize, SaveError> {
        let keys = self.backend.keys().map_err(|_| SaveError::Unavailable)?;
        let due: Vec<String> = keys
            .into_iter()
            .filter(|key| {
                parse_deleted_key(key).is_some_and(|(_, day)| deleted_expired(day, today))
            })
            .collect();
        self.empty_deleted(&due).await
    }

    /// Stores an imported draft and returns it as stored (with its id,
    /// revision and write token), ready to open. `Replace` moves the stored
    /// copy to "Recently deleted" (dated `today`) in the same move, so it
    /// can be undone, and never touches an unreadable entry; `KeepBoth`
    /// never overwrites anything.
    pub async fn import(
        &self,
        imported: Imported,
        mode: ImportMode,
        today: Date,
    ) -> Result<Draft, SaveError> {
        let mut draft = imported.draft;
        let mut steps = Vec::new();
        // Replace: where the stored copy goes, and the file's text is put
        // only while the draft is still that copy.
        let mut set_aside = None;
        match mode {
            ImportMode::Replace => {
                if draft.id.is_empty() {
                    return Err(SaveError::NoId);
                }
                let key = draft_key(&draft.id);
                let stored = self.stored_base(&key)?;
                // Request numbers never repeat for a CAF (caf-form.md
                // §3.13): an older file keeps counting from the copy here.
                if let Ok(Some(here)) = self.load(&draft.id) {
                    let used = next_request_number(&here).saturating_sub(1);
                    draft.requests_made = draft.requests_made.max(used);
                }
                draft.revision =
                    conflict::import_revision(stored.as_ref().map(|b| b.revision), draft.revision);
                if stored.is_some() {
                    let aside = self.fresh_deleted_key(&draft.id, today)?;
                    steps.push(Step::Copy {
                        from: key,
                        to: aside.clone(),
                    });
                    set_aside = Some(aside);
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
        steps.push(Step::Put {
            key: draft_key(&draft.id),
            text: format::encode_stored(&draft),
            unless_changed: set_aside,
        });
        self.backend.run_move(Move { steps }).await?;
        Ok(draft)
    }

    /// Writes `text` under `key` as it is, in an in-memory store only, so
    /// tests can plant damaged entries; refused with `Unavailable` on
    /// localStorage, where the app never writes arbitrary text.
    pub fn write_raw_in_memory(&self, key: &str, text: &str) -> Result<(), SaveError> {
        match &self.backend {
            Backend::Memory(_) => Ok(self.backend.set(key, text)?),
            #[cfg(target_arch = "wasm32")]
            Backend::Local(_) | Backend::Sealed(_) => Err(SaveError::Unavailable),
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

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::future::Future;
    use std::pin::pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    use super::super::backend::MemoryStore;
    use super::*;
    use crate::storage::format::decode_import;

    /// The plain stores' moves finish at once.
    fn now<T>(future: impl Future<Output = T>) -> T {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => value,
            Poll::Pending => unreachable!("a plain store's move never waits"),
        }
    }

    fn day() -> Date {
        Date::parse_iso("2026-12-07").unwrap_or_else(|| unreachable!())
    }

    fn draft(id: &str, name: &str) -> Draft {
        let mut draft = Draft {
            id: id.to_owned(),
            version: 1,
            ..Draft::default()
        };
        draft.data.child.given_name = name.to_owned();
        draft
    }

    fn memory(store: &DraftStore) -> Rc<RefCell<MemoryStore>> {
        match &store.backend {
            Backend::Memory(memory) => Rc::clone(memory),
            #[cfg(target_arch = "wasm32")]
            _ => unreachable!(),
        }
    }

    /// What is stored, with the random parts of keys and texts left out.
    fn shape(store: &DraftStore) -> BTreeMap<String, usize> {
        let mut found = BTreeMap::new();
        for (key, text) in &memory(store).borrow().entries {
            let key = key.split('~').take(2).collect::<Vec<_>>().join("~");
            let text = match format::decode_stored(text) {
                Ok(draft) => format!("{} {}", draft.id, draft.data.child.given_name),
                Err(_) => text.clone(),
            };
            *found.entry(format!("{key} = {text}")).or_default() += 1;
        }
        found
    }

    /// A store holding drafts a1 and b2, and a deleted copy of a1 and of c3.
    fn fixture() -> (DraftStore, Vec<String>) {
        let store = DraftStore::in_memory(None);
        for (id, name) in [("a1", "Older A"), ("c3", "C")] {
            store
                .save(&draft(id, name), &Base::default())
                .unwrap_or_else(|err| unreachable!("{err}"));
        }
        let deleted: Vec<String> = ["a1", "c3"]
            .iter()
            .map(|id| now(store.delete(id, day())).unwrap_or_else(|err| unreachable!("{err}")))
            .collect();
        for (id, name) in [("a1", "A"), ("b2", "B")] {
            store
                .save(&draft(id, name), &Base::default())
                .unwrap_or_else(|err| unreachable!("{err}"));
        }
        (store, deleted)
    }

    type Operation = fn(&DraftStore, &[String]) -> Result<(), SaveError>;

    fn operations() -> Vec<(&'static str, Operation)> {
        vec![
            ("delete", |store, _| {
                now(store.delete("a1", day())).map(|_| ())
            }),
            ("restore as it was", |store, deleted| {
                now(store.restore(&deleted[1], "n9")).map(|_| ())
            }),
            ("restore as a copy", |store, deleted| {
                now(store.restore(&deleted[0], "n9")).map(|_| ())
            }),
            ("empty", |store, deleted| {
                now(store.empty_deleted(deleted)).map(|_| ())
            }),
            ("import, replace", |store, _| {
                let file = format::encode_export(&draft("b2", "File B"), "2026-12-07T10:00:00Z");
                let imported =
                    decode_import(file.as_bytes()).unwrap_or_else(|err| unreachable!("{err}"));
                now(store.import(imported, ImportMode::Replace, day())).map(|_| ())
            }),
            ("import, keep both", |store, _| {
                let file = format::encode_export(&draft("b2", "File B"), "2026-12-07T10:00:00Z");
                let imported =
                    decode_import(file.as_bytes()).unwrap_or_else(|err| unreachable!("{err}"));
                let mode = ImportMode::KeepBoth {
                    new_id: "n9".to_owned(),
                };
                now(store.import(imported, mode, day())).map(|_| ())
            }),
        ]
    }

    /// What is stored before and after a fault-free run of each operation,
    /// then each write position `at` in turn, with `inject` setting the
    /// fault there; `check` gets the operation's name, the position, its
    /// result, the store, and the shapes before and complete.
    fn at_every_write(
        inject: fn(&mut MemoryStore, Option<usize>),
        check: impl Fn(&str, usize, Result<(), SaveError>, &DraftStore, &Shape, &Shape),
    ) {
        for (name, operation) in operations() {
            let (whole, deleted) = fixture();
            operation(&whole, &deleted).unwrap_or_else(|err| unreachable!("{name}: {err}"));
            let complete = shape(&whole);
            for at in 0.. {
                let (store, deleted) = fixture();
                let before = shape(&store);
                let memory = memory(&store);
                let writes = memory.borrow().writes;
                inject(&mut memory.borrow_mut(), Some(writes + at));
                let result = operation(&store, &deleted);
                let n_tried = memory.borrow().writes - writes;
                inject(&mut memory.borrow_mut(), None);
                check(name, at, result, &store, &before, &complete);
                if at >= n_tried {
                    break;
                }
            }
        }
    }

    type Shape = BTreeMap<String, usize>;

    #[test]
    fn every_move_fails_whole_at_any_write() {
        at_every_write(
            |memory, at| memory.fail_at = at,
            |name, at, result, store, before, complete| match result {
                Err(_) => assert_eq!(&shape(store), before, "{name} failing at write {at}"),
                Ok(()) => {
                    // Only the journal's removal was refused: it stays,
                    // and finishing it changes nothing.
                    store.backend.finish_move();
                    assert_eq!(&shape(store), complete, "{name} failing at write {at}");
                }
            },
        );
    }

    #[test]
    fn every_move_stopped_at_any_write_ends_as_before_or_complete() {
        at_every_write(
            |memory, at| memory.stop_at = at,
            |name, at, _, store, before, complete| {
                // The next open, on storage that works.
                store.backend.finish_move();
                let found = shape(store);
                assert!(
                    &found == before || &found == complete,
                    "{name} stopped at write {at}: {found:#?}"
                );
            },
        );
    }
}
