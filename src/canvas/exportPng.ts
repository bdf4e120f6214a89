// The whole map as a PNG, the way React Flow documents it (bounds + getViewportForBounds +
// the viewport element rendered to an image): the bounds are the grid from computeGrid (its
// headers and cells are nodes and hold every card), the `.react-flow__viewport` element is
// rendered at an explicit transform that shows all of it, and the result is composed on one
// canvas with a header (title and date, drawn as text with fillText, never HTML) and the
// emotion curve redrawn from the stage averages.
//
// The viewport becomes an SVG <foreignObject> image (viewportSvg.ts; html-to-image 1.11.11 —
// pinned, later versions drop edges — as the fallback), loaded from a data: URL. The app's CSP
// allows that: img-src 'self' data: blob:, see server/securityHeaders.ts.
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
import type { Stage, Touchpoint } from '../domain/types';
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
  touchpoints: Iterable<Touchpoint>;
  title: string;
  /** The date line under the title, already worded ("Exported 1 February 2026"). */
  dateLine: string;
  curveLabel: string;
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
  host.append(copy.frame);
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

function drawCurve(ctx: Context2D, box: Box, input: PngExportInput): void {
  const { layout } = input;
  const averages = stageAverages(input.stages, input.touchpoints);
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
  for (const value of [CURVE_RANGE, -CURVE_RANGE]) {
    ctx.strokeStyle = COLORS.bound;
    ctx.beginPath();
    ctx.moveTo(box.x, y(value));
    ctx.lineTo(box.x + box.width, y(value));
    ctx.stroke();
  }
  ctx.strokeStyle = COLORS.faint;
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(box.x, y(0));
  ctx.lineTo(box.x + box.width, y(0));
  ctx.stroke();
  ctx.setLineDash([]);

  const points = averages.map((a, i) => {
    const column = layout.columns[i];
    return { average: a.average, x: box.x + (column ? column.x + column.width / 2 : 0) };
  });
  // One line per run of rated stages; an unrated stage breaks it, as on screen.
  ctx.strokeStyle = COLORS.curve;
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  let drawing = false;
  ctx.beginPath();
  for (const p of points) {
    if (p.average === null) {
      drawing = false;
      continue;
    }
    if (drawing) ctx.lineTo(p.x, y(p.average));
    else ctx.moveTo(p.x, y(p.average));
    drawing = true;
  }
  ctx.stroke();

  ctx.font = `650 11px ${FONT}`;
  ctx.textAlign = 'center';
  for (const p of points) {
    if (p.average === null) continue;
    const tone = satisfactionTone(roundedAverage(p.average));
    ctx.fillStyle = tone === 'negative' ? COLORS.negative : tone === 'positive' ? COLORS.positive : COLORS.neutral;
    ctx.strokeStyle = COLORS.background;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(p.x, y(p.average), 5, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = tone === 'negative' ? COLORS.negativeText : tone === 'positive' ? COLORS.positiveText : COLORS.muted;
    const below = roundedAverage(p.average) < 0;
    ctx.fillText(formatScore(p.average, input.locale), p.x, below ? y(p.average) + 17 : y(p.average) - 9);
  }

  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.faint;
  ctx.font = `400 10px ${FONT}`;
  ctx.fillText('+4', box.x + 6, y(CURVE_RANGE) + 4);
  ctx.fillText('0', box.x + 6, y(0) + 4);
  ctx.fillText('−4', box.x + 6, y(-CURVE_RANGE) + 4);
  ctx.fillStyle = COLORS.muted;
  ctx.font = `650 10.5px ${FONT}`;
  ctx.fillText(input.curveLabel.toUpperCase(), box.x + 40, box.y + 15);
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
  const { width, height } = input.layout;
  warmPngEncoder();
  performance.mark('png:render');
  input.onStep?.('render');
  const left = input.layout.left ?? 0;
  const copy = copyViewport(input.viewport, { width, height, left, leaveOut: LEFT_OUT });
  // Headers stuck to the screen's edges (sticky.tsx) go back to the grid's edges in the picture.
  for (const el of copy.viewport.querySelectorAll<HTMLElement>('.cjm-sticky')) el.style.removeProperty('transform');
  const url = viewportCopySvgUrl(copy, width, height);
  let grid: HTMLImageElement;
  try {
    grid = await loadImage(url);
  } catch (error) {
    console.warn('PNG export: drawing with the style sheets failed, copying styles instead', error);
    grid = await renderWithCopiedStyles(copy, width, height, left);
  }
  performance.mark('png:decoded');

  const { ctx, encode } = canvasFor(plan);
  const strips = gridStrips(plan);
  paintBackground(ctx, plan, strips);
  await drawInStrips(ctx, grid, strips, input.onProgress);
  ctx.setTransform(plan.scale, 0, 0, plan.scale, 0, 0);
  drawHeader(ctx, plan.header, input.title, input.dateLine);
  drawCurve(ctx, plan.curve, input);

  performance.mark('png:drawn');
  // The map is drawn: the live canvas can go back to the user, while the PNG is encoded.
  input.onStep?.('compose');
  input.onStep?.('encode');
  const blob = await encode();
  performance.mark('png:encoded');
  return { blob, width: plan.canvasWidth, height: plan.canvasHeight, scale: plan.scale, scaledDown: plan.scaledDown };
}
