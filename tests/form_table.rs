//! The form description matches the draft: every field's path names exactly
//! the place in the stored draft that its accessor reads and writes.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::{Data, DateDraft, ReviewDraft};
use caf_lite::form::caf::{self, blocks, fields};
use caf_lite::form::{control_id, Access, At, Block, Check, Field, Kind, Required, Rule, Step};
use serde_json::Value;

/// A draft with one item in every list, so list item fields have a place.
fn data_with_one_of_each() -> Data {
    let mut data = Data::default();
    for step in Step::ALL {
        for block in blocks(step) {
            if let Block::List(list) = block {
                (list.add)(&mut data, format!("{}-1", list.path));
            }
        }
    }
    data.reviews.push(ReviewDraft {
        actions: vec![Default::default()],
        ..Default::default()
    });
    data
}

fn lookup<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = value;
    for segment in path.split('.') {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        at = at.get(key)?;
        if let Some(idx) = index {
            at = at.get(idx)?;
        }
    }
    Some(at)
}

/// Every question of the form: each step's, then a review's, then those of
/// the lists inside a review.
fn all_fields() -> Vec<&'static Field> {
    let mut all: Vec<&Field> = Vec::new();
    for step in Step::ALL {
        all.extend(fields(step));
    }
    all.extend(caf::REVIEW_FIELDS.iter());
    // The lists inside a review (its record of the actions).
    for sub in caf::REVIEWS.lists {
        all.extend(sub.fields.iter());
    }
    all
}

#[test]
fn every_field_path_names_the_value_its_accessor_writes() {
    let all = all_fields();
    assert!(
        all.len() > 100,
        "the table describes every question, found {}",
        all.len()
    );
    for field in all {
        let mut data = data_with_one_of_each();
        let path = field.path_at(0);
        let marker = format!("<{path}>");
        let expected = match field.access {
            Access::Text(_, set) => {
                *set(&mut data, At::default()).expect("item 0 exists") = marker.clone();
                Value::String(marker)
            }
            Access::Date(_, set) => {
                *set(&mut data, At::default()).expect("item 0 exists") = DateDraft {
                    day: "1".into(),
                    month: "2".into(),
                    year: marker.clone(),
                };
                serde_json::json!({ "day": "1", "month": "2", "year": marker })
            }
            Access::Bool(_, set) => {
                *set(&mut data, At::default()).expect("item 0 exists") = true;
                Value::Bool(true)
            }
            Access::Strings(_, set) => {
                *set(&mut data, At::default()).expect("item 0 exists") = vec![marker.clone()];
                serde_json::json!([marker])
            }
        };
        let json = serde_json::to_value(&data).expect("data serialises");
        assert_eq!(lookup(&json, &path), Some(&expected), "field {path}");
    }
}

#[test]
fn control_ids_are_unique_within_each_step() {
    for step in Step::ALL {
        let mut ids: Vec<String> = fields(step)
            .iter()
            .map(|f| control_id(&f.path_at(0)))
            .collect();
        let n_ids = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(
            ids.len(),
            n_ids,
            "duplicate control id on step {}",
            step.id()
        );
    }
}

/// Issue 16: on a phone the needs page is a list of ratings. An element's
/// notes open when they are needed (a concern) or already hold text; for a
/// strength or no concern they open only on request ("Add notes").
#[test]
fn needs_notes_open_for_a_concern_or_on_request() {
    let mut data = Data::default();
    let path = "needs.health.notes";
    for (rating, shown) in [
        ("", false),
        ("strength", false),
        ("no_concern", false),
        ("some_concern", true),
        ("significant_concern", true),
    ] {
        data.needs.health.rating = rating.into();
        assert_eq!(caf::is_shown(path, &data), shown, "rated {rating:?}");
    }
    data.needs.health.rating = "strength".into();
    data.needs.health.notes = "Loves drawing".into();
    assert!(
        caf::is_shown(path, &data),
        "notes already written stay in view"
    );
    assert_eq!(caf::on_request(path), Some("Add notes"));
    assert_eq!(caf::on_request("child.disability_details"), None);
}

/// Issue 16: the notes box's label is short on screen, and the element's
/// name is still part of what a screen reader hears.
#[test]
fn needs_notes_labels_are_short_and_still_name_their_element() {
    for (_, elements) in caf::NEEDS_DOMAINS.iter() {
        for [rating, notes] in elements.iter() {
            let (shown, heard) = caf::label_parts(notes);
            assert_eq!(shown, "Notes", "{}", notes.path);
            assert_eq!(format!("{shown}{heard}"), notes.label);
            assert!(heard.contains(rating.label), "{}", notes.path);
        }
    }
    assert_eq!(caf::label_parts(&caf::CHILD_GIVEN_NAME).1, "");
}

/// Issue 14: what a message says about a question comes from its entry in
/// the table. A question that can be reported on has the noun messages name
/// it by, and a choice or tick has the message it gets when unanswered or
/// answered with a code that is not one of its choices.
#[test]
fn every_question_that_can_be_reported_on_says_how_in_the_table() {
    for field in all_fields() {
        let open_checkboxes = matches!(field.kind, Kind::Checkboxes(choices) if choices.is_empty());
        let reported = !field.is_optional()
            || field.check != Check::None
            || field.max_chars.is_some()
            || (!field.choices().is_empty() && !open_checkboxes);
        if !reported {
            continue;
        }
        match field.kind {
            Kind::Radios(_) | Kind::Select(_) | Kind::Checkboxes(_) | Kind::Tick => {
                assert!(!field.missing.is_empty(), "{} has no message", field.path)
            }
            Kind::Text { .. } | Kind::LongText { .. } | Kind::Date => {
                assert!(!field.noun.is_empty(), "{} has no noun", field.path)
            }
        }
    }
}

/// Issue 14: a long text's limit is the one its counter shows, for every
/// long text; a review's comments and closing notes had a counter and no
/// check, because the limit was written in two places.
#[test]
fn every_long_text_is_checked_against_the_limit_its_counter_shows() {
    let mut data = caf_lite::domain::Data::default();
    data.reviews.push(Default::default());
    data.reviews[0].child_comments = "a".repeat(1001);
    // Closing notes show (and so are checked) only when the review closes.
    data.reviews[0].decision = "close".into();
    data.reviews[0].closure_notes = "a".repeat(1002);
    let report = caf_lite::validate::check(
        &data,
        caf_lite::domain::Date::new(2026, 3, 27).expect("a real date"),
        &caf_lite::domain::Settings::default(),
    )
    .report;
    let messages = |path| -> Vec<String> {
        report
            .for_path(path)
            .map(|issue| issue.message.clone())
            .collect()
    };
    assert_eq!(
        messages("reviews[0].child_comments"),
        ["Child's comments at review 1 must be 1000 characters or fewer – you have 1 character too many"]
    );
    assert_eq!(
        messages("reviews[0].closure_notes"),
        ["Closure notes for review 1 must be 1000 characters or fewer – you have 2 characters too many"]
    );
    for field in all_fields() {
        if let Kind::LongText { max_chars } = field.kind {
            assert_eq!(field.max_chars, Some(max_chars), "{}", field.path);
        }
    }
}

/// Issue 14: when a question is shown is part of its table entry, read the
/// same way for a step's questions and a review's (the reviews page had its
/// own `<Show>` restating the decision).
#[test]
fn a_question_says_in_the_table_when_it_is_shown() {
    let mut data = Data::default();
    data.reviews.push(Default::default());
    data.reviews.push(Default::default());
    data.reviews[1].decision = "continue".into();
    for (idx, continues) in [(0, false), (1, true)] {
        assert_eq!(caf::REVIEW_NEXT_REVIEW.is_shown(&data, idx), continues);
        assert!(!caf::REVIEW_CLOSURE_REASON.is_shown(&data, idx));
        assert!(caf::REVIEW_SUMMARY.is_shown(&data, idx));
    }
    data.reviews[0].decision = " close ".into();
    assert!(caf::REVIEW_CLOSURE_REASON.is_shown(&data, 0));
    assert!(caf::REVIEW_CLOSURE_NOTES.is_shown(&data, 0));
    data.child.unborn = true;
    assert!(!caf::CHILD_DATE_OF_BIRTH.is_shown(&data, 0));
    assert!(caf::CHILD_EXPECTED_DATE.is_shown(&data, 0));
    assert_eq!(
        caf::is_shown("child.expected_date", &data),
        caf::CHILD_EXPECTED_DATE.is_shown(&data, 0)
    );
}

/// Issue 25, item 1: which step a question is on is written once, in the
/// steps' page layouts (`blocks`), and `Step::of_path` is read from them: no
/// path of the table is on two steps, and every question is on one.
#[test]
fn every_path_in_the_table_is_on_exactly_one_step() {
    let mut on: std::collections::BTreeMap<&str, std::collections::BTreeSet<Step>> =
        Default::default();
    for step in Step::ALL {
        for path in caf::paths(step) {
            on.entry(path).or_default().insert(step);
        }
    }
    for (path, steps) in &on {
        assert_eq!(steps.len(), 1, "{path} is on the steps {steps:?}");
        let step = steps.first().copied();
        assert_eq!(Step::of_path(path), step, "{path}");
        assert_eq!(Step::of_path(&path.replace("[]", "[3]")), step, "{path}");
    }
    for field in all_fields() {
        let step = Step::of_path(&field.path_at(1));
        assert!(step.is_some(), "{} is on no step", field.path);
        assert!(on.contains_key(field.path), "{}", field.path);
    }
    assert_eq!(Step::of_path("child.no_such_question"), None);
}

/// Issue 25, item 1: a problem reported at a path on no step would be left
/// off every step's list (and "Record agreement" would seem to work while
/// the status stays NOT RECORDED), so every issue the checks report names a
/// path on a step: the step's own, a question's, a list's or the signature's.
#[test]
fn every_issue_is_on_a_step() {
    let today = caf_lite::domain::Date::new(2026, 11, 23).expect("a real date");
    let settings = caf_lite::domain::Settings::default();
    let mut full = data_with_one_of_each();
    full.consent.method = caf_lite::form::choices::SIGNED_ON_SCREEN.code.into();
    full.consent.signature = "not a picture".into();
    full.reviews[0].decision = caf_lite::form::choices::CONTINUE.code.into();
    full.reviews.push(Default::default());
    full.reviews[1].decision = caf_lite::form::choices::CLOSE.code.into();
    for data in [Data::default(), full] {
        let report = caf_lite::validate::check(&data, today, &settings).report;
        assert!(report.has_errors());
        for issue in report.issues() {
            assert!(
                Step::of_path(&issue.path).is_some(),
                "{} ({}) is on no step",
                issue.path,
                issue.message
            );
        }
    }
}

/// Issue 25, item 2: a conditional question needed whenever it shows says
/// its condition once (`required_when_shown`). A question with a condition
/// for showing may still say another for being needed only where that is
/// deliberate, listed here, and then it is needed only while shown.
#[test]
fn a_question_is_needed_under_its_own_condition_for_showing_unless_listed() {
    // The needs notes stay open once typed in, but are needed only for a
    // concern.
    let deliberate = |path: &str| path.starts_with("needs.") && path.ends_with(".notes");
    let mut differ = Vec::new();
    for field in all_fields() {
        if field.shown.is_some() && matches!(field.required, Required::When(_)) {
            assert!(
                deliberate(field.path),
                "{} is shown under one condition and needed under another: use required_when_shown",
                field.path
            );
            differ.push(field.path);
        }
    }
    assert_eq!(differ.len(), 14, "{differ:?}");
    // Each listed question is needed only while it is shown.
    for field in all_fields().into_iter().filter(|f| deliberate(f.path)) {
        let Required::When(needed) = field.required else {
            unreachable!("listed above")
        };
        let mut data = Data::default();
        for rating in caf_lite::form::choices::RATING
            .iter()
            .map(|c| c.code)
            .chain([""])
        {
            for notes in ["", "typed"] {
                let set = |data: &mut Data, value: &str, slot: &str| {
                    let path = field.path.replace(".notes", slot);
                    let target = caf::field(&path).expect("the element's question");
                    if let Access::Text(_, set) = target.access {
                        *set(data, At::default()).expect("a place") = value.into();
                    }
                };
                set(&mut data, rating, ".rating");
                set(&mut data, notes, ".notes");
                assert!(
                    !needed(&data, At::default()) || field.is_shown(&data, 0),
                    "{} needed while hidden ({rating:?}, {notes:?})",
                    field.path
                );
            }
        }
    }
}

/// Issue 25, item 3: a rule that spans answers is named in the table beside
/// the question it reports on, and runs when that question is checked; so
/// every rule is named by exactly one question the checks walk (each step's,
/// then a review's), and renaming a path cannot leave a rule behind. A
/// question whose need is decided by a rule (`Required::Rule`) names one.
#[test]
fn every_rule_that_spans_answers_is_named_by_exactly_one_question() {
    let fields = all_fields();
    for rule in Rule::ALL {
        let named_by: Vec<&str> = fields
            .iter()
            .filter(|field| field.rule == Some(rule))
            .map(|field| field.path)
            .collect();
        assert_eq!(named_by.len(), 1, "{rule:?} is named by {named_by:?}");
    }
    for field in &fields {
        if let Some(rule) = field.rule {
            assert!(Rule::ALL.contains(&rule), "{rule:?} is not in Rule::ALL");
        }
        if matches!(field.required, Required::Rule) {
            assert!(
                field.rule.is_some(),
                "{} is needed by a rule it does not name",
                field.path
            );
        }
    }
}
