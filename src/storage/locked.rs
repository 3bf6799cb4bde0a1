//! The locked storage format (pure): the lock record that says a passphrase
//! is set, and the envelope each locked entry is stored in. The encryption
//! itself is the browser's WebCrypto (`storage::crypto`, wasm32 only); this
//! module only encodes, decodes and checks what is stored around it, so all
//! of it is tested natively. `LOCKED-FORMAT.md` describes both formats.
//!
//! Key derivation: PBKDF2-HMAC-SHA-256, [`PBKDF2_ITERATIONS`] iterations (the
//! OWASP figure), a random 16-byte salt per device, giving an AES-256-GCM key.
//! PBKDF2 rather than Argon2id because WebCrypto has it natively: no crate,
//! nothing added to the first load, native speed; Argon2id would need a wasm
//! implementation (bundle weight, 19 MiB of memory, and slower than native).
//! Each write is AES-256-GCM with a fresh random 12-byte nonce; the
//! associated data ([`entry_associated_data`]) binds the draft's id and the
//! clear revision and write token, so an entry cannot be moved to another
//! draft's key, nor its clear fields changed, without failing to open.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// `format` of the lock record.
pub const LOCK_FORMAT: &str = "caf-lite.lock";
/// `format` of a locked entry.
pub const ENTRY_FORMAT: &str = "caf-lite.locked";
/// The version this app writes and reads, for both.
pub const LOCKED_VERSION: u64 = 1;
/// The only key derivation this version knows.
pub const KDF_NAME: &str = "PBKDF2-HMAC-SHA-256";
/// OWASP's figure for PBKDF2-HMAC-SHA-256 (2023).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// The fewest iterations a lock record may name: a hand-made record with
/// fewer is refused rather than used.
pub const MIN_ITERATIONS: u32 = 600_000;
/// The most iterations a lock record or a locked file may name: five times
/// this version's own. A record or file naming more is refused as damaged
/// rather than used, since deriving a key for it could keep "Opening the
/// file…" or the unlock page busy for minutes (WebCrypto cannot be asked to
/// stop a derivation once started; `u32::MAX` iterations is tens of
/// minutes). A later version that raises [`PBKDF2_ITERATIONS`] past this
/// raises the cap with it.
pub const MAX_ITERATIONS: u32 = 5 * PBKDF2_ITERATIONS;
pub const SALT_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;
/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// What the verifier encrypts: a passphrase is right when this comes back.
pub const VERIFIER_TEXT: &str = "CAF Lite: this passphrase opens the drafts on this device";
/// The verifier's associated data.
pub const VERIFIER_ASSOCIATED_DATA: &str = "caf-lite.lock verifier 1";

/// Why a lock record or a locked entry cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockedError {
    /// Not JSON, or not the shape this version writes; `reason` says how.
    Damaged { reason: String },
    /// Written by a newer version of CAF Lite.
    NewerVersion { found: u64 },
    /// A key derivation this version does not know, or too weak a one.
    UnknownKdf { reason: String },
}

impl fmt::Display for LockedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockedError::Damaged { reason } => write!(f, "the locked data is damaged ({reason})"),
            LockedError::NewerVersion { found } => write!(
                f,
                "it was locked by a newer version of CAF Lite (locked format version {found}); reload the page to get the latest version"
            ),
            LockedError::UnknownKdf { reason } => {
                write!(f, "it was locked in a way this version cannot open ({reason})")
            }
        }
    }
}

impl std::error::Error for LockedError {}

pub(crate) fn damaged(reason: impl Into<String>) -> LockedError {
    LockedError::Damaged {
        reason: reason.into(),
    }
}

/// An AES-GCM output: the nonce and the ciphertext with its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// The lock record, stored under `caf.lock`: that a passphrase is set, how
/// the key comes from it, and the verifier that checks a passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockRecord {
    pub iterations: u32,
    pub salt: Vec<u8>,
    /// [`VERIFIER_TEXT`] sealed under the key.
    pub verifier: Sealed,
}

impl LockRecord {
    /// Names the key: entries carry it, so an entry sealed under another key
    /// (a passphrase since changed) is known without trying to open it.
    pub fn key_id(&self) -> String {
        base64_encode(&self.salt)
    }
}

/// The stored text of a lock record.
pub fn encode_lock_record(record: &LockRecord) -> String {
    // Written by hand, in this order, rather than by a derived serialiser:
    // less code in the page, and the `format` key always comes first.
    format!(
        r#"{{"format":"{LOCK_FORMAT}","version":{LOCKED_VERSION},"kdf":"{KDF_NAME}","iterations":{},"salt":"{}","verifier_nonce":"{}","verifier":"{}"}}"#,
        record.iterations,
        base64_encode(&record.salt),
        base64_encode(&record.verifier.nonce),
        base64_encode(&record.verifier.ciphertext)
    )
}

/// Reads a lock record: the version first (a newer one is refused whatever
/// else it holds), then the key derivation and its parameters.
pub fn decode_lock_record(text: &str) -> Result<LockRecord, LockedError> {
    let root: Value = serde_json::from_str(text).map_err(|_| damaged("it is not JSON"))?;
    let fields = check_format_and_version(&root, LOCK_FORMAT)?;
    let (iterations, salt) = read_kdf(fields)?;
    Ok(LockRecord {
        iterations,
        salt,
        verifier: Sealed {
            nonce: nonce_from(text_field(fields, "verifier_nonce")?)?,
            ciphertext: bytes_field(fields, "verifier")?,
        },
    })
}

/// A text field, or why it is missing.
pub(crate) fn text_field<'a>(
    fields: &'a Map<String, Value>,
    name: &str,
) -> Result<&'a str, LockedError> {
    fields
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| damaged(format!("its {name} is missing or not text")))
}

/// A base64 field's bytes.
pub(crate) fn bytes_field(fields: &Map<String, Value>, name: &str) -> Result<Vec<u8>, LockedError> {
    base64_decode(text_field(fields, name)?)
        .ok_or_else(|| damaged(format!("the {name} is not base64")))
}

/// A whole-number field.
pub(crate) fn number_field(fields: &Map<String, Value>, name: &str) -> Result<u64, LockedError> {
    fields
        .get(name)
        .and_then(Value::as_u64)
        .ok_or_else(|| damaged(format!("its {name} is missing or not a whole number")))
}

/// The key derivation and its salt: only the one this version knows, with
/// at least [`MIN_ITERATIONS`] and at most [`MAX_ITERATIONS`].
fn read_kdf(fields: &Map<String, Value>) -> Result<(u32, Vec<u8>), LockedError> {
    let kdf = text_field(fields, "kdf")?;
    if kdf != KDF_NAME {
        return Err(LockedError::UnknownKdf {
            reason: format!("key derivation \"{kdf}\""),
        });
    }
    let iterations = number_field(fields, "iterations")?;
    if iterations < u64::from(MIN_ITERATIONS) {
        return Err(LockedError::UnknownKdf {
            reason: format!("{iterations} iterations, fewer than {MIN_ITERATIONS}"),
        });
    }
    if iterations > u64::from(MAX_ITERATIONS) {
        return Err(damaged(format!(
            "it names {iterations} iterations, more than the {MAX_ITERATIONS} CAF Lite ever uses"
        )));
    }
    let iterations = u32::try_from(iterations).map_err(|_| damaged("too many iterations"))?;
    let salt = bytes_field(fields, "salt")?;
    if salt.len() != SALT_BYTES {
        return Err(damaged(format!(
            "the salt is {} bytes, not {SALT_BYTES}",
            salt.len()
        )));
    }
    Ok((iterations, salt))
}

/// A locked entry: the clear fields the app needs without the key (which
/// draft, its revision and write token, for the stale-tab check), the key
/// it is sealed under, and the sealed text of the plain stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedEntry {
    pub key_id: String,
    pub revision: u64,
    pub write_token: String,
    pub sealed: Sealed,
}

/// The stored text of a locked entry.
pub fn encode_locked_entry(entry: &LockedEntry) -> String {
    // By hand, like the lock record; `is_locked_entry` relies on the start.
    format!(
        r#"{{"format":"{ENTRY_FORMAT}","version":{LOCKED_VERSION},"key":{},"revision":{},"write_token":{},"nonce":"{}","ciphertext":"{}"}}"#,
        Value::from(entry.key_id.as_str()),
        entry.revision,
        Value::from(entry.write_token.as_str()),
        base64_encode(&entry.sealed.nonce),
        base64_encode(&entry.sealed.ciphertext)
    )
}

/// Whether stored text is a locked entry (of any version), without reading
/// it all: a plain entry never starts like this.
pub fn is_locked_entry(text: &str) -> bool {
    text.starts_with(&format!("{{\"format\":\"{ENTRY_FORMAT}\""))
}

/// Reads a locked entry written by [`encode_locked_entry`].
pub fn decode_locked_entry(text: &str) -> Result<LockedEntry, LockedError> {
    let root: Value = serde_json::from_str(text).map_err(|_| damaged("it is not JSON"))?;
    let fields = check_format_and_version(&root, ENTRY_FORMAT)?;
    Ok(LockedEntry {
        key_id: text_field(fields, "key")?.to_owned(),
        revision: number_field(fields, "revision")?,
        write_token: text_field(fields, "write_token")?.to_owned(),
        sealed: Sealed {
            nonce: nonce_from(text_field(fields, "nonce")?)?,
            ciphertext: bytes_field(fields, "ciphertext")?,
        },
    })
}

/// The associated data of a locked entry of draft `id`: the id and the clear
/// revision and token, so none of them can be changed or swapped unnoticed.
pub fn entry_associated_data(id: &str, revision: u64, write_token: &str) -> Vec<u8> {
    format!("caf-lite.locked 1\n{id}\n{revision}\n{write_token}").into_bytes()
}

/// The revision and write token of a plain stored entry (what
/// `format::encode_stored` writes), read without decoding the whole draft;
/// `(0, "")` for text that is not one (an unreadable entry being locked).
pub fn plain_header(plain: &str) -> (u64, String) {
    #[derive(Deserialize)]
    struct Inner {
        #[serde(default)]
        revision: u64,
    }
    #[derive(Deserialize)]
    struct Outer {
        #[serde(default)]
        write_token: String,
        draft: Inner,
    }
    serde_json::from_str::<Outer>(plain)
        .map(|outer| (outer.draft.revision, outer.write_token))
        .unwrap_or_default()
}

fn check_format_and_version<'a>(
    root: &'a Value,
    format: &str,
) -> Result<&'a Map<String, Value>, LockedError> {
    check_format_and_version_at(root, format, LOCKED_VERSION)
}

/// The object's fields when its `format` is `format` and its `version` is
/// `version`; a newer version is [`LockedError::NewerVersion`].
pub(crate) fn check_format_and_version_at<'a>(
    root: &'a Value,
    format: &str,
    version: u64,
) -> Result<&'a Map<String, Value>, LockedError> {
    let Value::Object(fields) = root else {
        return Err(damaged("it is not a JSON object"));
    };
    if fields.get("format").and_then(Value::as_str) != Some(format) {
        return Err(damaged(format!("its format is not {format}")));
    }
    match fields.get("version").and_then(Value::as_u64) {
        Some(found) if found == version => Ok(fields),
        Some(found) if found > version => Err(LockedError::NewerVersion { found }),
        _ => Err(damaged("its version is missing or not one this app wrote")),
    }
}

pub(crate) fn nonce_from(text: &str) -> Result<Vec<u8>, LockedError> {
    let nonce = base64_decode(text).ok_or_else(|| damaged("the nonce is not base64"))?;
    if nonce.len() != NONCE_BYTES {
        return Err(damaged(format!(
            "the nonce is {} bytes, not {NONCE_BYTES}",
            nonce.len()
        )));
    }
    Ok(nonce)
}

/// Whether a passphrase may be set, in words for beside the field.
pub fn check_new_passphrase(passphrase: &str, again: &str) -> Result<(), (&'static str, String)> {
    if passphrase.trim().is_empty() {
        return Err(("new-passphrase", "Enter a passphrase".to_owned()));
    }
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err((
            "new-passphrase",
            format!("Passphrase must be {MIN_PASSPHRASE_CHARS} characters or more"),
        ));
    }
    if again != passphrase {
        return Err((
            "new-passphrase-again",
            "The two passphrases are not the same: type it again".to_owned(),
        ));
    }
    Ok(())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648 §4), as `btoa` writes it.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> shift) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Reads [`base64_encode`]'s output; `None` for anything else (wrong
/// characters, wrong length or padding).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let n_chunks = bytes.len() / 4;
    for (idx, chunk) in bytes.chunks(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && idx + 1 != n_chunks) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | value(c)?;
        }
        n <<= 6 * pad as u32;
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&decoded[..3 - pad]);
    }
    Some(out)
}

/// `format` of a locked draft file.
pub const FILE_FORMAT: &str = "caf-lite.locked-draft";
/// The associated data of a locked draft file's ciphertext.
pub const FILE_ASSOCIATED_DATA: &str = "caf-lite.locked-draft 1";

/// A draft file locked with a passphrase: the plain draft file
/// (draft-format.md, unchanged) sealed under a key derived from the
/// passphrase with its own salt. It carries everything needed to open it on
/// another device with the passphrase alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedFile {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub sealed: Sealed,
}

/// The text of a locked draft file, pretty-printed like the plain one.
pub fn encode_locked_file(file: &LockedFile) -> String {
    encode_envelope(FILE_FORMAT, file)
}

/// The text of a file sealed with a passphrase, its `format` named: a
/// locked draft file, or a contribution request or contribution
/// (`contribution_file.rs`), all of one shape.
pub fn encode_envelope(format: &str, file: &LockedFile) -> String {
    format!(
        "{{
  \"format\": {},
  \"version\": {LOCKED_VERSION},
  \"kdf\": \"{KDF_NAME}\",
  \"iterations\": {},
  \"salt\": \"{}\",
  \"nonce\": \"{}\",
  \"ciphertext\": \"{}\"
}}",
        Value::from(format),
        file.iterations,
        base64_encode(&file.salt),
        base64_encode(&file.sealed.nonce),
        base64_encode(&file.sealed.ciphertext)
    )
}

/// Whether the bytes of a chosen file are a locked draft file (of any
/// version), so import asks for its passphrase.
pub fn is_locked_file(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    serde_json::from_str::<Value>(text)
        .is_ok_and(|root| root.get("format").and_then(Value::as_str) == Some(FILE_FORMAT))
}

/// Reads a locked draft file: the version first, then the key derivation.
pub fn decode_locked_file(bytes: &[u8]) -> Result<LockedFile, LockedError> {
    decode_envelope(bytes, FILE_FORMAT)
}

/// Reads what [`encode_envelope`] wrote for `format`: the version first
/// (a newer one is refused), then the key derivation.
pub fn decode_envelope(bytes: &[u8], format: &str) -> Result<LockedFile, LockedError> {
    let text = std::str::from_utf8(bytes).map_err(|_| damaged("it is not text"))?;
    let root: Value = serde_json::from_str(text).map_err(|_| damaged("it is not JSON"))?;
    envelope_from_value(&root, format)
}

/// [`decode_envelope`] of JSON already read (an envelope kept inside
/// another object).
pub fn envelope_from_value(root: &Value, format: &str) -> Result<LockedFile, LockedError> {
    let fields = check_format_and_version(root, format)?;
    let (iterations, salt) = read_kdf(fields)?;
    Ok(LockedFile {
        iterations,
        salt,
        sealed: Sealed {
            nonce: nonce_from(text_field(fields, "nonce")?)?,
            ciphertext: bytes_field(fields, "ciphertext")?,
        },
    })
}

/// The file name of a locked draft file: the plain name with `.locked`
/// before `.caf.json`, so both can sit in one folder.
pub fn locked_file_name(plain_name: &str) -> String {
    match plain_name.strip_suffix(".caf.json") {
        Some(stem) => format!("{stem}.locked.caf.json"),
        None => format!("{plain_name}.locked"),
    }
}
