//! Prints documents natively and reads them back with poppler's `pdftotext`,
//! `pdffonts` and `pdfimages`, so what is checked is what a reader gets.
#![cfg(all(not(target_arch = "wasm32"), feature = "pdf-engine"))]

use std::path::PathBuf;

use caf_lite::pdf::{render, Banner, Block, Column, Document};

mod common;

const NAMES: [&str; 6] = [
    "Zoë Łukasiewicz-O'Brien",
    "Ελένη Παπαδοπούλου",
    "Олена Шевченко",
    "Siobhán Ní Bhriain",
    "Agnieszka Wąsowska",
    "Dafydd ap Gwŷn",
];

/// Writes `doc` to a temporary file (kept for looking at) and returns its path.
fn print(name: &str, doc: &Document) -> PathBuf {
    let bytes = render(doc).expect("the test document renders");
    let dir = std::env::temp_dir().join("caf-lite-pdf-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).expect("write pdf");
    path
}

fn tool(program: &str, args: &[&str], path: &std::path::Path) -> String {
    common::poppler(program, args, path, true)
}

fn text(path: &std::path::Path) -> String {
    tool("pdftotext", &["-layout", "-enc", "UTF-8"], path)
}

/// The text of each page (pdftotext ends every page with a form feed).
fn pages(path: &std::path::Path) -> Vec<String> {
    let all = tool("pdftotext", &["-enc", "UTF-8"], path);
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn sample(rows: usize) -> Document {
    let mut blocks = vec![
        Block::Heading("About the child".into()),
        Block::Field {
            label: "Name".into(),
            value: NAMES[0].into(),
        },
        Block::Field {
            label: "Date of birth".into(),
            value: "03/04/2019".into(),
        },
        Block::Field {
            label: "Address".into(),
            value: "Flat 2, 14 Heol-y-Nant\nCardiff\nCF10 1AA".into(),
        },
        Block::Heading("Family and household".into()),
    ];
    for name in &NAMES[1..] {
        blocks.push(Block::Field {
            label: "Household member".into(),
            value: format!("{name} — parent, has parental responsibility"),
        });
    }
    blocks.push(Block::Heading("Strengths and needs".into()));
    blocks.push(Block::Paragraph(
        "Zoë is settled at nursery and enjoys drawing. Her mother Олена would like help with \
         housing and with getting to appointments; her grandmother Ελένη helps on Tuesdays. \
         Costs quoted: £12.50 and €8 per week."
            .into(),
    ));
    blocks.push(Block::Table {
        columns: vec![
            Column::new("Need", 2.0),
            Column::new("Action", 3.0),
            Column::new("Who", 1.5),
            Column::new("By when", 1.2),
            Column::new("Status", 1.0),
        ],
        rows: (1..=rows)
            .map(|i| {
                vec![
                    format!("Need {i}: housing repairs"),
                    format!(
                        "Action {i}: contact the housing officer and agree a date for the visit"
                    ),
                    NAMES[i % NAMES.len()].to_owned(),
                    "30/11/2026".into(),
                    "Open".into(),
                ]
            })
            .collect(),
    });
    blocks.push(Block::SubHeading("Agreement".into()));
    blocks.push(Block::Note(
        "This is a printed record of agreement, not an electronic signature.".into(),
    ));
    blocks.push(Block::SignatureLines(vec![
        "Parent or carer".into(),
        "Young person".into(),
        "Practitioner".into(),
    ]));
    Document {
        title: "Common Assessment Framework (short form)".into(),
        file_title: "CAF 1a2b3c4d v1".into(),
        header: vec![
            ("Child".into(), NAMES[0].into()),
            ("Date of birth".into(), "03/04/2019".into()),
            ("Document".into(), "1a2b3c4d, version 1".into()),
            ("Created".into(), "23/11/2026 14:05".into()),
        ],
        banner: Some(Banner {
            lines: vec![
                "Consent to share recorded".into(),
                "Agreed by Олена Шевченко (mother, parental responsibility) on 20/11/2026.".into(),
            ],
            rows: vec![
                (
                    "Agencies named".into(),
                    "Health visiting; Cardiff Council housing".into(),
                ),
                ("Agencies excluded".into(), "None".into()),
            ],
            signature_png: None,
        }),
        blocks,
        footer: "CAF 1a2b3c4d v1 · 0123456789abcdef · CONSENT TO SHARE RECORDED".into(),
        base_font_size: 10.0,
    }
}

#[test]
fn names_in_every_script_copy_back_exactly() {
    let path = print("names", &sample(3));
    let text = text(&path);
    for name in NAMES {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(text.contains("£12.50 and €8"));
}

#[test]
fn fonts_are_embedded() {
    let path = print("fonts", &sample(3));
    common::assert_fonts_embedded_with_unicode(&common::poppler("pdffonts", &[], &path, false));
}

#[test]
fn awkward_text_prints_literally_and_inside_the_page() {
    let long_word: String = "abcdefghij".repeat(30);
    let mut doc = sample(0);
    doc.blocks = vec![
        Block::Field {
            label: "Notes".into(),
            value: "Brackets ((unbalanced) and a \\ backslash, 100% sure <script>alert(1)</script>"
                .into(),
        },
        Block::Paragraph(long_word.clone()),
        Block::Field {
            label: "Long".into(),
            value: long_word.clone(),
        },
        Block::Table {
            columns: vec![Column::new("A", 1.0), Column::new("B", 1.0)],
            rows: vec![vec![long_word.clone(), "tab\there".into()]],
        },
    ];
    let path = print("awkward", &doc);
    let text = text(&path);
    for needle in [
        "((unbalanced)",
        "\\ backslash",
        "100%",
        "<script>alert(1)</script>",
        "tab here",
    ] {
        assert!(text.contains(needle), "{needle} missing from:\n{text}");
    }
    let joined: String = pages(&path).concat().split_whitespace().collect();
    assert_eq!(
        joined.matches(&long_word).count(),
        3,
        "the long word is broken but complete"
    );

    let bbox = tool("pdftotext", &["-bbox"], &path);
    let page_width = 595.28_f32;
    let margin = 20.0 / 25.4 * 72.0;
    let mut words = 0;
    for line in bbox.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f32 {
            let start = line.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
            let end = start + line[start..].find('"').expect("quote");
            line[start..end].parse().expect("number")
        };
        words += 1;
        assert!(
            attr("xMax") <= page_width - margin + 0.5,
            "outside the margin: {line}"
        );
        assert!(attr("xMin") >= margin - 0.5, "outside the margin: {line}");
    }
    assert!(words > 20);
}

#[test]
fn a_long_table_repeats_its_header_and_numbers_every_page() {
    let path = print("table150", &sample(150));
    let pages = pages(&path);
    let total = pages.len();
    assert!(total >= 5, "150 rows need several pages, got {total}");
    for (i, page) in pages.iter().enumerate() {
        let footer = format!(
            "Page {} of {total} · CAF 1a2b3c4d v1 · 0123456789abcdef",
            i + 1
        );
        assert!(
            page.contains(&footer),
            "page {} has no footer:\n{page}",
            i + 1
        );
    }
    // The table starts on page 1 or 2; every page from there to its last row has the header.
    let first = pages
        .iter()
        .position(|p| p.contains("Need 1:"))
        .expect("table printed");
    let last = pages
        .iter()
        .position(|p| p.contains("Need 150:"))
        .expect("last row printed");
    for page in &pages[first..=last] {
        for title in ["Need", "Action", "Who", "By when", "Status"] {
            assert!(
                page.lines().any(|l| l.trim() == title),
                "header {title} missing:\n{page}"
            );
        }
    }
    // Every row once, none lost or doubled at page breaks.
    let all = pages.concat();
    for i in 1..=150 {
        assert_eq!(
            all.matches(&format!("Need {i}: housing")).count(),
            1,
            "row {i}"
        );
    }
    // The banner's status is on page 1, in capitals.
    assert!(pages[0].contains("CONSENT TO SHARE RECORDED"));
    assert!(!pages[1].contains("Agencies named"));
}

#[test]
fn a_character_no_font_has_shows_a_placeholder_and_a_note() {
    let mut doc = sample(1);
    doc.blocks.insert(
        0,
        Block::Field {
            label: "Other name".into(),
            value: "Ali محمد".into(),
        },
    );
    let path = print("missing", &doc);
    let text = text(&path);
    assert!(text.contains("Ali �"), "placeholder missing:\n{text}");
    assert!(text.contains("Some characters in Other name could not be printed in this font"));
    assert!(
        !text.contains('?'),
        "no question marks for lost letters:\n{text}"
    );
}

#[test]
fn a_four_page_document_stays_small() {
    let doc = sample(30);
    let bytes = render(&doc).expect("renders");
    let path = print("four-pages", &doc);
    let n = pages(&path).len();
    assert_eq!(n, 4, "a four-page sample");
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
    assert!(bytes.starts_with(b"%PDF-"));
    // Every stream (pages, fonts, their maps) is deflated.
    let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| *w == needle).count();
    assert!(count(b"endstream") >= n + 2, "pages and fonts are streams");
    assert_eq!(
        count(b"/FlateDecode"),
        count(b"endstream"),
        "every stream compressed"
    );
}

fn tiny_png() -> Vec<u8> {
    let (w, h) = (120_u32, 40_u32);
    let mut data = vec![0_u8; (w * h * 4) as usize];
    for x in 0..w {
        let y = (h / 2 + (x % 20) / 2) as usize;
        let i = (y * w as usize + x as usize) * 4;
        data[i..i + 4].copy_from_slice(&[0, 0, 0, 255]);
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("png header");
        writer.write_image_data(&data).expect("png data");
    }
    out
}

#[test]
fn the_signature_is_printed_as_an_image_and_a_bad_one_is_explained() {
    let mut doc = sample(2);
    if let Some(banner) = doc.banner.as_mut() {
        banner.signature_png = Some(tiny_png());
    }
    let path = print("signature", &doc);
    let list = common::poppler("pdfimages", &["-list"], &path, false);
    assert_eq!(list.lines().skip(2).count(), 1, "{list}");
    assert!(text(&path).contains("Drawn signature"));

    if let Some(banner) = doc.banner.as_mut() {
        banner.signature_png = Some(b"not a png".to_vec());
    }
    let path = print("bad-signature", &doc);
    assert!(text(&path).contains("The drawn signature could not be read"));
}

#[test]
fn a_handout_prints_at_twelve_point_and_an_empty_document_still_renders() {
    let mut doc = sample(5);
    doc.base_font_size = 13.0;
    doc.banner = None;
    let path = print("handout", &doc);
    assert!(text(&path).contains("Page 1 of"));
    let empty = render(&Document::default()).expect("an empty document renders");
    assert!(empty.starts_with(b"%PDF-"));
}
