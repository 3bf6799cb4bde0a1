//! Unique Pupil Number: thirteen characters, the first a check letter by
//! modulus 23 (reference §4.2). Temporary UPNs end in a letter. Pure.

use std::fmt;

/// The UPN alphabet: A–Z without I, O and S, valued 0 to 22.
const ALPHABET: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A UPN whose check letter has been verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Upn([u8; 13]);

/// Why some typed text is not a UPN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpnError {
    /// Nothing was typed.
    Empty,
    /// Not 13 characters once spaces are removed.
    WrongLength {
        /// How many characters were typed (spaces not counted).
        n_chars: usize,
    },
    /// The first character is not a letter of the UPN alphabet.
    FirstNotALetter,
    /// Characters 2 to 12 are not all digits.
    MiddleNotDigits,
    /// The last character is neither a digit nor a letter of the UPN alphabet.
    LastNotDigitOrLetter,
    /// The check letter does not match the rest; usually a typing slip.
    CheckLetterMismatch,
}

impl Upn {
    /// Parses a UPN as typed: spaces are ignored and lower case is accepted.
    pub fn parse(text: &str) -> Result<Upn, UpnError> {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if chars.is_empty() {
            return Err(UpnError::Empty);
        }
        if chars.len() != 13 {
            return Err(UpnError::WrongLength {
                n_chars: chars.len(),
            });
        }
        let value_of_letter = |c: char| ALPHABET.iter().position(|&l| char::from(l) == c);
        let check = value_of_letter(chars[0]).ok_or(UpnError::FirstNotALetter)?;
        let mut sum = 0usize;
        for (i, &c) in chars.iter().enumerate().skip(1) {
            let position = i + 1;
            let value = match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => d as usize,
                _ if position == 13 => value_of_letter(c).ok_or(UpnError::LastNotDigitOrLetter)?,
                _ => return Err(UpnError::MiddleNotDigits),
            };
            sum += value * position;
        }
        if sum % 23 != check {
            return Err(UpnError::CheckLetterMismatch);
        }
        let mut bytes = [0u8; 13];
        for (byte, c) in bytes.iter_mut().zip(&chars) {
            // Every character was checked to be an ASCII digit or letter above.
            *byte = u8::try_from(*c).unwrap_or(b'?');
        }
        Ok(Upn(bytes))
    }

    /// Whether this is a temporary UPN (its last character is a letter).
    pub fn is_temporary(&self) -> bool {
        self.0[12].is_ascii_alphabetic()
    }
}

/// The thirteen characters in upper case, without spaces.
impl fmt::Display for Upn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in &self.0 {
            write!(f, "{}", char::from(b))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        assert!(Upn::parse("B801200005001").is_ok());
        assert!(Upn::parse("P207000016049").is_ok());
        // The published worked example with the wrong check letter.
        assert_eq!(
            Upn::parse("B207000016049"),
            Err(UpnError::CheckLetterMismatch)
        );
        assert_eq!(
            Upn::parse("Q207000016049"),
            Err(UpnError::CheckLetterMismatch)
        );
    }

    #[test]
    fn temporary_upns() {
        let upn = Upn::parse("M80120000500A");
        assert_eq!(upn.map(|u| u.is_temporary()), Ok(true));
        assert!(Upn::parse("K93812000001B").is_ok());
        assert_eq!(
            Upn::parse("B801200005001").map(|u| u.is_temporary()),
            Ok(false)
        );
    }

    #[test]
    fn lower_case_and_spaces_are_accepted() {
        let upn = Upn::parse(" b801 2000 05 001 ");
        assert_eq!(upn.map(|u| u.to_string()), Ok("B801200005001".to_string()));
        assert!(Upn::parse("m80120000500a").is_ok());
    }

    #[test]
    fn wrong_shapes() {
        assert_eq!(Upn::parse("  "), Err(UpnError::Empty));
        assert_eq!(
            Upn::parse("B80120000500"),
            Err(UpnError::WrongLength { n_chars: 12 })
        );
        assert_eq!(Upn::parse("1801200005001"), Err(UpnError::FirstNotALetter));
        // I, O and S are never used.
        assert_eq!(Upn::parse("I801200005001"), Err(UpnError::FirstNotALetter));
        assert_eq!(Upn::parse("B8012000050A1"), Err(UpnError::MiddleNotDigits));
        assert_eq!(
            Upn::parse("M80120000500O"),
            Err(UpnError::LastNotDigitOrLetter)
        );
        assert_eq!(
            Upn::parse("M80120000500é"),
            Err(UpnError::LastNotDigitOrLetter)
        );
        assert_eq!(
            Upn::parse("B80120000500١"),
            Err(UpnError::LastNotDigitOrLetter)
        );
    }
}
