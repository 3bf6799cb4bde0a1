//! Where entries live: localStorage in a browser, or memory (tests, and a
//! browser that will not store anything). The only code that calls the
//! browser's storage.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::errors::{Availability, LoadError, SaveError};
use super::moves::{self, Entries, Move};
#[cfg(target_arch = "wasm32")]
use super::PROBE_KEY;

/// A fresh random token: for each write (`conflict`) and each deleted copy.
#[cfg(target_arch = "wasm32")]
pub(super) fn new_token() -> String {
    web_sys::window()
        .and_then(|window| window.crypto().ok())
        .map(|crypto| crypto.random_uuid())
        // No crypto: the time and a counter still differ from any other write here.
        .unwrap_or_else(|| format!("t{}-{}", js_sys::Date::now(), next_count()))
}

/// Outside a browser (tests): a counter, unique within the process.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn new_token() -> String {
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

/// Where entries live.
#[derive(Debug, Clone)]
pub(super) enum Backend {
    #[cfg(target_arch = "wasm32")]
    Local(web_sys::Storage),
    /// Locked with a passphrase, and unlocked in this page (`sealed.rs`).
    #[cfg(target_arch = "wasm32")]
    Sealed(Rc<super::sealed::SealedStore>),
    Memory(Rc<RefCell<MemoryStore>>),
}

/// Why the browser refused a storage operation.
#[derive(Debug, Clone, PartialEq)]
// Only the localStorage backend meets `Unavailable` and `Other`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(super) enum BackendError {
    Quota,
    Unavailable,
    /// The drafts were locked again: the key and the plain text are gone.
    Locked,
    /// An entry a move copies or removes is no longer there (another tab,
    /// or a second click, moved it since).
    Gone(String),
    Other(String),
}

impl From<BackendError> for SaveError {
    fn from(err: BackendError) -> SaveError {
        match err {
            BackendError::Quota => SaveError::QuotaExceeded,
            BackendError::Unavailable => SaveError::Unavailable,
            BackendError::Locked => SaveError::Locked,
            BackendError::Gone(key) => SaveError::NotFound { id: key },
            BackendError::Other(reason) => SaveError::Browser { reason },
        }
    }
}

impl From<BackendError> for LoadError {
    fn from(err: BackendError) -> LoadError {
        match err {
            BackendError::Locked => LoadError::Locked,
            _ => LoadError::Unavailable,
        }
    }
}

#[derive(Debug)]
pub(super) struct MemoryStore {
    pub(super) entries: BTreeMap<String, String>,
    pub(super) capacity_bytes: Option<usize>,
    /// For tests of moves: the write (counting from 0) that fails, and the
    /// one from which every write is lost, as when the tab closes.
    pub(super) fail_at: Option<usize>,
    pub(super) stop_at: Option<usize>,
    pub(super) writes: usize,
}

impl MemoryStore {
    fn fault(&mut self) -> Result<(), BackendError> {
        let n = self.writes;
        self.writes += 1;
        if self.fail_at == Some(n) || self.stop_at.is_some_and(|stop| n >= stop) {
            return Err(BackendError::Quota);
        }
        Ok(())
    }
}

impl Backend {
    /// An empty in-memory store; `capacity_bytes`, when given, makes writes
    /// fail with a full store beyond that many bytes of keys and values.
    pub(super) fn memory(capacity_bytes: Option<usize>) -> Backend {
        Backend::Memory(Rc::new(RefCell::new(MemoryStore {
            entries: BTreeMap::new(),
            capacity_bytes,
            fail_at: None,
            stop_at: None,
            writes: 0,
        })))
    }

    pub(super) fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage.get_item(key).map_err(|_| BackendError::Unavailable),
            #[cfg(target_arch = "wasm32")]
            Backend::Sealed(sealed) => {
                if sealed.is_forgotten() {
                    return Err(BackendError::Locked);
                }
                Ok(sealed.get(key))
            }
            Backend::Memory(memory) => Ok(memory.borrow().entries.get(key).cloned()),
        }
    }

    pub(super) fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage.set_item(key, value).map_err(|err| {
                if browser::is_quota_error(&err) {
                    BackendError::Quota
                } else {
                    BackendError::Other(browser::describe(&err))
                }
            }),
            #[cfg(target_arch = "wasm32")]
            Backend::Sealed(sealed) => {
                if sealed.is_forgotten() {
                    return Err(BackendError::Locked);
                }
                sealed.set(key, value);
                Ok(())
            }
            Backend::Memory(memory) => {
                let mut memory = memory.borrow_mut();
                memory.fault()?;
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

    pub(super) fn remove(&self, key: &str) -> Result<(), BackendError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Local(storage) => storage
                .remove_item(key)
                .map_err(|err| BackendError::Other(browser::describe(&err))),
            #[cfg(target_arch = "wasm32")]
            // The locked store removes entries only within a move, which
            // it makes itself (`run_move`).
            Backend::Sealed(_) => Err(BackendError::Other(format!(
                "{key} can only be removed as part of a move"
            ))),
            Backend::Memory(memory) => {
                let mut memory = memory.borrow_mut();
                memory.fault()?;
                memory.entries.remove(key);
                Ok(())
            }
        }
    }

    pub(super) fn keys(&self) -> Result<Vec<String>, BackendError> {
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
            #[cfg(target_arch = "wasm32")]
            Backend::Sealed(sealed) => {
                if sealed.is_forgotten() {
                    return Err(BackendError::Locked);
                }
                Ok(sealed.keys())
            }
            Backend::Memory(memory) => Ok(memory.borrow().entries.keys().cloned().collect()),
        }
    }
}

impl Backend {
    /// Runs a move (`moves.rs`): all of its writes land, or none do. The
    /// locked store seals it first, so it lands later; the others at once.
    pub(super) async fn run_move(&self, mv: Move) -> Result<(), SaveError> {
        match self {
            #[cfg(target_arch = "wasm32")]
            Backend::Sealed(sealed) => sealed.run_move(mv).await,
            _ => Ok(moves::run(
                self,
                &mv,
                &mv.journal(),
                &Move::default().journal(),
            )?),
        }
    }

    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    /// Finishes a move that a closed tab or a crash stopped part-way, if its
    /// journal is here and plain (a locked one is finished at unlock).
    pub(super) fn finish_move(&self) {
        if let Ok(Some(journal)) = self.get(moves::JOURNAL_KEY) {
            if !super::locked::is_locked_entry(&journal) {
                let _ = moves::recover(self, &journal);
            }
        }
    }
}

/// The plain backends, as a move sees them.
impl Entries for Backend {
    fn read(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.get(key)
    }
    fn write(&self, key: &str, text: &str) -> Result<(), BackendError> {
        self.set(key, text)
    }
    fn erase(&self, key: &str) -> Result<(), BackendError> {
        self.remove(key)
    }
}

/// The calls into the browser, wasm32 only.
#[cfg(target_arch = "wasm32")]
pub(super) mod browser {
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
