//! The draft: every answer exactly as typed. A `Draft` always deserialises
//! (missing keys take their empty values) and never rejects input; checking is
//! `validate`'s job. Field names are the field paths of `product/caf-form.md`,
//! so the serialised `data` object is the draft file's `data` object.

use serde::{Deserialize, Serialize};

use crate::domain::DateDraft;

/// One CAF record stored on this device: identity and bookkeeping around the
/// answers. This is the `draft` object of the draft file format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// UUID v4, made when the draft is created and never changed.
    pub id: String,
    /// RFC 3339 UTC time the draft was created.
    pub created_at: String,
    /// RFC 3339 UTC time of the last stored change.
    pub updated_at: String,
    /// Goes up by one on every stored change; used to refuse overwriting newer work.
    pub revision: u64,
    /// Document version printed on PDFs: 1 until a PDF of changed content is made.
    pub version: u64,
    /// Fingerprint of the content of the last PDF created, `""` if none.
    pub last_pdf_fingerprint: String,
    /// RFC 3339 UTC time this draft was imported from a draft file on this
    /// device; `""` if it never was, or once it has been changed here. While
    /// set, the drafts page says "Imported on" rather than "Last saved", as
    /// `updated_at` is then the file's time, not this device's. Left out of
    /// the JSON when empty, so drafts and files without it are unchanged.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub imported_at: String,
    /// For a CAF started for a brother or sister: which CAF its family
    /// details were copied from, and when (shown on its task list). Left
    /// out of the JSON when empty.
    #[serde(skip_serializing_if = "CopiedFrom::is_empty")]
    pub family_copied_from: CopiedFrom,
    /// The highest contribution request number this CAF has used
    /// (`domain::contribution::next_request_number`), so a number is never
    /// used twice, even once its meeting is removed. Left out of the JSON
    /// while 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub requests_made: u64,
    /// The answers.
    pub data: Data,
    /// The random token stored beside this draft by its last write
    /// (`storage::conflict`); `""` when never stored. Kept in the stored
    /// entry's wrapper, never in a draft file.
    #[serde(skip)]
    pub write_token: String,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Draft {
    /// The first 8 characters of the id: the document id printed on every
    /// page and named in files.
    pub fn doc_id(&self) -> String {
        self.id.chars().take(8).collect()
    }
}

/// Where a draft's family details were copied from ("Start a CAF for a
/// brother or sister"); both empty for a CAF started on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CopiedFrom {
    /// The id of the CAF the details were copied from.
    pub draft_id: String,
    /// RFC 3339 UTC time they were copied.
    pub copied_at: String,
}

impl CopiedFrom {
    /// Whether nothing was copied.
    pub fn is_empty(&self) -> bool {
        self.draft_id.is_empty() && self.copied_at.is_empty()
    }
}

/// The answers, keyed by the field paths of `caf-form.md`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Data {
    pub start: StartDraft,
    pub child: ChildDraft,
    pub parents: Vec<ParentDraft>,
    pub household: Vec<HouseholdMemberDraft>,
    pub family: FamilyDraft,
    pub assessor: AssessorDraft,
    pub assessment: AssessmentDatesDraft,
    pub services: Vec<ServiceDraft>,
    pub reason: ReasonDraft,
    pub needs: NeedsDraft,
    pub views: ViewsDraft,
    pub conclusion: ConclusionDraft,
    pub plan: PlanDraft,
    pub consent: ConsentDraft,
    pub reviews: Vec<ReviewDraft>,
    /// The Team Around the Child meetings (caf-form.md §3.13): never part
    /// of the fingerprint, so planning a meeting changes no agreement.
    pub meetings: Vec<MeetingDraft>,
}

/// Step 1, "Before you start".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StartDraft {
    /// `yes` / `no`: is the child at risk of significant harm.
    pub significant_harm: String,
    /// `checked_none` / `checked_exists` / `not_checked`.
    pub existing_check: String,
    pub assess_agreed_by: String,
    pub assess_agreed_relationship: String,
    pub assess_agreed_on: DateDraft,
}

/// Step 2, "About the child".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChildDraft {
    pub unborn: bool,
    pub given_name: String,
    pub family_name: String,
    pub known_as: String,
    pub date_of_birth: DateDraft,
    pub expected_date: DateDraft,
    /// `male` / `female` / `unknown` / `not_stated`.
    pub sex: String,
    pub no_fixed_abode: bool,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub first_language: String,
    /// `yes` / `no`.
    pub interpreter_needed: String,
    /// `yes` / `no` / `unknown`.
    pub disability: String,
    pub disability_details: String,
    pub nhs_number: String,
    pub upn: String,
    pub setting: String,
    /// A code of `form::choices::ETHNICITY`.
    pub ethnicity: String,
}

/// One parent or carer (`parents[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParentDraft {
    pub name: String,
    pub relationship: String,
    /// `yes` / `no` / `unknown`.
    pub parental_responsibility: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    /// `yes` / `no`.
    pub lives_with_child: String,
}

/// Another person in the household (`household[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HouseholdMemberDraft {
    pub name: String,
    pub relationship: String,
    pub date_of_birth: DateDraft,
}

/// Anything else about the family and home.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyDraft {
    pub notes: String,
}

/// The practitioner doing the assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessorDraft {
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
    pub ofsted_urn: String,
}

/// When the assessment started.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentDatesDraft {
    pub started_on: DateDraft,
}

/// Another service working with the child (`services[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceDraft {
    pub service: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
}

/// Step 5, why the assessment is being done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReasonDraft {
    pub summary: String,
    pub people_present: String,
}

/// One element's rating and notes (`needs.<element>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedDraft {
    /// `strength` / `no_concern` / `some_concern` / `significant_concern`; `""` = not assessed.
    pub rating: String,
    pub notes: String,
}

/// The fourteen strengths-and-needs elements, in form order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedsDraft {
    pub health: NeedDraft,
    pub emotional_social: NeedDraft,
    pub behaviour: NeedDraft,
    pub identity: NeedDraft,
    pub relationships: NeedDraft,
    pub self_care: NeedDraft,
    pub learning: NeedDraft,
    pub basic_care: NeedDraft,
    pub warmth_stability: NeedDraft,
    pub guidance_boundaries: NeedDraft,
    pub family_functioning: NeedDraft,
    pub wider_family: NeedDraft,
    pub housing_finance: NeedDraft,
    pub community: NeedDraft,
}

impl NeedsDraft {
    /// The element with this code (see `domain::elements`), if the code is one.
    pub fn element(&self, code: &str) -> Option<&NeedDraft> {
        Some(match code {
            "health" => &self.health,
            "emotional_social" => &self.emotional_social,
            "behaviour" => &self.behaviour,
            "identity" => &self.identity,
            "relationships" => &self.relationships,
            "self_care" => &self.self_care,
            "learning" => &self.learning,
            "basic_care" => &self.basic_care,
            "warmth_stability" => &self.warmth_stability,
            "guidance_boundaries" => &self.guidance_boundaries,
            "family_functioning" => &self.family_functioning,
            "wider_family" => &self.wider_family,
            "housing_finance" => &self.housing_finance,
            "community" => &self.community,
            _ => return None,
        })
    }

    /// The element with this code, for changing it.
    pub fn element_mut(&mut self, code: &str) -> Option<&mut NeedDraft> {
        Some(match code {
            "health" => &mut self.health,
            "emotional_social" => &mut self.emotional_social,
            "behaviour" => &mut self.behaviour,
            "identity" => &mut self.identity,
            "relationships" => &mut self.relationships,
            "self_care" => &mut self.self_care,
            "learning" => &mut self.learning,
            "basic_care" => &mut self.basic_care,
            "warmth_stability" => &mut self.warmth_stability,
            "guidance_boundaries" => &mut self.guidance_boundaries,
            "family_functioning" => &mut self.family_functioning,
            "wider_family" => &mut self.wider_family,
            "housing_finance" => &mut self.housing_finance,
            "community" => &mut self.community,
            _ => return None,
        })
    }
}

/// Step 7, what the child and family say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewsDraft {
    pub child: String,
    pub child_not_sought: String,
    pub parent: String,
}

/// Step 8, what needs to happen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConclusionDraft {
    pub summary: String,
    /// `single_agency` / `team_around_child`.
    pub response: String,
}

/// Step 9, the Team Around the Child and the delivery plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanDraft {
    pub meeting_date: DateDraft,
    pub team: Vec<TeamMemberDraft>,
    pub lead: LeadDraft,
    pub deputy: DeputyDraft,
    pub actions: Vec<ActionDraft>,
    pub next_review: DateDraft,
    /// Only with the `test-form` feature (`form::caf::test_form`).
    #[cfg(feature = "test-form")]
    pub interpreter_phone: String,
}

/// A member of the Team Around the Child (`plan.team[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamMemberDraft {
    /// Stable id, unique within the draft (`domain::ids`), so that others
    /// can point at this item; never part of the fingerprint. Left out of
    /// the JSON while empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub name: String,
    pub role: String,
    pub agency: String,
    pub phone: String,
    pub email: String,
}

/// The lead professional (`plan.lead`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadDraft {
    pub name: String,
    pub role: String,
    pub agency: String,
    pub phone: String,
    pub email: String,
    pub agreed_with_family: bool,
    /// Codes: `main_need`, `key_agency`, `statutory_role`, `existing_relationship`,
    /// `family_preference`, `best_communicator`.
    pub reasons: Vec<String>,
}

/// A deputy lead professional for a set period (`plan.deputy`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeputyDraft {
    pub name: String,
    pub role: String,
    pub phone: String,
    pub until: DateDraft,
}

/// One action of the delivery plan (`plan.actions[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionDraft {
    /// Stable id, unique within the draft (`domain::ids`), so that others
    /// can point at this item; never part of the fingerprint. Left out of
    /// the JSON while empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// An element code, or `other`.
    pub need: String,
    pub what: String,
    pub who: String,
    pub due: DateDraft,
    pub outcome: String,
    /// `be_healthy` / `stay_safe` / `enjoy_and_achieve` / `positive_contribution` /
    /// `economic_wellbeing`.
    pub ecm: String,
    /// `not_started` / `in_progress` / `done` / `stopped`.
    pub status: String,
    pub progress: String,
}

/// Step 10, the family's agreement to share information, recorded as an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentDraft {
    pub given_by: String,
    pub relationship: String,
    /// `yes` / `no` / `unknown`.
    pub parental_responsibility: String,
    /// `agreed` / `not_agreed` / `not_appropriate`.
    pub young_person: String,
    pub explained: bool,
    pub store: bool,
    /// Agencies named, ticked from suggestions or typed.
    pub share_with: Vec<String>,
    pub not_share_with: String,
    pub sensitive: bool,
    /// `signed_paper` / `signed_on_screen` / `verbal_in_person` / `verbal_phone` /
    /// `verbal_video`.
    pub method: String,
    /// A drawn signature as a PNG data URL, `""` if none.
    pub signature: String,
    /// The keyboard alternative to drawing: the signer's name, typed by them.
    pub signature_name: String,
    pub date: DateDraft,
    /// `HH:MM`, 24-hour.
    pub time: String,
    pub practitioner: String,
    pub leaflet_given: bool,
    /// Only with the `test-form` feature (`form::caf::test_form`).
    #[cfg(feature = "test-form")]
    pub copy_to: String,
    pub withdrawn_on: DateDraft,
    pub withdrawn_note: String,
    /// Fingerprint of the content when the agreement was recorded, `""` if never.
    pub recorded_fingerprint: String,
    /// RFC 3339 UTC time the agreement was recorded, `""` if never.
    pub recorded_at: String,
    /// The fingerprint rule `recorded_fingerprint` was made under
    /// (`fingerprint::FINGERPRINT_RULE`); 0 for agreements recorded before
    /// the rule had a number, which are out of date.
    pub fingerprint_rule: u64,
    /// Earlier agreements, oldest first.
    pub history: Vec<ConsentHistoryEntry>,
}

/// An earlier recorded agreement (`consent.history[i]`): replaced by a later
/// record, withdrawn, or left behind when the CAF was copied.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentHistoryEntry {
    pub given_by: String,
    pub method: String,
    pub date: DateDraft,
    pub recorded_fingerprint: String,
    pub recorded_at: String,
    /// When the family withdrew this agreement; blank if they did not.
    pub withdrawn_on: DateDraft,
    /// The id of the draft this record belongs to, when it was left behind
    /// because this draft is a copy of it; `""` otherwise.
    pub copied_from: String,
}

/// A review meeting (`reviews[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewDraft {
    /// Stable id (`domain::ids`): the meeting it was recorded at names it.
    /// Never part of the fingerprint; left out of the JSON while empty.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub date: DateDraft,
    pub present: String,
    pub summary: String,
    /// Each plan action as it stood when the review was recorded.
    pub actions: Vec<ReviewActionDraft>,
    pub child_comments: String,
    pub parent_comments: String,
    /// `continue` / `close`.
    pub decision: String,
    pub next_review: DateDraft,
    /// `needs_met` / `step_down_single_agency` / `step_up_social_care` /
    /// `consent_withdrawn` / `moved_area` / `other`.
    pub closure_reason: String,
    pub closure_notes: String,
}

/// One plan action as it stood at a review (`reviews[i].actions[j]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewActionDraft {
    pub what: String,
    pub status: String,
    pub progress: String,
    /// Only with the `test-form` feature (`form::caf::test_form`).
    #[cfg(feature = "test-form")]
    pub checked_by: String,
}

/// A Team Around the Child meeting (`meetings[i]`, caf-form.md §3.13).
/// Its date has one source (`domain::meetings::date_of`): the first
/// meeting's is `plan.meeting_date`, a meeting whose review is recorded
/// takes that review's date, any other meeting holds its own `date`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingDraft {
    /// Stable id (`domain::ids`), the calendar file's UID.
    pub id: String,
    /// `first_tac` / `review`.
    pub kind: String,
    /// The date of a meeting that is neither the first nor has its review
    /// recorded; blank otherwise (see `domain::meetings::date_of`).
    pub date: DateDraft,
    /// `HH:MM`, 24-hour.
    pub start: String,
    /// `HH:MM`, 24-hour; blank means an hour after `start`.
    pub end: String,
    /// `in_person` / `phone` / `video`.
    pub how: String,
    /// In person: at the family's home (never written out in a calendar
    /// file, an invitation's calendar entry or a request).
    pub at_home: bool,
    /// In person elsewhere: the address or room.
    pub place: String,
    /// By phone or video: how to join, exactly as given; never opened.
    pub joining: String,
    /// The invited, in the order added.
    pub invited: Vec<InviteeDraft>,
    /// `planned` / `held` / `cancelled`.
    pub status: String,
    /// Ids of the invitees who came.
    pub present: Vec<String>,
    /// Ids of the invitees who sent apologies.
    pub apologies: Vec<String>,
    /// What was decided, for the meeting record.
    pub decisions: String,
    /// The id of the review recorded at this meeting, `""` if none.
    pub review_id: String,
    /// The calendar file's SEQUENCE: up by one each time the file is made
    /// after what it says changed.
    pub calendar_sequence: u64,
    /// What the last calendar file made said (`domain::meetings::calendar_key`),
    /// `""` if none was made.
    pub calendar_key: String,
    /// The meeting record's version: 1 for the first record, up by one when
    /// a record of changed content is made.
    pub record_version: u64,
    /// What the last meeting record made held, `""` if none.
    pub record_key: String,
    /// The contribution requests made for this meeting (caf-form.md §5b),
    /// each a `domain::contribution::RequestDraft` as JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<serde_json::Value>,
    /// The contributions imported for it, read-only in the form, each a
    /// `domain::contribution::ContributionDraft` as JSON. Both lists are kept
    /// as JSON because the first load reads every draft for the drafts list,
    /// and their shapes' code would add about 8 KB to it;
    /// `domain::contribution` reads and writes them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contributions: Vec<serde_json::Value>,
}

/// Someone invited to a meeting (`meetings[i].invited[j]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteeDraft {
    /// Stable id (`domain::ids`).
    pub id: String,
    /// `team` (a team member, by `member`) / `family` (by `name`) / `child`.
    pub kind: String,
    /// For `team`: the team member's id.
    pub member: String,
    /// For `family`: the name as typed.
    pub name: String,
}
