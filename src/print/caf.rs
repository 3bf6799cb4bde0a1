//! The consent-stamped CAF PDF's content (caf-form.md §4), as a plain
//! document for `pdf::render`. Pure: the caller passes the consent status,
//! the version and the time of creation.

use crate::domain::data_url::png_from_data_url;
use crate::domain::{fingerprint, withdrawn_terms_are_current, Data, Draft, Settings, ELEMENTS};
use crate::form::answer::answer;
use crate::form::caf::{self, blocks};
use crate::form::choices::{label_of, RATING};
use crate::form::{Access, At, Block as FormBlock, Field, Kind, List, Step, SubList};
use crate::pdf::{Banner, Block, Column, Document};
use crate::validate::ConsentStatus;

/// An answer as the printed record shows it: `answer` (so never a hidden
/// answer), except that a valid date is written dd/mm/yyyy and ticked
/// choices one to a line (their labels are sentences; blank ones left out).
/// An answer that does not check is printed exactly as typed.
pub fn printed(field: &Field, data: &Data, at: impl Into<At>) -> Option<String> {
    let at = at.into();
    let typed = answer(field, data, at)?;
    if let Access::Date(get, _) = field.access {
        if let Some(Ok(Some(date))) = get(data, at).map(|d| d.parse()) {
            return Some(date.to_string());
        }
    }
    if let (Kind::Checkboxes(choices), Access::Strings(get, _)) = (field.kind, field.access) {
        if let Some(values) = get(data, at) {
            let ticked: Vec<&str> = values
                .iter()
                .map(|value| value.trim())
                .filter(|value| !value.is_empty())
                .map(|value| label_of(choices, value))
                .collect();
            return (!ticked.is_empty()).then(|| ticked.join("\n"));
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
    draft.doc_id()
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

/// The first rows of a stamped printout's header: the council, when the
/// local settings name one, and the child.
pub(crate) fn header_start(data: &Data, settings: &Settings) -> Vec<(String, String)> {
    let mut header = Vec::new();
    if !settings.council_name.trim().is_empty() {
        header.push((
            "Council".to_owned(),
            settings.council_name.trim().to_owned(),
        ));
    }
    header.push(("Child".to_owned(), child_name(data)));
    header
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
    let mut header = header_start(data, settings);
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
        footer: stamp_footer(&format!("CAF {id} v{version}"), &print, status),
        base_font_size: 10.0,
    }
}

/// Every page's footer after "Page x of y · " (caf-form.md §4): the
/// document and its version, the fingerprint and the consent status. The
/// CAF PDF and the meeting record are stamped alike through this.
pub(crate) fn stamp_footer(document: &str, print: &str, status: &ConsentStatus) -> String {
    format!("{document} · {print} · {}", status.banner())
}

/// The first lines of the bordered box on page 1: the status in capitals,
/// and why, when it is out of date or withdrawn on this device. The CAF
/// PDF and the meeting record open their box with these.
pub(crate) fn stamp_lines(status: &ConsentStatus) -> Vec<String> {
    let mut lines = vec![status.banner()];
    if let ConsentStatus::OutOfDate(_) | ConsentStatus::WithdrawnOnDevice(_) = status {
        lines.extend(status.explanation().map(str::to_owned));
    }
    lines
}

/// The delivery plan as a table (`plan.actions`, a column to a question),
/// with its subheading and note; empty when there are no actions. The CAF
/// PDF's plan and the meeting record's "plan as it now stands" alike.
pub(crate) fn delivery_plan_table(data: &Data) -> Vec<Block> {
    list_table(&caf::ACTIONS, data)
}

/// The bordered consent block of page 1: the consent step's answers, each
/// as the table says (`Field::heading`, `printed`, never a hidden one), and
/// the agreement to the assessment. In this box what was not agreed is said,
/// not left out: once the step has answers, an unticked box prints "No".
fn consent_banner(data: &Data, status: &ConsentStatus) -> Banner {
    let started = caf::step_has_answers(Step::Consent, data);
    let mut rows = Vec::new();
    for field in caf::fields(Step::Consent) {
        let value = match field.kind {
            Kind::Tick if started && field.is_shown(data, 0) => {
                Some(printed(field, data, 0).unwrap_or_else(|| "No".to_owned()))
            }
            _ => printed(field, data, 0),
        };
        if let Some(value) = value {
            rows.push((field.heading().to_owned(), value));
        }
    }
    let assessment: Vec<String> = [
        printed(&caf::START_AGREED_BY, data, 0),
        printed(&caf::START_AGREED_RELATIONSHIP, data, 0).map(|who| format!("({})", who.trim())),
        printed(&caf::START_AGREED_ON, data, 0).map(|date| format!("on {date}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !assessment.is_empty() {
        let words = assessment.join(" ");
        rows.push((
            "Agreement to the assessment".to_owned(),
            words.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    let signed_here = caf::CONSENT_SIGNATURE_NAME.is_shown(data, 0);
    let mut lines = stamp_lines(status);
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
            .then(|| png_from_data_url(&data.consent.signature))
            .flatten(),
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

/// The plan step in form order: its questions, each of its headings above
/// the questions after it that have answers, and its lists as tables.
fn plan_blocks(data: &Data) -> Vec<Block> {
    let mut acc = Vec::new();
    let mut heading = None;
    for block in blocks(Step::Plan) {
        match block {
            FormBlock::Heading(text) => heading = Some(text),
            FormBlock::Field(field) => {
                if let Some(value) = printed(field, data, 0) {
                    if let Some(text) = heading.take() {
                        acc.push(Block::SubHeading(text.to_owned()));
                    }
                    acc.push(Block::Field {
                        label: field.label.to_owned(),
                        value,
                    });
                }
            }
            // A list is headed by its own title.
            FormBlock::List(list) => {
                heading = None;
                acc.extend(list_table(list, data));
            }
            FormBlock::Text(_) | FormBlock::Special(_) => (),
        }
    }
    acc
}

/// A list as a table: a column to a question (`Field::column`), a row to an
/// item; a column no item answers is left out.
fn list_table(list: &List, data: &Data) -> Vec<Block> {
    let len = (list.len)(data);
    let answered: Vec<&Field> = list
        .fields
        .iter()
        .filter(|field| (0..len).any(|idx| printed(field, data, idx).is_some()))
        .collect();
    if answered.is_empty() {
        return Vec::new();
    }
    let mut acc = vec![
        Block::SubHeading(list.title.to_owned()),
        Block::Table {
            columns: answered
                .iter()
                .map(|field| Column::new(field.heading(), field.column_width))
                .collect(),
            rows: (0..len)
                .map(|idx| {
                    answered
                        .iter()
                        .map(|field| printed(field, data, idx).unwrap_or_default())
                        .collect()
                })
                .collect(),
        },
    ];
    if std::ptr::eq(list, &caf::ACTIONS) {
        acc.push(Block::Note(
            "ECM: the Every Child Matters outcome each action serves.".to_owned(),
        ));
    }
    acc
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
        for sub in caf::REVIEWS.lists {
            acc.extend(sub_table(sub, data, idx));
        }
    }
    acc
}

/// The list inside list item `item` as a table, a column to a question
/// (`Field::column`), a row to an item; a column no item answers is left
/// out, and so is a list with no items.
fn sub_table(sub: &SubList, data: &Data, item: usize) -> Option<Block> {
    let len = (sub.len)(data, item);
    let at = |j| At::sub(item, j);
    let answered: Vec<&Field> = sub
        .fields
        .iter()
        .filter(|field| (0..len).any(|j| printed(field, data, at(j)).is_some()))
        .collect();
    (len > 0 && !answered.is_empty()).then(|| Block::Table {
        columns: answered
            .iter()
            .map(|field| Column::new(field.heading(), field.column_width))
            .collect(),
        rows: (0..len)
            .map(|j| {
                answered
                    .iter()
                    .map(|field| printed(field, data, at(j)).unwrap_or_default())
                    .collect()
            })
            .collect(),
    })
}
