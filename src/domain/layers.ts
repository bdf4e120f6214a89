// Stage layers on the grid: where each kind of layer sits, how tall its row must be for its
// text, and how a KPI reads against its target. Pure functions over plain data.
import { cellIdOf } from './ids';
import type { Cell, Id, Layer, LayerKind, Stage } from './types';

/**
 * Where a layer's row goes, as UXPressia and Smaply lay a map out: what the customer does and
 * thinks reads above the channels (the customer's side), the team's findings and figures below
 * them, and the company's backstage last, below a labelled line of visibility. Within each
 * place, rows follow the layers' order.
 */
export type LayerPlacement = 'above' | 'below' | 'backstage';

export const LAYER_PLACEMENT: Record<LayerKind, LayerPlacement> = {
  actions: 'above',
  thoughts: 'above',
  pains: 'below',
  opportunities: 'below',
  kpi: 'below',
  text: 'below',
  backstage: 'backstage',
};

/** One visible layer's row, before it has a y: what the grid needs to stack it. */
export interface LayerRowSpec {
  id: Id;
  placement: LayerPlacement;
  height: number;
}

export const LAYER_ROW = {
  /** Row padding above and below the text, and the cell's side padding. */
  padding: 10,
  lineHeight: 18,
  /** A 13 px sans-serif line in a 260 px column holds about this many characters. */
  charsPerLine: 30,
  minHeight: 56,
  /** Taller text scrolls inside its cell rather than pushing the map apart. */
  maxHeight: 320,
  kpiHeight: 64,
  /** The band that carries the "line of visibility" label. */
  visibilityLineHeight: 28,
} as const;

/** Lines a text takes in a cell: each of its own lines, wrapped at the column's width. */
export function textLines(text: string): number {
  if (text === '') return 1;
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / LAYER_ROW.charsPerLine));
  return lines;
}

/** The height of a row that fits the longest text of its cells (within the limits). */
export function layerRowHeight(kind: LayerKind, texts: readonly string[]): number {
  if (kind === 'kpi') return LAYER_ROW.kpiHeight;
  const lines = Math.max(1, ...texts.map(textLines));
  const height = LAYER_ROW.padding * 2 + lines * LAYER_ROW.lineHeight;
  return Math.min(LAYER_ROW.maxHeight, Math.max(LAYER_ROW.minHeight, height));
}

/** The cell of a layer at a stage, whatever its id (an imported cell keeps its own). */
export function findCell(cells: Readonly<Record<Id, Cell>>, layerId: Id, stageId: Id): Cell | undefined {
  const own = cells[cellIdOf(layerId, stageId)];
  if (own && own.layerId === layerId && own.stageId === stageId) return own;
  for (const cell of Object.values(cells)) if (cell.layerId === layerId && cell.stageId === stageId) return cell;
  return undefined;
}

/** The rows of the visible layers, in layer order, each tall enough for its cells at the map's stages. */
export function layerRowSpecs(layers: readonly Layer[], cells: Readonly<Record<Id, Cell>>, stages: readonly Stage[]): LayerRowSpec[] {
  const stageIds = new Set(stages.map((s) => s.id));
  const texts = new Map<Id, string[]>();
  for (const cell of Object.values(cells)) {
    if (!stageIds.has(cell.stageId)) continue;
    const list = texts.get(cell.layerId);
    if (list) list.push(cell.text);
    else texts.set(cell.layerId, [cell.text]);
  }
  return layers
    .filter((l) => !l.hidden)
    .map((l) => ({ id: l.id, placement: LAYER_PLACEMENT[l.kind], height: layerRowHeight(l.kind, texts.get(l.id) ?? []) }));
}

/** Metrics where less is better: customer effort. Everything else (NPS, CSAT, custom) is more-is-better. */
const LOWER_IS_BETTER = new Set(['ces']);

export const isLowerBetter = (metric: string): boolean => LOWER_IS_BETTER.has(metric.trim().toLowerCase());

/** How far from the target still counts as "near": a tenth of the target's size. */
const NEAR_SHARE = 0.1;

export type KpiStatus = 'met' | 'near' | 'missed';

/**
 * A KPI against its target: met (at or better), near (within a tenth of the target), missed.
 * Null while either figure is not set.
 */
export function kpiStatus(metric: string, actual: number | null, target: number | null): KpiStatus | null {
  if (actual === null || target === null) return null;
  // Signed so that a positive gap is always "short of the target".
  const gap = isLowerBetter(metric) ? actual - target : target - actual;
  if (gap <= 0) return 'met';
  return gap <= Math.abs(target) * NEAR_SHARE ? 'near' : 'missed';
}
