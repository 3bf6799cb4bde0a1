//! Telephone numbers (reference §4.5): a UK number of 10 or 11 digits starting
//! with 0 (`+44`, `0044` and `(0)` forms normalise to a leading 0), or an
//! international number, `+` and 8 to 15 digits; either may have an extension
//! (`ext`, `x` or `#`). Format only: no number-range check. Pure.

use std::fmt;

/// A telephone number in its normal form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    /// `0…` for a UK number, `+…` for an international one; digits only.
    number: String,
    /// Extension digits, if any.
    extension: Option<String>,
}

/// Why some typed text is not a telephone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing was typed.
    Empty,
    /// Something other than digits, spaces, brackets, hyphens, dots or a
    /// leading `+` was typed.
    InvalidCharacter,
    /// A UK number that does not have 10 or 11 digits.
    UkWrongLength {
        /// How many digits the number has, counting the leading 0.
        n_digits: usize,
    },
    /// A number without `+` that does not start with 0.
    UkMustStartWithZero,
    /// An international number that does not have 8 to 15 digits.
    InternationalWrongLength {
        /// How many digits follow the `+`.
        n_digits: usize,
    },
    /// The extension is not 1 to 6 digits.
    BadExtension,
}

impl Phone {
    /// Parses a number as people type it: "01632 960 001", "+44 (0)7700 900982",
    /// "0044 20 7946 0000 ext. 12", "+33 1 23 45 67 89".
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (main, extension) = split_extension(text)?;
        let compact: String = main
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.'))
            .collect();
        let (international, rest) = if let Some(rest) = compact.strip_prefix('+') {
            (true, rest.to_string())
        } else if let Some(rest) = compact.strip_prefix("0044") {
            (true, format!("44{rest}"))
        } else {
            (false, compact)
        };
        // "+44 (0)20 …": the bracketed 0 is the UK trunk prefix, not a digit.
        let rest = match rest.strip_prefix("44(0)") {
            Some(after) if international => format!("44{after}"),
            _ => rest,
        };
        let digits: String = rest.chars().filter(|c| !matches!(c, '(' | ')')).collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::InvalidCharacter);
        }
        let number = if international {
            match digits.strip_prefix("44") {
                Some(national) => {
                    let national = national.strip_prefix('0').unwrap_or(national);
                    let uk = format!("0{national}");
                    check_uk(&uk)?;
                    uk
                }
                None => {
                    if !(8..=15).contains(&digits.len()) || digits.starts_with('0') {
                        return Err(PhoneError::InternationalWrongLength {
                            n_digits: digits.len(),
                        });
                    }
                    format!("+{digits}")
                }
            }
        } else {
            check_uk(&digits)?;
            digits
        };
        Ok(Phone { number, extension })
    }

    /// The number without spaces: `0…` (UK) or `+…` (international).
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The extension digits, if any.
    pub fn extension(&self) -> Option<&str> {
        self.extension.as_deref()
    }

    /// Whether this is a UK number (starts with 0).
    pub fn is_uk(&self) -> bool {
        self.number.starts_with('0')
    }
}

/// The number, then ` ext. 123` when there is an extension.
impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)?;
        if let Some(extension) = &self.extension {
            write!(f, " ext. {extension}")?;
        }
        Ok(())
    }
}

fn check_uk(digits: &str) -> Result<(), PhoneError> {
    if !digits.starts_with('0') {
        return Err(PhoneError::UkMustStartWithZero);
    }
    if !(10..=11).contains(&digits.len()) {
        return Err(PhoneError::UkWrongLength {
            n_digits: digits.len(),
        });
    }
    Ok(())
}

/// Splits off an extension introduced by `ext`, `extension`, `x` or `#`.
fn split_extension(text: &str) -> Result<(&str, Option<String>), PhoneError> {
    let lower = text.to_ascii_lowercase();
    // The marker is the first letter or `#`; the number itself has neither.
    let Some(at) = lower.find(|c: char| c.is_alphabetic() || c == '#') else {
        return Ok((text, None));
    };
    let marker_and_rest = &lower[at..];
    let rest = ["extension", "ext", "x", "#"]
        .iter()
        .find_map(|marker| marker_and_rest.strip_prefix(marker))
        .ok_or(PhoneError::InvalidCharacter)?;
    let rest = rest.trim_start_matches(|c: char| c == '.' || c == ':' || c.is_whitespace());
    if !(1..=6).contains(&rest.len()) || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PhoneError::BadExtension);
    }
    // `at` indexes `lower`, which has the same byte offsets as `text` because
    // ASCII lower-casing never changes a character's length.
    Ok((text.get(..at).unwrap_or(text), Some(rest.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(text: &str) -> Result<String, PhoneError> {
        Phone::parse(text).map(|p| p.to_string())
    }

    #[test]
    fn uk_numbers_in_every_written_form() {
        for (typed, expected) in [
            ("01632 960001", "01632960001"),
            ("07700 900982", "07700900982"),
            ("(01632) 960-001", "01632960001"),
            ("020 7946 0000", "02079460000"),
            ("0300 123 1234", "03001231234"),
            ("0800 123 456", "0800123456"),
            ("+44 7700 900982", "07700900982"),
            ("+44 (0)7700 900982", "07700900982"),
            ("+44(0)20 7946 0000", "02079460000"),
            ("0044 20 7946 0000", "02079460000"),
            ("+4407700900982", "07700900982"),
        ] {
            assert_eq!(normal(typed), Ok(expected.to_string()), "{typed}");
        }
    }

    #[test]
    fn extensions() {
        assert_eq!(
            normal("01632 960001 ext 123"),
            Ok("01632960001 ext. 123".into())
        );
        assert_eq!(
            normal("01632 960001 ext. 12"),
            Ok("01632960001 ext. 12".into())
        );
        assert_eq!(normal("01632 960001 x45"), Ok("01632960001 ext. 45".into()));
        assert_eq!(normal("01632 960001 #6"), Ok("01632960001 ext. 6".into()));
        assert_eq!(
            normal("01632 960001 Extension 7"),
            Ok("01632960001 ext. 7".into())
        );
        assert_eq!(normal("01632 960001 ext"), Err(PhoneError::BadExtension));
        assert_eq!(
            normal("01632 960001 ext 1234567"),
            Err(PhoneError::BadExtension)
        );
    }

    #[test]
    fn international_numbers() {
        assert_eq!(normal("+33 1 23 45 67 89"), Ok("+33123456789".into()));
        assert_eq!(normal("+1 (202) 555-0143"), Ok("+12025550143".into()));
        assert_eq!(
            normal("+1234567"),
            Err(PhoneError::InternationalWrongLength { n_digits: 7 })
        );
        assert_eq!(
            normal("+1234567890123456"),
            Err(PhoneError::InternationalWrongLength { n_digits: 16 })
        );
    }

    #[test]
    fn wrong_numbers() {
        assert_eq!(normal("  "), Err(PhoneError::Empty));
        assert_eq!(normal("0163296000"), Ok("0163296000".into()));
        assert_eq!(
            normal("016329600"),
            Err(PhoneError::UkWrongLength { n_digits: 9 })
        );
        assert_eq!(
            normal("016329600012"),
            Err(PhoneError::UkWrongLength { n_digits: 12 })
        );
        assert_eq!(normal("7700 900982"), Err(PhoneError::UkMustStartWithZero));
        assert_eq!(
            normal("+44 77009009"),
            Err(PhoneError::UkWrongLength { n_digits: 9 })
        );
        assert_eq!(normal("call me"), Err(PhoneError::InvalidCharacter));
        assert_eq!(normal("0770O 900982"), Err(PhoneError::InvalidCharacter));
        assert_eq!(normal("٠٧٧٠٠٩٠٠٩٨٢"), Err(PhoneError::InvalidCharacter));
        assert_eq!(normal("+"), Err(PhoneError::InvalidCharacter));
    }
}
