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
    /// A CAF closed more than this many months ago is listed under "Closed
    /// CAFs you may no longer need" (default 6).
    pub retention_months_after_closure: u32,
    /// With a passphrase set, the drafts lock after this many seconds without
    /// use (`lock_after_minutes` in the file; default 15 minutes).
    pub lock_after_seconds: u32,
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
            retention_months_after_closure: 6,
            lock_after_seconds: 15 * 60,
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
        assert_eq!(settings.retention_months_after_closure, 6);
    }
}

/// The emergency line the safeguarding stop always ends with.
pub const EMERGENCY_LINE: &str = "In an emergency, call 999.";

impl Settings {
    /// What the safeguarding stop says: the council's message, then the
    /// emergency line unless the message already tells the reader to call
    /// 999 (`tells_to_call_999`). A 999 inside a phone number ("01999
    /// 123456", "0800 999 1234") is not the emergency line.
    pub fn safeguarding_lines(&self) -> Vec<String> {
        let message = self.safeguarding_message.trim();
        let mut lines = Vec::new();
        if !message.is_empty() {
            lines.push(message.to_owned());
        }
        if !tells_to_call_999(message) {
            lines.push(EMERGENCY_LINE.to_owned());
        }
        lines
    }
}

/// Whether `message` gives the emergency line: "call", "dial", "ring",
/// "phone" or "telephone" followed by the number 999 on its own (not the
/// start of a longer number such as "999 123 456"), in any case.
fn tells_to_call_999(message: &str) -> bool {
    let words: Vec<String> = message.split_whitespace().map(str::to_lowercase).collect();
    words.windows(2).enumerate().any(|(at, pair)| {
        let verb = pair[0].trim_matches(|c: char| !c.is_alphanumeric());
        let number = pair[1].trim_end_matches(|c: char| !c.is_alphanumeric());
        let continues = words
            .get(at + 2)
            .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()));
        matches!(verb, "call" | "dial" | "ring" | "phone" | "telephone")
            && number == "999"
            && !(continues && pair[1] == number)
    })
}

/// The most problems a settings message names one by one.
const MAX_NAMED: usize = 10;

/// Reads a council's `local-settings.json`: every key it can use is used,
/// keys left out keep their default, and each key that is unknown, of the
/// wrong type or not allowed keeps its default and is named in the message
/// returned with the settings (`None` when nothing was wrong).
pub fn parse_local_settings(text: &str) -> (Settings, Option<String>) {
    let mut settings = Settings::default();
    let map = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => map,
        Ok(_) => {
            return (
                settings,
                Some("local-settings.json is not a list of settings in braces { }, so the built-in settings are used".to_owned()),
            )
        }
        Err(err) => {
            return (
                settings,
                Some(format!("local-settings.json could not be read ({err}), so the built-in settings are used")),
            )
        }
    };
    let mut problems = Vec::new();
    for (key, value) in map {
        if let Err(problem) = apply(&mut settings, &key, value) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        return (settings, None);
    }
    let more = problems.len().saturating_sub(MAX_NAMED);
    problems.truncate(MAX_NAMED);
    let mut message = format!(
        "local-settings.json has problems, and the built-in value is used for each: {}",
        problems.join("; ")
    );
    if more > 0 {
        message.push_str(&format!("; and {more} more"));
    }
    message.push('.');
    (settings, Some(message))
}

/// Sets one key, or says why it cannot be used.
fn apply(settings: &mut Settings, key: &str, value: serde_json::Value) -> Result<(), String> {
    use serde_json::Value;
    let text = |value: Value| match value {
        Value::String(text) => Ok(text),
        _ => Err(format!("\"{key}\" must be text in quotes")),
    };
    let whole = |value: Value| {
        value
            .as_u64()
            .filter(|n| *n > 0)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("\"{key}\" must be a whole number above 0"))
    };
    match key {
        "council_name" => settings.council_name = text(value)?,
        "unmet_needs_threshold" => settings.unmet_needs_threshold = whole(value)? as usize,
        "review_warning_weeks" => settings.review_warning_weeks = whole(value)?,
        "retention_months_after_closure" => settings.retention_months_after_closure = whole(value)?,
        "safeguarding_message" => {
            let message = text(value)?;
            if message.trim().is_empty() {
                return Err(format!("\"{key}\" is empty"));
            }
            settings.safeguarding_message = message;
        }
        "front_door_phone" => settings.front_door_phone = text(value)?,
        "lock_after_minutes" => {
            // Parts of a minute are allowed (a test locks after a few seconds);
            // at most a day.
            let seconds = value
                .as_f64()
                .map(|minutes| (minutes * 60.0).round())
                .filter(|seconds| (1.0..=86_400.0).contains(seconds))
                .ok_or_else(|| {
                    format!("\"{key}\" must be a number of minutes above 0, at most 1440")
                })?;
            settings.lock_after_seconds = seconds as u32;
        }
        "complaint_contacts" => settings.complaint_contacts = text(value)?,
        "agencies" => {
            settings.agencies = serde_json::from_value::<Vec<String>>(value).map_err(|_| {
                format!("\"{key}\" must be a list of names in quotes, like [\"Health visiting\"]")
            })?
        }
        _ => {
            return Err(format!(
                "\"{}\" is not a setting CAF Lite knows",
                shown_key(key)
            ))
        }
    }
    Ok(())
}

/// A key as named in a message: at most 40 characters.
fn shown_key(key: &str) -> String {
    if key.chars().count() <= 40 {
        key.to_owned()
    } else {
        format!("{}…", key.chars().take(40).collect::<String>())
    }
}

#[cfg(test)]
mod local_settings_tests {
    use super::*;

    #[test]
    fn lock_after_minutes_is_read_in_minutes_and_refused_when_not_a_number_of_minutes() {
        let (settings, problem) = parse_local_settings(r#"{"lock_after_minutes": 5}"#);
        assert_eq!((settings.lock_after_seconds, problem), (300, None));
        let (settings, problem) = parse_local_settings(r#"{"lock_after_minutes": 0.05}"#);
        assert_eq!((settings.lock_after_seconds, problem), (3, None));
        assert_eq!(Settings::default().lock_after_seconds, 900);
        for bad in [r#""15""#, "0", "-1", "100000"] {
            let (settings, problem) =
                parse_local_settings(&format!(r#"{{"lock_after_minutes": {bad}}}"#));
            assert_eq!(settings.lock_after_seconds, 900, "{bad}");
            assert!(
                problem.is_some_and(
                    |p| p.contains("\"lock_after_minutes\" must be a number of minutes")
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_empty_object_means_the_defaults() {
        assert_eq!(parse_local_settings("{}"), (Settings::default(), None));
    }

    #[test]
    fn a_council_can_change_the_threshold_and_keep_the_rest() {
        let (settings, problem) = parse_local_settings(
            r#"{"council_name":"Leicester","unmet_needs_threshold":2,"agencies":["Health visiting"]}"#,
        );
        assert_eq!(problem, None);
        assert_eq!(settings.unmet_needs_threshold, 2);
        assert_eq!(settings.review_warning_weeks, 12);
        assert_eq!(settings.council_name, "Leicester");
        assert_eq!(settings.agencies, ["Health visiting"]);
    }

    #[test]
    fn a_council_can_keep_closed_cafs_for_another_number_of_months() {
        let (settings, problem) = parse_local_settings(r#"{"retention_months_after_closure":12}"#);
        assert_eq!(problem, None);
        assert_eq!(settings.retention_months_after_closure, 12);
        let (settings, problem) =
            parse_local_settings(r#"{"retention_months_after_closure":"six"}"#);
        assert!(problem
            .expect("named")
            .contains(r#""retention_months_after_closure" must be a whole number above 0"#));
        assert_eq!(settings.retention_months_after_closure, 6);
    }

    #[test]
    fn a_broken_file_is_refused_with_a_reason() {
        let (settings, problem) = parse_local_settings("{");
        assert_eq!(settings, Settings::default());
        assert!(problem
            .expect("named")
            .contains("local-settings.json could not be read"));
        let (_, problem) = parse_local_settings("[1]");
        assert!(problem.is_some());
    }

    #[test]
    fn each_bad_key_is_named_and_keeps_its_default_while_good_keys_are_used() {
        let (settings, problem) = parse_local_settings(
            r#"{"councl_name":"Medway","unmet_needs_threshold":"three","review_warning_weeks":0,
                "safeguarding_message":"  ","agencies":"GP","front_door_phone":"01634 000000"}"#,
        );
        let problem = problem.expect("problems are named");
        assert!(
            problem.contains(r#""councl_name" is not a setting CAF Lite knows"#),
            "{problem}"
        );
        assert!(
            problem.contains(r#""unmet_needs_threshold" must be a whole number above 0"#),
            "{problem}"
        );
        assert!(
            problem.contains(r#""review_warning_weeks" must be a whole number above 0"#),
            "{problem}"
        );
        assert!(
            problem.contains(r#""safeguarding_message" is empty"#),
            "{problem}"
        );
        assert!(
            problem.contains(r#""agencies" must be a list"#),
            "{problem}"
        );
        assert_eq!(
            settings.front_door_phone, "01634 000000",
            "a good key is still used"
        );
        assert_eq!(settings.unmet_needs_threshold, 3);
        assert_eq!(settings.review_warning_weeks, 12);
        assert_eq!(
            settings.safeguarding_message,
            Settings::default().safeguarding_message
        );
        assert_eq!(settings.council_name, "");
    }

    #[test]
    fn at_most_ten_problems_are_named_and_the_rest_counted() {
        let keys: Vec<String> = (0..13).map(|i| format!(r#""unknown{i}":1"#)).collect();
        let (_, problem) = parse_local_settings(&format!("{{{}}}", keys.join(",")));
        let problem = problem.expect("named");
        assert_eq!(problem.matches("is not a setting").count(), 10);
        assert!(problem.ends_with("; and 3 more."), "{problem}");
    }

    #[test]
    fn the_safeguarding_stop_always_keeps_the_emergency_line() {
        let default = Settings::default().safeguarding_lines();
        assert!(default.iter().any(|line| line.contains("999")));
        let local = Settings {
            safeguarding_message: "Call the Medway front door on 01634 000000.".to_owned(),
            ..Settings::default()
        };
        assert_eq!(
            local.safeguarding_lines(),
            [
                "Call the Medway front door on 01634 000000.",
                EMERGENCY_LINE
            ]
        );
        let empty = Settings {
            safeguarding_message: String::new(),
            ..Settings::default()
        };
        assert_eq!(empty.safeguarding_lines(), [EMERGENCY_LINE]);
    }

    /// Issue 24, item 7: a 999 inside a phone number is not the emergency
    /// line, so the line is still added; a message that says to call 999
    /// does not get it twice.
    #[test]
    fn only_the_emergency_line_itself_stands_for_it() {
        let lines = |message: &str| {
            Settings {
                safeguarding_message: message.to_owned(),
                ..Settings::default()
            }
            .safeguarding_lines()
        };
        for message in [
            "Call the front door on 01999 123456.",
            "Call the front door on 0800 999 1234.",
            "Ring 999 123 456 for the duty team.",
            "Reference 999: contact the front door.",
            "Call 9999 for the switchboard.",
        ] {
            assert_eq!(lines(message), [message, EMERGENCY_LINE], "{message}");
        }
        for message in [
            "In an emergency, call 999.",
            "Contact the front door. In an emergency, CALL 999",
            "Dial 999 if a child is in danger now.",
            "If a child is in immediate danger, phone 999 (police).",
        ] {
            assert_eq!(lines(message), [message], "{message}");
        }
    }
}
