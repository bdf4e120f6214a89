// Where everything goes in the exported PNG, in CSS pixels before scaling: a header with the
// map's title and date, the whole grid (not just what is on screen), and the emotion curve
// under its columns. Pure numbers, so the sizing rules are tested without a browser.
import type { GridLayout } from '../domain/grid';

/** What the export aims for: twice the CSS size, sharp on slides and retina screens. */
export const PNG_PIXEL_RATIO = 2;
/**
 * A big map gets fewer pixels per CSS pixel, in quarter steps, so that the picture stays near
 * this many pixels: drawing and encoding take time in proportion (a 500-touchpoint map at 2×
 * is 118 million pixels, seconds of work)…
 */
export const PNG_PIXEL_BUDGET = 64_000_000;
/**
 * …but never fewer than 1: card text (10.5–13.5 px) is as sharp as on a plain screen at 100 %.
 * Cards that show their notes and quote are nearly twice as tall, so a 500-touchpoint map at
 * the former floor of 1.5 had twice the pixels and took half as long again (docs/PERFORMANCE.md).
 */
export const PNG_MIN_PIXEL_RATIO = 1;
/** Chromium refuses canvases with a side over 32,767 px… */
export const MAX_CANVAS_SIDE = 32_767;
/** …or more than 2^28 pixels in all. */
export const MAX_CANVAS_AREA = 268_435_456;

export const PNG_BOX = {
  padding: 32,
  /** Title and date above the map. */
  headerHeight: 76,
  /** Between the map and the curve, and between the curve and the legend. */
  gap: 16,
  /** Taller than the screen's default: a point per touchpoint needs room to read. */
  curveHeight: 170,
  /** The legend of icons and colours: a title row and four rows (notes, voice, status, satisfaction). */
  legendHeight: 24 + 4 * 24,
  /** A blank or tiny map still gets room for its title. */
  minWidth: 720,
  /**
   * The map's image reaches this far into the right margin: a connection between two cards of the
   * last stage is routed around them, just past the grid's right edge.
   */
  edgeRoom: 24,
} as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PngLayout {
  /** The whole picture, in CSS pixels. */
  width: number;
  height: number;
  header: Box;
  grid: Box;
  /** The map's image: the grid and the room right of it that connections may take. */
  gridImage: Box;
  curve: Box;
  legend: Box;
  /** Device pixels per CSS pixel: pixelRatioFor the picture, or less when the browser cannot make that canvas. */
  scale: number;
  /** True when the browser's canvas limits forced a scale under the one the size rule asks for. */
  scaledDown: boolean;
  /** The canvas size in device pixels. */
  canvasWidth: number;
  canvasHeight: number;
}

/** The largest scale ≤ `ratio` at which a canvas of `width` × `height` CSS pixels stays within the limits. */
export function fitScale(width: number, height: number, ratio = PNG_PIXEL_RATIO): number {
  const bySide = Math.min(MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height);
  const byArea = Math.sqrt(MAX_CANVAS_AREA / (width * height));
  // A hair under the limit: rounding up a side must not cross it.
  return Math.min(ratio, bySide * 0.9999, byArea * 0.9999);
}

/** The pixel ratio for a picture of `width` × `height` CSS pixels: 2, 1.75 or 1.5 (see PNG_PIXEL_BUDGET). */
export function pixelRatioFor(width: number, height: number): number {
  const byBudget = Math.floor(Math.sqrt(PNG_PIXEL_BUDGET / (width * height)) * 4) / 4;
  return Math.min(PNG_PIXEL_RATIO, Math.max(PNG_MIN_PIXEL_RATIO, byBudget));
}

/** Where everything goes, at `ratio` device pixels per CSS pixel (by default the size rule's). */
export function planPng(grid: Pick<GridLayout, 'width' | 'height'>, ratio?: number): PngLayout {
  const { padding, headerHeight, gap, curveHeight, legendHeight, minWidth } = PNG_BOX;
  const width = Math.max(minWidth, grid.width + 2 * padding);
  const header: Box = { x: padding, y: padding, width: width - 2 * padding, height: headerHeight };
  const gridBox: Box = { x: padding, y: header.y + headerHeight, width: grid.width, height: grid.height };
  const curve: Box = { x: padding, y: gridBox.y + grid.height + gap, width: grid.width, height: curveHeight };
  const legend: Box = { x: padding, y: curve.y + curveHeight + gap, width: width - 2 * padding, height: legendHeight };
  const height = legend.y + legendHeight + padding;
  const wanted = ratio ?? pixelRatioFor(width, height);
  const scale = fitScale(width, height, wanted);
  return {
    width,
    height,
    header,
    grid: gridBox,
    gridImage: { ...gridBox, width: grid.width + PNG_BOX.edgeRoom },
    curve,
    legend,
    scale,
    scaledDown: scale < wanted,
    canvasWidth: Math.max(1, Math.floor(width * scale)),
    canvasHeight: Math.max(1, Math.floor(height * scale)),
  };
}

/** CSS pixels of the map drawn per step: a big map is drawn strip by strip, the page breathing in between. */
export const STRIP_HEIGHT = 2048;

/** One step of drawing the grid image: a band of it (CSS pixels) onto whole device pixels of the canvas. */
export interface GridStrip {
  sourceY: number;
  sourceWidth: number;
  sourceHeight: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The grid's bands, top to bottom. Their edges in the canvas are whole device pixels, so at a
 * scale like 1.5 neighbouring strips meet without a seam or an overlap.
 */
export function gridStrips(plan: PngLayout, stripHeight = STRIP_HEIGHT): GridStrip[] {
  const s = plan.scale;
  const { x, y, width, height } = plan.gridImage;
  const left = Math.round(x * s);
  const right = Math.round((x + width) * s);
  const top = Math.round(y * s);
  const bottom = Math.round((y + height) * s);
  const step = Math.max(1, Math.round(stripHeight * s));
  const strips: GridStrip[] = [];
  for (let at = top; at < bottom; at += step) {
    const h = Math.min(step, bottom - at);
    strips.push({ sourceY: (at - top) / s, sourceWidth: (right - left) / s, sourceHeight: h / s, x: left, y: at, width: right - left, height: h });
  }
  return strips;
}

/** The curve's value range: satisfaction runs from −4 to +4. */
export const CURVE_RANGE = 4;
const CURVE_TOP = 24;
const CURVE_BOTTOM = 14;

/** The y of a value inside a curve box of the given height (the same scale as the canvas's curve). */
export const curveY = (value: number, height: number = PNG_BOX.curveHeight): number =>
  CURVE_TOP + ((CURVE_RANGE - value) / (2 * CURVE_RANGE)) * (height - CURVE_TOP - CURVE_BOTTOM);
