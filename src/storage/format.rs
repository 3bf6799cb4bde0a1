//! The draft file format (`product/draft-format.md`) and the shape of a stored
//! draft. Pure: no browser crates, no clock; `exported_at` is a parameter.
//!
//! Reading is lenient where nothing can be lost and strict everywhere else.
//! The expected shape is not written out by hand: it is what serde makes of
//! [`shape_sample`], a `Draft` whose every list holds one default item, so a
//! field added to `domain::draft` is understood here with no second schema.
//!
//! Stored entries (`caf.draft.<id>` in localStorage) are the wrapper
//! `{"format_version": 1, "draft": {...}}`: the same `draft` object as in a
//! file, with the version beside it so a draft written by a newer app is
//! recognised and kept aside rather than misread.

use std::fmt;

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::domain::{
    derived_ids, give_missing_ids, ActionDraft, ConsentHistoryEntry, CopiedFrom, Draft,
    HouseholdMemberDraft, InviteeDraft, MeetingDraft, ParentDraft, ReviewActionDraft, ReviewDraft,
    ServiceDraft, TeamMemberDraft,
};

/// The value of the envelope's `format` key.
pub const FORMAT_NAME: &str = "caf-lite.draft";

/// The format version this app writes; files up to this version are read.
pub const FORMAT_VERSION: u64 = 2;

/// The oldest format version ever written; there is nothing older to migrate.
pub const OLDEST_FORMAT_VERSION: u64 = 1;

/// Files larger than this many bytes (5 MB) are refused before being read.
pub const MAX_IMPORT_BYTES: u64 = 5 * 1024 * 1024;

/// No list in an imported draft may hold more items than this. The largest
/// CAF the app supports has 150 actions; a file with thousands of items is
/// not a CAF and would make every page slow.
pub const MAX_LIST_ITEMS: usize = 500;

/// How many unknown keys the notice after an import names; the rest are counted.
pub const MAX_UNKNOWN_KEYS_NAMED: usize = 10;

/// The most characters of a name taken from a file (a key, a path, what its
/// `format` says) that a message shows; a longer one is cut there and ends
/// in "…", so a file cannot fill the page with one name.
pub const MAX_NAME_CHARS: usize = 60;

/// `name` as a message shows it: at most [`MAX_NAME_CHARS`] characters.
pub fn shown_name(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        name.to_owned()
    } else {
        format!("{}…", name.chars().take(MAX_NAME_CHARS).collect::<String>())
    }
}

/// One migration step: turns a `draft` object of version N into version N + 1.
pub type Migration = fn(Value) -> Result<Value, ImportError>;

/// `MIGRATIONS[i]` upgrades a `draft` object from version
/// `OLDEST_FORMAT_VERSION + i` to the next. To add version N + 1: write
/// `fn vN_to_vN1`, append it here, bump `FORMAT_VERSION`, and add a
/// `tests/fixtures/import/` fixture showing the upgrade.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 2 adds the meetings (caf-form.md §3.13): a version 1 draft gets
/// its first meeting from `plan.meeting_date` and a meeting for each
/// recorded review, all held, with ids derived from the draft's id (so a
/// stored entry read twice before its next save gets the same ones). The
/// meetings take their dates from those answers (`domain::meetings`), and
/// neither meetings nor ids are part of the fingerprint: no agreement goes
/// out of date. Anything not shaped as expected is left for the reader to
/// report.
fn v1_to_v2(mut draft: Value) -> Result<Value, ImportError> {
    let seed = draft
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let mut new_id = derived_ids(&format!("{seed}/meetings"));
    let Some(Value::Object(data)) = draft.get_mut("data") else {
        return Ok(draft);
    };
    let mut meetings = Vec::new();
    let first_date_typed = data
        .get("plan")
        .and_then(|plan| plan.get("meeting_date"))
        .and_then(Value::as_object)
        .is_some_and(|date| {
            date.values()
                .any(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
        });
    if first_date_typed {
        meetings.push(json!({"id": new_id(), "kind": "first_tac", "status": "held"}));
    }
    if let Some(Value::Array(reviews)) = data.get_mut("reviews") {
        for review in reviews.iter_mut().filter_map(Value::as_object_mut) {
            let review_id = new_id();
            review.insert("id".to_owned(), Value::String(review_id.clone()));
            meetings.push(
                json!({"id": new_id(), "kind": "review", "status": "held", "review_id": review_id}),
            );
        }
    }
    data.insert("meetings".to_owned(), Value::Array(meetings));
    Ok(draft)
}

// The chain must reach exactly the current version.
const _: () = assert!(OLDEST_FORMAT_VERSION + MIGRATIONS.len() as u64 == FORMAT_VERSION);

/// A draft read from a file, with what was left out of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The draft, with every missing key at its empty value.
    pub draft: Draft,
    /// RFC 3339 time the file was exported, `""` if the file does not say.
    pub exported_at: String,
    /// Keys the app does not know, which were ignored, as paths: form field
    /// paths for answers (`child.favourite_colour`, `parents[0].shoe_size`),
    /// `draft.<key>` beside the answers and `<key>` in the envelope.
    pub unknown_keys: Vec<String>,
}

/// Why a draft file was refused. Nothing stored changes when a file is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file is over [`MAX_IMPORT_BYTES`].
    TooLarge { n_bytes: u64 },
    /// A list in the file has more than [`MAX_LIST_ITEMS`] items.
    TooManyItems { path: String, n_items: usize },
    /// The file is not UTF-8 text.
    NotUtf8,
    /// The file is text but not JSON; `line` and `column` count from 1.
    NotJson { line: usize, column: usize },
    /// The file is JSON but not a CAF Lite draft file; `found` is its `format`
    /// value, `None` when it has none.
    WrongFormat { found: Option<String> },
    /// `format_version` is missing, not a whole number, or older than any
    /// version ever written.
    BadVersion { found: String },
    /// `format_version` is newer than this app knows.
    NewerVersion { found: u64 },
    /// The file has no `draft` object.
    NoDraft,
    /// A value has a JSON type that cannot be converted without losing
    /// something. `path` is a field path as in [`Imported::unknown_keys`].
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A migration from an older version failed.
    Migration { from_version: u64, reason: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { n_bytes } => write!(
                f,
                "This file is too large to be a CAF draft ({:.1} MB; the limit is 5 MB), so it was not imported.",
                *n_bytes as f64 / (1024.0 * 1024.0)
            ),
            ImportError::TooManyItems { path, n_items } => write!(
                f,
                "This draft file could not be imported: {} has {n_items} items, and a CAF draft has at most {MAX_LIST_ITEMS}.",
                shown_name(path)
            ),
            ImportError::NotUtf8 => f.write_str(
                "This file is not a CAF draft file: it is not text, so it was not imported.",
            ),
            ImportError::NotJson { line, column } => write!(
                f,
                "This file is not a CAF draft file: it is not JSON (the problem is at line {line}, column {column}), so it was not imported."
            ),
            ImportError::WrongFormat { found: None } => f.write_str(
                "This file is not a CAF draft file (it does not say it is one), so it was not imported.",
            ),
            ImportError::WrongFormat { found: Some(found) } => write!(
                f,
                "This file is not a CAF draft file (it says it is \"{}\"), so it was not imported.",
                shown_name(found)
            ),
            ImportError::BadVersion { found } => write!(
                f,
                "This draft file has a format version CAF Lite cannot read ({found}), so it was not imported."
            ),
            ImportError::NewerVersion { found } => write!(
                f,
                "This draft file was made by a newer version of CAF Lite (format version {found}; this app reads up to {FORMAT_VERSION}). Reload the page to get the latest version, then import it again."
            ),
            ImportError::NoDraft => f.write_str(
                "This draft file has no draft in it, so it was not imported.",
            ),
            ImportError::WrongType { path, expected, found } => write!(
                f,
                "This draft file could not be imported: at {} it has {found} where {expected} belongs.",
                shown_name(path)
            ),
            ImportError::Migration { from_version, reason } => write!(
                f,
                "This draft file (format version {from_version}) could not be updated to the current version: {reason}"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Why a stored entry could not be read. The caller keeps its raw text as it
/// is and lists it as unreadable.
#[derive(Debug, Clone, PartialEq)]
pub enum StoredError {
    /// The entry is not JSON.
    NotJson,
    /// The entry is JSON but not a stored draft, or a value in it has the
    /// wrong type; `reason` says where.
    WrongShape { reason: String },
    /// The entry was written by a newer version of CAF Lite.
    NewerVersion { found: u64 },
    /// The entry is locked (`storage::locked`) and the key in memory does
    /// not open it: damaged, sealed under another passphrase, or the drafts
    /// are not unlocked. `reason` says which.
    Locked { reason: String },
}

impl fmt::Display for StoredError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredError::NotJson => f.write_str("the stored data is damaged (it is not JSON)"),
            StoredError::WrongShape { reason } => {
                write!(f, "the stored data is not a draft this app can read ({reason})")
            }
            StoredError::NewerVersion { found } => write!(
                f,
                "the draft was saved by a newer version of CAF Lite (format version {found}); reload the page to get the latest version"
            ),
            StoredError::Locked { reason } => write!(f, "it is locked and {reason}"),
        }
    }
}

impl std::error::Error for StoredError {}

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'a str,
    format_version: u64,
    exported_at: &'a str,
    draft: &'a Draft,
}

#[derive(Serialize)]
struct StoredEnvelope<'a> {
    format_version: u64,
    /// The write token (`storage::conflict`), beside the draft rather than in
    /// it, so a draft file never carries one.
    write_token: &'a str,
    draft: &'a Draft,
}

/// The draft file for `draft`, as pretty-printed JSON. `exported_at` is the
/// RFC 3339 UTC time of export.
pub fn encode_export(draft: &Draft, exported_at: &str) -> String {
    let envelope = Envelope {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        exported_at,
        draft,
    };
    // A Draft is strings, whole numbers, booleans, lists and structs with
    // string keys, all of which serde_json always serialises. Through a
    // `Value`, as `encode_stored` and the fingerprint serialise it: a second
    // serialiser for every type in the draft would cost the page about 10 KB
    // of wasm. The file's keys are then in alphabetical order (JSON objects
    // have no order; import reads keys by name).
    let value = serde_json::to_value(&envelope).expect("a Draft always serialises to JSON");
    serde_json::to_string_pretty(&value).expect("a Value always serialises to JSON")
}

/// The file name for exporting `draft`: `CAF-draft-<first 8 characters of id>.caf.json`.
/// Characters that are unsafe in file names are left out; an id with none
/// left gives `CAF-draft.caf.json`.
pub fn export_file_name(draft: &Draft) -> String {
    let short_id: String = draft
        .id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(8)
        .collect();
    if short_id.is_empty() {
        "CAF-draft.caf.json".to_string()
    } else {
        format!("CAF-draft-{short_id}.caf.json")
    }
}

/// Refuses a file of `n_bytes` over [`MAX_IMPORT_BYTES`]. Called with the
/// file's size before it is read into memory, and again by [`decode_import`].
pub fn check_import_size(n_bytes: u64) -> Result<(), ImportError> {
    if n_bytes > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { n_bytes });
    }
    Ok(())
}

/// The notice after an import that left keys out: at most
/// [`MAX_UNKNOWN_KEYS_NAMED`] are named (each shortened by [`shown_name`]),
/// and the rest counted. `None` when
/// every key was known.
pub fn unknown_keys_notice(unknown_keys: &[String]) -> Option<String> {
    if unknown_keys.is_empty() {
        return None;
    }
    let named = unknown_keys
        .iter()
        .take(MAX_UNKNOWN_KEYS_NAMED)
        .map(|key| shown_name(key))
        .collect::<Vec<_>>()
        .join(", ");
    let n_more = unknown_keys.len().saturating_sub(MAX_UNKNOWN_KEYS_NAMED);
    let more = match n_more {
        0 => String::new(),
        1 => " and 1 more".to_string(),
        n => format!(" and {n} more"),
    };
    Some(format!(
        "These parts of the file were not recognised and were left out: {named}{more}."
    ))
}

/// Reads a draft file, applying every reading rule of `draft-format.md`.
pub fn decode_import(bytes: &[u8]) -> Result<Imported, ImportError> {
    check_import_size(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    // Some editors put a byte order mark in front of UTF-8; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|err| ImportError::NotJson {
        line: err.line(),
        column: err.column(),
    })?;
    let Value::Object(mut envelope) = root else {
        return Err(ImportError::WrongFormat { found: None });
    };
    match envelope.remove("format") {
        Some(Value::String(format)) if format == FORMAT_NAME => {}
        Some(Value::String(format)) => {
            return Err(ImportError::WrongFormat {
                found: Some(format),
            })
        }
        Some(_) | None => return Err(ImportError::WrongFormat { found: None }),
    }
    let version = read_version(envelope.remove("format_version"))?;
    let mut unknown_keys = Vec::new();
    let exported_at = match envelope.remove("exported_at") {
        None => String::new(),
        Some(value) => match conform(
            value,
            &Value::String(String::new()),
            "exported_at",
            &mut unknown_keys,
        )? {
            Value::String(text) => text,
            _ => String::new(),
        },
    };
    let draft_value = envelope.remove("draft").ok_or(ImportError::NoDraft)?;
    // Whatever is left in the envelope is unknown.
    unknown_keys.extend(envelope.keys().cloned());
    let draft_value = migrate(draft_value, version, OLDEST_FORMAT_VERSION, MIGRATIONS)?;
    check_list_lengths(&draft_value, "draft")?;
    let draft = read_draft(draft_value, &mut unknown_keys)?;
    Ok(Imported {
        draft,
        exported_at,
        unknown_keys,
    })
}

/// The text stored for `draft` under `caf.draft.<id>`: compact JSON of
/// `{"format_version": 1, "write_token": "...", "draft": {...}}`, the token
/// being `draft.write_token`.
pub fn encode_stored(draft: &Draft) -> String {
    let stored = StoredEnvelope {
        format_version: FORMAT_VERSION,
        write_token: &draft.write_token,
        draft,
    };
    // As in `encode_export`: a Draft always serialises. Through a `Value`,
    // as the fingerprint serialises it: one serialiser for all the draft's
    // types instead of two keeps the page's wasm smaller (the key order of
    // a stored entry does not matter; a draft file keeps the struct order).
    let value = serde_json::to_value(&stored).expect("a Draft always serialises to JSON");
    serde_json::to_string(&value).expect("a Value always serialises to JSON")
}

/// Reads a stored entry written by [`encode_stored`], migrating older versions.
/// Unknown keys are ignored silently (only a newer app writes them, and that
/// is caught by the version). Any error means: keep the raw text, do not
/// overwrite it.
pub fn decode_stored(text: &str) -> Result<Draft, StoredError> {
    if super::locked::is_locked_entry(text) {
        return Err(StoredError::Locked {
            reason: "could not be opened: it may be damaged, or locked with another passphrase"
                .to_owned(),
        });
    }
    let root: Value = serde_json::from_str(text).map_err(|_| StoredError::NotJson)?;
    let Value::Object(mut wrapper) = root else {
        return Err(StoredError::WrongShape {
            reason: "it is not a JSON object".to_string(),
        });
    };
    let version = match read_version(wrapper.remove("format_version")) {
        Ok(version) => version,
        Err(ImportError::NewerVersion { found }) => {
            return Err(StoredError::NewerVersion { found })
        }
        Err(err) => {
            return Err(StoredError::WrongShape {
                reason: err.to_string(),
            })
        }
    };
    // Entries stored before write tokens have none: "".
    let write_token = match wrapper.remove("write_token") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(token)) => token,
        Some(_) => {
            return Err(StoredError::WrongShape {
                reason: "its write token is not text".to_string(),
            })
        }
    };
    let draft_value = wrapper
        .remove("draft")
        .ok_or_else(|| StoredError::WrongShape {
            reason: "it has no draft in it".to_string(),
        })?;
    let draft_value =
        migrate(draft_value, version, OLDEST_FORMAT_VERSION, MIGRATIONS).map_err(|err| {
            StoredError::WrongShape {
                reason: err.to_string(),
            }
        })?;
    let mut ignored = Vec::new();
    let mut draft = read_draft(draft_value, &mut ignored).map_err(|err| match err {
        ImportError::WrongType {
            path,
            expected,
            found,
        } => StoredError::WrongShape {
            reason: format!("{found} at {} where {expected} belongs", shown_name(&path)),
        },
        other => StoredError::WrongShape {
            reason: other.to_string(),
        },
    })?;
    draft.write_token = write_token;
    Ok(draft)
}

/// Refuses a `draft` object with a list longer than [`MAX_LIST_ITEMS`]
/// anywhere in it, naming the list by its field path.
fn check_list_lengths(value: &Value, path: &str) -> Result<(), ImportError> {
    match value {
        Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                return Err(ImportError::TooManyItems {
                    path: path.to_string(),
                    n_items: items.len(),
                });
            }
            items
                .iter()
                .enumerate()
                .try_for_each(|(idx, item)| check_list_lengths(item, &format!("{path}[{idx}]")))
        }
        Value::Object(fields) => fields.iter().try_for_each(|(key, value)| {
            // As in `read_draft`: answers are named by their field paths.
            let child_path = match path {
                "draft" if key == "data" => String::new(),
                "" => key.clone(),
                _ => format!("{path}.{key}"),
            };
            check_list_lengths(value, &child_path)
        }),
        _ => Ok(()),
    }
}

/// Applies `chain` to a `draft` object of format version `from`, where
/// `chain[i]` upgrades version `oldest + i` to the next. Refuses versions
/// below `oldest` and above `oldest + chain.len()`. Public so tests can run
/// the scaffold with a made-up chain.
pub fn migrate(
    draft: Value,
    from: u64,
    oldest: u64,
    chain: &[Migration],
) -> Result<Value, ImportError> {
    let newest = oldest + chain.len() as u64;
    if from > newest {
        return Err(ImportError::NewerVersion { found: from });
    }
    if from < oldest {
        return Err(ImportError::BadVersion {
            found: from.to_string(),
        });
    }
    // `from - oldest` is at most `chain.len()`, which fits in usize.
    let first_step = usize::try_from(from - oldest).unwrap_or(chain.len());
    chain
        .iter()
        .skip(first_step)
        .try_fold(draft, |value, step| step(value))
}

/// A `Draft` whose every list has one default item: serialised, it is the
/// expected shape of a `draft` object, lists included.
pub fn shape_sample() -> Draft {
    // Keys left out of the JSON while empty: filled, so that they are known.
    let mut draft = Draft {
        imported_at: "sample".to_owned(),
        family_copied_from: CopiedFrom {
            draft_id: "sample".to_owned(),
            copied_at: "sample".to_owned(),
        },
        requests_made: 1,
        ..Draft::default()
    };
    let data = &mut draft.data;
    data.parents = vec![ParentDraft::default()];
    data.household = vec![HouseholdMemberDraft::default()];
    data.services = vec![ServiceDraft::default()];
    data.plan.team = vec![TeamMemberDraft {
        id: "sample".to_owned(),
        ..TeamMemberDraft::default()
    }];
    data.plan.lead.reasons = vec![String::new()];
    data.plan.actions = vec![ActionDraft {
        id: "sample".to_owned(),
        ..ActionDraft::default()
    }];
    data.consent.share_with = vec![String::new()];
    data.consent.history = vec![ConsentHistoryEntry::default()];
    data.reviews = vec![ReviewDraft {
        id: "sample".to_owned(),
        actions: vec![ReviewActionDraft::default()],
        ..ReviewDraft::default()
    }];
    data.meetings = vec![MeetingDraft {
        invited: vec![InviteeDraft::default()],
        present: vec![String::new()],
        apologies: vec![String::new()],
        requests: vec![request_sample()],
        contributions: vec![contribution_sample()],
        ..MeetingDraft::default()
    }];
    draft
}

/// A request with every key, as the JSON a meeting stores
/// (`domain::contribution::RequestDraft`). Written out as text, not
/// serialised from the type nor built by `json!` (code per key), so the
/// first load (which reads every draft) carries no code for its shape; a
/// test checks the two agree.
pub fn request_sample() -> Value {
    sample_json(r#"{"id":"","number":0,"member":"","made_on":"","actions":[""]}"#)
}

/// A contribution with every key, left out while empty or not, as the JSON
/// a meeting stores (`domain::contribution::ContributionDraft`); written out
/// for the same reason.
pub fn contribution_sample() -> Value {
    sample_json(
        r#"{"request_id":"","number":0,"member_id":"","written_at":"","read":false,
        "from":{"name":"","role":"","agency":"","phone":"","email":""},
        "answers":{"going_well":"","worries":"","offer":"","can_come":"",
        "progress":[{"action":"","what":"","status":"","progress":""}],
        "new_actions":[{"what":"","by_when":{"day":"","month":"","year":""},"how_we_know":""}]},
        "added":[""],"applied":[""]}"#,
    )
}

fn sample_json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The expected shape of a `draft` object, as JSON.
fn draft_shape() -> Value {
    serde_json::to_value(shape_sample()).unwrap_or(Value::Null)
}

fn read_version(value: Option<Value>) -> Result<u64, ImportError> {
    let version = match value {
        None => {
            return Err(ImportError::BadVersion {
                found: "none".to_string(),
            })
        }
        Some(Value::Number(number)) => number.as_u64().ok_or_else(|| ImportError::BadVersion {
            found: number.to_string(),
        })?,
        Some(other) => {
            return Err(ImportError::BadVersion {
                found: other.to_string(),
            })
        }
    };
    if version > FORMAT_VERSION {
        return Err(ImportError::NewerVersion { found: version });
    }
    Ok(version)
}

/// Conforms a `draft` object to the expected shape and deserialises it;
/// list items without a stable id get one (`domain::ids`).
fn read_draft(value: Value, unknown_keys: &mut Vec<String>) -> Result<Draft, ImportError> {
    let shape = draft_shape();
    let Value::Object(draft_shape) = &shape else {
        return Err(ImportError::NoDraft);
    };
    let fields = match value {
        Value::Object(fields) => fields,
        Value::Null => Map::new(),
        other => {
            return Err(ImportError::WrongType {
                path: "draft".to_string(),
                expected: describe(&shape),
                found: describe(&other),
            })
        }
    };
    let mut conformed = Map::new();
    for (key, value) in fields {
        // Answers are named by their form field paths; the bookkeeping beside
        // them by `draft.<key>`.
        let path = if key == "data" {
            String::new()
        } else {
            format!("draft.{key}")
        };
        match draft_shape.get(&key) {
            Some(expected) => {
                let value = conform(value, expected, &path, unknown_keys)?;
                conformed.insert(key, value);
            }
            None => unknown_keys.push(path),
        }
    }
    let mut draft: Draft =
        super::object_reader::from_object(Value::Object(conformed)).map_err(|err| {
            ImportError::WrongType {
                path: "draft".to_string(),
                expected: "a draft",
                found: if err.is_data() {
                    "something else"
                } else {
                    "unreadable data"
                },
            }
        })?;
    // Drafts from before item ids have none: made here, the same each time
    // the same draft is read, and written by its next save.
    give_missing_ids(&mut draft.data, derived_ids(&draft.id));
    Ok(draft)
}

/// Makes `value` fit `shape`, converting only where nothing is lost, and
/// listing keys not in `shape` in `unknown_keys`. `path` names `value`; the
/// empty path is the `data` object, whose children are named by field paths.
fn conform(
    value: Value,
    shape: &Value,
    path: &str,
    unknown_keys: &mut Vec<String>,
) -> Result<Value, ImportError> {
    let refuse = |value: &Value| ImportError::WrongType {
        path: if path.is_empty() {
            "data".to_string()
        } else {
            path.to_string()
        },
        expected: describe(shape),
        found: describe(value),
    };
    match (shape, value) {
        (Value::Object(fields_shape), Value::Object(fields)) => {
            let mut conformed = Map::new();
            for (key, value) in fields {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match fields_shape.get(&key) {
                    Some(expected) => {
                        let value = conform(value, expected, &child_path, unknown_keys)?;
                        conformed.insert(key, value);
                    }
                    None => unknown_keys.push(child_path),
                }
            }
            Ok(Value::Object(conformed))
        }
        (Value::Array(items_shape), Value::Array(items)) => {
            let Some(item_shape) = items_shape.first() else {
                // A list the sample left empty: nothing is known of its items.
                return Err(refuse(&Value::Array(items)));
            };
            items
                .into_iter()
                .enumerate()
                .map(|(idx, item)| {
                    conform(item, item_shape, &format!("{path}[{idx}]"), unknown_keys)
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        // Null means "nothing here": the empty value of whatever belongs.
        (Value::Object(_), Value::Null) => Ok(Value::Object(Map::new())),
        (Value::Array(_), Value::Null) => Ok(Value::Array(Vec::new())),
        (Value::String(_), Value::Null) => Ok(Value::String(String::new())),
        (Value::Bool(_), Value::Null) => Ok(Value::Bool(false)),
        (Value::Number(_), Value::Null) => Ok(Value::from(0_u64)),

        (Value::String(_), Value::String(text)) => Ok(Value::String(text)),
        (Value::String(_), Value::Number(number)) if number.is_i64() || number.is_u64() => {
            Ok(Value::String(number.to_string()))
        }
        (Value::String(_), Value::Bool(flag)) => Ok(Value::String(flag.to_string())),

        (Value::Bool(_), Value::Bool(flag)) => Ok(Value::Bool(flag)),
        (Value::Bool(_), Value::String(text)) if text == "true" => Ok(Value::Bool(true)),
        (Value::Bool(_), Value::String(text)) if text == "false" => Ok(Value::Bool(false)),

        (Value::Number(_), Value::Number(number)) if number.is_u64() => Ok(Value::Number(number)),
        (Value::Number(_), Value::String(text)) => match text.parse::<u64>() {
            // Only canonical digits: "007" or "+7" would not come back the same.
            Ok(number) if number.to_string() == text => Ok(Value::from(number)),
            _ => Err(refuse(&Value::String(text))),
        },

        (_, other) => Err(refuse(&other)),
    }
}

/// Plain words for a JSON value's type, for error messages.
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a yes/no value",
        Value::Number(number) if number.is_u64() => "a whole number",
        Value::Number(number) if number.is_i64() => "a negative number",
        Value::Number(_) => "a number with a fraction",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a group of fields",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_no_empty_lists(value: &Value, path: &str) {
        match value {
            Value::Array(items) => {
                assert!(!items.is_empty(), "shape_sample leaves {path} empty");
                for item in items {
                    assert_no_empty_lists(item, &format!("{path}[]"));
                }
            }
            Value::Object(fields) => {
                for (key, value) in fields {
                    assert_no_empty_lists(value, &format!("{path}.{key}"));
                }
            }
            _ => {}
        }
    }

    #[test]
    fn shape_sample_gives_every_list_an_item() {
        // Guards the one hand-written part: a new list in `Draft` must be added
        // to `shape_sample`, or its items could not be checked.
        assert_no_empty_lists(&draft_shape(), "draft");
    }

    #[test]
    fn describes_types_in_plain_words() {
        assert_eq!(
            describe(&serde_json::json!(1.5)),
            "a number with a fraction"
        );
        assert_eq!(describe(&serde_json::json!(-1)), "a negative number");
        assert_eq!(describe(&serde_json::json!({})), "a group of fields");
    }
}
