//! A meeting's invitation for the family (caf-form.md §5a) and its record
//! for the team (§5c), built with the recipes the page calls and read back
//! from the rendered PDF with poppler, so what is checked is what a reader
//! of the printed file gets.
#![cfg(all(not(target_arch = "wasm32"), feature = "pdf-engine"))]

use std::path::Path;

use caf_lite::domain::meetings::{
    note_record_made, Gap, INVITE_CHILD, INVITE_FAMILY, INVITE_TEAM, IN_PERSON, PHONE, PLANNED,
    REVIEW, VIDEO,
};
use caf_lite::domain::*;
use caf_lite::pdf::{Block, Document};
use caf_lite::print::caf::caf_document;
use caf_lite::print::invitation::{invitation, invitation_pdf};
use caf_lite::print::meeting_record::{
    meeting_record_key, meeting_record_pdf, DO_NOT_SEND, MAY_BE_SENT_TO,
};
use caf_lite::print::PdfJob;
use caf_lite::validate::{self, consent_status, ConsentStatus};

mod common;
use common::{
    complete_data, draft, page_count, poppler, print_doc as print, recorded, today, typed, DRAFT_ID,
};

const CREATED: &str = "09/12/2026 11:20";

// ---------------------------------------------------------------- fixtures

fn invitee(id: &str, kind: &str, member: &str, name: &str) -> InviteeDraft {
    InviteeDraft {
        id: id.into(),
        kind: kind.into(),
        member: member.into(),
        name: name.into(),
    }
}

fn member(id: &str, name: &str, role: &str, agency: &str) -> TeamMemberDraft {
    TeamMemberDraft {
        id: id.into(),
        name: name.into(),
        role: role.into(),
        agency: agency.into(),
        ..TeamMemberDraft::default()
    }
}

/// The complete CAF with two separated parents and a household, a team
/// whose agencies test the family's agreement (one spelt with other case
/// and spaces, one the family refused, one misspelt), and a review meeting
/// on Wednesday 9 December 2026 with both parents invited separately.
fn family_data() -> Data {
    let mut data = complete_data();
    // The invitees below name the team by these ids.
    for (n, member) in data.plan.team.iter_mut().enumerate() {
        member.id = format!("team-{}", n + 1);
    }
    data.parents.push(ParentDraft {
        name: "Marek Kowalczyk".into(),
        relationship: "Father".into(),
        parental_responsibility: "yes".into(),
        phone: "07700 900555".into(),
        address: "7 Orchard Way\nStrood".into(),
        lives_with_child: "no".into(),
        ..ParentDraft::default()
    });
    data.plan.team[1].agency = "  health   VISITING ".into();
    data.plan.team.push(member(
        "team-4",
        "Dev Okafor",
        "Youth worker",
        "Youth Offending Service",
    ));
    data.plan.team.push(member(
        "team-5",
        "Priya Shah",
        "Community nurse",
        "Heath visiting",
    ));
    data.meetings = vec![
        MeetingDraft {
            id: "meeting-review".into(),
            kind: REVIEW.into(),
            date: typed(2026, 12, 9),
            start: "10:00".into(),
            end: "11:00".into(),
            how: IN_PERSON.into(),
            place: "Room 3, Oak Children's Centre".into(),
            invited: vec![
                invitee("inv-sam", INVITE_TEAM, "team-1", ""),
                invitee("inv-siobhan", INVITE_TEAM, "team-2", ""),
                invitee("inv-dev", INVITE_TEAM, "team-4", ""),
                invitee("inv-olena", INVITE_FAMILY, "", "Олена Łukasiewicz-O'Brien"),
                invitee("inv-marek", INVITE_FAMILY, "", "Marek Kowalczyk"),
                invitee("inv-child", INVITE_CHILD, "", ""),
            ],
            present: vec!["inv-sam".into(), "inv-siobhan".into(), "inv-olena".into()],
            apologies: vec!["inv-dev".into()],
            decisions: "Keep the breakfast club place until February.\nAsk the landlord for a date for the damp repair.".into(),
            ..MeetingDraft::default()
        },
        MeetingDraft {
            id: "meeting-next".into(),
            kind: REVIEW.into(),
            date: typed(2027, 3, 10),
            start: "14:00".into(),
            how: VIDEO.into(),
            joining: "https://meet.example.org/caf".into(),
            status: PLANNED.into(),
            ..MeetingDraft::default()
        },
    ];
    data
}

fn review(data: &Data) -> &MeetingDraft {
    &data.meetings[0]
}

fn status(data: &Data) -> ConsentStatus {
    let report = validate::check(data, today(), &Settings::default()).report;
    consent_status(data, &report, &[])
}

// ---------------------------------------------------------------- printing

/// Every page's text, each with its runs of white space made one space.
fn pages(path: &Path) -> Vec<String> {
    (1..=page_count(path))
        .map(|n| {
            let n = n.to_string();
            flat(&poppler(
                "pdftotext",
                &["-enc", "UTF-8", "-f", &n, "-l", &n],
                path,
                true,
            ))
        })
        .collect()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn invitation_job(data: &Data, to: &str) -> PdfJob {
    let draft = draft(data.clone());
    let meeting = review(data);
    let invitee = meeting
        .invited
        .iter()
        .find(|i| i.id == to)
        .expect("the invitee");
    invitation_pdf(&draft, meeting, invitee, &Settings::default(), CREATED)
        .expect("a meeting with date, time and place has an invitation")
}

/// The record as the page makes it: note the record made, then print it
/// with the meeting updated.
fn record_job(draft: &mut Draft, meeting_at: usize) -> PdfJob {
    let key = meeting_record_key(draft, &draft.data.meetings[meeting_at]);
    note_record_made(&mut draft.data.meetings[meeting_at], key);
    let report = validate::check(&draft.data, today(), &Settings::default()).report;
    meeting_record_pdf(
        draft,
        &draft.data.meetings[meeting_at],
        &report,
        &[],
        &Settings::default(),
        CREATED,
    )
}

// -------------------------------------------------------------- invitation

#[test]
fn the_invitation_says_when_where_who_and_what_on_one_page() {
    let data = recorded(family_data());
    let job = invitation_job(&data, "inv-olena");
    assert_eq!(job.file_name, "Invitation-3f2a9c1e-2026-12-09-4.pdf");
    // The other parent's file has another name (by place, never by name).
    assert_eq!(
        invitation_job(&data, "inv-marek").file_name,
        "Invitation-3f2a9c1e-2026-12-09-5.pdf"
    );
    assert_eq!(job.document.base_font_size, 12.0);
    let path = print("invitation", &job.document);
    assert_eq!(page_count(&path), 1, "one A4 page");
    let text = pages(&path).join(" ");
    for words in [
        "An invitation for Олена Łukasiewicz-O'Brien",
        "We would like you to come to a meeting to review the plan for Zoë.",
        "When is the meeting?",
        "Wednesday 9 December 2026, 10:00 to 11:00",
        "Where is it?",
        "Room 3, Oak Children's Centre",
        "Who will be there?",
        "Sam Patel, SENCO (your lead professional)",
        "Siobhán Ní Bhriain, Health visitor",
        "Dev Okafor, Youth worker",
        "What happens at the meeting?",
        "We talk about what is going well and what is hard.",
        "Together we agree who does what.",
        "You can bring someone with you",
        "What if I cannot come?",
        "Tell us what you think before the meeting, and we will share it at the meeting.",
        "How do I contact the lead professional?",
        "Your lead professional is Sam Patel.",
        "Phone: 01632 960001.",
        "Email: sam@example.org",
        "the plan for Zoë",
    ] {
        assert!(text.contains(words), "{words:?} in:\n{text}");
    }
}

#[test]
fn a_busy_invitation_still_fits_one_page() {
    let mut data = family_data();
    // Five professionals (a large Team Around the Child), one with a long
    // name and role, a long joining link and the council's name. (Six
    // such, with all of that, run onto a second page.)
    data.plan.team[4] = member(
        "team-5",
        "Dr Wiktoria Brzęczyszczykiewicz-Ó Súilleabháin",
        "Educational psychologist and family support coordinator",
        "Medway Council",
    );
    let meeting = &mut data.meetings[0];
    meeting.invited = (1..=5)
        .map(|n| invitee(&format!("inv-{n}"), INVITE_TEAM, &format!("team-{n}"), ""))
        .chain([invitee(
            "inv-olena",
            INVITE_FAMILY,
            "",
            "Олена Łukasiewicz-O'Brien",
        )])
        .collect();
    meeting.how = VIDEO.into();
    meeting.joining = format!(
        "https://meet.example.org/j/{} then enter the passcode 482913 when asked; if the link does not work call 0300 123 4567",
        "a1b2c3d4".repeat(8)
    );
    let settings = Settings {
        council_name: "Medway Council Children's Services".into(),
        ..Settings::default()
    };
    let draft = draft(recorded(data.clone()));
    let job = invitation_pdf(
        &draft,
        review(&data),
        &data.meetings[0].invited[5],
        &settings,
        CREATED,
    )
    .expect("an invitation");
    let path = print("invitation-busy", &job.document);
    assert_eq!(page_count(&path), 1, "one A4 page");
}

#[test]
fn the_invitation_names_no_other_family_member_and_nothing_private() {
    let data = recorded(family_data());
    for (to, addressed) in [
        ("inv-olena", "Олена Łukasiewicz-O'Brien"),
        ("inv-marek", "Marek Kowalczyk"),
    ] {
        let path = print(
            &format!("invitation-{to}"),
            &invitation_job(&data, to).document,
        );
        let text = pages(&path).join(" ");
        assert!(text.contains(addressed), "{text}");
        let other_parent = if to == "inv-olena" {
            ["Marek", "Kowalczyk"]
        } else {
            ["Олена", "Łukasiewicz"]
        };
        let forbidden = [
            // The other parent, the household and who gave consent.
            other_parent[0],
            other_parent[1],
            "Ελένη",
            "Papadaki",
            "Tomasz",
            "Householder",
            "Grandmother",
            "Father",
            "Mother",
            // Identifiers, date of birth, addresses.
            "943 476 5919",
            "9434765919",
            "B801200005001",
            "14/05/2018",
            "2018",
            "ME4",
            "me4",
            "High Street",
            "Chatham",
            "Orchard Way",
            "Strood",
            "07700",
            "olena@example.com",
            // Needs, ratings, the reason for the assessment.
            "Poor sleep",
            "Mornings are chaotic",
            "Damp in the bedroom",
            "concern",
            "Strength",
            "attendance is 86%",
            "late and tired",
            // A team member who was not invited.
            "Agnieszka",
            // The child's other details.
            "Łukasiewicz-O'Brien, ",
            "female",
        ];
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{word:?} on {to}'s invitation:\n{text}"
            );
        }
    }
}

#[test]
fn the_childs_invitation_is_addressed_to_them_by_given_name() {
    let data = recorded(family_data());
    let text = pages(&print(
        "invitation-child",
        &invitation_job(&data, "inv-child").document,
    ))
    .join(" ");
    assert!(text.contains("An invitation for Zoë"), "{text}");
    assert!(text.contains("a meeting to review your plan"), "{text}");
    assert!(
        !text.contains("Łukasiewicz") && !text.contains("Marek"),
        "{text}"
    );
}

#[test]
fn at_home_by_phone_and_by_video_are_said_plainly() {
    let mut data = family_data();
    let to = invitee("inv-olena", INVITE_FAMILY, "", "Олена Łukasiewicz-O'Brien");
    let words = |data: &Data| {
        let handout =
            invitation(data, review(data), &to, &Settings::default()).expect("an invitation");
        flat(
            &handout
                .sections
                .iter()
                .map(|s| format!("{} {}", s.heading, s.paragraphs.join(" ")))
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    data.meetings[0].at_home = true;
    data.meetings[0].place.clear();
    let home = words(&data);
    assert!(home.contains("Where is it? At your home."), "{home}");
    assert!(!home.contains("High Street"), "{home}");
    // A parent who does not live with the child is not told it is their home.
    let elsewhere = invitee("inv-marek", INVITE_FAMILY, "", "Marek Kowalczyk");
    let handout =
        invitation(&data, review(&data), &elsewhere, &Settings::default()).expect("an invitation");
    let where_ = flat(&handout.sections[1].paragraphs.join(" "));
    assert_eq!(
        where_,
        "At the child's home. Ask your lead professional if you need to know more."
    );

    data.meetings[0].at_home = false;
    data.meetings[0].how = PHONE.into();
    data.meetings[0].joining = "We will call you on the number you gave us".into();
    let phone = words(&data);
    assert!(
        phone.contains("How do I join? By phone. How to join: We will call you"),
        "{phone}"
    );
    data.meetings[0].how = VIDEO.into();
    data.meetings[0].joining = String::new();
    data.meetings[0].end = String::new();
    let video = words(&data);
    assert!(video.contains("How do I join? By video."), "{video}");
    assert!(
        video.contains("Wednesday 9 December 2026, starting at 10:00."),
        "{video}"
    );
}

#[test]
fn an_invitation_needs_the_date_time_and_place() {
    let mut data = family_data();
    data.meetings[0].start = String::new();
    data.meetings[0].place = " ".into();
    let draft = draft(data.clone());
    let to = &data.meetings[0].invited[3];
    assert_eq!(
        invitation_pdf(&draft, review(&data), to, &Settings::default(), CREATED),
        Err(vec![Gap::Start, Gap::Place])
    );
}

// ----------------------------------------------------------- meeting record

#[test]
fn the_record_says_who_it_may_be_sent_to_and_who_not() {
    let mut draft = draft(recorded(family_data()));
    assert_eq!(status(&draft.data), ConsentStatus::Recorded);
    let job = record_job(&mut draft, 0);
    let banner = job
        .document
        .banner
        .clone()
        .expect("the box under the title");
    assert_eq!(banner.lines[0], "CONSENT TO SHARE RECORDED");
    let row = |label: &str| {
        banner
            .rows
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {label} in {banner:?}"))
    };
    let may = row(MAY_BE_SENT_TO);
    let may_not = row(DO_NOT_SEND);
    // The agency typed "  health   VISITING " matches "Health visiting".
    assert!(may.contains("Siobhán Ní Bhriain, Health visitor,"), "{may}");
    assert!(may.contains("Agnieszka Wąsowska, Housing officer, Medway Council housing"));
    assert!(
        !may.contains("Dev Okafor") && !may.contains("Priya Shah"),
        "{may}"
    );
    assert!(
        may_not.contains("Dev Okafor, Youth worker, Youth Offending Service — the family refused"),
        "{may_not}"
    );
    assert!(
        may_not.contains("Priya Shah, Community nurse, Heath visiting — this agency is not named in the family's agreement (if it should be, check the spelling"),
        "{may_not}"
    );
    assert!(may_not.contains("Sam Patel, SENCO, Riverside Primary — this agency is not named"));

    let path = print("meeting-record", &job.document);
    let text = pages(&path).join(" ");
    for words in [
        "Review meeting record",
        MAY_BE_SENT_TO,
        DO_NOT_SEND,
        "Siobhán Ní Bhriain",
        "Priya Shah",
        "Heath visiting",
    ] {
        assert!(text.contains(words), "{words:?} in:\n{text}");
    }
}

#[test]
fn the_record_prints_the_meeting_the_people_the_decisions_the_plan_and_the_next_meeting() {
    let mut draft = draft(recorded(family_data()));
    let job = record_job(&mut draft, 0);
    let path = print("meeting-record-body", &job.document);
    let text = pages(&path).join(" ");
    for words in [
        "The meeting",
        "Review meeting",
        "Wednesday 9 December 2026, 10:00 to 11:00",
        "In person: Room 3, Oak Children's Centre",
        "Who came",
        "Sam Patel, SENCO, Riverside Primary",
        "Siobhán Ní Bhriain, Health visitor",
        "Олена Łukasiewicz-O'Brien (family)",
        "Apologies",
        "Dev Okafor, Youth worker, Youth Offending Service",
        "Contributions received",
        "None received.",
        "What was decided",
        "Keep the breakfast club place until February.",
        "The plan as it now stands",
        "Delivery plan",
        "Breakfast club place from Monday",
        "Inspect the damp and book the repair",
        "The next meeting",
        "Review meeting: Wednesday 10 March 2027, starting at 14:00. By video.",
    ] {
        assert!(text.contains(words), "{words:?} in:\n{text}");
    }
    // Invited but neither present nor sending apologies: not listed.
    assert!(!text.contains("Marek"), "{text}");
    // The plan table is the CAF PDF's own.
    let status = status(&draft.data);
    let caf = caf_document(&draft, &status, &Settings::default(), 1, CREATED);
    let plan_table = |doc: &Document| {
        doc.blocks
            .iter()
            .find(|b| matches!(b, Block::Table { columns, .. } if columns.iter().any(|c| c.title == "By when")))
            .cloned()
            .expect("the delivery plan table")
    };
    assert_eq!(plan_table(&job.document), plan_table(&caf));
}

#[test]
fn the_next_meeting_falls_back_to_the_review_date() {
    let mut data = family_data();
    data.meetings.truncate(1);
    let mut draft = draft(recorded(data));
    let text = pages(&print(
        "meeting-record-next",
        &record_job(&mut draft, 0).document,
    ))
    .join(" ");
    assert!(
        text.contains("The next review is due on Tuesday 15 December 2026 (15/12/2026)"),
        "{text}"
    );
}

#[test]
fn every_page_is_stamped_like_the_caf_pdf() {
    let mut data = family_data();
    // A long record, so it runs over pages.
    data.meetings[0].decisions = (1..=40)
        .map(|n| format!("Decision {n}: the team agreed a small step and who takes it."))
        .collect::<Vec<_>>()
        .join("\n");
    let mut draft = draft(recorded(data));
    let status = status(&draft.data);
    let job = record_job(&mut draft, 0);
    let path = print("meeting-record-long", &job.document);
    let pages = pages(&path);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let print = fingerprint(&draft.data);
    for (n, page) in pages.iter().enumerate() {
        let footer = format!(
            "Page {} of {} · CAF {} record v1 · {print} · {}",
            n + 1,
            pages.len(),
            &DRAFT_ID[..8],
            status.banner()
        );
        assert!(
            page.contains(&footer),
            "{footer:?} on page {}:\n{page}",
            n + 1
        );
    }
    assert!(pages[0].contains("CONSENT TO SHARE RECORDED"));
    assert!(pages[0].contains("CAF 3f2a9c1e, meeting record version 1"));
}

#[test]
fn without_a_recorded_agreement_the_record_must_not_be_shared() {
    // Never recorded.
    let mut draft_never = draft(family_data());
    // Recorded, then the plan changed at the meeting.
    let mut changed = recorded(family_data());
    changed.plan.actions[0].progress = "Three sessions held.".into();
    let mut draft_changed = draft(changed);
    for (name, draft, words) in [
        (
            "meeting-record-not-recorded",
            &mut draft_never,
            "not recorded",
        ),
        (
            "meeting-record-out-of-date",
            &mut draft_changed,
            "out of date",
        ),
    ] {
        let status = status(&draft.data);
        assert_ne!(status, ConsentStatus::Recorded);
        let job = record_job(draft, 0);
        let path = print(name, &job.document);
        let pages = pages(&path);
        let text = pages.join(" ");
        assert!(
            text.contains(&format!(
                "Do not share this record until the family's agreement is recorded. The agreement to share is {words}."
            )),
            "{text}"
        );
        assert!(!text.contains(MAY_BE_SENT_TO), "{text}");
        assert!(!text.contains(DO_NOT_SEND), "{text}");
        for page in &pages {
            assert!(page.contains(&status.banner()), "{page}");
        }
    }
}

#[test]
fn each_record_has_its_own_version_that_follows_its_content() {
    let mut draft = draft(recorded(family_data()));
    let first = record_job(&mut draft, 0);
    assert_eq!(first.version, 1);
    assert_eq!(first.file_name, "Meeting-record-3f2a9c1e-2026-12-09-v1.pdf");
    let again = record_job(&mut draft, 0);
    assert_eq!(again.version, 1, "the same content, the same version");
    draft.data.meetings[0]
        .decisions
        .push_str("\nMeet again in March.");
    let changed = record_job(&mut draft, 0);
    assert_eq!(changed.version, 2);
    assert_eq!(
        changed.file_name,
        "Meeting-record-3f2a9c1e-2026-12-09-v2.pdf"
    );
    assert!(changed.document.footer.contains("record v2"));
    // Another meeting's record starts at 1; the CAF's own version is untouched.
    assert_eq!(record_job(&mut draft, 1).version, 1);
    assert_eq!(draft.version, 1);
    // A record made before anything was noted still prints version 1.
    let report = validate::check(&draft.data, today(), &Settings::default()).report;
    let fresh = MeetingDraft {
        record_version: 0,
        ..draft.data.meetings[0].clone()
    };
    let job = meeting_record_pdf(&draft, &fresh, &report, &[], &Settings::default(), CREATED);
    assert_eq!(job.version, 1);
}

/// A meeting that holds contributions (from a draft file) never prints
/// "None received.": it lists who sent each, and when.
#[test]
fn the_record_lists_who_sent_the_contributions_it_holds() {
    let mut draft = draft(recorded(family_data()));
    draft.data.meetings[0].contributions.push(serde_json::json!({
        "request_id": "r1", "number": 1, "member_id": "m1",
        "written_at": "2026-12-02T16:20:00Z",
        "from": {"name": "Agnieszka Wąsowska", "role": "Housing officer", "agency": "Medway Council housing"},
        "answers": {"going_well": "The landlord answers now."}
    }));
    let job = record_job(&mut draft, 0);
    let path = print("meeting-record-contributions", &job.document);
    let text = pages(&path).join(" ");
    assert!(
        text.contains("From Agnieszka Wąsowska, Medway Council housing, written 02/12/2026"),
        "{text}"
    );
    assert!(!text.contains("None received."), "{text}");
}
