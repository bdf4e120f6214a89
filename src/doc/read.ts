// Reading the doc into plain domain objects. Values written by other peers are not
// trusted: a wrong type falls back to a safe default instead of reaching the UI.
import * as Y from 'yjs';
import type {
  Cell,
  Channel,
  Connection,
  JourneyMapSnapshot,
  Layer,
  MapMeta,
  Note,
  Quote,
  ReviewChecklist,
  Stage,
  Touchpoint,
} from '../domain/types';
import {
  CELL,
  CHECKLIST,
  CONNECTION,
  LANE,
  LAYER,
  MAP_META,
  NOTE,
  PERSONA,
  QUOTE,
  TOUCHPOINT,
  fieldsOf,
  readPeerValue,
  type AnySchema,
  type RecordOf,
} from '../domain/schema';
import {
  cellsOf,
  checklistOf,
  layersOf,
  channelsOf,
  entitiesOf,
  connectionsOf,
  metaOf,
  notesOf,
  personaKey,
  quotesOf,
  stagesOf,
  touchpointsOf,
  type EntityMap,
} from './layout';

export function sumVotes(m: EntityMap): number {
  const votes = m.get('votes');
  if (!(votes instanceof Y.Map)) return 0;
  let total = 0;
  for (const v of votes.values()) if (typeof v === 'number' && Number.isFinite(v)) total += v;
  return total;
}

/** Any entity through its schema: each field as its peer reading (schema.ts `readPeerValue`). */
function readEntity<S extends AnySchema>(schema: S, m: Y.Map<unknown> | Y.Map<boolean>, key: (field: string) => string = (k) => k): RecordOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, def] of fieldsOf(schema)) {
    // A tally is one entry per voter in the doc (concurrent dot-votes add up), summed here.
    out[name] = def.kind === 'tally' ? sumVotes(m as EntityMap) : readPeerValue(def, m.get(key(name)));
  }
  return out as RecordOf<S>;
}

export function readMeta(doc: Y.Doc): MapMeta {
  const m = metaOf(doc);
  return { ...readEntity(MAP_META, m), persona: readEntity(PERSONA, m, personaKey) };
}

export const readStage = (m: EntityMap): Stage => readEntity(LANE, m);
export const readChannel = (m: EntityMap): Channel => readEntity(LANE, m);
export const readTouchpoint = (m: EntityMap): Touchpoint => readEntity(TOUCHPOINT, m);
export const readConnection = (m: EntityMap): Connection => readEntity(CONNECTION, m);
export const readNote = (m: EntityMap): Note => readEntity(NOTE, m);
export const readQuote = (m: EntityMap): Quote => readEntity(QUOTE, m);
export const readLayer = (m: EntityMap): Layer => readEntity(LAYER, m);
export const readCell = (m: EntityMap): Cell => readEntity(CELL, m);

/** Review-mode ticks in progress, per touchpoint; items never ticked are false. */
export function readChecklist(doc: Y.Doc): Record<string, ReviewChecklist> {
  const out: Record<string, ReviewChecklist> = {};
  for (const [tpId, items] of checklistOf(doc).entries()) {
    if (!(items instanceof Y.Map)) continue;
    out[tpId] = readEntity(CHECKLIST, items) satisfies ReviewChecklist;
  }
  return out;
}

function readAll<T>(collection: Y.Map<EntityMap>, read: (m: EntityMap) => T): T[] {
  const out: T[] = [];
  for (const [, entity] of entitiesOf(collection)) out.push(read(entity));
  return out;
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : 1);

export function readSnapshot(doc: Y.Doc): JourneyMapSnapshot {
  return {
    meta: readMeta(doc),
    stages: readAll(stagesOf(doc), readStage).sort(byOrder),
    channels: readAll(channelsOf(doc), readChannel).sort(byOrder),
    touchpoints: readAll(touchpointsOf(doc), readTouchpoint),
    connections: readAll(connectionsOf(doc), readConnection),
    notes: readAll(notesOf(doc), readNote),
    quotes: readAll(quotesOf(doc), readQuote),
    layers: readAll(layersOf(doc), readLayer).sort(byOrder),
    cells: readAll(cellsOf(doc), readCell),
  };
}
