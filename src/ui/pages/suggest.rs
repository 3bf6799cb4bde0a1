//! Answers the form offers while typing: team names for "who", agencies for
//! sharing. Derived from the draft, never stored on their own.

use leptos::prelude::*;

use crate::domain::Data;
use crate::ui::state::FormState;

/// Suggested answers for the question at `path` (a `[]` template), if any.
pub fn for_field(path: &'static str, state: FormState) -> Option<Signal<Vec<String>>> {
    let derive = |make: fn(&Data) -> Vec<String>| {
        Some(Signal::derive(move || state.draft.with(|d| make(&d.data))))
    };
    match path {
        "plan.actions[].who" => derive(who_suggestions),
        "plan.actions[].need" => derive(needs_first),
        "consent.share_with" => derive(agency_suggestions),
        _ => None,
    }
}

fn push_unique(acc: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !acc.iter().any(|known| known == value) {
        acc.push(value.to_owned());
    }
}

/// Team members' names, then "Family".
fn who_suggestions(data: &Data) -> Vec<String> {
    let mut acc = Vec::new();
    for member in &data.plan.team {
        push_unique(&mut acc, &member.name);
    }
    push_unique(&mut acc, "Family");
    acc
}

/// The team's agencies and the other services named, in that order.
fn agency_suggestions(data: &Data) -> Vec<String> {
    let mut acc = Vec::new();
    for member in &data.plan.team {
        push_unique(&mut acc, &member.agency);
    }
    for service in &data.services {
        push_unique(&mut acc, &service.service);
    }
    acc
}

/// The codes of elements rated as a concern, offered first for an action's need.
fn needs_first(data: &Data) -> Vec<String> {
    crate::domain::ELEMENTS
        .iter()
        .filter(|element| {
            data.needs
                .element(element.code)
                .is_some_and(|need| crate::domain::elements::is_need(&need.rating))
        })
        .map(|element| element.code.to_owned())
        .collect()
}
