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
