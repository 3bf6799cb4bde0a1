//! Format checks, each a thin wrapper over a domain value type, chosen by a
//! field's `Check` in the form table. A blank answer always passes here:
//! whether an answer is needed is the table's `required`. A `Problem` names
//! the exact fault; `validate::words` says it.

use crate::domain::{
    Email, EmailError, NhsNumber, NhsNumberError, OfstedUrn, Phone, PhoneError, Postcode,
    PostcodeError, TimeError, TimeOfDay, Upn, UpnError,
};
use crate::form::Check;

/// What is wrong with a typed answer's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    NameCharacters,
    NameNoLetters,
    PhoneCharacters,
    PhoneUkLength,
    PhoneStart,
    PhoneInternationalLength,
    PhoneExtension,
    Email,
    Postcode,
    NhsFormat,
    NhsCheckDigit,
    UpnFormat,
    UpnCheckLetter,
    OfstedUrn,
    Time,
}

/// The problem with `text` under `check`, if any. Dates are checked in `check`.
pub fn problem(check: Check, text: &str) -> Option<Problem> {
    let result = match check {
        Check::None | Check::PastDate => Ok(()),
        Check::Name => name(text),
        Check::Phone => phone(text),
        Check::Email => email(text),
        Check::Postcode => postcode(text),
        Check::NhsNumber => nhs_number(text),
        Check::Upn => upn(text),
        Check::OfstedUrn => ofsted_urn(text),
        Check::Time => time(text),
    };
    result.err()
}

/// A UK or international telephone number.
pub fn phone(text: &str) -> Result<(), Problem> {
    match Phone::parse(text) {
        Ok(_) | Err(PhoneError::Empty) => Ok(()),
        Err(PhoneError::InvalidCharacter) => Err(Problem::PhoneCharacters),
        Err(PhoneError::UkWrongLength { .. }) => Err(Problem::PhoneUkLength),
        Err(PhoneError::UkMustStartWithZero) => Err(Problem::PhoneStart),
        Err(PhoneError::InternationalWrongLength { .. }) => Err(Problem::PhoneInternationalLength),
        Err(PhoneError::BadExtension) => Err(Problem::PhoneExtension),
    }
}

/// A WHATWG valid e-mail address.
pub fn email(text: &str) -> Result<(), Problem> {
    match Email::parse(text) {
        Ok(_) | Err(EmailError::Empty) => Ok(()),
        Err(_) => Err(Problem::Email),
    }
}

/// A UK postcode.
pub fn postcode(text: &str) -> Result<(), Problem> {
    match Postcode::parse(text) {
        Ok(_) | Err(PostcodeError::Empty) => Ok(()),
        Err(PostcodeError::InvalidCharacter | PostcodeError::WrongFormat) => Err(Problem::Postcode),
    }
}

/// An NHS number with a valid check digit.
pub fn nhs_number(text: &str) -> Result<(), Problem> {
    match NhsNumber::parse(text) {
        Ok(_) | Err(NhsNumberError::Empty) => Ok(()),
        Err(NhsNumberError::NotADigit | NhsNumberError::WrongLength { .. }) => {
            Err(Problem::NhsFormat)
        }
        Err(NhsNumberError::CheckDigitMismatch) => Err(Problem::NhsCheckDigit),
    }
}

/// A UPN with a valid check letter.
pub fn upn(text: &str) -> Result<(), Problem> {
    match Upn::parse(text) {
        Ok(_) | Err(UpnError::Empty) => Ok(()),
        Err(UpnError::CheckLetterMismatch) => Err(Problem::UpnCheckLetter),
        Err(_) => Err(Problem::UpnFormat),
    }
}

/// An Ofsted URN.
pub fn ofsted_urn(text: &str) -> Result<(), Problem> {
    match OfstedUrn::parse(text) {
        Ok(_) => Ok(()),
        Err(_) if text.trim().is_empty() => Ok(()),
        Err(_) => Err(Problem::OfstedUrn),
    }
}

/// A 24-hour `HH:MM` time.
pub fn time(text: &str) -> Result<(), Problem> {
    match TimeOfDay::parse(text) {
        Ok(_) | Err(TimeError::Empty) => Ok(()),
        Err(_) => Err(Problem::Time),
    }
}

/// A person's name: letters of any script, spaces, apostrophes, hyphens and
/// full stops (reference §4.7), with at least one letter.
pub fn name(text: &str) -> Result<(), Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    if !text.chars().all(is_name_char) {
        return Err(Problem::NameCharacters);
    }
    if !text.chars().any(char::is_alphabetic) {
        return Err(Problem::NameNoLetters);
    }
    Ok(())
}

/// Letters, combining marks (decomposed accents, Arabic vowel signs), the
/// joiners some scripts need, spaces, apostrophes (straight and curly),
/// hyphens and full stops. Bidirectional controls are not name characters.
fn is_name_char(c: char) -> bool {
    c.is_alphabetic()
        || matches!(
            c,
            ' ' | '\'' | '\u{2019}' | '-' | '.' | '\u{200C}' | '\u{200D}'
        )
        || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0B82..=0x0BCD | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script_pass() {
        for ok in [
            "Łukasiewicz-O'Brien",
            "Ελένη",
            "Олена",
            "محمد",
            "Siobhán",
            "Zoë",
            "Zoe\u{0308}",
            "O\u{2019}Neill",
            "J. R.",
            "مُحَمَّد",
            "नेहा",
            "李",
        ] {
            assert_eq!(name(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn names_with_other_characters_fail() {
        for bad in ["Anna2", "a@b", "\u{202E}Anna", "Anna_Smith", "😀"] {
            assert!(name(bad).is_err(), "{bad}");
        }
        assert_eq!(name("--"), Err(Problem::NameNoLetters));
    }

    #[test]
    fn blank_always_passes_format_checks() {
        for check in [
            phone, email, postcode, nhs_number, upn, ofsted_urn, time, name,
        ] {
            assert!(check("  ").is_ok());
        }
    }
}
