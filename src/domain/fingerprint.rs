//! The content fingerprint (caf-form.md §4): the first 16 lowercase hex
//! characters of SHA-256 over the canonical JSON of the answers without the
//! `consent` block. Canonical means object keys sorted by their UTF-8 bytes
//! and no whitespace; it is written here rather than trusting any map order.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::Data;

/// The fingerprint of the form content: 16 lowercase hex characters.
/// Agreement fields (`consent.*`, including when it was recorded) never change it.
pub fn fingerprint(data: &Data) -> String {
    let mut value = serde_json::to_value(data).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.remove("consent");
    }
    let mut canonical = String::new();
    write_canonical(&mut canonical, &value);
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
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
    fn sixteen_lowercase_hex_characters() {
        let print = fingerprint(&Data::default());
        assert_eq!(print.len(), 16);
        assert!(print
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    }
}
