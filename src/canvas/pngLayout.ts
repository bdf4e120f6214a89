// Where everything goes in the exported PNG, in CSS pixels before scaling: a header with the
// map's title and date, the whole grid (not just what is on screen), and the emotion curve
// under its columns. Pure numbers, so the sizing rules are tested without a browser.
import type { GridLayout } from '../domain/grid';

/** What the export aims for: twice the CSS size, sharp on slides and retina screens. */
export const PNG_PIXEL_RATIO = 2;
/** Chromium refuses canvases with a side over 32,767 px… */
export const MAX_CANVAS_SIDE = 32_767;
/** …or more than 2^28 pixels in all. */
export const MAX_CANVAS_AREA = 268_435_456;

export const PNG_BOX = {
  padding: 32,
  /** Title and date above the map. */
  headerHeight: 76,
  /** Between the map and the curve. */
  gap: 16,
  curveHeight: 120,
  /** A blank or tiny map still gets room for its title. */
  minWidth: 720,
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
  curve: Box;
  /** Device pixels per CSS pixel: PNG_PIXEL_RATIO, or less when the map is too large for that. */
  scale: number;
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

export function planPng(grid: Pick<GridLayout, 'width' | 'height'>, ratio = PNG_PIXEL_RATIO): PngLayout {
  const { padding, headerHeight, gap, curveHeight, minWidth } = PNG_BOX;
  const width = Math.max(minWidth, grid.width + 2 * padding);
  const header: Box = { x: padding, y: padding, width: width - 2 * padding, height: headerHeight };
  const gridBox: Box = { x: padding, y: header.y + headerHeight, width: grid.width, height: grid.height };
  const curve: Box = { x: padding, y: gridBox.y + grid.height + gap, width: grid.width, height: curveHeight };
  const height = curve.y + curveHeight + padding;
  const scale = fitScale(width, height, ratio);
  return {
    width,
    height,
    header,
    grid: gridBox,
    curve,
    scale,
    scaledDown: scale < ratio,
    canvasWidth: Math.max(1, Math.floor(width * scale)),
    canvasHeight: Math.max(1, Math.floor(height * scale)),
  };
}

/** The curve's value range: satisfaction runs from −4 to +4. */
export const CURVE_RANGE = 4;
const CURVE_TOP = 24;
const CURVE_BOTTOM = 14;

/** The y of a value inside a curve box of the given height (the same scale as the canvas's curve). */
export const curveY = (value: number, height: number = PNG_BOX.curveHeight): number =>
  CURVE_TOP + ((CURVE_RANGE - value) / (2 * CURVE_RANGE)) * (height - CURVE_TOP - CURVE_BOTTOM);
