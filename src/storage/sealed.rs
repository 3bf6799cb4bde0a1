//! The locked backend, wasm32 only: localStorage holds locked entries
//! (`storage::locked`), and the page holds, while unlocked, the plain text of
//! every entry in memory (the *mirror*) and the key.
//!
//! WebCrypto is asynchronous, and the store above is not: every read is
//! answered from the mirror, and every write changes the mirror at once and
//! joins one queue that seals and writes entries to localStorage in order,
//! one at a time. So the store's rules (the stale-tab check, copy before
//! remove, never over an unreadable entry) work as they do unlocked, on the
//! mirror; and the queue keeps localStorage in the same order.
//!
//! Another tab can write between our read and our write. Each queued write
//! therefore checks, in the same task as it writes, that localStorage still
//! holds exactly the text this page last saw there (`known`); if not, it
//! writes nothing, drops the writes queued after it for that key, reads the
//! newer text into the mirror, and reports a conflict. Writes by other tabs
//! come in through the `storage` event and are opened into the mirror
//! (unless a write of ours to that key is queued: then its check catches it).
//!
//! What a close can lose: a change made in the mirror is in localStorage a
//! few milliseconds later, once sealed. The app saves at once when the page is
//! hidden, which comes before a close, so the window is the sealing of the
//! last save, begun as the tab is hidden; a panic (which stops the app
//! outright) loses the change not yet saved, and says so.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use futures_channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::backend::{browser, Backend, BackendError};
use super::crypto::{self, Key};
use super::errors::{SaveError, Unsaved};
use super::locked::{
    decode_locked_entry, encode_locked_entry, entry_associated_data, is_locked_entry, plain_header,
    LockedEntry,
};
use super::moves::{self, Move, Step, JOURNAL_KEY};
use super::{
    parse_deleted_key, DELETED_KEY_PREFIX, DRAFT_KEY_PREFIX, REKEY_KEY_PREFIX, WITHDRAWN_KEY_PREFIX,
};

/// Whether `key` holds a draft, a deleted copy or a CAF's remembered
/// withdrawals (the entries that are locked).
pub fn is_entry_key(key: &str) -> bool {
    key.starts_with(DRAFT_KEY_PREFIX)
        || key.starts_with(DELETED_KEY_PREFIX)
        || key.starts_with(WITHDRAWN_KEY_PREFIX)
}

/// The draft id a key belongs to, bound into the entry's associated data.
/// A temporary copy (`caf.rekey.<key>`) belongs to its entry's draft.
pub fn entry_id(key: &str) -> String {
    let key = key.strip_prefix(REKEY_KEY_PREFIX).unwrap_or(key);
    if let Some(id) = key.strip_prefix(DRAFT_KEY_PREFIX) {
        return id.to_owned();
    }
    if let Some((id, _)) = parse_deleted_key(key) {
        return id;
    }
    if let Some(id) = key.strip_prefix(WITHDRAWN_KEY_PREFIX) {
        return id.to_owned();
    }
    key.to_owned()
}

/// Seals a plain stored entry for `key`. Text that is already a locked
/// entry (one that could not be opened, being moved) is kept as it is.
pub async fn seal_entry(key: &Key, storage_key: &str, plain: &str) -> Result<String, String> {
    if is_locked_entry(plain) {
        return Ok(plain.to_owned());
    }
    let (revision, write_token) = plain_header(plain);
    let aad = entry_associated_data(&entry_id(storage_key), revision, &write_token);
    let sealed = crypto::seal(key, &aad, plain.as_bytes()).await?;
    Ok(encode_locked_entry(&LockedEntry {
        key_id: key.id.clone(),
        revision,
        write_token,
        sealed,
    }))
}

/// Opens a stored locked entry for `key`; `None` when it does not open
/// (damaged, another key, or not a locked entry at all).
pub async fn open_entry(key: &Key, storage_key: &str, raw: &str) -> Option<String> {
    let entry = decode_locked_entry(raw).ok()?;
    if entry.key_id != key.id {
        return None;
    }
    let aad = entry_associated_data(&entry_id(storage_key), entry.revision, &entry.write_token);
    let plain = crypto::open(key, &aad, &entry.sealed).await?;
    String::from_utf8(plain).ok()
}

/// A refused localStorage write as the store's error.
fn refused(err: &wasm_bindgen::JsValue) -> BackendError {
    if browser::is_quota_error(err) {
        BackendError::Quota
    } else {
        BackendError::Other(browser::describe(err))
    }
}

/// The revision of stored text, locked or plain, for a conflict's words.
fn stored_revision(raw: Option<&str>) -> u64 {
    match raw {
        Some(raw) if is_locked_entry(raw) => {
            decode_locked_entry(raw).map(|e| e.revision).unwrap_or(0)
        }
        Some(raw) => plain_header(raw).0,
        None => 0,
    }
}

enum Op {
    Set {
        key: String,
        plain: String,
    },
    /// Several writes that land together (`moves.rs`); the caller awaits
    /// the outcome.
    Move {
        plain: Move,
        done: oneshot::Sender<Result<(), SaveError>>,
    },
}

impl Op {
    fn keys(&self) -> Vec<String> {
        match self {
            Op::Set { key, .. } => vec![key.clone()],
            Op::Move { plain, .. } => plain.keys().into_iter().map(str::to_owned).collect(),
        }
    }

    /// Tells whoever is waiting for this write that it was not made.
    fn fail(self, store: &SealedStore, err: SaveError) {
        match self {
            Op::Set { key, plain } => store.problem(Unsaved {
                key,
                error: err,
                plain: Some(plain),
            }),
            Op::Move { done, .. } => {
                let _ = done.send(Err(err));
            }
        }
    }
}

/// A queued write that was not made: why, and the entries another tab
/// changed (read again into the mirror once the queue is dropped).
#[derive(Clone)]
struct Failed {
    error: SaveError,
    changed: Vec<String>,
}

impl From<SaveError> for Failed {
    fn from(error: SaveError) -> Failed {
        Failed {
            error,
            changed: Vec::new(),
        }
    }
}

/// Where a save accepted but not stored is reported.
pub type Problem = Rc<dyn Fn(Unsaved)>;
type Listener = Closure<dyn FnMut(web_sys::StorageEvent)>;

/// The unlocked store. Shared (`Rc`) by every handle on the store and by
/// the queue's task.
pub struct SealedStore {
    storage: web_sys::Storage,
    /// `None` once locked again, after the queue has finished.
    key: RefCell<Option<Key>>,
    /// Set by [`SealedStore::forget`]: nothing more is read or written.
    forgotten: Cell<bool>,
    /// The plain text of every entry, as this page means it to be.
    mirror: RefCell<BTreeMap<String, String>>,
    /// What this page last saw in localStorage for each entry key.
    known: RefCell<BTreeMap<String, String>>,
    queue: RefCell<VecDeque<Op>>,
    /// How many queued (or running) writes each key has.
    pending: RefCell<BTreeMap<String, usize>>,
    running: Cell<bool>,
    on_problem: RefCell<Option<Problem>>,
    listener: RefCell<Option<Listener>>,
}

impl std::fmt::Debug for SealedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealedStore")
    }
}

impl SealedStore {
    /// Reads and opens every entry in localStorage with `key`. An entry that
    /// does not open stays as its stored text (listed as unreadable, kept and
    /// downloadable); a plain entry (left from before the lock, or by a tab
    /// that had not seen it) is queued to be sealed at once.
    pub async fn open(storage: web_sys::Storage, key: Key) -> Rc<SealedStore> {
        let store = Rc::new(SealedStore {
            storage,
            key: RefCell::new(Some(key.clone())),
            forgotten: Cell::new(false),
            mirror: RefCell::new(BTreeMap::new()),
            known: RefCell::new(BTreeMap::new()),
            queue: RefCell::new(VecDeque::new()),
            pending: RefCell::new(BTreeMap::new()),
            running: Cell::new(false),
            on_problem: RefCell::new(None),
            listener: RefCell::new(None),
        });
        // A move that a closed tab stopped part-way is finished first.
        if let Some(raw) = store.storage.get_item(JOURNAL_KEY).ok().flatten() {
            if let Some(journal) = open_entry(&key, JOURNAL_KEY, &raw).await {
                let _ = moves::recover(&Backend::Local(store.storage.clone()), &journal);
            }
        }
        let mut to_seal = Vec::new();
        for storage_key in storage_keys(&store.storage) {
            if !is_entry_key(&storage_key) {
                continue;
            }
            let Ok(Some(raw)) = store.storage.get_item(&storage_key) else {
                continue;
            };
            let plain = if is_locked_entry(&raw) {
                open_entry(&key, &storage_key, &raw)
                    .await
                    .unwrap_or_else(|| raw.clone())
            } else {
                to_seal.push(storage_key.clone());
                raw.clone()
            };
            store.mirror.borrow_mut().insert(storage_key.clone(), plain);
            store.known.borrow_mut().insert(storage_key, raw);
        }
        for storage_key in to_seal {
            let plain = store.mirror.borrow().get(&storage_key).cloned();
            if let Some(plain) = plain {
                store.set(&storage_key, &plain);
            }
        }
        store.listen();
        store
    }

    /// Says what went wrong with a write the store had already accepted.
    pub fn on_problem(&self, problem: Problem) {
        *self.on_problem.borrow_mut() = Some(problem);
    }

    fn problem(&self, unsaved: Unsaved) {
        let problem = self.on_problem.borrow().clone();
        if let Some(problem) = problem {
            problem(unsaved);
        }
    }

    pub fn is_forgotten(&self) -> bool {
        self.forgotten.get()
    }

    /// Locks again: the plain text is forgotten at once; the key once the
    /// queue (which holds its own text) has written everything.
    pub fn forget(&self) {
        self.forgotten.set(true);
        self.mirror.borrow_mut().clear();
        if let Some(listener) = self.listener.borrow_mut().take() {
            if let Some(window) = web_sys::window() {
                let _ = window.remove_event_listener_with_callback(
                    "storage",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
        if !self.running.get() {
            *self.key.borrow_mut() = None;
        }
    }

    /// Whether every accepted write is in localStorage.
    pub fn is_idle(&self) -> bool {
        !self.running.get() && self.queue.borrow().is_empty()
    }

    pub fn key(&self) -> Option<Key> {
        self.key.borrow().clone()
    }

    pub fn get(&self, key: &str) -> Option<String> {
        self.mirror.borrow().get(key).cloned()
    }

    pub fn keys(&self) -> Vec<String> {
        self.mirror.borrow().keys().cloned().collect()
    }

    /// Changes the mirror and queues the write.
    pub fn set(self: &Rc<Self>, key: &str, plain: &str) {
        self.mirror
            .borrow_mut()
            .insert(key.to_owned(), plain.to_owned());
        self.push(Op::Set {
            key: key.to_owned(),
            plain: plain.to_owned(),
        });
    }

    /// Queues a move; resolves once all of it is in localStorage, or none
    /// of it is. The mirror changes only when it has landed.
    pub async fn run_move(self: &Rc<Self>, plain: Move) -> Result<(), SaveError> {
        if self.is_forgotten() {
            return Err(SaveError::Locked);
        }
        let (done, outcome) = oneshot::channel();
        self.push(Op::Move { plain, done });
        outcome.await.unwrap_or(Err(SaveError::Locked))
    }

    fn push(self: &Rc<Self>, op: Op) {
        for key in op.keys() {
            *self.pending.borrow_mut().entry(key).or_default() += 1;
        }
        self.queue.borrow_mut().push_back(op);
        if !self.running.get() {
            self.running.set(true);
            let store = Rc::clone(self);
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    let op = store.queue.borrow_mut().pop_front();
                    let Some(op) = op else { break };
                    let keys = op.keys();
                    let failed = store.apply(op).await;
                    for key in &keys {
                        store.done(key);
                    }
                    if let Some(Failed { error, changed }) = failed {
                        store.drop_queued(error);
                        // Another tab's newer text, now that nothing of
                        // ours is queued for it.
                        for key in changed {
                            store.refresh(&key).await;
                        }
                    }
                }
                store.running.set(false);
                if store.forgotten.get() {
                    *store.key.borrow_mut() = None;
                }
            });
        }
    }

    fn done(&self, key: &str) {
        let mut pending = self.pending.borrow_mut();
        if let Some(n) = pending.get_mut(key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                pending.remove(key);
            }
        }
    }

    /// A write failed: every write queued after it was made by someone who
    /// took it as done, so none of them is made (as a failed write in the
    /// plain store stops its caller); each is reported.
    fn drop_queued(&self, err: SaveError) {
        let dropped = std::mem::take(&mut *self.queue.borrow_mut());
        for op in dropped {
            for key in op.keys() {
                self.done(&key);
            }
            op.fail(self, err.clone());
        }
    }

    /// Makes one queued write; `Some` when it failed (the writes queued
    /// after it are then dropped).
    async fn apply(self: &Rc<Self>, op: Op) -> Option<Failed> {
        let (storage_key, plain) = match op {
            Op::Set { key, plain } => (key, plain),
            Op::Move { plain, done } => {
                let outcome = self.apply_move(&plain).await;
                let failed = outcome.as_ref().err().cloned();
                let _ = done.send(outcome.map_err(|failed| failed.error));
                return failed;
            }
        };
        let Some(key) = self.key() else {
            return Some(SaveError::Locked.into());
        };
        let text = match seal_entry(&key, &storage_key, &plain).await {
            Ok(text) => text,
            Err(reason) => {
                let err = SaveError::Browser { reason };
                self.problem(Unsaved {
                    key: storage_key,
                    error: err.clone(),
                    plain: Some(plain),
                });
                return Some(err.into());
            }
        };
        // From here to the write, nothing awaits: no other tab's write can
        // come between the check and the write.
        let current = self.storage.get_item(&storage_key).ok().flatten();
        let known = self.known.borrow().get(&storage_key).cloned();
        if current != known {
            let stored_revision = stored_revision(current.as_deref());
            let error = SaveError::Conflict { stored_revision };
            self.problem(Unsaved {
                key: storage_key.clone(),
                error: error.clone(),
                plain: Some(plain),
            });
            return Some(Failed {
                error,
                changed: vec![storage_key],
            });
        }
        match self.storage.set_item(&storage_key, &text) {
            Ok(()) => {
                self.known.borrow_mut().insert(storage_key, text);
                None
            }
            Err(err) => {
                let err = SaveError::from(refused(&err));
                self.problem(Unsaved {
                    key: storage_key,
                    error: err.clone(),
                    plain: Some(plain),
                });
                Some(err.into())
            }
        }
    }

    /// Seals a move's new texts and its journal, then makes it in one task,
    /// after checking that no other tab wrote any of its entries.
    async fn apply_move(self: &Rc<Self>, plain: &Move) -> Result<(), Failed> {
        let Some(key) = self.key() else {
            return Err(SaveError::Locked.into());
        };
        let mut steps = Vec::with_capacity(plain.steps.len());
        for step in &plain.steps {
            steps.push(match step {
                Step::Put {
                    key: to,
                    text,
                    unless_changed,
                } => Step::Put {
                    unless_changed: unless_changed.clone(),
                    key: to.clone(),
                    text: seal_entry(&key, to, text)
                        .await
                        .map_err(|reason| SaveError::from(BackendError::Other(reason)))?,
                },
                other => other.clone(),
            });
        }
        let sealed = Move { steps };
        let journal = seal_entry(&key, JOURNAL_KEY, &sealed.journal())
            .await
            .map_err(|reason| SaveError::from(BackendError::Other(reason)))?;
        let empty = seal_entry(&key, JOURNAL_KEY, &Move::default().journal())
            .await
            .map_err(|reason| SaveError::from(BackendError::Other(reason)))?;
        // From here to the last write, nothing awaits.
        let keys: Vec<String> = plain.keys().into_iter().map(str::to_owned).collect();
        let changed: Vec<String> = keys
            .iter()
            .filter(|k| {
                self.storage.get_item(k).ok().flatten() != self.known.borrow().get(*k).cloned()
            })
            .cloned()
            .collect();
        if let Some(first) = changed.first() {
            let stored_revision =
                stored_revision(self.storage.get_item(first).ok().flatten().as_deref());
            return Err(Failed {
                error: SaveError::Conflict { stored_revision },
                changed,
            });
        }
        let local = Backend::Local(self.storage.clone());
        moves::run(&local, &sealed, &journal, &empty).map_err(SaveError::from)?;
        for k in &keys {
            let mut known = self.known.borrow_mut();
            match self.storage.get_item(k).ok().flatten() {
                Some(text) => known.insert(k.clone(), text),
                None => known.remove(k),
            };
        }
        // The mirror follows (unless locked meanwhile): the same steps on
        // the plain text.
        if !self.forgotten.get() {
            let _ = moves::run(&self.mirror, plain, "", "");
            self.mirror.borrow_mut().remove(JOURNAL_KEY);
        }
        Ok(())
    }

    /// Whether localStorage still holds, under `key`, what this page last
    /// saw there: false when another tab wrote it, even if no storage
    /// event came (a page restored from the back/forward cache gets none).
    pub fn unchanged_behind(&self, key: &str) -> bool {
        self.storage.get_item(key).ok().flatten() == self.known.borrow().get(key).cloned()
    }

    /// Whether the lock record now stored is still the one this page's key
    /// was made for (another tab may have changed the passphrase or turned
    /// the lock off).
    pub fn key_is_current(&self) -> bool {
        let stored = self
            .storage
            .get_item(super::LOCK_KEY)
            .ok()
            .flatten()
            .and_then(|text| super::locked::decode_lock_record(&text).ok());
        match (stored, self.key()) {
            (Some(record), Some(key)) => record.key_id() == key.id,
            _ => false,
        }
    }

    /// Reads again every entry that changed in localStorage behind this
    /// page's back; true if any did.
    pub async fn resync(self: &Rc<Self>) -> bool {
        let mut keys: std::collections::BTreeSet<String> = storage_keys(&self.storage)
            .into_iter()
            .filter(|key| is_entry_key(key))
            .collect();
        keys.extend(self.known.borrow().keys().cloned());
        let changed: Vec<String> = keys
            .into_iter()
            .filter(|key| !self.unchanged_behind(key))
            .collect();
        for key in &changed {
            self.refresh(key).await;
        }
        !changed.is_empty()
    }

    /// Reads what localStorage holds for `storage_key` into the mirror,
    /// unless a write of ours to it is queued.
    async fn refresh(self: &Rc<Self>, storage_key: &str) {
        let Some(key) = self.key() else { return };
        let raw = self.storage.get_item(storage_key).ok().flatten();
        let plain = match &raw {
            Some(raw) if is_locked_entry(raw) => Some(
                open_entry(&key, storage_key, raw)
                    .await
                    .unwrap_or_else(|| raw.clone()),
            ),
            other => other.clone(),
        };
        let still = self.storage.get_item(storage_key).ok().flatten() == raw;
        if self.forgotten.get() || !still || self.pending.borrow().contains_key(storage_key) {
            return;
        }
        match (raw, plain) {
            (Some(raw), Some(plain)) => {
                let needs_sealing = !is_locked_entry(&raw);
                self.mirror
                    .borrow_mut()
                    .insert(storage_key.to_owned(), plain.clone());
                self.known.borrow_mut().insert(storage_key.to_owned(), raw);
                // A tab that had not yet seen the lock wrote it plain.
                if needs_sealing {
                    self.set(storage_key, &plain);
                }
            }
            _ => {
                self.mirror.borrow_mut().remove(storage_key);
                self.known.borrow_mut().remove(storage_key);
            }
        }
    }

    fn listen(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let listener =
            Closure::<dyn FnMut(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                let Some(store) = weak.upgrade() else { return };
                let Some(key) = ev.key() else { return };
                if !is_entry_key(&key) || store.forgotten.get() {
                    return;
                }
                if store.pending.borrow().contains_key(&key)
                    || store.known.borrow().get(&key) == ev.new_value().as_ref()
                {
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    store.refresh(&key).await;
                });
            });
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
        }
        *self.listener.borrow_mut() = Some(listener);
    }
}

/// Every key in localStorage.
pub fn storage_keys(storage: &web_sys::Storage) -> Vec<String> {
    let n_keys = storage.length().unwrap_or(0);
    (0..n_keys)
        .filter_map(|idx| storage.key(idx).ok().flatten())
        .collect()
}
