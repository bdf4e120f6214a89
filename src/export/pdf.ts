// The deck as a vector PDF (pdf-lib): every word is text in an embedded, subset DejaVu Sans, so
// it can be selected and searched and Cyrillic renders; the map overview is drawn as shapes.
// Pages: cover, the whole map (tiled over labelled pages when one page would make it too small
// to read), one or more pages per stage, the action plan table, the last review.
import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  clip,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import type { Deck, DeckStage, DeckTouchpoint } from '../domain/present/deck';
import type { DeckWords } from '../locales/deckWords';
import { cachedMeasure, cleanText, reviewChangeLists, wrapText, type Measure } from './text';
import { overviewLayout, tiling, type OverviewLayout } from './overview';
import { hexColor, noteKindColor, scoreColor, type Rgb } from './palette';

export type Paper = 'a4' | 'letter';

/** Landscape page sizes in points. */
export const PAPER_SIZES: Record<Paper, { width: number; height: number }> = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
};

export interface PdfFonts {
  regular: ArrayBuffer | Uint8Array;
  bold: ArrayBuffer | Uint8Array;
}

export interface PdfOptions {
  paper: Paper;
  fonts: PdfFonts;
  /** Called between pages (0…1) so a long export can show its progress and let the page breathe. */
  onProgress?: (share: number) => void | Promise<void>;
}

const MARGIN = 40;
const FOOTER = 22;
/** Below this size a card title on the overview cannot be read on paper: tile instead. */
const MIN_OVERVIEW_TEXT = 6;

const INK = rgb(0.12, 0.16, 0.22);
const MUTED = rgb(0.39, 0.45, 0.53);
const RULE = rgb(0.85, 0.87, 0.9);
const PAPER_TINT = rgb(0.97, 0.98, 0.99);

const toColor = ([r, g, b]: Rgb): Color => rgb(r, g, b);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  measure: { regular: Measure; bold: Measure };
}

interface TextStyle {
  size: number;
  bold?: boolean;
  color?: Color;
}

/** Writes pages top-down (y grows downwards from the top margin) and keeps the page list. */
class PageWriter {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
    readonly width: number,
    readonly height: number,
  ) {}

  get contentWidth() {
    return this.width - 2 * MARGIN;
  }

  get bottom() {
    return this.height - MARGIN - FOOTER;
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage([this.width, this.height]);
    this.pages.push(this.page);
    this.y = MARGIN;
    return this.page;
  }

  font(style: TextStyle) {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  measure(style: TextStyle) {
    return style.bold ? this.fonts.measure.bold : this.fonts.measure.regular;
  }

  lines(text: string, width: number, style: TextStyle, maxLines?: number): string[] {
    return wrapText(text, width, style.size, this.measure(style), maxLines);
  }

  /** Draws one line with its top at `top`. */
  drawLine(text: string, x: number, top: number, style: TextStyle) {
    if (text === '') return;
    this.page.drawText(text, {
      x,
      y: this.height - top - style.size * 0.8,
      size: style.size,
      font: this.font(style),
      color: style.color ?? INK,
    });
  }

  /** Wrapped text at the current y (no page break inside); returns its height. */
  paragraph(text: string, x: number, width: number, style: TextStyle, maxLines?: number): number {
    const lines = this.lines(text, width, style, maxLines);
    const leading = style.size * 1.3;
    lines.forEach((line, i) => this.drawLine(line, x, this.y + i * leading, style));
    this.y += lines.length * leading;
    return lines.length * leading;
  }

  rect(x: number, top: number, width: number, height: number, fill?: Color, border?: Color, borderWidth = 0.75) {
    this.page.drawRectangle({
      x,
      y: this.height - top - height,
      width,
      height,
      color: fill,
      borderColor: border,
      borderWidth: border ? borderWidth : 0,
    });
  }

  rule(x1: number, y1: number, x2: number, y2: number, color: Color = RULE, thickness = 0.75) {
    this.page.drawLine({ start: { x: x1, y: this.height - y1 }, end: { x: x2, y: this.height - y2 }, thickness, color });
  }

  heading(kicker: string, title: string, accent?: Color) {
    if (accent) this.rect(0, 0, this.width, 8, accent);
    if (kicker) this.drawLine(kicker, MARGIN, this.y, { size: 10, color: MUTED });
    this.y += kicker ? 15 : 0;
    this.paragraph(title, MARGIN, this.contentWidth, { size: 22, bold: true }, 2);
    this.y += 8;
  }
}

// ---------------------------------------------------------------- pages

function coverPage(w: PageWriter, deck: Deck, words: DeckWords) {
  const d = words.deck;
  w.newPage();
  w.rect(0, 0, w.width, 150, rgb(0.26, 0.22, 0.79));
  w.y = 48;
  w.drawLine(d.journeyMap, MARGIN, w.y, { size: 12, color: rgb(0.88, 0.9, 1) });
  w.y += 22;
  w.paragraph(deck.title, MARGIN, w.contentWidth, { size: 30, bold: true, color: rgb(1, 1, 1) }, 2);
  w.y = 175;

  const left = MARGIN;
  const colWidth = (w.contentWidth - 30) / 2;
  const right = MARGIN + colWidth + 30;
  const { persona } = deck;

  // Left: persona and scenario.
  const startY = w.y;
  w.drawLine(d.persona.toUpperCase(), left, w.y, { size: 9, bold: true, color: MUTED });
  w.y += 14;
  if (persona.name) w.paragraph(persona.name, left, colWidth, { size: 18, bold: true }, 2);
  if (persona.description) w.paragraph(persona.description, left, colWidth, { size: 11 }, 8);
  if (persona.goal) {
    w.y += 4;
    w.paragraph(`${d.goal}: ${persona.goal}`, left, colWidth, { size: 11 }, 5);
  }
  if (persona.quote) {
    w.y += 4;
    w.paragraph(`“${persona.quote}”`, left, colWidth, { size: 11, color: MUTED }, 4);
  }
  if (deck.scenario) {
    w.y += 12;
    w.drawLine(d.scenario.toUpperCase(), left, w.y, { size: 9, bold: true, color: MUTED });
    w.y += 14;
    w.paragraph(deck.scenario, left, colWidth, { size: 11 }, Math.max(2, Math.floor((w.bottom - w.y) / 14.3)));
  }

  // Right: date and map health.
  w.y = startY;
  const h = deck.health;
  const rows: [string, string][] = [
    [d.date, words.date(deck.date)],
    [d.touchpoints, words.number(h.touchpoints)],
    [d.coverage, words.share(h.coverage)],
    [words.fill(d.quiet, { days: h.cadenceDays }), words.number(h.quiet)],
    [d.openNotes, words.number(h.openNotes)],
    [d.lowestStage, h.lowestStage ? `${h.lowestStage.title} (${words.score(h.lowestStage.value)})` : '–'],
    [d.lastReview, (h.lastReviewAt ? words.date(h.lastReviewAt) : d.never) + (h.reviewDue ? ` — ${d.reviewDue}` : '')],
  ];
  w.drawLine(d.health.toUpperCase(), right, w.y, { size: 9, bold: true, color: MUTED });
  w.y += 16;
  for (const [label, value] of rows) {
    const top = w.y;
    const labelHeight = w.paragraph(label, right, colWidth * 0.6, { size: 10, color: MUTED }, 2);
    w.y = top;
    const valueHeight = w.paragraph(value, right + colWidth * 0.62, colWidth * 0.38, { size: 11, bold: true }, 3);
    w.y = top + Math.max(labelHeight, valueHeight) + 5;
    w.rule(right, w.y - 2.5, right + colWidth, w.y - 2.5);
  }
}

/** The map drawn as boxes; scaled onto one page, or tiled at a readable scale over several. */
function overviewPages(w: PageWriter, deck: Deck, words: DeckWords) {
  const layout = overviewLayout(deck, words.domain.noteKind);
  const areaTop = MARGIN + 34;
  const areaWidth = w.contentWidth;
  const areaHeight = w.bottom - areaTop;
  const fit = Math.min(areaWidth / layout.width, areaHeight / layout.height, 1.4);
  const { scale, columns, rows } = tiling(layout, areaWidth, areaHeight, fit, MIN_OVERVIEW_TEXT);
  const parts = columns * rows;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      w.newPage();
      const title =
        parts === 1
          ? words.deck.overview
          : words.fill(words.deck.overviewPart, { part: row * columns + column + 1, parts, row: row + 1, column: column + 1 });
      w.drawLine(title, MARGIN, MARGIN, { size: 16, bold: true });
      const window = {
        x: (column * areaWidth) / scale,
        y: (row * areaHeight) / scale,
        width: areaWidth / scale,
        height: areaHeight / scale,
      };
      drawOverview(w, layout, window, scale, MARGIN, areaTop);
    }
  }
}

function drawOverview(
  w: PageWriter,
  layout: OverviewLayout,
  window: { x: number; y: number; width: number; height: number },
  scale: number,
  originX: number,
  originTop: number,
) {
  const visible = (b: { x: number; y: number; width: number; height: number }) =>
    b.x < window.x + window.width && b.x + b.width > window.x && b.y < window.y + window.height && b.y + b.height > window.y;
  const px = (x: number) => originX + (x - window.x) * scale;
  const py = (y: number) => originTop + (y - window.y) * scale;
  // Shapes that straddle the tile's edge are cut there, not drawn over the margin.
  w.page.pushOperators(
    pushGraphicsState(),
    rectangle(originX, w.height - originTop - window.height * scale, window.width * scale, window.height * scale),
    clip(),
    endPath(),
  );
  for (const box of layout.boxes) {
    if (!visible(box)) continue;
    w.rect(px(box.x), py(box.y), box.width * scale, box.height * scale, box.fill ? toColor(box.fill) : undefined, box.border ? toColor(box.border) : undefined, 0.75 * scale);
  }
  for (const label of layout.labels) {
    if (!visible(label)) continue;
    const style = { size: label.size * scale, bold: label.bold, color: label.muted ? MUTED : INK };
    const lines = w.lines(label.text, label.width * scale, style, label.maxLines);
    lines.forEach((line, i) => w.drawLine(line, px(label.x), py(label.y) + i * style.size * 1.2, style));
  }
  w.page.pushOperators(popGraphicsState());
}

/** Two text columns per page; a stage that does not fit goes on over "(continued)" pages. */
class ColumnFlow {
  private column = 0;
  private top = 0;
  readonly gap = 24;

  constructor(
    private readonly w: PageWriter,
    private readonly startPage: () => void,
  ) {}

  get width() {
    return (this.w.contentWidth - this.gap) / 2;
  }

  get x() {
    return MARGIN + this.column * (this.width + this.gap);
  }

  begin() {
    this.column = 0;
    this.top = this.w.y;
  }

  /** Makes room for a block of `height`: the next column, or a new page. */
  ensure(height: number) {
    if (this.w.y + height <= this.w.bottom) return;
    if (this.column === 0) {
      this.column = 1;
      this.w.y = this.top;
    } else {
      this.startPage();
      this.begin();
    }
  }
}

function stagePages(w: PageWriter, deck: Deck, stage: DeckStage, words: DeckWords) {
  const d = words.deck;
  const accent = toColor(hexColor(stage.color));
  const kicker = words.fill(d.stage, { number: stage.number, count: deck.stages.length });
  const start = (continued: boolean) => {
    w.newPage();
    w.heading(kicker, continued ? words.fill(d.continued, { title: stage.title }) : stage.title, accent);
  };
  start(false);
  if (stage.owner) {
    w.drawLine(words.fill(d.owner, { owner: stage.owner }), MARGIN, w.y - 4, { size: 10, color: MUTED });
    w.y += 12;
  }
  if (stage.curve.length > 0) drawCurve(w, stage, words);
  if (stage.cells.length > 0 || stage.kpis.length > 0) drawLayers(w, stage, words);

  const flow = new ColumnFlow(w, () => start(true));
  flow.begin();
  if (stage.touchpoints.length === 0) {
    w.paragraph(d.noTouchpoints, MARGIN, w.contentWidth, { size: 11, color: MUTED });
    return;
  }
  for (const tp of stage.touchpoints) touchpointBlock(w, flow, tp, words);
}

function drawCurve(w: PageWriter, stage: DeckStage, words: DeckWords) {
  const d = words.deck;
  const height = 70;
  const top = w.y;
  const labelWidth = 110;
  const x0 = MARGIN + labelWidth;
  const width = w.contentWidth - labelWidth;
  w.drawLine(d.curve, MARGIN, top + 4, { size: 10, bold: true });
  if (stage.average !== null) w.drawLine(`${d.average}: ${words.score(stage.average)}`, MARGIN, top + 18, { size: 9, color: MUTED });
  w.rect(x0, top, width, height, PAPER_TINT);
  const yOf = (v: number) => top + height / 2 - (v / 4) * (height / 2 - 6);
  w.rule(x0, yOf(0), x0 + width, yOf(0), RULE, 0.75);
  const step = width / stage.curve.length;
  const points = stage.curve.map((p, i) => ({ x: x0 + step * (i + 0.5), y: yOf(p.value), p }));
  points.forEach((pt, i) => {
    const next = points[i + 1];
    if (next) w.rule(pt.x, pt.y, next.x, next.y, INK, 1.5);
  });
  for (const pt of points) {
    w.page.drawCircle({ x: pt.x, y: w.height - pt.y, size: 3, color: toColor(scoreColor(pt.p.value)) });
    const label = `${words.score(pt.p.value)} ${pt.p.title}`;
    const lines = w.lines(label, Math.max(step - 6, 30), { size: 7 }, 1);
    w.drawLine(lines[0] ?? '', pt.x - Math.min(step / 2 - 3, 40), pt.y + (pt.p.value >= 0 ? 5 : -12), { size: 7, color: MUTED });
  }
  w.y = top + height + 12;
}

function drawLayers(w: PageWriter, stage: DeckStage, words: DeckWords) {
  const d = words.deck;
  const labelWidth = 110;
  const textWidth = w.contentWidth - labelWidth;
  for (const cell of stage.cells) {
    const top = w.y;
    w.paragraph(cell.layerTitle, MARGIN, labelWidth - 8, { size: 9, bold: true, color: MUTED }, 2);
    const below = w.y;
    w.y = top;
    w.paragraph(cell.text, MARGIN + labelWidth, textWidth, { size: 10 }, 4);
    w.y = Math.max(w.y, below) + 4;
  }
  for (const kpi of stage.kpis) {
    const top = w.y;
    w.paragraph(kpi.layerTitle, MARGIN, labelWidth - 8, { size: 9, bold: true, color: MUTED }, 2);
    const below = w.y;
    w.y = top;
    const figures = [
      kpi.metric,
      kpi.actual !== null ? `${d.actual} ${words.number(kpi.actual)}` : '',
      kpi.target !== null ? `${d.target} ${words.number(kpi.target)}` : '',
      kpi.onTarget === null ? '' : kpi.onTarget ? d.onTarget : d.offTarget,
    ].filter(Boolean);
    const color = kpi.onTarget === null ? INK : kpi.onTarget ? rgb(0.09, 0.5, 0.24) : rgb(0.75, 0.15, 0.15);
    w.paragraph(figures.join(' · '), MARGIN + labelWidth, textWidth, { size: 10, bold: true, color }, 2);
    w.y = Math.max(w.y, below) + 4;
  }
  w.rule(MARGIN, w.y + 2, MARGIN + w.contentWidth, w.y + 2);
  w.y += 10;
}

function touchpointBlock(w: PageWriter, flow: ColumnFlow, tp: DeckTouchpoint, words: DeckWords) {
  const d = words.deck;
  const dom = words.domain;
  const width = flow.width;
  const titleStyle = { size: 12, bold: true };
  const bodyStyle = { size: 9 };
  const metaStyle = { size: 8.5, color: MUTED };

  // Title and ratings stay together; notes and quotes may move on to the next column one by one.
  const titleLines = w.lines(tp.title, width, titleStyle, 3);
  const ratings = [
    `${tp.channelTitle} · ${dom.touchpointStatus[tp.status]}`,
    `${d.expectation} ${tp.expectation ?? '–'} · ${d.perception} ${tp.perception ?? '–'} · ${d.satisfaction} ${words.score(tp.satisfaction)}`,
    tp.owner ? words.fill(d.owner, { owner: tp.owner }) : '',
  ].filter(Boolean);
  const headHeight = titleLines.length * titleStyle.size * 1.3 + ratings.length * metaStyle.size * 1.3 + 4;
  flow.ensure(headHeight + 14);
  const x = flow.x;
  w.rect(x - 6, w.y, 3, headHeight - 4, toColor(scoreColor(tp.satisfaction)));
  titleLines.forEach((line, i) => w.drawLine(line, x, w.y + i * titleStyle.size * 1.3, titleStyle));
  w.y += titleLines.length * titleStyle.size * 1.3;
  for (const line of ratings) w.paragraph(line, x, width, metaStyle, 2);
  w.y += 4;
  if (tp.description) {
    const lines = w.lines(tp.description, width, bodyStyle, 4);
    flow.ensure(lines.length * 11.7);
    w.paragraph(tp.description, flow.x, width, bodyStyle, 4);
  }

  for (const note of tp.notes) {
    const label = `${dom.noteKind[note.kind]} · ${dom.noteStatus[note.status]}${note.owner ? ` · ${note.owner}` : ''} · ${words.fill(d.votes, { count: note.votes })}`;
    const lines = w.lines(note.text || '–', width - 10, bodyStyle);
    flow.ensure(lines.length * 11.7 + 12);
    const left = flow.x;
    w.rect(left, w.y + 1, 4, 8, toColor(noteKindColor(note.kind)));
    w.drawLine(label, left + 10, w.y, { size: 8, bold: true, color: MUTED });
    w.y += 10.5;
    lines.forEach((line, i) => w.drawLine(line, left + 10, w.y + i * 11.7, bodyStyle));
    w.y += lines.length * 11.7 + 2;
  }

  for (const quote of tp.quotes) {
    const source = [quote.who, dom.quoteSource[quote.source], quote.date ? words.date(quote.date) : ''].filter(Boolean).join(', ');
    const lines = w.lines(`“${quote.text}”`, width - 10, { size: 9 });
    flow.ensure(lines.length * 11.7 + 12);
    const left = flow.x;
    w.rule(left + 2, w.y, left + 2, w.y + lines.length * 11.7 + 9, RULE, 2);
    lines.forEach((line, i) => w.drawLine(line, left + 10, w.y + i * 11.7, { size: 9 }));
    w.y += lines.length * 11.7;
    w.drawLine(`— ${source}`, left + 10, w.y, { size: 8, color: MUTED });
    w.y += 12;
  }
  w.y += 10;
}

function actionPlanPages(w: PageWriter, deck: Deck, words: DeckWords) {
  const d = words.deck;
  const dom = words.domain;
  const c = d.columns;
  const widths = { votes: 44, kind: 52, text: 0, touchpoint: 130, stage: 95, status: 74, owner: 90 };
  widths.text = w.contentWidth - (widths.votes + widths.kind + widths.touchpoint + widths.stage + widths.status + widths.owner);
  const order = ['votes', 'kind', 'text', 'touchpoint', 'stage', 'status', 'owner'] as const;
  const style = { size: 8.5 };

  const header = () => {
    w.rect(MARGIN, w.y, w.contentWidth, 18, rgb(0.93, 0.94, 0.96));
    let x = MARGIN + 4;
    for (const key of order) {
      w.drawLine(c[key], x, w.y + 5, { size: 8.5, bold: true, color: MUTED });
      x += widths[key];
    }
    w.y += 22;
  };
  const start = (continued: boolean) => {
    w.newPage();
    w.heading(continued ? '' : d.actionPlanLead, continued ? words.fill(d.continued, { title: d.actionPlan }) : d.actionPlan);
    header();
  };
  start(false);
  if (deck.actionPlan.length === 0) {
    w.paragraph(d.noNotes, MARGIN, w.contentWidth, { size: 11, color: MUTED });
    return;
  }
  for (const item of deck.actionPlan) {
    const cells: Record<(typeof order)[number], string> = {
      votes: words.number(item.votes),
      kind: dom.noteKind[item.kind],
      text: item.text || '–',
      touchpoint: item.touchpointTitle,
      stage: item.stageTitle,
      status: dom.noteStatus[item.status],
      owner: item.owner,
    };
    const wrapped = order.map((key) => w.lines(cells[key], widths[key] - 8, style, key === 'text' ? Infinity : 4));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * 11 + 6;
    if (w.y + height > w.bottom) start(true);
    let x = MARGIN + 4;
    order.forEach((key, i) => {
      const bold = key === 'votes';
      wrapped[i]!.forEach((line, j) => w.drawLine(line, x, w.y + j * 11, { ...style, bold, color: key === 'kind' ? toColor(noteKindColor(item.kind)) : INK }));
      x += widths[key];
    });
    w.y += height;
    w.rule(MARGIN, w.y - 3, MARGIN + w.contentWidth, w.y - 3);
  }
}

function reviewPage(w: PageWriter, deck: Deck, words: DeckWords) {
  const review = deck.review;
  if (!review) return;
  const d = words.deck;
  const start = () => {
    w.newPage();
    w.heading(words.fill(d.reviewSaved, { date: words.date(review.createdAt) }), words.fill(d.review, { name: review.name }));
  };
  start();
  const block = (text: string, style: TextStyle) => {
    const lines = w.lines(text, w.contentWidth, style);
    for (const line of lines) {
      if (w.y + style.size * 1.3 > w.bottom) start();
      w.drawLine(line, MARGIN, w.y, style);
      w.y += style.size * 1.3;
    }
  };
  if (review.summary) {
    block(d.reviewSummary, { size: 11, bold: true });
    block(review.summary, { size: 10 });
    w.y += 10;
  }
  const since =
    review.comparedWith.kind === 'previousReview'
      ? words.fill(d.reviewChangesSincePrevious, { name: review.comparedWith.name, date: words.date(review.comparedWith.createdAt) })
      : d.reviewChangesSinceThen;
  block(since, { size: 11, bold: true });
  const n = review.counts;
  block(
    words.fill(d.reviewCounts, {
      added: n.touchpointsAdded,
      retired: n.touchpointsRetired,
      deleted: n.touchpointsDeleted,
      changed: n.touchpointsChanged,
      fixes: n.fixesClosed,
      quotes: n.quotesAdded,
    }),
    { size: 10 },
  );
  if (n.total === 0) block(d.noChanges, { size: 10, color: MUTED });
  for (const [label, items] of reviewChangeLists(review, d)) {
    if (items.length === 0) continue;
    w.y += 6;
    block(label, { size: 10, bold: true });
    for (const item of items) block(`• ${item}`, { size: 9.5 });
  }
}

function footers(w: PageWriter, deck: Deck, words: DeckWords) {
  const count = w.pages.length;
  const title = wrapText(deck.title, w.contentWidth * 0.6, 8, w.fonts.measure.regular, 1)[0] ?? '';
  w.pages.forEach((page, i) => {
    w.page = page;
    const top = w.height - MARGIN + 6;
    w.drawLine(title, MARGIN, top, { size: 8, color: MUTED });
    const label = words.fill(words.deck.page, { number: i + 1, count });
    const width = w.fonts.measure.regular(label) * 8;
    w.drawLine(label, w.width - MARGIN - width, top, { size: 8, color: MUTED });
  });
}

export async function writeDeckPdf(deck: Deck, words: DeckWords, options: PdfOptions): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await doc.embedFont(options.fonts.regular, { subset: true });
  const bold = await doc.embedFont(options.fonts.bold, { subset: true });
  const fonts: Fonts = {
    regular,
    bold,
    measure: {
      regular: cachedMeasure((text) => regular.widthOfTextAtSize(text, 1)),
      bold: cachedMeasure((text) => bold.widthOfTextAtSize(text, 1)),
    },
  };
  const { width, height } = PAPER_SIZES[options.paper];
  const w = new PageWriter(doc, fonts, width, height);
  const progress = async (share: number) => {
    await options.onProgress?.(share);
  };

  coverPage(w, deck, words);
  overviewPages(w, deck, words);
  await progress(0.1);
  for (const [i, stage] of deck.stages.entries()) {
    stagePages(w, deck, stage, words);
    await progress(0.1 + (0.6 * (i + 1)) / Math.max(deck.stages.length, 1));
  }
  actionPlanPages(w, deck, words);
  reviewPage(w, deck, words);
  footers(w, deck, words);
  await progress(0.8);

  doc.setTitle(cleanText(deck.title));
  doc.setSubject(words.deck.journeyMap);
  doc.setCreator('CJM Studio');
  doc.setCreationDate(new Date(deck.date));
  doc.setLanguage(words.locale);
  return doc.save({ useObjectStreams: true });
}
