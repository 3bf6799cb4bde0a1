//! How a CAF is named on screen: the one rule for every place that names a
//! CAF (the drafts list, Recently deleted, the task list's heading, the note
//! on a CAF started for a brother or sister). Devices are shared, so a CAF
//! is named by the child's initials and year of birth, and by the full name
//! only after the drafts page's "Show names" (`show_names`). The answers
//! themselves (the form, Check answers, the PDF and the handout) always show
//! what was typed: they are the record being worked on, not a name for it.

use crate::domain::ChildDraft;

/// The name for a CAF about `child`: "ZŁ, born 2021", or the full name
/// when `show_names` and one was typed.
pub fn caf_name(child: &ChildDraft, show_names: bool) -> String {
    let full_name = format!("{} {}", child.given_name.trim(), child.family_name.trim());
    let full_name = full_name.trim();
    if show_names && !full_name.is_empty() {
        return full_name.to_owned();
    }
    let initials = format!(
        "{}{}",
        initial(&child.given_name),
        initial(&child.family_name)
    );
    let year = child.date_of_birth.year.trim();
    match (initials.is_empty(), year.is_empty()) {
        (true, true) => "A CAF with no name yet".to_owned(),
        (false, true) => initials,
        (true, false) => format!("Child born {year}"),
        (false, false) => format!("{initials}, born {year}"),
    }
}

/// The first letter of a name, in capitals (`ł` → `Ł`); `""` for none.
fn initial(name: &str) -> String {
    name.trim()
        .chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn child(given: &str, family: &str, year: &str) -> ChildDraft {
        let mut child = ChildDraft {
            given_name: given.into(),
            family_name: family.into(),
            ..ChildDraft::default()
        };
        child.date_of_birth.year = year.into();
        child
    }

    #[test]
    fn names_are_initials_and_year_until_show_names() {
        let zoe = child("Zoë", "łukasiewicz", "2021");
        assert_eq!(caf_name(&zoe, false), "ZŁ, born 2021");
        assert_eq!(caf_name(&zoe, true), "Zoë łukasiewicz");
        assert_eq!(caf_name(&child("", "", "2021"), false), "Child born 2021");
        assert_eq!(caf_name(&child("Tom", "", ""), false), "T");
        assert_eq!(
            caf_name(&child(" ", "", ""), true),
            "A CAF with no name yet"
        );
    }
}
