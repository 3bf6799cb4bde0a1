//! Property tests ("fuzzing") for everything that reads outside input or
//! must never fail on any draft: `decode_import`, `decode_stored`,
//! `validate::check` and the fingerprint never panic, and any draft survives
//! export → import and store → read unchanged.
//!
//! CI runs a small number of cases per property (64). The documented long
//! run sets `PROPTEST_CASES` (per property; there are 7):
//!
//! ```sh
//! PROPTEST_CASES=150000 cargo test --release --no-default-features --test fuzz
//! ```
//!
//! which is 1,050,000 cases in total (README.md gives the figures of a run).
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::{derived_ids, fingerprint, give_missing_ids, Date, Draft, Settings};
use caf_lite::storage::format::{
    decode_import, decode_stored, encode_export, encode_stored, shape_sample,
};
use caf_lite::validate::check;
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Cases per property: `PROPTEST_CASES`, or 64.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        // Failures are printed with their inputs; nothing is written beside the tests.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A small deterministic generator, so one `u64` from proptest gives one draft.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Pieces text is made of: answer codes, parts of dates, numbers, names in
/// several scripts, markup, control and direction characters.
const PIECES: &[&str] = &[
    "",
    "yes",
    "no",
    "unsure",
    "some_concern",
    "strength",
    "female",
    "checked_none",
    "single_agency",
    "signed_paper",
    "14",
    "11",
    "2026",
    "3",
    "4",
    "2021",
    "31",
    "02",
    "0",
    "-1",
    "99999",
    "943 476 5919",
    "ME4 4TR",
    "07700 900123",
    "sam@example.org",
    "Zoë",
    "Łukasiewicz-O'Brien",
    "Ελένη",
    "Олена",
    "<script>alert(1)</script>",
    "&amp;",
    "\"",
    "\\",
    "\n",
    "\t",
    "\u{202e}",
    "\u{0}",
    "👩‍👧‍👦",
    " ",
    "x",
];

fn text(rng: &mut Rng) -> String {
    let n_pieces = rng.below(4);
    let mut out = String::new();
    for _ in 0..n_pieces {
        if rng.below(6) == 0 {
            // Any character at all.
            let c = char::from_u32(rng.below(0x11_0000) as u32).unwrap_or('?');
            out.push(c);
        } else {
            out.push_str(PIECES[rng.below(PIECES.len() as u64) as usize]);
        }
    }
    out
}

/// A value of the same shape as `shape` (from `shape_sample`), filled at random.
fn fill(shape: &Value, rng: &mut Rng) -> Value {
    match shape {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(key, value)| (key.clone(), fill(value, rng)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => match items.first() {
            Some(item) => Value::Array((0..rng.below(3)).map(|_| fill(item, rng)).collect()),
            None => Value::Array(Vec::new()),
        },
        Value::String(_) => Value::String(text(rng)),
        Value::Bool(_) => Value::Bool(rng.below(2) == 0),
        Value::Number(_) => Value::from(match rng.below(4) {
            0 => u64::MAX,
            1 => 0,
            _ => rng.next() >> rng.below(64),
        }),
        Value::Null => Value::Null,
    }
}

/// Any draft the app could hold: every field of the shape, filled at random;
/// its list items' ids unique and not empty, as the app keeps them
/// (`domain::ids`: a random id that is empty or repeated is replaced on read).
fn draft_from_seed(seed: u64) -> Draft {
    let shape = serde_json::to_value(shape_sample()).expect("the shape is JSON");
    let mut rng = Rng(seed | 1);
    let mut draft: Draft =
        serde_json::from_value(fill(&shape, &mut rng)).expect("a filled shape is a draft");
    give_missing_ids(&mut draft.data, derived_ids(&seed.to_string()));
    draft
}

/// Any JSON value, up to a small depth.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("data".to_string()),
                    Just("child".to_string()),
                    Just("parents".to_string()),
                    Just("given_name".to_string()),
                    Just("revision".to_string()),
                    Just("id".to_string()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn date_from(seed: u64) -> Date {
    let mut rng = Rng(seed | 1);
    Date::new(
        1900 + rng.below(300) as i32,
        1 + rng.below(12) as u8,
        1 + rng.below(28) as u8,
    )
    .expect("a real date")
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_import_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode_import(&bytes);
    }

    #[test]
    fn decode_import_never_panics_on_any_draft_object(draft in json_value(), version in prop_oneof![Just(Value::from(1)), json_value()]) {
        let file = serde_json::json!({
            "format": "caf-lite.draft",
            "format_version": version,
            "draft": draft,
        });
        let bytes = serde_json::to_vec(&file).expect("JSON");
        let _ = decode_import(&bytes);
    }

    #[test]
    fn decode_stored_never_panics(text in ".{0,256}", draft in json_value()) {
        let _ = decode_stored(&text);
        let stored = serde_json::json!({ "format_version": 1, "write_token": "t", "draft": draft });
        let _ = decode_stored(&stored.to_string());
    }

    #[test]
    fn check_and_fingerprint_never_panic(seed in any::<u64>(), today in any::<u64>()) {
        let draft = draft_from_seed(seed);
        let checked = check(&draft.data, date_from(today), &Settings::default());
        let _ = checked.report.issues().len();
        // The same content always gives the same fingerprint.
        prop_assert_eq!(fingerprint(&draft.data), fingerprint(&draft.data.clone()));
    }

    #[test]
    fn any_draft_survives_export_then_import(seed in any::<u64>()) {
        let draft = draft_from_seed(seed);
        let imported = decode_import(encode_export(&draft, "2026-12-01T10:00:00Z").as_bytes());
        let imported = imported.map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert!(imported.unknown_keys.is_empty(), "{:?}", imported.unknown_keys);
        prop_assert_eq!(imported.draft, draft);
    }

    #[test]
    fn any_draft_survives_being_stored_and_read(seed in any::<u64>(), token in "[0-9a-f-]{0,36}") {
        let mut draft = draft_from_seed(seed);
        draft.write_token = token;
        prop_assert_eq!(decode_stored(&encode_stored(&draft)), Ok(draft));
    }

    #[test]
    fn a_mutated_export_never_panics_on_import(seed in any::<u64>(), cut in any::<usize>(), byte in any::<u8>()) {
        // A draft file damaged in one place: cut short, or one byte changed.
        let mut bytes = encode_export(&draft_from_seed(seed), "now").into_bytes();
        let at = cut % bytes.len();
        if byte % 2 == 0 {
            bytes.truncate(at);
        } else {
            bytes[at] = byte;
        }
        let _ = decode_import(&bytes);
    }
}
