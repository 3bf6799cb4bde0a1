//! Plain language (brief principle 7, issue 7): the family handout and the
//! words on every step page use sentences of at most 25 words, and every
//! acronym is explained where it first appears on a page — or is one that
//! families know without help (NHS, GP, PDF, UK). A new acronym fails here
//! until it is explained or added to one of the two lists below.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use caf_lite::domain::Settings;
use caf_lite::form::caf::{self, blocks, CONSENT_STATEMENT};
use caf_lite::form::{Block, Field, Kind, Special, Step};
use caf_lite::print::handout::{handout, Handout};
use caf_lite::validate::{ConsentStatus, OutOfDate};

/// GOV.UK's guidance: sentences of 25 words or fewer.
const MAX_WORDS: usize = 25;

/// Acronyms the app uses, with the words that explain them; the first text
/// on a page that uses one must also hold its explanation.
const EXPLAINED: [(&str, &str); 8] = [
    ("CAF", "Common Assessment Framework"),
    ("TAC", "Team Around the Child"),
    ("LP", "lead professional"),
    ("EHA", "early help assessment"),
    ("UPN", "Unique Pupil Number"),
    ("ECM", "Every Child Matters"),
    ("URN", "unique reference number"),
    ("SENCO", "special educational needs"),
];

/// Known to families without explanation.
const FAMILIAR: [&str; 4] = ["NHS", "GP", "PDF", "UK"];

/// The header on every page: "CAF Lite" beside its tagline.
const HEADER: &str = "CAF Lite. Common Assessment Framework, kept on this device";

/// One page's texts in reading order; a question's label and hint are one
/// text (a hint explains its label), read as separate sentences.
struct Page {
    name: String,
    texts: Vec<String>,
}

fn field_texts(field: &Field, texts: &mut Vec<String>) {
    texts.push(format!("{}. {}", field.label, field.hint));
    let choices = match field.kind {
        Kind::Radios(choices) | Kind::Select(choices) | Kind::Checkboxes(choices) => choices,
        _ => &[],
    };
    texts.extend(choices.iter().map(|choice| choice.label.to_owned()));
}

fn step_page(step: Step) -> Page {
    let mut texts = vec![HEADER.to_owned(), step.title().to_owned()];
    for block in blocks(step) {
        match block {
            Block::Heading(text) | Block::Text(text) => texts.push(text.to_owned()),
            Block::Field(field) => field_texts(field, &mut texts),
            Block::List(list) => {
                texts.push(list.title.to_owned());
                for field in list.fields {
                    field_texts(field, &mut texts);
                }
                texts.push(list.add_label.to_owned());
            }
            Block::Special(Special::ConsentStatement) => {
                texts.extend(CONSENT_STATEMENT.iter().map(|p| (*p).to_owned()))
            }
            Block::Special(_) => (),
        }
    }
    Page {
        name: format!("step {}", step.id()),
        texts,
    }
}

fn handout_page(name: &str, content: &Handout) -> Page {
    let mut texts = vec![content.title.clone()];
    for section in &content.sections {
        texts.push(section.heading.to_owned());
        texts.extend(section.paragraphs.iter().cloned());
        if let Some(table) = &section.table {
            texts.extend(table.columns.iter().map(|c| (*c).to_owned()));
        }
        texts.extend(section.after.iter().cloned());
    }
    Page {
        name: name.to_owned(),
        texts,
    }
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '?', '!', '\n', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Words in capitals of two letters or more: `CAF`, `TAC`, `SENCO`.
fn acronyms(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()))
        .collect()
}

/// Every way `page` breaks the rules, in words.
fn problems(page: &Page) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for text in &page.texts {
        for sentence in sentences(text) {
            let words = sentence.split_whitespace().count();
            if words > MAX_WORDS {
                found.push(format!("{}: {words} words in \"{sentence}\"", page.name));
            }
        }
        for acronym in acronyms(text) {
            if seen.contains(&acronym) {
                continue;
            }
            seen.push(acronym);
            match EXPLAINED.iter().find(|(short, _)| *short == acronym) {
                Some((_, long)) if text.to_lowercase().contains(&long.to_lowercase()) => (),
                Some((_, long)) => found.push(format!(
                    "{}: {acronym} first appears unexplained (no \"{long}\") in \"{text}\"",
                    page.name
                )),
                None if FAMILIAR.contains(&acronym) => (),
                None => found.push(format!(
                    "{}: {acronym} is not a known acronym, in \"{text}\"",
                    page.name
                )),
            }
        }
    }
    found
}

#[test]
fn every_step_page_uses_short_sentences_and_explains_its_acronyms() {
    let found: Vec<String> = Step::ALL
        .into_iter()
        .flat_map(|s| problems(&step_page(s)))
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_handout_uses_short_sentences_and_explains_its_acronyms() {
    let settings = Settings::default();
    // Typed answers are the practitioner's words, not the app's: the
    // fixture's lead professional is written out as a family would need it.
    let mut data = common::complete_data();
    data.plan.lead.role = "Special educational needs coordinator".into();
    // Every status words section 6 its own way; each must read plainly.
    let statuses = [
        ConsentStatus::Recorded,
        ConsentStatus::NotRecorded,
        ConsentStatus::OutOfDate(OutOfDate::Changed),
        ConsentStatus::OutOfDate(OutOfDate::EarlierVersion),
        ConsentStatus::Withdrawn(common::date(2026, 11, 1)),
        ConsentStatus::WithdrawnOnDevice(common::date(2026, 11, 1)),
    ];
    let mut found = Vec::new();
    for status in statuses {
        let full = handout(&data, &settings, &status);
        let empty = handout(&Default::default(), &settings, &status);
        found.extend(problems(&handout_page("handout", &full)));
        found.extend(problems(&handout_page("empty handout", &empty)));
    }
    let mut closed = data.clone();
    closed.reviews.push(common::complete_review());
    closed.reviews[0].decision = "close".into();
    let closed = handout(&closed, &settings, &ConsentStatus::Recorded);
    found.extend(problems(&handout_page("closed handout", &closed)));
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_invitation_uses_short_sentences_and_explains_its_acronyms() {
    use caf_lite::domain::meetings::{
        CANCELLED, FIRST_TAC, INVITE_CHILD, INVITE_FAMILY, INVITE_TEAM, IN_PERSON, PHONE, REVIEW,
        VIDEO,
    };
    use caf_lite::domain::{InviteeDraft, MeetingDraft};
    use caf_lite::print::invitation::invitation;
    // Typed answers are the practitioner's words, as in the handout's test.
    let mut data = common::complete_data();
    // The invitees below name the team by these ids.
    for (n, member) in data.plan.team.iter_mut().enumerate() {
        member.id = format!("team-{}", n + 1);
    }
    data.plan.lead.role = "Special educational needs coordinator".into();
    data.plan.team[0].role = "Special educational needs coordinator".into();
    let invitee = |kind: &str, member: &str, name: &str| InviteeDraft {
        id: format!("{kind}-{member}"),
        kind: kind.into(),
        member: member.into(),
        name: name.into(),
    };
    let invited = vec![
        invitee(INVITE_TEAM, "team-1", ""),
        invitee(INVITE_TEAM, "team-2", ""),
        invitee(INVITE_FAMILY, "", "Олена Łukasiewicz-O'Brien"),
        invitee(INVITE_CHILD, "", ""),
    ];
    let base = MeetingDraft {
        id: "m".into(),
        kind: FIRST_TAC.into(),
        start: "10:00".into(),
        how: IN_PERSON.into(),
        place: "Room 3, Oak Children's Centre".into(),
        invited: invited.clone(),
        ..MeetingDraft::default()
    };
    let meetings = [
        base.clone(),
        MeetingDraft {
            kind: REVIEW.into(),
            date: common::typed(2026, 12, 9),
            end: "11:00".into(),
            ..base.clone()
        },
        MeetingDraft {
            at_home: true,
            place: String::new(),
            ..base.clone()
        },
        MeetingDraft {
            how: PHONE.into(),
            ..base.clone()
        },
        MeetingDraft {
            how: VIDEO.into(),
            joining: "https://meet.example.org/abc".into(),
            ..base.clone()
        },
        MeetingDraft {
            status: CANCELLED.into(),
            ..base
        },
    ];
    let mut found = Vec::new();
    for meeting in &meetings {
        for to in &invited[2..] {
            let content =
                invitation(&data, meeting, to, &Settings::default()).expect("an invitation");
            found.extend(problems(&handout_page("invitation", &content)));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_itself_catches_long_sentences_and_unexplained_acronyms() {
    let page = |texts: &[&str]| Page {
        name: "sample".to_owned(),
        texts: texts.iter().map(|t| (*t).to_owned()).collect(),
    };
    let long = ["word"; MAX_WORDS + 1].join(" ");
    assert_eq!(problems(&page(&[&long])).len(), 1);
    assert!(problems(&page(&[&["word"; MAX_WORDS].join(" ")])).is_empty());
    // Explained at first use, then free to use.
    assert!(problems(&page(&[
        "A Team Around the Child (TAC) meets.",
        "The TAC agrees."
    ]))
    .is_empty());
    // Used before it is explained.
    assert_eq!(
        problems(&page(&["The TAC meets.", "Team Around the Child (TAC)."])).len(),
        1
    );
    // Not on either list.
    assert_eq!(problems(&page(&["Ask the SALT service."])).len(), 1);
    assert!(problems(&page(&["Your GP and NHS number."])).is_empty());
    // The list of steps the check walks is the form's own.
    assert!(step_page(Step::Consent)
        .texts
        .iter()
        .any(|t| t == caf::CONSENT_STATEMENT[0]));
}
