//! NHS number: ten digits, the last of which is a modulus-11 check digit
//! (reference §4.1). Pure; no I/O.

use std::fmt;

/// An NHS number whose check digit has been verified (not proof it is the child's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NhsNumber([u8; 10]);

/// Why some typed text is not an NHS number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NhsNumberError {
    /// Nothing was typed (after removing spaces and hyphens).
    Empty,
    /// Something other than a digit, a space or a hyphen was typed.
    NotADigit,
    /// There were not exactly ten digits.
    WrongLength {
        /// How many digits were typed.
        n_digits: usize,
    },
    /// The last digit does not match the others; usually a typing slip.
    CheckDigitMismatch,
}

impl NhsNumber {
    /// Parses a number as people type it, with or without spaces or hyphens
    /// ("943 476 5919", "943-476-5919").
    pub fn parse(text: &str) -> Result<NhsNumber, NhsNumberError> {
        let mut digits = Vec::new();
        for c in text.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let digit = c.to_digit(10).ok_or(NhsNumberError::NotADigit)?;
            digits.push(digit as u8);
        }
        let n_digits = digits.len();
        if n_digits == 0 {
            return Err(NhsNumberError::Empty);
        }
        let Ok(digits) = <[u8; 10]>::try_from(digits) else {
            return Err(NhsNumberError::WrongLength { n_digits });
        };
        if check_digit(&digits[..9]) != Some(digits[9]) {
            return Err(NhsNumberError::CheckDigitMismatch);
        }
        Ok(NhsNumber(digits))
    }

    /// Whether the number is in the 999 000 0000–999 999 9999 range, which
    /// passes the checksum but is only ever issued for testing (a warning).
    pub fn is_test_range(&self) -> bool {
        self.0[..3] == [9, 9, 9]
    }

    /// The ten digits, without spaces.
    pub fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

/// Shown as `943 476 5919`.
impl fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.digits();
        write!(f, "{} {} {}", &digits[..3], &digits[3..6], &digits[6..])
    }
}

/// Weights 10 down to 2 over nine digits; 11 becomes 0, and 10 means no valid number.
fn check_digit(first_nine: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (&digit, weight) in first_nine.iter().zip((2..=10).rev()) {
        sum += u32::from(digit) * weight;
    }
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        check => Some(check as u8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        for valid in [
            "9434765919",
            "4010232137",
            "6541003238",
            "0000000000",
            "9999999999",
        ] {
            assert!(NhsNumber::parse(valid).is_ok(), "{valid}");
        }
        assert_eq!(
            NhsNumber::parse("1234567890"),
            Err(NhsNumberError::CheckDigitMismatch)
        );
        assert_eq!(
            NhsNumber::parse("0000000001"),
            Err(NhsNumberError::CheckDigitMismatch)
        );
    }

    #[test]
    fn spaces_and_hyphens_are_ignored_and_display_is_3_3_4() {
        let number = NhsNumber::parse(" 943-476 5919 ");
        assert_eq!(
            number.map(|n| n.to_string()),
            Ok("943 476 5919".to_string())
        );
    }

    #[test]
    fn wrong_shapes() {
        assert_eq!(NhsNumber::parse(""), Err(NhsNumberError::Empty));
        assert_eq!(NhsNumber::parse(" - "), Err(NhsNumberError::Empty));
        assert_eq!(
            NhsNumber::parse("943476591"),
            Err(NhsNumberError::WrongLength { n_digits: 9 })
        );
        assert_eq!(
            NhsNumber::parse("94347659190"),
            Err(NhsNumberError::WrongLength { n_digits: 11 })
        );
        assert_eq!(
            NhsNumber::parse("943476591O"),
            Err(NhsNumberError::NotADigit)
        );
        assert_eq!(
            NhsNumber::parse("٩٤٣٤٧٦٥٩١٩"),
            Err(NhsNumberError::NotADigit)
        );
    }

    #[test]
    fn check_digit_ten_is_never_valid() {
        // 000000006x: sum = 6*2 = 12, 12 mod 11 = 1, 11 - 1 = 10, so no check digit works.
        for last in 0..10 {
            assert!(NhsNumber::parse(&format!("000000006{last}")).is_err());
        }
    }

    #[test]
    fn test_range_is_flagged() {
        assert_eq!(
            NhsNumber::parse("9999999999").map(|n| n.is_test_range()),
            Ok(true)
        );
        assert_eq!(
            NhsNumber::parse("9434765919").map(|n| n.is_test_range()),
            Ok(false)
        );
    }
}
