//! Reads the PNG out of a `data:image/png;base64,…` URL (the stored signature).

/// The PNG bytes of a base64 PNG data URL; `None` for anything else.
pub fn png_from_data_url(url: &str) -> Option<Vec<u8>> {
    let payload = url.trim().strip_prefix("data:image/png;base64,")?;
    let bytes = decode_base64(payload)?;
    bytes.starts_with(b"\x89PNG\r\n\x1a\n").then_some(bytes)
}

/// Standard base64 with optional padding; `None` on any other character.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut acc = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut n_bits = 0;
    for byte in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        n_bits += 6;
        if n_bits >= 8 {
            n_bits -= 8;
            acc.push((buffer >> n_bits) as u8);
            buffer &= (1 << n_bits) - 1;
        }
    }
    Some(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base64_with_and_without_padding() {
        assert_eq!(decode_base64("TWFu").as_deref(), Some(&b"Man"[..]));
        assert_eq!(decode_base64("TWE=").as_deref(), Some(&b"Ma"[..]));
        assert_eq!(decode_base64("TQ==").as_deref(), Some(&b"M"[..]));
        assert_eq!(decode_base64("T*=="), None);
    }

    #[test]
    fn only_png_data_urls_give_bytes() {
        // The eight-byte PNG signature, base64-encoded.
        assert!(png_from_data_url("data:image/png;base64,iVBORw0KGgo=").is_some());
        assert_eq!(
            png_from_data_url("data:image/jpeg;base64,iVBORw0KGgo="),
            None
        );
        assert_eq!(png_from_data_url(""), None);
        assert_eq!(png_from_data_url("data:image/png;base64,TWFu"), None);
    }
}
