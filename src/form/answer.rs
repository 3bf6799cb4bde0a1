//! Answers in words, as check answers and the CAF PDF show them.

use crate::domain::{Data, NhsNumber, Postcode};
use crate::form::caf::blocks;
use crate::form::choices::label_of;
use crate::form::{Access, At, Block, Field, Format, Kind, List, Step};

/// The answer to `field` (list item `at`) in words; `None` when unanswered
/// or when the question is not shown (caf-form.md §4: a hidden answer stays
/// in the draft but is never shown back or printed). Text is returned
/// exactly as typed, except that a valid postcode or NHS number is written
/// in its standard form; dates as typed, `day/month/year`.
pub fn answer(field: &Field, data: &Data, at: impl Into<At>) -> Option<String> {
    let idx = at.into();
    if field.is_blank(data, idx) || !field.is_shown(data, idx) {
        return None;
    }
    let words = in_words(field, data, idx)?;
    Some(match field.format {
        Format::AsTyped => words,
        Format::Postcode => Postcode::parse(&words).map_or(words, |p| p.to_string()),
        Format::NhsNumber => NhsNumber::parse(&words).map_or(words, |n| n.to_string()),
    })
}

fn in_words(field: &Field, data: &Data, idx: At) -> Option<String> {
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

/// One answer as Check answers lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The question, with the list item in front ("Parent or carer 1: Name").
    pub label: String,
    /// The answer in words.
    pub value: String,
    /// The field path at its item (`parents[0].name`), for the Change link.
    pub path: String,
}

/// Every answered question of `step`, in page order, as Check answers
/// lists them (never a hidden one: `answer`).
pub fn step_answers(step: Step, data: &Data) -> Vec<Row> {
    let mut acc: Vec<Row> = Vec::new();
    let mut push = |field: &Field, idx: usize, prefix: &str| {
        if let Some(text) = answer(field, data, idx) {
            acc.push(Row {
                label: format!("{prefix}{}", field.label),
                value: text,
                path: field.path_at(idx),
            });
        }
    };
    for block in blocks(step) {
        match block {
            Block::Field(field) => push(field, 0, ""),
            Block::List(list) => {
                for idx in 0..(list.len)(data) {
                    let prefix = format!("{} {}: ", list.item, idx + 1);
                    for field in list.fields {
                        push(field, idx, &prefix);
                    }
                }
            }
            _ => (),
        }
    }
    acc
}

/// The most characters of one answer in an item's one-line summary.
const GIST_CHARS: usize = 60;

/// A list item in one line, for its collapsed summary: the first two
/// written (text) answers, joined by commas, each cut to a short length.
/// `""` when neither is written yet.
pub fn item_gist(list: &List, data: &Data, idx: usize) -> String {
    list.fields
        .iter()
        .filter(|field| matches!(field.kind, Kind::Text { .. } | Kind::LongText { .. }))
        .filter_map(|field| answer(field, data, idx))
        .take(2)
        .map(|text| {
            let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if one_line.chars().count() > GIST_CHARS {
                let cut: String = one_line.chars().take(GIST_CHARS - 1).collect();
                format!("{}…", cut.trim_end())
            } else {
                one_line
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
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

    #[test]
    fn a_valid_postcode_is_shown_normalised_and_an_invalid_one_as_typed() {
        let mut data = Data::default();
        data.child.postcode = "me4  4tr".into();
        assert_eq!(
            answer(&caf::CHILD_POSTCODE, &data, 0).as_deref(),
            Some("ME4 4TR")
        );
        assert_eq!(
            data.child.postcode, "me4  4tr",
            "the stored text stays as typed"
        );
        data.child.postcode = "not a postcode".into();
        assert_eq!(
            answer(&caf::CHILD_POSTCODE, &data, 0).as_deref(),
            Some("not a postcode")
        );
    }

    #[test]
    fn hidden_answers_are_not_shown_back() {
        let mut data = Data::default();
        data.child.disability = "no".into();
        data.child.disability_details = "Kept from when the answer was yes".into();
        assert_eq!(answer(&caf::CHILD_DISABILITY_DETAILS, &data, 0), None);
        data.child.disability = "yes".into();
        assert!(answer(&caf::CHILD_DISABILITY_DETAILS, &data, 0).is_some());
    }

    #[test]
    fn an_item_in_one_line_is_its_first_two_written_answers_cut_short() {
        let mut data = Data::default();
        assert_eq!(item_gist(&caf::ACTIONS, &data, 0), "");
        data.plan.actions.push(crate::domain::ActionDraft {
            need: "health".into(),
            what: format!("Weekly speech\nsessions {}", "and more ".repeat(10)),
            who: "Priya Shah".into(),
            ..Default::default()
        });
        let gist = item_gist(&caf::ACTIONS, &data, 0);
        let (what, who) = gist.rsplit_once(", ").expect("two answers");
        assert!(
            what.starts_with("Weekly speech sessions and more"),
            "{gist}"
        );
        assert!(
            what.ends_with('…') && what.chars().count() <= GIST_CHARS,
            "{gist}"
        );
        assert_eq!(who, "Priya Shah", "the need (a choice) is left out");
        assert!(!caf::ACTIONS.item_is_blank(&data, 0));
        assert!(caf::ACTIONS.item_is_blank(&Data::default(), 0));
        assert_eq!(caf::ACTIONS.item_path(2), "plan.actions[2]");
    }
}
