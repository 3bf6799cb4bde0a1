//! The document model the PDF is printed from: plain data, no form knowledge.
//! Whoever builds a [`Document`] decides what is printed; `layout` decides where.

use serde::{Deserialize, Serialize};

/// A whole printable document, A4 portrait.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// Printed large and bold at the top of page 1.
    pub title: String,
    /// The PDF's own title (shown in a viewer's title bar); `title` when empty.
    pub file_title: String,
    /// `(label, value)` lines under the title on page 1.
    pub header: Vec<(String, String)>,
    /// An optional bordered block on page 1, under the header.
    pub banner: Option<Banner>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// Printed on every page after "Page x of y · ".
    pub footer: String,
    /// Body text size in points: 10 for a form, 12 or more for a handout.
    /// 0 (the default) means 10; other values outside 6–24 are clamped.
    pub base_font_size: f32,
}

/// A bordered block on page 1, such as a consent status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Banner {
    /// Lines of text; the first is printed bold in capitals (a status).
    pub lines: Vec<String>,
    /// `(label, value)` rows under the lines.
    pub rows: Vec<(String, String)>,
    /// A drawn signature as PNG bytes, printed under the rows.
    pub signature_png: Option<Vec<u8>>,
}

/// One piece of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A section heading, large and bold, kept with what follows it.
    Heading(String),
    /// A smaller bold heading, kept with what follows it.
    SubHeading(String),
    /// Wrapped body text; line breaks in the text are kept.
    Paragraph(String),
    /// A bold label on the left with its value wrapped on the right.
    Field { label: String, value: String },
    /// A ruled table whose header row repeats on every page it spans.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// One signature line per signer role, each with printed-name and date boxes.
    SignatureLines(Vec<String>),
    /// Small grey text, for explanations and caveats.
    Note(String),
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The text in the header row.
    pub title: String,
    /// Share of the table width, relative to the other columns (values ≤ 0 count as 1).
    pub width_weight: f32,
}

impl Column {
    /// A column with the given title and relative width.
    pub fn new(title: impl Into<String>, width_weight: f32) -> Self {
        Self {
            title: title.into(),
            width_weight,
        }
    }
}
