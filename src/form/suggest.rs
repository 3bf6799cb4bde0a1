//! Answers the form offers while typing: team names for "who", agencies for
//! sharing, for the team and for other services (the council's list from the
//! local settings after the ones named in this CAF). Derived, never stored.

use crate::domain::{Data, Settings, ELEMENTS};
use crate::form::choices::is_need;
use crate::form::{Field, Suggest};

/// Suggested answers for `field` (its `suggest` in the table); `None` for a
/// question that offers none.
pub fn suggestions(field: &Field, data: &Data, settings: &Settings) -> Option<Vec<String>> {
    match field.suggest {
        Suggest::None => None,
        Suggest::Who => Some(who(data)),
        Suggest::NeedsFirst => Some(needs_first(data)),
        Suggest::Agencies => Some(agencies(data, settings)),
    }
}

fn push_unique(acc: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !acc.iter().any(|known| known == value) {
        acc.push(value.to_owned());
    }
}

/// Team members' names, then "Family".
fn who(data: &Data) -> Vec<String> {
    let mut acc = Vec::new();
    for member in &data.plan.team {
        push_unique(&mut acc, &member.name);
    }
    push_unique(&mut acc, "Family");
    acc
}

/// The team's agencies, the other services named, then the council's list.
fn agencies(data: &Data, settings: &Settings) -> Vec<String> {
    let mut acc = Vec::new();
    for member in &data.plan.team {
        push_unique(&mut acc, &member.agency);
    }
    for service in &data.services {
        push_unique(&mut acc, &service.service);
    }
    for agency in &settings.agencies {
        push_unique(&mut acc, agency);
    }
    acc
}

/// The codes of elements rated as a concern, offered first for an action's need.
fn needs_first(data: &Data) -> Vec<String> {
    ELEMENTS
        .iter()
        .filter(|element| {
            data.needs
                .element(element.code)
                .is_some_and(|need| is_need(&need.rating))
        })
        .map(|element| element.code.to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ServiceDraft, TeamMemberDraft};
    use crate::form::caf;

    #[test]
    fn agencies_come_from_the_caf_then_the_council_without_repeats() {
        let mut data = Data::default();
        data.plan.team.push(TeamMemberDraft {
            agency: "Health visiting".into(),
            ..TeamMemberDraft::default()
        });
        data.services.push(ServiceDraft {
            service: "GP".into(),
            ..ServiceDraft::default()
        });
        let settings = Settings {
            agencies: vec!["GP".into(), "Medway Youth Service".into(), " ".into()],
            ..Settings::default()
        };
        let expected = ["Health visiting", "GP", "Medway Youth Service"];
        for field in [
            &caf::CONSENT_SHARE_WITH,
            &caf::TEAM_FIELDS[2],
            &caf::SERVICE_FIELDS[0],
        ] {
            assert_eq!(
                suggestions(field, &data, &settings).expect("offers agencies"),
                expected,
                "{}",
                field.path
            );
        }
        assert_eq!(suggestions(&caf::CHILD_GIVEN_NAME, &data, &settings), None);
    }

    #[test]
    fn who_offers_the_team_then_family() {
        let mut data = Data::default();
        data.plan.team.push(TeamMemberDraft {
            name: "Priya".into(),
            ..TeamMemberDraft::default()
        });
        assert_eq!(
            suggestions(&caf::ACTION_FIELDS[2], &data, &Settings::default()).expect("offers"),
            ["Priya", "Family"]
        );
    }
}
