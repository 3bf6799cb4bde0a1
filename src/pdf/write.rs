//! Positioned items to PDF bytes. The only file that names printpdf.
//!
//! Fonts are embedded as Identity-H CID fonts with a ToUnicode map, so text is
//! selectable and copies back as typed. Each font is first cut down to the
//! glyphs this document uses (see `fonts::FontSet::subset`).

use std::collections::BTreeSet;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData, RawImageFormat, Rect, Rgb,
    TextItem, XObjectId, XObjectTransform,
};

use super::fonts::FontSet;
use super::image::Rgb8Image;
use super::layout::{Item, Layout, Style, PAGE_HEIGHT, PAGE_WIDTH};
use super::PdfError;

/// Writes `layout` as a compressed PDF.
pub fn write(
    layout: &Layout,
    fonts: &FontSet,
    title: &str,
    signature: Option<&Rgb8Image>,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(title);
    let regular = embed(&mut doc, fonts, Style::Regular, layout)?;
    let bold = embed(&mut doc, fonts, Style::Bold, layout)?;
    let image = signature.map(|img| {
        doc.add_image(&RawImage {
            pixels: RawImageData::U8(img.pixels.clone()),
            width: img.width as usize,
            height: img.height as usize,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        })
    });
    let image = image.map(|id| (id, signature.map_or((1, 1), |i| (i.width, i.height))));

    let pages = layout
        .pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 5);
            let mut pen = Pen::default();
            for item in &page.items {
                item_ops(
                    &mut ops,
                    &mut pen,
                    item,
                    regular.as_ref(),
                    bold.as_ref(),
                    image.as_ref(),
                );
            }
            PdfPage::new(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), ops)
        })
        .collect();
    let options = PdfSaveOptions {
        // Streams are compressed below, at our level rather than lopdf's best.
        optimize: false,
        // Already subset per document; printpdf's own subsetting is a no-op without text_layout.
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut pdf = doc
        .with_pages(pages)
        .to_lopdf_document(&options, &mut warnings);
    compress_streams(&mut pdf);
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|err| PdfError::Write(err.to_string()))?;
    Ok(bytes)
}

/// zlib level for every stream. lopdf's own `compress` uses 9, the slowest;
/// deflate was a fifth of the worker's render time (bench/profile.mjs). At 4
/// the large CAF's PDF is 1.3 % bigger (461,030 B against 455,140) and the
/// typical one 2 % (28,947 against 28,379); levels 1 to 3 parse greedily and
/// cost 5 to 30 % in size.
const DEFLATE_LEVEL: u32 = 4;

/// Compresses each stream that allows it and has no filter yet, as lopdf's
/// `Document::compress` does (kept only when it saves bytes), at
/// `DEFLATE_LEVEL`. One deflate state serves every stream: making one
/// allocates and clears its tables, which cost more than compressing a
/// small page.
fn compress_streams(pdf: &mut lopdf::Document) {
    let mut deflate = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        deflate.reset();
        let Some(compressed) = zlib(&mut deflate, &stream.content) else {
            continue;
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// `input` as one zlib stream, from a freshly reset `deflate`.
fn zlib(deflate: &mut flate2::Compress, input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 2 + 64);
    loop {
        let read = usize::try_from(deflate.total_in()).ok()?;
        let rest = input.get(read..)?;
        match deflate
            .compress_vec(rest, &mut out, flate2::FlushCompress::Finish)
            .ok()?
        {
            flate2::Status::StreamEnd => return Some(out),
            // Out of room: compress_vec only writes into spare capacity.
            flate2::Status::Ok | flate2::Status::BufError => out.reserve(out.capacity().max(1024)),
        }
    }
}

/// Adds `style`'s font, subset to the characters printed in it; `None` when unused.
fn embed(
    doc: &mut PdfDocument,
    fonts: &FontSet,
    style: Style,
    layout: &Layout,
) -> Result<Option<FontId>, PdfError> {
    let chars: BTreeSet<char> = layout.chars(style).collect();
    if chars.is_empty() {
        return Ok(None);
    }
    let bytes = fonts.subset(style, chars)?;
    let font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| PdfError::Font("the reduced font could not be read back".to_owned()))?;
    Ok(Some(doc.add_font(&font)))
}

fn grey(level: f32) -> Color {
    let v = level.clamp(0.0, 1.0);
    Color::Rgb(Rgb::new(v, v, v, None))
}

/// A point from layout coordinates (mm from the top-left).
fn at(x: f32, y: f32) -> Point {
    Point::new(Mm(x), Mm(PAGE_HEIGHT - y))
}

/// The fill colour and font a page's content stream has set so far. Both
/// outlast a text object (PDF 32000-1 §9.3.1, §8.4), so each is written only
/// when it changes: most lines of a page share them, and every operator
/// written is one more to build, format and deflate.
#[derive(Default)]
struct Pen {
    /// The grey last set for filling, as bits (exact equality).
    fill: Option<u32>,
    /// The face and size (bits) last set.
    font: Option<(Style, u32)>,
}

impl Pen {
    /// Sets the fill to `level` unless it is already.
    fn fill(&mut self, ops: &mut Vec<Op>, level: f32) {
        if self.fill != Some(level.to_bits()) {
            self.fill = Some(level.to_bits());
            ops.push(Op::SetFillColor { col: grey(level) });
        }
    }

    /// Sets the font to `style` at `size_pt` unless it is already.
    fn font(&mut self, ops: &mut Vec<Op>, style: Style, font: &FontId, size_pt: f32) {
        if self.font != Some((style, size_pt.to_bits())) {
            self.font = Some((style, size_pt.to_bits()));
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(size_pt),
            });
        }
    }
}

fn item_ops(
    ops: &mut Vec<Op>,
    pen: &mut Pen,
    item: &Item,
    regular: Option<&FontId>,
    bold: Option<&FontId>,
    image: Option<&(XObjectId, (u32, u32))>,
) {
    match item {
        Item::Text {
            x,
            baseline,
            size_pt,
            style,
            grey: level,
            text,
        } => {
            let font = match style {
                Style::Regular => regular,
                Style::Bold => bold,
            };
            let Some(font) = font else { return };
            ops.push(Op::StartTextSection);
            pen.fill(ops, *level);
            pen.font(ops, *style, font, *size_pt);
            ops.extend([
                Op::SetTextCursor {
                    pos: at(*x, *baseline),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                },
                Op::EndTextSection,
            ]);
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width_pt,
            grey: level,
        } => {
            ops.extend([
                Op::SetOutlineColor { col: grey(*level) },
                Op::SetOutlineThickness { pt: Pt(*width_pt) },
                Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: at(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: at(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                },
            ]);
        }
        Item::Rect {
            x,
            y,
            w,
            h,
            width_pt,
            stroke_grey,
            fill_grey,
        } => {
            let bottom_left = at(*x, *y + *h);
            ops.push(Op::SetOutlineColor {
                col: grey(*stroke_grey),
            });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
            let mode = match fill_grey {
                Some(level) => {
                    pen.fill(ops, *level);
                    PaintMode::FillStroke
                }
                None => PaintMode::Stroke,
            };
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: bottom_left.x,
                    y: bottom_left.y,
                    width: Mm(*w).into(),
                    height: Mm(*h).into(),
                    mode: Some(mode),
                    winding_order: None,
                },
            });
        }
        Item::Image { x, y, w, h } => {
            let Some((id, (w_px, _))) = image else { return };
            let bottom_left = at(*x, *y + *h);
            // At this dpi the image is exactly `w` mm wide; the height follows its aspect ratio.
            let dpi = *w_px as f32 * 25.4 / w.max(0.1);
            ops.push(Op::UseXobject {
                id: id.clone(),
                transform: XObjectTransform {
                    translate_x: Some(bottom_left.x),
                    translate_y: Some(bottom_left.y),
                    dpi: Some(dpi),
                    ..XObjectTransform::default()
                },
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(style: Style, size_pt: f32, grey: f32) -> Item {
        Item::Text {
            x: 20.0,
            baseline: 30.0,
            size_pt,
            style,
            grey,
            text: "Zoë".to_owned(),
        }
    }

    /// A page's lines share their colour and font: each is set once, and again
    /// only after it changes (a shaded box sets the fill too).
    #[test]
    fn colour_and_font_are_written_only_when_they_change() {
        let (regular, bold) = (FontId("regular".into()), FontId("bold".into()));
        let items = [
            text(Style::Regular, 10.0, 0.0),
            text(Style::Regular, 10.0, 0.0),
            text(Style::Bold, 10.0, 0.0),
            text(Style::Bold, 12.0, 0.0),
            Item::Rect {
                x: 10.0,
                y: 10.0,
                w: 50.0,
                h: 10.0,
                width_pt: 0.5,
                stroke_grey: 0.0,
                fill_grey: Some(0.9),
            },
            text(Style::Bold, 12.0, 0.0),
            text(Style::Bold, 12.0, 0.3),
        ];
        let mut ops = Vec::new();
        let mut pen = Pen::default();
        for item in &items {
            item_ops(&mut ops, &mut pen, item, Some(&regular), Some(&bold), None);
        }
        let count = |f: fn(&Op) -> bool| ops.iter().filter(|op| f(op)).count();
        assert_eq!(count(|op| matches!(op, Op::ShowText { .. })), 6);
        assert_eq!(count(|op| matches!(op, Op::StartTextSection)), 6);
        assert_eq!(count(|op| matches!(op, Op::EndTextSection)), 6);
        // Regular 10, bold 10, bold 12.
        assert_eq!(count(|op| matches!(op, Op::SetFont { .. })), 3);
        // Black, the box's grey, black again after the box, then 0.3.
        assert_eq!(count(|op| matches!(op, Op::SetFillColor { .. })), 4);
        // Each text's font and colour come before its text.
        let first_show = ops.iter().position(|op| matches!(op, Op::ShowText { .. }));
        let first_font = ops.iter().position(|op| matches!(op, Op::SetFont { .. }));
        assert!(first_font < first_show);
    }

    /// One deflate state, reset between streams, makes each a whole zlib
    /// stream: empty, small, and incompressible input larger than the first
    /// guess at the output's size all read back exactly.
    #[test]
    fn one_deflate_state_makes_each_stream_whole() {
        use std::io::Read;
        let mut noise = Vec::with_capacity(200_000);
        let mut x: u32 = 12_345;
        for _ in 0..200_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            noise.push((x >> 16) as u8);
        }
        let inputs: [Vec<u8>; 4] = [
            Vec::new(),
            b"BT /F1 10 Tf 56.7 770.2 Td <0012> Tj ET".to_vec(),
            noise,
            "Zoë Łukasiewicz ".repeat(5_000).into_bytes(),
        ];
        let mut deflate = flate2::Compress::new(flate2::Compression::new(DEFLATE_LEVEL), true);
        for input in &inputs {
            deflate.reset();
            let Some(compressed) = zlib(&mut deflate, input) else {
                panic!("compresses {} bytes", input.len());
            };
            let mut back = Vec::new();
            let read = flate2::read::ZlibDecoder::new(&compressed[..]).read_to_end(&mut back);
            assert!(read.is_ok(), "a whole zlib stream");
            assert_eq!(&back, input);
        }
    }
}
