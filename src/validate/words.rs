//! How messages name an answer and say what is wrong with it, in GOV.UK
//! style: what is wrong and how to fix it, no full stop. The nouns are the
//! form table's (`Field::noun`); only the sentences around them are here.

use crate::form::Field;
use crate::validate::rules::Problem;

/// `template` with `{n}` replaced by list item `idx`'s number (from 1).
pub fn fill(template: &str, idx: usize) -> String {
    template.replace("{n}", &(idx + 1).to_string())
}

/// The field of item `idx` as messages name it, without an article:
/// "child's given name", "phone number of parent or carer 2". A field with
/// no noun falls back to its path, so a message is never empty.
pub fn noun(field: &Field, idx: usize) -> String {
    if field.noun.is_empty() {
        field.path_at(idx)
    } else {
        fill(field.noun, idx)
    }
}

/// The noun with "the" in front where English needs it: "the child's given
/// name", but "your name" and "what will be done for action 1".
pub fn the(noun: &str) -> String {
    let bare = ["your ", "what ", "who ", "whether ", "how ", "why "];
    if bare.iter().any(|word| noun.starts_with(word)) {
        noun.to_owned()
    } else {
        format!("the {noun}")
    }
}

/// `text` with its first character upper-cased, to start a sentence.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The message for a text over its limit: by how much.
pub fn too_long(noun: &str, max: usize, typed: usize) -> String {
    let over = typed.saturating_sub(max);
    let what = if over == 1 { "character" } else { "characters" };
    format!(
        "{} must be {max} characters or fewer – you have {over} {what} too many",
        capitalise(noun)
    )
}

/// The message for a format `problem` of the answer named `noun`.
pub fn problem(problem: Problem, noun: &str) -> String {
    let subject = capitalise(noun);
    let the = the(noun);
    match problem {
        Problem::NameCharacters => format!(
            "{subject} must only include letters, spaces, hyphens, apostrophes and full stops"
        ),
        Problem::NameNoLetters => format!("{subject} must include at least one letter"),
        Problem::PhoneCharacters => {
            format!("Enter {the} with numbers only, like 01632 960 001 or +44 7700 900 982")
        }
        Problem::PhoneUkLength => {
            format!("{subject} must have 10 or 11 digits, like 01632 960 001 or 07700 900 982")
        }
        Problem::PhoneStart => format!(
            "{subject} must start with 0, or with + and the country code, like 01632 960 001 or +33 1 23 45 67 89"
        ),
        Problem::PhoneInternationalLength => format!(
            "{subject} must have + and 8 to 15 digits for a number outside the UK, like +33 1 23 45 67 89"
        ),
        Problem::PhoneExtension => format!(
            "Enter the extension of {the} as up to 6 digits after ‘ext’, like 01632 960 001 ext 123"
        ),
        Problem::Email => format!("Enter {the} in the correct format, like name@example.com"),
        Problem::Postcode => "Enter a real postcode, like ME4 4TR".to_owned(),
        Problem::NhsFormat => "Enter the NHS number as 10 digits, like 943 476 5919".to_owned(),
        Problem::NhsCheckDigit => {
            "Check the NHS number – it is not a real NHS number, so a digit may be mistyped"
                .to_owned()
        }
        Problem::UpnFormat => {
            "Enter the UPN as a letter and 12 more characters, like B801200005001".to_owned()
        }
        Problem::UpnCheckLetter => {
            "Check the UPN – its first letter does not match the numbers, so a character may be mistyped".to_owned()
        }
        Problem::OfstedUrn => {
            "Enter the Ofsted URN as 6 or 7 digits, or EY and 6 digits, like EY123456".to_owned()
        }
        Problem::Time => format!("Enter {the} in 24-hour format, like 14:30"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::caf;

    #[test]
    fn nouns_name_the_item() {
        assert_eq!(
            noun(&caf::PARENT_FIELDS[3], 1),
            "phone number of parent or carer 2"
        );
        assert_eq!(noun(&caf::NEEDS_DEVELOPMENT[0][1], 0), "notes on health");
        assert_eq!(noun(&caf::NEEDS_PARENTS[0][1], 0), "notes on basic care");
        assert_eq!(
            capitalise(&noun(&caf::CHILD_DATE_OF_BIRTH, 0)),
            "Date of birth"
        );
        assert_eq!(the(&noun(&caf::ASSESSOR_NAME, 0)), "your name");
        assert_eq!(
            the(&noun(&caf::ACTION_FIELDS[1], 0)),
            "what will be done for action 1"
        );
        assert_eq!(
            the(&noun(&caf::CHILD_GIVEN_NAME, 0)),
            "the child's given name"
        );
        assert_eq!(noun(&caf::CHILD_UNBORN, 0), "child.unborn");
    }

    #[test]
    fn over_long_text_says_by_how_much() {
        assert_eq!(
            too_long("child's address", 300, 302),
            "Child's address must be 300 characters or fewer – you have 2 characters too many"
        );
    }
}
