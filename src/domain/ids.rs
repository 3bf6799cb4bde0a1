//! Stable ids of the list items others point at (caf-form.md §3.13): team
//! members, actions, reviews, meetings and their invitees, so that removing or reordering one never re-points
//! a reference at someone else. An id is opaque text, unique within the
//! draft (team members and actions share one set), made when the item is
//! added (`form::List::add` takes it; the page makes a random UUID) and
//! kept once made. Ids are never part of the fingerprint
//! (`domain::fingerprint`).
//!
//! A draft stored or exported before ids has none: [`give_missing_ids`]
//! gives them when it is read (`storage::format`), from [`derived_ids`], so
//! that reading the same entry twice gives the same ids even before the
//! next save writes them.

use std::collections::HashSet;

use crate::domain::Data;

/// Gives every team member, action, review, meeting and invitee that has no id, or the id of an
/// earlier item of the draft, one from `new_id`; an id no earlier item has
/// is kept. Whether any id was given.
pub fn give_missing_ids(data: &mut Data, mut new_id: impl FnMut() -> String) -> bool {
    let mut taken = HashSet::new();
    let mut given = false;
    let ids = data
        .plan
        .team
        .iter_mut()
        .map(|member| &mut member.id)
        .chain(data.plan.actions.iter_mut().map(|action| &mut action.id))
        .chain(data.reviews.iter_mut().map(|review| &mut review.id))
        .chain(data.meetings.iter_mut().flat_map(|meeting| {
            std::iter::once(&mut meeting.id)
                .chain(meeting.invited.iter_mut().map(|invitee| &mut invitee.id))
        }));
    for id in ids {
        if id.is_empty() || taken.contains(id.as_str()) {
            *id = unused(new_id(), &taken);
            given = true;
        }
        taken.insert(id.clone());
    }
    given
}

/// `id`, or `id` with the first `-<n>` that makes it unused: a generator
/// that repeats itself still gives unique ids, and this always ends.
fn unused(id: String, taken: &HashSet<String>) -> String {
    if !id.is_empty() && !taken.contains(&id) {
        return id;
    }
    (1_u64..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(id)
}

/// Ids for a draft read without them: 32 hex characters that look random,
/// the same sequence each time for the same `seed` (the draft's own random
/// id), so a stored draft read twice before its next save gets the same
/// ids both times.
pub fn derived_ids(seed: &str) -> impl FnMut() -> String {
    let base = fnv1a(seed.as_bytes());
    let mut n: u64 = 0;
    move || {
        n = n.wrapping_add(1);
        let high = mix(base ^ n);
        let low = mix(high ^ base.rotate_left(32) ^ n);
        format!("{high:016x}{low:016x}")
    }
}

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The splitmix64 finaliser: every bit of `x` moves every bit of the result.
fn mix(x: u64) -> u64 {
    let x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    let x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActionDraft, TeamMemberDraft};

    fn member(id: &str) -> TeamMemberDraft {
        TeamMemberDraft {
            id: id.to_owned(),
            ..TeamMemberDraft::default()
        }
    }

    fn action(id: &str) -> ActionDraft {
        ActionDraft {
            id: id.to_owned(),
            ..ActionDraft::default()
        }
    }

    fn ids(data: &Data) -> Vec<String> {
        let team = data.plan.team.iter().map(|member| member.id.clone());
        team.chain(data.plan.actions.iter().map(|action| action.id.clone()))
            .collect()
    }

    #[test]
    fn items_without_an_id_get_one_and_ids_already_made_are_kept() {
        let mut data = Data::default();
        data.plan.team = vec![member("t1"), member("")];
        data.plan.actions = vec![action(""), action("a2")];
        let mut next = 0;
        assert!(give_missing_ids(&mut data, || {
            next += 1;
            format!("new{next}")
        }));
        assert_eq!(ids(&data), ["t1", "new1", "new2", "a2"]);
        assert!(!give_missing_ids(&mut data, || "never".to_owned()));
        assert_eq!(ids(&data), ["t1", "new1", "new2", "a2"]);
    }

    #[test]
    fn a_repeated_id_is_replaced_in_the_later_item_only() {
        let mut data = Data::default();
        data.plan.team = vec![member("x"), member("x")];
        data.plan.actions = vec![action("x"), action("")];
        // A generator that repeats itself (and one that gives "") still
        // leaves every id unique.
        give_missing_ids(&mut data, || "x".to_owned());
        assert_eq!(ids(&data), ["x", "x-1", "x-2", "x-3"]);
        let mut data = Data::default();
        data.plan.team = vec![member(""), member("")];
        give_missing_ids(&mut data, String::new);
        assert_eq!(ids(&data), ["-1", "-2"]);
    }

    #[test]
    fn derived_ids_repeat_for_a_seed_and_differ_between_seeds() {
        let first: Vec<String> = std::iter::repeat_with(derived_ids("a1")).take(3).collect();
        let again: Vec<String> = std::iter::repeat_with(derived_ids("a1")).take(3).collect();
        let other: Vec<String> = std::iter::repeat_with(derived_ids("a2")).take(3).collect();
        assert_eq!(first, again);
        assert_ne!(first, other);
        assert_ne!(first[0], first[1]);
        assert!(first
            .iter()
            .all(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())));
    }
}
