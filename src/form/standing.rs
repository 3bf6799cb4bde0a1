//! Where a CAF stands, for the drafts page (caf-form.md §6): in progress,
//! plan agreed with its next review, review overdue, or closed; the order
//! that puts what needs attention first; and which closed CAFs may no
//! longer be needed. Built on the review rules of [`crate::form::caf`]
//! (`has_plan`, `next_review_date`, `is_closed`), so the drafts page, the
//! task list and the reviews page can never disagree. Pure: `today` is a
//! parameter.

use std::cmp::Reverse;

use crate::domain::{Data, Date, Draft};
use crate::form::caf::{has_plan, is_closed, next_review_date};
use crate::form::choices::{label_of, CLOSURE_REASON};

/// A review due within this many days counts as due soon (caf-form.md §6:
/// "reviews due within two weeks").
pub const DUE_SOON_DAYS: i64 = 14;

/// Where one CAF stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// No plan yet.
    InProgress,
    /// A plan exists; its next review is on this day, not yet past
    /// (`None`: no valid review date set).
    PlanAgreed { next_review: Option<Date> },
    /// The next review's day has passed with no later review recorded.
    ReviewOverdue { since: Date },
    /// The latest review closed the CAF: on its date (`None` if that date is
    /// not a valid date), for the reason in words (`""` if none chosen).
    Closed { on: Option<Date>, reason: String },
}

impl Standing {
    /// What the drafts page says: "Review overdue since 03/04/2026".
    pub fn words(&self) -> String {
        match self {
            Standing::InProgress => "In progress".to_owned(),
            Standing::PlanAgreed {
                next_review: Some(day),
            } => format!("Plan agreed, next review {day}"),
            Standing::PlanAgreed { next_review: None } => {
                "Plan agreed, no review date set".to_owned()
            }
            Standing::ReviewOverdue { since } => format!("Review overdue since {since}"),
            Standing::Closed { on, reason } => {
                let mut words = match on {
                    Some(day) => format!("Closed on {day}"),
                    None => "Closed".to_owned(),
                };
                if !reason.is_empty() {
                    words.push_str(&format!(" ({reason})"));
                }
                words
            }
        }
    }
}

/// Where the CAF with answers `data` stands on `today`.
pub fn standing(data: &Data, today: Date) -> Standing {
    if is_closed(data) {
        let latest = data.reviews.last();
        let on = latest.and_then(|review| review.date.parse().ok().flatten());
        let code = latest.map_or("", |review| review.closure_reason.trim());
        let reason = if code.is_empty() {
            String::new()
        } else {
            lower_first(label_of(CLOSURE_REASON, code))
        };
        return Standing::Closed { on, reason };
    }
    if !has_plan(data) {
        return Standing::InProgress;
    }
    match next_review_date(data) {
        Some(day) if day < today => Standing::ReviewOverdue { since: day },
        next_review => Standing::PlanAgreed { next_review },
    }
}

/// "Needs have been met" → "needs have been met", for inside brackets.
/// The reasons' words are plain English, so ASCII is enough (and keeps
/// Unicode's lower-case tables out of the page).
fn lower_first(text: &str) -> String {
    let mut words = text.to_owned();
    if let Some(first) = words.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    words
}

/// How much a CAF needs attention, most first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attention {
    /// A review is overdue.
    Overdue,
    /// A review is due today or within [`DUE_SOON_DAYS`].
    DueSoon,
    /// Everything else.
    Rest,
}

/// How much a CAF that stands so needs attention on `today`.
pub fn attention(standing: &Standing, today: Date) -> Attention {
    match standing {
        Standing::ReviewOverdue { .. } => Attention::Overdue,
        Standing::PlanAgreed {
            next_review: Some(day),
        } if today.days_until(*day) <= DUE_SOON_DAYS => Attention::DueSoon,
        _ => Attention::Rest,
    }
}

/// Puts drafts in the drafts page's order: overdue reviews first (longest
/// overdue first), then reviews due within two weeks (soonest first), then
/// the rest, most recently saved first. Ties go to the most recently
/// saved, then by id, so the order never flickers.
pub fn sort_by_attention(drafts: &mut Vec<Draft>, today: Date) {
    let mut keyed: Vec<(AttentionKey, Draft)> = drafts
        .drain(..)
        .map(|draft| (attention_key(&draft, today), draft))
        .collect();
    sort_short_list(&mut keyed);
    drafts.extend(keyed.into_iter().map(|(_, draft)| draft));
}

/// What the drafts page sorts by: how much attention, the review day that
/// matters, then last saved (latest first) and the id.
type AttentionKey = (Attention, Option<Date>, Reverse<String>, String);

fn attention_key(draft: &Draft, today: Date) -> AttentionKey {
    let standing = standing(&draft.data, today);
    let attention = attention(&standing, today);
    let due = match (&attention, &standing) {
        (Attention::Overdue, Standing::ReviewOverdue { since }) => Some(*since),
        (Attention::DueSoon, Standing::PlanAgreed { next_review }) => *next_review,
        _ => None,
    };
    (
        attention,
        due,
        Reverse(draft.updated_at.clone()),
        draft.id.clone(),
    )
}

/// A stable insertion sort by each item's key. A device holds tens of
/// CAFs, not thousands, and std's sort, built again for these types, made
/// the page's first load measurably bigger.
fn sort_short_list<K: Ord, T>(items: &mut [(K, T)]) {
    for next in 1..items.len() {
        let mut at = next;
        while at > 0 && items[at - 1].0 > items[at].0 {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

/// The drafts page's two lists: every draft in [`sort_by_attention`] order,
/// and apart from them the closed CAFs it [`may_no_longer_need`], closed
/// longest ago first.
pub fn caseload(
    mut drafts: Vec<Draft>,
    today: Date,
    retention_months: u32,
) -> (Vec<Draft>, Vec<Draft>) {
    sort_by_attention(&mut drafts, today);
    let mut current = Vec::new();
    let mut old = Vec::new();
    for draft in drafts {
        match standing(&draft.data, today) {
            closed @ Standing::Closed { on, .. }
                if may_no_longer_need(&closed, today, retention_months) =>
            {
                old.push((on, draft))
            }
            _ => current.push(draft),
        }
    }
    sort_short_list(&mut old);
    (current, old.into_iter().map(|(_, draft)| draft).collect())
}

/// How many of these drafts have a review overdue on `today`.
pub fn overdue_count(drafts: &[Draft], today: Date) -> usize {
    drafts
        .iter()
        .filter(|draft| matches!(standing(&draft.data, today), Standing::ReviewOverdue { .. }))
        .count()
}

/// The line at the top of the drafts page when reviews are overdue:
/// "2 reviews are overdue"; `None` when none is.
pub fn overdue_line(n_overdue: usize) -> Option<String> {
    match n_overdue {
        0 => None,
        1 => Some("1 review is overdue".to_owned()),
        n => Some(format!("{n} reviews are overdue")),
    }
}

/// Whether a CAF that stands so was closed more than `retention_months`
/// before `today` (caf-form.md §6, "Keeping data no longer than needed"),
/// so the drafts page lists it under "Closed CAFs you may no longer need".
/// A closure without a valid date is never listed: its age is not known.
pub fn may_no_longer_need(standing: &Standing, today: Date, retention_months: u32) -> bool {
    match standing {
        Standing::Closed { on: Some(day), .. } => today > day.add_months(retention_months),
        _ => false,
    }
}
