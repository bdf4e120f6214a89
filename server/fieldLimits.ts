// Field limits on the sync path. The app, the API and imports check every field before it
// reaches a doc; an update from a peer is bytes, so the room checks the text it inserts before
// storing it. The cost is O(size of the update): only the update's own structs are read, and
// each one's field is found through its parent or, for an overwrite (Yjs leaves the parent out
// when an item has a left or right neighbour), through that neighbour, looked up in the update,
// in updates queued before it, or in the live doc. Never the whole map.
//
// Each field is held to the check the app uses for it (src/domain/entityFields.ts), of which only
// "too long" counts here: other shapes are read as safe defaults (src/doc/read.ts). Text anywhere
// else (unknown keys, nested values, text types, an item whose neighbour is not known yet) is
// held to the longest limit any field has.
import * as Y from 'yjs';
import { personaKey, type CollectionName } from '../src/doc/layout';
import {
  CELL_CHECKS,
  LANE_CHECKS,
  LAYER_CHECKS,
  MAP_CHECKS,
  NOTE_CHECKS,
  PERSONA_CHECKS,
  QUOTE_CHECKS,
  TOUCHPOINT_CHECKS,
} from '../src/domain/entityFields';
import type { FieldResult } from '../src/domain/fields';

/** A field's check, called only with strings: a check of numbers then fails as "not a number", never "too long". */
type TextCheck = (raw: string) => FieldResult<unknown>;

const checksOf = (checks: object) => new Map(Object.entries(checks as Record<string, TextCheck>));

/** `meta` keys → checks: the map's own fields, and the persona's as the doc stores them (flat). */
const META_FIELDS = new Map<string, TextCheck>([
  ...checksOf(MAP_CHECKS),
  ...[...checksOf(PERSONA_CHECKS)].map(([key, check]) => [personaKey(key), check] as const),
]);

/** Collection → an entity's keys → checks. */
const ENTITY_FIELDS = new Map(
  Object.entries({
    stages: checksOf(LANE_CHECKS),
    channels: checksOf(LANE_CHECKS),
    touchpoints: checksOf(TOUCHPOINT_CHECKS),
    connections: checksOf({}),
    notes: checksOf(NOTE_CHECKS),
    quotes: checksOf(QUOTE_CHECKS),
    layers: checksOf(LAYER_CHECKS),
    cells: checksOf(CELL_CHECKS),
  } satisfies Record<CollectionName, Map<string, TextCheck>>),
);

/** The length limit of every check that has one, read off the checks themselves (asked once, at start). */
const LIMITS = [...META_FIELDS.values(), ...[...ENTITY_FIELDS.values()].flatMap((m) => [...m.values()])].flatMap((check) => {
  const result = check('x'.repeat(1_000_000));
  return !result.ok && result.problem.code === 'tooLong' ? [result.problem.max] : [];
});
/** No field holds more text than this. */
export const LONGEST_FIELD = Math.max(...LIMITS);
/** Text up to this long fits every field: the common case needs no look-ups. */
const SHORTEST_LIMIT = Math.min(...LIMITS);

/** Where an item sits: the root type's name, then the keys down to it ('' for a list position). */
type Path = readonly string[];

/** Beyond this depth nothing of the layout lives; such text gets the longest limit. */
const MAX_DEPTH = 6;

function checkAt(path: Path | null): TextCheck | undefined {
  if (path?.length === 2 && path[0] === 'meta') return META_FIELDS.get(path[1]!);
  if (path?.length === 3) return ENTITY_FIELDS.get(path[0]!)?.get(path[2]!);
  return undefined;
}

const fieldName = (path: Path | null) =>
  !path ? 'a value' : path.length === 3 ? `${path[0]}.${path[2]}` : path.filter(Boolean).join('.');

export interface OversizedField {
  field: string;
  length: number;
  max: number;
}

/** An update that writes a field past its limit; nothing of it was stored. */
export class FieldTooLong extends Error {
  constructor(readonly oversized: OversizedField) {
    super(`${oversized.field} is ${oversized.length} characters, over ${oversized.max}`);
    this.name = 'FieldTooLong';
  }
}

/** Structs by id, for the neighbours an update refers to. */
export class StructIndex {
  private readonly byClient = new Map<number, Y.AbstractStruct[]>();
  private sorted = true;

  add(structs: readonly Y.AbstractStruct[]): void {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    this.sorted = false;
  }

  clear(): void {
    this.byClient.clear();
  }

  find(id: Y.ID): Y.AbstractStruct | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    if (!this.sorted) {
      for (const l of this.byClient.values()) l.sort((a, b) => a.id.clock - b.id.clock);
      this.sorted = true;
    }
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return undefined;
  }
}

/** The struct `id` names in a loaded doc, if the doc has it. */
export function structInDoc(doc: Y.Doc, id: Y.ID): Y.AbstractStruct | undefined {
  return Y.getState(doc.store, id.client) > id.clock ? Y.getItem(doc.store, id) : undefined;
}

/** The text a content inserts, one string per value (non-strings: the total length of their strings and keys). */
function textsOf(content: Y.Item["content"]): (string | number)[] {
  if (content instanceof Y.ContentString) return [content.str];
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    return (content.arr as unknown[]).map((v) => (typeof v === 'string' ? v : textLengthOf(v)));
  }
  if (content instanceof Y.ContentEmbed) return [textLengthOf(content.embed)];
  if (content instanceof Y.ContentFormat) return [content.key, textLengthOf(content.value)];
  return [];
}

/** Characters in every string and key inside a plain value, without recursion (values may nest deeply). */
function textLengthOf(value: unknown): number {
  let total = 0;
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length;
    else if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [key, inner] of Object.entries(v)) {
        total += key.length;
        stack.push(inner);
      }
    }
  }
  return total;
}

/**
 * The first field that `structs` (one decoded update) would write past its limit, or null.
 * `known` finds structs outside the update (updates queued before it, then the live doc).
 */
export function findOversizedField(
  structs: readonly Y.AbstractStruct[],
  known: (id: Y.ID) => Y.AbstractStruct | undefined,
): OversizedField | null {
  const own = new StructIndex();
  own.add(structs);
  const lookup = (id: Y.ID) => own.find(id) ?? known(id);
  const paths = new Map<Y.Item, Path | null>();

  const pathOfType = (type: Y.AbstractType<unknown>, depth: number): Path | null => {
    if (type._item === null) return [Y.findRootTypeKey(type)];
    return pathOf(type._item, depth + 1);
  };

  // Items that name no parent share their neighbour's parent and key: follow the chain to one that does.
  const pathOf = (item: Y.Item, depth: number): Path | null => {
    if (depth > MAX_DEPTH) return null;
    const chain = new Set<Y.Item>();
    let current: Y.Item = item;
    let path: Path | null = null;
    for (;;) {
      const memo = paths.get(current);
      if (memo !== undefined) {
        path = memo;
        break;
      }
      chain.add(current);
      const { parent } = current;
      const key = current.parentSub ?? '';
      if (parent instanceof Y.AbstractType) {
        const above = pathOfType(parent, depth);
        path = above && [...above, key];
      } else if (typeof parent === 'string') {
        path = [parent, key];
      } else if (parent instanceof Y.ID) {
        const holder = lookup(parent);
        const above = holder instanceof Y.Item ? pathOf(holder, depth + 1) : null;
        path = above && [...above, key];
      } else {
        const neighbourId = current.origin ?? current.rightOrigin;
        const neighbour = neighbourId && lookup(neighbourId);
        // A neighbour not known yet (or a crafted loop): the longest limit applies.
        if (!(neighbour instanceof Y.Item) || chain.has(neighbour)) break;
        current = neighbour;
        continue;
      }
      break;
    }
    for (const walked of chain) paths.set(walked, path);
    return path;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const texts = textsOf(struct.content);
    if (texts.length === 0) continue;
    let path: Path | null | undefined;
    for (const text of texts) {
      const length = typeof text === 'string' ? text.length : text;
      if (length <= SHORTEST_LIMIT) continue;
      if (typeof text === 'string') {
        path ??= pathOf(struct, 0);
        const result = checkAt(path)?.(text);
        if (result && !result.ok && result.problem.code === 'tooLong') {
          return { field: fieldName(path), length, max: result.problem.max };
        }
      }
      if (length > LONGEST_FIELD) {
        path ??= pathOf(struct, 0);
        return { field: fieldName(path), length, max: LONGEST_FIELD };
      }
    }
  }
  return null;
}
