//! "Start a CAF for a brother or sister" (issue 15): a new draft that shares
//! the family's details with an existing CAF. Copied: the family and
//! household (parents and carers, other people in the household, notes about
//! the family), the assessor and the other services working with the
//! family. Never copied: anything about the child, the agreement to assess,
//! the assessment's start date, needs, views, the conclusion, the plan,
//! consent or reviews. Each CAF keeps its own consent, so the new one starts
//! NOT RECORDED. Pure.

use crate::domain::{CopiedFrom, Data, Draft};

/// A new draft, id `new_id`, made at `now` (RFC 3339), with the family
/// details of `source` and a note of where and when they came from.
pub fn sibling_draft(source: &Draft, new_id: String, now: &str) -> Draft {
    let from = &source.data;
    let data = Data {
        parents: from.parents.clone(),
        household: from.household.clone(),
        family: from.family.clone(),
        assessor: from.assessor.clone(),
        services: from.services.clone(),
        ..Data::default()
    };
    Draft {
        id: new_id,
        created_at: now.to_owned(),
        updated_at: now.to_owned(),
        version: 1,
        family_copied_from: CopiedFrom {
            draft_id: source.id.clone(),
            copied_at: now.to_owned(),
        },
        data,
        ..Draft::default()
    }
}
