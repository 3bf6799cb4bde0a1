//! The invitation to a meeting for one family invitee (caf-form.md §5a):
//! one A4 page in the handout's model and style (12 pt, headings as
//! questions, short sentences), so the same `Handout` feeds the PDF and the
//! printable page.
//!
//! It is addressed to one person and names only the professionals invited:
//! never another family member (separated parents, domestic abuse), and
//! nothing the handout may not show (§5): no NHS number, UPN, date of
//! birth, address or postcode, needs, ratings or the reason for the
//! assessment.

use crate::domain::meetings::{
    date_value, gaps, invitee_name, status_of, times, Gap, CANCELLED, FIRST_TAC, INVITE_CHILD,
    INVITE_TEAM, IN_PERSON, VIDEO,
};
use crate::domain::{fingerprint, Data, Date, Draft, InviteeDraft, MeetingDraft, Settings};
use crate::print::caf::doc_id;
use crate::print::file_name::fold;
use crate::print::handout::{handout_document, section, Handout};
use crate::print::PdfJob;

const WEEKDAYS: [&str; 7] = [
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words with its weekday: "Wednesday 9 December 2026".
pub(crate) fn long_date(date: Date) -> String {
    // 1 January 1970 was a Thursday, the first of `WEEKDAYS`.
    let weekday = Date::new(1970, 1, 1)
        .map(|epoch| epoch.days_until(date).rem_euclid(7))
        .and_then(|n| usize::try_from(n).ok())
        .and_then(|n| WEEKDAYS.get(n));
    let month = MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or_default();
    let day_month_year = format!("{} {month} {}", date.day(), date.year());
    match weekday {
        Some(weekday) => format!("{weekday} {day_month_year}"),
        None => day_month_year,
    }
}

/// When a meeting is, in words: "Wednesday 9 December 2026, 10:00 to
/// 11:00"; "…, starting at 10:00" when no end was given; the date alone
/// without a start time; `None` without a valid date.
pub(crate) fn when(data: &Data, meeting: &MeetingDraft) -> Option<String> {
    let date = long_date(date_value(data, meeting)?);
    let ended = !meeting.end.trim().is_empty();
    Some(match times(meeting) {
        Some((start, end)) if ended => format!("{date}, {start} to {end}"),
        Some((start, _)) => format!("{date}, starting at {start}"),
        None => date,
    })
}

/// The invitation to `meeting` for `invitee`, or what is missing before
/// one can be made (`meetings::gaps`). The page offers it for family
/// members and the child; a team member's is made the same way.
pub fn invitation(
    data: &Data,
    meeting: &MeetingDraft,
    invitee: &InviteeDraft,
    settings: &Settings,
) -> Result<Handout, Vec<Gap>> {
    let missing = gaps(data, meeting);
    if !missing.is_empty() {
        return Err(missing);
    }
    let when = when(data, meeting).ok_or_else(|| vec![Gap::Date])?;
    let is_child = invitee.kind == INVITE_CHILD;
    let name = invitee_name(data, invitee);
    let child = &data.child;
    let first_name = [child.known_as.trim(), child.given_name.trim()]
        .into_iter()
        .find(|name| !name.is_empty());
    let about = match (is_child, first_name) {
        (true, _) => "your plan".to_owned(),
        (false, Some(first_name)) => format!("the plan for {first_name}"),
        (false, None) => "the plan for your child".to_owned(),
    };
    let kind = if meeting.kind == FIRST_TAC {
        "a Team Around the Child meeting"
    } else {
        "a meeting to review"
    };
    // One paragraph to a section (lines kept apart by line breaks), so the
    // invitation stays on one page at the handout's 12 pt.
    let cancelled = status_of(meeting) == CANCELLED;
    let invite = if meeting.kind == FIRST_TAC {
        format!("We would like you to come to {kind} about {about}.")
    } else {
        format!("We would like you to come to {kind} {about}.")
    };
    let when = if cancelled {
        format!("{when}. This meeting has been cancelled. Your lead professional will tell you what happens next.")
    } else {
        format!("{when}.")
    };
    let mut sections = vec![section(
        "When is the meeting?",
        vec![format!("{when}\n{invite}")],
    )];

    sections.push(match meeting.how.as_str() {
        // The family's home is the child's: "your home" only to someone
        // who lives there (the child, a parent who lives with them).
        IN_PERSON if meeting.at_home && lives_with_child(data, invitee) => {
            section("Where is it?", vec!["At your home.".to_owned()])
        }
        IN_PERSON if meeting.at_home => section(
            "Where is it?",
            vec![
                "At the child's home. Ask your lead professional if you need to know more."
                    .to_owned(),
            ],
        ),
        IN_PERSON => section(
            "Where is it?",
            vec![format!("{}.", meeting.place.trim().trim_end_matches('.'))],
        ),
        how => {
            let by = if how == VIDEO {
                "By video."
            } else {
                "By phone."
            };
            let joining = meeting.joining.trim();
            let join = if joining.is_empty() {
                "Your lead professional will tell you how to join.".to_owned()
            } else {
                format!("How to join: {joining}")
            };
            section("How do I join?", vec![format!("{by} {join}")])
        }
    });

    let team: Vec<String> = meeting
        .invited
        .iter()
        .filter(|other| other.kind == INVITE_TEAM)
        .filter_map(|other| data.plan.team.iter().find(|m| m.id == other.member))
        .filter(|member| !member.name.trim().is_empty())
        .map(|member| {
            let is_lead = member.name.trim() == data.plan.lead.name.trim();
            let role = member.role.trim();
            match (role.is_empty(), is_lead) {
                (true, false) => member.name.trim().to_owned(),
                (true, true) => format!("{}, your lead professional", member.name.trim()),
                (false, false) => format!("{}, {role}", member.name.trim()),
                (false, true) => format!("{}, {role} (your lead professional)", member.name.trim()),
            }
        })
        .collect();
    sections.push(section(
        "Who will be there?",
        vec![if team.is_empty() {
            "Your lead professional will tell you who is coming.".to_owned()
        } else {
            team.join("\n")
        }],
    ));

    sections.push(section(
        "What happens at the meeting?",
        vec!["We talk about what is going well and what is hard. Together we agree who does what. You can bring someone with you, like a friend or a relative.".to_owned()],
    ));
    sections.push(section(
        "What if I cannot come?",
        vec!["Please tell your lead professional. Tell us what you think before the meeting, and we will share it at the meeting.".to_owned()],
    ));

    let lead = &data.plan.lead;
    let mut contact = Vec::new();
    if lead.name.trim().is_empty() {
        contact.push("Contact the person who gave you this letter.".to_owned());
    } else {
        contact.push(format!(
            "Your lead professional is {}.",
            lead.name.trim().trim_end_matches('.')
        ));
    }
    if !lead.phone.trim().is_empty() {
        contact.push(format!("Phone: {}.", lead.phone.trim()));
    }
    if !lead.email.trim().is_empty() {
        contact.push(format!("Email: {}", lead.email.trim()));
    }
    sections.push(section(
        "How do I contact the lead professional?",
        vec![contact.join(" ")],
    ));

    let council = settings.council_name.trim();
    Ok(Handout {
        title: if name.is_empty() {
            "An invitation to a meeting".to_owned()
        } else {
            format!("An invitation for {name}")
        },
        council: (!council.is_empty()).then(|| council.to_owned()),
        sections,
    })
}

/// The invitation PDF for `invitee`, made at `created`:
/// `Invitation-<doc id>-<yyyy-mm-dd>-<n>.pdf`, `n` the invitee's place in
/// the meeting's list (no names).
/// Whether the invitee lives with the child: the child, or a parent or
/// carer whose answer says so.
fn lives_with_child(data: &Data, invitee: &InviteeDraft) -> bool {
    invitee.kind == INVITE_CHILD
        || data.parents.iter().any(|p| {
            p.name.trim() == invitee.name.trim()
                && p.lives_with_child.trim() == crate::form::choices::YES.code
        })
}

pub fn invitation_pdf(
    draft: &Draft,
    meeting: &MeetingDraft,
    invitee: &InviteeDraft,
    settings: &Settings,
    created: &str,
) -> Result<PdfJob, Vec<Gap>> {
    let content = invitation(&draft.data, meeting, invitee, settings)?;
    let date = date_value(&draft.data, meeting).map_or_else(|| "undated".to_owned(), Date::iso);
    // Each family invitee's file has its own name, by their place in the
    // list (never their name): two parents' invitations are not confused.
    let n = meeting
        .invited
        .iter()
        .position(|i| i.id == invitee.id)
        .map_or(0, |at| at + 1);
    Ok(PdfJob {
        document: handout_document(&content, format!("Made on {created}")),
        file_name: format!(
            "Invitation-{}-{date}-{n}.pdf",
            fold(&doc_id(draft), "draft")
        ),
        version: draft.version,
        fingerprint: fingerprint(&draft.data),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_their_weekday() {
        let at = |y, m, d| Date::new(y, m, d).map(long_date);
        assert_eq!(
            at(2026, 12, 9).as_deref(),
            Some("Wednesday 9 December 2026")
        );
        assert_eq!(at(1970, 1, 1).as_deref(), Some("Thursday 1 January 1970"));
        assert_eq!(
            at(1969, 12, 31).as_deref(),
            Some("Wednesday 31 December 1969")
        );
        assert_eq!(at(2027, 3, 28).as_deref(), Some("Sunday 28 March 2027"));
    }
}
