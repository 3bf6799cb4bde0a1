//! Answers in words, as check answers and the CAF PDF show them.

use crate::domain::Data;
use crate::form::choices::label_of;
use crate::form::{Access, Field, Kind};

/// The answer to `field` (list item `idx`) in words; `None` when unanswered.
/// Text is returned exactly as typed; dates as typed, `day/month/year`.
pub fn answer(field: &Field, data: &Data, idx: usize) -> Option<String> {
    if field.is_blank(data, idx) {
        return None;
    }
    match (field.kind, field.access) {
        (Kind::Radios(choices) | Kind::Select(choices), Access::Text(get, _)) => {
            get(data, idx).map(|code| label_of(choices, code).to_owned())
        }
        (_, Access::Text(get, _)) => get(data, idx).cloned(),
        (_, Access::Date(get, _)) => get(data, idx).map(|date| {
            format!(
                "{}/{}/{}",
                date.day.trim(),
                date.month.trim(),
                date.year.trim()
            )
        }),
        (_, Access::Bool(get, _)) => get(data, idx).map(|_| "Yes".to_owned()),
        (Kind::Checkboxes(choices), Access::Strings(get, _)) => get(data, idx).map(|values| {
            values
                .iter()
                .map(|value| label_of(choices, value).to_owned())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        (_, Access::Strings(get, _)) => get(data, idx).map(|values| values.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::caf;

    #[test]
    fn choices_show_their_words_and_text_stays_as_typed() {
        let mut data = Data::default();
        data.child.sex = "female".into();
        data.child.given_name = "<script>Zoë & co".into();
        data.child.date_of_birth.day = "31".into();
        data.child.date_of_birth.month = "2".into();
        data.child.date_of_birth.year = "2020".into();
        assert_eq!(answer(&caf::CHILD_SEX, &data, 0).as_deref(), Some("Female"));
        assert_eq!(
            answer(&caf::CHILD_GIVEN_NAME, &data, 0).as_deref(),
            Some("<script>Zoë & co")
        );
        assert_eq!(
            answer(&caf::CHILD_DATE_OF_BIRTH, &data, 0).as_deref(),
            Some("31/2/2020")
        );
        assert_eq!(answer(&caf::CHILD_KNOWN_AS, &data, 0), None);
        assert_eq!(answer(&caf::CHILD_UNBORN, &data, 0), None);
    }
}
