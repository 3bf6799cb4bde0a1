//! Issue 14: the form is data, so one table entry is enough for a question.
//! This test adds questions that are in no table of the app, only here, and
//! sees each checked, written back in words and kept through the stored
//! draft's format, with no other edit anywhere. (The step pages render any
//! `Field` through the same generic `FieldView`; `web_app.rs` covers that.)
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::{Data, Date, Draft, Settings};
use caf_lite::form::answer::answer;
use caf_lite::form::{Access, At, Choice, Field, InputType, Kind, Required, Width};
use caf_lite::storage::format::{decode_stored, encode_stored};
use caf_lite::validate::check_fields;

/// A made-up question: the child's favourite colour, needed unless the
/// child is unborn, at most 12 characters. It keeps its answer in a slot of
/// the draft no step checks, so adding it needs no change to the draft.
static FAVOURITE_COLOUR: Field = Field::new(
    "child.setting",
    "Favourite colour",
    "",
    Kind::Text {
        input: InputType::Text,
        width: Width::Half,
    },
    Access::Text(
        |data, _| Some(&data.child.setting),
        |data, _| Some(&mut data.child.setting),
    ),
)
.noun("child's favourite colour")
.required(Required::When(|data, _| !data.child.unborn))
.max_chars(12);

const SEASONS: &[Choice] = &[
    Choice {
        code: "summer",
        label: "Summer",
    },
    Choice {
        code: "winter",
        label: "Winter",
    },
];

/// A made-up choice question, in another unchecked slot.
static FAVOURITE_SEASON: Field = Field::new(
    "child.first_language",
    "Favourite season",
    "",
    Kind::Radios(SEASONS),
    Access::Text(
        |data, _| Some(&data.child.first_language),
        |data, _| Some(&mut data.child.first_language),
    ),
)
.missing("Select the child's favourite season");

fn messages(data: &Data) -> Vec<(String, String)> {
    let today = Date::new(2026, 11, 23).expect("a real date");
    check_fields(
        &[&FAVOURITE_COLOUR, &FAVOURITE_SEASON],
        0,
        data,
        today,
        &Settings::default(),
    )
    .issues()
    .iter()
    .map(|issue| (issue.path.clone(), issue.message.clone()))
    .collect()
}

fn issue(path: &str, message: &str) -> (String, String) {
    (path.to_owned(), message.to_owned())
}

#[test]
fn a_question_added_only_to_a_table_is_checked_in_words_and_kept() {
    let mut data = Data::default();
    assert_eq!(
        messages(&data),
        [
            issue("child.setting", "Enter the child's favourite colour"),
            issue(
                "child.first_language",
                "Select the child's favourite season"
            ),
        ]
    );
    data.child.unborn = true;
    assert_eq!(
        messages(&data),
        [issue(
            "child.first_language",
            "Select the child's favourite season"
        )],
        "its own rule for when it is needed"
    );

    let Access::Text(_, set_colour) = FAVOURITE_COLOUR.access else {
        unreachable!("a text question")
    };
    let Access::Text(_, set_season) = FAVOURITE_SEASON.access else {
        unreachable!("a text question")
    };
    *set_colour(&mut data, At::default()).expect("a slot") = "Blue-green with stripes".into();
    *set_season(&mut data, At::default()).expect("a slot") = "spring".into();
    assert_eq!(
        messages(&data),
        [
            issue(
                "child.setting",
                "Child's favourite colour must be 12 characters or fewer – you have 11 characters too many"
            ),
            issue("child.first_language", "Select the child's favourite season"),
        ],
        "its limit, and only its own choices"
    );

    *set_colour(&mut data, At::default()).expect("a slot") = "Blue".into();
    *set_season(&mut data, At::default()).expect("a slot") = "winter".into();
    assert_eq!(messages(&data), []);
    assert_eq!(answer(&FAVOURITE_COLOUR, &data, 0).as_deref(), Some("Blue"));
    assert_eq!(
        answer(&FAVOURITE_SEASON, &data, 0).as_deref(),
        Some("Winter"),
        "written back in its choice's words"
    );

    let draft = Draft {
        id: "3f2a9c1e-7b44-4d0a-9e51-2c8f0a6d1b73".into(),
        data,
        ..Draft::default()
    };
    let stored = decode_stored(&encode_stored(&draft)).expect("the stored draft reads back");
    assert_eq!(
        answer(&FAVOURITE_COLOUR, &stored.data, 0).as_deref(),
        Some("Blue")
    );
    assert_eq!(
        answer(&FAVOURITE_SEASON, &stored.data, 0).as_deref(),
        Some("Winter")
    );
}
