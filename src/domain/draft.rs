//! The draft: every answer exactly as typed. A `Draft` always deserialises
//! (missing keys take their empty values) and never rejects input; checking is
//! `validate`'s job. Field names are the field paths of `product/caf-form.md`,
//! so the serialised `data` object is the draft file's `data` object.

use serde::{Deserialize, Serialize};
// The derive's `nested` checks call `Validate::validate`, so the trait must be in
// scope. The checks' wording lives in `validate::labels`, never here.
use validator::Validate;

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
    /// The answers.
    pub data: Data,
    /// The random token stored beside this draft by its last write
    /// (`storage::conflict`); `""` when never stored. Kept in the stored
    /// entry's wrapper, never in a draft file.
    #[serde(skip)]
    pub write_token: String,
}

/// The answers, keyed by the field paths of `caf-form.md`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct Data {
    #[validate(nested)]
    pub start: StartDraft,
    #[validate(nested)]
    pub child: ChildDraft,
    #[validate(nested)]
    pub parents: Vec<ParentDraft>,
    #[validate(nested)]
    pub household: Vec<HouseholdMemberDraft>,
    #[validate(nested)]
    pub family: FamilyDraft,
    #[validate(nested)]
    pub assessor: AssessorDraft,
    pub assessment: AssessmentDatesDraft,
    #[validate(nested)]
    pub services: Vec<ServiceDraft>,
    #[validate(nested)]
    pub reason: ReasonDraft,
    #[validate(nested)]
    pub needs: NeedsDraft,
    #[validate(nested)]
    pub views: ViewsDraft,
    #[validate(nested)]
    pub conclusion: ConclusionDraft,
    #[validate(nested)]
    pub plan: PlanDraft,
    #[validate(nested)]
    pub consent: ConsentDraft,
    #[validate(nested)]
    pub reviews: Vec<ReviewDraft>,
}

/// Step 1, "Before you start".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct StartDraft {
    /// `yes` / `no`: is the child at risk of significant harm.
    pub significant_harm: String,
    /// `checked_none` / `checked_exists` / `not_checked`.
    pub existing_check: String,
    #[validate(length(max = 100, code = "too_long"))]
    pub assess_agreed_by: String,
    pub assess_agreed_relationship: String,
    pub assess_agreed_on: DateDraft,
}

/// Step 2, "About the child".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ChildDraft {
    pub unborn: bool,
    #[validate(
        length(max = 100, code = "too_long"),
        custom(function = "crate::validate::rules::name")
    )]
    pub given_name: String,
    #[validate(
        length(max = 100, code = "too_long"),
        custom(function = "crate::validate::rules::name")
    )]
    pub family_name: String,
    #[validate(length(max = 100, code = "too_long"))]
    pub known_as: String,
    pub date_of_birth: DateDraft,
    pub expected_date: DateDraft,
    /// `male` / `female` / `unknown` / `not_stated`.
    pub sex: String,
    pub no_fixed_abode: bool,
    #[validate(length(max = 300, code = "too_long"))]
    pub address: String,
    #[validate(custom(function = "crate::validate::rules::postcode"))]
    pub postcode: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    pub first_language: String,
    /// `yes` / `no`.
    pub interpreter_needed: String,
    /// `yes` / `no` / `unknown`.
    pub disability: String,
    #[validate(length(max = 500, code = "too_long"))]
    pub disability_details: String,
    #[validate(custom(function = "crate::validate::rules::nhs_number"))]
    pub nhs_number: String,
    #[validate(custom(function = "crate::validate::rules::upn"))]
    pub upn: String,
    pub setting: String,
    /// A code from `domain::codes::ETHNICITIES`.
    pub ethnicity: String,
}

/// One parent or carer (`parents[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ParentDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub relationship: String,
    /// `yes` / `no` / `unknown`.
    pub parental_responsibility: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    #[validate(custom(function = "crate::validate::rules::email"))]
    pub email: String,
    #[validate(length(max = 300, code = "too_long"))]
    pub address: String,
    /// `yes` / `no`.
    pub lives_with_child: String,
}

/// Another person in the household (`household[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct HouseholdMemberDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub relationship: String,
    pub date_of_birth: DateDraft,
}

/// Anything else about the family and home.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct FamilyDraft {
    #[validate(length(max = 1000, code = "too_long"))]
    pub notes: String,
}

/// The practitioner doing the assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct AssessorDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub role: String,
    pub organisation: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    #[validate(custom(function = "crate::validate::rules::email"))]
    pub email: String,
    #[validate(custom(function = "crate::validate::rules::ofsted_urn"))]
    pub ofsted_urn: String,
}

/// When the assessment started.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentDatesDraft {
    pub started_on: DateDraft,
}

/// Another service working with the child (`services[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ServiceDraft {
    pub service: String,
    pub contact_name: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    #[validate(custom(function = "crate::validate::rules::email"))]
    pub email: String,
}

/// Step 5, why the assessment is being done.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ReasonDraft {
    #[validate(length(max = 1200, code = "too_long"))]
    pub summary: String,
    pub people_present: String,
}

/// One element's rating and notes (`needs.<element>`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct NeedDraft {
    /// `strength` / `no_concern` / `some_concern` / `significant_concern`; `""` = not assessed.
    pub rating: String,
    #[validate(length(max = 1000, code = "too_long"))]
    pub notes: String,
}

/// The fourteen strengths-and-needs elements, in form order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct NeedsDraft {
    #[validate(nested)]
    pub health: NeedDraft,
    #[validate(nested)]
    pub emotional_social: NeedDraft,
    #[validate(nested)]
    pub behaviour: NeedDraft,
    #[validate(nested)]
    pub identity: NeedDraft,
    #[validate(nested)]
    pub relationships: NeedDraft,
    #[validate(nested)]
    pub self_care: NeedDraft,
    #[validate(nested)]
    pub learning: NeedDraft,
    #[validate(nested)]
    pub basic_care: NeedDraft,
    #[validate(nested)]
    pub warmth_stability: NeedDraft,
    #[validate(nested)]
    pub guidance_boundaries: NeedDraft,
    #[validate(nested)]
    pub family_functioning: NeedDraft,
    #[validate(nested)]
    pub wider_family: NeedDraft,
    #[validate(nested)]
    pub housing_finance: NeedDraft,
    #[validate(nested)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ViewsDraft {
    #[validate(length(max = 1000, code = "too_long"))]
    pub child: String,
    pub child_not_sought: String,
    #[validate(length(max = 1000, code = "too_long"))]
    pub parent: String,
}

/// Step 8, what needs to happen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ConclusionDraft {
    #[validate(length(max = 1500, code = "too_long"))]
    pub summary: String,
    /// `single_agency` / `team_around_child`.
    pub response: String,
}

/// Step 9, the Team Around the Child and the delivery plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct PlanDraft {
    pub meeting_date: DateDraft,
    #[validate(nested)]
    pub team: Vec<TeamMemberDraft>,
    #[validate(nested)]
    pub lead: LeadDraft,
    #[validate(nested)]
    pub deputy: DeputyDraft,
    #[validate(nested)]
    pub actions: Vec<ActionDraft>,
    pub next_review: DateDraft,
}

/// A member of the Team Around the Child (`plan.team[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct TeamMemberDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub role: String,
    pub agency: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    #[validate(custom(function = "crate::validate::rules::email"))]
    pub email: String,
}

/// The lead professional (`plan.lead`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct LeadDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub role: String,
    pub agency: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    #[validate(custom(function = "crate::validate::rules::email"))]
    pub email: String,
    pub agreed_with_family: bool,
    /// Codes: `main_need`, `key_agency`, `statutory_role`, `existing_relationship`,
    /// `family_preference`, `best_communicator`.
    pub reasons: Vec<String>,
}

/// A deputy lead professional for a set period (`plan.deputy`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct DeputyDraft {
    #[validate(length(max = 100, code = "too_long"))]
    pub name: String,
    pub role: String,
    #[validate(custom(function = "crate::validate::rules::phone"))]
    pub phone: String,
    pub until: DateDraft,
}

/// One action of the delivery plan (`plan.actions[i]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ActionDraft {
    /// An element code, or `other`.
    pub need: String,
    #[validate(length(max = 500, code = "too_long"))]
    pub what: String,
    pub who: String,
    pub due: DateDraft,
    #[validate(length(max = 300, code = "too_long"))]
    pub outcome: String,
    /// `be_healthy` / `stay_safe` / `enjoy_and_achieve` / `positive_contribution` /
    /// `economic_wellbeing`.
    pub ecm: String,
    /// `not_started` / `in_progress` / `done` / `stopped`.
    pub status: String,
    #[validate(length(max = 500, code = "too_long"))]
    pub progress: String,
}

/// Step 10, the family's agreement to share information, recorded as an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ConsentDraft {
    #[validate(length(max = 100, code = "too_long"))]
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
    #[validate(custom(function = "crate::validate::rules::time"))]
    pub time: String,
    #[validate(length(max = 100, code = "too_long"))]
    pub practitioner: String,
    pub leaflet_given: bool,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(default)]
pub struct ReviewDraft {
    pub date: DateDraft,
    pub present: String,
    #[validate(length(max = 1500, code = "too_long"))]
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
}
