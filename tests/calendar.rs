//! The calendar file of a meeting (caf-form.md §5a): RFC 5545 text with
//! CRLF line endings, lines folded at 75 octets, TEXT values escaped, times
//! in Europe/London with its VTIMEZONE, a stable UID and a SEQUENCE that
//! rises when the meeting changes, and nothing of the child or the family.
#![cfg(not(target_arch = "wasm32"))]

use caf_lite::domain::meetings::{
    calendar_key, note_calendar_made, Gap, CANCELLED, FIRST_TAC, INVITE_FAMILY, INVITE_TEAM,
    IN_PERSON, PHONE, REVIEW, VIDEO,
};
use caf_lite::domain::*;
use caf_lite::print::calendar::{ics, ics_file_name};

mod common;
use common::{complete_data, draft, typed};

const NOW: &str = "2026-12-07T18:43:56Z";

/// A winter review meeting at a children's centre, 10:00 to 11:00.
fn review_meeting() -> MeetingDraft {
    MeetingDraft {
        id: "6b1f0e2a-5d7c-4e3b-9a41-0c2d8e7f9a10".into(),
        kind: REVIEW.into(),
        date: typed(2026, 12, 9),
        start: "10:00".into(),
        end: "11:00".into(),
        how: IN_PERSON.into(),
        place: "Room 3, Oak Children's Centre".into(),
        invited: vec![
            InviteeDraft {
                id: "inv-1".into(),
                kind: INVITE_TEAM.into(),
                member: "team-2".into(),
                ..InviteeDraft::default()
            },
            InviteeDraft {
                id: "inv-2".into(),
                kind: INVITE_FAMILY.into(),
                name: "Олена Łukasiewicz-O'Brien".into(),
                ..InviteeDraft::default()
            },
        ],
        ..MeetingDraft::default()
    }
}

fn make(draft: &Draft, meeting: &MeetingDraft) -> String {
    ics(draft, meeting, NOW).expect("a meeting with date, time and place makes a file")
}

/// The content lines, unfolded (RFC 5545 §3.1).
fn unfolded(text: &str) -> Vec<String> {
    text.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The value of the event's line whose name (before `:` or `;`) is `name`.
fn value(text: &str, name: &str) -> String {
    event(text)
        .into_iter()
        .find(|line| line.starts_with(&format!("{name}:")) || line.starts_with(&format!("{name};")))
        .and_then(|line| line.split_once(':').map(|(_, v)| v.to_owned()))
        .unwrap_or_else(|| panic!("no {name} in\n{text}"))
}

/// The lines of the event alone.
fn event(text: &str) -> Vec<String> {
    let lines = unfolded(text);
    let start = lines
        .iter()
        .position(|l| l == "BEGIN:VEVENT")
        .expect("an event");
    let end = lines
        .iter()
        .position(|l| l == "END:VEVENT")
        .expect("its end");
    lines[start..=end].to_vec()
}

#[test]
fn the_file_has_the_calendar_the_zone_and_one_event() {
    let draft = draft(complete_data());
    let text = make(&draft, &review_meeting());
    // Kept for a look, beside the print tests' PDFs.
    let dir = std::env::temp_dir().join("caf-lite-print-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("meeting.ics"), &text).expect("write ics");
    // Every line ends CRLF; no bare CR or LF anywhere.
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    let bare = text.replace("\r\n", "");
    assert!(!bare.contains('\n') && !bare.contains('\r'), "{text:?}");
    let lines = unfolded(&text);
    assert_eq!(
        lines[..5],
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//CAF Lite//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH"
        ]
    );
    for line in [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:STANDARD",
        "TZNAME:GMT",
        "TZOFFSETTO:+0000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "BEGIN:DAYLIGHT",
        "TZNAME:BST",
        "TZOFFSETTO:+0100",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:VTIMEZONE",
    ] {
        assert!(lines.iter().any(|l| l == line), "{line} in\n{text}");
    }
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 1);
    let event = event(&text);
    assert_eq!(
        value(&text, "UID"),
        caf_lite::print::calendar::uid(&draft, &review_meeting())
    );
    assert!(
        value(&text, "UID").ends_with("@caf-lite") && value(&text, "UID").len() == 41,
        "a digest, never the id's own text"
    );
    assert!(
        !text.contains("6b1f0e2a-5d7c"),
        "the meeting's id is not written"
    );
    for line in [
        "DTSTAMP:20261207T184356Z",
        "SEQUENCE:0",
        "DTSTART;TZID=Europe/London:20261209T100000",
        "DTEND;TZID=Europe/London:20261209T110000",
        "SUMMARY:CAF review — CAF 3f2a9c1e",
        "LOCATION:Room 3\\, Oak Children's Centre",
        "DESCRIPTION:Lead professional: Sam Patel\\, 01632 960001",
        "STATUS:CONFIRMED",
    ] {
        assert!(event.iter().any(|l| l == line), "{line} in\n{text}");
    }
    assert!(
        !text.contains("ATTENDEE") && !text.contains("ORGANIZER"),
        "{text}"
    );
    assert_eq!(
        ics_file_name(&draft, &review_meeting()),
        "CAF-3f2a9c1e-meeting-2026-12-09.ics"
    );
}

#[test]
fn the_first_meeting_is_named_as_such_and_takes_the_plans_date() {
    let draft = draft(complete_data());
    let first = MeetingDraft {
        kind: FIRST_TAC.into(),
        date: DateDraft::default(),
        ..review_meeting()
    };
    let text = make(&draft, &first);
    assert_eq!(
        value(&text, "SUMMARY"),
        "Team Around the Child meeting — CAF 3f2a9c1e"
    );
    // plan.meeting_date, 20/10/2026.
    assert_eq!(value(&text, "DTSTART"), "20261020T100000");
}

#[test]
fn summer_and_winter_are_both_ten_oclock_local_time() {
    let draft = draft(complete_data());
    for (date, stamp) in [
        (typed(2027, 7, 14), "20270714T100000"),
        (typed(2027, 1, 13), "20270113T100000"),
        // The Sundays the clocks change.
        (typed(2027, 3, 28), "20270328T100000"),
        (typed(2027, 10, 31), "20271031T100000"),
    ] {
        let meeting = MeetingDraft {
            date,
            ..review_meeting()
        };
        let text = make(&draft, &meeting);
        let event = event(&text);
        assert!(
            event
                .iter()
                .any(|l| *l == format!("DTSTART;TZID=Europe/London:{stamp}")),
            "{text}"
        );
        // Never a floating or UTC time for the meeting itself.
        assert!(
            !event
                .iter()
                .any(|l| l.starts_with("DTSTART:") || l.starts_with("DTEND:")),
            "{text}"
        );
    }
}

#[test]
fn no_end_is_an_hour_after_the_start() {
    let draft = draft(complete_data());
    let meeting = MeetingDraft {
        start: "14:30".into(),
        end: String::new(),
        ..review_meeting()
    };
    let text = make(&draft, &meeting);
    assert_eq!(value(&text, "DTSTART"), "20261209T143000");
    assert_eq!(value(&text, "DTEND"), "20261209T153000");
}

#[test]
fn a_long_utf8_joining_text_is_folded_at_75_octets_between_characters() {
    let draft = draft(complete_data());
    let joining = format!(
        "Подключайтесь по ссылке — Συνδεθείτε εδώ — Dołącz tutaj 🙂: https://meet.example.org/{}",
        "ж".repeat(120)
    );
    let meeting = MeetingDraft {
        how: VIDEO.into(),
        place: String::new(),
        joining: joining.clone(),
        ..review_meeting()
    };
    let text = make(&draft, &meeting);
    let mut folded = 0;
    for line in text.as_bytes().split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        assert!(line.len() <= 75, "{} octets", line.len());
        assert!(std::str::from_utf8(line).is_ok(), "a character split");
        if line.first() == Some(&b' ') {
            folded += 1;
        }
    }
    assert!(folded >= 4, "{text}");
    assert_eq!(value(&text, "LOCATION"), "Video");
    assert_eq!(
        value(&text, "DESCRIPTION"),
        format!("Lead professional: Sam Patel\\, 01632 960001\\nHow to join: {joining}")
    );
}

#[test]
fn text_values_escape_semicolons_commas_backslashes_and_newlines() {
    let draft = draft(complete_data());
    let meeting = MeetingDraft {
        place: "Room 3; Oak Centre, C:\\rooms\r\nSecond floor\nSide door".into(),
        ..review_meeting()
    };
    let text = make(&draft, &meeting);
    assert_eq!(
        value(&text, "LOCATION"),
        "Room 3\\; Oak Centre\\, C:\\\\rooms\\nSecond floor\\nSide door"
    );
    let phone = MeetingDraft {
        how: PHONE.into(),
        joining: "Call 0300 123 4567; PIN 1234, then #".into(),
        ..review_meeting()
    };
    let text = make(&draft, &phone);
    assert_eq!(value(&text, "LOCATION"), "Phone");
    assert!(
        value(&text, "DESCRIPTION")
            .ends_with("How to join: Call 0300 123 4567\\; PIN 1234\\, then #"),
        "{text}"
    );
}

#[test]
fn the_uid_stays_and_the_sequence_rises_when_the_time_changes() {
    let mut draft = draft(complete_data());
    let mut meeting = review_meeting();
    let made = |draft: &Draft, meeting: &mut MeetingDraft| {
        let key = calendar_key(&draft.data, meeting);
        note_calendar_made(meeting, key);
        make(draft, meeting)
    };
    let first = made(&draft, &mut meeting);
    let again = made(&draft, &mut meeting);
    assert_eq!(first, again, "nothing changed, the same file");
    meeting.start = "11:00".into();
    meeting.end = "12:00".into();
    let moved = made(&draft, &mut meeting);
    draft.data.plan.lead.phone = "01632 960009".into();
    let new_phone = made(&draft, &mut meeting);
    for (text, sequence) in [(&first, "0"), (&moved, "1"), (&new_phone, "2")] {
        assert_eq!(value(text, "UID"), value(&first, "UID"));
        assert_eq!(value(text, "SEQUENCE"), sequence, "{text}");
    }
    assert_eq!(value(&moved, "DTSTART"), "20261209T110000");
}

#[test]
fn a_cancelled_meeting_says_so() {
    let draft = draft(complete_data());
    let meeting = MeetingDraft {
        status: CANCELLED.into(),
        ..review_meeting()
    };
    let text = make(&draft, &meeting);
    assert_eq!(value(&text, "STATUS"), "CANCELLED");
    assert!(!text.contains("STATUS:CONFIRMED"));
}

#[test]
fn a_home_visit_never_writes_the_home_out() {
    let draft = draft(complete_data());
    let meeting = MeetingDraft {
        at_home: true,
        place: String::new(),
        ..review_meeting()
    };
    let text = make(&draft, &meeting);
    assert_eq!(value(&text, "LOCATION"), "Home visit");
    assert!(!text.contains("High Street") && !text.to_lowercase().contains("me4"));
}

#[test]
fn a_meeting_with_gaps_makes_no_file() {
    let draft = draft(complete_data());
    let meeting = MeetingDraft {
        start: String::new(),
        place: "  ".into(),
        ..review_meeting()
    };
    assert_eq!(
        ics(&draft, &meeting, NOW),
        Err(vec![Gap::Start, Gap::Place])
    );
    let at_home_typed = MeetingDraft {
        place: "Flat 2, 14 High Street".into(),
        ..review_meeting()
    };
    assert_eq!(
        ics(&draft, &at_home_typed, NOW),
        Err(vec![Gap::PlaceIsHome])
    );
}

/// A CAF whose every personal detail is distinctive and set: none of it may
/// reach a calendar, however the meeting is held.
fn hostile() -> Draft {
    let mut data = complete_data();
    data.child.given_name = "Xanthippe".into();
    data.child.known_as = "Xan".into();
    data.child.family_name = "Quarrington-Vézina".into();
    data.child.date_of_birth = typed(2017, 2, 28);
    data.child.address = "Flat 9, 77 Wisteria Lane\nGillingham".into();
    data.child.postcode = "ME7 1QQ".into();
    data.child.nhs_number = "485 777 3456".into();
    data.child.upn = "H801200005001".into();
    data.child.phone = "07700 900123".into();
    data.parents = vec![
        ParentDraft {
            name: "Bartholomew Quarrington".into(),
            address: "3 Juniper Close\nRochester".into(),
            phone: "07700 900456".into(),
            email: "bart@example.com".into(),
            ..ParentDraft::default()
        },
        ParentDraft {
            name: "Ottoline Vézina".into(),
            phone: "07700 900789".into(),
            ..ParentDraft::default()
        },
    ];
    data.household = vec![HouseholdMemberDraft {
        name: "Perpetua Quarrington".into(),
        relationship: "Grandmother".into(),
        date_of_birth: typed(1950, 1, 1),
    }];
    data.consent.given_by = "Ottoline Vézina".into();
    draft(data)
}

#[test]
fn nothing_of_the_child_or_family_is_in_the_file() {
    let draft = hostile();
    let base = MeetingDraft {
        invited: vec![
            InviteeDraft {
                id: "inv-1".into(),
                kind: INVITE_FAMILY.into(),
                name: "Bartholomew Quarrington".into(),
                ..InviteeDraft::default()
            },
            InviteeDraft {
                id: "inv-2".into(),
                kind: "child".into(),
                ..InviteeDraft::default()
            },
        ],
        ..review_meeting()
    };
    let meetings = [
        base.clone(),
        MeetingDraft {
            at_home: true,
            place: String::new(),
            ..base.clone()
        },
        MeetingDraft {
            how: PHONE.into(),
            joining: "We will call you".into(),
            ..base.clone()
        },
        MeetingDraft {
            kind: FIRST_TAC.into(),
            how: VIDEO.into(),
            joining: "https://meet.example.org/abc".into(),
            ..base
        },
    ];
    let forbidden = [
        "Xanthippe",
        "Xan ",
        "Quarrington",
        "Vézina",
        "Vezina",
        "Bartholomew",
        "Ottoline",
        "Perpetua",
        "28/02/2017",
        "20170228",
        "2017",
        "Wisteria",
        "Gillingham",
        "Juniper",
        "Rochester",
        "ME7",
        "me7",
        "1QQ",
        "4857773456",
        "485 777 3456",
        "H801200005001",
        "07700",
        "bart@",
        "Grandmother",
    ];
    for meeting in &meetings {
        let text = make(&draft, meeting);
        let flat = unfolded(&text).join("\n");
        let squeezed: String = flat.chars().filter(|c| !c.is_whitespace()).collect();
        for word in forbidden {
            assert!(!flat.contains(word), "{word:?} in\n{flat}");
            let word: String = word.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(!squeezed.contains(&word), "{word:?} in\n{flat}");
        }
        let name = ics_file_name(&draft, meeting);
        assert!(
            !name.contains("Quarrington") && !name.contains("Xan"),
            "{name}"
        );
    }
}
