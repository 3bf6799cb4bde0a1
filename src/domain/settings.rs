//! Local settings a council may change (caf-form.md §7): plain data passed
//! into checks, never global state.

use serde::{Deserialize, Serialize};

/// Local variations of the built-in defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The council's name, `""` for the built-in defaults.
    pub council_name: String,
    /// How many unmet needs call for a Team Around the Child (default 3).
    pub unmet_needs_threshold: usize,
    /// A next review further than this many weeks ahead is warned about (default 12).
    pub review_warning_weeks: u32,
    /// The safeguarding message shown when a child may be at risk of significant harm.
    pub safeguarding_message: String,
    /// The local children's services front-door phone number, `""` if not set.
    pub front_door_phone: String,
    /// Agency names to suggest.
    pub agencies: Vec<String>,
    /// Who to contact with a complaint, in words.
    pub complaint_contacts: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            council_name: String::new(),
            unmet_needs_threshold: 3,
            review_warning_weeks: 12,
            safeguarding_message: "Follow your safeguarding procedures now. Contact your local \
                children's services front door. In an emergency, call 999."
                .to_string(),
            front_door_phone: String::new(),
            agencies: Vec::new(),
            complaint_contacts: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let settings = Settings::default();
        assert_eq!(settings.unmet_needs_threshold, 3);
        assert_eq!(settings.review_warning_weeks, 12);
    }
}

/// Reads a council's `local-settings.json`. Keys left out keep their default;
/// an unreadable file is refused with a reason to show, and the caller keeps
/// the defaults.
pub fn parse_local_settings(text: &str) -> Result<Settings, String> {
    let settings: Settings = serde_json::from_str(text).map_err(|err| {
        format!("local-settings.json could not be read ({err}), so the built-in settings are used")
    })?;
    if settings.unmet_needs_threshold == 0 {
        return Err("local-settings.json sets unmet_needs_threshold to 0, which is not allowed, so the built-in settings are used".to_owned());
    }
    if settings.review_warning_weeks == 0 {
        return Err("local-settings.json sets review_warning_weeks to 0, which is not allowed, so the built-in settings are used".to_owned());
    }
    Ok(settings)
}

#[cfg(test)]
mod local_settings_tests {
    use super::*;

    #[test]
    fn an_empty_object_means_the_defaults() {
        assert_eq!(parse_local_settings("{}"), Ok(Settings::default()));
    }

    #[test]
    fn a_council_can_change_the_threshold_and_keep_the_rest() {
        let settings =
            parse_local_settings(r#"{"council_name":"Leicester","unmet_needs_threshold":2}"#)
                .expect("valid");
        assert_eq!(settings.unmet_needs_threshold, 2);
        assert_eq!(settings.review_warning_weeks, 12);
        assert_eq!(settings.council_name, "Leicester");
    }

    #[test]
    fn a_broken_file_is_refused_with_a_reason() {
        let err =
            parse_local_settings(r#"{"unmet_needs_threshold":"three"}"#).expect_err("wrong type");
        assert!(
            err.contains("local-settings.json could not be read"),
            "{err}"
        );
        assert!(parse_local_settings("{").is_err());
        assert!(parse_local_settings(r#"{"unmet_needs_threshold":0}"#).is_err());
    }
}
