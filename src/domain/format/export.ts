// Writing a map as the open JSON format. Output is deterministic: the same map gives the
// same text apart from `exportedAt`, so files can be diffed and archived.
import {
  CELL_FIELDS,
  CHECKLIST_ITEMS,
  CONNECTION_FIELDS,
  LANE_FIELDS,
  LAYER_FIELDS,
  NOTE_FIELDS,
  QUOTE_FIELDS,
  TOUCHPOINT_FIELDS,
  pickFields,
} from '../entityFields';
import { MAP_META, PERSONA, pickRecord } from '../schema';
import { NOTE_KINDS, type JourneyMapSnapshot, type Review, type ReviewChecklist } from '../types';
import { FORMAT_ID, FORMAT_VERSION, type MapFile, type ReviewFile, type SnapshotFile } from './types';

// Code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || cmp(a.id, b.id);

/**
 * The map as it appears on the grid, in file order: lanes by order; touchpoints by stage,
 * channel, then order; notes and quotes after their touchpoint. Touchpoints whose stage or
 * channel is gone (a lane deleted while someone added a card) are not on the grid and are
 * left out with their notes, quotes and connections; so are self-connections and repeated
 * connections between the same two touchpoints (two people connecting them at once).
 * Layers by order; cells by layer, then stage, only those whose layer and stage exist, one per
 * layer and stage (the doc cannot hold two: their id is derived from both, src/doc/mutations.ts).
 */
export function orderedSnapshot(snapshot: JourneyMapSnapshot): JourneyMapSnapshot {
  const stages = [...snapshot.stages].sort(byOrder);
  const channels = [...snapshot.channels].sort(byOrder);
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const channelIndex = new Map(channels.map((c, i) => [c.id, i]));
  const touchpoints = snapshot.touchpoints
    .filter((tp) => stageIndex.has(tp.stageId) && channelIndex.has(tp.channelId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        channelIndex.get(a.channelId)! - channelIndex.get(b.channelId)! ||
        byOrder(a, b),
    );
  const tpIndex = new Map(touchpoints.map((tp, i) => [tp.id, i]));

  const seenPairs = new Set<string>();
  const connections = snapshot.connections
    .filter((c) => tpIndex.has(c.sourceId) && tpIndex.has(c.targetId) && c.sourceId !== c.targetId)
    .sort(
      (a, b) =>
        tpIndex.get(a.sourceId)! - tpIndex.get(b.sourceId)! ||
        tpIndex.get(a.targetId)! - tpIndex.get(b.targetId)! ||
        cmp(a.id, b.id),
    )
    .filter((c) => {
      const pair = `${c.sourceId}\u0000${c.targetId}`;
      if (seenPairs.has(pair)) return false;
      seenPairs.add(pair);
      return true;
    });

  const notes = snapshot.notes
    .filter((n) => tpIndex.has(n.touchpointId))
    .sort(
      (a, b) =>
        tpIndex.get(a.touchpointId)! - tpIndex.get(b.touchpointId)! ||
        NOTE_KINDS.indexOf(a.kind) - NOTE_KINDS.indexOf(b.kind) ||
        cmp(a.createdAt, b.createdAt) ||
        cmp(a.id, b.id),
    );
  const quotes = snapshot.quotes
    .filter((q) => tpIndex.has(q.touchpointId))
    .sort(
      (a, b) =>
        tpIndex.get(a.touchpointId)! - tpIndex.get(b.touchpointId)! ||
        cmp(a.date, b.date) ||
        cmp(a.createdAt, b.createdAt) ||
        cmp(a.id, b.id),
    );
  const layers = [...snapshot.layers].sort(byOrder);
  const layerIndex = new Map(layers.map((l, i) => [l.id, i]));
  const places = new Set<string>();
  const cells = snapshot.cells
    .filter((c) => layerIndex.has(c.layerId) && stageIndex.has(c.stageId))
    .sort(
      (a, b) =>
        layerIndex.get(a.layerId)! - layerIndex.get(b.layerId)! || stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! || cmp(a.id, b.id),
    )
    .filter((c) => {
      const place = `${c.layerId}\u0000${c.stageId}`;
      if (places.has(place)) return false;
      places.add(place);
      return true;
    });
  return { meta: snapshot.meta, stages, channels, touchpoints, connections, notes, quotes, layers, cells };
}

/** Fresh objects with a fixed key order, so nothing stray on an input object reaches the file. */
function snapshotFile(snapshot: JourneyMapSnapshot): SnapshotFile {
  const s = orderedSnapshot(snapshot);
  const { meta } = s;
  return {
    map: { ...pickRecord(MAP_META, meta), persona: pickRecord(PERSONA, meta.persona) },
    stages: s.stages.map((stage) => pickFields(stage, LANE_FIELDS)),
    channels: s.channels.map((channel) => pickFields(channel, LANE_FIELDS)),
    touchpoints: s.touchpoints.map((tp) => pickFields(tp, TOUCHPOINT_FIELDS)),
    connections: s.connections.map((c) => pickFields(c, CONNECTION_FIELDS)),
    notes: s.notes.map((n) => pickFields(n, NOTE_FIELDS)),
    quotes: s.quotes.map((q) => pickFields(q, QUOTE_FIELDS)),
    layers: s.layers.map((l) => pickFields(l, LAYER_FIELDS)),
    cells: s.cells.map((c) => pickFields(c, CELL_FIELDS)),
  };
}

function reviewFile(review: Review): ReviewFile {
  const snapshot = snapshotFile(review.snapshot);
  // Ticks follow the review's touchpoints in file order; ticks for touchpoints not in it are left out.
  const checklist: [string, ReviewChecklist][] = [];
  for (const tp of snapshot.touchpoints) {
    const entry = Object.hasOwn(review.checklist, tp.id) ? review.checklist[tp.id] : undefined;
    if (entry) checklist.push([tp.id, pickFields(entry, CHECKLIST_ITEMS)]);
  }
  return {
    id: review.id,
    name: review.name,
    summary: review.summary,
    createdAt: review.createdAt,
    snapshot,
    checklist: Object.fromEntries(checklist),
  };
}

/** The whole file as an object. `now` becomes `exportedAt`, the only field that differs between two exports. */
export function snapshotToJson(snapshot: JourneyMapSnapshot, reviews: readonly Review[], now: Date | string): MapFile {
  const exportedAt = typeof now === 'string' ? now : now.toISOString();
  const sortedReviews = [...reviews].sort((a, b) => cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
  return {
    format: FORMAT_ID,
    version: FORMAT_VERSION,
    exportedAt,
    ...snapshotFile(snapshot),
    reviews: sortedReviews.map(reviewFile),
  };
}

/** The file's text: 2-space indent, trailing newline. */
export const serializeMapFile = (file: MapFile): string => `${JSON.stringify(file, null, 2)}\n`;

export const exportMapJson = (snapshot: JourneyMapSnapshot, reviews: readonly Review[], now: Date | string): string =>
  serializeMapFile(snapshotToJson(snapshot, reviews, now));
