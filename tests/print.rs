//! The consent-stamped CAF PDF and the family handout (caf-form.md §3.10, §4,
//! §5), built from real drafts with the recipe the check page calls —
//! `validate::check`, then `print::caf_pdf` / `print::handout_pdf`, then
//! `pdf::render` — and read
//! back with poppler's `pdftotext`, `pdffonts` and `pdfinfo`, so what is
//! checked is what a reader of the printed file gets.
#![cfg(all(not(target_arch = "wasm32"), feature = "pdf-engine"))]

use std::path::{Path, PathBuf};
use std::time::Instant;

use caf_lite::domain::*;
use caf_lite::form::{caf, Block as FormBlock, Field, Special, Step};
use caf_lite::pdf::fonts::FontSet;
use caf_lite::pdf::layout::{layout, Item};
use caf_lite::pdf::{render, Block, Document};
use caf_lite::print::caf::{caf_document, child_name, doc_id, printed};
use caf_lite::print::file_name::caf_file_name;
use caf_lite::print::{self, caf_pdf, next_version};
use caf_lite::validate::{self, consent_status, ConsentStatus, OutOfDate};

const CREATED: &str = "23/11/2026 14:05";
const RECORDED: &str = "CONSENT TO SHARE RECORDED";
const NOT_RECORDED: &str = "CONSENT NOT RECORDED — DRAFT, DO NOT SHARE";
const OUT_OF_DATE: &str = "CONSENT OUT OF DATE — RE-CONFIRM BEFORE SHARING";

// ---------------------------------------------------------------- fixtures

mod common;
use common::*;

/// The consent status as the check page derives it.
fn status(data: &Data) -> ConsentStatus {
    let checked = validate::check(data, today(), &Settings::default());
    consent_status(data, &checked.report, &[])
}

fn has_errors(data: &Data) -> bool {
    validate::check(data, today(), &Settings::default())
        .report
        .has_errors()
}

// ------------------------------------------------------------ printing

/// Prints the CAF PDF of `draft` as "Create CAF PDF" does, to a kept file.
fn print_caf(name: &str, draft: &Draft) -> (PathBuf, ConsentStatus, u64) {
    print_caf_at(name, draft, CREATED)
}

fn print_caf_at(name: &str, draft: &Draft, created: &str) -> (PathBuf, ConsentStatus, u64) {
    print_caf_with(name, draft, created, &Settings::default())
}

fn print_caf_with(
    name: &str,
    draft: &Draft,
    created: &str,
    settings: &Settings,
) -> (PathBuf, ConsentStatus, u64) {
    let report = validate::check(&draft.data, today(), settings).report;
    let status = consent_status(&draft.data, &report, &[]);
    let job = caf_pdf(draft, &report, &[], settings, created);
    let version = job.version;
    let bytes = render(&job.document).expect("the CAF renders");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    (path, status, version)
}

/// The text of page `n` (from 1), as pdftotext reads it.
fn page(path: &Path, n: usize) -> String {
    let n = n.to_string();
    poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-f", &n, "-l", &n],
        path,
        true,
    )
}

/// Every page's text, read one page at a time.
fn pages(path: &Path) -> Vec<String> {
    (1..=page_count(path)).map(|n| page(path, n)).collect()
}

/// Text with every run of white space made one space, so wrapped lines join.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn all_text(path: &Path) -> String {
    flat(&poppler("pdftotext", &["-enc", "UTF-8"], path, true))
}

/// The footer every page must carry.
fn footer(page: usize, total: usize, version: u64, print: &str, status: &ConsentStatus) -> String {
    format!(
        "Page {page} of {total} · CAF {} v{version} · {print} · {}",
        &DRAFT_ID[..8],
        status.banner()
    )
}

/// The 16 hex characters printed after "CAF <id> v<version> · " on a page.
fn printed_fingerprint(page_text: &str) -> String {
    let text = flat(page_text);
    let start = text.find("· CAF ").expect("footer on the page");
    let rest = &text[start..];
    let after = rest
        .split(" · ")
        .nth(1)
        .expect("fingerprint after the version");
    assert_eq!(after.len(), 16, "fingerprint in {rest}");
    after.to_owned()
}

/// A word's text and box: `(text, xMin, yMin, xMax, yMax)` in points.
type Word = (String, f32, f32, f32, f32);

/// Every word on every page, and the page sizes.
fn words(path: &Path) -> (Vec<Word>, Vec<(f32, f32)>) {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8"], path, true);
    let attr = |line: &str, name: &str| -> f32 {
        let key = format!(" {name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = start + line[start..].find('"').expect("quote");
        line[start..end].parse().expect("number")
    };
    let mut words = Vec::new();
    let mut sizes = Vec::new();
    for line in html.lines().map(str::trim_start) {
        if line.starts_with("<page") {
            sizes.push((attr(line, "width"), attr(line, "height")));
        } else if line.starts_with("<word") {
            let text = line
                .split_once('>')
                .and_then(|(_, rest)| rest.rsplit_once("</word>"))
                .map(|(t, _)| t.to_owned())
                .unwrap_or_default();
            words.push((
                text,
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            ));
        }
    }
    (words, sizes)
}

// ------------------------------------------------------------ consent

#[test]
fn each_consent_status_is_stamped_on_page_one_and_in_every_footer() {
    let complete = complete_data();
    assert!(!has_errors(&complete), "the fixture is complete");

    let recorded_data = recorded(complete.clone());
    let mut out_of_date = recorded_data.clone();
    out_of_date.views.parent.push_str(" And with mornings.");
    let mut withdrawn = recorded_data.clone();
    withdrawn.consent.withdrawn_on = typed(2026, 11, 1);
    withdrawn.consent.withdrawn_note = "Told the lead professional by phone.".into();

    let cases = [
        (
            "recorded",
            recorded_data,
            ConsentStatus::Recorded,
            RECORDED.to_owned(),
        ),
        (
            "not-recorded",
            complete,
            ConsentStatus::NotRecorded,
            NOT_RECORDED.to_owned(),
        ),
        (
            "out-of-date",
            out_of_date,
            ConsentStatus::OutOfDate(OutOfDate::Changed),
            OUT_OF_DATE.to_owned(),
        ),
        (
            "withdrawn",
            withdrawn,
            ConsentStatus::Withdrawn(date(2026, 11, 1)),
            "CONSENT WITHDRAWN ON 01/11/2026".to_owned(),
        ),
    ];
    for (name, data, expected, banner) in cases {
        let print = fingerprint(&data);
        let (path, status, version) = print_caf(&format!("status-{name}"), &draft(data));
        assert_eq!(status, expected, "{name}");
        assert_eq!(status.banner(), banner);
        let pages = pages(&path);
        let total = pages.len();
        assert!(total >= 2, "{name}: a multi-page CAF, got {total}");
        // Page 1: the bordered consent block carries the status, besides the footer.
        let first = flat(&pages[0]);
        assert!(
            first.matches(&banner).count() >= 2,
            "{name}: status not in the consent block of page 1:\n{first}"
        );
        assert!(first.contains("Agreed by"), "{name}: {first}");
        // The terms printed are the form's as they stand now: the block says
        // whether the family agreed to them.
        let terms = match name {
            "recorded" => "The family agreed to the terms below.",
            "not-recorded" => "The terms below have not been agreed.",
            "out-of-date" => {
                "The terms below are as they stand now: the family has not agreed to them."
            }
            _ => "The family withdrew their agreement to the terms below.",
        };
        assert!(first.contains(terms), "{name}: {terms:?} missing:\n{first}");
        for (i, text) in pages.iter().enumerate() {
            let want = footer(i + 1, total, version, &print, &status);
            assert!(
                flat(text).contains(&want),
                "{name}: page {} lacks the footer {want}:\n{text}",
                i + 1
            );
            if status != ConsentStatus::Recorded {
                assert!(
                    !text.contains(RECORDED),
                    "{name}: page {} says recorded",
                    i + 1
                );
            }
        }
        if let ConsentStatus::Withdrawn(_) = status {
            assert!(first.contains("Told the lead professional by phone."));
        }
    }
}

#[test]
fn a_draft_with_any_error_is_never_stamped_recorded_even_if_the_fingerprint_matches() {
    // An error in the consent step itself, recorded over it so the fingerprint matches.
    let mut not_stored = complete_data();
    not_stored.consent.store = false;
    let not_stored = recorded(not_stored);
    // An error elsewhere, recorded over the erroneous content so the fingerprint matches.
    let mut bad_nhs = complete_data();
    bad_nhs.child.nhs_number = "943 476 5918".into();
    let bad_nhs = recorded(bad_nhs);
    // A missing required answer.
    let mut no_lead = complete_data();
    no_lead.plan.lead.name.clear();
    let no_lead = recorded(no_lead);

    for (name, data) in [
        ("not-stored", not_stored),
        ("bad-nhs", bad_nhs),
        ("no-lead", no_lead),
    ] {
        assert_eq!(
            data.consent.recorded_fingerprint,
            fingerprint(&data),
            "{name}"
        );
        assert!(has_errors(&data), "{name} has an error");
        let (path, status, _) = print_caf(&format!("errors-{name}"), &draft(data));
        assert_eq!(status, ConsentStatus::NotRecorded, "{name}");
        let text = all_text(&path);
        assert!(!text.contains(RECORDED), "{name} stamped recorded:\n{text}");
        assert!(text.contains(NOT_RECORDED), "{name}");
    }
}

// ------------------------------------------------------------ names and fonts

#[test]
fn names_in_every_script_copy_back_exactly_from_embedded_fonts() {
    let data = complete_data();
    let doc_draft = draft(data);
    assert_eq!(child_name(&doc_draft.data), "Zoë Łukasiewicz-O'Brien");
    let (path, _, _) = print_caf("names", &doc_draft);
    let text = all_text(&path);
    for name in [
        "Zoë Łukasiewicz-O'Brien",
        "Ελένη",
        "Олена",
        "Siobhán",
        "Wąsowska",
        "Ελένη Papadaki",
        "Олена Łukasiewicz-O'Brien",
        "Siobhán Ní Bhriain",
        "Agnieszka Wąsowska",
    ] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(!text.contains('\u{FFFD}'), "a placeholder was printed");
    assert!(!text.contains("could not be printed"), "{text}");
    // Page 1's header names the child.
    assert!(flat(&page(&path, 1)).contains("Child Zoë Łukasiewicz-O'Brien"));

    assert_fonts_embedded_with_unicode(&poppler("pdffonts", &[], &path, false));
}

// ------------------------------------------------------------ awkward answers

#[test]
fn awkward_answers_print_literally_and_inside_the_page() {
    let long_word: String = "Abcdefghij".repeat(30);
    assert_eq!(long_word.chars().count(), 300);
    let tricky = "Said (twice) that ((it) was a \\ backslash, 100% sure <script>alert(1)</script>";
    let mut data = complete_data();
    data.reason.summary = tricky.into();
    data.views.parent = long_word.clone();
    data.family.notes = format!("{long_word} (and) 50% \\");
    data.plan.actions[0].what = long_word.clone();
    data.plan.actions[0].outcome = "<b>not bold</b> %PDF-1.7 ) (".into();
    let (path, _, _) = print_caf("awkward", &draft(data));

    let text = all_text(&path);
    for needle in [tricky, "(and) 50% \\", "<b>not bold</b> %PDF-1.7 ) ("] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    let joined: String = text.split_whitespace().collect();
    assert_eq!(
        joined.matches(&long_word).count(),
        3,
        "the long word is broken across lines but complete, three times"
    );

    let (words, sizes) = words(&path);
    assert!(words.len() > 200);
    let margin = 20.0 / 25.4 * 72.0;
    let (width, height) = sizes[0];
    for (text, x_min, y_min, x_max, y_max) in &words {
        assert!(*x_max <= width, "off the page: {text} {x_max}");
        assert!(
            *x_max <= width - margin + 0.5,
            "in the right margin: {text} {x_max}"
        );
        assert!(*x_min >= margin - 0.5, "in the left margin: {text} {x_min}");
        assert!(*y_min >= 0.0 && *y_max <= height, "off the page: {text}");
    }
}

// ------------------------------------------------------------ long plans

fn long_plan(n: usize) -> Data {
    let mut data = complete_data();
    let needs = [
        "health",
        "basic_care",
        "housing_finance",
        "learning",
        "other",
    ];
    let ecm = [
        "be_healthy",
        "stay_safe",
        "enjoy_and_achieve",
        "positive_contribution",
        "economic_wellbeing",
    ];
    let who = [
        "Sam Patel",
        "Siobhán Ní Bhriain",
        "Agnieszka Wąsowska",
        "Family",
    ];
    data.plan.actions = (1..=n)
        .map(|i| {
            let mut a = action(
                needs[i % needs.len()],
                &format!("Step {i}: agree and carry out the next part of the plan with the family"),
                who[i % who.len()],
                (2026, 11 + (i % 2) as u8, 1 + (i % 28) as u8),
                &format!("Result {i}: the family says this part is done"),
                ecm[i % ecm.len()],
            );
            if i % 7 == 0 {
                a.status = "in_progress".into();
                a.progress = "Going well so far.".into();
            }
            a
        })
        .collect();
    data
}

#[test]
fn a_150_action_plan_repeats_its_header_and_numbers_every_page() {
    let data = recorded(long_plan(150));
    let print = fingerprint(&data);
    let (path, status, version) = print_caf("plan150", &draft(data));
    assert_eq!(status, ConsentStatus::Recorded);
    let pages = pages(&path);
    let total = pages.len();
    assert!(total >= 8, "150 actions need many pages, got {total}");
    assert_eq!(total, page_count(&path));
    for (i, text) in pages.iter().enumerate() {
        let want = footer(i + 1, total, version, &print, &status);
        assert!(
            flat(text).contains(&want),
            "page {} lacks {want}:\n{text}",
            i + 1
        );
        assert_eq!(
            flat(text).matches("Page ").count(),
            1,
            "one page number on page {}",
            i + 1
        );
    }
    let first = pages
        .iter()
        .position(|p| p.contains("Step 1:"))
        .expect("first action");
    let last = pages
        .iter()
        .position(|p| p.contains("Step 150:"))
        .expect("last action");
    assert!(last > first + 3);
    for (i, text) in pages.iter().enumerate().take(last + 1).skip(first) {
        // The header row, cell by cell in reading order (a title may wrap in its cell).
        assert!(
            flat(text).contains("Need Action Who By when Outcome ECM outcome Status"),
            "the delivery plan's header row is missing on page {}:\n{text}",
            i + 1
        );
    }
    let all = flat(&pages.concat());
    for i in 1..=150 {
        assert_eq!(
            all.matches(&format!("Step {i}: agree")).count(),
            1,
            "action {i} once"
        );
        assert_eq!(
            all.matches(&format!("Result {i}: the")).count(),
            1,
            "result {i} once"
        );
    }
    // The plan's sections still follow the table.
    let after = flat(&pages[last..].concat());
    assert!(after.contains("Date of the first review"), "{after}");
    assert!(after.contains("Signatures"));
}

// ------------------------------------------------------------ fingerprint, versions, file names

#[test]
fn the_printed_fingerprint_follows_content_and_terms_and_ignores_the_record() {
    let base = draft(complete_data());
    let (path, _, _) = print_caf("fp-base", &base);
    let printed = printed_fingerprint(&page(&path, 1));
    assert_eq!(printed, fingerprint(&base.data));
    for n in 2..=page_count(&path) {
        assert_eq!(printed_fingerprint(&page(&path, n)), printed, "page {n}");
    }

    // Timestamps, revision, the record of the agreement and its withdrawal:
    // same fingerprint.
    let mut same = base.clone();
    same.updated_at = "2026-12-01T08:00:00Z".into();
    same.created_at = "2026-10-06T08:00:00Z".into();
    same.revision += 5;
    same.data.consent = recorded(same.data.clone()).consent;
    same.data.consent.recorded_at = "2026-11-30T16:00:00Z".into();
    same.data.consent.withdrawn_on = typed(2026, 11, 20);
    let (path, status, _) = print_caf_at("fp-same", &same, "01/12/2026 08:00");
    assert!(matches!(status, ConsentStatus::Withdrawn(_)));
    assert_eq!(printed_fingerprint(&page(&path, 1)), printed);

    // Any change of content or of the terms agreed: a new fingerprint.
    type Change = (&'static str, fn(&mut Data));
    let changes: [Change; 6] = [
        ("who agreed", |d| d.consent.given_by = "Someone else".into()),
        ("police added", |d| {
            d.consent.share_with.push("Police".into())
        }),
        ("known as", |d| d.child.known_as = "Zo".into()),
        ("action status", |d| {
            d.plan.actions[0].status = "done".into()
        }),
        ("household", |d| d.household.pop().map(drop).unwrap_or(())),
        ("needs notes", |d| d.needs.health.notes.push('.')),
    ];
    for (name, change) in changes {
        let mut changed = base.clone();
        change(&mut changed.data);
        let (path, _, _) = print_caf(&format!("fp-{}", name.replace(' ', "-")), &changed);
        let now = printed_fingerprint(&page(&path, 1));
        assert_ne!(now, printed, "{name} changes the fingerprint");
        assert_eq!(now, fingerprint(&changed.data));
    }
}

#[test]
fn versions_go_up_only_when_the_content_changes_and_name_the_file() {
    let mut d = draft(recorded(complete_data()));
    let id = doc_id(&d);
    assert_eq!(id, "3f2a9c1e");

    // First PDF: version 1.
    let (version, print) = next_version(&d);
    assert_eq!(
        (version, print.as_str()),
        (1, fingerprint(&d.data).as_str())
    );
    assert_eq!(
        caf_file_name(&d.data.child.family_name, &id, version),
        "CAF-Lukasiewicz-O-Brien-3f2a9c1e-v1.pdf"
    );
    // What "Create CAF PDF" stores afterwards.
    d.version = version;
    d.last_pdf_fingerprint = print;

    // Same content (only timestamps and the record changed): same version.
    d.updated_at = "2026-11-24T09:00:00Z".into();
    d.data.consent.recorded_at = "2026-11-24T09:00:00Z".into();
    assert_eq!(next_version(&d).0, 1);

    // Changed content: version 2, printed in the footer and the file name.
    d.data.plan.actions[0].status = "in_progress".into();
    let (version, print) = next_version(&d);
    assert_eq!(version, 2);
    assert_eq!(
        caf_file_name(&d.data.child.family_name, &id, version),
        "CAF-Lukasiewicz-O-Brien-3f2a9c1e-v2.pdf"
    );
    let (path, status, printed_version) = print_caf("version-2", &d);
    assert_eq!(printed_version, 2);
    assert_eq!(status, ConsentStatus::OutOfDate(OutOfDate::Changed));
    let first = flat(&page(&path, 1));
    assert!(first.contains("CAF 3f2a9c1e, version 2"), "{first}");
    assert!(first.contains(&format!("CAF 3f2a9c1e v2 · {print} · {OUT_OF_DATE}")));
    d.version = version;
    d.last_pdf_fingerprint = print;
    // Printing again without changes keeps version 2; a further change makes 3.
    assert_eq!(next_version(&d).0, 2);
    d.data.views.child.push_str(" I like the breakfast club.");
    assert_eq!(next_version(&d).0, 3);

    // An unborn baby without a family name still gets a safe file name.
    assert_eq!(
        caf_file_name("", "3f2a9c1e", 1),
        "CAF-child-3f2a9c1e-v1.pdf"
    );
    assert!(caf_file_name("Ελένη / Олена", "3f2a9c1e", 4)
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'));
}

// ------------------------------------------------------------ handout

fn handout_pdf(name: &str, data: &Data) -> (PathBuf, Document) {
    handout_pdf_with(name, data, &Settings::default())
}

fn handout_pdf_with(name: &str, data: &Data, settings: &Settings) -> (PathBuf, Document) {
    let d = draft(data.clone());
    let report = validate::check(data, today(), settings).report;
    let doc = print::handout_pdf(&d, &report, &[], settings, CREATED).document;
    (print_doc(name, &doc), doc)
}

#[test]
fn the_handout_says_what_the_family_needs_and_nothing_it_must_not() {
    let mut data = recorded(complete_data());
    data.plan.deputy = DeputyDraft {
        name: "Siobhán Ní Bhriain".into(),
        role: "Health visitor".into(),
        phone: "01632 960002".into(),
        until: typed(2027, 1, 31),
    };
    let (path, _) = handout_pdf("handout", &data);
    let text = all_text(&path);
    let pages = page_count(&path);
    assert!((1..=2).contains(&pages), "one or two pages, got {pages}");

    for must in [
        "Sam Patel",
        "01632 960001",
        "15/12/2026",
        "Health visiting",
        "Medway Council housing",
        "999",
    ] {
        assert!(text.contains(must), "{must} missing from:\n{text}");
    }
    for a in &data.plan.actions {
        let due = a
            .due
            .parse()
            .ok()
            .flatten()
            .expect("a due date")
            .to_string();
        for must in [a.what.as_str(), a.who.as_str(), due.as_str()] {
            let must = flat(must);
            assert!(text.contains(&must), "{must} missing from:\n{text}");
        }
    }

    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    assert!(
        !digits.contains("9434765919"),
        "NHS number printed:\n{text}"
    );
    assert!(!text.contains("943 476 5919"));
    assert!(!digits.contains("B801200005001"), "UPN printed");
    assert!(
        !text.contains(&flat(&data.reason.summary)),
        "reason printed"
    );
    assert!(!text.contains("86%"), "reason printed");
    for word in [
        "Strength",
        "No concern",
        "Some concern",
        "Significant concern",
    ] {
        assert!(
            !text.to_lowercase().contains(&word.to_lowercase()),
            "rating {word} printed:\n{text}"
        );
    }
    for need_note in ["Poor sleep", "Damp in the bedroom", "Reading age"] {
        assert!(!text.contains(need_note), "needs notes printed");
    }
    for person in [
        "Ελένη",
        "Papadaki",
        "Tomasz",
        "Householder",
        "07700 900982",
        "olena@example.com",
    ] {
        assert!(!text.contains(person), "{person} printed on the handout");
    }
}

#[test]
fn the_handout_is_printed_at_twelve_point_or_larger() {
    let (path, doc) = handout_pdf("handout-size", &recorded(complete_data()));
    // In the layout: every piece of text, tables and footer included.
    let fonts = FontSet::embedded().expect("fonts");
    let laid = layout(&doc, fonts, None);
    for (n, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text { size_pt, text, .. } = item {
                assert!(*size_pt >= 12.0, "page {}: {text:?} at {size_pt} pt", n + 1);
            }
        }
    }
    // In the file: no word is drawn smaller than the body text (12 pt).
    let (words, _) = words(&path);
    let body = words
        .iter()
        .find(|w| w.0 == "choice.")
        .map(|w| w.4 - w.2)
        .expect("'Taking part is your choice.' is body text");
    for (text, _, y_min, _, y_max) in &words {
        assert!(
            y_max - y_min >= body - 0.05,
            "{text:?} is smaller than 12 pt body text ({} < {body})",
            y_max - y_min
        );
    }
}

// ------------------------------------------------------------ page breaks

/// No section or sub-section heading is left at the foot of a page with
/// nothing of its section under it, and the signing area is never split.
#[test]
fn no_heading_is_left_alone_at_a_page_foot_and_signatures_stay_together() {
    let fonts = FontSet::embedded().expect("fonts");
    let mut drafts = vec![
        ("typical", recorded(complete_data())),
        ("plan150", recorded(long_plan(150))),
    ];
    for n in [2, 5, 9, 14, 22, 40] {
        drafts.push(("plan", long_plan(n)));
    }
    for (name, data) in drafts {
        let doc = caf_document(
            &draft(data),
            &ConsentStatus::NotRecorded,
            &Settings::default(),
            1,
            CREATED,
        );
        let laid = layout(&doc, fonts, None);
        // The signing area is one piece: heading, statement and all three lines.
        let page_of = |wanted: &str| {
            laid.pages
                .iter()
                .rposition(|page| {
                    page.items
                        .iter()
                        .any(|item| matches!(item, Item::Text { text, .. } if text == wanted))
                })
                .unwrap_or_else(|| panic!("{name}: {wanted} not printed"))
        };
        let signing = page_of("Signatures");
        for role in ["Parent or carer", "Young person", "Practitioner"] {
            assert_eq!(
                page_of(role),
                signing,
                "{name}: {role} apart from the signing area"
            );
        }
        for (n, page) in laid.pages.iter().enumerate() {
            let texts: Vec<(f32, f32, &str)> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text {
                        baseline,
                        size_pt,
                        text,
                        ..
                    } if !text.starts_with("Page ") => Some((*baseline, *size_pt, text.as_str())),
                    _ => None,
                })
                .collect();
            // Headings are larger than the 10 pt body (11.5 and 14 pt).
            let Some(last_heading) = texts
                .iter()
                .filter(|(_, size, _)| *size > 11.0)
                .max_by(|a, b| a.0.total_cmp(&b.0))
            else {
                continue;
            };
            assert!(
                texts
                    .iter()
                    .any(|(y, size, _)| *y > last_heading.0 && *size <= 11.0),
                "{name}: heading {:?} alone at the foot of page {}",
                last_heading.2,
                n + 1
            );
        }
    }
}

// ------------------------------------------------------------ sizes and times

/// The typical CAF and one with a 150-action plan print within their size
/// budgets, the long plan on more pages; each render time is printed, not
/// asserted (the bench measures times: bench/bench.mjs).
#[test]
fn typical_and_long_cafs_sizes_and_render_times() {
    let mut pages = Vec::new();
    // Pages at most, and bytes under: both fonts whole are 266 KB, so the
    // byte budgets hold only while each PDF embeds a subset, compressed.
    for (name, data, max_pages, max_bytes) in [
        ("typical", recorded(complete_data()), 8, 64 * 1024),
        ("plan150", recorded(long_plan(150)), 40, 160 * 1024),
    ] {
        let d = draft(data);
        let status = status(&d.data);
        let doc = caf_document(&d, &status, &Settings::default(), 1, CREATED);
        let start = Instant::now();
        let bytes = render(&doc).expect("renders");
        let took = start.elapsed();
        let path = out_dir().join(format!("size-{name}.pdf"));
        std::fs::write(&path, &bytes).expect("write");
        let count = page_count(&path);
        eprintln!(
            "{name}: {count} pages, {} bytes, rendered in {:.1} ms ({})",
            bytes.len(),
            took.as_secs_f64() * 1000.0,
            path.display()
        );
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(
            count <= max_pages,
            "{name}: {count} pages, over its {max_pages}"
        );
        assert!(
            bytes.len() < max_bytes,
            "{name}: {} bytes, over its {max_bytes}",
            bytes.len()
        );
        pages.push(count);
    }
    assert!(
        pages[1] > pages[0],
        "the 150-action plan prints on more pages than the typical CAF: {pages:?}"
    );
}

// ------------------------------------------------------------ what is claimed

/// A 1×1 PNG as a data URL, as the signature pad stores one.
const SIGNATURE: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

/// How many images the PDF holds (`pdfimages -list`, two header lines).
fn image_count(path: &Path) -> usize {
    poppler("pdfimages", &["-list"], path, false)
        .lines()
        .skip(2)
        .filter(|line| !line.trim().is_empty())
        .count()
}

#[test]
fn the_handout_says_you_agreed_only_when_the_agreement_is_recorded() {
    let recorded_data = recorded(complete_data());
    let mut not_recorded = complete_data();
    not_recorded.consent.share_with = vec!["Police".into()];
    let mut out_of_date = recorded(complete_data());
    out_of_date.consent.share_with.push("Police".into());
    let mut old_rule = recorded(complete_data());
    old_rule.consent.fingerprint_rule = 0;
    let mut withdrawn = recorded(complete_data());
    withdrawn.consent.withdrawn_on = typed(2026, 11, 1);
    let cases = [
        (
            "recorded",
            recorded_data,
            "You agreed that we can share it with:",
        ),
        (
            "not-recorded",
            not_recorded,
            "We have not yet written down that you agree",
        ),
        ("out-of-date", out_of_date, "we need to ask you again"),
        (
            "old-rule",
            old_rule,
            "We need to ask you again whether you agree",
        ),
        (
            "withdrawn",
            withdrawn,
            "You told us on 01/11/2026 that you no longer agree",
        ),
    ];
    for (name, data, says) in cases {
        let (path, _) = handout_pdf(&format!("handout-{name}"), &data);
        let text = flat(&all_text(&path));
        assert!(
            text.contains(says),
            "{name}: {says:?} missing from:\n{text}"
        );
        assert_eq!(
            text.contains("You agreed"),
            name == "recorded",
            "{name}: 'You agreed' only when recorded:\n{text}"
        );
        // Section 7: "we will stop sharing" only where something is shared.
        assert_eq!(
            text.contains("We will stop sharing your information"),
            name == "recorded",
            "{name}: section 7 follows the status:\n{text}"
        );
        if name != "recorded" {
            assert!(
                text.contains("We will not share it")
                    || text.contains("We have stopped sharing it"),
                "{name}"
            );
            assert!(
                !text.contains("Police"),
                "{name}: an agency nobody agreed to is not named"
            );
        }
    }
}

#[test]
fn a_withdrawal_never_recorded_as_agreed_does_not_say_the_terms_were_agreed() {
    // Withdrawn without any record before it, and withdrawn and then changed.
    let mut never = complete_data();
    never.consent.withdrawn_on = typed(2026, 11, 1);
    let mut changed = recorded(complete_data());
    changed.consent.withdrawn_on = typed(2026, 11, 1);
    changed.consent.share_with.push("Police".into());
    for (name, data) in [("never", never), ("changed", changed)] {
        let (path, status, _) = print_caf(&format!("withdrawn-{name}"), &draft(data));
        assert_eq!(
            status,
            ConsentStatus::Withdrawn(date(2026, 11, 1)),
            "{name}"
        );
        let first = flat(&pages(&path)[0]);
        assert!(
            first.contains(
                "The terms below are as they stand now: they were not recorded as agreed."
            ),
            "{name}: {first}"
        );
        assert!(
            !first.contains("withdrew their agreement to the terms below"),
            "{name}"
        );
    }
}

#[test]
fn you_agreed_does_not_speak_for_a_young_person_who_did_not() {
    let mut data = complete_data();
    data.consent.young_person = "not_agreed".into();
    let data = recorded(data);
    assert_eq!(status(&data), ConsentStatus::Recorded);
    let (path, _) = handout_pdf("handout-young-person-not-agreed", &data);
    let text = flat(&all_text(&path));
    assert!(
        text.contains("You agreed that we can share it with:"),
        "{text}"
    );
    assert!(
        text.contains("Zoë told us they do not agree."),
        "the young person's own answer is on the handout:\n{text}"
    );
}

#[test]
fn hidden_answers_stay_in_the_draft_file_and_out_of_every_printout() {
    let mut data = recorded(complete_data());
    data.child.disability = "no".into();
    data.child.disability_details = "Hidden disability detail".into();
    data.consent.method = "verbal_in_person".into();
    data.consent.signature = SIGNATURE.into();
    data.consent.signature_name = "Hidden Typed Signer".into();
    let mut unborn = data.clone();
    unborn.child.unborn = true;
    unborn.child.date_of_birth = typed(2019, 7, 23);

    for (name, data) in [("born", data.clone()), ("unborn", unborn.clone())] {
        let d = draft(data.clone());
        let (caf, _, _) = print_caf(&format!("hidden-{name}"), &d);
        let (handout, _) = handout_pdf(&format!("hidden-handout-{name}"), &data);
        for (which, path) in [("CAF", &caf), ("handout", &handout)] {
            let text = flat(&all_text(path));
            for hidden in [
                "Hidden disability detail",
                "Hidden Typed Signer",
                "23/07/2019",
                "23/7/2019",
            ] {
                assert!(
                    !text.contains(hidden),
                    "{name} {which}: {hidden} printed:\n{text}"
                );
            }
            assert_eq!(
                image_count(path),
                0,
                "{name} {which}: the signature image is hidden"
            );
        }
        // Kept in the draft and in its file, exactly.
        let file = caf_lite::storage::format::encode_export(&d, "2026-11-23T10:00:00Z");
        let back = caf_lite::storage::format::decode_import(file.as_bytes()).expect("imports");
        assert_eq!(back.draft.data, data, "{name}");
    }

    // Shown again, printed again: the same rule reveals them.
    let mut shown = data;
    shown.child.disability = "yes".into();
    shown.consent.method = "signed_on_screen".into();
    let (caf, _, _) = print_caf("hidden-shown", &draft(shown));
    let text = flat(&all_text(&caf));
    assert!(text.contains("Hidden disability detail"), "{text}");
    assert!(text.contains("Hidden Typed Signer"), "{text}");
    assert_eq!(image_count(&caf), 1, "the drawn signature is printed");
}

/// Issue 25, item 4: the consent box and the plan are read from the form
/// table, as the rest of the record is, so every question of those steps
/// is printed for a draft that answers them all, under the words the table
/// gives it (`Field::heading`): a new question cannot be left out.
#[test]
fn every_consent_and_plan_question_is_printed_under_its_table_heading() {
    let mut data = complete_data();
    data.plan.deputy = DeputyDraft {
        name: "Siobhán Ní Bhriain".into(),
        role: "Health visitor".into(),
        phone: "01632 960002".into(),
        until: typed(2027, 1, 31),
    };
    data.consent.young_person = "agreed".into();
    data.consent.method = "signed_on_screen".into();
    data.consent.signature_name = "Olena".into();
    data.consent.withdrawn_on = typed(2026, 11, 1);
    data.consent.withdrawn_note = "They changed their mind".into();
    let doc = caf_document(
        &draft(data.clone()),
        &status(&data),
        &Settings::default(),
        1,
        CREATED,
    );
    // Every answer the document prints, beside its heading.
    let mut shown: Vec<(String, String)> = doc.banner.expect("the consent box").rows;
    for block in &doc.blocks {
        match block {
            Block::Field { label, value } => shown.push((label.clone(), value.clone())),
            Block::Table { columns, rows } => {
                for row in rows {
                    for (column, cell) in columns.iter().zip(row) {
                        shown.push((column.title.clone(), cell.clone()));
                    }
                }
            }
            _ => (),
        }
    }
    for step in [Step::Consent, Step::Plan] {
        let mut questions: Vec<(&Field, usize)> = Vec::new();
        for block in caf::blocks(step) {
            match block {
                FormBlock::Field(field) => questions.push((field, 0)),
                FormBlock::List(list) => {
                    for idx in 0..(list.len)(&data) {
                        questions.extend(list.fields.iter().map(|field| (field, idx)));
                    }
                }
                FormBlock::Special(Special::Signature) => {
                    questions.push((&caf::CONSENT_SIGNATURE_NAME, 0))
                }
                _ => (),
            }
        }
        for field in caf::fields(step) {
            assert!(
                questions.iter().any(
                    |(q, idx)| std::ptr::eq(*q, field) && printed(field, &data, *idx).is_some()
                ),
                "the draft answers {}",
                field.path
            );
        }
        for (field, idx) in questions {
            if let Some(value) = printed(field, &data, idx) {
                let heading = field.heading().to_owned();
                assert!(
                    shown.contains(&(heading.clone(), value.clone())),
                    "{} ({heading}: {value}) is not printed",
                    field.path_at(idx)
                );
            }
        }
    }
}

#[test]
fn the_council_is_named_on_the_first_page_of_the_caf_and_on_the_handout() {
    let settings = Settings {
        council_name: "Medway Council".into(),
        ..Settings::default()
    };
    let d = draft(recorded(complete_data()));
    let (caf, _, _) = print_caf_with("council", &d, CREATED, &settings);
    assert!(
        flat(&page(&caf, 1)).contains("Council Medway Council"),
        "{}",
        page(&caf, 1)
    );
    let (handout, _) = handout_pdf_with("council-handout", &d.data, &settings);
    assert!(flat(&all_text(&handout)).contains("Medway Council"));
    // Without a council name nothing is claimed.
    let (plain, _, _) = print_caf("no-council", &d);
    assert!(!flat(&page(&plain, 1)).contains("Council Medway"));
}

#[test]
fn a_closed_caf_handout_names_no_next_meeting() {
    let mut data = recorded(complete_data());
    let mut review = complete_review();
    review.decision = "close".into();
    review.closure_reason = "needs_met".into();
    data.reviews.push(review);
    let (path, _) = handout_pdf("handout-closed", &data);
    let text = flat(&all_text(&path));
    assert!(
        text.contains("The plan ended at the meeting on 20/11/2026"),
        "{text}"
    );
    assert!(!text.contains("Our next meeting is on"), "{text}");
    // Still open: the form's next review rule gives the date.
    data.reviews[0].decision = "continue".into();
    let (path, _) = handout_pdf("handout-continued", &data);
    assert!(flat(&all_text(&path)).contains("Our next meeting is on 15/01/2027"));
}

#[test]
fn an_imported_version_at_the_top_of_the_range_does_not_overflow() {
    let mut d = draft(complete_data());
    d.version = u64::MAX;
    d.last_pdf_fingerprint = "0000000000000000".into();
    assert_eq!(next_version(&d).0, u64::MAX);
}

#[test]
fn a_review_prints_only_the_answers_of_its_decision() {
    let mut data = recorded(complete_data());
    let mut review = complete_review();
    // Continued with a next review date, then changed to close.
    review.decision = "close".into();
    review.closure_reason = "needs_met".into();
    data.reviews.push(review);
    let (path, _, _) = print_caf("review-closed", &draft(data.clone()));
    let text = flat(&all_text(&path));
    assert!(
        !text.contains("15/01/2027"),
        "the next review of a closed CAF:\n{text}"
    );
    // And the other way round: a continuing review never prints a closure reason.
    data.reviews[0].decision = "continue".into();
    data.reviews[0].closure_notes = "Left from closing".into();
    let (path, _, _) = print_caf("review-continued", &draft(data));
    let text = flat(&all_text(&path));
    assert!(text.contains("15/01/2027"), "{text}");
    assert!(!text.contains("Left from closing"), "{text}");
}

#[test]
fn an_older_copy_of_a_withdrawn_agreement_is_stamped_withdrawn_by_the_device_record() {
    let older = draft(recorded(complete_data()));
    assert_eq!(status(&older.data), ConsentStatus::Recorded);
    // This device saw the agreement recorded at 10:30 withdrawn on 20/11/2026.
    let remembered = vec![RememberedWithdrawal {
        withdrawn_on: date(2026, 11, 20),
        entered_at: "2026-11-21T09:00:00Z".into(),
        ended_recorded_at: "2026-10-05T10:30:00Z".into(),
    }];
    let report = validate::check(&older.data, today(), &Settings::default()).report;
    let job = caf_pdf(&older, &report, &remembered, &Settings::default(), CREATED);
    let path = out_dir().join("status-withdrawn-on-device.pdf");
    std::fs::write(&path, render(&job.document).expect("renders")).expect("write pdf");
    let printed = pages(&path);
    for (n, text) in printed.iter().enumerate() {
        assert!(
            text.contains("CONSENT WITHDRAWN ON 20/11/2026"),
            "page {}",
            n + 1
        );
        assert!(!text.contains(RECORDED), "page {}", n + 1);
    }
    assert!(flat(&printed[0]).contains("this copy was made before that"));
    let handout = print::handout_pdf(&older, &report, &remembered, &Settings::default(), CREATED);
    let path = print_doc("handout-withdrawn-on-device", &handout.document);
    let text = flat(&all_text(&path));
    assert!(text.contains("no longer agree to us sharing it"), "{text}");
    assert!(!text.contains("You agreed"));
}
