//! E-mail addresses by the WHATWG "valid e-mail address" rule (reference §4.6),
//! the rule browsers use for `<input type=email>`, written by hand: no regex
//! crate, and not `validator`'s e-mail check, which would add a large Unicode
//! table to the page. Pure.

use std::fmt;

/// An e-mail address that matches the WHATWG grammar (trimmed, as typed).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// Why some typed text is not a valid e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    /// Nothing was typed.
    Empty,
    /// There is no `@`.
    MissingAt,
    /// The part before the `@` is empty or has a character not allowed there.
    InvalidLocalPart,
    /// The part after the `@` is not dot-separated labels of letters, digits
    /// and hyphens (each 1–63 characters, not starting or ending with a hyphen).
    InvalidDomain,
}

impl Email {
    /// Checks an address as typed (surrounding spaces are ignored).
    pub fn parse(text: &str) -> Result<Email, EmailError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        let (local, domain) = text.split_once('@').ok_or(EmailError::MissingAt)?;
        if local.is_empty() || !local.bytes().all(|b| is_atext(b) || b == b'.') {
            return Err(EmailError::InvalidLocalPart);
        }
        if !domain.split('.').all(is_label) {
            return Err(EmailError::InvalidDomain);
        }
        Ok(Email(text.to_string()))
    }

    /// The address, trimmed.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The address, trimmed.
impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// WHATWG's local-part characters: `[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]` without the dot.
fn is_atext(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b)
}

/// `[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?`
fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_addresses() {
        for ok in [
            "name@example.com",
            " first.last@example.co.uk ",
            "o'brien+caf@nhs.net",
            "a@b",
            "x@a-b.example",
            ".odd.but.allowed.@example.com",
            "!#$%&'*+/=?^_`{|}~-@example.com",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        let label63 = "a".repeat(63);
        assert!(Email::parse(&format!("a@{label63}.com")).is_ok());
    }

    #[test]
    fn invalid_addresses() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("name.example.com"), Err(EmailError::MissingAt));
        assert_eq!(
            Email::parse("@example.com"),
            Err(EmailError::InvalidLocalPart)
        );
        assert_eq!(
            Email::parse("a b@example.com"),
            Err(EmailError::InvalidLocalPart)
        );
        assert_eq!(
            Email::parse("zoë@example.com"),
            Err(EmailError::InvalidLocalPart)
        );
        assert_eq!(
            Email::parse("\"q\"@example.com"),
            Err(EmailError::InvalidLocalPart)
        );
        assert_eq!(
            Email::parse("a@b@example.com"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(Email::parse("a@"), Err(EmailError::InvalidDomain));
        assert_eq!(
            Email::parse("a@example..com"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(
            Email::parse("a@example.com."),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(
            Email::parse("a@-example.com"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(
            Email::parse("a@example-.com"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(
            Email::parse("a@exa_mple.com"),
            Err(EmailError::InvalidDomain)
        );
        assert_eq!(Email::parse("a@bücher.de"), Err(EmailError::InvalidDomain));
        let label64 = "a".repeat(64);
        assert_eq!(
            Email::parse(&format!("a@{label64}.com")),
            Err(EmailError::InvalidDomain)
        );
    }
}
