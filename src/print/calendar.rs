//! The calendar file of a meeting (caf-form.md §5a): one RFC 5545 `.ics`
//! with one event, `METHOD:PUBLISH` and no attendees, its times in
//! Europe/London with that zone's `VTIMEZONE`, so it is right on a device
//! in any time zone. Pure: the caller passes the time it is made.
//!
//! Calendar entries are synced to cloud services and shown on lock screens:
//! the file names the case only by its doc id. It holds the meeting's kind,
//! time, place (never the family's home: "Home visit"), status, the lead
//! professional's name and work phone and the joining details as given;
//! nothing of the child's or the family's names, dates of birth, address,
//! postcode or identifiers. (The domain refuses a place that looks like the
//! family's address; `meetings::gaps`.)

use sha2::{Digest, Sha256};

use crate::domain::meetings::{
    date_value, gaps, status_of, times, Gap, CANCELLED, FIRST_TAC, IN_PERSON, PHONE, VIDEO,
};
use crate::domain::{Date, Draft, MeetingDraft, TimeOfDay};
use crate::print::caf::doc_id;
use crate::print::file_name::fold;

/// The time zone every meeting's times are in.
const TZID: &str = "Europe/London";

/// Europe/London since 1996: GMT from the last Sunday of October at 02:00
/// (BST), BST from the last Sunday of March at 01:00 (GMT). The `DTSTART`
/// of each rule is its first instance, as RFC 5545 asks.
const VTIMEZONE: [&str; 17] = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
];

/// The `.ics` text of `meeting`, made at `now_utc` (RFC 3339 UTC, the
/// `DTSTAMP`), or what is missing before it can be made
/// (`meetings::gaps`). CRLF line endings, lines folded at 75 octets.
pub fn ics(draft: &Draft, meeting: &MeetingDraft, now_utc: &str) -> Result<String, Vec<Gap>> {
    let data = &draft.data;
    let missing = gaps(data, meeting);
    if !missing.is_empty() {
        return Err(missing);
    }
    let date = date_value(data, meeting).ok_or_else(|| vec![Gap::Date])?;
    let (start, end) = times(meeting).ok_or_else(|| vec![Gap::Start])?;
    let id = doc_id(draft);
    let summary = if meeting.kind == FIRST_TAC {
        format!("Team Around the Child meeting — CAF {id}")
    } else {
        format!("CAF review — CAF {id}")
    };
    let status = if status_of(meeting) == CANCELLED {
        "CANCELLED"
    } else {
        "CONFIRMED"
    };

    let mut lines: Vec<String> = [
        "BEGIN:VCALENDAR",
        "PRODID:-//CAF Lite//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    .iter()
    .chain(VTIMEZONE.iter())
    .map(|line| (*line).to_owned())
    .collect();
    lines.push("BEGIN:VEVENT".to_owned());
    lines.push(format!("UID:{}", text(&uid(draft, meeting))));
    lines.push(format!("DTSTAMP:{}", stamp(now_utc)));
    lines.push(format!("SEQUENCE:{}", meeting.calendar_sequence));
    lines.push(format!("DTSTART;TZID={TZID}:{}", local(date, start)));
    lines.push(format!("DTEND;TZID={TZID}:{}", local(date, end)));
    lines.push(format!("SUMMARY:{}", text(&summary)));
    lines.push(format!("LOCATION:{}", text(&location(meeting))));
    let description = description(draft, meeting);
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", text(&description)));
    }
    lines.push(format!("STATUS:{status}"));
    lines.push("TRANSP:OPAQUE".to_owned());
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());

    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold_line(line));
    }
    Ok(out)
}

/// `CAF-<doc id>-meeting-<yyyy-mm-dd>.ics`: the case by its doc id only.
pub fn ics_file_name(draft: &Draft, meeting: &MeetingDraft) -> String {
    format!(
        "CAF-{}-meeting-{}.ics",
        fold(&doc_id(draft), "draft"),
        date_value(&draft.data, meeting).map_or_else(|| "undated".to_owned(), Date::iso)
    )
}

/// `<32 hex>@caf-lite`, a digest of the CAF's id and the meeting's (its
/// kind for a meeting without an id, never made by the app): the same for
/// every file of the meeting, so a later file updates the entry rather
/// than adding a second one, and never an id's own text, which a file
/// edited by hand could make anything.
pub fn uid(draft: &Draft, meeting: &MeetingDraft) -> String {
    let which = match meeting.id.trim() {
        "" => meeting.kind.trim(),
        id => id,
    };
    let digest = Sha256::digest(format!("{}\u{1f}{which}", draft.id.trim()).as_bytes());
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("{hex}@caf-lite")
}

/// Where the meeting is, as the calendar may say it: the place typed, or
/// "Home visit" for the family's home (never written out), or how.
fn location(meeting: &MeetingDraft) -> String {
    match meeting.how.as_str() {
        IN_PERSON if meeting.at_home => "Home visit".to_owned(),
        IN_PERSON => meeting.place.trim().to_owned(),
        PHONE => "Phone".to_owned(),
        VIDEO => "Video".to_owned(),
        _ => String::new(),
    }
}

/// The lead professional's name and work phone, and the joining details
/// as given (for a meeting by phone or video), one to a line.
fn description(draft: &Draft, meeting: &MeetingDraft) -> String {
    let lead = &draft.data.plan.lead;
    let mut lines = Vec::new();
    match (lead.name.trim(), lead.phone.trim()) {
        ("", "") => {}
        (name, "") => lines.push(format!("Lead professional: {name}")),
        ("", phone) => lines.push(format!("Lead professional's phone: {phone}")),
        (name, phone) => lines.push(format!("Lead professional: {name}, {phone}")),
    }
    let joining = meeting.joining.trim();
    if matches!(meeting.how.as_str(), PHONE | VIDEO) && !joining.is_empty() {
        lines.push(format!("How to join: {joining}"));
    }
    lines.join("\n")
}

/// A local date and time, `YYYYMMDDTHHMMSS`.
fn local(date: Date, time: TimeOfDay) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00",
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute()
    )
}

/// An RFC 3339 UTC time (`2026-12-07T18:43:56Z`, fractions of a second
/// ignored) as a UTC date-time, `20261207T184356Z`. A time that cannot be
/// read is the start of 1970, so the file is still well formed.
fn stamp(now_utc: &str) -> String {
    utc_stamp(now_utc).unwrap_or_else(|| "19700101T000000Z".to_owned())
}

fn utc_stamp(now_utc: &str) -> Option<String> {
    let digits: Vec<u32> = now_utc
        .chars()
        .take(19)
        .filter_map(|c| c.to_digit(10))
        .collect();
    if digits.len() != 14 {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        digits
            .get(from..to)
            .map(|ds| ds.iter().fold(0, |acc, d| acc * 10 + d))
    };
    let date = Date::new(
        i32::try_from(number(0, 4)?).ok()?,
        u8::try_from(number(4, 6)?).ok()?,
        u8::try_from(number(6, 8)?).ok()?,
    )?;
    let (hour, minute, second) = (number(8, 10)?, number(10, 12)?, number(12, 14)?);
    (hour < 24 && minute < 60 && second < 61).then(|| {
        format!(
            "{:04}{:02}{:02}T{hour:02}{minute:02}{second:02}Z",
            date.year(),
            date.month(),
            date.day()
        )
    })
}

/// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon and comma
/// escaped, every line break `\n`, other control characters left out.
fn text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): no line longer than 75
/// octets before its CRLF, each continuation starting with a space, never
/// splitting a UTF-8 character.
fn fold_line(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if used + len > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(ch);
        used += len;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_a_character() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold_line(&line);
        for part in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(part.len() <= 75, "{part:?}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn stamps_read_rfc_3339_utc() {
        assert_eq!(stamp("2026-12-07T18:43:56Z"), "20261207T184356Z");
        assert_eq!(stamp("2026-12-07T18:43:56.123Z"), "20261207T184356Z");
        assert_eq!(stamp("not a time"), "19700101T000000Z");
        assert_eq!(stamp("2026-02-30T18:43:56Z"), "19700101T000000Z");
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a;b,c\\d\r\ne\rf\ng"), "a\\;b\\,c\\\\d\\ne\\nf\\ng");
    }
}
