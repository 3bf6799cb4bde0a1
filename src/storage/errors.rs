//! Why a storage operation failed, and whether the browser lets the app
//! store anything at all: the words every page shows.

use std::fmt;

use super::format::StoredError;

/// The words shown when a save fails because storage is full. The open
/// draft shows a "Download this draft now" button beside it.
pub const QUOTA_MESSAGE: &str =
    "Not saved: this browser's storage is full. Download this draft now, then delete old drafts.";

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

/// Why a draft could not be read from storage.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The browser refused to read storage.
    Unavailable,
    /// The drafts were locked again before this could be read.
    Locked,
    /// The stored entry could not be read; it is kept as it is under `key`.
    Unreadable { key: String, reason: StoredError },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unavailable => {
                f.write_str("Could not open drafts: this browser is not letting CAF Lite read its storage.")
            }
            LoadError::Locked => f.write_str("The drafts are locked. Unlock them to carry on."),
            LoadError::Unreadable { reason, .. } => write!(
                f,
                "Could not open this draft: {reason}. It has been kept exactly as it was; you can download the stored data."
            ),
        }
    }
}

impl std::error::Error for LoadError {}

/// A save the locked store had accepted but could not store: the entry,
/// why, and its plain text, so that it can still be downloaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsaved {
    pub key: String,
    pub error: SaveError,
    pub plain: Option<String>,
}

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
    /// The drafts were locked again before this was stored.
    Locked,
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
            SaveError::Locked => f.write_str(
                "Not saved: the drafts were locked before this change was stored. Unlock them to carry on.",
            ),
            SaveError::NoId => f.write_str("Not saved: this draft has no identity."),
            SaveError::Browser { reason } => write!(
                f,
                "Not saved: the browser refused ({reason}). Download this draft now to keep your work."
            ),
        }
    }
}

impl std::error::Error for SaveError {}
