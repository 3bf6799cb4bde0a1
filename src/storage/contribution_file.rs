//! The files of a contribution (caf-form.md §5b, CONTRIBUTION-FORMAT.md),
//! pure: the sealed envelope of a request file and of a contribution file,
//! the plain JSON inside them, what kind of file was chosen (read without
//! opening it), and the partner's held request in localStorage. The
//! encryption itself is `storage::crypto` (wasm32 only), exactly as for a
//! locked draft file.
//!
//! Both envelopes have the shape of a locked draft file (LOCKED-FORMAT.md:
//! `kdf`, `iterations`, `salt`, `nonce`, `ciphertext`) under a `format` of
//! their own, [`SEALED_REQUEST_FORMAT`] and [`SEALED_CONTRIBUTION_FORMAT`]:
//! named apart from the plain formats inside them (`domain::contribution::
//! REQUEST_FORMAT`, `CONTRIBUTION_FORMAT`) so that a file's kind is known
//! from its `format` alone. The contribution is sealed with the request's
//! passphrase, salt and iterations (the key the partner's page holds) and a
//! fresh nonce.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::fmt;

use super::backend::Backend;
use super::format::FORMAT_NAME as DRAFT_FILE_FORMAT;
use super::locked::{
    self, base64_encode, bytes_field, check_format_and_version_at, damaged, nonce_from,
    number_field, text_field, LockedError, LockedFile, Sealed,
};
use super::SaveError;
use crate::domain::contribution::{
    Answers, Contribution, Request, CONTRIBUTION_FORMAT, CONTRIBUTION_VERSION, REQUEST_FORMAT,
};
use crate::domain::Date;

/// `format` of a request file's envelope.
pub const SEALED_REQUEST_FORMAT: &str = "caf-lite.sealed-request";
/// `format` of a contribution file's envelope.
pub const SEALED_CONTRIBUTION_FORMAT: &str = "caf-lite.sealed-contribution";
/// The associated data of a request file's ciphertext.
pub const REQUEST_ASSOCIATED_DATA: &str = "caf-lite.sealed-request 1";
/// The associated data of a contribution file's ciphertext.
pub const CONTRIBUTION_ASSOCIATED_DATA: &str = "caf-lite.sealed-contribution 1";

/// The longest text a request or contribution may hold in any one answer.
/// Well above anything the app writes (the partner's answers stop at
/// `domain::contribution::MAX_ANSWER_CHARS`; a plan's text is kept as
/// typed), so a file the app made is never refused as damaged.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// The most items any list in a request or contribution may hold (a plan
/// holds far fewer actions).
pub const MAX_LIST_ITEMS: usize = 500;
/// The largest plain text read, in bytes.
pub const MAX_PLAIN_BYTES: usize = 8_000_000;
/// The largest sealed file read at all, in bytes: checked before it is
/// parsed, decoded or decrypted.
pub const MAX_FILE_BYTES: usize = 12_000_000;

/// What a chosen file is, from its `format` alone (sealed or plain).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Request,
    Contribution,
    DraftFile,
    LockedDraftFile,
    Other,
}

/// The kind of a file from its bytes, without opening it.
pub fn file_kind(bytes: &[u8]) -> FileKind {
    let format = serde_json::from_slice::<Value>(bytes)
        .ok()
        .and_then(|root| root.get("format")?.as_str().map(str::to_owned));
    match format.as_deref() {
        Some(SEALED_REQUEST_FORMAT) => FileKind::Request,
        Some(SEALED_CONTRIBUTION_FORMAT) => FileKind::Contribution,
        // Never written by the app: the plain text is only ever sealed.
        Some(REQUEST_FORMAT | CONTRIBUTION_FORMAT) => FileKind::Other,
        Some(DRAFT_FILE_FORMAT) => FileKind::DraftFile,
        Some(locked::FILE_FORMAT) => FileKind::LockedDraftFile,
        _ => FileKind::Other,
    }
}

impl FileKind {
    /// Why a file of this kind is not a contribution (the lead's import);
    /// `None` when it is one.
    pub fn not_a_contribution(self) -> Option<&'static str> {
        match self {
            FileKind::Contribution => None,
            FileKind::Request => Some("This is the request you sent, not the answers. Choose the contribution file (it ends .caf-contribution) that came back."),
            FileKind::DraftFile | FileKind::LockedDraftFile => Some("This is a draft file, not a contribution. Draft files are imported on the drafts page."),
            FileKind::Other => Some("This is not a contribution file. Choose the file that ends .caf-contribution."),
        }
    }

    /// Why a file of this kind is not a request (the partner's side);
    /// `None` when it is one.
    pub fn not_a_request(self) -> Option<&'static str> {
        match self {
            FileKind::Request => None,
            FileKind::Contribution => Some("This is a contribution file (the answers), not a request. It goes back to the lead professional, who imports it."),
            FileKind::DraftFile | FileKind::LockedDraftFile => Some("This is a draft file, not a contribution request. Draft files are imported on the drafts page."),
            FileKind::Other => Some("This is not a contribution request. Choose the file that ends .caf-request."),
        }
    }
}

/// The text of a request file.
pub fn encode_request_file(file: &LockedFile) -> String {
    locked::encode_envelope(SEALED_REQUEST_FORMAT, file)
}

/// The text of a contribution file.
pub fn encode_contribution_file(file: &LockedFile) -> String {
    locked::encode_envelope(SEALED_CONTRIBUTION_FORMAT, file)
}

/// Reads a request file's envelope (a newer `version` is
/// [`LockedError::NewerVersion`]).
pub fn decode_request_file(bytes: &[u8]) -> Result<LockedFile, LockedError> {
    check_file_size(bytes)?;
    locked::decode_envelope(bytes, SEALED_REQUEST_FORMAT)
}

fn check_file_size(bytes: &[u8]) -> Result<(), LockedError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LockedError::Damaged {
            reason: format!("it is {} bytes, more than any CAF Lite makes", bytes.len()),
        });
    }
    Ok(())
}

/// Reads a contribution file's envelope.
pub fn decode_contribution_file(bytes: &[u8]) -> Result<LockedFile, LockedError> {
    check_file_size(bytes)?;
    locked::decode_envelope(bytes, SEALED_CONTRIBUTION_FORMAT)
}

/// The contribution file's envelope: the request's salt and iterations
/// (the same key) around the answers sealed with a fresh nonce.
pub fn contribution_envelope(request_file: &LockedFile, sealed: Sealed) -> LockedFile {
    LockedFile {
        iterations: request_file.iterations,
        salt: request_file.salt.clone(),
        sealed,
    }
}

/// Why a request's or contribution's plain text is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContributionError {
    /// Not JSON, the wrong shape, or more than any page would write.
    Damaged { reason: String },
    /// Made by a newer version of CAF Lite.
    NewerVersion { found: u64 },
    /// Another kind of file than the one expected.
    WrongKind { expected: FileKind, found: FileKind },
}

impl ContributionError {
    /// The reason, in plain words, for the page.
    pub fn words(&self) -> String {
        match self {
            ContributionError::Damaged { .. } => {
                "This file is damaged: it opened, but what is inside is not what CAF Lite writes. Ask for it to be saved and sent again.".to_owned()
            }
            ContributionError::NewerVersion { found } => format!(
                "This file was made by a newer version of CAF Lite (version {found}; this app reads up to {CONTRIBUTION_VERSION}). Reload the page to get the latest version, then try again."
            ),
            ContributionError::WrongKind { expected, found } => {
                let words = match expected {
                    FileKind::Request => found.not_a_request(),
                    _ => found.not_a_contribution(),
                };
                words.unwrap_or("This is not the kind of file expected here.").to_owned()
            }
        }
    }
}

impl fmt::Display for ContributionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContributionError::Damaged { reason } => write!(f, "damaged ({reason})"),
            _ => f.write_str(&self.words()),
        }
    }
}

impl std::error::Error for ContributionError {}

fn plain_damaged(reason: impl Into<String>) -> ContributionError {
    ContributionError::Damaged {
        reason: reason.into(),
    }
}

/// Checks the `format` and `version` of plain JSON, and that nothing in it
/// is longer than any page would write.
fn check_plain(text: &str, expected: FileKind, format: &str) -> Result<Value, ContributionError> {
    if text.len() > MAX_PLAIN_BYTES {
        return Err(plain_damaged("it is too large"));
    }
    let root: Value = serde_json::from_str(text).map_err(|_| plain_damaged("it is not JSON"))?;
    let found = root.get("format").and_then(Value::as_str);
    if found != Some(format) {
        return Err(match found {
            Some(REQUEST_FORMAT) => ContributionError::WrongKind {
                expected,
                found: FileKind::Request,
            },
            Some(CONTRIBUTION_FORMAT) => ContributionError::WrongKind {
                expected,
                found: FileKind::Contribution,
            },
            _ => plain_damaged(format!("its format is not {format}")),
        });
    }
    match root.get("version").and_then(Value::as_u64) {
        Some(CONTRIBUTION_VERSION) => {}
        Some(found) if found > CONTRIBUTION_VERSION => {
            return Err(ContributionError::NewerVersion { found })
        }
        _ => {
            return Err(plain_damaged(
                "its version is missing or not one CAF Lite wrote",
            ))
        }
    }
    within_limits(&root)?;
    Ok(root)
}

fn within_limits(value: &Value) -> Result<(), ContributionError> {
    match value {
        Value::String(text) if text.chars().count() > MAX_TEXT_CHARS => Err(plain_damaged(
            format!("a text is longer than {MAX_TEXT_CHARS} characters"),
        )),
        Value::Array(items) if items.len() > MAX_LIST_ITEMS => Err(plain_damaged(format!(
            "a list has more than {MAX_LIST_ITEMS} items"
        ))),
        Value::Array(items) => items.iter().try_for_each(within_limits),
        Value::Object(fields) if fields.len() > MAX_LIST_ITEMS => {
            Err(plain_damaged("an object has too many keys"))
        }
        Value::Object(fields) => fields.values().try_for_each(within_limits),
        _ => Ok(()),
    }
}

fn ids_present(caf_id: &str, request_id: &str, number: u64) -> Result<(), ContributionError> {
    if caf_id.trim().is_empty() || request_id.trim().is_empty() || number == 0 {
        return Err(plain_damaged("its CAF id, request id or number is missing"));
    }
    Ok(())
}

/// Reads a request's plain text (what opening a request file gives).
pub fn decode_request(text: &str) -> Result<Request, ContributionError> {
    let root = check_plain(text, FileKind::Request, REQUEST_FORMAT)?;
    let request: Request =
        serde_json::from_value(root).map_err(|err| plain_damaged(err.to_string()))?;
    ids_present(&request.caf_id, &request.request_id, request.number)?;
    Ok(request)
}

/// Reads a contribution's plain text.
pub fn decode_contribution(text: &str) -> Result<Contribution, ContributionError> {
    let root = check_plain(text, FileKind::Contribution, CONTRIBUTION_FORMAT)?;
    let contribution: Contribution =
        serde_json::from_value(root).map_err(|err| plain_damaged(err.to_string()))?;
    ids_present(
        &contribution.caf_id,
        &contribution.request_id,
        contribution.number,
    )?;
    Ok(contribution)
}

/// A request's plain text, sealed into its file.
pub fn encode_request(request: &Request) -> String {
    serde_json::to_string(request).unwrap_or_default()
}

/// A contribution's plain text, sealed into its file.
pub fn encode_contribution(contribution: &Contribution) -> String {
    serde_json::to_string(contribution).unwrap_or_default()
}

/// Prefix of the key of each held request: `caf.contribution.<request id>`.
pub const HELD_KEY_PREFIX: &str = "caf.contribution.";
/// `format` of a held request.
pub const HELD_FORMAT: &str = "caf-lite.held-request";
/// The version of the held request this app writes and reads.
pub const HELD_VERSION: u64 = 1;
/// How many days a request is held after it was first opened.
pub const HELD_DAYS: i64 = 30;

/// The key of the held request with this (random) id.
pub fn held_key(request_id: &str) -> String {
    format!("{HELD_KEY_PREFIX}{request_id}")
}

/// The request id of a held request's key.
pub fn held_request_id(key: &str) -> Option<&str> {
    key.strip_prefix(HELD_KEY_PREFIX)
        .filter(|id| !id.is_empty())
}

/// A request held on the partner's device while they answer it. Only the
/// doc id, the number and the expiry are in the clear; the request stays in
/// its sealed file, the answers are sealed with the request's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldRequest {
    pub doc_id: String,
    pub number: u64,
    /// `yyyy-mm-dd`: [`HELD_DAYS`] after it was first opened here.
    pub expires: String,
    /// The request file's envelope, as it came.
    pub file: LockedFile,
    /// [`HeldAnswers`] sealed under the request's key with
    /// [`held_answers_associated_data`]; `None` until first saved.
    pub answers: Option<Sealed>,
}

/// What a held request's `answers` hold, sealed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeldAnswers {
    pub answers: Answers,
    /// `Answers::digest` when the contribution file was last saved, `""`
    /// before: "changed since the last file".
    pub saved_digest: String,
}

impl HeldAnswers {
    /// Whether the answers changed since the contribution file was saved.
    pub fn unsaved(&self) -> bool {
        self.answers.digest() != self.saved_digest && !self.answers.is_empty()
    }
}

/// The associated data of a held request's answers: bound to its id.
pub fn held_answers_associated_data(request_id: &str) -> Vec<u8> {
    format!("caf-lite.held-answers 1\n{request_id}").into_bytes()
}

/// The expiry of a request first opened on `first_opened`.
pub fn expires_on(first_opened: Date) -> String {
    first_opened.add_days(HELD_DAYS).iso()
}

/// Whether a held request is past its expiry (or its expiry cannot be
/// read): removed when CAF Lite opens.
pub fn is_expired(expires: &str, today: Date) -> bool {
    // A day further off than a request is ever kept (a clock that was
    // wrong when it was first opened) counts as expired too.
    Date::parse_iso(expires).is_none_or(|day| today > day || day > today.add_days(HELD_DAYS))
}

/// The stored text of a held request.
pub fn encode_held(held: &HeldRequest) -> String {
    let file: Value = serde_json::from_str(&encode_request_file(&held.file)).unwrap_or_default();
    let mut root = json!({
        "format": HELD_FORMAT,
        "version": HELD_VERSION,
        "doc_id": held.doc_id,
        "number": held.number,
        "expires": held.expires,
        "file": file,
    });
    if let (Some(sealed), Some(fields)) = (&held.answers, root.as_object_mut()) {
        fields.insert("answers_nonce".into(), base64_encode(&sealed.nonce).into());
        fields.insert("answers".into(), base64_encode(&sealed.ciphertext).into());
    }
    root.to_string()
}

/// Reads a held request (a newer version is
/// [`LockedError::NewerVersion`]).
pub fn decode_held(text: &str) -> Result<HeldRequest, LockedError> {
    let root: Value = serde_json::from_str(text).map_err(|_| damaged("it is not JSON"))?;
    let fields = check_format_and_version_at(&root, HELD_FORMAT, HELD_VERSION)?;
    let file = fields
        .get("file")
        .ok_or_else(|| damaged("its file is missing"))?;
    let answers = match fields.get("answers") {
        None => None,
        Some(_) => Some(Sealed {
            nonce: nonce_from(text_field(fields, "answers_nonce")?)?,
            ciphertext: bytes_field(fields, "answers")?,
        }),
    };
    Ok(HeldRequest {
        doc_id: text_field(fields, "doc_id")?.to_owned(),
        number: number_field(fields, "number")?,
        expires: text_field(fields, "expires")?.to_owned(),
        file: locked::envelope_from_value(file, SEALED_REQUEST_FORMAT)?,
        answers,
    })
}

/// The held requests on this device: straight in localStorage (in memory
/// when the browser stores nothing), never through the drafts' store, so
/// they are kept the same whether or not the drafts are locked, and never
/// sealed with the drafts' key (each is sealed with its request's).
pub struct HeldStore {
    backend: Backend,
}

/// A held request as stored, or why it cannot be read.
pub type HeldEntry = (String, Result<HeldRequest, LockedError>);

impl HeldStore {
    /// localStorage if the browser has it, otherwise memory.
    pub fn open() -> HeldStore {
        #[cfg(target_arch = "wasm32")]
        if let Some(storage) = super::backend::browser::local_storage() {
            return HeldStore {
                backend: Backend::Local(storage),
            };
        }
        HeldStore::in_memory()
    }

    pub fn in_memory() -> HeldStore {
        HeldStore {
            backend: Backend::memory(None),
        }
    }

    /// Every held request by request id, in key order.
    pub fn list(&self) -> Vec<HeldEntry> {
        let mut keys = self.backend.keys().unwrap_or_default();
        keys.sort();
        keys.iter()
            .filter_map(|key| {
                Some((
                    held_request_id(key)?.to_owned(),
                    self.get(held_request_id(key)?)?,
                ))
            })
            .collect()
    }

    /// The held request with this id, if any.
    pub fn get(&self, request_id: &str) -> Option<Result<HeldRequest, LockedError>> {
        let text = self.backend.get(&held_key(request_id)).ok()??;
        Some(decode_held(&text))
    }

    pub fn save(&self, request_id: &str, held: &HeldRequest) -> Result<(), SaveError> {
        Ok(self
            .backend
            .set(&held_key(request_id), &encode_held(held))?)
    }

    /// Removes every trace of the request on this device.
    pub fn remove(&self, request_id: &str) -> Result<(), SaveError> {
        Ok(self.backend.remove(&held_key(request_id))?)
    }

    /// Removes what has expired, and what cannot be read at all (it could
    /// hold a child's details and would never be listed); one written by a
    /// newer version is left to it. How many were removed.
    pub fn remove_expired(&self, today: Date) -> usize {
        self.list()
            .into_iter()
            .filter(|(_, held)| match held {
                Ok(held) => is_expired(&held.expires, today),
                Err(LockedError::NewerVersion { .. }) => false,
                Err(_) => true,
            })
            .filter(|(id, _)| self.remove(id).is_ok())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> LockedFile {
        LockedFile {
            iterations: locked::PBKDF2_ITERATIONS,
            salt: vec![7; locked::SALT_BYTES],
            sealed: Sealed {
                nonce: vec![1; locked::NONCE_BYTES],
                ciphertext: vec![9; 40],
            },
        }
    }

    #[test]
    fn envelopes_round_trip_and_are_told_apart() {
        let request = encode_request_file(&file());
        assert_eq!(decode_request_file(request.as_bytes()), Ok(file()));
        assert_eq!(file_kind(request.as_bytes()), FileKind::Request);
        assert!(decode_contribution_file(request.as_bytes()).is_err());
        let contribution = encode_contribution_file(&file());
        assert_eq!(file_kind(contribution.as_bytes()), FileKind::Contribution);
        assert_eq!(
            decode_contribution_file(contribution.as_bytes()),
            Ok(file())
        );
        let newer = contribution.replace("\"version\": 1", "\"version\": 2");
        assert_eq!(
            decode_contribution_file(newer.as_bytes()),
            Err(LockedError::NewerVersion { found: 2 })
        );
        assert_eq!(file_kind(b"not json"), FileKind::Other);
    }

    #[test]
    fn a_held_request_round_trips_with_and_without_answers() {
        let mut held = HeldRequest {
            doc_id: "3f2a9c1e".into(),
            number: 2,
            expires: "2026-12-23".into(),
            file: file(),
            answers: None,
        };
        assert_eq!(decode_held(&encode_held(&held)), Ok(held.clone()));
        held.answers = Some(Sealed {
            nonce: vec![3; locked::NONCE_BYTES],
            ciphertext: vec![4; 33],
        });
        let text = encode_held(&held);
        assert_eq!(decode_held(&text), Ok(held));
        let newer = text.replace("\"version\":1", "\"version\":2");
        assert!(matches!(
            decode_held(&newer),
            Err(LockedError::NewerVersion { found: 2 })
        ));
    }

    #[test]
    fn the_held_store_removes_what_expired_or_cannot_be_read() {
        let store = HeldStore::in_memory();
        let day = Date::new(2026, 11, 23).expect("a day");
        let held = |expires: String| HeldRequest {
            doc_id: "3f2a9c1e".into(),
            number: 1,
            expires,
            file: file(),
            answers: None,
        };
        store
            .save("old", &held(expires_on(day.add_days(-31))))
            .expect("saved");
        store.save("new", &held(expires_on(day))).expect("saved");
        store
            .backend
            .set(&held_key("bad"), "not json")
            .expect("set");
        let newer = encode_held(&held(expires_on(day.add_days(-40))))
            .replace("\"version\":1", "\"version\":9");
        store.backend.set(&held_key("newer"), &newer).expect("set");
        store.backend.set("caf.draft.x", "{}").expect("set");
        assert_eq!(store.list().len(), 4);
        assert_eq!(store.remove_expired(day), 2);
        let left: Vec<String> = store.list().into_iter().map(|(id, _)| id).collect();
        assert_eq!(left, ["new", "newer"]);
        assert_eq!(store.get("new"), Some(Ok(held(expires_on(day)))));
        store.remove("new").expect("removed");
        assert_eq!(store.get("new"), None);
        assert_eq!(
            store.backend.get("caf.draft.x").ok().flatten().as_deref(),
            Some("{}")
        );
    }

    #[test]
    fn expiry_is_thirty_days_and_an_unreadable_one_has_expired() {
        let day = Date::new(2026, 11, 23).expect("a day");
        let expires = expires_on(day);
        assert_eq!(expires, "2026-12-23");
        assert!(!is_expired(&expires, day.add_days(30)));
        assert!(is_expired(&expires, day.add_days(31)));
        assert!(is_expired("soon", day));
        assert_eq!(held_request_id(&held_key("r1")), Some("r1"));
        assert_eq!(held_request_id("caf.draft.x"), None);
    }
}
