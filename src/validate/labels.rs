//! The words for each field path, and the wording of `validator` error codes.
//! Every message the user sees is written here or in `check`, in GOV.UK style:
//! what is wrong and how to fix it, no full stop.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use crate::domain::elements::element_by_code;

/// The field as named in a message, without an article: "child's given name",
/// "date of birth", "phone number of parent or carer 2". Unknown paths fall
/// back to the path itself so a message is never empty.
pub fn label(path: &str) -> String {
    let (generic, indices) = generalise(path);
    let n = indices.first().map_or(1, |i| i + 1);
    let m = indices.get(1).map_or(1, |i| i + 1);
    let text = match generic.as_str() {
        "start.significant_harm" => "whether the child is at risk of significant harm",
        "start.existing_check" => "whether you checked for an existing CAF",
        "start.assess_agreed_by" => "name of the person who agreed to the assessment",
        "start.assess_agreed_relationship" => {
            "relationship to the child of the person who agreed to the assessment"
        }
        "start.assess_agreed_on" => "date the assessment was agreed",
        "child.given_name" => "child's given name",
        "child.family_name" => "child's family name",
        "child.known_as" => "name the child is known as",
        "child.date_of_birth" => "date of birth",
        "child.expected_date" => "expected date of delivery",
        "child.sex" => "child's sex",
        "child.address" => "child's address",
        "child.postcode" => "postcode",
        "child.phone" => "child's phone number",
        "child.first_language" => "child's first language",
        "child.disability_details" => "details of the disability or special educational needs",
        "child.nhs_number" => "NHS number",
        "child.upn" => "Unique Pupil Number (UPN)",
        "child.setting" => "school, nursery or childminder",
        "parents" => "parent or carer",
        "parents[].name" => return format!("name of parent or carer {n}"),
        "parents[].relationship" => {
            return format!("relationship to the child of parent or carer {n}")
        }
        "parents[].parental_responsibility" => {
            return format!("parental responsibility of parent or carer {n}")
        }
        "parents[].phone" => return format!("phone number of parent or carer {n}"),
        "parents[].email" => return format!("email address of parent or carer {n}"),
        "parents[].address" => return format!("address of parent or carer {n}"),
        "household[].name" => return format!("name of household member {n}"),
        "household[].relationship" => {
            return format!("relationship to the child of household member {n}")
        }
        "household[].date_of_birth" => return format!("date of birth of household member {n}"),
        "family.notes" => "notes about the family and home",
        "assessor.name" => "your name",
        "assessor.role" => "your role",
        "assessor.organisation" => "your setting or organisation",
        "assessor.phone" => "your phone number",
        "assessor.email" => "your email address",
        "assessor.ofsted_urn" => "Ofsted URN",
        "assessment.started_on" => "date the assessment started",
        "services[].service" => return format!("name of service {n}"),
        "services[].contact_name" => return format!("contact name for service {n}"),
        "services[].phone" => return format!("phone number for service {n}"),
        "services[].email" => return format!("email address for service {n}"),
        "reason.summary" => "reason for the assessment",
        "reason.people_present" => "who took part in the assessment",
        "views.child" => "child's views",
        "views.child_not_sought" => "reason the child's views were not sought",
        "views.parent" => "parents' or carers' views",
        "conclusion.summary" => "summary of what needs to happen",
        "plan.meeting_date" => "date of the first team meeting",
        "plan.team[].name" => return format!("name of team member {n}"),
        "plan.team[].role" => return format!("role of team member {n}"),
        "plan.team[].agency" => return format!("agency of team member {n}"),
        "plan.team[].phone" => return format!("phone number of team member {n}"),
        "plan.team[].email" => return format!("email address of team member {n}"),
        "plan.lead.name" => "lead professional's name",
        "plan.lead.role" => "lead professional's role",
        "plan.lead.agency" => "lead professional's agency",
        "plan.lead.phone" => "lead professional's phone number",
        "plan.lead.email" => "lead professional's email address",
        "plan.deputy.name" => "deputy lead professional's name",
        "plan.deputy.role" => "deputy lead professional's role",
        "plan.deputy.phone" => "deputy lead professional's phone number",
        "plan.deputy.until" => "date the deputy covers until",
        "plan.actions[].what" => return format!("what will be done for action {n}"),
        "plan.actions[].who" => return format!("who will do action {n}"),
        "plan.actions[].due" => return format!("date action {n} is due"),
        "plan.actions[].outcome" => return format!("what will be different after action {n}"),
        "plan.actions[].progress" => return format!("progress on action {n}"),
        "plan.next_review" => "date of the next review",
        "consent.given_by" => "name of the person giving agreement",
        "consent.relationship" => "relationship to the child of the person giving agreement",
        "consent.date" => "date agreement was given",
        "consent.time" => "time agreement was given",
        "consent.practitioner" => "name of the practitioner who recorded the agreement",
        "consent.withdrawn_on" => "date agreement was withdrawn",
        "consent.withdrawn_note" => "note about the withdrawal",
        "consent.not_share_with" => "agencies they do not want information shared with",
        "reviews[].date" => return format!("date of review {n}"),
        "reviews[].summary" => return format!("progress summary for review {n}"),
        "reviews[].next_review" => return format!("date of the review after review {n}"),
        "reviews[].child_comments" => return format!("child's comments at review {n}"),
        "reviews[].parent_comments" => return format!("parents' comments at review {n}"),
        "reviews[].closure_notes" => return format!("closure notes for review {n}"),
        "reviews[].actions[].progress" => return format!("progress on action {m} at review {n}"),
        _ => {
            if let Some(code) = generic
                .strip_prefix("needs.")
                .and_then(|rest| rest.strip_suffix(".notes"))
            {
                if let Some(element) = element_by_code(code) {
                    return format!("notes on {}", short_title(element.title));
                }
            }
            return path.to_string();
        }
    };
    text.to_string()
}

/// The part of an element title before its first colon or comma, in lower case.
pub fn short_title(title: &str) -> String {
    let end = title.find([':', ',']).unwrap_or(title.len());
    title[..end].to_lowercase()
}

/// The label with "the" in front where English needs it: "the child's given
/// name", but "your name" and "what will be done for action 1".
pub fn the(path: &str) -> String {
    let label = label(path);
    let bare = ["your ", "what ", "who ", "whether ", "how ", "why "];
    if bare.iter().any(|word| label.starts_with(word)) {
        label
    } else {
        format!("the {label}")
    }
}

/// The label with its first letter in capitals, to start a sentence.
pub fn subject(path: &str) -> String {
    capitalise(&label(path))
}

/// `text` with its first character upper-cased.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `parents[1].name` → (`parents[].name`, `[1]`).
fn generalise(path: &str) -> (String, Vec<usize>) {
    let mut generic = String::with_capacity(path.len());
    let mut indices = Vec::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        generic.push(c);
        if c == '[' {
            let mut number = String::new();
            for d in chars.by_ref() {
                if d == ']' {
                    break;
                }
                number.push(d);
            }
            indices.push(number.parse().unwrap_or(0));
            generic.push(']');
        }
    }
    (generic, indices)
}

/// The message for a `validator` error `code` on the field at `path`. `params`
/// are the error's parameters (`max` and `value` for a length).
pub fn message_for_code(
    path: &str,
    code: &str,
    params: &HashMap<Cow<'static, str>, Value>,
) -> String {
    let subject = subject(path);
    match code {
        "too_long" => {
            let max = params.get("max").and_then(Value::as_u64).unwrap_or(0);
            let typed = params
                .get("value")
                .and_then(Value::as_str)
                .map_or(0, |value| value.chars().count() as u64);
            let over = typed.saturating_sub(max);
            let noun = if over == 1 { "character" } else { "characters" };
            format!("{subject} must be {max} characters or fewer – you have {over} {noun} too many")
        }
        "name_characters" => {
            format!("{subject} must only include letters, spaces, hyphens, apostrophes and full stops")
        }
        "name_no_letters" => format!("{subject} must include at least one letter"),
        "phone_characters" => format!(
            "Enter {} with numbers only, like 01632 960 001 or +44 7700 900 982",
            the(path)
        ),
        "phone_uk_length" => {
            format!("{subject} must have 10 or 11 digits, like 01632 960 001 or 07700 900 982")
        }
        "phone_start" => format!(
            "{subject} must start with 0, or with + and the country code, like 01632 960 001 or +33 1 23 45 67 89"
        ),
        "phone_international_length" => format!(
            "{subject} must have + and 8 to 15 digits for a number outside the UK, like +33 1 23 45 67 89"
        ),
        "phone_extension" => format!(
            "Enter the extension of {} as up to 6 digits after ‘ext’, like 01632 960 001 ext 123",
            the(path)
        ),
        "email_missing_at" | "email_format" => format!(
            "Enter {} in the correct format, like name@example.com",
            the(path)
        ),
        "postcode" => "Enter a real postcode, like ME4 4TR".to_string(),
        "nhs_format" => "Enter the NHS number as 10 digits, like 943 476 5919".to_string(),
        "nhs_check_digit" => {
            "Check the NHS number – it is not a real NHS number, so a digit may be mistyped".to_string()
        }
        "upn_format" => {
            "Enter the UPN as a letter and 12 more characters, like B801200005001".to_string()
        }
        "upn_check_letter" => {
            "Check the UPN – its first letter does not match the numbers, so a character may be mistyped".to_string()
        }
        "ofsted_urn" => "Enter the Ofsted URN as 6 or 7 digits, or EY and 6 digits, like EY123456".to_string(),
        "time" => format!("Enter {} in 24-hour format, like 14:30", the(path)),
        _ => format!("Check {}", the(path)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_item() {
        assert_eq!(
            label("parents[1].phone"),
            "phone number of parent or carer 2"
        );
        assert_eq!(
            label("reviews[0].actions[2].progress"),
            "progress on action 3 at review 1"
        );
        assert_eq!(label("needs.health.notes"), "notes on health");
        assert_eq!(label("needs.basic_care.notes"), "notes on basic care");
        assert_eq!(label("no.such[x]"), "no.such[x]");
        assert_eq!(subject("child.date_of_birth"), "Date of birth");
        assert_eq!(the("assessor.name"), "your name");
        assert_eq!(
            the("plan.actions[0].what"),
            "what will be done for action 1"
        );
        assert_eq!(the("child.given_name"), "the child's given name");
    }

    #[test]
    fn over_long_text_says_by_how_much() {
        let mut params = HashMap::new();
        params.insert(Cow::from("max"), Value::from(300));
        params.insert(Cow::from("value"), Value::from("é".repeat(302)));
        assert_eq!(
            message_for_code("child.address", "too_long", &params),
            "Child's address must be 300 characters or fewer – you have 2 characters too many"
        );
    }
}
