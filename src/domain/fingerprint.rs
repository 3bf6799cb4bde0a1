//! The content fingerprint (caf-form.md §4): the first 16 lowercase hex
//! characters of SHA-256 over the canonical JSON of *what the family agreed
//! to*: every answer and the terms of the agreement, without the record of
//! the agreement itself, the withdrawal and any timestamp.
//!
//! Canonical means object keys sorted by their UTF-8 bytes, no whitespace,
//! and empty values (empty strings, unticked ticks, empty lists and objects)
//! left out, so that a release adding an optional field does not change the
//! fingerprint of content that leaves it empty. Array items are never left
//! out (an empty item becomes `{}`), so items keep their places.
//!
//! Every list item's `id` (`domain::ids`) is left out too (caf-form.md
//! §4): it names the item, it is not content; and so are the meetings
//! (§3.13), which say how the team meets, not what the family agreed to.
//!
//! The record of an agreement (`domain::agreement`) stores the rule it was
//! made under: a record made under an earlier rule is out of date.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::Data;

/// The rule [`fingerprint`] follows, stored with each recorded agreement as
/// `consent.fingerprint_rule`. 0 (absent) is the first rule, which left the
/// whole consent block out and counted empty values; 2 is this one.
pub const FINGERPRINT_RULE: u64 = 2;

/// The keys of `consent` that are the record of the agreement, not its terms:
/// never part of the fingerprint.
const CONSENT_RECORD_KEYS: [&str; 6] = [
    "recorded_fingerprint",
    "recorded_at",
    "fingerprint_rule",
    "history",
    "withdrawn_on",
    "withdrawn_note",
];

/// The fingerprint of the content and the terms agreed: 16 lowercase hex characters.
pub fn fingerprint(data: &Data) -> String {
    let mut value = serde_json::to_value(data).unwrap_or(Value::Null);
    if let Some(Value::Object(consent)) = value.get_mut("consent") {
        for key in CONSENT_RECORD_KEYS {
            consent.remove(key);
        }
    }
    // Meetings are how the team meets, not what the family agreed to
    // (caf-form.md §3.13): planning one changes no agreement.
    if let Value::Object(data) = &mut value {
        data.remove(MEETINGS_KEY);
    }
    without_item_ids(&mut value);
    let mut canonical = String::new();
    if let Some(value) = without_empty(value) {
        write_canonical(&mut canonical, &value);
    }
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Leaves out the `id` of every list item (`domain::ids`): an id says
/// which item is which, not what the family agreed to, so giving items ids
/// changes no fingerprint. No list item had an `id` before ids were made,
/// so every earlier fingerprint stays as it was under the same rule.
fn without_item_ids(value: &mut Value) {
    match value {
        Value::Array(items) => {
            for item in items {
                if let Value::Object(fields) = item {
                    fields.remove(ITEM_ID_KEY);
                }
                without_item_ids(item);
            }
        }
        Value::Object(fields) => fields.values_mut().for_each(without_item_ids),
        _ => {}
    }
}

/// The key of the meetings in the answers, never part of the fingerprint.
const MEETINGS_KEY: &str = "meetings";

/// The key of a list item's stable id.
const ITEM_ID_KEY: &str = "id";

/// `value` with every empty value left out of objects; `None` if it is itself
/// empty. Array items stay in place: an empty item becomes `{}`.
fn without_empty(value: Value) -> Option<Value> {
    match value {
        Value::Object(map) => {
            let kept: serde_json::Map<String, Value> = map
                .into_iter()
                .filter_map(|(key, item)| without_empty(item).map(|item| (key, item)))
                .collect();
            (!kept.is_empty()).then_some(Value::Object(kept))
        }
        Value::Array(items) if items.is_empty() => None,
        Value::Array(items) => Some(Value::Array(
            items
                .into_iter()
                .map(|item| {
                    without_empty(item).unwrap_or_else(|| Value::Object(Default::default()))
                })
                .collect(),
        )),
        Value::String(text) if text.is_empty() => None,
        Value::Bool(false) | Value::Null => None,
        other => Some(other),
    }
}

/// Writes `value` as JSON with sorted keys and no whitespace.
pub fn write_canonical(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_canonical(out, item);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, item);
            }
            out.push(']');
        }
        Value::String(text) => write_string(out, text),
        Value::Number(number) => out.push_str(&number.to_string()),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Null => out.push_str("null"),
    }
}

/// A JSON string: `"` and `\` escaped, control characters as `\uXXXX`,
/// everything else as itself (UTF-8).
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_form_sorts_keys_and_has_no_whitespace() {
        let value = serde_json::json!({"b": [1, true, null], "a": {"d": "x\"\n", "c": 2.5}});
        let mut out = String::new();
        write_canonical(&mut out, &value);
        assert_eq!(out, r#"{"a":{"c":2.5,"d":"x\"\u000a"},"b":[1,true,null]}"#);
    }

    #[test]
    fn empty_values_are_left_out_but_array_items_keep_their_places() {
        let value = serde_json::json!({
            "a": "", "b": false, "c": [], "d": {"e": ""}, "f": [{"g": ""}, {"h": "x"}], "i": true
        });
        let mut out = String::new();
        write_canonical(&mut out, &without_empty(value).expect("not empty"));
        assert_eq!(out, r#"{"f":[{},{"h":"x"}],"i":true}"#);
    }

    #[test]
    fn item_ids_are_left_out() {
        let mut data = Data::default();
        data.plan.team = vec![crate::domain::TeamMemberDraft {
            name: "Jo Smith".to_owned(),
            ..Default::default()
        }];
        data.plan.actions = vec![crate::domain::ActionDraft::default()];
        let before = fingerprint(&data);
        crate::domain::give_missing_ids(&mut data, crate::domain::derived_ids("a1"));
        assert!(!data.plan.team[0].id.is_empty());
        assert_eq!(fingerprint(&data), before);
        data.plan.team[0].name.push('!');
        assert_ne!(fingerprint(&data), before);
    }

    #[test]
    fn sixteen_lowercase_hex_characters() {
        let print = fingerprint(&Data::default());
        assert_eq!(print.len(), 16);
        assert!(print
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }
}
