//! The fonts a PDF is printed in, their glyph metrics for `layout`, and the
//! per-document subsetting that keeps each PDF small.
//!
//! The committed files in `fonts/` are DejaVu Sans and DejaVu Sans Bold, already
//! cut down to Latin, Greek and Cyrillic by `fonts/subset.sh` (see
//! `fonts/LICENSE.md`). Each PDF then embeds a second subset holding only the
//! glyphs that document uses, made here with `allsorts`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::{
    binary::read::ReadScope,
    subset::{subset, CmapTarget, SubsetProfile},
    tables::{cmap::Cmap, FontTableProvider, HheaTable, HmtxTable, MaxpTable, OpenTypeFont},
    tag,
};

use super::layout::{Measure, Style};
use super::PdfError;

/// DejaVu Sans, pre-subset (see `fonts/subset.sh`).
pub static REGULAR_TTF: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, pre-subset (see `fonts/subset.sh`).
pub static BOLD_TTF: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Characters below this one (Latin, Greek and Cyrillic, the fonts' own range)
/// find their glyph by index rather than by a map search: layout asks for
/// every character of a document several times.
const DIRECT_END: char = '\u{0530}';

/// What `layout` needs to know about one font: which characters it has and how wide they are.
#[derive(Debug, Clone)]
pub struct FontMetrics {
    units_per_em: u16,
    /// Every character's glyph id (never 0, the missing glyph).
    glyphs: BTreeMap<char, u16>,
    /// The glyph ids of the characters below `DIRECT_END`, 0 where the font has none.
    direct: Vec<u16>,
    /// Advance widths in font units, by glyph id.
    advances: Vec<u16>,
}

impl FontMetrics {
    /// Reads the character map and advance widths of a TrueType font.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, PdfError> {
        let bad = || PdfError::Font("the embedded font could not be read".to_owned());
        let data = ReadScope::new(bytes)
            .read::<OpenTypeFont<'_>>()
            .map_err(|_| bad())?;
        let provider = data.table_provider(0).map_err(|_| bad())?;
        let head = provider
            .read_table_data(tag::HEAD)
            .ok()
            .and_then(|d| {
                ReadScope::new(&d)
                    .read::<allsorts::tables::HeadTable>()
                    .ok()
            })
            .ok_or_else(bad)?;
        let maxp = provider
            .read_table_data(tag::MAXP)
            .ok()
            .and_then(|d| ReadScope::new(&d).read::<MaxpTable>().ok())
            .ok_or_else(bad)?;
        let hhea = provider
            .read_table_data(tag::HHEA)
            .ok()
            .and_then(|d| ReadScope::new(&d).read::<HheaTable>().ok())
            .ok_or_else(bad)?;

        let mut glyphs = BTreeMap::new();
        let cmap_data = provider.read_table_data(tag::CMAP).map_err(|_| bad())?;
        let cmap = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|_| bad())?;
        let (_, subtable) = allsorts::font::read_cmap_subtable(&cmap)
            .ok()
            .flatten()
            .ok_or_else(bad)?;
        subtable
            .mappings_fn(|cp, gid| {
                if let Some(ch) = char::from_u32(cp) {
                    if gid != 0 {
                        glyphs.insert(ch, gid);
                    }
                }
            })
            .map_err(|_| bad())?;

        let mut direct = vec![0; DIRECT_END as usize];
        for (&ch, &gid) in glyphs.range(..DIRECT_END) {
            direct[ch as usize] = gid;
        }

        let mut advances = Vec::with_capacity(usize::from(maxp.num_glyphs));
        let hmtx_data = provider.read_table_data(tag::HMTX).map_err(|_| bad())?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|_| bad())?;
        for gid in 0..maxp.num_glyphs {
            advances.push(hmtx.horizontal_advance(gid).unwrap_or(0));
        }
        Ok(Self {
            units_per_em: head.units_per_em.max(1),
            glyphs,
            direct,
            advances,
        })
    }

    /// The glyph id of `ch`, `None` when the font lacks it.
    fn glyph(&self, ch: char) -> Option<u16> {
        match self.direct.get(ch as usize) {
            Some(&0) => None,
            Some(&gid) => Some(gid),
            None => self.glyphs.get(&ch).copied(),
        }
    }

    /// Whether the font has a glyph for `ch`.
    pub fn has_glyph(&self, ch: char) -> bool {
        self.glyph(ch).is_some()
    }

    /// The advance width of `ch` in ems (0 when the font lacks it).
    pub fn advance_em(&self, ch: char) -> f32 {
        self.glyph(ch)
            .and_then(|gid| self.advances.get(usize::from(gid)))
            .map_or(0.0, |&units| {
                f32::from(units) / f32::from(self.units_per_em)
            })
    }

    /// The glyph ids for `chars` that the font has, with glyph 0 first, each once.
    fn glyph_ids(&self, chars: impl IntoIterator<Item = char>) -> Vec<u16> {
        let set: BTreeSet<u16> = chars.into_iter().filter_map(|ch| self.glyph(ch)).collect();
        std::iter::once(0).chain(set).collect()
    }
}

/// The regular and bold faces with their metrics.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// Metrics of [`REGULAR_TTF`].
    pub regular: FontMetrics,
    /// Metrics of [`BOLD_TTF`].
    pub bold: FontMetrics,
}

impl FontSet {
    /// The two embedded fonts, read on first use and kept: they never change,
    /// and reading their maps was a sixth of a small document's render.
    pub fn embedded() -> Result<&'static Self, PdfError> {
        static FONTS: OnceLock<Result<FontSet, PdfError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Self {
                    regular: FontMetrics::from_bytes(REGULAR_TTF)?,
                    bold: FontMetrics::from_bytes(BOLD_TTF)?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The metrics of one style.
    pub fn metrics(&self, style: Style) -> &FontMetrics {
        match style {
            Style::Regular => &self.regular,
            Style::Bold => &self.bold,
        }
    }

    /// The bytes of one style's font file.
    pub fn bytes(style: Style) -> &'static [u8] {
        match style {
            Style::Regular => REGULAR_TTF,
            Style::Bold => BOLD_TTF,
        }
    }

    /// A font file for `style` holding only the glyphs for `chars`, for embedding.
    pub fn subset(
        &self,
        style: Style,
        chars: impl IntoIterator<Item = char>,
    ) -> Result<Vec<u8>, PdfError> {
        let ids = self.metrics(style).glyph_ids(chars);
        let bad = |e: &dyn std::fmt::Display| {
            PdfError::Font(format!(
                "the font could not be reduced to the characters used ({e})"
            ))
        };
        let data = ReadScope::new(Self::bytes(style))
            .read::<OpenTypeFont<'_>>()
            .map_err(|e| bad(&e))?;
        let provider = data.table_provider(0).map_err(|e| bad(&e))?;
        subset(
            &provider,
            &ids,
            &SubsetProfile::Minimal,
            CmapTarget::Unicode,
        )
        .map_err(|e| bad(&e))
    }
}

impl Measure for FontSet {
    fn has_glyph(&self, ch: char, style: Style) -> bool {
        self.metrics(style).has_glyph(ch)
    }

    fn advance_em(&self, ch: char, style: Style) -> f32 {
        self.metrics(style).advance_em(ch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick path for Latin, Greek and Cyrillic answers exactly as the map
    /// does, for every character the fonts have and for some they lack.
    #[test]
    fn glyph_lookup_agrees_with_the_character_map() {
        for bytes in [REGULAR_TTF, BOLD_TTF] {
            let Ok(metrics) = FontMetrics::from_bytes(bytes) else {
                panic!("the bundled font reads");
            };
            assert!(
                metrics.glyphs.len() > 500,
                "the map holds the fonts' characters"
            );
            for (&ch, &gid) in &metrics.glyphs {
                assert_eq!(metrics.glyph(ch), Some(gid), "{ch:?}");
            }
            let below = metrics.glyphs.keys().filter(|&&ch| ch < DIRECT_END).count();
            let above = metrics.glyphs.len() - below;
            assert!(
                below > 300 && above > 10,
                "both paths are exercised ({below} / {above})"
            );
            for ch in [
                '\0',
                '\u{7}',
                '\u{0378}',
                '\u{052F}',
                '中',
                '\u{1F600}',
                '\u{FFFF}',
            ] {
                assert_eq!(
                    metrics.glyph(ch),
                    metrics.glyphs.get(&ch).copied(),
                    "{ch:?}"
                );
            }
            assert_eq!(metrics.glyph('中'), None);
            assert!(metrics.advance_em('W') > metrics.advance_em('i'));
            assert_eq!(metrics.advance_em('中'), 0.0);
        }
    }
}
