// The whole map as boxes and labels in abstract units (stages across, channels down, cards
// stacked in their cell), laid out once and drawn by the PDF (scaled or tiled) and PowerPoint.
// Its own simple grid, not the canvas's computeGrid: paper needs no pixels, handles or zoom.
import type { Deck } from '../domain/present/deck';
import type { NoteKind } from '../domain/types';
import { hexColor, scoreColor, tint, type Rgb } from './palette';

export interface OverviewBox {
  x: number;
  y: number;
  width: number;
  height: number;
  fill?: Rgb;
  border?: Rgb;
}

export interface OverviewLabel extends OverviewBox {
  text: string;
  size: number;
  bold?: boolean;
  muted?: boolean;
  maxLines: number;
}

export interface OverviewLayout {
  width: number;
  height: number;
  /** Size of a card's title: what must stay readable on paper. */
  cardTitleSize: number;
  boxes: OverviewBox[];
  labels: OverviewLabel[];
}

const LANE_LABEL = 90;
const HEADER = 34;
const COLUMN = 120;
const CARD = 40;
const GAP = 6;
const PAD = 8;
const TITLE_SIZE = 8;

export function overviewLayout(deck: Pick<Deck, 'stages' | 'channels'>, kinds: Record<NoteKind, string>): OverviewLayout {
  const boxes: OverviewBox[] = [];
  const labels: OverviewLabel[] = [];
  const counts = new Map<string, number>();
  for (const stage of deck.stages) {
    for (const tp of stage.touchpoints) counts.set(`${stage.id}\u0000${tp.channelId}`, (counts.get(`${stage.id}\u0000${tp.channelId}`) ?? 0) + 1);
  }
  const rowHeights = deck.channels.map((channel) => {
    const most = Math.max(1, ...deck.stages.map((s) => counts.get(`${s.id}\u0000${channel.id}`) ?? 0));
    return most * (CARD + GAP) - GAP + 2 * PAD;
  });
  const rowTops: number[] = [];
  let y = HEADER;
  for (const h of rowHeights) {
    rowTops.push(y);
    y += h;
  }
  const width = LANE_LABEL + Math.max(1, deck.stages.length) * COLUMN;
  const height = y;

  deck.stages.forEach((stage, i) => {
    const x = LANE_LABEL + i * COLUMN;
    const color = hexColor(stage.color);
    boxes.push({ x, y: 0, width: COLUMN - 2, height: HEADER - 4, fill: tint(color, 0.75) });
    boxes.push({ x, y: 0, width: COLUMN - 2, height: 3, fill: color });
    labels.push({ x: x + 6, y: 8, width: COLUMN - 14, height: HEADER - 12, text: stage.title, size: 10, bold: true, maxLines: 2 });
  });
  deck.channels.forEach((channel, r) => {
    const top = rowTops[r]!;
    boxes.push({ x: 0, y: top, width, height: rowHeights[r]!, border: [0.88, 0.9, 0.93] });
    boxes.push({ x: 0, y: top, width: 3, height: rowHeights[r]!, fill: hexColor(channel.color) });
    labels.push({ x: 8, y: top + PAD, width: LANE_LABEL - 14, height: rowHeights[r]! - 2 * PAD, text: channel.title, size: 9, bold: true, maxLines: 3 });
  });
  const rowOf = new Map(deck.channels.map((c, r) => [c.id, r]));
  deck.stages.forEach((stage, i) => {
    const x = LANE_LABEL + i * COLUMN + PAD / 2;
    const placed = new Map<string, number>();
    for (const tp of stage.touchpoints) {
      const r = rowOf.get(tp.channelId);
      if (r === undefined) continue;
      const k = placed.get(tp.channelId) ?? 0;
      placed.set(tp.channelId, k + 1);
      const top = rowTops[r]! + PAD + k * (CARD + GAP);
      const cardWidth = COLUMN - PAD - 2;
      const tone = scoreColor(tp.satisfaction);
      boxes.push({ x, y: top, width: cardWidth, height: CARD, fill: tp.status === 'retired' ? [0.95, 0.95, 0.95] : [1, 1, 1], border: [0.8, 0.83, 0.87] });
      boxes.push({ x, y: top, width: 3, height: CARD, fill: tone });
      labels.push({ x: x + 7, y: top + 5, width: cardWidth - 12, height: CARD - 10, text: tp.title, size: TITLE_SIZE, bold: true, maxLines: 2 });
      const counts = [
        tp.notes.filter((n) => n.kind === 'fix').length,
        tp.notes.filter((n) => n.kind === 'wow').length,
        tp.notes.filter((n) => n.kind === 'planB').length,
        tp.quotes.length,
      ];
      labels.push({
        x: x + 7,
        y: top + CARD - 11,
        width: cardWidth - 12,
        height: 8,
        text: `${kinds.fix} ${counts[0]} · ${kinds.wow} ${counts[1]} · ${kinds.planB} ${counts[2]} · ❝ ${counts[3]}`,
        size: 6,
        muted: true,
        maxLines: 1,
      });
    }
  });
  return { width, height, cardTitleSize: TITLE_SIZE, boxes, labels };
}

/**
 * One page when the cards stay readable; else pages at the smallest readable scale, a little
 * smaller still when that spares a page holding only a sliver of the map.
 */
export function tiling(layout: Pick<OverviewLayout, 'width' | 'height' | 'cardTitleSize'>, areaWidth: number, areaHeight: number, fit: number, minText: number) {
  if (fit * layout.cardTitleSize >= minText) return { scale: fit, columns: 1, rows: 1 };
  const readable = minText / layout.cardTitleSize;
  const columns = Math.max(1, Math.ceil((layout.width * readable) / areaWidth - 0.15));
  const rows = Math.max(1, Math.ceil((layout.height * readable) / areaHeight - 0.15));
  return { scale: Math.min(readable, (columns * areaWidth) / layout.width, (rows * areaHeight) / layout.height), columns, rows };
}
