// The deck as PowerPoint (pptxgenjs): the same slides as the PDF, built from editable text
// boxes, shapes and tables (never pictures), so a CX lead can restyle and reuse them.
// Slides: cover, the whole map, one slide per stage (more only when a stage has more cards
// than fit), the action plan (as many slides as its rows need), the last review.
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import type { Deck, DeckStage, DeckTouchpoint } from '../domain/present/deck';
import type { DeckWords } from '../locales/deckWords';
import { overviewLayout, tiling } from './overview';
import { cleanText, reviewChangeLists } from './text';
import { hexColor, noteKindColor, scoreColor, toHex, type Rgb } from './palette';

export interface PptxOptions {
  onProgress?: (share: number) => void | Promise<void>;
}

// LAYOUT_WIDE: 13.333 × 7.5 in.
const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
const M = 0.45;
const FONT = 'Arial';
const INK = '1F2937';
const MUTED = '64748B';
const RULE = 'E2E8F0';
/** Touchpoints per stage slide (3 across, 2 down); more go on "(continued)" slides. */
const CARDS_PER_SLIDE = 6;
const ACTION_ROWS_PER_SLIDE = 12;

const hex = (c: Rgb) => toHex(c);
const plain = (text: string) => cleanText(text);

type Slide = PptxGenJS.Slide;
type Run = PptxGenJS.TextProps;

function footer(slide: Slide, deck: Deck) {
  slide.addText(plain(deck.title), { x: M, y: SLIDE_H - 0.4, w: 8, h: 0.3, fontSize: 9, color: MUTED, fontFace: FONT });
}

function heading(slide: Slide, kicker: string, title: string, accent?: string) {
  if (accent) slide.addShape('rect', { x: 0, y: 0, w: SLIDE_W, h: 0.12, fill: { color: accent }, line: { color: accent } });
  if (kicker) slide.addText(kicker, { x: M, y: 0.25, w: SLIDE_W - 2 * M, h: 0.3, fontSize: 12, color: MUTED, fontFace: FONT });
  slide.addText(plain(title), { x: M, y: 0.5, w: SLIDE_W - 2 * M, h: 0.6, fontSize: 28, bold: true, color: INK, fontFace: FONT, fit: 'shrink' });
}

function coverSlide(pptx: PptxGenJS, deck: Deck, words: DeckWords) {
  const d = words.deck;
  const slide = pptx.addSlide();
  slide.addShape('rect', { x: 0, y: 0, w: SLIDE_W, h: 2.1, fill: { color: '4338CA' }, line: { color: '4338CA' } });
  slide.addText(d.journeyMap, { x: M, y: 0.35, w: 10, h: 0.4, fontSize: 16, color: 'E0E7FF', fontFace: FONT });
  slide.addText(plain(deck.title), { x: M, y: 0.8, w: SLIDE_W - 2 * M, h: 1.1, fontSize: 36, bold: true, color: 'FFFFFF', fontFace: FONT, fit: 'shrink', valign: 'top' });

  const { persona } = deck;
  const left: Run[] = [{ text: d.persona.toUpperCase(), options: { fontSize: 11, bold: true, color: MUTED, breakLine: true } }];
  if (persona.name) left.push({ text: plain(persona.name), options: { fontSize: 22, bold: true, color: INK, breakLine: true } });
  if (persona.description) left.push({ text: plain(persona.description), options: { fontSize: 14, color: INK, breakLine: true } });
  if (persona.goal) left.push({ text: `${d.goal}: ${plain(persona.goal)}`, options: { fontSize: 14, color: INK, breakLine: true } });
  if (persona.quote) left.push({ text: `“${plain(persona.quote)}”`, options: { fontSize: 14, italic: true, color: MUTED, breakLine: true } });
  if (deck.scenario) {
    left.push({ text: ' ', options: { fontSize: 8, breakLine: true } });
    left.push({ text: d.scenario.toUpperCase(), options: { fontSize: 11, bold: true, color: MUTED, breakLine: true } });
    left.push({ text: plain(deck.scenario), options: { fontSize: 14, color: INK, breakLine: true } });
  }
  slide.addText(left, { x: M, y: 2.4, w: 6.1, h: 4.5, valign: 'top', fontFace: FONT, fit: 'shrink' });

  const h = deck.health;
  const rows: [string, string][] = [
    [d.date, words.date(deck.date)],
    [d.touchpoints, words.number(h.touchpoints)],
    [d.coverage, words.share(h.coverage)],
    [words.fill(d.quiet, { days: h.cadenceDays }), words.number(h.quiet)],
    [d.openNotes, words.number(h.openNotes)],
    [d.lowestStage, h.lowestStage ? `${plain(h.lowestStage.title)} (${words.score(h.lowestStage.value)})` : '–'],
    [d.lastReview, (h.lastReviewAt ? words.date(h.lastReviewAt) : d.never) + (h.reviewDue ? ` — ${d.reviewDue}` : '')],
  ];
  slide.addText(d.health.toUpperCase(), { x: 7, y: 2.4, w: 5.8, h: 0.3, fontSize: 11, bold: true, color: MUTED, fontFace: FONT });
  slide.addTable(
    rows.map(([label, value]) => [
      { text: label, options: { color: MUTED } },
      { text: value, options: { bold: true, color: INK } },
    ]),
    { x: 7, y: 2.75, w: 5.8, colW: [3.4, 2.4], fontSize: 12, fontFace: FONT, border: { type: 'solid', pt: 0.5, color: RULE } },
  );
  footer(slide, deck);
}

function overviewSlides(pptx: PptxGenJS, deck: Deck, words: DeckWords) {
  const layout = overviewLayout(deck, words.domain.noteKind);
  const areaX = M;
  const areaY = 1.0;
  const areaW = SLIDE_W - 2 * M;
  const areaH = SLIDE_H - areaY - 0.5;
  // Layout units are points; a slide is measured in inches.
  const fit = Math.min((areaW * 72) / layout.width, (areaH * 72) / layout.height, 1.3);
  const { scale, columns, rows } = tiling(layout, areaW * 72, areaH * 72, fit, 6);
  const parts = columns * rows;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const slide = pptx.addSlide();
      const title =
        parts === 1
          ? words.deck.overview
          : words.fill(words.deck.overviewPart, { part: row * columns + column + 1, parts, row: row + 1, column: column + 1 });
      slide.addText(title, { x: M, y: 0.3, w: SLIDE_W - 2 * M, h: 0.5, fontSize: 22, bold: true, color: INK, fontFace: FONT });
      const win = { x: (column * areaW * 72) / scale, y: (row * areaH * 72) / scale, w: (areaW * 72) / scale, h: (areaH * 72) / scale };
      // Only what lies wholly inside the tile: a shape cut in half would be moved as a whole anyway.
      const inside = (b: { x: number; y: number; width: number; height: number }) =>
        b.x >= win.x - 0.01 && b.y >= win.y - 0.01 && b.x + b.width <= win.x + win.w + 0.01 && b.y + b.height <= win.y + win.h + 0.01;
      const inX = (x: number) => areaX + ((x - win.x) * scale) / 72;
      const inY = (y: number) => areaY + ((y - win.y) * scale) / 72;
      for (const box of layout.boxes) {
        if (!inside(box) && !(parts === 1)) continue;
        slide.addShape('rect', {
          x: inX(box.x),
          y: inY(box.y),
          w: (box.width * scale) / 72,
          h: (box.height * scale) / 72,
          fill: box.fill ? { color: hex(box.fill) } : { type: 'none' },
          line: box.border ? { color: hex(box.border), width: 0.5 } : { type: 'none' },
        });
      }
      for (const label of layout.labels) {
        if (!inside(label) && !(parts === 1)) continue;
        slide.addText(plain(label.text), {
          x: inX(label.x),
          y: inY(label.y),
          w: (label.width * scale) / 72,
          h: (label.height * scale) / 72,
          fontSize: Math.max(label.size * scale, 4),
          bold: label.bold,
          color: label.muted ? MUTED : INK,
          fontFace: FONT,
          margin: 0,
          valign: 'top',
          fit: 'shrink',
        });
      }
      footer(slide, deck);
    }
  }
}

/** A rough line count for choosing a font size: an average glyph is about half its size wide. */
function estimatedLines(runs: readonly Run[], widthIn: number): number {
  let lines = 0;
  for (const run of runs) {
    const size = run.options?.fontSize ?? 12;
    const perLine = Math.max(8, (widthIn * 72) / (size * 0.52));
    lines += Math.max(1, Math.ceil(String(run.text ?? '').length / perLine)) * (size / 12);
  }
  return lines;
}

function touchpointRuns(tp: DeckTouchpoint, words: DeckWords, scale: number): Run[] {
  const d = words.deck;
  const dom = words.domain;
  const s = (size: number) => Math.round(size * scale * 2) / 2;
  const runs: Run[] = [
    { text: plain(tp.title), options: { fontSize: s(14), bold: true, color: INK, breakLine: true } },
    {
      text: `${plain(tp.channelTitle)} · ${dom.touchpointStatus[tp.status]} · ${d.satisfaction} ${words.score(tp.satisfaction)} (${tp.expectation ?? '–'} → ${tp.perception ?? '–'})`,
      options: { fontSize: s(10), color: MUTED, breakLine: true },
    },
  ];
  for (const note of tp.notes) {
    runs.push({
      text: `${dom.noteKind[note.kind]} · ${dom.noteStatus[note.status]}${note.owner ? ` · ${plain(note.owner)}` : ''} · ${words.fill(d.votes, { count: note.votes })}: `,
      options: { fontSize: s(10), bold: true, color: hex(noteKindColor(note.kind)) },
    });
    runs.push({ text: plain(note.text) || '–', options: { fontSize: s(10), color: INK, breakLine: true } });
  }
  for (const quote of tp.quotes) {
    const source = [plain(quote.who), dom.quoteSource[quote.source], quote.date ? words.date(quote.date) : ''].filter(Boolean).join(', ');
    runs.push({ text: `“${plain(quote.text)}”`, options: { fontSize: s(10), italic: true, color: INK } });
    runs.push({ text: ` — ${source}`, options: { fontSize: s(9), color: MUTED, breakLine: true } });
  }
  return runs;
}

function stageSlides(pptx: PptxGenJS, deck: Deck, stage: DeckStage, words: DeckWords) {
  const d = words.deck;
  const accent = hex(hexColor(stage.color));
  const kicker = words.fill(d.stage, { number: stage.number, count: deck.stages.length });
  const pages = Math.max(1, Math.ceil(stage.touchpoints.length / CARDS_PER_SLIDE));
  for (let page = 0; page < pages; page++) {
    const slide = pptx.addSlide();
    heading(slide, kicker + (stage.owner ? ` · ${words.fill(d.owner, { owner: plain(stage.owner) })}` : ''), page === 0 ? stage.title : words.fill(d.continued, { title: stage.title }), accent);
    let top = 1.2;
    if (page === 0) top = stageHeader(pptx, slide, stage, words, top);
    const cards = stage.touchpoints.slice(page * CARDS_PER_SLIDE, (page + 1) * CARDS_PER_SLIDE);
    if (cards.length === 0) {
      slide.addText(d.noTouchpoints, { x: M, y: top, w: 8, h: 0.5, fontSize: 16, color: MUTED, fontFace: FONT });
    }
    const across = 3;
    const down = Math.ceil(cards.length / across) || 1;
    const gap = 0.2;
    const w = (SLIDE_W - 2 * M - gap * (across - 1)) / across;
    const h = (SLIDE_H - 0.5 - top - gap * (down - 1)) / down;
    cards.forEach((tp, i) => {
      const x = M + (i % across) * (w + gap);
      const y = top + Math.floor(i / across) * (h + gap);
      slide.addShape('rect', { x, y, w, h, fill: { color: 'FFFFFF' }, line: { color: 'CBD5E1', width: 0.75 } });
      slide.addShape('rect', { x, y, w: 0.07, h, fill: { color: hex(scoreColor(tp.satisfaction)) }, line: { type: 'none' } });
      // Shrink the card's text until it fits its box (PowerPoint's own shrink only runs on edit).
      let scale = 1;
      let runs = touchpointRuns(tp, words, scale);
      while (scale > 0.5 && estimatedLines(runs, w - 0.25) * 0.2 * 1.15 > h - 0.15) {
        scale -= 0.1;
        runs = touchpointRuns(tp, words, scale);
      }
      slide.addText(runs, { x: x + 0.12, y: y + 0.05, w: w - 0.17, h: h - 0.1, valign: 'top', fontFace: FONT, fit: 'shrink', margin: 4 });
    });
    footer(slide, deck);
  }
}

/** The curve, layer cells and KPIs above the cards; returns where the cards start. */
function stageHeader(pptx: PptxGenJS, slide: Slide, stage: DeckStage, words: DeckWords, top: number): number {
  const d = words.deck;
  let y = top;
  if (stage.curve.length > 0) {
    const x0 = M + 1.8;
    const w = SLIDE_W - 2 * M - 1.8;
    const h = 0.9;
    slide.addText(
      [
        { text: d.curve, options: { bold: true, fontSize: 11, color: INK, breakLine: true } },
        { text: `${d.average}: ${words.score(stage.average)}`, options: { fontSize: 10, color: MUTED } },
      ],
      { x: M, y, w: 1.75, h, valign: 'top', fontFace: FONT, margin: 0 },
    );
    slide.addShape('rect', { x: x0, y, w, h, fill: { color: 'F8FAFC' }, line: { type: 'none' } });
    const yOf = (v: number) => y + h / 2 - (v / 4) * (h / 2 - 0.08);
    slide.addShape('line', { x: x0, y: yOf(0), w, h: 0, line: { color: 'CBD5E1', width: 0.75 } });
    const step = w / stage.curve.length;
    const points = stage.curve.map((p, i) => ({ x: x0 + step * (i + 0.5), y: yOf(p.value), p }));
    points.forEach((pt, i) => {
      const next = points[i + 1];
      if (next) {
        slide.addShape('line', {
          x: pt.x,
          y: Math.min(pt.y, next.y),
          w: next.x - pt.x,
          h: Math.max(Math.abs(next.y - pt.y), 0.001),
          flipV: next.y < pt.y,
          line: { color: INK, width: 1.5 },
        });
      }
    });
    for (const pt of points) {
      slide.addShape('ellipse', { x: pt.x - 0.05, y: pt.y - 0.05, w: 0.1, h: 0.1, fill: { color: hex(scoreColor(pt.p.value)) }, line: { type: 'none' } });
      slide.addText(`${words.score(pt.p.value)} ${plain(pt.p.title)}`, {
        x: pt.x - Math.min(step, 2.4) / 2,
        y: pt.p.value >= 0 ? pt.y + 0.05 : pt.y - 0.27,
        w: Math.min(step, 2.4),
        h: 0.22,
        fontSize: 8,
        color: MUTED,
        align: 'center',
        fontFace: FONT,
        margin: 0,
        fit: 'shrink',
      });
    }
    y += h + 0.12;
  }
  const layerRuns: Run[] = [];
  for (const cell of stage.cells) {
    layerRuns.push({ text: `${plain(cell.layerTitle)}: `, options: { bold: true, color: MUTED } });
    layerRuns.push({ text: plain(cell.text), options: { color: INK, breakLine: true } });
  }
  for (const kpi of stage.kpis) {
    const figures = [
      plain(kpi.metric),
      kpi.actual !== null ? `${d.actual} ${words.number(kpi.actual)}` : '',
      kpi.target !== null ? `${d.target} ${words.number(kpi.target)}` : '',
      kpi.onTarget === null ? '' : kpi.onTarget ? d.onTarget : d.offTarget,
    ].filter(Boolean);
    layerRuns.push({ text: `${plain(kpi.layerTitle)}: `, options: { bold: true, color: MUTED } });
    layerRuns.push({
      text: figures.join(' · '),
      options: { bold: true, color: kpi.onTarget === null ? INK : kpi.onTarget ? '15803D' : 'B91C1C', breakLine: true },
    });
  }
  if (layerRuns.length > 0) {
    const h = Math.min(1.4, 0.22 * (stage.cells.length + stage.kpis.length) + 0.1);
    slide.addText(layerRuns, { x: M, y, w: SLIDE_W - 2 * M, h, fontSize: 10, valign: 'top', fontFace: FONT, fit: 'shrink', margin: 2 });
    y += h + 0.1;
  }
  void pptx;
  return y;
}

function actionPlanSlides(pptx: PptxGenJS, deck: Deck, words: DeckWords) {
  const d = words.deck;
  const dom = words.domain;
  const c = d.columns;
  const header = [c.votes, c.kind, c.text, c.touchpoint, c.stage, c.status, c.owner].map((text) => ({
    text,
    options: { bold: true, color: MUTED, fill: { color: 'EEF2F7' } },
  }));
  const pages = Math.max(1, Math.ceil(deck.actionPlan.length / ACTION_ROWS_PER_SLIDE));
  for (let page = 0; page < pages; page++) {
    const slide = pptx.addSlide();
    heading(slide, page === 0 ? d.actionPlanLead : '', page === 0 ? d.actionPlan : words.fill(d.continued, { title: d.actionPlan }));
    const items = deck.actionPlan.slice(page * ACTION_ROWS_PER_SLIDE, (page + 1) * ACTION_ROWS_PER_SLIDE);
    if (items.length === 0) {
      slide.addText(d.noNotes, { x: M, y: 1.3, w: 8, h: 0.5, fontSize: 16, color: MUTED, fontFace: FONT });
    } else {
      const rows = items.map((item) => [
        { text: words.number(item.votes), options: { bold: true } },
        { text: dom.noteKind[item.kind], options: { color: hex(noteKindColor(item.kind)), bold: true } },
        { text: plain(item.text) || '–' },
        { text: plain(item.touchpointTitle) },
        { text: plain(item.stageTitle) },
        { text: dom.noteStatus[item.status] },
        { text: plain(item.owner) },
      ]);
      slide.addTable([header, ...rows], {
        x: M,
        y: 1.25,
        w: SLIDE_W - 2 * M,
        colW: [0.7, 0.9, 4.6, 2.2, 1.6, 1.2, 1.233],
        fontSize: 10,
        fontFace: FONT,
        color: INK,
        valign: 'top',
        border: { type: 'solid', pt: 0.5, color: RULE },
      });
    }
    footer(slide, deck);
  }
}

function reviewSlide(pptx: PptxGenJS, deck: Deck, words: DeckWords) {
  const review = deck.review;
  if (!review) return;
  const d = words.deck;
  const slide = pptx.addSlide();
  heading(slide, words.fill(d.reviewSaved, { date: words.date(review.createdAt) }), words.fill(d.review, { name: review.name }));
  const runs: Run[] = [];
  if (review.summary) {
    runs.push({ text: d.reviewSummary, options: { bold: true, fontSize: 14, breakLine: true } });
    runs.push({ text: plain(review.summary), options: { fontSize: 13, breakLine: true } });
    runs.push({ text: ' ', options: { fontSize: 8, breakLine: true } });
  }
  runs.push({
    text:
      review.comparedWith.kind === 'previousReview'
        ? words.fill(d.reviewChangesSincePrevious, { name: review.comparedWith.name, date: words.date(review.comparedWith.createdAt) })
        : d.reviewChangesSinceThen,
    options: { bold: true, fontSize: 14, breakLine: true },
  });
  const n = review.counts;
  runs.push({
    text: words.fill(d.reviewCounts, {
      added: n.touchpointsAdded,
      retired: n.touchpointsRetired,
      deleted: n.touchpointsDeleted,
      changed: n.touchpointsChanged,
      fixes: n.fixesClosed,
      quotes: n.quotesAdded,
    }),
    options: { fontSize: 12, breakLine: true },
  });
  for (const [label, items] of reviewChangeLists(review, d)) {
    if (items.length === 0) continue;
    runs.push({ text: `${label}: `, options: { bold: true, fontSize: 12 } });
    runs.push({ text: items.map(plain).join(' · '), options: { fontSize: 12, breakLine: true } });
  }
  slide.addText(runs, { x: M, y: 1.3, w: SLIDE_W - 2 * M, h: SLIDE_H - 1.9, valign: 'top', color: INK, fontFace: FONT, fit: 'shrink' });
  footer(slide, deck);
}

export async function writeDeckPptx(deck: Deck, words: DeckWords, options: PptxOptions = {}): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = plain(deck.title);
  pptx.subject = words.deck.journeyMap;
  pptx.company = 'CJM Studio';
  coverSlide(pptx, deck, words);
  overviewSlides(pptx, deck, words);
  await options.onProgress?.(0.1);
  for (const [i, stage] of deck.stages.entries()) {
    stageSlides(pptx, deck, stage, words);
    await options.onProgress?.(0.1 + (0.5 * (i + 1)) / Math.max(deck.stages.length, 1));
  }
  actionPlanSlides(pptx, deck, words);
  reviewSlide(pptx, deck, words);
  // pptxgenjs stores its zip uncompressed when asked for bytes (and its `compression` flag is
  // lost on that path): zipped again with DEFLATE, a 200-card deck goes from ~10 MB to ~0.4 MB.
  const stored = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  await options.onProgress?.(0.8);
  const zip = await JSZip.loadAsync(stored);
  const zipped = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  await options.onProgress?.(0.95);
  return zipped;
}
