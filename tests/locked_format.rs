//! The locked storage format (`storage::locked`): the lock record and the
//! locked entry envelope, read from fixtures and written back, and every way
//! a stored one is refused. The encryption itself is WebCrypto's, tested in
//! Chromium (`tests/e2e/lock.test.mjs`).

use caf_lite::storage::format::decode_stored;
use caf_lite::storage::locked::*;
use caf_lite::storage::StoredError;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/locked/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
    .trim_end()
    .to_owned()
}

#[test]
fn a_lock_record_fixture_reads_and_writes_back_the_same_text() {
    let text = fixture("lock_record_v1.json");
    let record = decode_lock_record(&text).expect("reads");
    assert_eq!(record.iterations, 600_000);
    assert_eq!(record.salt, (0u8..16).collect::<Vec<_>>());
    assert_eq!(record.verifier.nonce, (17u8..29).collect::<Vec<_>>());
    assert_eq!(record.verifier.ciphertext, vec![0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(record.key_id(), "AAECAwQFBgcICQoLDA0ODw==");
    assert_eq!(encode_lock_record(&record), text);
}

#[test]
fn a_locked_entry_fixture_reads_and_writes_back_the_same_text() {
    let text = fixture("entry_v1.json");
    assert!(is_locked_entry(&text));
    let entry = decode_locked_entry(&text).expect("reads");
    assert_eq!(entry.key_id, "AAECAwQFBgcICQoLDA0ODw==");
    assert_eq!(entry.revision, 57);
    assert_eq!(entry.write_token, "9b2f0c1e-6a55-4c2b-8d9e-1f2a3b4c5d6e");
    assert_eq!(entry.sealed.nonce.len(), NONCE_BYTES);
    assert_eq!(entry.sealed.ciphertext, (1u8..=20).collect::<Vec<_>>());
    assert_eq!(encode_locked_entry(&entry), text);
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let err = decode_locked_entry(&fixture("entry_v2_future.json")).expect_err("refused");
    assert_eq!(err, LockedError::NewerVersion { found: 2 });
    assert_eq!(
        err.to_string(),
        "it was locked by a newer version of CAF Lite (locked format version 2); reload the page to get the latest version"
    );
    let err = decode_lock_record(&fixture("lock_record_v2_future.json")).expect_err("refused");
    assert_eq!(err, LockedError::NewerVersion { found: 2 });
}

#[test]
fn an_unknown_or_weaker_key_derivation_is_refused() {
    let text = fixture("lock_record_v1.json");
    let other = text.replace("PBKDF2-HMAC-SHA-256", "PBKDF2-HMAC-SHA-1");
    assert!(matches!(
        decode_lock_record(&other),
        Err(LockedError::UnknownKdf { .. })
    ));
    let weak = text.replace("600000", "1000");
    let err = decode_lock_record(&weak).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "it was locked in a way this version cannot open (1000 iterations, fewer than 600000)"
    );
}

/// Issue 24, item 7: a record or file may not name so many iterations that
/// deriving its key keeps the page busy for minutes; up to the cap is read.
#[test]
fn too_many_iterations_are_refused_as_damaged() {
    let record = fixture("lock_record_v1.json");
    let file = fixture("file_v1.caf.json");
    for n in [
        u64::from(MAX_ITERATIONS) + 1,
        u64::from(u32::MAX),
        u64::from(u32::MAX) + 1,
    ] {
        let err =
            decode_lock_record(&record.replace("600000", &n.to_string())).expect_err("refused");
        assert_eq!(
            err.to_string(),
            format!("the locked data is damaged (it names {n} iterations, more than the 3000000 CAF Lite ever uses)")
        );
        let err = decode_locked_file(file.replace("600000", &n.to_string()).as_bytes())
            .expect_err("refused");
        assert!(matches!(err, LockedError::Damaged { .. }), "{err}");
    }
    assert_eq!(MAX_ITERATIONS, 3_000_000);
    let most = decode_lock_record(&record.replace("600000", "3000000")).expect("read");
    assert_eq!(most.iterations, MAX_ITERATIONS);
    let most = decode_locked_file(file.replace("600000", "3000000").as_bytes()).expect("read");
    assert_eq!(most.iterations, MAX_ITERATIONS);
}

#[test]
fn damaged_envelopes_are_refused_and_say_what_is_wrong() {
    let text = fixture("entry_v1.json");
    let cases = [
        ("not json".to_owned(), "it is not JSON"),
        ("[1]".to_owned(), "it is not a JSON object"),
        (
            text.replace("ERITFBUWFxgZGhsc", "ERITFBUW"),
            "the nonce is 6 bytes, not 12",
        ),
        (
            text.replace("AQIDBAUGBwgJCgsMDQ4PEBESExQ=", "AQ!D"),
            "the ciphertext is not base64",
        ),
        (
            text.replace("\"version\":1", "\"version\":0"),
            "its version is missing",
        ),
        (
            text.replace(",\"revision\":57", ""),
            "its revision is missing or not a whole number",
        ),
    ];
    for (bad, words) in cases {
        let err = decode_locked_entry(&bad).expect_err(&bad);
        assert!(err.to_string().contains(words), "{bad}: {err}");
    }
    let record = fixture("lock_record_v1.json");
    let short_salt = record.replace("AAECAwQFBgcICQoLDA0ODw==", "AAECAw==");
    assert!(decode_lock_record(&short_salt)
        .expect_err("refused")
        .to_string()
        .contains("the salt is 4 bytes, not 16"));
}

#[test]
fn the_plain_reader_keeps_a_locked_entry_as_unreadable_with_words_that_say_so() {
    let err = decode_stored(&fixture("entry_v1.json")).expect_err("not plain");
    assert!(matches!(err, StoredError::Locked { .. }));
    assert!(err.to_string().contains("locked"), "{err}");
}

#[test]
fn associated_data_names_the_draft_revision_and_token() {
    assert_eq!(
        entry_associated_data("abc", 7, "t1"),
        b"caf-lite.locked 1\nabc\n7\nt1".to_vec()
    );
    assert_ne!(
        entry_associated_data("abc", 7, "t1"),
        entry_associated_data("abd", 7, "t1")
    );
}

#[test]
fn the_clear_header_is_read_from_a_plain_entry_without_the_draft() {
    let plain =
        r#"{"format_version":1,"write_token":"tok","draft":{"id":"x","revision":12,"data":{}}}"#;
    assert_eq!(plain_header(plain), (12, "tok".to_owned()));
    assert_eq!(plain_header("damaged {"), (0, String::new()));
    assert!(!is_locked_entry(plain));
}

#[test]
fn base64_matches_rfc_4648_vectors_and_refuses_anything_else() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(base64_encode(plain.as_bytes()), encoded);
        assert_eq!(base64_decode(encoded).as_deref(), Some(plain.as_bytes()));
    }
    let all: Vec<u8> = (0..=255).collect();
    assert_eq!(base64_decode(&base64_encode(&all)), Some(all));
    for bad in ["Zg=", "Z===", "Zg==Zg==", "Zm9v!A==", "Zm 9"] {
        assert_eq!(base64_decode(bad), None, "{bad}");
    }
}

#[test]
fn a_new_passphrase_is_long_enough_and_typed_twice_alike() {
    assert!(check_new_passphrase("", "").is_err());
    let short = check_new_passphrase("short", "short").expect_err("short");
    assert_eq!(
        short,
        (
            "new-passphrase",
            "Passphrase must be 10 characters or more".to_owned()
        )
    );
    let differ =
        check_new_passphrase("otter kettle marble", "otter kettle marbel").expect_err("differ");
    assert_eq!(differ.0, "new-passphrase-again");
    assert!(check_new_passphrase("otter kettle marble", "otter kettle marble").is_ok());
}

#[test]
fn a_locked_file_fixture_reads_and_writes_back_the_same_text_and_newer_ones_are_refused() {
    let text = fixture("file_v1.caf.json");
    assert!(is_locked_file(text.as_bytes()));
    let file = decode_locked_file(text.as_bytes()).expect("reads");
    assert_eq!(file.iterations, 600_000);
    assert_eq!(file.salt.len(), SALT_BYTES);
    assert_eq!(encode_locked_file(&file), text);
    let newer = text.replace("\"version\": 1", "\"version\": 7");
    assert!(is_locked_file(newer.as_bytes()));
    assert_eq!(
        decode_locked_file(newer.as_bytes()),
        Err(LockedError::NewerVersion { found: 7 })
    );
    let plain = std::fs::read(format!(
        "{}/tests/fixtures/import/draft_v1.caf.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("plain fixture");
    assert!(
        !is_locked_file(&plain),
        "a plain draft file is not a locked one"
    );
    assert!(!is_locked_file(b"\xff\xfe not text"));
    assert_eq!(
        locked_file_name("CAF-draft-ZL-2021-4f1c2a9e.caf.json"),
        "CAF-draft-ZL-2021-4f1c2a9e.locked.caf.json"
    );
}
