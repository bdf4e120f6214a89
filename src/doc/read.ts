// Reading the doc into plain domain objects. Values written by other peers are not
// trusted: a wrong type falls back to a safe default instead of reaching the UI.
import * as Y from 'yjs';
import {
  NOTE_KINDS,
  NOTE_STATUSES,
  QUOTE_SOURCES,
  SENTIMENTS,
  TOUCHPOINT_STATUSES,
  type Channel,
  type Connection,
  type JourneyMapSnapshot,
  type MapMeta,
  type Note,
  type Quote,
  type ReviewChecklist,
  type Stage,
  type Touchpoint,
} from '../domain/types';
import { DEFAULT_CADENCE_DAYS } from '../domain/limits';
import { CHECKLIST_ITEMS } from '../domain/entityFields';
import { checkCadence, checkColor, checkLink, type FieldResult } from '../domain/fields';
import {
  checklistOf,
  channelsOf,
  entitiesOf,
  connectionsOf,
  metaOf,
  notesOf,
  PERSONA_META_KEYS,
  quotesOf,
  stagesOf,
  touchpointsOf,
  type EntityMap,
} from './layout';

const str = (m: Y.Map<unknown>, key: string, fallback = ''): string => {
  const v = m.get(key);
  return typeof v === 'string' ? v : fallback;
};
const num = (m: Y.Map<unknown>, key: string, fallback = 0): number => {
  const v = m.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
};
const rating = (m: Y.Map<unknown>, key: string): number | null => {
  const v = m.get(key);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5 ? v : null;
};
/** A string that must also pass its field check (a link that could run script, a colour that is not one). */
const checked = (m: Y.Map<unknown>, key: string, check: (raw: string) => FieldResult<string>, fallback: string): string => {
  const result = check(str(m, key));
  return result.ok ? result.value : fallback;
};
function oneOf<T extends string>(m: Y.Map<unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const v = m.get(key);
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

export function readMeta(doc: Y.Doc): MapMeta {
  const m = metaOf(doc);
  const cadence = num(m, 'cadenceDays', DEFAULT_CADENCE_DAYS);
  return {
    title: str(m, 'title'),
    scenario: str(m, 'scenario'),
    persona: {
      name: str(m, PERSONA_META_KEYS.name),
      description: str(m, PERSONA_META_KEYS.description),
      goal: str(m, PERSONA_META_KEYS.goal),
    },
    cadenceDays: checkCadence(cadence).ok ? cadence : DEFAULT_CADENCE_DAYS,
    createdAt: str(m, 'createdAt'),
  };
}

export const readStage = (m: EntityMap): Stage => ({
  id: str(m, 'id'),
  title: str(m, 'title'),
  color: checked(m, 'color', checkColor, '#64748b'),
  order: num(m, 'order'),
});

export const readChannel = (m: EntityMap): Channel => readStage(m);

export const readTouchpoint = (m: EntityMap): Touchpoint => ({
  id: str(m, 'id'),
  title: str(m, 'title'),
  description: str(m, 'description'),
  stageId: str(m, 'stageId'),
  channelId: str(m, 'channelId'),
  order: num(m, 'order'),
  status: oneOf(m, 'status', TOUCHPOINT_STATUSES, 'active'),
  owner: str(m, 'owner'),
  expectation: rating(m, 'expectation'),
  perception: rating(m, 'perception'),
  createdAt: str(m, 'createdAt'),
});

export const readConnection = (m: EntityMap): Connection => ({
  id: str(m, 'id'),
  sourceId: str(m, 'sourceId'),
  targetId: str(m, 'targetId'),
});

export function sumVotes(m: EntityMap): number {
  const votes = m.get('votes');
  if (!(votes instanceof Y.Map)) return 0;
  let total = 0;
  for (const v of votes.values()) if (typeof v === 'number' && Number.isFinite(v)) total += v;
  return total;
}

export const readNote = (m: EntityMap): Note => ({
  id: str(m, 'id'),
  touchpointId: str(m, 'touchpointId'),
  kind: oneOf(m, 'kind', NOTE_KINDS, 'fix'),
  text: str(m, 'text'),
  status: oneOf(m, 'status', NOTE_STATUSES, 'idea'),
  owner: str(m, 'owner'),
  votes: sumVotes(m),
  createdAt: str(m, 'createdAt'),
});

export const readQuote = (m: EntityMap): Quote => ({
  id: str(m, 'id'),
  touchpointId: str(m, 'touchpointId'),
  text: str(m, 'text'),
  source: oneOf(m, 'source', QUOTE_SOURCES, 'survey'),
  sentiment: oneOf(m, 'sentiment', SENTIMENTS, 'neutral'),
  who: str(m, 'who'),
  date: str(m, 'date'),
  link: checked(m, 'link', checkLink, ''),
  createdAt: str(m, 'createdAt'),
});

/** Review-mode ticks in progress, per touchpoint; items never ticked are false. */
export function readChecklist(doc: Y.Doc): Record<string, ReviewChecklist> {
  const out: Record<string, ReviewChecklist> = {};
  for (const [tpId, items] of checklistOf(doc).entries()) {
    if (!(items instanceof Y.Map)) continue;
    const list = {} as ReviewChecklist;
    for (const item of CHECKLIST_ITEMS) list[item] = items.get(item) === true;
    out[tpId] = list;
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
  };
}
