//! Printing a [`Document`] as an A4 PDF: a pure function from plain data to bytes.
//!
//! `model` is the input (no form knowledge), `layout` places it on pages,
//! `fonts` provides the embedded fonts and their per-document subsets, and
//! `write` (the only file that names printpdf) turns the pages into bytes.
//! `job` holds the messages the PDF worker exchanges with the page.

#[cfg(feature = "pdf-engine")]
pub mod fonts;
#[cfg(feature = "pdf-engine")]
mod image;
pub mod job;
#[cfg(feature = "pdf-engine")]
pub mod layout;
pub mod model;
#[cfg(feature = "pdf-engine")]
mod write;

use std::fmt;

pub use model::{Banner, Block, Column, Document};

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// An embedded font could not be read or reduced.
    Font(String),
    /// The finished document could not be written out as bytes.
    Write(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font(detail) => write!(f, "the PDF could not be made: {detail}"),
            PdfError::Write(detail) => write!(f, "the PDF could not be written: {detail}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// Prints `doc` as PDF bytes.
///
/// Characters the fonts cannot show are printed as U+FFFD and named in a note
/// on page 1. A signature that is not a readable PNG is replaced by a sentence
/// saying so; it does not stop the PDF.
#[cfg(feature = "pdf-engine")]
pub fn render(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::FontSet::embedded()?;
    let signature = doc
        .banner
        .as_ref()
        .and_then(|b| b.signature_png.as_deref())
        .and_then(image::decode_png);
    let layout = layout::layout(doc, fonts, signature.as_ref().map(|s| (s.width, s.height)));
    let title = if doc.file_title.trim().is_empty() {
        &doc.title
    } else {
        &doc.file_title
    };
    write::write(&layout, fonts, title, signature.as_ref())
}
