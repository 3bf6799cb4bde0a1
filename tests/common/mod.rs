//! Fixtures shared by the native test crates: a typical complete draft (a
//! CAF of about four pages, names in Latin Extended, Greek and Cyrillic) and
//! the small builders around it. Each test crate uses only some of them.
#![allow(dead_code)]

use caf_lite::domain::*;

pub const DRAFT_ID: &str = "3f2a9c1e-7b44-4d0a-9e51-2c8f0a6d1b73";

/// The one complete CAF of every layer's tests (tests/fixtures/README.md):
/// the native tests read it here, the end-to-end tests type it into the
/// page, the benchmark's fixtures start from it.
pub const COMPLETE_CAF: &str = include_str!("../fixtures/complete-caf.json");

#[derive(serde::Deserialize)]
struct Fixture {
    /// The day its dates were written for, `yyyy-mm-dd`.
    written_for_today: String,
    data: Data,
}

fn fixture() -> Fixture {
    serde_json::from_str(COMPLETE_CAF).expect("tests/fixtures/complete-caf.json reads as a draft")
}

/// The tests' today: the day the complete CAF's dates were written for.
pub fn today() -> Date {
    let day = fixture().written_for_today;
    let parts: Vec<i32> = day
        .split('-')
        .map(|part| part.parse().expect("yyyy-mm-dd"))
        .collect();
    let [year, month, day] = parts[..] else {
        panic!("written_for_today is yyyy-mm-dd: {day}")
    };
    date(
        year,
        u8::try_from(month).expect("a month"),
        u8::try_from(day).expect("a day"),
    )
}

pub fn date(year: i32, month: u8, day: u8) -> Date {
    Date::new(year, month, day).expect("test dates exist")
}

pub fn typed(year: i32, month: u8, day: u8) -> DateDraft {
    DateDraft::from_date(date(year, month, day))
}

/// A typical complete draft (a CAF of about four pages) that checks with no
/// errors, in the scripts a UK family may write its names in: the complete
/// CAF of tests/fixtures/complete-caf.json, each list item given its id as
/// the page gives one when it is added.
pub fn complete_data() -> Data {
    let mut data = fixture().data;
    give_missing_ids(&mut data, derived_ids(DRAFT_ID));
    data
}

pub fn action(
    need: &str,
    what: &str,
    who: &str,
    due: (i32, u8, u8),
    outcome: &str,
    ecm: &str,
) -> ActionDraft {
    ActionDraft {
        need: need.into(),
        what: what.into(),
        who: who.into(),
        due: typed(due.0, due.1, due.2),
        outcome: outcome.into(),
        ecm: ecm.into(),
        status: "not_started".into(),
        progress: String::new(),
        id: String::new(),
    }
}

/// A review held on 20/11/2026 that continues the plan to 15/01/2027.
// `test-form` gives a review's action one more field.
#[allow(clippy::needless_update)]
pub fn complete_review() -> ReviewDraft {
    ReviewDraft {
        id: String::new(),
        date: typed(2026, 11, 20),
        summary: "Mornings are better.".into(),
        actions: vec![ReviewActionDraft {
            what: "Bedtime routine sessions".into(),
            status: "in_progress".into(),
            progress: "Two sessions held".into(),
            ..ReviewActionDraft::default()
        }],
        decision: "continue".into(),
        next_review: typed(2027, 1, 15),
        ..ReviewDraft::default()
    }
}

/// `data` with the family's agreement recorded over its current content.
pub fn recorded(mut data: Data) -> Data {
    record_agreement(&mut data, "2026-10-05T10:30:00Z");
    data
}

pub fn draft(data: Data) -> Draft {
    Draft {
        id: DRAFT_ID.into(),
        created_at: "2026-10-05T09:00:00Z".into(),
        updated_at: "2026-11-23T14:04:00Z".into(),
        revision: 12,
        version: 1,
        last_pdf_fingerprint: String::new(),
        data,
        ..Draft::default()
    }
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`) on the PDF at
/// `path` and returns what it printed. `to_stdout` names `-` as the output
/// file, for the tools that otherwise write one.
pub fn poppler(program: &str, args: &[&str], path: &std::path::Path, to_stdout: bool) -> String {
    let mut cmd = std::process::Command::new(program);
    cmd.args(args).arg(path);
    if to_stdout {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Checks `pdffonts`' listing of a printed file: at least a regular and a
/// bold font, each embedded and with a ToUnicode map (so text copies back).
pub fn assert_fonts_embedded_with_unicode(listing: &str) {
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 2, "regular and bold:\n{listing}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [type2] encoding emb sub uni object ID
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(cols[n - 5], "yes", "not embedded: {row}");
        assert_eq!(cols[n - 3], "yes", "no ToUnicode map: {row}");
    }
}

/// Where the print tests keep their PDFs, for a look after a run.
pub fn out_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("caf-lite-print-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Renders `doc` to `<out_dir>/<name>.pdf`.
pub fn print_doc(name: &str, doc: &caf_lite::pdf::Document) -> std::path::PathBuf {
    let bytes = caf_lite::pdf::render(doc).expect("the document renders");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

/// How many pages `pdfinfo` counts in the PDF at `path`.
pub fn page_count(path: &std::path::Path) -> usize {
    let info = poppler("pdfinfo", &[], path, false);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in:\n{info}"))
}
