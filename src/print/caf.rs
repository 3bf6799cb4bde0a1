//! The consent-stamped CAF PDF's content (caf-form.md §4), as a plain
//! document for `pdf::render`. Pure: the caller passes the consent status,
//! the version and the time of creation.

use crate::domain::data_url::png_from_data_url;
use crate::domain::{fingerprint, withdrawn_terms_are_current, Data, Draft, Settings, ELEMENTS};
use crate::form::answer::answer;
use crate::form::caf::{self, blocks};
use crate::form::choices::{
    label_of, ACTION_STATUS, CONSENT_METHODS, ECM, RATING, YES_NO_UNKNOWN, YOUNG_PERSON,
};
use crate::form::{Access, Block as FormBlock, Field, Kind, Step};
use crate::pdf::{Banner, Block, Column, Document};
use crate::validate::ConsentStatus;

/// An answer as the printed record shows it: `answer` (so never a hidden
/// answer), except that a valid date is written dd/mm/yyyy and ticked
/// choices one to a line (their labels are sentences). An answer that does
/// not check is printed exactly as typed.
pub(crate) fn printed(field: &Field, data: &Data, idx: usize) -> Option<String> {
    let typed = answer(field, data, idx)?;
    if let Access::Date(get, _) = field.access {
        if let Some(Ok(Some(date))) = get(data, idx).map(|d| d.parse()) {
            return Some(date.to_string());
        }
    }
    if let (Kind::Checkboxes(choices), Access::Strings(get, _)) = (field.kind, field.access) {
        if let Some(values) = get(data, idx) {
            return Some(
                values
                    .iter()
                    .map(|value| label_of(choices, value))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    Some(typed)
}

/// A question as the printed record asks it: the form speaks to the
/// assessor ("Your role"), the record speaks about them.
fn printed_label(step: Step, label: &str) -> String {
    match (step, label.strip_prefix("Your ")) {
        (Step::Assessor, Some(rest)) => format!("Assessor's {rest}"),
        _ => label.to_owned(),
    }
}

/// A section heading as the printed record has it.
fn printed_title(step: Step) -> &'static str {
    match step {
        Step::Assessor => "About the assessor and other services",
        Step::Reason => "Why this assessment is being done",
        _ => step.title(),
    }
}

/// The title printed on page 1.
pub const TITLE: &str = "Common Assessment Framework (short form)";

/// The first 8 characters of the draft id: the document id printed on every page.
pub fn doc_id(draft: &Draft) -> String {
    draft.id.chars().take(8).collect()
}

/// The child as named on the PDF: "Given Family", or "Unborn baby of …".
pub fn child_name(data: &Data) -> String {
    let child = &data.child;
    let name = format!("{} {}", child.given_name.trim(), child.family_name.trim());
    if child.unborn && name.trim().is_empty() {
        let parent = data
            .parents
            .first()
            .map(|p| p.name.trim())
            .unwrap_or_default();
        return if parent.is_empty() {
            "Unborn baby".to_owned()
        } else {
            format!("Unborn baby of {parent}")
        };
    }
    if name.trim().is_empty() {
        "Name not given".to_owned()
    } else {
        name.trim().to_owned()
    }
}

/// Everything the CAF PDF prints.
pub fn caf_document(
    draft: &Draft,
    status: &ConsentStatus,
    settings: &Settings,
    version: u64,
    created: &str,
) -> Document {
    let data = &draft.data;
    let id = doc_id(draft);
    let print = fingerprint(data);
    let mut header = Vec::new();
    if !settings.council_name.trim().is_empty() {
        header.push((
            "Council".to_owned(),
            settings.council_name.trim().to_owned(),
        ));
    }
    header.push(("Child".to_owned(), child_name(data)));
    let (date_label, date_field) = if data.child.unborn {
        ("Expected date of delivery", &caf::CHILD_EXPECTED_DATE)
    } else {
        ("Date of birth", &caf::CHILD_DATE_OF_BIRTH)
    };
    header.push((
        date_label.to_owned(),
        printed(date_field, data, 0).unwrap_or_else(|| "Not given".to_owned()),
    ));
    header.push((
        "Document".to_owned(),
        format!("CAF {id}, version {version}"),
    ));
    header.push(("Created".to_owned(), created.to_owned()));

    let mut blocks_out = Vec::new();
    for step in Step::ANSWERED {
        if step == Step::Consent {
            continue;
        }
        let section = step_blocks(step, data);
        if !section.is_empty() {
            blocks_out.push(Block::Heading(printed_title(step).to_owned()));
            blocks_out.extend(section);
        }
    }
    blocks_out.extend(review_blocks(data));
    blocks_out.push(Block::Heading("Signatures".to_owned()));
    blocks_out.push(Block::Paragraph(
        "This is a printed record of the family's agreement, made on this device. It is not an electronic signature. \
         Sign below to confirm it; the signed copy is the record to keep.\n\
         Information may be shared without agreement if a child or an adult is at risk of harm. \
         The family can see what is held about them and can change their mind at any time by telling the lead professional."
            .to_owned(),
    ));
    blocks_out.push(Block::SignatureLines(vec![
        "Parent or carer".to_owned(),
        "Young person".to_owned(),
        "Practitioner".to_owned(),
    ]));
    Document {
        title: TITLE.to_owned(),
        file_title: format!("CAF {id} v{version}"),
        header,
        banner: Some(consent_banner(data, status)),
        blocks: blocks_out,
        footer: format!("CAF {id} v{version} · {print} · {}", status.banner()),
        base_font_size: 10.0,
    }
}

/// The bordered consent block of page 1.
fn consent_banner(data: &Data, status: &ConsentStatus) -> Banner {
    let consent = &data.consent;
    let mut rows = Vec::new();
    let mut row = |label: &str, value: String| {
        if !value.trim().is_empty() {
            rows.push((label.to_owned(), value));
        }
    };
    row("Agreed by", consent.given_by.clone());
    row("Relationship to the child", consent.relationship.clone());
    row(
        "Parental responsibility",
        label_of(YES_NO_UNKNOWN, &consent.parental_responsibility).to_owned(),
    );
    row(
        "Young person's own agreement",
        label_of(YOUNG_PERSON, &consent.young_person).to_owned(),
    );
    let when = [
        printed(&caf::CONSENT_DATE, data, 0).unwrap_or_default(),
        consent.time.trim().to_owned(),
    ]
    .join(" ");
    row(
        "How and when",
        format!(
            "{} {}",
            label_of(CONSENT_METHODS, &consent.method),
            when.trim()
        )
        .trim()
        .to_owned(),
    );
    row("Recorded by", consent.practitioner.clone());
    row(
        "May be shared with",
        consent
            .share_with
            .iter()
            .map(|agency| agency.trim())
            .filter(|agency| !agency.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
    );
    row("Not to be shared with", consent.not_share_with.clone());
    if !consent.method.is_empty() || consent.explained || consent.store {
        row(
            "Sensitive information included",
            if consent.sensitive {
                "Yes".to_owned()
            } else {
                "No".to_owned()
            },
        );
        row(
            "What will be shared was explained",
            if consent.explained {
                "Yes".to_owned()
            } else {
                "No".to_owned()
            },
        );
        row(
            "Agreed to information being stored",
            if consent.store {
                "Yes".to_owned()
            } else {
                "No".to_owned()
            },
        );
    }
    if consent.leaflet_given {
        row("Leaflet given", "Yes".to_owned());
    }
    let assess_date = printed(&caf::START_AGREED_ON, data, 0).unwrap_or_default();
    let assess = format!(
        "{} {} {}",
        data.start.assess_agreed_by.trim(),
        bracketed(&data.start.assess_agreed_relationship),
        if assess_date.is_empty() {
            String::new()
        } else {
            format!("on {assess_date}")
        }
    );
    row(
        "Agreement to the assessment",
        assess.split_whitespace().collect::<Vec<_>>().join(" "),
    );
    if status.withdrawn_on().is_some() {
        row("Note about the withdrawal", consent.withdrawn_note.clone());
    }
    let signed_here = caf::CONSENT_SIGNATURE_NAME.is_shown(data, 0);
    if signed_here {
        row(
            "Signature typed by the signer",
            consent.signature_name.clone(),
        );
    }
    let mut lines = vec![status.banner()];
    if let ConsentStatus::OutOfDate(_) | ConsentStatus::WithdrawnOnDevice(_) = status {
        lines.extend(status.explanation().map(str::to_owned));
    }
    // The rows are the terms as they stand on the form now: say whether
    // the family agreed to them.
    lines.push(
        match status {
            ConsentStatus::Recorded => "The family agreed to the terms below.",
            ConsentStatus::NotRecorded => "The terms below have not been agreed.",
            ConsentStatus::OutOfDate(_) => {
                "The terms below are as they stand now: the family has not agreed to them."
            }
            ConsentStatus::Withdrawn(_) | ConsentStatus::WithdrawnOnDevice(_)
                if withdrawn_terms_are_current(data) =>
            {
                "The family withdrew their agreement to the terms below."
            }
            ConsentStatus::Withdrawn(_) | ConsentStatus::WithdrawnOnDevice(_) => {
                "The family withdrew their agreement. The terms below are as they stand now: they were not recorded as agreed."
            }
        }
        .to_owned(),
    );
    Banner {
        lines,
        rows,
        signature_png: signed_here
            .then(|| png_from_data_url(&consent.signature))
            .flatten(),
    }
}

fn bracketed(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!("({})", text.trim())
    }
}

/// One step's answered questions; needs and the plan as tables.
fn step_blocks(step: Step, data: &Data) -> Vec<Block> {
    match step {
        Step::Needs => return needs_blocks(data),
        Step::Plan => return plan_blocks(data),
        _ => (),
    }
    let mut acc = Vec::new();
    for block in blocks(step) {
        match block {
            FormBlock::Field(field) => {
                if let Some(value) = printed(field, data, 0) {
                    acc.push(Block::Field {
                        label: printed_label(step, field.label),
                        value,
                    });
                }
            }
            FormBlock::List(list) => {
                for idx in 0..(list.len)(data) {
                    acc.push(Block::SubHeading(format!("{} {}", list.item, idx + 1)));
                    for field in list.fields {
                        if let Some(value) = printed(field, data, idx) {
                            acc.push(Block::Field {
                                label: printed_label(step, field.label),
                                value,
                            });
                        }
                    }
                }
            }
            FormBlock::Heading(_) | FormBlock::Text(_) | FormBlock::Special(_) => (),
        }
    }
    acc
}

fn needs_blocks(data: &Data) -> Vec<Block> {
    let rows: Vec<Vec<String>> = ELEMENTS
        .iter()
        .filter_map(|element| {
            let need = data.needs.element(element.code)?;
            if need.rating.trim().is_empty() && need.notes.trim().is_empty() {
                return None;
            }
            let rating = if need.rating.trim().is_empty() {
                "Not assessed"
            } else {
                label_of(RATING, &need.rating)
            };
            Some(vec![
                element.title.to_owned(),
                rating.to_owned(),
                need.notes.clone(),
            ])
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Block::Table {
        columns: vec![
            Column::new("Element", 3.0),
            Column::new("Rating", 1.5),
            Column::new("Notes", 5.0),
        ],
        rows,
    }]
}

fn plan_blocks(data: &Data) -> Vec<Block> {
    let plan = &data.plan;
    let mut acc = Vec::new();
    if let Some(date) = printed(&caf::PLAN_MEETING_DATE, data, 0) {
        acc.push(Block::Field {
            label: caf::PLAN_MEETING_DATE.label.to_owned(),
            value: date,
        });
    }
    let lead_fields = [
        &caf::LEAD_NAME,
        &caf::LEAD_ROLE,
        &caf::LEAD_AGENCY,
        &caf::LEAD_PHONE,
        &caf::LEAD_EMAIL,
        &caf::LEAD_REASONS,
        &caf::LEAD_AGREED,
    ];
    let lead: Vec<Block> = lead_fields
        .iter()
        .filter_map(|field| {
            printed(field, data, 0).map(|value| Block::Field {
                label: field.label.to_owned(),
                value,
            })
        })
        .collect();
    if !lead.is_empty() {
        acc.push(Block::SubHeading("Lead professional".to_owned()));
        acc.extend(lead);
    }
    let deputy: Vec<Block> = [
        &caf::DEPUTY_NAME,
        &caf::DEPUTY_ROLE,
        &caf::DEPUTY_PHONE,
        &caf::DEPUTY_UNTIL,
    ]
    .iter()
    .filter_map(|field| {
        printed(field, data, 0).map(|value| Block::Field {
            label: field.label.to_owned(),
            value,
        })
    })
    .collect();
    if !deputy.is_empty() {
        acc.push(Block::SubHeading("Deputy lead professional".to_owned()));
        acc.extend(deputy);
    }
    if !plan.team.is_empty() {
        acc.push(Block::SubHeading("Team Around the Child".to_owned()));
        acc.push(Block::Table {
            columns: vec![
                Column::new("Name", 2.0),
                Column::new("Role", 2.0),
                Column::new("Agency", 2.0),
                Column::new("Phone", 1.6),
                Column::new("Email", 2.4),
            ],
            rows: plan
                .team
                .iter()
                .map(|m| {
                    vec![
                        m.name.clone(),
                        m.role.clone(),
                        m.agency.clone(),
                        m.phone.clone(),
                        m.email.clone(),
                    ]
                })
                .collect(),
        });
    }
    if !plan.actions.is_empty() {
        acc.push(Block::SubHeading("Delivery plan".to_owned()));
        acc.push(Block::Table {
            columns: vec![
                // The short columns are widened to their longest word by the
                // layout; the room left goes mostly to the action itself.
                Column::new("Need", 1.4),
                Column::new("Action", 3.8),
                Column::new("Who", 1.3),
                Column::new("By when", 1.1),
                Column::new("Outcome", 2.6),
                Column::new("ECM outcome", 1.2),
                Column::new("Status", 1.0),
            ],
            rows: plan
                .actions
                .iter()
                .enumerate()
                .map(|(idx, action)| {
                    vec![
                        label_of(caf::NEED_CHOICES, &action.need).to_owned(),
                        action_with_progress(&action.what, &action.progress),
                        action.who.clone(),
                        printed(caf::ACTION_DUE, data, idx).unwrap_or_default(),
                        action.outcome.clone(),
                        label_of(ECM, &action.ecm).to_owned(),
                        label_of(ACTION_STATUS, &action.status).to_owned(),
                    ]
                })
                .collect(),
        });
        acc.push(Block::Note(
            "ECM: the Every Child Matters outcome each action serves.".to_owned(),
        ));
    }
    if let Some(date) = printed(&caf::PLAN_NEXT_REVIEW, data, 0) {
        acc.push(Block::Field {
            label: caf::PLAN_NEXT_REVIEW.label.to_owned(),
            value: date,
        });
    }
    acc
}

fn action_with_progress(what: &str, progress: &str) -> String {
    if progress.trim().is_empty() {
        what.to_owned()
    } else {
        format!("{what}\nProgress: {progress}")
    }
}

/// Reviews in date order, each with the plan as it stood then.
fn review_blocks(data: &Data) -> Vec<Block> {
    if data.reviews.is_empty() {
        return Vec::new();
    }
    let mut order: Vec<usize> = (0..data.reviews.len()).collect();
    order.sort_by_key(|&idx| data.reviews[idx].date.parse().ok().flatten());
    let mut acc = vec![Block::Heading("Reviews".to_owned())];
    for idx in order {
        let review = &data.reviews[idx];
        let date =
            printed(caf::REVIEW_DATE, data, idx).unwrap_or_else(|| "date not given".to_owned());
        acc.push(Block::SubHeading(format!("Review on {date}")));
        for field in caf::REVIEW_FIELDS.iter().skip(1) {
            if !field.is_shown(data, idx) {
                continue;
            }
            if let Some(value) = printed(field, data, idx) {
                acc.push(Block::Field {
                    label: field.label.to_owned(),
                    value,
                });
            }
        }
        if !review.actions.is_empty() {
            acc.push(Block::Table {
                columns: vec![
                    Column::new("Action", 4.0),
                    Column::new("Status then", 1.5),
                    Column::new("Progress then", 4.0),
                ],
                rows: review
                    .actions
                    .iter()
                    .map(|a| {
                        vec![
                            a.what.clone(),
                            label_of(ACTION_STATUS, &a.status).to_owned(),
                            a.progress.clone(),
                        ]
                    })
                    .collect(),
            });
        }
    }
    acc
}
