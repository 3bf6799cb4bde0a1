//! Meetings of the Team Around the Child (caf-form.md §3.13): where each
//! meeting's date comes from, what stops an invitation or a calendar file
//! being made, when a calendar file's SEQUENCE goes up, and the next
//! meeting the drafts list shows. Pure; `today` is a parameter.
//!
//! **One source for each date.** The first meeting's date is
//! `plan.meeting_date` (the plan prints it and the actions' dates are
//! checked against it); a meeting whose review is recorded takes the
//! review's date; any other meeting holds its own. So a meeting's date
//! never disagrees with the plan or the review, and moving the first
//! meeting to another day is a change of the plan the family agreed to;
//! its time, place, invitees and status are not.

use sha2::{Digest, Sha256};

use crate::domain::{Data, Date, DateDraft, InviteeDraft, MeetingDraft, TimeOfDay};

/// `meetings[i].kind`: the first Team Around the Child meeting.
pub const FIRST_TAC: &str = "first_tac";
/// `meetings[i].kind`: a review meeting.
pub const REVIEW: &str = "review";
/// `meetings[i].how`: in person.
pub const IN_PERSON: &str = "in_person";
/// `meetings[i].how`: by phone.
pub const PHONE: &str = "phone";
/// `meetings[i].how`: by video.
pub const VIDEO: &str = "video";
/// `meetings[i].status`: planned (the default).
pub const PLANNED: &str = "planned";
/// `meetings[i].status`: held.
pub const HELD: &str = "held";
/// `meetings[i].status`: cancelled.
pub const CANCELLED: &str = "cancelled";
/// `invited[j].kind`: a member of the team, by id.
pub const INVITE_TEAM: &str = "team";
/// `invited[j].kind`: a family member, by name.
pub const INVITE_FAMILY: &str = "family";
/// `invited[j].kind`: the child or young person.
pub const INVITE_CHILD: &str = "child";

/// Where a meeting's date is kept (see the module note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// `plan.meeting_date`.
    Plan,
    /// `reviews[i].date`, the review recorded at the meeting.
    Review(usize),
    /// The meeting's own `date`.
    Own,
}

/// Where `meeting`'s date is kept.
pub fn date_source(data: &Data, meeting: &MeetingDraft) -> DateSource {
    if meeting.kind == FIRST_TAC {
        return DateSource::Plan;
    }
    if !meeting.review_id.is_empty() {
        if let Some(i) = data.reviews.iter().position(|r| r.id == meeting.review_id) {
            return DateSource::Review(i);
        }
    }
    DateSource::Own
}

/// `meeting`'s date as typed, from its one source.
pub fn date_of<'a>(data: &'a Data, meeting: &'a MeetingDraft) -> &'a DateDraft {
    match date_source(data, meeting) {
        DateSource::Plan => &data.plan.meeting_date,
        DateSource::Review(i) => &data.reviews[i].date,
        DateSource::Own => &meeting.date,
    }
}

/// `meeting`'s date, when it is a valid one.
pub fn date_value(data: &Data, meeting: &MeetingDraft) -> Option<Date> {
    date_of(data, meeting).parse().ok().flatten()
}

/// The meeting with this id, and its index.
pub fn meeting_by_id<'a>(data: &'a Data, id: &str) -> Option<(usize, &'a MeetingDraft)> {
    data.meetings.iter().enumerate().find(|(_, m)| m.id == id)
}

/// A meeting's status: `planned` when none is chosen.
pub fn status_of(meeting: &MeetingDraft) -> &str {
    match meeting.status.trim() {
        "" => PLANNED,
        status => status,
    }
}

/// What stops an invitation or a calendar file being made for a meeting.
/// Meetings never block a step or the agreement; these block only those
/// two buttons, with the message beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// No valid date.
    Date,
    /// No valid start time.
    Start,
    /// An end time that is not a time, or not after the start.
    End,
    /// How the meeting happens is not chosen.
    How,
    /// In person, with no place and not at the family's home.
    Place,
    /// The place typed looks like the family's address, which must never
    /// be written out in a calendar file.
    PlaceIsHome,
    /// The place or the joining details name the child or a family member,
    /// or hold a family phone number, email, the NHS number or the UPN.
    PersonalDetails,
}

impl Gap {
    /// The message beside the button, in GOV.UK style.
    pub fn message(self) -> &'static str {
        match self {
            Gap::Date => "Enter the date of the meeting",
            Gap::Start => "Enter the time the meeting starts, like 10:00",
            Gap::End => "Enter an end time after the start time, like 11:00, or leave it blank",
            Gap::How => "Select how the meeting will happen",
            Gap::Place => "Enter where the meeting is, or select the family's home",
            Gap::PlaceIsHome => {
                "The place looks like the family's address: select \"At the family's home\" instead, so the address is never written in a calendar"
            }
            Gap::PersonalDetails => {
                "Take the family's names, numbers and other details out of the place and how to join: calendars show on lock screens"
            }
        }
    }
}

/// What is missing before `meeting`'s invitation or calendar file can be
/// made; empty when nothing is.
pub fn gaps(data: &Data, meeting: &MeetingDraft) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if date_value(data, meeting).is_none() {
        gaps.push(Gap::Date);
    }
    let start = TimeOfDay::parse(&meeting.start).ok();
    if start.is_none() {
        gaps.push(Gap::Start);
    }
    if !meeting.end.trim().is_empty() {
        match (start, TimeOfDay::parse(&meeting.end)) {
            (Some(start), Ok(end)) if end > start => {}
            (None, Ok(_)) => {}
            _ => gaps.push(Gap::End),
        }
    }
    let in_person = meeting.how == IN_PERSON;
    match meeting.how.as_str() {
        IN_PERSON if !meeting.at_home => {
            if meeting.place.trim().is_empty() {
                gaps.push(Gap::Place);
            } else if looks_like_home(data, &meeting.place) {
                gaps.push(Gap::PlaceIsHome);
            }
        }
        IN_PERSON | PHONE | VIDEO => {}
        _ => gaps.push(Gap::How),
    }
    // Only what the calendar file will hold is checked: the place when in
    // person elsewhere, the joining details by phone or video.
    let written = if in_person {
        (!meeting.at_home).then_some(&meeting.place)
    } else {
        Some(&meeting.joining)
    };
    if written.is_some_and(|text| names_the_family(data, text)) {
        gaps.push(Gap::PersonalDetails);
    }
    gaps
}

/// Whether `place` holds a postcode or a line of the child's or a parent's
/// address: the family's home typed out. Punctuation and case are
/// ignored; a line of fewer than six letters and digits (a flat number) is
/// not compared alone.
fn looks_like_home(data: &Data, place: &str) -> bool {
    let place_words = plain(place);
    let addresses =
        std::iter::once(&data.child.address).chain(data.parents.iter().map(|p| &p.address));
    let lines = addresses
        .flat_map(|address| address.split(['\n', ',']))
        .chain(std::iter::once(data.child.postcode.as_str()));
    let named = lines.map(plain).any(|line| {
        let letters = line.chars().filter(|c| c.is_alphanumeric()).count();
        letters >= 6 && place_words.contains(&line)
    });
    named || holds_postcode(place)
}

/// Whether `text` holds something shaped like a UK postcode (outward code,
/// a space or none, inward code: "LS1 4AB", "sw1a1aa").
fn holds_postcode(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect();
    let outward = |w: &str| {
        (2..=4).contains(&w.len())
            && w.starts_with(|c: char| c.is_ascii_alphabetic())
            && w.chars().any(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let inward = |w: &str| {
        let b = w.as_bytes();
        b.len() == 3
            && b[0].is_ascii_digit()
            && b[1].is_ascii_alphabetic()
            && b[2].is_ascii_alphabetic()
    };
    let joined = words.iter().any(|w| {
        w.len() >= 5 && w.len() <= 7 && inward(&w[w.len() - 3..]) && outward(&w[..w.len() - 3])
    });
    joined
        || words
            .windows(2)
            .any(|pair| outward(&pair[0]) && inward(&pair[1]))
}

/// Whether `text` names the child or a family member (given or family
/// name, a word of three letters or more), or holds a family phone number,
/// email address, the NHS number or the UPN: none of it may go into a
/// calendar file, which calendars sync and lock screens show.
fn names_the_family(data: &Data, text: &str) -> bool {
    let words: Vec<String> = plain(text).split(' ').map(str::to_owned).collect();
    let child = &data.child;
    let names = [&child.given_name, &child.family_name, &child.known_as]
        .into_iter()
        .chain(data.parents.iter().map(|p| &p.name))
        .chain(data.household.iter().map(|h| &h.name));
    let named = names
        .flat_map(|name| {
            plain(name)
                .split(' ')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|word| word.chars().count() >= 3)
        .any(|word| words.contains(&word));
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let text_digits = digits(text);
    let numbers = std::iter::once(&child.phone)
        .chain(std::iter::once(&child.nhs_number))
        .chain(data.parents.iter().map(|p| &p.phone))
        .map(|n| digits(n))
        .filter(|n| n.len() >= 6)
        .any(|n| text_digits.contains(&n));
    let lower = text.to_lowercase();
    let others = std::iter::once(&child.upn)
        .chain(data.parents.iter().map(|p| &p.email))
        .map(|s| s.trim().to_lowercase())
        .filter(|s| s.len() >= 5)
        .any(|s| lower.contains(&s));
    named || numbers || others
}

/// Lower case, every run of characters other than letters and digits one
/// space, trimmed.
fn plain(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The start and end of a meeting that has no gaps: the end is an hour
/// after the start when none is given (and 23:59 at the latest).
pub fn times(meeting: &MeetingDraft) -> Option<(TimeOfDay, TimeOfDay)> {
    let start = TimeOfDay::parse(&meeting.start).ok()?;
    let end = match TimeOfDay::parse(&meeting.end) {
        Ok(end) => end,
        Err(_) => {
            let hour = (start.hour() + 1).min(23);
            let minute = if start.hour() == 23 {
                59
            } else {
                start.minute()
            };
            TimeOfDay::parse(&format!("{hour}:{minute:02}")).ok()?
        }
    };
    Some((start, end))
}

/// What a calendar file made now would say, as a SHA-256 digest (16 hex
/// characters; the draft keeps no second plain copy of the place or the
/// joining details): a later file that says something else goes out with
/// a higher SEQUENCE.
pub fn calendar_key(data: &Data, meeting: &MeetingDraft) -> String {
    let date = date_of(data, meeting);
    let said = [
        meeting.kind.as_str(),
        date.day.trim(),
        date.month.trim(),
        date.year.trim(),
        meeting.start.trim(),
        meeting.end.trim(),
        meeting.how.as_str(),
        if meeting.at_home { "home" } else { "" },
        meeting.place.trim(),
        meeting.joining.trim(),
        status_of(meeting),
        data.plan.lead.name.trim(),
        data.plan.lead.phone.trim(),
    ]
    .join("\u{1f}");
    let digest = Sha256::digest(said.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Notes that a calendar file saying `key` was made: SEQUENCE goes up by
/// one when an earlier file said something else. Whether the meeting
/// changed (and so must be saved).
pub fn note_calendar_made(meeting: &mut MeetingDraft, key: String) -> bool {
    if meeting.calendar_key == key {
        return false;
    }
    if !meeting.calendar_key.is_empty() {
        meeting.calendar_sequence = meeting.calendar_sequence.saturating_add(1);
    }
    meeting.calendar_key = key;
    true
}

/// Notes that a meeting record of content `key` was made: its version is
/// 1 for the first record and goes up by one when the content changed.
/// Whether the meeting changed.
pub fn note_record_made(meeting: &mut MeetingDraft, key: String) -> bool {
    if meeting.record_key == key && meeting.record_version > 0 {
        return false;
    }
    meeting.record_version = meeting.record_version.saturating_add(1);
    meeting.record_key = key;
    true
}

/// The next planned meeting on or after `today`, with its date: what the
/// drafts list shows.
pub fn next_meeting(data: &Data, today: Date) -> Option<(&MeetingDraft, Date)> {
    data.meetings
        .iter()
        .filter(|m| status_of(m) == PLANNED)
        .filter_map(|m| date_value(data, m).map(|date| (m, date)))
        .filter(|(_, date)| *date >= today)
        .min_by_key(|(m, date)| (*date, TimeOfDay::parse(&m.start).ok()))
}

/// A meeting in a few words, for the task list and the drafts list:
/// "TAC meeting 09/12/2026 10:00", "Review meeting 15/01/2027".
pub fn meeting_words(meeting: &MeetingDraft, date: Date) -> String {
    let kind = if meeting.kind == FIRST_TAC {
        "TAC meeting"
    } else {
        "Review meeting"
    };
    match TimeOfDay::parse(&meeting.start) {
        Ok(start) => format!("{kind} {date} {start}"),
        Err(_) => format!("{kind} {date}"),
    }
}

/// What an invitee who was a team member no longer in the plan is called.
pub const GONE_FROM_TEAM: &str = "A team member no longer in the plan";

/// An invitee's name as typed: the team member's, the family member's,
/// or the child's given name (or "the child" when none is typed). For the
/// app's own pages and the meeting record; never for a calendar file.
pub fn invitee_name(data: &Data, invitee: &InviteeDraft) -> String {
    match invitee.kind.as_str() {
        INVITE_TEAM => data
            .plan
            .team
            .iter()
            .find(|member| member.id == invitee.member)
            .map(|member| member.name.trim().to_owned())
            .unwrap_or_else(|| GONE_FROM_TEAM.to_owned()),
        INVITE_CHILD => match data.child.given_name.trim() {
            "" => "The child or young person".to_owned(),
            name => name.to_owned(),
        },
        _ => invitee.name.trim().to_owned(),
    }
}

/// Whether an invitee is still someone in the CAF: a team member still in
/// the plan, a parent or carer still of that name, or the child. An
/// invitee who is not (removed, or renamed since) is never sent an
/// invitation.
pub fn invitee_is_current(data: &Data, invitee: &InviteeDraft) -> bool {
    match invitee.kind.as_str() {
        INVITE_TEAM => data.plan.team.iter().any(|m| m.id == invitee.member),
        INVITE_FAMILY => {
            let name = invitee.name.trim();
            !name.is_empty() && data.parents.iter().any(|p| p.name.trim() == name)
        }
        INVITE_CHILD => true,
        _ => false,
    }
}

/// Whether an invitee is the family's (a parent or carer, or the child),
/// who get an invitation, and is still someone in the CAF.
pub fn gets_invitation(data: &Data, invitee: &InviteeDraft) -> bool {
    matches!(invitee.kind.as_str(), INVITE_FAMILY | INVITE_CHILD)
        && invitee_is_current(data, invitee)
}

/// The meeting a review recorded at it belongs to (see `date_source`).
pub fn meeting_of_review<'a>(data: &'a Data, review_id: &str) -> Option<&'a MeetingDraft> {
    if review_id.is_empty() {
        return None;
    }
    data.meetings.iter().find(|m| m.review_id == review_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ReviewDraft, TeamMemberDraft};

    fn date(day: &str, month: &str, year: &str) -> DateDraft {
        DateDraft {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    fn meeting(kind: &str) -> MeetingDraft {
        MeetingDraft {
            id: format!("m-{kind}"),
            kind: kind.into(),
            ..MeetingDraft::default()
        }
    }

    #[test]
    fn each_date_has_one_source() {
        let mut data = Data::default();
        data.plan.meeting_date = date("9", "12", "2026");
        data.reviews = vec![ReviewDraft {
            id: "r1".into(),
            date: date("10", "3", "2027"),
            ..ReviewDraft::default()
        }];
        let first = meeting(FIRST_TAC);
        let recorded = MeetingDraft {
            review_id: "r1".into(),
            date: date("1", "1", "2027"),
            ..meeting(REVIEW)
        };
        let planned = MeetingDraft {
            date: date("2", "6", "2027"),
            ..meeting(REVIEW)
        };
        assert_eq!(date_of(&data, &first), &data.plan.meeting_date);
        assert_eq!(date_of(&data, &recorded), &data.reviews[0].date);
        assert_eq!(date_of(&data, &planned), &planned.date);
        // A review that is gone leaves the meeting its own date.
        let orphan = MeetingDraft {
            review_id: "gone".into(),
            ..planned.clone()
        };
        assert_eq!(date_source(&data, &orphan), DateSource::Own);
    }

    fn ready() -> (Data, MeetingDraft) {
        let mut data = Data::default();
        data.plan.meeting_date = date("9", "12", "2026");
        data.child.postcode = "SW1A 1AA".into();
        data.child.address = "12 Acacia Avenue\nLeeds".into();
        let m = MeetingDraft {
            start: "10:00".into(),
            how: IN_PERSON.into(),
            place: "Room 3, Oak Children's Centre".into(),
            ..meeting(FIRST_TAC)
        };
        (data, m)
    }

    #[test]
    fn a_meeting_with_date_time_and_place_has_no_gaps() {
        let (data, m) = ready();
        assert_eq!(gaps(&data, &m), []);
        let m = MeetingDraft {
            at_home: true,
            place: String::new(),
            ..m
        };
        assert_eq!(gaps(&data, &m), []);
    }

    #[test]
    fn missing_logistics_are_named() {
        let (mut data, m) = ready();
        data.plan.meeting_date = DateDraft::default();
        let m = MeetingDraft {
            start: "10".into(),
            end: "09:00".into(),
            how: String::new(),
            ..m
        };
        assert_eq!(gaps(&data, &m), [Gap::Date, Gap::Start, Gap::How]);
        let (data, m) = ready();
        let before = MeetingDraft {
            end: "09:59".into(),
            ..m.clone()
        };
        assert_eq!(gaps(&data, &before), [Gap::End]);
        let nowhere = MeetingDraft {
            place: "  ".into(),
            ..m
        };
        assert_eq!(gaps(&data, &nowhere), [Gap::Place]);
    }

    #[test]
    fn the_family_address_typed_as_the_place_is_refused() {
        let (data, m) = ready();
        for place in ["12 acacia   avenue, Leeds", "Home: sw1a1aa"] {
            let m = MeetingDraft {
                place: place.into(),
                ..m.clone()
            };
            assert_eq!(gaps(&data, &m), [Gap::PlaceIsHome], "{place}");
        }
    }

    #[test]
    fn any_line_of_a_family_address_or_any_postcode_is_refused() {
        let (mut data, m) = ready();
        data.child.address = "Flat 2\n12 Acacia Avenue\nLeeds".into();
        data.parents = vec![crate::domain::ParentDraft {
            name: "Anna Kowalska".into(),
            address: "7 Orchard Way, Strood ME2 4AB".into(),
            ..Default::default()
        }];
        for place in [
            "12, Acacia Avenue.",
            "7 ORCHARD WAY",
            "Somewhere, ME2 4AB",
            "le12ab hall",
        ] {
            let m = MeetingDraft {
                place: place.into(),
                ..m.clone()
            };
            assert!(gaps(&data, &m).contains(&Gap::PlaceIsHome), "{place}");
        }
    }

    #[test]
    fn a_family_name_or_number_in_the_place_or_joining_details_is_refused() {
        let (mut data, m) = ready();
        data.child.given_name = "Jamie".into();
        data.parents = vec![crate::domain::ParentDraft {
            name: "Anna Kowalska".into(),
            phone: "07700 900123".into(),
            ..Default::default()
        }];
        let place = MeetingDraft {
            place: "Jamie's nan's house".into(),
            ..m.clone()
        };
        assert_eq!(gaps(&data, &place), [Gap::PersonalDetails]);
        let joining = MeetingDraft {
            how: PHONE.into(),
            joining: "Call Mum on 07700900123".into(),
            ..m.clone()
        };
        assert_eq!(gaps(&data, &joining), [Gap::PersonalDetails]);
        let fine = MeetingDraft {
            how: VIDEO.into(),
            joining: "Teams: 123 456 789, code abc".into(),
            ..m
        };
        assert_eq!(gaps(&data, &fine), []);
    }

    #[test]
    fn no_end_means_an_hour_after_the_start() {
        let (_, m) = ready();
        let (start, end) = times(&m).expect("times");
        assert_eq!(
            (start.to_string(), end.to_string()),
            ("10:00".into(), "11:00".into())
        );
        let late = MeetingDraft {
            start: "23:30".into(),
            ..m
        };
        assert_eq!(times(&late).expect("times").1.to_string(), "23:59");
    }

    #[test]
    fn sequence_goes_up_only_when_the_file_would_say_something_else() {
        let (mut data, mut m) = ready();
        let made = |data: &Data, m: &mut MeetingDraft| {
            let key = calendar_key(data, m);
            note_calendar_made(m, key)
        };
        assert!(made(&data, &mut m));
        assert_eq!(m.calendar_sequence, 0);
        assert!(!made(&data, &mut m));
        assert_eq!(m.calendar_sequence, 0);
        m.start = "11:00".into();
        assert!(made(&data, &mut m));
        assert_eq!(m.calendar_sequence, 1);
        data.plan.meeting_date.day = "10".into();
        assert!(made(&data, &mut m));
        assert_eq!(m.calendar_sequence, 2);
    }

    #[test]
    fn record_versions_start_at_one_and_follow_changes() {
        let mut m = MeetingDraft::default();
        assert!(note_record_made(&mut m, "a".into()));
        assert_eq!(m.record_version, 1);
        assert!(!note_record_made(&mut m, "a".into()));
        assert!(note_record_made(&mut m, "b".into()));
        assert_eq!(m.record_version, 2);
    }

    #[test]
    fn the_next_meeting_is_the_earliest_planned_one_from_today() {
        let today = Date::new(2026, 12, 7).expect("a date");
        let mut data = Data::default();
        let at = |d: &str, status: &str, id: &str| MeetingDraft {
            id: id.into(),
            kind: REVIEW.into(),
            date: date(d, "12", "2026"),
            status: status.into(),
            ..MeetingDraft::default()
        };
        data.meetings = vec![
            at("6", "", "past"),
            at("20", "", "later"),
            at("9", CANCELLED, "cancelled"),
            at("10", PLANNED, "next"),
        ];
        let (next, date) = next_meeting(&data, today).expect("a meeting");
        assert_eq!(next.id, "next");
        assert_eq!(meeting_words(next, date), "Review meeting 10/12/2026");
        let first = MeetingDraft {
            kind: FIRST_TAC.into(),
            start: "9:05".into(),
            ..next.clone()
        };
        assert_eq!(meeting_words(&first, date), "TAC meeting 10/12/2026 09:05");
        data.meetings.truncate(1);
        assert!(next_meeting(&data, today).is_none());
    }

    #[test]
    fn invitees_are_named_from_their_source() {
        let mut data = Data::default();
        data.plan.team = vec![TeamMemberDraft {
            id: "t1".into(),
            name: " Jo Smith ".into(),
            ..TeamMemberDraft::default()
        }];
        let team = InviteeDraft {
            kind: INVITE_TEAM.into(),
            member: "t1".into(),
            ..InviteeDraft::default()
        };
        let gone = InviteeDraft {
            member: "t9".into(),
            ..team.clone()
        };
        assert_eq!(invitee_name(&data, &team), "Jo Smith");
        assert_eq!(invitee_name(&data, &gone), GONE_FROM_TEAM);
        assert!(invitee_is_current(&data, &team));
        assert!(!invitee_is_current(&data, &gone));
        assert!(
            !gets_invitation(&data, &team),
            "a team member gets no family invitation"
        );
    }
}
