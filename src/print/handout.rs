//! The family handout (caf-form.md §5): plain words, headings as questions,
//! short sentences. One content model feeds both the handout PDF and the
//! printable page. It never holds the NHS number, the UPN, needs ratings or
//! notes, the reason for the assessment, or other household members.

use crate::domain::{Data, Settings};
use crate::form::caf::{self, is_closed, next_review_date};
use crate::pdf::{Block, Column, Document};
use crate::print::caf::printed;
use crate::validate::{ConsentStatus, OutOfDate};

/// A table on the handout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutTable {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// One part of the handout, under a question heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutSection {
    pub heading: &'static str,
    pub paragraphs: Vec<String>,
    pub table: Option<HandoutTable>,
    /// Paragraphs printed after the table.
    pub after: Vec<String>,
}

/// The handout's whole content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handout {
    pub title: String,
    /// The council's name from the local settings, `None` when not set.
    pub council: Option<String>,
    pub sections: Vec<HandoutSection>,
}

/// A section of paragraphs under a question heading, with no table.
pub(crate) fn section(heading: &'static str, paragraphs: Vec<String>) -> HandoutSection {
    HandoutSection {
        heading,
        paragraphs,
        table: None,
        after: Vec::new(),
    }
}

fn contact(phone: &str, email: &str) -> String {
    match (phone.trim(), email.trim()) {
        ("", "") => "Ask your lead professional".to_owned(),
        (phone, "") => format!("Phone {phone}"),
        ("", email) => format!("Email {email}"),
        (phone, email) => format!("Phone {phone}, email {email}"),
    }
}

/// The handout for the family of the child in `data`. Section 6 follows
/// `consent`, the status derived by `validate::consent_status`, and never
/// claims more than was recorded.
pub fn handout(data: &Data, settings: &Settings, consent: &ConsentStatus) -> Handout {
    let child = &data.child;
    let first_name = [child.known_as.trim(), child.given_name.trim()]
        .into_iter()
        .find(|name| !name.is_empty())
        .map_or_else(|| "your child".to_owned(), str::to_owned);
    let plan = &data.plan;
    let lead = &plan.lead;
    let mut sections = vec![section(
        "What is this?",
        vec![
            format!("This is a plan we made with you. It says what is going well for {first_name} and where you would like some help."),
            "Taking part is your choice.".to_owned(),
        ],
    )];

    let mut lead_words = Vec::new();
    if lead.name.trim().is_empty() {
        lead_words.push("We will tell you who your lead professional is.".to_owned());
    } else {
        let job = [lead.role.trim(), lead.agency.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        lead_words.push(if job.is_empty() {
            format!("Your lead professional is {}.", lead.name.trim())
        } else {
            format!("Your lead professional is {} ({job}).", lead.name.trim())
        });
        lead_words.push(format!(
            "How to contact them: {}.",
            contact(&lead.phone, &lead.email)
        ));
    }
    lead_words.push("Your lead professional keeps everyone in touch. Talk to them first about anything in this plan.".to_owned());
    let deputy = &plan.deputy;
    if !deputy.name.trim().is_empty() {
        let until = printed(&caf::DEPUTY_UNTIL, data, 0)
            .map(|d| format!(" until {d}"))
            .unwrap_or_default();
        let role = if deputy.role.trim().is_empty() {
            String::new()
        } else {
            format!(" ({})", deputy.role.trim())
        };
        let phone = if deputy.phone.trim().is_empty() {
            String::new()
        } else {
            format!(" Phone {}.", deputy.phone.trim())
        };
        lead_words.push(format!(
            "If they are away, {}{role} can help{until}.{phone}",
            deputy.name.trim()
        ));
    }
    sections.push(section("Who is your lead professional?", lead_words));

    let team: Vec<Vec<String>> = plan
        .team
        .iter()
        .filter(|m| !m.name.trim().is_empty())
        .map(|m| {
            let what = [m.role.trim(), m.agency.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            vec![m.name.clone(), what, contact(&m.phone, &m.email)]
        })
        .collect();
    let mut helping = section("Who else is helping?", Vec::new());
    if team.is_empty() {
        helping
            .paragraphs
            .push("Your lead professional will tell you who else is helping.".to_owned());
    } else {
        helping
            .paragraphs
            .push("These people are part of the team helping you.".to_owned());
        helping.table = Some(HandoutTable {
            columns: vec!["Name", "What they do", "How to contact them"],
            rows: team,
        });
    }
    sections.push(helping);

    let actions: Vec<Vec<String>> = plan
        .actions
        .iter()
        .enumerate()
        .map(|(idx, action)| {
            vec![
                action.what.clone(),
                action.who.clone(),
                printed(caf::ACTION_DUE, data, idx).unwrap_or_else(|| "To be agreed".to_owned()),
                action.outcome.clone(),
            ]
        })
        .collect();
    let mut agreed = section("What did we agree?", Vec::new());
    if actions.is_empty() {
        agreed
            .paragraphs
            .push("We have not written down any actions yet.".to_owned());
    } else {
        agreed
            .paragraphs
            .push("This is what will happen, who will do it and by when.".to_owned());
        agreed.table = Some(HandoutTable {
            columns: vec![
                "What will happen",
                "Who will do it",
                "By when",
                "How we will know it is working",
            ],
            rows: actions,
        });
    }
    sections.push(agreed);

    sections.push(next_meeting(data));
    sections.push(section(
        "What happens to your information?",
        your_information(data, consent, &first_name),
    ));
    sections.push(section(
        "What if you change your mind?",
        changing_your_mind(consent),
    ));
    let mut worried =
        vec!["Talk to your lead professional, or ask to speak to their manager.".to_owned()];
    if !settings.complaint_contacts.trim().is_empty() {
        worried.push(format!(
            "You can also contact: {}.",
            settings.complaint_contacts.trim()
        ));
    }
    if !settings.front_door_phone.trim().is_empty() {
        worried.push(format!(
            "If you are worried about a child's safety, call children's services on {}.",
            settings.front_door_phone.trim()
        ));
    }
    worried.push("If a child is in danger now, call 999.".to_owned());
    sections.push(section("Worried or unhappy?", worried));

    let council = settings.council_name.trim();
    Handout {
        title: format!("Your plan for {first_name}"),
        council: (!council.is_empty()).then(|| council.to_owned()),
        sections,
    }
}

/// Section 5: the next review, from the form's own rule; a closed CAF has no
/// next meeting, and the handout says the plan has ended instead.
fn next_meeting(data: &Data) -> HandoutSection {
    if is_closed(data) {
        let ended = data
            .reviews
            .len()
            .checked_sub(1)
            .and_then(|last| printed(caf::REVIEW_DATE, data, last))
            .map_or_else(
                || "The plan has ended.".to_owned(),
                |date| format!("The plan ended at the meeting on {date}."),
            );
        return section(
            "Has the plan ended?",
            vec![
                ended,
                "There are no more meetings planned.".to_owned(),
                "You can ask for help again at any time.".to_owned(),
            ],
        );
    }
    section(
        "When is the next meeting?",
        vec![
            next_review_date(data).map_or_else(
                || "We will agree the date of the next meeting with you.".to_owned(),
                |date| {
                    format!("Our next meeting is on {date}. We will check how the plan is going.")
                },
            ),
            "You can bring someone with you. If you cannot come, you can send us your views."
                .to_owned(),
            "You will get a new copy of this plan after each meeting.".to_owned(),
        ],
    )
}

/// Section 6, worded from the consent status (caf-form.md §5 item 6): "You
/// agreed" only when the agreement is recorded and still covers the plan.
fn your_information(data: &Data, consent: &ConsentStatus, first_name: &str) -> Vec<String> {
    let mut words = vec!["We keep a written record of this plan.".to_owned()];
    match consent {
        ConsentStatus::Recorded => {
            let agencies: Vec<&str> = data
                .consent
                .share_with
                .iter()
                .map(|a| a.trim())
                .filter(|a| !a.is_empty())
                .collect();
            words.push(if agencies.is_empty() {
                "You agreed that we can record it. We will not share it with anyone else."
                    .to_owned()
            } else {
                format!(
                    "You agreed that we can share it with: {}.",
                    agencies.join(", ")
                )
            });
            let not_with = data.consent.not_share_with.trim();
            if !not_with.is_empty() {
                words.push(format!("You asked us not to share it with: {not_with}."));
            }
            // The young person's own answer is part of what was recorded:
            // "You agreed" must not read as if they agreed too.
            if data.consent.young_person.trim() == "not_agreed" {
                words.push(format!(
                    "{} told us they do not agree. We will talk with {first_name} about what this means.",
                    sentence_start(first_name)
                ));
            }
        }
        ConsentStatus::NotRecorded => {
            words.push("We have not yet written down that you agree to us sharing it.".to_owned());
            words.push("We will not share it until you have agreed.".to_owned());
        }
        ConsentStatus::OutOfDate(why) => {
            words.push(match why {
                OutOfDate::Changed => "The plan has changed since you agreed to us sharing it, so we need to ask you again.",
                // Recorded by another version of CAF Lite: nothing changed
                // that the family would know of, so do not say it did.
                OutOfDate::EarlierVersion | OutOfDate::NewerVersion => "We need to ask you again whether you agree to us sharing it.",
            }.to_owned());
            words.push("We will not share it until you have agreed again.".to_owned());
        }
        ConsentStatus::Withdrawn(date) | ConsentStatus::WithdrawnOnDevice(date) => {
            words.push(format!(
                "You told us on {date} that you no longer agree to us sharing it."
            ));
            words.push("We have stopped sharing it.".to_owned());
        }
    }
    words.push("We may share information without asking you first if we think a child or an adult is at risk of harm.".to_owned());
    words.push("You can ask to see the information we keep about you.".to_owned());
    words
}

/// `text` with its first letter a capital, to begin a sentence ("your child").
fn sentence_start(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Section 7, from the consent status too: "we will stop sharing" only
/// where something is shared, that is, once the agreement is recorded.
fn changing_your_mind(consent: &ConsentStatus) -> Vec<String> {
    let words: [&str; 2] = match consent {
        ConsentStatus::Recorded => [
            "You can change your mind at any time. Tell your lead professional.",
            "We will stop sharing your information. The plan may then close. You can ask for help again later.",
        ],
        ConsentStatus::NotRecorded | ConsentStatus::OutOfDate(_) => [
            "You do not have to agree to us sharing your information.",
            "If you agree and change your mind later, tell your lead professional.",
        ],
        ConsentStatus::Withdrawn(_) | ConsentStatus::WithdrawnOnDevice(_) => [
            "If you change your mind again and want us to share your information, tell your lead professional.",
            "You can ask for help again at any time.",
        ],
    };
    words.map(str::to_owned).to_vec()
}

/// How wide a handout column is, relative to the others: the columns of
/// sentences get the room, so rows stay short and the handout stays within
/// two pages.
fn column_weight(title: &str) -> f32 {
    match title {
        "What will happen" => 2.2,
        "How we will know it is working" | "How to contact them" => 1.8,
        "Who will do it" => 1.3,
        "What they do" => 1.6,
        "Name" => 1.4,
        "By when" => 1.0,
        _ => 1.0,
    }
}

/// The handout as a document for the PDF: 12 pt and larger.
pub fn handout_document(handout: &Handout, footer: String) -> Document {
    let mut blocks = Vec::new();
    for part in &handout.sections {
        blocks.push(Block::Heading(part.heading.to_owned()));
        blocks.extend(part.paragraphs.iter().map(|p| Block::Paragraph(p.clone())));
        if let Some(table) = &part.table {
            blocks.push(Block::Table {
                columns: table
                    .columns
                    .iter()
                    .map(|title| Column::new(*title, column_weight(title)))
                    .collect(),
                rows: table.rows.clone(),
            });
        }
        blocks.extend(part.after.iter().map(|p| Block::Paragraph(p.clone())));
    }
    Document {
        title: handout.title.clone(),
        file_title: handout.title.clone(),
        header: handout
            .council
            .iter()
            .map(|name| ("From".to_owned(), name.clone()))
            .collect(),
        banner: None,
        blocks,
        footer,
        base_font_size: 12.0,
    }
}
