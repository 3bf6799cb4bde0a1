//! Contributions from those who cannot come (caf-form.md §5b), pure: who
//! may be asked, what a request holds, the partner's answers, and what
//! importing them and applying them does to the CAF. The files around them
//! (sealed with a passphrase) are `storage::contribution_file`. The pages
//! that use them are not in this release yet (issue 28).
//!
//! A request names one invited team member. It holds only what §5b lists:
//! the CAF's doc id and id, the child's first name and family initial, the
//! meeting (kind, date, time, how: never the place), who asks, the
//! recipient, the plan's actions that are theirs, and the questions. The
//! answers come back as a contribution for that request (by its random id);
//! importing one stores it under the request's meeting, which changes no
//! stamp. Adding one of its new actions to the plan, or applying progress
//! to an existing action (by the action's stable id), changes the plan, so
//! the stamp goes OUT OF DATE until the agreement is recorded again.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::agencies::{normalised, sharing, Sharing};
use crate::domain::meetings::{date_value, meeting_by_id};
use crate::domain::{ActionDraft, Data, Date, DateDraft, Draft, MeetingDraft, TeamMemberDraft};

/// `format` of a request's plain text (inside its sealed file).
pub const REQUEST_FORMAT: &str = "caf-lite.contribution-request";
/// `format` of a contribution's plain text (inside its sealed file).
pub const CONTRIBUTION_FORMAT: &str = "caf-lite.contribution";
/// The version of both plain formats this app writes and reads.
pub const CONTRIBUTION_VERSION: u64 = 1;

/// `answers.can_come`.
pub const CAN_COME: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure yet")];

/// The questions, in the order asked; their text goes in the request.
pub const QUESTIONS: &[(&str, &str)] = &[
    ("going_well", "What is going well for the child and family?"),
    ("worries", "What worries you?"),
    ("offer", "What can your service offer?"),
    ("progress", "Progress on your actions in the plan"),
    ("new_actions", "New actions you will take"),
    ("can_come", "Can you come to the next meeting?"),
];

/// A request made for a meeting (`meetings[i].requests[j]`): kept so that
/// the contribution that answers it is known, and so that request numbers
/// never repeat. Never part of the fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestDraft {
    /// Random, made with the request; the contribution names it.
    pub id: String,
    /// The `n` of the file name, from [`next_request_number`].
    pub number: u64,
    /// The team member asked, by id.
    pub member: String,
    /// `yyyy-mm-dd`.
    pub made_on: String,
    /// The ids of the plan actions the request asked about: progress is
    /// applied to these only.
    pub actions: Vec<String>,
}

/// Someone named in a request or a contribution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Person {
    pub name: String,
    pub role: String,
    pub agency: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

/// The child as a request names them: first name and family initial.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChildRef {
    pub first_name: String,
    pub family_initial: String,
}

/// The meeting as a request names it: never the place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingRef {
    /// `first_tac` / `review`.
    pub kind: String,
    /// `yyyy-mm-dd`, `""` if not set.
    pub date: String,
    pub start: String,
    pub end: String,
    /// `in_person` / `phone` / `video`.
    pub how: String,
}

/// One of the recipient's plan actions, as it stood when asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestAction {
    /// The action's stable id in the CAF.
    pub id: String,
    pub what: String,
    /// `yyyy-mm-dd`, `""` if not set.
    pub due: String,
    pub status: String,
    pub progress: String,
}

/// What a request file holds, sealed (caf-form.md §5b).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Request {
    pub format: String,
    pub version: u64,
    pub caf_id: String,
    pub doc_id: String,
    pub request_id: String,
    pub number: u64,
    /// `yyyy-mm-dd`.
    pub made_on: String,
    pub child: ChildRef,
    pub meeting: MeetingRef,
    pub asked_by: Person,
    /// The team member asked; `member_id` is their id in the CAF.
    pub recipient: Person,
    pub member_id: String,
    pub actions: Vec<RequestAction>,
    /// `[key, question]`, in the order asked.
    pub questions: Vec<(String, String)>,
}

/// Progress on one of the recipient's actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressAnswer {
    /// The action's id (from the request).
    pub action: String,
    /// The action as the request named it.
    pub what: String,
    /// `not_started` / `in_progress` / `done` / `stopped`; `""` = unchanged.
    pub status: String,
    pub progress: String,
}

/// A new action the partner will take, shaped as a plan action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewAction {
    pub what: String,
    pub by_when: DateDraft,
    pub how_we_know: String,
}

/// The partner's answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answers {
    pub going_well: String,
    pub worries: String,
    pub offer: String,
    pub progress: Vec<ProgressAnswer>,
    pub new_actions: Vec<NewAction>,
    /// One of [`CAN_COME`], `""` if not answered.
    pub can_come: String,
}

impl Answers {
    /// Empty answers for a request: one progress line per action asked about.
    pub fn for_request(request: &Request) -> Answers {
        Answers {
            progress: request
                .actions
                .iter()
                .map(|a| ProgressAnswer {
                    action: a.id.clone(),
                    what: a.what.clone(),
                    status: String::new(),
                    progress: String::new(),
                })
                .collect(),
            ..Answers::default()
        }
    }

    /// Whether nothing is answered.
    pub fn is_empty(&self) -> bool {
        let blank = |s: &str| s.trim().is_empty();
        blank(&self.going_well)
            && blank(&self.worries)
            && blank(&self.offer)
            && blank(&self.can_come)
            && self
                .progress
                .iter()
                .all(|p| blank(&p.status) && blank(&p.progress))
            && self
                .new_actions
                .iter()
                .all(|a| blank(&a.what) && a.by_when.is_blank() && blank(&a.how_we_know))
    }

    /// A digest of the answers: "changed since the last file" and "the
    /// same content" compare these.
    pub fn digest(&self) -> String {
        let text = serde_json::to_string(self).unwrap_or_default();
        hex(&Sha256::digest(text.as_bytes()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a contribution file holds, sealed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contribution {
    pub format: String,
    pub version: u64,
    pub caf_id: String,
    pub doc_id: String,
    pub request_id: String,
    pub number: u64,
    /// Who answers: the request's recipient.
    pub from: Person,
    pub member_id: String,
    /// RFC 3339 UTC time the file was saved.
    pub written_at: String,
    pub answers: Answers,
}

impl Contribution {
    /// The contribution file for a request's answers, written `now`.
    pub fn new(request: &Request, answers: Answers, now: &str) -> Contribution {
        Contribution {
            format: CONTRIBUTION_FORMAT.to_owned(),
            version: CONTRIBUTION_VERSION,
            caf_id: request.caf_id.clone(),
            doc_id: request.doc_id.clone(),
            request_id: request.request_id.clone(),
            number: request.number,
            from: Person {
                phone: String::new(),
                email: String::new(),
                ..request.recipient.clone()
            },
            member_id: request.member_id.clone(),
            written_at: now.to_owned(),
            answers,
        }
    }
}

/// An imported contribution (`meetings[i].contributions[j]`), read-only in
/// the form. Never part of the fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContributionDraft {
    pub request_id: String,
    pub number: u64,
    pub from: Person,
    pub member_id: String,
    /// RFC 3339 UTC time the partner saved the file.
    pub written_at: String,
    pub answers: Answers,
    /// Whether the lead professional has seen it since it was imported (the
    /// drafts list says "contribution received" until then).
    pub read: bool,
    /// For each new action, the id of the plan action made from it, `""`
    /// while not added.
    pub added: Vec<String>,
    /// The action ids whose progress from this contribution was applied.
    pub applied: Vec<String>,
}

impl ContributionDraft {
    /// "From Jo Smith, Health visiting, written 02/12/2026".
    pub fn heading(&self) -> String {
        heading(&self.from.name, &self.from.agency, &self.written_at)
    }
}

/// "From Jo Smith, Health visiting, written 02/12/2026" (the date from an
/// RFC 3339 time; left out when it cannot be read).
pub fn heading(name: &str, agency: &str, written_at: &str) -> String {
    let mut words = format!("From {}", name.trim());
    if !agency.trim().is_empty() {
        words.push_str(&format!(", {}", agency.trim()));
    }
    if let Some(on) = written_at.get(..10).and_then(Date::parse_iso) {
        words.push_str(&format!(", written {on}"));
    }
    words
}

/// Why a request cannot be made for a team member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestRefusal {
    /// The consent status is not RECORDED.
    NotRecorded,
    /// The member's agency is not one the family agreed to share with.
    NotShared { agency: String, sharing: Sharing },
    /// Both.
    Neither { agency: String, sharing: Sharing },
    /// The meeting or the member is no longer in the CAF.
    Gone,
}

impl RequestRefusal {
    /// The reason, in plain words, for the page.
    pub fn words(&self) -> String {
        let not_recorded = "The family's agreement to share information is not recorded as it stands now (the stamp must say RECORDED)";
        let agency = |agency: &str, sharing: &Sharing| {
            match (agency.trim(), sharing) {
            ("", _) => "This team member has no agency in the plan, so the family's agreement cannot cover them".to_owned(),
            (agency, Sharing::Refused) => format!("The family said not to share with {agency}"),
            (agency, _) => format!(
                "{agency} is not one of the agencies the family agreed to share with. If it is the same agency under another spelling, make the two the same in \"Team and delivery plan\" or in the agreement"
            ),
        }
        };
        match self {
            RequestRefusal::NotRecorded => format!("{not_recorded}."),
            RequestRefusal::NotShared { agency: a, sharing } => format!("{}.", agency(a, sharing)),
            RequestRefusal::Neither { agency: a, sharing } => {
                format!("{not_recorded}. {}.", agency(a, sharing))
            }
            RequestRefusal::Gone => "This team member is no longer in the plan.".to_owned(),
        }
    }
}

/// Whether a request may be made for `member`: only when the status is
/// RECORDED and the family agreed to share with the member's agency.
pub fn may_ask(
    data: &Data,
    recorded: bool,
    member: &TeamMemberDraft,
) -> Result<(), RequestRefusal> {
    let shared = sharing(&data.consent, &member.agency);
    let agency = member.agency.clone();
    match (recorded, shared) {
        (true, Sharing::Agreed) => Ok(()),
        (true, sharing) => Err(RequestRefusal::NotShared { agency, sharing }),
        (false, Sharing::Agreed) => Err(RequestRefusal::NotRecorded),
        (false, sharing) => Err(RequestRefusal::Neither { agency, sharing }),
    }
}

/// The next request number for this CAF: one more than any it has used,
/// counting [`Draft::requests_made`] as well as the requests and
/// contributions it still holds, so a number never repeats.
pub fn next_request_number(draft: &Draft) -> u64 {
    let held = draft
        .data
        .meetings
        .iter()
        .flat_map(|m| {
            let number = |item: &Value| item.get("number").and_then(Value::as_u64);
            m.requests
                .iter()
                .chain(m.contributions.iter())
                .filter_map(number)
        })
        .max()
        .unwrap_or(0);
    // Saturating: only a hand-edited file holds a number this large.
    held.max(draft.requests_made).saturating_add(1)
}

/// Whether `who` (an action's "who") names the member or their agency.
fn is_theirs(who: &str, member: &TeamMemberDraft) -> bool {
    let who = normalised(who);
    !who.is_empty() && (who == normalised(&member.name) || who == normalised(&member.agency))
}

fn iso_or_blank(date: &DateDraft) -> String {
    date.parse()
        .ok()
        .flatten()
        .map(Date::iso)
        .unwrap_or_default()
}

/// The request for `member_id` at meeting `meeting_id`, numbered `number`,
/// after checking [`may_ask`]. Also the [`RequestDraft`] to keep.
pub fn make_request(
    draft: &Draft,
    recorded: bool,
    meeting_id: &str,
    member_id: &str,
    request_id: String,
    today: Date,
) -> Result<(Request, RequestDraft), RequestRefusal> {
    let data = &draft.data;
    let (_, meeting) = meeting_by_id(data, meeting_id).ok_or(RequestRefusal::Gone)?;
    let member = data
        .plan
        .team
        .iter()
        .find(|m| !member_id.is_empty() && m.id == member_id)
        .ok_or(RequestRefusal::Gone)?;
    may_ask(data, recorded, member)?;
    let number = next_request_number(draft);
    let lead = &data.plan.lead;
    let child = &data.child;
    let request = Request {
        format: REQUEST_FORMAT.to_owned(),
        version: CONTRIBUTION_VERSION,
        caf_id: draft.id.clone(),
        doc_id: draft.doc_id(),
        request_id: request_id.clone(),
        number,
        made_on: today.iso(),
        child: ChildRef {
            first_name: child
                .given_name
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned(),
            family_initial: child
                .family_name
                .trim()
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default(),
        },
        meeting: MeetingRef {
            kind: meeting.kind.clone(),
            date: date_value(data, meeting).map(Date::iso).unwrap_or_default(),
            start: meeting.start.trim().to_owned(),
            end: meeting.end.trim().to_owned(),
            how: meeting.how.clone(),
        },
        asked_by: Person {
            name: lead.name.clone(),
            role: lead.role.clone(),
            agency: lead.agency.clone(),
            phone: lead.phone.clone(),
            email: lead.email.clone(),
        },
        recipient: Person {
            name: member.name.clone(),
            role: member.role.clone(),
            agency: member.agency.clone(),
            phone: String::new(),
            email: String::new(),
        },
        member_id: member.id.clone(),
        actions: data
            .plan
            .actions
            .iter()
            .filter(|a| !a.id.is_empty() && is_theirs(&a.who, member))
            .map(|a| RequestAction {
                id: a.id.clone(),
                what: a.what.clone(),
                due: iso_or_blank(&a.due),
                status: a.status.clone(),
                progress: a.progress.clone(),
            })
            .collect(),
        questions: QUESTIONS
            .iter()
            .map(|(key, text)| ((*key).to_owned(), (*text).to_owned()))
            .collect(),
    };
    let kept = RequestDraft {
        id: request_id,
        number,
        member: member.id.clone(),
        made_on: today.iso(),
        actions: request.actions.iter().map(|a| a.id.clone()).collect(),
    };
    Ok((request, kept))
}

/// Keeps a request made: under its meeting, and its number counted.
pub fn note_request(draft: &mut Draft, meeting_id: &str, kept: RequestDraft) -> bool {
    draft.requests_made = draft.requests_made.max(kept.number);
    match draft.data.meetings.iter_mut().find(|m| m.id == meeting_id) {
        Some(meeting) => {
            meeting.requests.push(as_json(&kept));
            true
        }
        None => false,
    }
}

/// Why a contribution is not imported; nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    /// The family withdrew their agreement.
    Withdrawn,
    /// For another CAF (its doc id).
    OtherCaf { doc_id: String },
    /// For a request this copy of the CAF does not hold.
    UnknownRequest { number: u64 },
    /// The same contribution is already imported.
    AlreadyImported,
    /// An earlier version of one already imported.
    Older,
}

impl ImportRefusal {
    pub fn words(&self) -> String {
        match self {
            ImportRefusal::Withdrawn => "The family has withdrawn their agreement to share information, so no contribution can be imported into this CAF.".to_owned(),
            ImportRefusal::OtherCaf { doc_id } => format!("This contribution is for another CAF (document {}), not this one. Nothing was imported.", safe(doc_id)),
            ImportRefusal::UnknownRequest { number } => format!("This contribution answers request {number}, which this copy of the CAF did not make. Import it into the copy that made the request."),
            ImportRefusal::AlreadyImported => "This contribution has already been imported. Nothing was changed.".to_owned(),
            ImportRefusal::Older => "A later version of this contribution has already been imported, so this earlier one was not.".to_owned(),
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Stored under the meeting at this index.
    New { meeting: usize },
    /// Replaced an earlier contribution for the same request.
    Replaced { meeting: usize },
}

/// Imports a contribution: under the meeting its request was made for.
/// `withdrawn` is whether the consent status is WITHDRAWN (on the form or
/// remembered by the device).
pub fn import(
    draft: &mut Draft,
    withdrawn: bool,
    contribution: Contribution,
) -> Result<Imported, ImportRefusal> {
    if withdrawn {
        return Err(ImportRefusal::Withdrawn);
    }
    if contribution.caf_id != draft.id {
        return Err(ImportRefusal::OtherCaf {
            doc_id: contribution.doc_id,
        });
    }
    // The request as this CAF made it: its number, member and actions
    // are taken from it, never from the file.
    let found = draft.data.meetings.iter().enumerate().find_map(|(at, m)| {
        let request = requests_of(m)
            .into_iter()
            .find(|r| !r.id.is_empty() && r.id == contribution.request_id)?;
        Some((at, request))
    });
    let (meeting, request) = found.ok_or(ImportRefusal::UnknownRequest {
        number: contribution.number,
    })?;
    if contribution.member_id != request.member {
        return Err(ImportRefusal::UnknownRequest {
            number: request.number,
        });
    }
    let mut contribution = contribution;
    contribution
        .answers
        .progress
        .retain(|line| request.actions.contains(&line.action));
    let list = &mut draft.data.meetings[meeting].contributions;
    let earlier = list
        .iter()
        .position(|c| text_of(c, "request_id") == contribution.request_id);
    let mut new = ContributionDraft {
        request_id: contribution.request_id,
        number: request.number,
        from: contribution.from,
        member_id: contribution.member_id,
        written_at: contribution.written_at,
        added: vec![String::new(); contribution.answers.new_actions.len()],
        answers: contribution.answers,
        read: false,
        applied: Vec::new(),
    };
    match earlier {
        None => {
            list.push(as_json(&new));
            Ok(Imported::New { meeting })
        }
        Some(at) => {
            // One this version cannot read is replaced as if it were older.
            let old = &read_json::<ContributionDraft>(&list[at]).unwrap_or_default();
            if old.answers == new.answers && old.from == new.from {
                return Err(ImportRefusal::AlreadyImported);
            }
            if new.written_at < old.written_at {
                return Err(ImportRefusal::Older);
            }
            // What was already added or applied stays so, where the
            // answer is the same.
            let mut matched = vec![false; old.answers.new_actions.len()];
            for (i, action) in new.answers.new_actions.iter().enumerate() {
                let earlier = (0..old.answers.new_actions.len())
                    .find(|&j| !matched[j] && old.answers.new_actions[j] == *action);
                if let Some(j) = earlier {
                    matched[j] = true;
                    new.added[i] = old.added.get(j).cloned().unwrap_or_default();
                }
            }
            new.applied = old
                .applied
                .iter()
                .filter(|id| {
                    let same = |c: &ContributionDraft| {
                        c.answers
                            .progress
                            .iter()
                            .find(|p| &p.action == *id)
                            .cloned()
                    };
                    same(old) == same(&new)
                })
                .cloned()
                .collect();
            list[at] = as_json(&new);
            Ok(Imported::Replaced { meeting })
        }
    }
}

/// Adds a contribution's new action `new_idx` to the plan: `who` is the
/// contributor, `need` chosen by the lead professional, the ECM default
/// from the element. The plan changes, so the stamp goes OUT OF DATE.
/// `None` (nothing changed) when it is gone or already added.
pub fn add_action(
    data: &mut Data,
    meeting: usize,
    contribution: usize,
    new_idx: usize,
    need: &str,
    id: String,
) -> Option<()> {
    let mut c = contribution_at(data, meeting, contribution)?;
    let wanted = c.answers.new_actions.get(new_idx)?.clone();
    if c.added.get(new_idx).is_some_and(|a| !a.is_empty()) {
        return None;
    }
    let action = ActionDraft {
        id: id.clone(),
        need: need.to_owned(),
        what: wanted.what,
        who: c.from.name.clone(),
        due: wanted.by_when,
        outcome: wanted.how_we_know,
        ecm: crate::domain::elements::element_by_code(need)
            .map(|e| e.default_ecm.code().to_owned())
            .unwrap_or_default(),
        status: "not_started".to_owned(),
        progress: String::new(),
    };
    data.plan.actions.push(action);
    if c.added.len() <= new_idx {
        c.added.resize(new_idx + 1, String::new());
    }
    c.added[new_idx] = id;
    put_contribution(data, meeting, contribution, &c)
}

/// Applies a contribution's progress line `progress_idx` to the plan action
/// it names (by id): its status (when one was chosen) and progress text.
/// `None` (nothing changed) when the action is gone or it was applied.
pub fn apply_progress(
    data: &mut Data,
    meeting: usize,
    contribution: usize,
    progress_idx: usize,
) -> Option<()> {
    let mut c = contribution_at(data, meeting, contribution)?;
    let line = c.answers.progress.get(progress_idx)?.clone();
    if c.applied.contains(&line.action) || !has_progress(&line) {
        return None;
    }
    let action = data
        .plan
        .actions
        .iter_mut()
        .find(|a| !line.action.is_empty() && a.id == line.action)?;
    if !line.status.trim().is_empty() {
        action.status = line.status.clone();
    }
    if !line.progress.trim().is_empty() {
        action.progress = line.progress.clone();
    }
    c.applied.push(line.action);
    put_contribution(data, meeting, contribution, &c)
}

/// Whether a progress line says anything to apply.
pub fn has_progress(line: &ProgressAnswer) -> bool {
    !line.status.trim().is_empty() || !line.progress.trim().is_empty()
}

/// Whether the CAF holds a contribution not yet read (the drafts list
/// says so): read from the stored JSON, so the first load carries no code
/// for a contribution's shape.
pub fn unread(data: &Data) -> bool {
    data.meetings.iter().any(|m| {
        m.contributions
            .iter()
            .any(|c| c.get("read").and_then(Value::as_bool) != Some(true))
    })
}

/// The requests a meeting holds that this version can read.
pub fn requests_of(meeting: &MeetingDraft) -> Vec<RequestDraft> {
    meeting.requests.iter().filter_map(read_json).collect()
}

/// The contributions a meeting holds that this version can read.
pub fn contributions_of(meeting: &MeetingDraft) -> Vec<ContributionDraft> {
    meeting.contributions.iter().filter_map(read_json).collect()
}

/// Contribution `at` of meeting `meeting`, if it is there and readable.
fn contribution_at(data: &Data, meeting: usize, at: usize) -> Option<ContributionDraft> {
    read_json(data.meetings.get(meeting)?.contributions.get(at)?)
}

/// Writes contribution `at` of meeting `meeting` back.
fn put_contribution(
    data: &mut Data,
    meeting: usize,
    at: usize,
    c: &ContributionDraft,
) -> Option<()> {
    *data.meetings.get_mut(meeting)?.contributions.get_mut(at)? = as_json(c);
    Some(())
}

fn read_json<T: serde::de::DeserializeOwned>(item: &Value) -> Option<T> {
    T::deserialize(item).ok()
}

fn as_json(item: &impl Serialize) -> Value {
    serde_json::to_value(item).unwrap_or(Value::Null)
}

fn text_of<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// File names: `CAF-request-<doc id>-<n>.caf-request` and
/// `CAF-contribution-<doc id>-<n>.caf-contribution`.
pub fn request_file_name(doc_id: &str, number: u64) -> String {
    format!("CAF-request-{}-{number}.caf-request", safe(doc_id))
}

pub fn contribution_file_name(doc_id: &str, number: u64) -> String {
    format!(
        "CAF-contribution-{}-{number}.caf-contribution",
        safe(doc_id)
    )
}

/// A doc id as it may appear in a file name (it comes from a file).
fn safe(doc_id: &str) -> String {
    doc_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect()
}

/// Which meeting the answers were for, in words for the partner:
/// "Review meeting on 09/12/2026 at 10:00".
pub fn meeting_words(meeting: &MeetingRef) -> String {
    let kind = if meeting.kind == crate::domain::meetings::REVIEW {
        "Review meeting"
    } else {
        "Team Around the Child meeting"
    };
    let mut words = kind.to_owned();
    if let Some(date) = Date::parse_iso(&meeting.date) {
        words.push_str(&format!(" on {date}"));
    }
    if !meeting.start.is_empty() {
        words.push_str(&format!(" at {}", meeting.start));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_hold_only_the_doc_id_and_number() {
        assert_eq!(
            request_file_name("ab12cd34", 3),
            "CAF-request-ab12cd34-3.caf-request"
        );
        assert_eq!(
            contribution_file_name("../<x>", 1),
            "CAF-contribution-x-1.caf-contribution"
        );
    }

    #[test]
    fn empty_answers_are_empty_and_digests_differ() {
        let mut a = Answers::default();
        assert!(a.is_empty());
        let before = a.digest();
        a.worries = "x".into();
        assert!(!a.is_empty());
        assert_ne!(before, a.digest());
    }
}
