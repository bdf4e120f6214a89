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
import { toSvg } from 'html-to-image';
import { getViewportForBounds } from '@xyflow/react';
import type { GridLayout } from '../domain/grid';
import { satisfactionTone, stageAverages } from '../domain/satisfaction';
import type { Stage, Touchpoint } from '../domain/types';
import { averageLabel, roundedAverage } from './format';
import { CURVE_RANGE, curveY, planPng, type Box, type PngLayout } from './pngLayout';
import { viewportSvgUrl } from './viewportSvg';

export interface PngExportInput {
  /** The `.react-flow__viewport` element, with every node of the map rendered. */
  viewport: HTMLElement;
  layout: Pick<GridLayout, 'width' | 'height' | 'columns'>;
  stages: readonly Stage[];
  touchpoints: Iterable<Touchpoint>;
  title: string;
  /** The date line under the title, already worded ("Exported 1 February 2026"). */
  dateLine: string;
  curveLabel: string;
  onStep?: (step: 'render' | 'compose' | 'encode') => void;
  /** While composing: the share of the map drawn so far. */
  onProgress?: (share: number) => void;
}

export interface PngExportResult {
  blob: Blob;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (2, or less when the map had to be scaled down). */
  scale: number;
  scaledDown: boolean;
}

// Not worth drawing: editing affordances and other people's presence.
const LEFT_OUT = [
  'react-flow__viewport-portal',
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
 * The grid part: the viewport at a transform that puts the grid's top-left at 0,0 at zoom 1.
 * Drawn with the page's style sheets (viewportSvg.ts: seconds even for big maps); should the
 * browser refuse that image, html-to-image's per-element copy is the slower way that works.
 */
async function renderGrid(viewport: HTMLElement, layout: PngExportInput['layout']): Promise<HTMLImageElement> {
  const { width, height } = layout;
  try {
    return await loadImage(viewportSvgUrl(viewport, { width, height, leaveOut: LEFT_OUT }));
  } catch (error) {
    console.warn('PNG export: drawing with the style sheets failed, copying styles instead', error);
  }
  // The documented recipe; for bounds starting at 0,0 at the bounds' own size it is the identity.
  const { x, y, zoom } = getViewportForBounds({ x: 0, y: 0, width, height }, width, height, 1, 1, 0);
  const svgUrl = await toSvg(viewport, {
    width,
    height,
    backgroundColor: COLORS.background,
    skipFonts: true,
    filter: keep,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
  });
  // As a data: URL, like html-to-image itself: Chromium treats an SVG with <foreignObject> from
  // a blob: URL as cross-origin and would taint the canvas, so it could not be saved.
  return loadImage(svgUrl);
}

function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
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

function drawHeader(ctx: CanvasRenderingContext2D, box: Box, title: string, dateLine: string): void {
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = COLORS.ink;
  ctx.font = `650 26px ${FONT}`;
  ctx.fillText(fitText(ctx, title, box.width), box.x, box.y + 30);
  ctx.fillStyle = COLORS.muted;
  ctx.font = `400 15px ${FONT}`;
  ctx.fillText(fitText(ctx, dateLine, box.width), box.x, box.y + 56);
}

function drawCurve(ctx: CanvasRenderingContext2D, box: Box, input: PngExportInput): void {
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
    ctx.fillText(averageLabel(p.average), p.x, below ? y(p.average) + 17 : y(p.average) - 9);
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

function canvasFor(plan: PngLayout): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = plan.canvasWidth;
  canvas.height = plan.canvasHeight;
  const ctx = canvas.getContext('2d');
  // Over the browser's limits it silently gives a 0×0 canvas or none.
  if (!ctx || canvas.width !== plan.canvasWidth || canvas.height !== plan.canvasHeight) {
    throw new Error(`the browser cannot make a ${plan.canvasWidth}×${plan.canvasHeight} picture`);
  }
  return { canvas, ctx };
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be encoded'))), 'image/png'),
  );
}

/** CSS pixels of the map drawn per step: a big map is drawn strip by strip, the page breathing in between. */
const STRIP_HEIGHT = 1024;

/**
 * The grid image is vector (SVG): drawn at its destination size in device pixels it stays
 * sharp. In strips, so the page keeps answering while a tall map is rasterised.
 */
async function drawInStrips(
  ctx: CanvasRenderingContext2D,
  grid: HTMLImageElement,
  plan: PngLayout,
  onProgress?: (share: number) => void,
): Promise<void> {
  const { x, y, width, height } = plan.grid;
  const s = plan.scale;
  for (let top = 0; top < height; top += STRIP_HEIGHT) {
    const h = Math.min(STRIP_HEIGHT, height - top);
    ctx.drawImage(grid, 0, top, width, h, x * s, (y + top) * s, width * s, h * s);
    onProgress?.((top + h) / height);
    if (top + h < height) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Draws the whole map into one PNG. The viewport must show every node (see PngExportLayer). */
export async function renderMapPng(input: PngExportInput): Promise<PngExportResult> {
  const plan = planPng(input.layout);
  input.onStep?.('render');
  const grid = await renderGrid(input.viewport, input.layout);

  input.onStep?.('compose');
  const { canvas, ctx } = canvasFor(plan);
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await drawInStrips(ctx, grid, plan, input.onProgress);
  ctx.setTransform(plan.scale, 0, 0, plan.scale, 0, 0);
  drawHeader(ctx, plan.header, input.title, input.dateLine);
  drawCurve(ctx, plan.curve, input);

  input.onStep?.('encode');
  const blob = await toBlob(canvas);
  return { blob, width: canvas.width, height: canvas.height, scale: plan.scale, scaledDown: plan.scaledDown };
}
