//! UK postcode (reference §4.3): `GIR 0AA`, or an outward code `A9`, `A99`,
//! `AA9`, `AA99`, `A9A` or `AA9A` and an inward code `9AA`, with the letter
//! limits of the official pattern. Pure; no look-up.

use std::fmt;

/// A postcode in its normal form: upper case, one space before the last three
/// characters ("ME4 4TR").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Postcode(String);

/// Why some typed text is not a UK postcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostcodeError {
    /// Nothing was typed.
    Empty,
    /// Something other than a letter, a digit or a space was typed.
    InvalidCharacter,
    /// The letters and digits are not in the shape of a UK postcode.
    WrongFormat,
}

impl Postcode {
    /// Parses a postcode as typed, in any case and with any spacing.
    pub fn parse(text: &str) -> Result<Postcode, PostcodeError> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if compact.is_empty() {
            return Err(PostcodeError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(PostcodeError::InvalidCharacter);
        }
        if compact != "GIR0AA" && !is_postcode(compact.as_bytes()) {
            return Err(PostcodeError::WrongFormat);
        }
        let split = compact.len() - 3;
        Ok(Postcode(format!(
            "{} {}",
            &compact[..split],
            &compact[split..]
        )))
    }

    /// The normal form, "ME4 4TR".
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The normal form, "ME4 4TR".
impl fmt::Display for Postcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Upper-case ASCII letters and digits only.
fn is_postcode(code: &[u8]) -> bool {
    if !(5..=7).contains(&code.len()) {
        return false;
    }
    let (outward, inward) = code.split_at(code.len() - 3);
    let inward_letter = |b: u8| b.is_ascii_uppercase() && !b"CIKMOV".contains(&b);
    if !(inward[0].is_ascii_digit() && inward_letter(inward[1]) && inward_letter(inward[2])) {
        return false;
    }
    let first = |b: u8| b.is_ascii_uppercase() && !b"QVX".contains(&b);
    let second = |b: u8| b.is_ascii_uppercase() && !b"IJZ".contains(&b);
    // Royal Mail's set for the letter in `A9A`; P is in it (N1P is a live district).
    let third = |b: u8| b"ABCDEFGHJKPSTUW".contains(&b);
    let fourth = |b: u8| b"ABEHMNPRVWXY".contains(&b);
    let digit = |b: u8| b.is_ascii_digit();
    match *outward {
        [a, n] => first(a) && digit(n),
        [a, b, n] if first(a) && second(b) && digit(n) => true,
        [a, n, m] => first(a) && digit(n) && (digit(m) || third(m)),
        [a, b, n, m] => first(a) && second(b) && digit(n) && (digit(m) || fourth(m)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(text: &str) -> Result<String, PostcodeError> {
        Postcode::parse(text).map(|p| p.to_string())
    }

    #[test]
    fn every_outward_shape() {
        for (typed, expected) in [
            ("ME4 4TR", "ME4 4TR"),
            ("M1 1AE", "M1 1AE"),
            ("B33 8TH", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 0AX", "W1A 0AX"),
            ("n1p 4aa", "N1P 4AA"),
            ("EC1A 1BB", "EC1A 1BB"),
            ("SW1A 2AA", "SW1A 2AA"),
        ] {
            assert_eq!(normal(typed), Ok(expected.to_string()), "{typed}");
        }
    }

    #[test]
    fn normalises_case_and_spacing() {
        assert_eq!(normal(" sw1a1aa "), Ok("SW1A 1AA".to_string()));
        assert_eq!(normal("me 4 4 t r"), Ok("ME4 4TR".to_string()));
        assert_eq!(normal("gir0aa"), Ok("GIR 0AA".to_string()));
        assert_eq!(normal("GIR 0AA"), Ok("GIR 0AA".to_string()));
    }

    #[test]
    fn rejects_wrong_shapes_and_letters() {
        assert_eq!(normal(""), Err(PostcodeError::Empty));
        assert_eq!(normal("ME4-4TR"), Err(PostcodeError::InvalidCharacter));
        assert_eq!(normal("МЕ4 4TR"), Err(PostcodeError::InvalidCharacter));
        for bad in [
            "ME4",
            "12345",
            "ME44 4TRX",
            "QA1 1AA",
            "VE1 1AA",
            "XA1 1AA",
            "AI1 1AA",
            "AZ1 1AA",
        ] {
            assert_eq!(normal(bad), Err(PostcodeError::WrongFormat), "{bad}");
        }
        // Inward letters never use C, I, K, M, O or V.
        assert_eq!(normal("SW1A 1CA"), Err(PostcodeError::WrongFormat));
        assert_eq!(normal("SW1A 1AV"), Err(PostcodeError::WrongFormat));
        // Third letter in A9A, fourth in AA9A are limited.
        assert_eq!(normal("W1I 0AX"), Err(PostcodeError::WrongFormat));
        assert_eq!(normal("EC1C 1BB"), Err(PostcodeError::WrongFormat));
        // The partial-match bug of the published pattern: junk around a postcode.
        assert_eq!(normal("XME4 4TR"), Err(PostcodeError::WrongFormat));
        assert_eq!(normal("GIR 0AAA"), Err(PostcodeError::WrongFormat));
    }
}
