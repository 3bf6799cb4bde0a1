//! The browser's WebCrypto, wasm32 only: the key from a passphrase (PBKDF2),
//! and AES-256-GCM sealing and opening. Thin on purpose: what is stored
//! around it is `storage::locked`, pure and tested natively. The key is a
//! non-extractable `CryptoKey`: script can use it while the page holds it,
//! but its bytes can never be read out, and it is never stored.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::locked::{self, LockRecord, Sealed, NONCE_BYTES, SALT_BYTES};

/// The key that opens the drafts, while they are unlocked.
#[derive(Debug, Clone)]
pub struct Key {
    pub key: CryptoKey,
    /// [`LockRecord::key_id`] of the record it was derived for.
    pub id: String,
}

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = web_sys::window()
        .ok_or("there is no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto")?;
    Ok(crypto.subtle())
}

/// `n` random bytes from `crypto.getRandomValues`.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let crypto = web_sys::window()
        .ok_or("there is no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto")?;
    let mut bytes = vec![0u8; n];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| "the browser gave no random numbers")?;
    Ok(bytes)
}

fn set(object: &Object, name: &str, value: &JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(name), value);
}

fn bytes(data: &[u8]) -> Object {
    Uint8Array::from(data).into()
}

async fn call(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// Derives the AES-256-GCM key from `passphrase` with the record's salt and
/// iterations (PBKDF2-HMAC-SHA-256), non-extractable.
pub async fn derive_key(passphrase: &str, record: &LockRecord) -> Result<Key, String> {
    derive_file_key(passphrase, record.iterations, &record.salt).await
}

/// Derives the key of a file sealed with `passphrase` (its own salt and
/// iterations), non-extractable. Its id is [`LockRecord::key_id`]'s: the
/// salt in base64.
pub async fn derive_file_key(
    passphrase: &str,
    iterations: u32,
    salt: &[u8],
) -> Result<Key, String> {
    let subtle = subtle()?;
    let usages = Array::of1(&JsValue::from_str("deriveKey"));
    let base = call(subtle.import_key_with_str(
        "raw",
        &bytes(passphrase.as_bytes()),
        "PBKDF2",
        false,
        &usages,
    ))
    .await
    .map_err(|_| "the browser could not use the passphrase")?;
    let base: CryptoKey = base.unchecked_into();
    let params = Object::new();
    set(&params, "name", &"PBKDF2".into());
    set(&params, "hash", &"SHA-256".into());
    set(&params, "salt", &bytes(salt));
    set(&params, "iterations", &iterations.into());
    let aes = Object::new();
    set(&aes, "name", &"AES-GCM".into());
    set(&aes, "length", &256.into());
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = call(subtle.derive_key_with_object_and_object(&params, &base, &aes, false, &usages))
        .await
        .map_err(|_| "the browser could not make the key")?;
    Ok(Key {
        key: key.unchecked_into(),
        id: locked::base64_encode(salt),
    })
}

fn gcm_params(nonce: &[u8], associated_data: &[u8]) -> Object {
    let params = Object::new();
    set(&params, "name", &"AES-GCM".into());
    set(&params, "iv", &bytes(nonce));
    set(&params, "additionalData", &bytes(associated_data));
    params
}

/// Seals `plain` under `key` with a fresh random nonce.
pub async fn seal(key: &Key, associated_data: &[u8], plain: &[u8]) -> Result<Sealed, String> {
    let nonce = random_bytes(NONCE_BYTES)?;
    let params = gcm_params(&nonce, associated_data);
    let out =
        call(subtle()?.encrypt_with_object_and_buffer_source(&params, &key.key, &bytes(plain)))
            .await
            .map_err(|_| "the browser could not lock the data")?;
    Ok(Sealed {
        nonce,
        ciphertext: Uint8Array::new(&out).to_vec(),
    })
}

/// Opens what [`seal`] made; `None` when it does not authenticate (another
/// key, other associated data, or a changed byte).
pub async fn open(key: &Key, associated_data: &[u8], sealed: &Sealed) -> Option<Vec<u8>> {
    let params = gcm_params(&sealed.nonce, associated_data);
    let out = call(subtle().ok()?.decrypt_with_object_and_buffer_source(
        &params,
        &key.key,
        &bytes(&sealed.ciphertext),
    ))
    .await
    .ok()?;
    Some(Uint8Array::new(&out).to_vec())
}

/// A lock record with a fresh salt and no verifier yet.
fn fresh_record() -> Result<LockRecord, String> {
    Ok(LockRecord {
        iterations: locked::PBKDF2_ITERATIONS,
        salt: random_bytes(SALT_BYTES)?,
        verifier: Sealed {
            nonce: Vec::new(),
            ciphertext: Vec::new(),
        },
    })
}

/// A new lock record and its key for `passphrase`: a fresh salt, and the
/// verifier sealed under the key.
pub async fn new_lock(passphrase: &str) -> Result<(LockRecord, Key), String> {
    let mut record = fresh_record()?;
    let key = derive_key(passphrase, &record).await?;
    record.verifier = seal(
        &key,
        locked::VERIFIER_ASSOCIATED_DATA.as_bytes(),
        locked::VERIFIER_TEXT.as_bytes(),
    )
    .await?;
    Ok((record, key))
}

/// The key for `passphrase` if the record's verifier opens with it.
pub async fn check_passphrase(
    passphrase: &str,
    record: &LockRecord,
) -> Result<Option<Key>, String> {
    let key = derive_key(passphrase, record).await?;
    let opened = open(
        &key,
        locked::VERIFIER_ASSOCIATED_DATA.as_bytes(),
        &record.verifier,
    )
    .await;
    Ok((opened.as_deref() == Some(locked::VERIFIER_TEXT.as_bytes())).then_some(key))
}

/// Locks a draft file's text with `passphrase` (a key of its own, from a
/// fresh salt).
pub async fn lock_file(passphrase: &str, plain: &[u8]) -> Result<locked::LockedFile, String> {
    let (file, _) = seal_file(locked::FILE_ASSOCIATED_DATA.as_bytes(), passphrase, plain).await?;
    Ok(file)
}

/// Opens a locked draft file with `passphrase`; `Ok(None)` when it does not
/// open (a wrong passphrase, or a damaged file: GCM cannot tell them apart).
pub async fn open_file(
    passphrase: &str,
    file: &locked::LockedFile,
) -> Result<Option<Vec<u8>>, String> {
    let opened =
        open_sealed_file(passphrase, file, locked::FILE_ASSOCIATED_DATA.as_bytes()).await?;
    Ok(opened.map(|(plain, _)| plain))
}

/// Seals `plain` into a file with `passphrase`: a fresh salt, so a key of
/// its own, which is returned too (a contribution request's page keeps it
/// to seal the answers). The envelope's `format` is the caller's.
pub async fn seal_file(
    associated_data: &[u8],
    passphrase: &str,
    plain: &[u8],
) -> Result<(locked::LockedFile, Key), String> {
    let iterations = locked::PBKDF2_ITERATIONS;
    let salt = random_bytes(SALT_BYTES)?;
    let key = derive_file_key(passphrase, iterations, &salt).await?;
    let sealed = seal(&key, associated_data, plain).await?;
    Ok((
        locked::LockedFile {
            iterations,
            salt,
            sealed,
        },
        key,
    ))
}

/// Opens a file sealed with a passphrase: its plain bytes and the key, which
/// the partner's page keeps (it never keeps the passphrase). `Ok(None)`
/// when it does not open (a wrong passphrase or a damaged file).
pub async fn open_sealed_file(
    passphrase: &str,
    file: &locked::LockedFile,
    associated_data: &[u8],
) -> Result<Option<(Vec<u8>, Key)>, String> {
    let key = derive_file_key(passphrase, file.iterations, &file.salt).await?;
    Ok(open(&key, associated_data, &file.sealed)
        .await
        .map(|plain| (plain, key)))
}
