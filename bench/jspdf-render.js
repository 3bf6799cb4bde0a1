// The peer for bench/run: lays out and renders CAF Lite's document model
// (`pdf::Document`, src/pdf/model.rs, as the JSON of the `RenderRequest` the
// page posts to its PDF worker, src/pdf/job.rs) with jsPDF, the way a
// JavaScript team would build the same CAF PDF: jsPDF's own text measuring and
// `splitTextToSize` for wrapping, DejaVu Sans (the same subset font files as
// CAF Lite, src/pdf/fonts/) embedded as Identity-H fonts, compressed streams.
//
// The layout follows src/pdf/layout.rs rule for rule (A4, the same margins,
// sizes, line spacing, keep-with-next rules, table column widths, header rows
// repeated on every page, rows moved whole or split between lines, "Page x of
// y · …" footers added once the page count is known), so both PDFs have the
// same text on about the same pages. Not ported: the drawn signature image
// (the fixtures have none) and the "characters could not be printed" notes
// (the fixtures use only characters the font has).
//
// A classic script: it defines `globalThis.cafRenderWithJsPDF(requestJson, fonts)`,
// where `fonts` is `{ regular, bold }`, each the font file as a base64 string,
// and which returns the PDF as an ArrayBuffer. Needs `window.jspdf` (jspdf.umd.min.js).
(function () {
  'use strict';

  const PAGE_WIDTH = 210;
  const PAGE_HEIGHT = 297;
  const MARGIN_X = 20;
  const MARGIN_TOP = 20;
  const MARGIN_BOTTOM = 12;
  const CONTENT_RIGHT = PAGE_WIDTH - MARGIN_X;
  const PT_TO_MM = 25.4 / 72;
  const LINE_SPACING = 1.4;
  const FOOTER_MAX_LINES = 3;
  const RULE_GREY = 0.72;
  const NOTE_GREY = 0.3;
  const HEADER_FILL = 0.93;
  const THIN = 0.5;
  const CELL_PAD_X = 1.6;
  const CELL_PAD_Y = 1.3;
  const FIELD_PAD_Y = 1.3;
  const FIELD_KEEP_WHOLE = 45;
  const SIGNATURE_WRITE_SPACE = 11;
  const PARAGRAPH_GAP = 2;
  const LARGE_PRINT = 12;

  const ptToMm = (pt) => pt * PT_TO_MM;
  const lineHeight = (size) => ptToMm(size) * LINE_SPACING;
  const baselineOffset = (size) => ptToMm(size) * 1.05;
  const smaller = (base, factor) => (base >= LARGE_PRINT ? Math.max(base * factor, LARGE_PRINT) : base * factor);
  const weight = (w) => (Number.isFinite(w) && w > 0 ? w : 1);
  const grey255 = (level) => Math.round(Math.min(Math.max(level, 0), 1) * 255);
  /** Typed text made printable: line ends as \n, tabs as spaces. */
  const clean = (text) => String(text ?? '').replace(/\r\n?/g, '\n').replace(/\t/g, ' ');

  function baseSize(doc) {
    const b = doc.base_font_size;
    return Number.isFinite(b) && b > 0 ? Math.min(Math.max(b, 6), 24) : 10;
  }

  class Flow {
    constructor(pdf, base, bottom) {
      this.pdf = pdf;
      this.base = base;
      this.y = MARGIN_TOP;
      this.bottom = bottom;
      this.pageTop = MARGIN_TOP;
      this.boxed = null; // [top, x1, x2]
      this.repeat = null; // { cells: [[x, w, title]], size }
      this.afterRow = false;
      this.font = '';
    }

    setFont(style, size) {
      const key = `${style}/${size}`;
      if (this.font !== key) {
        this.pdf.setFont('DejaVuSans', style);
        this.pdf.setFontSize(size);
        this.font = key;
      }
    }

    width(text, size, style) {
      this.setFont(style, size);
      return this.pdf.getTextWidth(text);
    }

    /** Lines no wider than `width` mm: jsPDF's own splitTextToSize, per typed line. */
    wrap(text, width, size, style) {
      this.setFont(style, size);
      const lines = [];
      for (const hard of text.split('\n')) {
        const words = hard.split(/[ \u2000-\u2006\u2008-\u200A\u205F\u3000]+/).filter((w) => w !== '');
        if (words.length === 0) {
          lines.push('');
          continue;
        }
        for (const line of this.pdf.splitTextToSize(words.join(' '), width)) lines.push(line);
      }
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      return lines;
    }

    atTop() {
      return this.y <= this.pageTop + 0.01;
    }

    remaining() {
      return this.bottom - this.y;
    }

    pageBody() {
      return this.bottom - MARGIN_TOP;
    }

    boxRect(x1, top, x2, bottom) {
      this.pdf.setDrawColor(0);
      this.pdf.setLineWidth(ptToMm(1.5));
      this.pdf.rect(x1, top, x2 - x1, bottom - top, 'S');
    }

    newPage() {
      if (this.boxed) this.boxRect(this.boxed[1], this.boxed[0], this.boxed[2], this.y);
      this.pdf.addPage('a4', 'portrait');
      this.y = MARGIN_TOP;
      if (this.boxed) this.boxed = [MARGIN_TOP, this.boxed[1], this.boxed[2]];
      if (this.repeat) {
        const { size } = this.repeat;
        const cells = this.repeat.cells.map(([x, w, title]) => ({ x, w, lines: this.wrap(title, w - 2 * CELL_PAD_X, size, 'bold'), style: 'bold', size }));
        this.drawSegment(cells, 0, Infinity, headerRowStyle());
      }
      this.pageTop = this.y;
    }

    text(x, top, size, style, grey, text) {
      if (text === '') return;
      this.setFont(style, size);
      this.pdf.setTextColor(grey255(grey));
      this.pdf.text(text, x, top + baselineOffset(size));
    }

    lines(x, lines, size, style, grey) {
      const lh = lineHeight(size);
      for (const line of lines) {
        if (this.remaining() < lh && !this.atTop()) this.newPage();
        this.text(x, this.y, size, style, grey, line);
        this.y += lh;
      }
    }

    drawSegment(cells, from, to, st) {
      const n = Math.max(1, ...cells.map((c) => Math.max(0, Math.min(c.lines.length, to) - from)));
      const lh = Math.max(0, ...cells.map((c) => lineHeight(c.size)));
      const h = n * lh + 2 * st.pad;
      const top = this.y;
      const pdf = this.pdf;
      if (st.fill !== null || st.grid) {
        pdf.setDrawColor(grey255(RULE_GREY));
        pdf.setLineWidth(ptToMm(THIN));
        if (st.fill !== null) pdf.setFillColor(grey255(st.fill));
        for (const c of cells) pdf.rect(c.x, top, c.w, h, st.fill !== null ? 'FD' : 'S');
      }
      for (const c of cells) {
        const end = Math.min(c.lines.length, to);
        for (let i = from; i < end; i += 1) {
          this.text(c.x + CELL_PAD_X, top + st.pad + (i - from) * lh, c.size, c.style, 0, c.lines[i]);
        }
      }
      this.y = top + h;
      if (st.ruleBelow) {
        const x1 = Math.min(...cells.map((c) => c.x));
        const x2 = Math.max(...cells.map((c) => c.x + c.w));
        pdf.setDrawColor(grey255(RULE_GREY));
        pdf.setLineWidth(ptToMm(THIN));
        pdf.line(x1, this.y, x2, this.y);
      }
    }

    row(cells, st) {
      const n = Math.max(1, ...cells.map((c) => c.lines.length));
      const lh = Math.max(0, ...cells.map((c) => lineHeight(c.size)));
      const h = n * lh + 2 * st.pad;
      if (h <= this.remaining()) {
        this.drawSegment(cells, 0, n, st);
        return;
      }
      const wholeFits = h <= this.pageBody() - this.repeatHeight();
      const keepWhole = st.splitIfTallerThan === null ? wholeFits : wholeFits && h <= st.splitIfTallerThan;
      if (keepWhole && !this.atTop()) {
        this.newPage();
        this.drawSegment(cells, 0, n, st);
        return;
      }
      let from = 0;
      while (from < n) {
        const fit = Math.max(0, Math.floor((this.remaining() - 2 * st.pad) / lh + 0.001));
        if (fit === 0) {
          if (this.atTop()) {
            this.drawSegment(cells, from, from + 1, st);
            from += 1;
          } else {
            this.newPage();
          }
          continue;
        }
        const to = Math.min(from + fit, n);
        this.drawSegment(cells, from, to, st);
        from = to;
        if (from < n) this.newPage();
      }
    }

    repeatHeight() {
      if (!this.repeat) return 0;
      const { size } = this.repeat;
      const n = Math.max(1, ...this.repeat.cells.map(([, w, t]) => this.wrap(t, w - 2 * CELL_PAD_X, size, 'bold').length));
      return n * lineHeight(size) + 2 * CELL_PAD_Y;
    }

    keep(needed) {
      if (needed > this.remaining() && !this.atTop()) this.newPage();
    }

    gap(mm) {
      if (!this.atTop()) this.y = Math.min(this.y + mm, this.bottom);
    }

    fieldCells(x1, x2, label, value, size) {
      const width = x2 - x1;
      const labelW = Math.min(width * 0.36, 62);
      return [
        { x: x1, w: labelW, lines: this.wrap(clean(label), labelW - 2 * CELL_PAD_X, size, 'bold'), style: 'bold', size },
        { x: x1 + labelW, w: width - labelW, lines: this.wrap(clean(value), width - labelW - 2 * CELL_PAD_X, size, 'normal'), style: 'normal', size },
      ];
    }

    field(x1, x2, label, value, size) {
      this.row(this.fieldCells(x1, x2, label, value, size), { pad: FIELD_PAD_Y, grid: false, fill: null, ruleBelow: true, splitIfTallerThan: FIELD_KEEP_WHOLE });
    }

    keepAfter(next, afterNext) {
      const body = 2 * lineHeight(this.base);
      if (next && 'Paragraph' in next) {
        const h = this.leadIn(next.Paragraph, afterNext);
        if (h !== null) return h;
      }
      if (next && 'Table' in next && next.Table.columns.length) return this.tableStart(next.Table.columns, next.Table.rows) + 0.5;
      if (next && 'Field' in next) return this.fieldStart(next.Field.label, next.Field.value);
      if (next && 'SignatureLines' in next) return 4 + this.signaturesHeight(next.SignatureLines.length);
      if (next && ('Heading' in next || 'SubHeading' in next)) return 3 * body;
      return body + 2 * FIELD_PAD_Y;
    }

    tableStart(columns, rows) {
      const size = smaller(this.base, 0.9);
      const widths = this.columnWidths(columns, rows, size);
      const lines = (text, w, style) => this.wrap(clean(text), w - 2 * CELL_PAD_X, size, style).length;
      const headerN = Math.max(1, ...columns.map((c, i) => lines(c.title, widths[i], 'bold')));
      const headerH = headerN * lineHeight(size) + 2 * CELL_PAD_Y;
      const firstN = rows.length ? Math.max(1, ...rows[0].slice(0, widths.length).map((t, i) => lines(t, widths[i], 'normal'))) : 1;
      let firstH = firstN * lineHeight(size) + 2 * CELL_PAD_Y;
      if (headerH + firstH > this.pageBody()) firstH = lineHeight(size) + 2 * CELL_PAD_Y;
      return 1 + headerH + firstH;
    }

    fieldStart(label, value) {
      const n = Math.max(1, ...this.fieldCells(MARGIN_X, CONTENT_RIGHT, label, value, this.base).map((c) => c.lines.length));
      const h = n * lineHeight(this.base) + 2 * FIELD_PAD_Y;
      return h <= FIELD_KEEP_WHOLE ? h : 2 * lineHeight(this.base) + 2 * FIELD_PAD_Y;
    }

    leadIn(text, next) {
      if (!next || !('Table' in next || 'SignatureLines' in next)) return null;
      const n = this.wrap(clean(text), CONTENT_RIGHT - MARGIN_X, this.base, 'normal').length;
      return n <= 5 ? n * lineHeight(this.base) + PARAGRAPH_GAP + 1 + this.keepAfter(next, null) : null;
    }

    heading(text, size, before, keepAfter) {
      const lines = this.wrap(clean(text), CONTENT_RIGHT - MARGIN_X, size, 'bold');
      const h = lines.length * lineHeight(size);
      this.gap(before);
      this.keep(h + 1.5 + keepAfter);
      this.lines(MARGIN_X, lines, size, 'bold', 0);
      this.y += 1.5;
    }

    paragraph(text, size, grey) {
      if (this.afterRow) this.gap(2);
      const lines = this.wrap(clean(text), CONTENT_RIGHT - MARGIN_X, size, 'normal');
      this.lines(MARGIN_X, lines, size, 'normal', grey);
      this.y += PARAGRAPH_GAP;
    }

    /** Column widths by weight, widened so each column's longest word fits (layout.rs `column_widths`). */
    columnWidths(columns, rows, size) {
      const width = CONTENT_RIGHT - MARGIN_X;
      const total = columns.reduce((a, c) => a + weight(c.width_weight), 0);
      const widths = columns.map((c) => (width * weight(c.width_weight)) / total);
      const longest = (text, style) => Math.max(0, ...clean(text).split(/[\s]+/).map((word) => this.width(word, size, style)));
      const cap = width / 4;
      const need = columns.map((c, i) => {
        let most = longest(c.title, 'bold');
        for (const row of rows) if (i < row.length) most = Math.max(most, longest(row[i], 'normal'));
        return Math.min(most + 2 * CELL_PAD_X + 0.2, cap);
      });
      const short = widths.reduce((a, w, i) => a + Math.max(need[i] - w, 0), 0);
      const spare = widths.reduce((a, w, i) => a + Math.max(w - need[i], 0), 0);
      if (short <= 0 || spare < short) return widths;
      return widths.map((w, i) => (w < need[i] ? need[i] : w - ((w - need[i]) * short) / spare));
    }

    table(columns, rows) {
      if (!columns.length) return;
      const size = smaller(this.base, 0.9);
      const spans = [];
      let x = MARGIN_X;
      for (const w of this.columnWidths(columns, rows, size)) {
        spans.push([x, w]);
        x += w;
      }
      const header = { cells: columns.map((c, i) => [spans[i][0], spans[i][1], clean(c.title)]), size };
      const bodyRows = rows.map((row) => {
        const texts = row.slice(0, columns.length);
        if (row.length > columns.length) texts[texts.length - 1] += ` · ${row.slice(columns.length).join(' · ')}`;
        while (texts.length < columns.length) texts.push('');
        return texts.map((text, i) => ({ x: spans[i][0], w: spans[i][1], lines: this.wrap(clean(text), spans[i][1] - 2 * CELL_PAD_X, size, 'normal'), style: 'normal', size }));
      });
      this.gap(1);
      this.repeat = header;
      const headerH = this.repeatHeight();
      let firstH = 0;
      if (bodyRows.length) {
        const h = Math.max(1, ...bodyRows[0].map((c) => c.lines.length)) * lineHeight(size) + 2 * CELL_PAD_Y;
        firstH = h + headerH <= this.pageBody() ? h : lineHeight(size) + 2 * CELL_PAD_Y;
      }
      this.repeat = null;
      this.keep(headerH + firstH);
      this.repeat = header;
      const headCells = header.cells.map(([hx, w, t]) => ({ x: hx, w, lines: this.wrap(t, w - 2 * CELL_PAD_X, size, 'bold'), style: 'bold', size }));
      this.drawSegment(headCells, 0, Infinity, headerRowStyle());
      for (const cells of bodyRows) this.row(cells, { pad: CELL_PAD_Y, grid: true, fill: null, ruleBelow: false, splitIfTallerThan: null });
      this.repeat = null;
      this.y += 3;
    }

    signatureHeight() {
      const small = Math.max(smaller(this.base, 0.8), 6);
      return lineHeight(this.base) + SIGNATURE_WRITE_SPACE + 0.8 + lineHeight(small) + 6;
    }

    signaturesHeight(n) {
      const h = n * this.signatureHeight();
      return h <= this.pageBody() ? h : this.signatureHeight();
    }

    signatureLines(roles) {
      const size = this.base;
      const small = Math.max(smaller(this.base, 0.8), 6);
      this.keep(this.signaturesHeight(roles.length));
      const width = CONTENT_RIGHT - MARGIN_X;
      const gap = 5;
      const boxes = [['Signature', 0.44], ['Printed name', 0.34], ['Date', 0.22]];
      const usable = width - gap * (boxes.length - 1);
      for (const role of roles) {
        this.keep(this.signatureHeight());
        this.lines(MARGIN_X, this.wrap(clean(role), width, size, 'bold'), size, 'bold', 0);
        const lineY = this.y + SIGNATURE_WRITE_SPACE;
        let x = MARGIN_X;
        for (const [caption, share] of boxes) {
          const w = usable * share;
          this.pdf.setDrawColor(0);
          this.pdf.setLineWidth(ptToMm(0.75));
          this.pdf.line(x, lineY, x + w, lineY);
          this.text(x, lineY + 0.8, small, 'normal', NOTE_GREY, caption);
          x += w + gap;
        }
        this.y = lineY + 0.8 + lineHeight(small) + 6;
      }
    }

    banner(banner) {
      const pad = 4;
      const inner1 = MARGIN_X + pad;
      const inner2 = CONTENT_RIGHT - pad;
      this.keep(30);
      this.boxed = [this.y, MARGIN_X, CONTENT_RIGHT];
      this.y += pad;
      (banner.lines ?? []).forEach((line, i) => {
        const [style, size, text] = i === 0 ? ['bold', this.base * 1.2, line.toUpperCase()] : ['normal', this.base, line];
        this.lines(inner1, this.wrap(clean(text), inner2 - inner1, size, style), size, style, 0);
        this.y += i === 0 ? 1.5 : 0.5;
      });
      if ((banner.rows ?? []).length) this.y += 1;
      for (const [label, value] of banner.rows ?? []) this.field(inner1, inner2, label, value, this.base);
      this.y += pad;
      if (this.boxed) {
        this.boxRect(this.boxed[1], this.boxed[0], this.boxed[2], this.y);
        this.boxed = null;
      }
      this.y += 5;
    }
  }

  function headerRowStyle() {
    return { pad: CELL_PAD_Y, grid: true, fill: HEADER_FILL, ruleBelow: false, splitIfTallerThan: null };
  }

  const footerText = (page, total, footer) => (footer.trim() === '' ? `Page ${page} of ${total}` : `Page ${page} of ${total} · ${footer}`);

  function footerLines(flow, text, size) {
    const width = CONTENT_RIGHT - MARGIN_X;
    const lines = flow.wrap(text, width, size, 'normal');
    if (lines.length > FOOTER_MAX_LINES) {
      lines.length = FOOTER_MAX_LINES;
      let last = lines[FOOTER_MAX_LINES - 1];
      while (last && flow.width(`${last}…`, size, 'normal') > width) last = last.slice(0, -1);
      lines[FOOTER_MAX_LINES - 1] = `${last}…`;
    }
    return lines;
  }

  globalThis.cafRenderWithJsPDF = function cafRenderWithJsPDF(requestJson, fonts) {
    const doc = JSON.parse(requestJson).document;
    const { jsPDF } = globalThis.jspdf;
    const pdf = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
    pdf.addFileToVFS('DejaVuSans.ttf', fonts.regular);
    pdf.addFileToVFS('DejaVuSans-Bold.ttf', fonts.bold);
    pdf.addFont('DejaVuSans.ttf', 'DejaVuSans', 'normal', 'Identity-H');
    pdf.addFont('DejaVuSans-Bold.ttf', 'DejaVuSans', 'bold', 'Identity-H');
    pdf.setProperties({ title: (doc.file_title ?? '').trim() || doc.title || '' });

    const base = baseSize(doc);
    const fsize = Math.max(smaller(base, 0.8), 7);
    const probe = new Flow(pdf, base, 0);
    const footer = clean(doc.footer ?? '');
    const footerN = Math.max(1, footerLines(probe, footerText(9999, 9999, footer), fsize).length);
    const footerTop = PAGE_HEIGHT - MARGIN_BOTTOM - footerN * lineHeight(fsize);
    const flow = new Flow(pdf, base, footerTop - 6);

    const titleSize = base * 1.8;
    flow.lines(MARGIN_X, flow.wrap(clean(doc.title ?? ''), CONTENT_RIGHT - MARGIN_X, titleSize, 'bold'), titleSize, 'bold', 0);
    flow.y += 3;
    for (const [label, value] of doc.header ?? []) flow.field(MARGIN_X, CONTENT_RIGHT, label, value, base);
    if ((doc.header ?? []).length) flow.y += 5;
    if (doc.banner) flow.banner(doc.banner);

    const blocks = doc.blocks ?? [];
    blocks.forEach((block, i) => {
      const next = blocks[i + 1];
      const afterNext = blocks[i + 2];
      if ('Heading' in block) flow.heading(block.Heading, base * 1.4, 6, flow.keepAfter(next, afterNext));
      else if ('SubHeading' in block) flow.heading(block.SubHeading, base * 1.15, 4, flow.keepAfter(next, afterNext));
      else if ('Paragraph' in block) {
        const keep = flow.leadIn(block.Paragraph, next);
        if (keep !== null) flow.keep(keep);
        flow.paragraph(block.Paragraph, base, 0);
      } else if ('Note' in block) flow.paragraph(block.Note, Math.max(smaller(base, 0.85), 6), NOTE_GREY);
      else if ('Field' in block) flow.field(MARGIN_X, CONTENT_RIGHT, block.Field.label, block.Field.value, base);
      else if ('Table' in block) flow.table(block.Table.columns, block.Table.rows);
      else if ('SignatureLines' in block) {
        flow.gap(4);
        flow.signatureLines(block.SignatureLines);
      }
      flow.afterRow = 'Field' in block;
    });

    // Second pass: the footer, now that the page count is known.
    const total = pdf.getNumberOfPages();
    for (let page = 1; page <= total; page += 1) {
      pdf.setPage(page);
      pdf.setDrawColor(grey255(RULE_GREY));
      pdf.setLineWidth(ptToMm(THIN));
      pdf.line(MARGIN_X, footerTop - 2.5, CONTENT_RIGHT, footerTop - 2.5);
      footerLines(flow, footerText(page, total, footer), fsize).forEach((line, n) => {
        flow.text(MARGIN_X, footerTop + n * lineHeight(fsize), fsize, 'normal', NOTE_GREY, line);
      });
    }
    return pdf.output('arraybuffer');
  };
})();
