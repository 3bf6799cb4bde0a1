//! The meeting record (caf-form.md §5c): a short PDF made after a meeting,
//! for the team. The meeting, who came, apologies, contributions received,
//! what was decided, the plan as it now stands (the CAF PDF's delivery plan
//! table) and the next meeting; stamped like the CAF PDF (the status in the
//! box on page 1 and on every page's footer, with the doc id, the record's
//! own version and the fingerprint). Under the title, who it may be sent
//! to: the team members whose agency the family agreed to share with
//! (`domain::agencies::sharing`), and who not, and why; nobody while the
//! agreement is not recorded. Pure.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::domain::agencies::{team_by_sharing, Sharing};
use crate::domain::contribution::heading;
use crate::domain::meetings::{
    date_value, invitee_name, status_of, CANCELLED, FIRST_TAC, HELD, INVITE_CHILD, INVITE_TEAM,
    IN_PERSON, PHONE, PLANNED, VIDEO,
};
use crate::domain::{
    fingerprint, Data, Date, Draft, MeetingDraft, RememberedWithdrawal, Settings, TeamMemberDraft,
};
use crate::form::caf::{is_closed, next_review_date};
use crate::pdf::{Banner, Block, Document};
use crate::print::caf::{delivery_plan_table, doc_id, header_start, stamp_footer, stamp_lines};
use crate::print::file_name::fold;
use crate::print::invitation::{long_date, when};
use crate::print::PdfJob;
use crate::validate::{consent_status, ConsentStatus, Report};

/// The "may be sent to" label under the title.
pub const MAY_BE_SENT_TO: &str = "May be sent to:";
/// The "do not send" label under the title.
pub const DO_NOT_SEND: &str = "Not covered by the family's agreement — do not send:";

/// The record's title: "Team Around the Child meeting record" for the
/// first meeting, "Review meeting record" for a review.
pub fn title(meeting: &MeetingDraft) -> &'static str {
    if meeting.kind == FIRST_TAC {
        "Team Around the Child meeting record"
    } else {
        "Review meeting record"
    }
}

/// The meeting record of `meeting` as the CAF stands, made at `created`,
/// stamped with the consent status given the withdrawals this device
/// remembers (`remembered`). Its version is `meeting.record_version` (at
/// least 1): the page first calls `meetings::note_record_made` with
/// `meeting_record_key`, then this with the meeting it updated.
pub fn meeting_record_pdf(
    draft: &Draft,
    meeting: &MeetingDraft,
    report: &Report,
    remembered: &[RememberedWithdrawal],
    settings: &Settings,
    created: &str,
) -> PdfJob {
    let data = &draft.data;
    let status = consent_status(data, report, remembered);
    let version = meeting.record_version.max(1);
    let print = fingerprint(data);
    let id = doc_id(draft);
    let content = Content::of(draft, meeting, settings);
    let mut header = content.header;
    header.push((
        "Document".to_owned(),
        format!("CAF {id}, meeting record version {version}"),
    ));
    header.push(("Created".to_owned(), created.to_owned()));
    let document = Document {
        title: content.title.to_owned(),
        file_title: format!("CAF {id} meeting record v{version}"),
        header,
        banner: Some(sharing_banner(&status, &content.sharing)),
        blocks: content.blocks,
        footer: stamp_footer(&format!("CAF {id} record v{version}"), &print, &status),
        base_font_size: 10.0,
    };
    let date = date_value(data, meeting).map_or_else(|| "undated".to_owned(), Date::iso);
    PdfJob {
        document,
        file_name: format!(
            "Meeting-record-{}-{date}-v{version}.pdf",
            fold(&id, "draft")
        ),
        version,
        fingerprint: print,
    }
}

/// What the record of `meeting` prints, as a short hash (16 lowercase hex
/// characters): its content, who it may be sent to and the fingerprint of
/// the CAF; not the time it is made or its version. The page passes it to
/// `meetings::note_record_made`, so the version goes up only when a record
/// would say something else.
pub fn meeting_record_key(draft: &Draft, meeting: &MeetingDraft) -> String {
    let content = Content::of(draft, meeting, &Settings::default());
    #[derive(Serialize)]
    struct Key<'a> {
        fingerprint: String,
        title: &'a str,
        header: &'a [(String, String)],
        sharing: &'a SharingLists,
        blocks: &'a [Block],
    }
    let key = Key {
        fingerprint: fingerprint(&draft.data),
        title: content.title,
        header: &content.header,
        sharing: &content.sharing,
        blocks: &content.blocks,
    };
    // Serialising plain strings and blocks cannot fail.
    let canonical = serde_json::to_string(&key).unwrap_or_default();
    Sha256::digest(canonical.as_bytes())
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Everything the record prints but its stamp, creation time and version.
struct Content {
    title: &'static str,
    header: Vec<(String, String)>,
    sharing: SharingLists,
    blocks: Vec<Block>,
}

/// Who the record may be sent to, and who not with the reason, one member
/// to a line.
#[derive(Serialize)]
struct SharingLists {
    agreed: Vec<String>,
    not_covered: Vec<String>,
}

impl Content {
    fn of(draft: &Draft, meeting: &MeetingDraft, settings: &Settings) -> Content {
        let data = &draft.data;
        let header = header_start(data, settings);
        let (agreed, not_covered) = team_by_sharing(data);
        let sharing = SharingLists {
            agreed: agreed.into_iter().map(member).collect(),
            not_covered: not_covered
                .into_iter()
                .map(|(m, why)| format!("{} — {}", member(m), reason(why)))
                .collect(),
        };
        Content {
            title: title(meeting),
            header,
            sharing,
            blocks: body(data, meeting),
        }
    }
}

/// A team member as the record names them: name, role, agency.
fn member(member: &TeamMemberDraft) -> String {
    let name = match member.name.trim() {
        "" => "Name not given",
        name => name,
    };
    [name, member.role.trim(), member.agency.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a member's agency is not covered by the family's agreement.
fn reason(sharing: Sharing) -> &'static str {
    match sharing {
        Sharing::Refused => "the family refused sharing with this agency",
        Sharing::NotNamed | Sharing::Agreed => {
            "this agency is not named in the family's agreement (if it should be, check the spelling is the same in both)"
        }
    }
}

/// The box under the title: the consent status as on the CAF PDF, then who
/// the record may be sent to, or, while the agreement is not recorded,
/// that it must not be shared.
fn sharing_banner(status: &ConsentStatus, sharing: &SharingLists) -> Banner {
    let mut lines = stamp_lines(status);
    let mut rows = Vec::new();
    if matches!(status, ConsentStatus::Recorded) {
        rows.push((
            MAY_BE_SENT_TO.to_owned(),
            if sharing.agreed.is_empty() {
                "No one in the team: the family has not agreed to share with any of their agencies."
                    .to_owned()
            } else {
                sharing.agreed.join("\n")
            },
        ));
        if !sharing.not_covered.is_empty() {
            rows.push((DO_NOT_SEND.to_owned(), sharing.not_covered.join("\n")));
        }
    } else {
        lines.push(format!(
            "Do not share this record until the family's agreement is recorded. The agreement to share is {}.",
            status.words().to_lowercase()
        ));
    }
    Banner {
        lines,
        rows,
        signature_png: None,
    }
}

/// The record's body, in the order of caf-form.md §5c.
fn body(data: &Data, meeting: &MeetingDraft) -> Vec<Block> {
    let mut blocks = vec![Block::Heading("The meeting".to_owned())];
    let kind = if meeting.kind == FIRST_TAC {
        "First Team Around the Child meeting"
    } else {
        "Review meeting"
    };
    blocks.push(field("Meeting", kind.to_owned()));
    blocks.push(field(
        "When",
        when(data, meeting).unwrap_or_else(|| "Date not given".to_owned()),
    ));
    blocks.push(field("Where or how", where_or_how(meeting)));
    blocks.push(field(
        "Status",
        match status_of(meeting) {
            PLANNED => "Planned",
            HELD => "Held",
            CANCELLED => "Cancelled",
            _ => "Not given",
        }
        .to_owned(),
    ));

    blocks.push(Block::Heading("Who came".to_owned()));
    blocks.push(people(
        data,
        meeting,
        &meeting.present,
        "No one is recorded as present.",
    ));
    blocks.push(Block::Heading("Apologies".to_owned()));
    blocks.push(people(data, meeting, &meeting.apologies, "None recorded."));

    blocks.push(Block::Heading("Contributions received".to_owned()));
    blocks.extend(contributions(meeting));

    blocks.push(Block::Heading("What was decided".to_owned()));
    blocks.push(Block::Paragraph(match meeting.decisions.trim() {
        "" => "Nothing recorded.".to_owned(),
        decisions => decisions.to_owned(),
    }));

    blocks.push(Block::Heading("The plan as it now stands".to_owned()));
    let plan = delivery_plan_table(data);
    if plan.is_empty() {
        blocks.push(Block::Paragraph("The plan has no actions yet.".to_owned()));
    } else {
        blocks.extend(plan);
    }

    blocks.push(Block::Heading("The next meeting".to_owned()));
    blocks.push(Block::Paragraph(next_meeting(data, meeting)));
    blocks
}

fn field(label: &str, value: String) -> Block {
    Block::Field {
        label: label.to_owned(),
        value,
    }
}

/// Where the meeting is, or how it happens. This record is for the team,
/// so the family's home is named as such (never the address).
fn where_or_how(meeting: &MeetingDraft) -> String {
    match meeting.how.as_str() {
        IN_PERSON if meeting.at_home => "At the family's home".to_owned(),
        IN_PERSON => match meeting.place.trim() {
            "" => "In person".to_owned(),
            place => format!("In person: {place}"),
        },
        PHONE => "By phone".to_owned(),
        VIDEO => "By video".to_owned(),
        _ => "Not given".to_owned(),
    }
}

/// The invitees with these ids, one to a line: team members with their
/// role and agency, family members and the child said as such.
fn people(data: &Data, meeting: &MeetingDraft, ids: &[String], none: &str) -> Block {
    let names: Vec<String> = meeting
        .invited
        .iter()
        .filter(|invitee| ids.contains(&invitee.id))
        .filter_map(|invitee| {
            let name = invitee_name(data, invitee);
            let named = match invitee.kind.as_str() {
                // A member since removed from the plan is still said.
                INVITE_TEAM => data
                    .plan
                    .team
                    .iter()
                    .find(|m| m.id == invitee.member)
                    .map_or(name, member),
                INVITE_CHILD => format!("{name} (the child or young person)"),
                _ if name.is_empty() => return None,
                _ => format!("{name} (family)"),
            };
            Some(named)
        })
        .collect();
    Block::Paragraph(if names.is_empty() {
        none.to_owned()
    } else {
        names.join("\n")
    })
}

/// Contributions from those who could not come (caf-form.md §5b): who sent
/// each, and when. Their answers in brief come with the pages that import
/// them (issue 28); until then a draft file may still hold contributions,
/// and the record never says "None received." of a meeting that has some.
fn contributions(meeting: &MeetingDraft) -> Vec<Block> {
    let text = |item: &serde_json::Value, key: &str| {
        item.get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let received: Vec<String> = meeting
        .contributions
        .iter()
        .map(|c| {
            let from = &c["from"];
            heading(
                &text(from, "name"),
                &text(from, "agency"),
                &text(c, "written_at"),
            )
        })
        .collect();
    vec![Block::Paragraph(if received.is_empty() {
        "None received.".to_owned()
    } else {
        received.join("\n")
    })]
}

/// The next meeting: the earliest planned meeting after this one's date;
/// failing that, the date the next review is due; or that the CAF is
/// closed, or nothing is planned.
fn next_meeting(data: &Data, meeting: &MeetingDraft) -> String {
    let this = date_value(data, meeting);
    let next = data
        .meetings
        .iter()
        .filter(|other| other.id != meeting.id && status_of(other) == PLANNED)
        .filter_map(|other| date_value(data, other).map(|date| (other, date)))
        .filter(|(_, date)| this.is_none_or(|this| *date > this))
        .min_by_key(|(other, date)| (*date, other.start.trim().to_owned()));
    if let Some((other, _)) = next {
        let kind = if other.kind == FIRST_TAC {
            "Team Around the Child meeting"
        } else {
            "Review meeting"
        };
        let when = when(data, other).unwrap_or_default();
        return format!("{kind}: {when}. {}.", where_or_how(other));
    }
    if is_closed(data) {
        return "The CAF is closed: no further meeting is planned.".to_owned();
    }
    match next_review_date(data) {
        Some(date) => format!(
            "The next review is due on {} ({date}). No meeting is planned for it yet.",
            long_date(date)
        ),
        None => "No next meeting is planned.".to_owned(),
    }
}
