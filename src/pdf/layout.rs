//! Pure page layout: a [`Document`] in, positioned items per A4 page out.
//!
//! Text is measured with glyph advance widths (through [`Measure`], so tests can
//! use a fixed-width stand-in), wrapped greedily by words, and words too long for
//! their box are broken between characters. Nothing is drawn outside its box.
//! Characters the font lacks become U+FFFD and are reported by label. The footer
//! "Page x of y · …" is added in a second pass, once y is known.
//!
//! Coordinates are millimetres from the page's top-left corner; `write` flips them.

use super::model::{Banner, Block, Column, Document};

/// A4 width in mm.
pub const PAGE_WIDTH: f32 = 210.0;
/// A4 height in mm.
pub const PAGE_HEIGHT: f32 = 297.0;
/// Left and right margin in mm.
pub const MARGIN_X: f32 = 20.0;
/// Top margin in mm.
pub const MARGIN_TOP: f32 = 20.0;
/// Distance from the page foot to the last footer line's box, in mm.
pub const MARGIN_BOTTOM: f32 = 12.0;
/// What is printed instead of a character no font has.
pub const PLACEHOLDER: char = '\u{FFFD}';

const PT_TO_MM: f32 = 25.4 / 72.0;
const LINE_SPACING: f32 = 1.4;
const FOOTER_MAX_LINES: usize = 3;
const CONTENT_RIGHT: f32 = PAGE_WIDTH - MARGIN_X;

/// Regular or bold type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Body text.
    Regular,
    /// Headings, labels and table headers.
    Bold,
}

/// Glyph coverage and widths of the fonts used, one per [`Style`].
pub trait Measure {
    /// Whether `style`'s font can print `ch`.
    fn has_glyph(&self, ch: char, style: Style) -> bool;
    /// The advance width of `ch` in ems (the font size times this is its width).
    fn advance_em(&self, ch: char, style: Style) -> f32;
}

/// One thing drawn on a page. Lengths in mm, `y` down from the page top.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One line of text; `baseline` is the y of its baseline.
    Text {
        x: f32,
        baseline: f32,
        size_pt: f32,
        style: Style,
        /// 0.0 is black, 1.0 white.
        grey: f32,
        text: String,
    },
    /// A straight line.
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        grey: f32,
    },
    /// A rectangle, stroked and optionally filled.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width_pt: f32,
        stroke_grey: f32,
        fill_grey: Option<f32>,
    },
    /// The banner's signature image, scaled into this box.
    Image { x: f32, y: f32, w: f32, h: f32 },
}

/// The items of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// In drawing order.
    pub items: Vec<Item>,
}

/// A laid-out document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// At least one page.
    pub pages: Vec<Page>,
    /// Labels of the places where a character could not be printed, each once.
    pub missing: Vec<String>,
}

impl Layout {
    /// Every character printed in `style`, for font subsetting.
    pub fn chars(&self, style: Style) -> impl Iterator<Item = char> + '_ {
        self.pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(move |item| match item {
                Item::Text { style: s, text, .. } if *s == style => Some(text.chars()),
                _ => None,
            })
            .flatten()
    }
}

/// Lays out `doc`. `signature_px` is the pixel size of the banner's decoded
/// signature image, `None` when there is none or it could not be decoded.
pub fn layout(doc: &Document, measure: &dyn Measure, signature_px: Option<(u32, u32)>) -> Layout {
    let first = run(doc, measure, signature_px, &[]);
    if first.missing.is_empty() {
        return first;
    }
    let notes: Vec<String> = first
        .missing
        .iter()
        .map(|label| {
            format!(
                "Some characters in {label} could not be printed in this font; they are shown as {PLACEHOLDER}."
            )
        })
        .collect();
    run(doc, measure, signature_px, &notes)
}

/// Breaks `text` into lines no wider than `width_mm` at `size_pt`. Typed line
/// breaks are kept (an empty typed line gives an empty line); runs of spaces
/// collapse; a word wider than the line is broken between characters. The
/// text should already be cleaned (see [`clean`]).
pub fn wrap(
    text: &str,
    width_mm: f32,
    size_pt: f32,
    style: Style,
    measure: &dyn Measure,
) -> Vec<String> {
    // Widths are kept in ems and grown a character at a time, in the same
    // order `text_width` adds them, so a line is measured once however many
    // words it has (re-measuring every candidate line was the largest part
    // of laying out a long plan) and the results are exactly the same.
    let to_mm = |em: f32| em * size_pt * PT_TO_MM;
    let em_of = |s: &str| {
        s.chars()
            .fold(0.0_f32, |em, ch| em + measure.advance_em(ch, style))
    };
    let space_em = measure.advance_em(' ', style);
    let mut lines = Vec::new();
    for hard_line in text.split('\n') {
        let mut current = String::new();
        let mut current_em = 0.0_f32;
        let mut any_word = false;
        for word in hard_line.split(is_break_space).filter(|w| !w.is_empty()) {
            any_word = true;
            let candidate_em = if current.is_empty() {
                em_of(word)
            } else {
                word.chars().fold(current_em + space_em, |em, ch| {
                    em + measure.advance_em(ch, style)
                })
            };
            if to_mm(candidate_em) <= width_mm {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(word);
                current_em = candidate_em;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            let word_em = em_of(word);
            if to_mm(word_em) <= width_mm {
                current = word.to_owned();
                current_em = word_em;
                continue;
            }
            // A word wider than the line: break it between characters.
            current_em = em_of(&current);
            for ch in word.chars() {
                let next_em = current_em + measure.advance_em(ch, style);
                if current.is_empty() || to_mm(next_em) <= width_mm {
                    current.push(ch);
                    current_em = next_em;
                } else if is_combining(ch) {
                    // A combining mark stays with its letter: carry the letter
                    // (and marks already on it) to the next line with it.
                    let split = current
                        .char_indices()
                        .rev()
                        .find(|(_, c)| !is_combining(*c))
                        .map_or(0, |(idx, _)| idx);
                    let mut carried = current.split_off(split);
                    carried.push(ch);
                    if !current.is_empty() {
                        lines.push(std::mem::take(&mut current));
                    }
                    current_em = em_of(&carried);
                    current = carried;
                } else {
                    lines.push(std::mem::take(&mut current));
                    current.push(ch);
                    current_em = em_of(&current);
                }
            }
        }
        if any_word {
            if !current.is_empty() {
                lines.push(current);
            }
        } else {
            lines.push(String::new());
        }
    }
    // Blank lines typed at the very end add nothing but empty space.
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The width of `text` in mm at `size_pt`.
pub fn text_width(text: &str, size_pt: f32, style: Style, measure: &dyn Measure) -> f32 {
    text.chars()
        .map(|ch| measure.advance_em(ch, style))
        .sum::<f32>()
        * size_pt
        * PT_TO_MM
}

/// Makes typed text printable: Windows and old Mac line ends become `\n`, tabs
/// become spaces, and control characters and characters `style`'s font lacks
/// become [`PLACEHOLDER`]. The flag says whether anything was replaced.
pub fn clean(text: &str, style: Style, measure: &dyn Measure) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut replaced = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            ' ' => out.push(' '),
            c if is_break_space(c) => out.push(' '),
            c if c.is_control() || !measure.has_glyph(c, style) => {
                replaced = true;
                out.push(PLACEHOLDER);
            }
            c => out.push(c),
        }
    }
    (out, replaced)
}

/// Spaces a line may break at (not the no-break spaces).
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}' | '\n')
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn pt(size_pt: f32) -> f32 {
    size_pt * PT_TO_MM
}

fn line_height(size_pt: f32) -> f32 {
    pt(size_pt) * LINE_SPACING
}

/// Baseline offset from the top of a line box.
fn baseline_offset(size_pt: f32) -> f32 {
    pt(size_pt) * 1.05
}

const RULE_GREY: f32 = 0.72;
const NOTE_GREY: f32 = 0.3;
const HEADER_FILL: f32 = 0.93;
const THIN: f32 = 0.5;

/// One cell of a row: an x range and its wrapped lines.
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<String>,
    style: Style,
    size_pt: f32,
}

#[derive(Clone, Copy)]
enum Split {
    /// Move the row to the next page whole if it fits on a page; split otherwise.
    IfTallerThanPage,
    /// Split rows taller than this many mm when they do not fit.
    IfTallerThan(f32),
}

#[derive(Clone, Copy)]
struct RowStyle {
    pad: f32,
    grid: bool,
    fill: Option<f32>,
    rule_below: bool,
    split: Split,
}

/// A table's header row, kept so it can be repeated after page breaks.
#[derive(Clone)]
struct Repeat {
    cells: Vec<(f32, f32, String)>,
    size_pt: f32,
}

struct Flow<'a> {
    measure: &'a dyn Measure,
    base: f32,
    pages: Vec<Page>,
    y: f32,
    bottom: f32,
    missing: Vec<String>,
    /// Top of the open bordered box on this page, and its x range.
    boxed: Option<(f32, f32, f32)>,
    /// A table header to repeat on each new page.
    repeat: Option<Repeat>,
    /// Whether the last thing placed was a ruled row (a field).
    after_row: bool,
    /// Where content starts on this page: the top margin, or below a
    /// repeated table header. Nothing placed yet means "at the top".
    page_top: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn push(&mut self, item: Item) {
        self.page().items.push(item);
    }

    /// Whether nothing but a repeated header is on this page yet, so a new
    /// page would not give more room (and must not be asked for again).
    fn at_top(&self) -> bool {
        self.y <= self.page_top + 0.01
    }

    fn remaining(&self) -> f32 {
        self.bottom - self.y
    }

    fn page_body(&self) -> f32 {
        self.bottom - MARGIN_TOP
    }

    fn new_page(&mut self) {
        if let Some((top, x1, x2)) = self.boxed {
            let y = self.y;
            self.push(box_rect(x1, top, x2, y));
        }
        self.pages.push(Page::default());
        self.y = MARGIN_TOP;
        if let Some((_, x1, x2)) = self.boxed {
            self.boxed = Some((MARGIN_TOP, x1, x2));
        }
        if let Some(repeat) = self.repeat.clone() {
            let cells = repeat
                .cells
                .iter()
                .map(|(x, w, title)| Cell {
                    x: *x,
                    w: *w,
                    lines: wrap(
                        title,
                        *w - 2.0 * CELL_PAD_X,
                        repeat.size_pt,
                        Style::Bold,
                        self.measure,
                    ),
                    style: Style::Bold,
                    size_pt: repeat.size_pt,
                })
                .collect::<Vec<_>>();
            self.draw_segment(&cells, 0, usize::MAX, header_row_style());
        }
        self.page_top = self.y;
    }

    fn note_missing(&mut self, label: &str) {
        if !self.missing.iter().any(|l| l == label) {
            self.missing.push(label.to_owned());
        }
    }

    /// Cleans `text` for `style`, noting `label` when something was replaced.
    fn clean(&mut self, text: &str, style: Style, label: Option<&str>) -> String {
        let (text, replaced) = clean(text, style, self.measure);
        if replaced {
            if let Some(label) = label {
                self.note_missing(label);
            }
        }
        text
    }

    fn wrap(&self, text: &str, width: f32, size_pt: f32, style: Style) -> Vec<String> {
        wrap(text, width, size_pt, style, self.measure)
    }

    fn text(&mut self, x: f32, top: f32, size_pt: f32, style: Style, grey: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.push(Item::Text {
            x,
            baseline: top + baseline_offset(size_pt),
            size_pt,
            style,
            grey,
            text: text.to_owned(),
        });
    }

    /// Places lines of one style one by one, breaking pages between lines.
    fn lines(&mut self, x: f32, lines: &[String], size_pt: f32, style: Style, grey: f32) {
        let lh = line_height(size_pt);
        for line in lines {
            if self.remaining() < lh && !self.at_top() {
                self.new_page();
            }
            self.text(x, self.y, size_pt, style, grey, line);
            self.y += lh;
        }
    }

    /// Draws lines `from..to` of each cell as one row segment at the current y.
    fn draw_segment(&mut self, cells: &[Cell], from: usize, to: usize, style: RowStyle) {
        let n = cells
            .iter()
            .map(|c| c.lines.len().min(to).saturating_sub(from))
            .max()
            .unwrap_or(0)
            .max(1);
        let lh = cells
            .iter()
            .map(|c| line_height(c.size_pt))
            .fold(0.0, f32::max);
        let h = n as f32 * lh + 2.0 * style.pad;
        let top = self.y;
        if let Some(fill) = style.fill {
            for c in cells {
                self.push(Item::Rect {
                    x: c.x,
                    y: top,
                    w: c.w,
                    h,
                    width_pt: THIN,
                    stroke_grey: RULE_GREY,
                    fill_grey: Some(fill),
                });
            }
        } else if style.grid {
            for c in cells {
                self.push(grid_rect(c.x, top, c.w, h));
            }
        }
        for c in cells {
            let end = c.lines.len().min(to);
            for (i, line) in c.lines.iter().enumerate().take(end).skip(from) {
                let line_top = top + style.pad + (i - from) as f32 * lh;
                self.text(c.x + CELL_PAD_X, line_top, c.size_pt, c.style, 0.0, line);
            }
        }
        self.y = top + h;
        if style.rule_below {
            let (x1, x2) = row_extent(cells);
            self.push(Item::Line {
                x1,
                y1: self.y,
                x2,
                y2: self.y,
                width_pt: THIN,
                grey: RULE_GREY,
            });
        }
    }

    /// Places a row of cells, moving it to a new page or splitting it between
    /// lines when it does not fit.
    fn row(&mut self, cells: &[Cell], style: RowStyle) {
        let n = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let lh = cells
            .iter()
            .map(|c| line_height(c.size_pt))
            .fold(0.0, f32::max);
        let h = n as f32 * lh + 2.0 * style.pad;
        if h <= self.remaining() {
            self.draw_segment(cells, 0, n, style);
            return;
        }
        let header_h = self.repeat_height();
        let whole_fits_a_page = h <= self.page_body() - header_h;
        let keep_whole = match style.split {
            Split::IfTallerThanPage => whole_fits_a_page,
            Split::IfTallerThan(limit) => whole_fits_a_page && h <= limit,
        };
        if keep_whole && !self.at_top() {
            self.new_page();
            self.draw_segment(cells, 0, n, style);
            return;
        }
        let mut from = 0;
        while from < n {
            let fit = ((self.remaining() - 2.0 * style.pad) / lh + 0.001).floor();
            let fit = if fit >= 1.0 { fit as usize } else { 0 };
            if fit == 0 {
                if self.at_top() {
                    // Cannot happen with sane sizes; draw one line to make progress.
                    self.draw_segment(cells, from, from + 1, style);
                    from += 1;
                } else {
                    self.new_page();
                }
                continue;
            }
            let to = (from + fit).min(n);
            self.draw_segment(cells, from, to, style);
            from = to;
            if from < n {
                self.new_page();
            }
        }
    }

    fn repeat_height(&self) -> f32 {
        match &self.repeat {
            None => 0.0,
            Some(r) => {
                let n = r
                    .cells
                    .iter()
                    .map(|(_, w, t)| {
                        self.wrap(t, w - 2.0 * CELL_PAD_X, r.size_pt, Style::Bold)
                            .len()
                    })
                    .max()
                    .unwrap_or(1)
                    .max(1);
                n as f32 * line_height(r.size_pt) + 2.0 * CELL_PAD_Y
            }
        }
    }

    /// Starts a new page unless `needed` mm fit on this one.
    fn keep(&mut self, needed: f32) {
        if needed > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    fn gap(&mut self, mm: f32) {
        if !self.at_top() {
            self.y = (self.y + mm).min(self.bottom);
        }
    }

    /// A bold label on the left, its value wrapped on the right.
    fn field(&mut self, x1: f32, x2: f32, label: &str, value: &str, size_pt: f32) {
        let label_clean = self.clean(label, Style::Bold, Some(label));
        let value_clean = self.clean(value, Style::Regular, Some(label));
        let width = x2 - x1;
        let label_w = (width * 0.36).min(62.0);
        let cells = [
            Cell {
                x: x1,
                w: label_w,
                lines: self.wrap(
                    &label_clean,
                    label_w - 2.0 * CELL_PAD_X,
                    size_pt,
                    Style::Bold,
                ),
                style: Style::Bold,
                size_pt,
            },
            Cell {
                x: x1 + label_w,
                w: width - label_w,
                lines: self.wrap(
                    &value_clean,
                    width - label_w - 2.0 * CELL_PAD_X,
                    size_pt,
                    Style::Regular,
                ),
                style: Style::Regular,
                size_pt,
            },
        ];
        self.row(
            &cells,
            RowStyle {
                pad: FIELD_PAD_Y,
                grid: false,
                fill: None,
                rule_below: true,
                split: Split::IfTallerThan(FIELD_KEEP_WHOLE),
            },
        );
    }

    /// How much of `next` must fit under a heading for the heading to stay on this page.
    fn keep_after(&self, next: Option<&Block>, after_next: Option<&Block>) -> f32 {
        let body = 2.0 * line_height(self.base);
        if let Some(Block::Paragraph(text)) = next {
            if let Some(h) = self.lead_in(text, after_next) {
                return h;
            }
        }
        match next {
            Some(Block::Table { columns, rows }) if !columns.is_empty() => {
                self.table_start(columns, rows) + 0.5
            }
            Some(Block::Field { label, value }) => self.field_start(label, value),
            Some(Block::SignatureLines(roles)) => 4.0 + self.signatures_height(roles.len()),
            Some(Block::Heading(_) | Block::SubHeading(_)) => 3.0 * body,
            _ => body + 2.0 * FIELD_PAD_Y,
        }
    }

    /// The height a table needs before anything of it may be placed: its gap,
    /// its header row and its first row (or the first line of a row taller
    /// than a page), as `table` places them.
    fn table_start(&self, columns: &[Column], rows: &[Vec<String>]) -> f32 {
        let size = smaller(self.base, 0.9);
        let widths = column_widths(columns, rows, size, self.measure);
        let lines = |text: &str, w: f32, style: Style| {
            let (clean, _) = clean(text, style, self.measure);
            self.wrap(&clean, w - 2.0 * CELL_PAD_X, size, style).len()
        };
        let header_n = columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| lines(&c.title, w, Style::Bold))
            .max()
            .unwrap_or(1)
            .max(1);
        let header_h = header_n as f32 * line_height(size) + 2.0 * CELL_PAD_Y;
        let first_n = rows.first().map_or(1, |row| {
            row.iter()
                .zip(&widths)
                .map(|(text, &w)| lines(text, w, Style::Regular))
                .max()
                .unwrap_or(1)
                .max(1)
        });
        let mut first_h = first_n as f32 * line_height(size) + 2.0 * CELL_PAD_Y;
        if header_h + first_h > self.page_body() {
            first_h = line_height(size) + 2.0 * CELL_PAD_Y;
        }
        1.0 + header_h + first_h
    }

    /// The height a full-width field needs before anything of it may be
    /// placed: the whole row, as `field` would move it to a new page whole,
    /// or two lines of a row tall enough to be split.
    fn field_start(&self, label: &str, value: &str) -> f32 {
        let width = CONTENT_RIGHT - MARGIN_X;
        let label_w = (width * 0.36).min(62.0);
        let lines = |text: &str, w: f32, style: Style| {
            let (clean, _) = clean(text, style, self.measure);
            self.wrap(&clean, w - 2.0 * CELL_PAD_X, self.base, style)
                .len()
        };
        let n = lines(label, label_w, Style::Bold)
            .max(lines(value, width - label_w, Style::Regular))
            .max(1);
        let h = n as f32 * line_height(self.base) + 2.0 * FIELD_PAD_Y;
        if h <= FIELD_KEEP_WHOLE {
            h
        } else {
            2.0 * line_height(self.base) + 2.0 * FIELD_PAD_Y
        }
    }

    /// A short paragraph introducing a table stays with the table's header
    /// and first row (or with the first signature line): the height they need together, or `None` when `text`
    /// is not such a lead-in.
    fn lead_in(&self, text: &str, next: Option<&Block>) -> Option<f32> {
        if !matches!(next, Some(Block::Table { .. } | Block::SignatureLines(_))) {
            return None;
        }
        let (clean, _) = clean(text, Style::Regular, self.measure);
        let n = self
            .wrap(&clean, CONTENT_RIGHT - MARGIN_X, self.base, Style::Regular)
            .len();
        (n <= 5).then(|| {
            n as f32 * line_height(self.base) + PARAGRAPH_GAP + 1.0 + self.keep_after(next, None)
        })
    }

    fn heading(&mut self, text: &str, size_pt: f32, before: f32, keep_after: f32) {
        let clean = self.clean(text, Style::Bold, Some(text));
        let lines = self.wrap(&clean, CONTENT_RIGHT - MARGIN_X, size_pt, Style::Bold);
        let h = lines.len() as f32 * line_height(size_pt);
        self.gap(before);
        self.keep(h + 1.5 + keep_after);
        self.lines(MARGIN_X, &lines, size_pt, Style::Bold, 0.0);
        self.y += 1.5;
    }

    fn paragraph(&mut self, text: &str, label: &str, size_pt: f32, grey: f32) {
        if self.after_row {
            self.gap(2.0);
        }
        let clean = self.clean(text, Style::Regular, Some(label));
        let lines = self.wrap(&clean, CONTENT_RIGHT - MARGIN_X, size_pt, Style::Regular);
        self.lines(MARGIN_X, &lines, size_pt, Style::Regular, grey);
        self.y += PARAGRAPH_GAP;
    }

    fn table(&mut self, columns: &[Column], rows: &[Vec<String>], label: &str) {
        if columns.is_empty() {
            return;
        }
        let size = smaller(self.base, 0.9);
        let mut x = MARGIN_X;
        let mut spans = Vec::with_capacity(columns.len());
        for w in column_widths(columns, rows, size, self.measure) {
            spans.push((x, w));
            x += w;
        }
        let header = Repeat {
            cells: columns
                .iter()
                .zip(&spans)
                .map(|(c, &(x, w))| {
                    let what = format!("the {label} table");
                    let title = self.clean(&c.title, Style::Bold, Some(&what));
                    (x, w, title)
                })
                .collect(),
            size_pt: size,
        };
        let body_rows: Vec<Vec<Cell>> = rows
            .iter()
            .map(|row| {
                let mut texts: Vec<String> = row.iter().take(columns.len()).cloned().collect();
                if row.len() > columns.len() {
                    // Never drop data: extra cells go into the last column.
                    let extra = row[columns.len()..].join(" · ");
                    if let Some(last) = texts.last_mut() {
                        last.push_str(" · ");
                        last.push_str(&extra);
                    }
                }
                texts.resize(columns.len(), String::new());
                texts
                    .iter()
                    .zip(columns.iter().zip(&spans))
                    .map(|(text, (col, &(x, w)))| {
                        let what = format!("the {label} table ({})", col.title);
                        let clean = self.clean(text, Style::Regular, Some(&what));
                        Cell {
                            x,
                            w,
                            lines: self.wrap(&clean, w - 2.0 * CELL_PAD_X, size, Style::Regular),
                            style: Style::Regular,
                            size_pt: size,
                        }
                    })
                    .collect()
            })
            .collect();

        self.gap(1.0);
        // No header alone at a page foot: it needs its first row (or a line of it) under it.
        self.repeat = Some(header);
        let header_h = self.repeat_height();
        let first_h = body_rows.first().map_or(0.0, |cells| {
            let n = cells
                .iter()
                .map(|c| c.lines.len())
                .max()
                .unwrap_or(1)
                .max(1);
            let h = n as f32 * line_height(size) + 2.0 * CELL_PAD_Y;
            if h + header_h <= self.page_body() {
                h
            } else {
                line_height(size) + 2.0 * CELL_PAD_Y
            }
        });
        let saved = self.repeat.take();
        self.keep(header_h + first_h);
        self.repeat = saved;
        if let Some(r) = self.repeat.clone() {
            let cells: Vec<Cell> = r
                .cells
                .iter()
                .map(|(x, w, t)| Cell {
                    x: *x,
                    w: *w,
                    lines: self.wrap(t, w - 2.0 * CELL_PAD_X, size, Style::Bold),
                    style: Style::Bold,
                    size_pt: size,
                })
                .collect();
            self.draw_segment(&cells, 0, usize::MAX, header_row_style());
        }
        for cells in &body_rows {
            self.row(
                cells,
                RowStyle {
                    pad: CELL_PAD_Y,
                    grid: true,
                    fill: None,
                    rule_below: false,
                    split: Split::IfTallerThanPage,
                },
            );
        }
        self.repeat = None;
        self.y += 3.0;
    }

    /// The height of `n` signature lines, which are kept on one page when
    /// they fit: a signing area split over two pages invites a lost page.
    fn signatures_height(&self, n: usize) -> f32 {
        let h = n as f32 * self.signature_height();
        if h <= self.page_body() {
            h
        } else {
            self.signature_height()
        }
    }

    fn signature_height(&self) -> f32 {
        let small = smaller(self.base, 0.8).max(6.0);
        line_height(self.base) + SIGNATURE_WRITE_SPACE + 0.8 + line_height(small) + 6.0
    }

    fn signature_lines(&mut self, roles: &[String]) {
        let size = self.base;
        let small = smaller(self.base, 0.8).max(6.0);
        let write_space = SIGNATURE_WRITE_SPACE;
        let block_h = self.signature_height();
        self.keep(self.signatures_height(roles.len()));
        let width = CONTENT_RIGHT - MARGIN_X;
        let gap = 5.0;
        let boxes = [("Signature", 0.44), ("Printed name", 0.34), ("Date", 0.22)];
        let usable = width - gap * (boxes.len() - 1) as f32;
        for role in roles {
            self.keep(block_h);
            let clean = self.clean(role, Style::Bold, Some("the signature lines"));
            let lines = self.wrap(&clean, width, size, Style::Bold);
            self.lines(MARGIN_X, &lines, size, Style::Bold, 0.0);
            let line_y = self.y + write_space;
            let mut x = MARGIN_X;
            for (caption, share) in boxes {
                let w = usable * share;
                self.push(Item::Line {
                    x1: x,
                    y1: line_y,
                    x2: x + w,
                    y2: line_y,
                    width_pt: 0.75,
                    grey: 0.0,
                });
                self.text(x, line_y + 0.8, small, Style::Regular, NOTE_GREY, caption);
                x += w + gap;
            }
            self.y = line_y + 0.8 + line_height(small) + 6.0;
        }
    }

    fn banner(&mut self, banner: &Banner, signature_px: Option<(u32, u32)>) {
        let pad = 4.0;
        let x1 = MARGIN_X;
        let x2 = CONTENT_RIGHT;
        let inner1 = x1 + pad;
        let inner2 = x2 - pad;
        self.keep(30.0);
        self.boxed = Some((self.y, x1, x2));
        self.y += pad;
        for (i, line) in banner.lines.iter().enumerate() {
            let (style, size, text) = if i == 0 {
                (Style::Bold, self.base * 1.2, line.to_uppercase())
            } else {
                (Style::Regular, self.base, line.clone())
            };
            let clean = self.clean(&text, style, Some("the box on page 1"));
            let lines = self.wrap(&clean, inner2 - inner1, size, style);
            self.lines(inner1, &lines, size, style, 0.0);
            self.y += if i == 0 { 1.5 } else { 0.5 };
        }
        if !banner.rows.is_empty() {
            self.y += 1.0;
        }
        for (label, value) in &banner.rows {
            self.field(inner1, inner2, label, value, self.base);
        }
        if banner.signature_png.is_some() {
            self.y += 2.0;
            match signature_px {
                Some((w_px, h_px)) if w_px > 0 && h_px > 0 => {
                    let max_w = 70.0;
                    let max_h = 25.0;
                    let aspect = w_px as f32 / h_px as f32;
                    let (w, h) = if max_w / aspect <= max_h {
                        (max_w, max_w / aspect)
                    } else {
                        (max_h * aspect, max_h)
                    };
                    let small = smaller(self.base, 0.85).max(6.0);
                    self.keep(h + line_height(small) + pad);
                    self.text(
                        inner1,
                        self.y,
                        small,
                        Style::Regular,
                        NOTE_GREY,
                        "Drawn signature",
                    );
                    self.y += line_height(small);
                    self.push(Item::Image {
                        x: inner1,
                        y: self.y,
                        w,
                        h,
                    });
                    self.y += h;
                }
                _ => {
                    let lines = self.wrap(
                        "The drawn signature could not be read, so it is not shown here.",
                        inner2 - inner1,
                        self.base,
                        Style::Regular,
                    );
                    self.lines(inner1, &lines, self.base, Style::Regular, 0.0);
                }
            }
        }
        self.y += pad;
        if let Some((top, x1, x2)) = self.boxed.take() {
            let y = self.y;
            self.push(box_rect(x1, top, x2, y));
        }
        self.y += 5.0;
    }
}

const CELL_PAD_X: f32 = 1.6;
/// A field row up to this tall (mm) moves to a new page whole rather than split.
const FIELD_KEEP_WHOLE: f32 = 45.0;
/// The room left above each signature line for writing.
const SIGNATURE_WRITE_SPACE: f32 = 11.0;
/// Space after a paragraph.
const PARAGRAPH_GAP: f32 = 2.0;
/// Space above and below a field's text, inside its rules.
const FIELD_PAD_Y: f32 = 1.3;
const CELL_PAD_Y: f32 = 1.3;

fn header_row_style() -> RowStyle {
    RowStyle {
        pad: CELL_PAD_Y,
        grid: true,
        fill: Some(HEADER_FILL),
        rule_below: false,
        split: Split::IfTallerThanPage,
    }
}

/// The widths of a table's columns in mm, filling the text width: shared by
/// the columns' weights, but widened where needed so that each column's
/// longest word (a date, a name, a header word) fits on one line, taking the
/// room from the columns that have some to spare. A word longer than a
/// quarter of the table is left to break between characters.
fn column_widths(
    columns: &[Column],
    rows: &[Vec<String>],
    size: f32,
    measure: &dyn Measure,
) -> Vec<f32> {
    let width = CONTENT_RIGHT - MARGIN_X;
    let total: f32 = columns.iter().map(|c| weight(c.width_weight)).sum();
    let mut widths: Vec<f32> = columns
        .iter()
        .map(|c| width * weight(c.width_weight) / total)
        .collect();
    let longest = |text: &str, style: Style| -> f32 {
        let (clean, _) = clean(text, style, measure);
        clean
            .split(|c: char| c == '\n' || is_break_space(c))
            .map(|word| text_width(word, size, style, measure))
            .fold(0.0, f32::max)
    };
    let cap = width / 4.0;
    let need: Vec<f32> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = rows
                .iter()
                .filter_map(|row| row.get(i))
                .map(|text| longest(text, Style::Regular))
                .fold(longest(&c.title, Style::Bold), f32::max);
            // A hair of slack so rounding never wraps a word that just fits.
            (cells + 2.0 * CELL_PAD_X + 0.2).min(cap)
        })
        .collect();
    let short: f32 = widths
        .iter()
        .zip(&need)
        .map(|(w, n)| (n - w).max(0.0))
        .sum();
    let spare: f32 = widths
        .iter()
        .zip(&need)
        .map(|(w, n)| (w - n).max(0.0))
        .sum();
    if short <= 0.0 || spare < short {
        return widths;
    }
    for (w, n) in widths.iter_mut().zip(&need) {
        if *w < *n {
            *w = *n;
        } else {
            *w -= (*w - *n) * short / spare;
        }
    }
    widths
}

fn weight(w: f32) -> f32 {
    if w.is_finite() && w > 0.0 {
        w
    } else {
        1.0
    }
}

fn grid_rect(x: f32, y: f32, w: f32, h: f32) -> Item {
    Item::Rect {
        x,
        y,
        w,
        h,
        width_pt: THIN,
        stroke_grey: RULE_GREY,
        fill_grey: None,
    }
}

fn box_rect(x1: f32, top: f32, x2: f32, bottom: f32) -> Item {
    Item::Rect {
        x: x1,
        y: top,
        w: x2 - x1,
        h: bottom - top,
        width_pt: 1.5,
        stroke_grey: 0.0,
        fill_grey: None,
    }
}

fn row_extent(cells: &[Cell]) -> (f32, f32) {
    let x1 = cells.iter().map(|c| c.x).fold(f32::INFINITY, f32::min);
    let x2 = cells
        .iter()
        .map(|c| c.x + c.w)
        .fold(f32::NEG_INFINITY, f32::max);
    (x1, x2)
}

fn base_size(doc: &Document) -> f32 {
    if doc.base_font_size.is_finite() && doc.base_font_size > 0.0 {
        doc.base_font_size.clamp(6.0, 24.0)
    } else {
        10.0
    }
}

fn footer_size(base: f32) -> f32 {
    smaller(base, 0.8).max(7.0)
}

/// The size of secondary text (tables, notes, captions, the footer): `factor`
/// times the body size, except that a large-print document (body 12 pt or
/// more, such as the family handout) keeps every piece of text at 12 pt or more.
fn smaller(base: f32, factor: f32) -> f32 {
    let size = base * factor;
    if base >= LARGE_PRINT {
        size.max(LARGE_PRINT)
    } else {
        size
    }
}

/// The smallest size anywhere in a large-print document.
const LARGE_PRINT: f32 = 12.0;

fn footer_text(page: usize, total: usize, footer: &str) -> String {
    if footer.trim().is_empty() {
        format!("Page {page} of {total}")
    } else {
        format!("Page {page} of {total} · {footer}")
    }
}

fn footer_lines(text: &str, size: f32, measure: &dyn Measure) -> Vec<String> {
    let mut lines = wrap(
        text,
        CONTENT_RIGHT - MARGIN_X,
        size,
        Style::Regular,
        measure,
    );
    if lines.len() > FOOTER_MAX_LINES {
        lines.truncate(FOOTER_MAX_LINES);
        let ellipsis_w = text_width("…", size, Style::Regular, measure);
        if let Some(last) = lines.last_mut() {
            while !last.is_empty()
                && text_width(last, size, Style::Regular, measure) + ellipsis_w
                    > CONTENT_RIGHT - MARGIN_X
            {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

fn run(
    doc: &Document,
    measure: &dyn Measure,
    signature_px: Option<(u32, u32)>,
    notes: &[String],
) -> Layout {
    let base = base_size(doc);
    let fsize = footer_size(base);
    let mut missing = Vec::new();
    let (footer, footer_replaced) = clean(&doc.footer, Style::Regular, measure);
    if footer_replaced {
        missing.push("the page footer".to_owned());
    }
    let worst = footer_text(9999, 9999, &footer);
    let footer_n = footer_lines(&worst, fsize, measure).len().max(1);
    let footer_top = PAGE_HEIGHT - MARGIN_BOTTOM - footer_n as f32 * line_height(fsize);
    let mut flow = Flow {
        measure,
        base,
        pages: vec![Page::default()],
        y: MARGIN_TOP,
        bottom: footer_top - 6.0,
        missing,
        boxed: None,
        repeat: None,
        after_row: false,
        page_top: MARGIN_TOP,
    };

    // Title and header lines.
    let title_size = base * 1.8;
    let title = flow.clean(&doc.title, Style::Bold, Some("the title"));
    let lines = flow.wrap(&title, CONTENT_RIGHT - MARGIN_X, title_size, Style::Bold);
    flow.lines(MARGIN_X, &lines, title_size, Style::Bold, 0.0);
    flow.y += 3.0;
    for (label, value) in &doc.header {
        flow.field(MARGIN_X, CONTENT_RIGHT, label, value, base);
    }
    if !doc.header.is_empty() {
        flow.y += 5.0;
    }
    if let Some(banner) = &doc.banner {
        flow.banner(banner, signature_px);
    }
    for note in notes {
        // Cleaned without recording: the note repeats labels that were already noted.
        let (text, _) = clean(note, Style::Bold, measure);
        let lines = flow.wrap(&text, CONTENT_RIGHT - MARGIN_X, base, Style::Bold);
        flow.lines(MARGIN_X, &lines, base, Style::Bold, 0.0);
        flow.y += 2.0;
    }

    let mut heading = String::from("the document");
    for (i, block) in doc.blocks.iter().enumerate() {
        let next = doc.blocks.get(i + 1);
        let after_next = doc.blocks.get(i + 2);
        let is_field = matches!(block, Block::Field { .. });
        match block {
            Block::Heading(text) => {
                let keep = flow.keep_after(next, after_next);
                flow.heading(text, base * 1.4, 6.0, keep);
                heading = text.clone();
            }
            Block::SubHeading(text) => {
                let keep = flow.keep_after(next, after_next);
                flow.heading(text, base * 1.15, 4.0, keep);
                heading = text.clone();
            }
            Block::Paragraph(text) => {
                if let Some(keep) = flow.lead_in(text, next) {
                    flow.keep(keep);
                }
                flow.paragraph(text, &heading, base, 0.0)
            }
            Block::Note(text) => {
                flow.paragraph(text, &heading, smaller(base, 0.85).max(6.0), NOTE_GREY)
            }
            Block::Field { label, value } => {
                flow.field(MARGIN_X, CONTENT_RIGHT, label, value, base)
            }
            Block::Table { columns, rows } => flow.table(columns, rows, &heading),
            Block::SignatureLines(roles) => {
                flow.gap(4.0);
                flow.signature_lines(roles);
            }
        }
        flow.after_row = is_field;
    }

    // Second pass: the footer, now that the page count is known.
    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate() {
        let text = footer_text(i + 1, total, &footer);
        let lines = footer_lines(&text, fsize, measure);
        page.items.push(Item::Line {
            x1: MARGIN_X,
            y1: footer_top - 2.5,
            x2: CONTENT_RIGHT,
            y2: footer_top - 2.5,
            width_pt: THIN,
            grey: RULE_GREY,
        });
        for (n, line) in lines.iter().enumerate() {
            page.items.push(Item::Text {
                x: MARGIN_X,
                baseline: footer_top + n as f32 * line_height(fsize) + baseline_offset(fsize),
                size_pt: fsize,
                style: Style::Regular,
                grey: NOTE_GREY,
                text: line.clone(),
            });
        }
    }
    Layout {
        pages: flow.pages,
        missing: flow.missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is 0.5 em wide; `#` is missing from the font.
    struct Fixed;
    impl Measure for Fixed {
        fn has_glyph(&self, ch: char, _: Style) -> bool {
            ch != '#'
        }
        fn advance_em(&self, _: char, _: Style) -> f32 {
            0.5
        }
    }

    /// Width in mm of `n` characters at 10 pt with [`Fixed`].
    fn w(n: usize) -> f32 {
        n as f32 * 0.5 * 10.0 * PT_TO_MM + 0.001
    }

    #[test]
    fn wraps_greedily_by_words() {
        let lines = wrap("aaa bbb ccc ddd", w(7), 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["aaa bbb", "ccc ddd"]);
    }

    #[test]
    fn collapses_runs_of_spaces() {
        let lines = wrap("a    b", w(10), 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["a b"]);
    }

    #[test]
    fn keeps_typed_line_breaks_and_blank_lines() {
        let lines = wrap("one\n\ntwo", w(10), 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["one", "", "two"]);
    }

    #[test]
    fn breaks_long_words_between_characters() {
        let lines = wrap("xx abcdefghij", w(4), 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["xx", "abcd", "efgh", "ij"]);
        for line in &lines {
            assert!(text_width(line, 10.0, Style::Regular, &Fixed) <= w(4));
        }
    }

    #[test]
    fn a_line_narrower_than_one_character_still_makes_progress() {
        let lines = wrap("abc", 0.1, 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["a", "b", "c"]);
    }

    #[test]
    fn empty_text_has_no_lines() {
        assert!(wrap("", w(5), 10.0, Style::Regular, &Fixed).is_empty());
        assert!(wrap("\n\n", w(5), 10.0, Style::Regular, &Fixed).is_empty());
    }

    #[test]
    fn no_break_space_joins_words() {
        let lines = wrap("aa\u{A0}bb cc", w(5), 10.0, Style::Regular, &Fixed);
        assert_eq!(lines, ["aa\u{A0}bb", "cc"]);
    }

    #[test]
    fn clean_replaces_controls_and_missing_glyphs_visibly() {
        let (text, replaced) = clean("a\tb\r\nc\u{7}d#", Style::Regular, &Fixed);
        assert_eq!(text, "a b\nc\u{FFFD}d\u{FFFD}");
        assert!(replaced);
        let (text, replaced) = clean("plain\rtext", Style::Regular, &Fixed);
        assert_eq!(text, "plain\ntext");
        assert!(!replaced);
    }

    fn texts(layout: &Layout, page: usize) -> Vec<String> {
        layout.pages[page]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn missing_characters_are_named_in_a_note() {
        let doc = Document {
            title: "T".into(),
            blocks: vec![Block::Field {
                label: "Name".into(),
                value: "A#B".into(),
            }],
            base_font_size: 10.0,
            ..Document::default()
        };
        let layout = layout(&doc, &Fixed, None);
        assert_eq!(layout.missing, ["Name"]);
        let all = texts(&layout, 0).join("\n");
        assert!(all.contains("A\u{FFFD}B"));
        assert!(all.contains("Some characters in Name could not be printed"));
    }

    #[test]
    fn long_tables_repeat_their_header_and_count_pages() {
        let doc = Document {
            title: "T".into(),
            footer: "F".into(),
            blocks: vec![Block::Table {
                columns: vec![Column::new("Col A", 1.0), Column::new("Col B", 2.0)],
                rows: (0..150)
                    .map(|i| vec![format!("r{i}"), "x".into()])
                    .collect(),
            }],
            base_font_size: 10.0,
            ..Document::default()
        };
        let layout = layout(&doc, &Fixed, None);
        let total = layout.pages.len();
        assert!(total > 2);
        for page in 0..total {
            let t = texts(&layout, page);
            assert!(t.contains(&"Col A".to_owned()), "page {page}");
            assert!(t.contains(&format!("Page {} of {total} · F", page + 1)));
        }
        for page in &layout.pages {
            for item in &page.items {
                if let Item::Text { x, baseline, .. } = item {
                    assert!(*x >= MARGIN_X && *baseline <= PAGE_HEIGHT - MARGIN_BOTTOM);
                }
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_between_lines() {
        let long = vec!["line"; 200].join("\n");
        let doc = Document {
            blocks: vec![Block::Table {
                columns: vec![Column::new("H", 1.0)],
                rows: vec![vec![long]],
            }],
            base_font_size: 10.0,
            ..Document::default()
        };
        let layout = layout(&doc, &Fixed, None);
        let lines: usize = (0..layout.pages.len())
            .map(|p| texts(&layout, p).iter().filter(|t| *t == "line").count())
            .sum();
        assert_eq!(lines, 200);
        assert!(layout.pages.len() >= 3);
    }

    #[test]
    fn a_heading_never_stays_behind_at_a_page_foot() {
        for filler in 30..70 {
            let mut blocks: Vec<Block> = (0..filler)
                .map(|i| Block::Paragraph(format!("p{i}")))
                .collect();
            blocks.push(Block::Heading("Plan".into()));
            blocks.push(Block::Table {
                columns: vec![Column::new("Col", 1.0)],
                rows: vec![vec!["a\nb\nc".into()], vec!["d".into()]],
            });
            let doc = Document {
                blocks,
                base_font_size: 10.0,
                ..Document::default()
            };
            let layout = layout(&doc, &Fixed, None);
            let page_of = |needle: &str| {
                (0..layout.pages.len()).find(|&p| texts(&layout, p).iter().any(|t| t == needle))
            };
            assert_eq!(page_of("Plan"), page_of("a"), "filler {filler}");
            assert_eq!(page_of("Plan"), page_of("Col"), "filler {filler}");
        }
    }

    #[test]
    fn table_rows_that_fit_a_page_are_never_split() {
        let doc = Document {
            blocks: vec![
                Block::Paragraph("intro".into()),
                Block::Table {
                    columns: vec![Column::new("Col", 1.0)],
                    rows: (0..100)
                        .map(|i| vec![format!("r{i}a\nr{i}b\nr{i}c")])
                        .collect(),
                },
            ],
            base_font_size: 10.0,
            ..Document::default()
        };
        let layout = layout(&doc, &Fixed, None);
        let page_of = |needle: &str| {
            (0..layout.pages.len()).find(|&p| texts(&layout, p).iter().any(|t| t == needle))
        };
        assert!(layout.pages.len() > 2);
        for i in 0..100 {
            let first = page_of(&format!("r{i}a"));
            assert!(first.is_some());
            assert_eq!(first, page_of(&format!("r{i}c")), "row {i}");
        }
    }

    #[test]
    fn a_table_header_taller_than_a_page_still_ends() {
        // Found by the property test: a header row longer than a page made
        // every new page full before any row fitted, and layout never ended.
        let long = "w ".repeat(400);
        let doc = Document {
            blocks: vec![Block::Table {
                columns: vec![Column::new(long.clone(), 1.0), Column::new(long, 1.0)],
                rows: vec![vec!["a".into(), "b".into()]; 3],
            }],
            base_font_size: 24.0,
            ..Document::default()
        };
        let layout = layout(&doc, &Fixed, None);
        assert!(layout.pages.len() < 50, "{} pages", layout.pages.len());
    }

    #[test]
    fn a_combining_mark_at_the_line_end_moves_with_its_letter() {
        // Found by the property test below: the mark overflowed the line.
        let lines = wrap(
            &format!("{}e\u{35f}", "a".repeat(9)),
            w(10) - 0.002,
            10.0,
            Style::Regular,
            &Fixed,
        );
        assert_eq!(lines, vec!["a".repeat(9), "e\u{35f}".to_owned()]);
        for line in &lines {
            assert!(text_width(line, 10.0, Style::Regular, &Fixed) <= w(10));
        }
    }

    /// Widths that differ per character, so sums round as real fonts' do.
    struct Uneven;
    impl Measure for Uneven {
        fn has_glyph(&self, _: char, _: Style) -> bool {
            true
        }
        fn advance_em(&self, ch: char, _: Style) -> f32 {
            0.27 + (u32::from(ch) % 11) as f32 * 0.071
        }
    }

    /// The obvious greedy wrap that measures every candidate line from
    /// scratch (what `wrap` did before it kept running widths): the oracle.
    fn wrap_remeasuring(
        text: &str,
        width_mm: f32,
        size_pt: f32,
        measure: &dyn Measure,
    ) -> Vec<String> {
        let width_of = |s: &str| text_width(s, size_pt, Style::Regular, measure);
        let mut lines = Vec::new();
        for hard_line in text.split('\n') {
            let mut current = String::new();
            let mut any_word = false;
            for word in hard_line.split(is_break_space).filter(|w| !w.is_empty()) {
                any_word = true;
                let candidate = if current.is_empty() {
                    word.to_owned()
                } else {
                    format!("{current} {word}")
                };
                if width_of(&candidate) <= width_mm {
                    current = candidate;
                    continue;
                }
                if !current.is_empty() {
                    lines.push(std::mem::take(&mut current));
                }
                if width_of(word) <= width_mm {
                    current = word.to_owned();
                    continue;
                }
                for ch in word.chars() {
                    let mut next = current.clone();
                    next.push(ch);
                    if current.is_empty() || width_of(&next) <= width_mm {
                        current = next;
                    } else if is_combining(ch) {
                        let split = current
                            .char_indices()
                            .rev()
                            .find(|(_, c)| !is_combining(*c))
                            .map_or(0, |(i, _)| i);
                        let mut carried = current.split_off(split);
                        carried.push(ch);
                        if !current.is_empty() {
                            lines.push(std::mem::take(&mut current));
                        }
                        current = carried;
                    } else {
                        lines.push(std::mem::take(&mut current));
                        current.push(ch);
                    }
                }
            }
            if any_word {
                if !current.is_empty() {
                    lines.push(current);
                }
            } else {
                lines.push(String::new());
            }
        }
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        lines
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn wrap_keeps_running_widths_exactly_as_remeasuring_would(
            text in "([a-zà-ž\u{0301}\u{0391}-\u{03c9}]{1,30}[ \n]{0,2}){0,40}",
            width in 2.0f32..120.0,
            size in 6.0f32..16.0,
        ) {
            proptest::prop_assert_eq!(
                wrap(&text, width, size, Style::Regular, &Uneven),
                wrap_remeasuring(&text, width, size, &Uneven)
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn any_text_stays_inside_the_page(value in "\\PC{0,400}", word_len in 0usize..400, size in 6.0f32..30.0) {
            let word = "w".repeat(word_len);
            let doc = Document {
                title: value.clone(),
                header: vec![(value.clone(), word.clone())],
                banner: Some(Banner { lines: vec![value.clone()], rows: vec![(word.clone(), value.clone())], signature_png: None }),
                blocks: vec![
                    Block::Field { label: value.clone(), value: format!("{word} {value}") },
                    Block::Table { columns: vec![Column::new(value.clone(), 1.0), Column::new("B", 0.0)], rows: vec![vec![word.clone(), value.clone(), word.clone()]] },
                    Block::Paragraph(value.clone()),
                    Block::SignatureLines(vec![value.clone()]),
                ],
                footer: value.clone(),
                base_font_size: size,
                ..Document::default()
            };
            let layout = layout(&doc, &Fixed, Some((300, 100)));
            proptest::prop_assert!(!layout.pages.is_empty());
            for page in &layout.pages {
                for item in &page.items {
                    if let Item::Text { x, baseline, size_pt, style, text, .. } = item {
                        let right = x + text_width(text, *size_pt, *style, &Fixed);
                        proptest::prop_assert!(*x >= MARGIN_X - 0.01 && right <= CONTENT_RIGHT + 0.01, "{text:?} from {x} to {right}");
                        proptest::prop_assert!(*baseline <= PAGE_HEIGHT - MARGIN_BOTTOM + 0.01);
                        proptest::prop_assert!(!text.chars().any(|c| c.is_control()));
                    }
                }
            }
        }
    }
}
