// The whole map as a PNG, the way React Flow documents it (bounds + getViewportForBounds +
// the viewport element rendered to an image): the bounds are the grid from computeGrid (its
// headers and cells are nodes and hold every card), the `.react-flow__viewport` element is
// rendered at an explicit transform that shows all of it, and the result is composed on one
// canvas with a header (title and date, drawn as text with fillText, never HTML) and the
// emotion curve redrawn from the stage averages.
//
// The viewport becomes an SVG <foreignObject> image (viewportSvg.ts; html-to-image 1.11.11 —
// pinned, later versions drop edges — as the fallback), loaded from a data: URL. The app's CSP
// allows that: img-src 'self' data: blob:, see server/securityHeaders.ts. In that copy the
// icons are CSS masks, not inline svgs (iconsAsMasks): a third less SVG to load.
//
// Where the time goes for 500 touchpoints (docs/PERFORMANCE.md): React rendering every card in
// full, the browser loading the SVG image (parse, style, layout: it happens once, not per
// strip), rasterising it strip by strip, and PNG encoding, which runs in a worker
// (pngEncoder.ts) while React puts the canvas back. User Timing marks (png:render,
// png:decoded, png:drawn, png:encoded) show the phases in a browser profile.
import { toSvg } from 'html-to-image';
import { getViewportForBounds } from '@xyflow/react';
import type { GridLayout } from '../domain/grid';
import { satisfactionTone, stageAverages } from '../domain/satisfaction';
import { touchpointCurvePoints } from '../domain/curve';
import {
  NOTE_KINDS,
  QUOTE_SOURCES,
  TOUCHPOINT_STATUSES,
  type Channel,
  type NoteKind,
  type QuoteSource,
  type Stage,
  type Touchpoint,
  type TouchpointStatus,
} from '../domain/types';
import { ICON_STROKES } from '../ui/icons';
import type { Translate } from '../locales/i18n';
import type { Locale } from '../domain/locale';
import { formatScore } from '../domain/satisfaction';
import { roundedAverage } from './format';
import { CURVE_RANGE, curveY, gridStrips, planPng, type Box, type GridStrip, type PngLayout } from './pngLayout';
import { encodeOffscreenPng, warmPngEncoder } from './pngEncoder';
import { copyViewport, viewportCopySvgUrl, type ViewportCopy } from './viewportSvg';

/** Either kind of canvas: an OffscreenCanvas when the browser has one (its pixels can move to the encoder). */
type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface PngExportInput {
  /** The `.react-flow__viewport` element, with every node of the map rendered. */
  viewport: HTMLElement;
  /** `left`: flow x where the picture starts (the persona column, personaLayout.ts); columns count from there. */
  layout: Pick<GridLayout, 'width' | 'height' | 'columns'> & { left?: number };
  stages: readonly Stage[];
  channels: readonly Channel[];
  touchpoints: Iterable<Touchpoint>;
  title: string;
  /** The date line under the title, already worded ("Exported 1 February 2026"). */
  dateLine: string;
  curveLabel: string;
  /** The curve's key and the legend, in the map's language. */
  words: PngWords;
  /** The language numbers are written in. */
  locale: Locale;
  /**
   * 'render': the map is being copied and drawn; 'compose': it is on the picture, so the live
   * canvas can go back to the user; 'encode': the PNG is being encoded.
   */
  onStep?: (step: 'render' | 'compose' | 'encode') => void;
  /** While drawing: the share of the map drawn so far. */
  onProgress?: (share: number) => void;
}

export interface PngWords {
  touchpoints: string;
  stageAverage: string;
  legend: Record<'title' | 'notes' | 'voice' | 'status' | 'satisfaction' | 'negative' | 'neutral' | 'positive' | 'unrated', string>;
  noteKinds: Record<NoteKind, string>;
  quoteSources: Record<QuoteSource, string>;
  statuses: Record<TouchpointStatus, string>;
}

/** The legend's and the curve key's words from the dictionary. */
export function pngWordsFor(t: Translate): PngWords {
  const of = <K extends string>(keys: readonly K[], word: (key: K) => string) =>
    Object.fromEntries(keys.map((k) => [k, word(k)])) as Record<K, string>;
  return {
    touchpoints: t('canvas.curve.touchpoints'),
    stageAverage: t('canvas.curve.stageAverage'),
    legend: of(['title', 'notes', 'voice', 'status', 'satisfaction', 'negative', 'neutral', 'positive', 'unrated'], (k) =>
      t(`canvas.legend.${k}`),
    ),
    noteKinds: of(NOTE_KINDS, (k) => t(`domain.noteKind.${k}`)),
    quoteSources: of(QUOTE_SOURCES, (k) => t(`domain.quoteSource.${k}`)),
    statuses: of(TOUCHPOINT_STATUSES, (k) => t(`domain.touchpointStatus.${k}`)),
  };
}

export interface PngExportResult {
  blob: Blob;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel: 2, 1.75 or 1.5 by the map's size (pngLayout.ts), less only at the browser's limits. */
  scale: number;
  /** The browser's canvas limits forced a smaller scale than the size rule's. */
  scaledDown: boolean;
}

// Not worth drawing: editing affordances and other people's presence.
const LEFT_OUT = [
  'react-flow__viewport-portal',
  // The wide invisible stroke around each connection that catches the pointer.
  'react-flow__edge-interaction',
  'react-flow__handle',
  'react-flow__resize-control',
  'cjm-peer-tag',
  'cjm-lane__menu-button',
  'cjm-lane-marker',
  // "Add photo" / "Remove photo": buttons, not the persona.
  'cjm-persona__photo-tools',
];

function keep(node: HTMLElement): boolean {
  const classes = (node as Element).classList;
  return !classes || !LEFT_OUT.some((name) => classes.contains(name));
}

const COLORS = {
  background: '#ffffff',
  ink: '#0f172a',
  muted: '#64748b',
  faint: '#94a3b8',
  line: '#e2e8f0',
  bound: '#f1f5f9',
  curve: '#64748b',
  averageLine: '#cbd5e1',
  negative: '#ef4444',
  neutral: '#94a3b8',
  positive: '#10b981',
  negativeText: '#dc2626',
  positiveText: '#059669',
};
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

/**
 * html-to-image's per-element copy of the computed styles: the slow way (minutes for hundreds
 * of cards) that works should the browser refuse the style-sheet image. It needs laid-out
 * elements, so the copy goes into the page for the time, out of sight; the live canvas is
 * not touched (it may be hidden meanwhile, see PngExportLayer).
 */
async function renderWithCopiedStyles(copy: ViewportCopy, width: number, height: number, left: number): Promise<HTMLImageElement> {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:fixed;left:-${width + 100}px;top:0;width:${width}px;height:${height}px;overflow:hidden;pointer-events:none;`;
  const iconStyle = document.createElement('style');
  iconStyle.textContent = copy.css.join('\n');
  host.append(iconStyle, copy.frame);
  document.body.append(host);
  try {
    // The documented recipe; for bounds starting at 0,0 at the bounds' own size it is the identity.
    const { x, y, zoom } = getViewportForBounds({ x: 0, y: 0, width, height }, width, height, 1, 1, 0);
    const svgUrl = await toSvg(copy.viewport, {
      width,
      height,
      backgroundColor: COLORS.background,
      skipFonts: true,
      filter: keep,
      style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x - left}px, ${y}px) scale(${zoom})` },
    });
    // As a data: URL, like html-to-image itself: Chromium treats an SVG with <foreignObject> from
    // a blob: URL as cross-origin and would taint the canvas, so it could not be saved.
    return await loadImage(svgUrl);
  } finally {
    host.remove();
  }
}

function fitText(ctx: Context2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join('')}…`).width <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${chars.slice(0, low).join('')}…`;
}

function drawHeader(ctx: Context2D, box: Box, title: string, dateLine: string): void {
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.ink;
  ctx.font = `650 26px ${FONT}`;
  ctx.fillText(fitText(ctx, title, box.width), box.x, box.y + 30);
  ctx.fillStyle = COLORS.muted;
  ctx.font = `400 15px ${FONT}`;
  ctx.fillText(fitText(ctx, dateLine, box.width), box.x, box.y + 56);
}

const toneFill = (tone: string) =>
  tone === 'negative' ? COLORS.negative : tone === 'positive' ? COLORS.positive : tone === 'neutral' ? COLORS.neutral : COLORS.line;
const toneText = (tone: string) =>
  tone === 'negative' ? COLORS.negativeText : tone === 'positive' ? COLORS.positiveText : COLORS.muted;
const signed = (v: number) => (v > 0 ? `+${v}` : v < 0 ? `\u2212${-v}` : '0');

/** The same curve as on screen: a point per rated touchpoint under its card, stage averages dashed. */
function drawCurve(ctx: Context2D, box: Box, input: PngExportInput): void {
  const { layout } = input;
  const touchpoints = [...input.touchpoints];
  const averages = stageAverages(input.stages, touchpoints);
  const points = touchpointCurvePoints(layout.columns, input.channels, touchpoints);
  const y = (value: number) => box.y + curveY(value, box.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.width, box.height);
  ctx.clip();

  ctx.strokeStyle = COLORS.line;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(box.x, box.y + 0.5);
  ctx.lineTo(box.x + box.width, box.y + 0.5);
  ctx.stroke();
  for (let value = -CURVE_RANGE; value <= CURVE_RANGE; value++) {
    ctx.strokeStyle = value === 0 ? COLORS.faint : COLORS.bound;
    ctx.setLineDash(value === 0 ? [4, 4] : []);
    ctx.beginPath();
    ctx.moveTo(box.x, y(value));
    ctx.lineTo(box.x + box.width, y(value));
    ctx.stroke();
  }
  ctx.setLineDash([]);

  // Stage averages: the quieter, dashed line; an unrated stage breaks it, as on screen.
  const stagePoints = averages.map((a, i) => {
    const column = layout.columns[i];
    return { average: a.average, x: box.x + (column ? column.x + column.width / 2 : 0) };
  });
  ctx.strokeStyle = COLORS.averageLine;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  ctx.setLineDash([6, 4]);
  let drawing = false;
  ctx.beginPath();
  for (const p of stagePoints) {
    if (p.average === null) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(p.x, y(p.average));
    else ctx.moveTo(p.x, y(p.average));
    drawing = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);

  // The touchpoints, left to right.
  ctx.strokeStyle = COLORS.curve;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(box.x + p.x, y(p.value)) : ctx.lineTo(box.x + p.x, y(p.value))));
  ctx.stroke();

  ctx.font = `650 11px ${FONT}`;
  ctx.textAlign = 'center';
  for (const p of stagePoints) {
    if (p.average === null) continue;
    const tone = satisfactionTone(roundedAverage(p.average));
    ctx.fillStyle = COLORS.averageLine;
    ctx.beginPath();
    ctx.arc(p.x, y(p.average), 3.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = toneText(tone);
    const below = roundedAverage(p.average) < 0;
    ctx.fillText(formatScore(p.average, input.locale), p.x, below ? y(p.average) + 17 : y(p.average) - 9);
  }

  // The touchpoints' dots above the quieter averages.
  for (const p of points) {
    ctx.fillStyle = toneFill(satisfactionTone(p.value));
    ctx.strokeStyle = COLORS.background;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.arc(box.x + p.x, y(p.value), 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(box.x, box.y + 1, 30, box.height - 1);
  ctx.fillStyle = COLORS.faint;
  ctx.font = `400 10px ${FONT}`;
  for (let value = -CURVE_RANGE; value <= CURVE_RANGE; value++) ctx.fillText(signed(value), box.x + 6, y(value) + 4);
  ctx.fillStyle = COLORS.muted;
  ctx.font = `650 10.5px ${FONT}`;
  const label = input.curveLabel.toUpperCase();
  ctx.fillText(label, box.x + 40, box.y + 15);
  // The key: which line is which.
  let x = box.x + 40 + ctx.measureText(label).width + 24;
  ctx.font = `400 10.5px ${FONT}`;
  for (const [text, color, dash] of [
    [input.words.touchpoints, COLORS.curve, []],
    [input.words.stageAverage, COLORS.averageLine, [6, 4]],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x, box.y + 11);
    ctx.lineTo(x + 18, box.y + 11);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.muted;
    ctx.fillText(text, x + 23, box.y + 15);
    x += 23 + ctx.measureText(text).width + 20;
  }
  ctx.restore();
}

const NOTE_COLORS: Record<NoteKind, string> = { fix: '#b91c1c', wow: '#b45309', planB: '#1d4ed8' };
const STATUS_COLORS: Record<TouchpointStatus, { fill: string; text: string }> = {
  active: { fill: '#ecfdf5', text: '#047857' },
  new: { fill: '#eef2ff', text: '#4338ca' },
  retired: { fill: '#f1f5f9', text: '#64748b' },
};
const SOURCE_ICONS: Record<QuoteSource, keyof typeof ICON_STROKES> = {
  survey: 'sourceSurvey',
  review: 'sourceReview',
  interview: 'sourceInterview',
  support: 'sourceSupport',
  social: 'sourceSocial',
  rolePlay: 'sourceRolePlay',
};

/** One of the app's 16 px stroke icons, drawn at `size` with its top-left corner at x, y. */
function drawIcon(ctx: Context2D, name: keyof typeof ICON_STROKES, x: number, y: number, size: number, color: string) {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(size / 16, size / 16);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const d of ICON_STROKES[name]) ctx.stroke(new Path2D(d));
  ctx.restore();
}

/** What the icons and colours on the cards and the curve mean, in the map's language. */
function drawLegend(ctx: Context2D, box: Box, words: PngWords): void {
  const rowHeight = 24;
  const labelFont = `650 12px ${FONT}`;
  ctx.save();
  // As wide as the longest label ("Удовлетворённость (восприятие − ожидание)" is long), within half the legend.
  ctx.font = labelFont;
  const labels = [words.legend.notes, words.legend.voice, words.legend.status, words.legend.satisfaction];
  const longest = Math.max(...labels.map((label) => ctx.measureText(label).width));
  const labelWidth = Math.min(box.width / 2, Math.max(150, Math.ceil(longest) + 24));
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.muted;
  ctx.font = `650 10.5px ${FONT}`;
  ctx.fillText(words.legend.title.toUpperCase(), box.x, box.y + 10);
  const right = box.x + box.width;
  const row = (index: number, label: string, items: readonly { draw: (x: number, y: number) => number }[]) => {
    const middle = box.y + 24 + index * rowHeight + rowHeight / 2;
    ctx.fillStyle = COLORS.ink;
    ctx.font = labelFont;
    ctx.fillText(fitText(ctx, label, labelWidth - 12), box.x, middle);
    let x = box.x + labelWidth;
    for (const item of items) {
      if (x >= right) break;
      x += item.draw(x, middle) + 18;
    }
  };
  const iconItem = (icon: keyof typeof ICON_STROKES, color: string, text: string) => ({
    draw: (x: number, middle: number) => {
      drawIcon(ctx, icon, x, middle - 7, 14, color);
      ctx.fillStyle = COLORS.ink;
      ctx.font = `400 12px ${FONT}`;
      ctx.fillText(text, x + 19, middle);
      return 19 + ctx.measureText(text).width;
    },
  });
  row(
    0,
    words.legend.notes,
    NOTE_KINDS.map((kind) => iconItem(kind, NOTE_COLORS[kind], words.noteKinds[kind])),
  );
  row(
    1,
    words.legend.voice,
    QUOTE_SOURCES.map((source) => iconItem(SOURCE_ICONS[source], COLORS.muted, words.quoteSources[source])),
  );
  row(
    2,
    words.legend.status,
    TOUCHPOINT_STATUSES.map((status) => ({
      draw: (x: number, middle: number) => {
        const text = words.statuses[status];
        ctx.font = `600 11px ${FONT}`;
        const width = ctx.measureText(text).width + 16;
        ctx.fillStyle = STATUS_COLORS[status].fill;
        ctx.beginPath();
        ctx.roundRect(x, middle - 9, width, 18, 9);
        ctx.fill();
        ctx.fillStyle = STATUS_COLORS[status].text;
        ctx.fillText(text, x + 8, middle);
        return width;
      },
    })),
  );
  row(
    3,
    words.legend.satisfaction,
    (['negative', 'neutral', 'positive', 'unrated'] as const).map((tone) => ({
      draw: (x: number, middle: number) => {
        ctx.fillStyle = toneFill(tone);
        ctx.beginPath();
        ctx.arc(x + 6, middle, 5.5, 0, Math.PI * 2);
        ctx.fill();
        const text = words.legend[tone];
        ctx.fillStyle = COLORS.ink;
        ctx.font = `400 12px ${FONT}`;
        ctx.fillText(text, x + 17, middle);
        return 17 + ctx.measureText(text).width;
      },
    })),
  );
  ctx.restore();
}

interface PictureCanvas {
  ctx: Context2D;
  /** PNG bytes of what is drawn. */
  encode: () => Promise<Blob>;
}

function canvasFor(plan: PngLayout): PictureCanvas {
  const { canvasWidth: width, canvasHeight: height } = plan;
  const tooLarge = () => new Error(`the browser cannot make a ${width}×${height} picture`);
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw tooLarge();
    return { ctx, encode: () => encodeOffscreenPng(canvas) };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  // Over the browser's limits it silently gives a 0×0 canvas or none.
  if (!ctx || canvas.width !== width || canvas.height !== height) throw tooLarge();
  const encode = () =>
    new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded'))), 'image/png'),
    );
  return { ctx, encode };
}

/**
 * White everywhere but the grid, whose image brings its own white: painting the 100 million
 * pixels of a big map twice cost a quarter of a second.
 */
function paintBackground(ctx: Context2D, plan: PngLayout, strips: readonly GridStrip[]): void {
  const first = strips[0];
  const last = strips.at(-1);
  const { canvasWidth: width, canvasHeight: height } = plan;
  ctx.fillStyle = COLORS.background;
  if (!first || !last) {
    ctx.fillRect(0, 0, width, height);
    return;
  }
  const top = first.y;
  const bottom = last.y + last.height;
  const left = first.x;
  const right = first.x + first.width;
  ctx.fillRect(0, 0, width, top);
  ctx.fillRect(0, bottom, width, height - bottom);
  ctx.fillRect(0, top, left, bottom - top);
  ctx.fillRect(right, top, width - right, bottom - top);
}

/**
 * The grid image is vector (SVG): drawn at its destination size in device pixels it stays
 * sharp. In strips, so the page keeps answering while a tall map is rasterised; the browser
 * rasterises only the part of the image each strip needs, so strips cost no more than one
 * big drawImage (measured: less).
 */
async function drawInStrips(
  ctx: Context2D,
  grid: HTMLImageElement,
  strips: readonly GridStrip[],
  onProgress?: (share: number) => void,
): Promise<void> {
  for (const [i, strip] of strips.entries()) {
    ctx.drawImage(grid, 0, strip.sourceY, strip.sourceWidth, strip.sourceHeight, strip.x, strip.y, strip.width, strip.height);
    onProgress?.((i + 1) / strips.length);
    if (i + 1 < strips.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Draws the whole map into one PNG. The viewport must show every node (see PngExportLayer). */
export async function renderMapPng(input: PngExportInput): Promise<PngExportResult> {
  const plan = planPng(input.layout);
  const { height } = input.layout;
  warmPngEncoder();
  performance.mark('png:render');
  input.onStep?.('render');
  const left = input.layout.left ?? 0;
  // As wide as the map's image, so connections routed just past the grid's edge are in it.
  const imageWidth = plan.gridImage.width;
  const copy = copyViewport(input.viewport, { width: imageWidth, height, left, leaveOut: LEFT_OUT });
  // Headers stuck to the screen's edges (sticky.tsx) go back to the grid's edges in the picture.
  for (const el of copy.viewport.querySelectorAll<HTMLElement>('.cjm-sticky')) el.style.removeProperty('transform');
  const url = viewportCopySvgUrl(copy, imageWidth, height);
  let grid: HTMLImageElement;
  try {
    grid = await loadImage(url);
  } catch (error) {
    console.warn('PNG export: drawing with the style sheets failed, copying styles instead', error);
    grid = await renderWithCopiedStyles(copy, imageWidth, height, left);
  }
  performance.mark('png:decoded');

  const { ctx, encode } = canvasFor(plan);
  const strips = gridStrips(plan);
  paintBackground(ctx, plan, strips);
  await drawInStrips(ctx, grid, strips, input.onProgress);
  ctx.setTransform(plan.scale, 0, 0, plan.scale, 0, 0);
  drawHeader(ctx, plan.header, input.title, input.dateLine);
  drawCurve(ctx, plan.curve, input);
  drawLegend(ctx, plan.legend, input.words);

  performance.mark('png:drawn');
  // The map is drawn: the live canvas can go back to the user, while the PNG is encoded.
  input.onStep?.('compose');
  input.onStep?.('encode');
  const blob = await encode();
  performance.mark('png:encoded');
  return { blob, width: plan.canvasWidth, height: plan.canvasHeight, scale: plan.scale, scaledDown: plan.scaledDown };
}
