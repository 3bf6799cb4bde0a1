//! Temporary draft persistence until the storage module lands.

use gloo_storage::{LocalStorage, Storage};

use crate::domain::Draft;

const PREFIX: &str = "caf.draft.";

/// Every stored draft that reads.
pub fn list() -> Vec<Draft> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    let n = storage.length().unwrap_or(0);
    let mut acc = Vec::new();
    for i in 0..n {
        if let Ok(Some(key)) = storage.key(i) {
            if let Some(id) = key.strip_prefix(PREFIX) {
                if let Ok(draft) = LocalStorage::get::<Draft>(format!("{PREFIX}{id}")) {
                    acc.push(draft);
                }
            }
        }
    }
    acc
}

/// Stores a draft.
pub fn save(draft: &Draft) -> Result<(), String> {
    LocalStorage::set(format!("{PREFIX}{}", draft.id), draft).map_err(|e| e.to_string())
}
