//! Ofsted unique reference number (URN) for childminders and nurseries:
//! 6 or 7 digits, or `EY` and 6 digits. Pure.

use std::fmt;

/// An Ofsted URN in its normal form (upper case, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OfstedUrn(String);

/// Why some typed text is not an Ofsted URN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfstedUrnError {
    /// Nothing was typed.
    Empty,
    /// Not 6–7 digits nor `EY` and 6 digits.
    WrongFormat,
}

impl OfstedUrn {
    /// Parses a URN as typed; spaces are ignored and `ey` is accepted.
    pub fn parse(text: &str) -> Result<OfstedUrn, OfstedUrnError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(OfstedUrnError::Empty);
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let ok = match compact.strip_prefix("EY") {
            Some(rest) => rest.len() == 6 && digits(rest),
            None => (6..=7).contains(&compact.len()) && digits(&compact),
        };
        if ok {
            Ok(OfstedUrn(compact))
        } else {
            Err(OfstedUrnError::WrongFormat)
        }
    }
}

/// The normal form, "EY123456".
impl fmt::Display for OfstedUrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_two_shapes() {
        for ok in ["123456", "1234567", "EY123456", "ey 123 456"] {
            assert!(OfstedUrn::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            OfstedUrn::parse("ey123456").map(|u| u.to_string()),
            Ok("EY123456".into())
        );
    }

    #[test]
    fn rejects_others() {
        assert_eq!(OfstedUrn::parse(""), Err(OfstedUrnError::Empty));
        for bad in [
            "12345",
            "12345678",
            "EY12345",
            "EY1234567",
            "EX123456",
            "12345a",
            "١٢٣٤٥٦",
        ] {
            assert_eq!(
                OfstedUrn::parse(bad),
                Err(OfstedUrnError::WrongFormat),
                "{bad}"
            );
        }
    }
}
