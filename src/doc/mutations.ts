// Every change to a map goes through these functions: each validates its input with
// src/domain, then writes in one transaction with LOCAL_ORIGIN so the undo manager
// tracks exactly this user's edits. Nothing invalid reaches the doc.
import * as Y from 'yjs';
import { checkOneOf, unwrap, type FieldResult } from '../domain/fields';
import {
  CELL_CHECKS,
  CHECKLIST_ITEMS,
  LANE_CHECKS,
  LAYER_CHECKS,
  MAP_CHECKS,
  NOTE_CHECKS,
  PERSONA_CHECKS,
  QUOTE_CHECKS,
  TOUCHPOINT_CHECKS,
  type FieldChecks,
} from '../domain/entityFields';
import { cellIdOf, newEntityId } from '../domain/ids';
import {
  CELL,
  CONNECTION,
  LANE,
  LAYER,
  NOTE,
  QUOTE,
  TOUCHPOINT,
  fieldsOf,
  type AnySchema,
  type EditableOf,
  type RecordOf,
} from '../domain/schema';
import { DEFAULT_CADENCE_DAYS } from '../domain/limits';
import { mapTemplate, type TemplateName } from '../domain/templates';
import type { Locale } from '../domain/locale';
import { orderBetween } from '../domain/ordering';
import type {
  Id,
  JourneyMapSnapshot,
  LayerKind,
  NoteKind,
  Persona,
  ReviewChecklist,
  TouchpointStatus,
} from '../domain/types';
import type { ClipboardPayload } from '../domain/clipboard';
import {
  personaKey,
  cellsOf,
  checklistOf,
  layersOf,
  channelsOf,
  entitiesOf,
  isEntity,
  connectionsOf,
  metaOf,
  newEntityOf,
  notesOf,
  quotesOf,
  stagesOf,
  touchpointsOf,
  writeMeta,
  type EntityMap,
} from './layout';
import { readChannel, readLayer, readStage, readTouchpoint } from './read';

/** Origin of every edit made by this client; remote updates carry the provider as origin. */
export const LOCAL_ORIGIN = Symbol('cjm-local-edit');

export const change = <T>(doc: Y.Doc, fn: () => T): T => {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, LOCAL_ORIGIN);
  return result;
};

const nowIso = () => new Date().toISOString();

/**
 * Every field present in `values` through its check, in the order of `checks`; throws at the
 * first bad one, named `label` + its key. Fields absent from `values` stay absent.
 */
function checkFields<T extends object>(checks: FieldChecks<T>, values: NoInfer<T>, label?: string): T;
function checkFields<T extends object>(checks: FieldChecks<T>, values: NoInfer<Partial<T>>, label?: string): Partial<T>;
function checkFields<T extends object>(checks: FieldChecks<T>, values: Partial<T>, label = ''): Partial<T> {
  const out: Partial<T> = {};
  type Key = keyof T & string;
  for (const key of Object.keys(checks) as Key[]) {
    const raw = values[key];
    const check = checks[key] as (raw: T[Key]) => FieldResult<T[Key]>;
    if (raw !== undefined) out[key] = unwrap(check(raw as T[Key]), label + key);
  }
  return out;
}

/** Writes the fields that differ, so an edit that changes nothing leaves no update behind. */
function writeChanged(entity: EntityMap, fields: object): void {
  for (const [k, v] of Object.entries(fields)) if (entity.get(k) !== v) entity.set(k, v);
}

function requireEntity(collection: Y.Map<EntityMap>, id: Id, what: string): EntityMap {
  const m = collection.get(id);
  if (!isEntity(id, m)) throw new Error(`${what} ${id} does not exist`);
  return m;
}

// ---------------------------------------------------------------- map

export interface InitMapOptions {
  title: string;
  template: TemplateName;
  locale?: Locale;
}

/** Fills an empty doc with a new map's content. */
export function initMap(doc: Y.Doc, { title, template, locale = 'en' }: InitMapOptions): void {
  const checkedTitle = unwrap(MAP_CHECKS.title(title), 'title');
  const { stages, channels, layers } = mapTemplate(template, locale);
  change(doc, () => {
    writeMeta(doc, {
      title: checkedTitle,
      scenario: '',
      persona: { name: '', description: '', goal: '' },
      cadenceDays: DEFAULT_CADENCE_DAYS,
      createdAt: nowIso(),
    });
    stages.forEach((s, i) => {
      const id = newEntityId();
      stagesOf(doc).set(id, newEntityOf(LANE, { id, title: s.title, color: s.color, order: i + 1 }));
    });
    channels.forEach((c, i) => {
      const id = newEntityId();
      channelsOf(doc).set(id, newEntityOf(LANE, { id, title: c.title, color: c.color, order: i + 1 }));
    });
    layers.forEach((l, i) => {
      const id = newEntityId();
      layersOf(doc).set(id, newEntityOf(LAYER, { id, kind: l.kind, title: l.title, order: i + 1 }));
    });
  });
}

export function setMapTitle(doc: Y.Doc, title: string): void {
  const value = unwrap(MAP_CHECKS.title(title), 'title');
  change(doc, () => metaOf(doc).set('title', value));
}

export function setScenario(doc: Y.Doc, scenario: string): void {
  const value = unwrap(MAP_CHECKS.scenario(scenario), 'scenario');
  change(doc, () => metaOf(doc).set('scenario', value));
}

export function setPersona(doc: Y.Doc, patch: Partial<Persona>): void {
  const checked = checkFields(PERSONA_CHECKS, patch, 'persona.');
  change(doc, () => {
    for (const [key, value] of Object.entries(checked)) metaOf(doc).set(personaKey(key), value);
  });
}

export function setCadence(doc: Y.Doc, days: number): void {
  const value = unwrap(MAP_CHECKS.cadenceDays(days), 'cadenceDays');
  change(doc, () => metaOf(doc).set('cadenceDays', value));
}

// ---------------------------------------------------------------- stages and channels

export type LaneKind = 'stage' | 'channel';

const lanesOf = (doc: Y.Doc, kind: LaneKind) => (kind === 'stage' ? stagesOf(doc) : channelsOf(doc));
const readLane = (kind: LaneKind) => (kind === 'stage' ? readStage : readChannel);

function sortedLanes(doc: Y.Doc, kind: LaneKind) {
  const read = readLane(kind);
  return [...entitiesOf(lanesOf(doc, kind))].map(([, m]) => read(m)).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

export function addLane(doc: Y.Doc, kind: LaneKind, title: string, color: string): Id {
  const checked = checkFields(LANE_CHECKS, { title, color });
  const lanes = sortedLanes(doc, kind);
  const id = newEntityId();
  const order = orderBetween(lanes.at(-1)?.order ?? null, null);
  change(doc, () => lanesOf(doc, kind).set(id, newEntityOf(LANE, { id, ...checked, order })));
  return id;
}

/** Edits any of a stage's or channel's own fields (title, colour, owner…), each through its check. */
export function updateLane(doc: Y.Doc, kind: LaneKind, id: Id, patch: LanePatch): void {
  const checked = checkFields(LANE_CHECKS, patch);
  change(doc, () => writeChanged(requireEntity(lanesOf(doc, kind), id, kind), checked));
}

export function renameLane(doc: Y.Doc, kind: LaneKind, id: Id, title: string): void {
  const value = unwrap(LANE_CHECKS.title(title), 'title');
  change(doc, () => requireEntity(lanesOf(doc, kind), id, kind).set('title', value));
}

export function recolorLane(doc: Y.Doc, kind: LaneKind, id: Id, color: string): void {
  const value = unwrap(LANE_CHECKS.color(color), 'color');
  change(doc, () => requireEntity(lanesOf(doc, kind), id, kind).set('color', value));
}

/** Moves a stage or channel so it ends at `toIndex` among the others. */
export function moveLane(doc: Y.Doc, kind: LaneKind, id: Id, toIndex: number): void {
  const others = sortedLanes(doc, kind).filter((l) => l.id !== id);
  const index = Math.max(0, Math.min(toIndex, others.length));
  const order = orderBetween(others[index - 1]?.order ?? null, others[index]?.order ?? null);
  change(doc, () => requireEntity(lanesOf(doc, kind), id, kind).set('order', order));
}

/** Touchpoints that deleting this lane would delete with it (the UI asks first). */
export function touchpointsInLane(doc: Y.Doc, kind: LaneKind, id: Id): Id[] {
  const key = kind === 'stage' ? 'stageId' : 'channelId';
  const out: Id[] = [];
  for (const [tpId, tp] of entitiesOf(touchpointsOf(doc))) if (tp.get(key) === id) out.push(tpId);
  return out;
}

export function deleteLane(doc: Y.Doc, kind: LaneKind, id: Id): void {
  const doomed = touchpointsInLane(doc, kind, id);
  change(doc, () => {
    deleteTouchpointsInside(doc, doomed);
    // A stage's layer cells go with it.
    if (kind === 'stage') deleteCellsWhere(doc, (cell) => cell.get('stageId') === id);
    lanesOf(doc, kind).delete(id);
  });
}

// ---------------------------------------------------------------- touchpoints

function cellOrders(doc: Y.Doc, stageId: Id, channelId: Id, exclude?: ReadonlySet<Id>): number[] {
  const orders: number[] = [];
  for (const [, tp] of entitiesOf(touchpointsOf(doc))) {
    if (tp.get('stageId') === stageId && tp.get('channelId') === channelId && !exclude?.has(tp.get('id') as Id)) {
      orders.push(readTouchpoint(tp).order);
    }
  }
  return orders.sort((a, b) => a - b);
}

function assertCell(doc: Y.Doc, stageId: Id, channelId: Id): void {
  requireEntity(stagesOf(doc), stageId, 'stage');
  requireEntity(channelsOf(doc), channelId, 'channel');
}

export interface NewTouchpoint {
  stageId: Id;
  channelId: Id;
  title: string;
  status?: TouchpointStatus;
}

export function addTouchpoint(doc: Y.Doc, input: NewTouchpoint): Id {
  const { title, status } = checkFields(TOUCHPOINT_CHECKS, { title: input.title, status: input.status ?? 'new' });
  assertCell(doc, input.stageId, input.channelId);
  const orders = cellOrders(doc, input.stageId, input.channelId);
  const id = newEntityId();
  change(doc, () =>
    touchpointsOf(doc).set(
      id,
      newEntityOf(TOUCHPOINT, {
        id,
        title,
        stageId: input.stageId,
        channelId: input.channelId,
        order: orderBetween(orders.at(-1) ?? null, null),
        status,
        createdAt: nowIso(),
      }),
    ),
  );
  return id;
}

/** The fields a person edits, as the schema marks them. */
export type TouchpointPatch = Partial<EditableOf<typeof TOUCHPOINT>>;
export type LanePatch = Partial<EditableOf<typeof LANE>>;
export type NotePatch = Partial<EditableOf<typeof NOTE>>;

export function updateTouchpoint(doc: Y.Doc, id: Id, patch: TouchpointPatch): void {
  const checked = checkFields(TOUCHPOINT_CHECKS, patch);
  change(doc, () => writeChanged(requireEntity(touchpointsOf(doc), id, 'touchpoint'), checked));
}

export interface TouchpointMove {
  id: Id;
  stageId: Id;
  channelId: Id;
  /** Position among the cell's other cards; omitted puts it last. */
  index?: number;
}

/** Moves one or more touchpoints to cells, in one transaction (one undo step). */
export function moveTouchpoints(doc: Y.Doc, moves: readonly TouchpointMove[]): void {
  for (const m of moves) {
    assertCell(doc, m.stageId, m.channelId);
    requireEntity(touchpointsOf(doc), m.id, 'touchpoint');
  }
  const moving = new Set(moves.map((m) => m.id));
  change(doc, () => {
    for (const m of moves) {
      const orders = cellOrders(doc, m.stageId, m.channelId, moving);
      const index = Math.max(0, Math.min(m.index ?? orders.length, orders.length));
      const tp = touchpointsOf(doc).get(m.id)!;
      const order = orderBetween(orders[index - 1] ?? null, orders[index] ?? null);
      // Both lanes are written even when one is unchanged: concurrent moves then resolve as a
      // whole (one person's cell wins) instead of mixing one's stage with the other's channel.
      tp.set('stageId', m.stageId);
      tp.set('channelId', m.channelId);
      tp.set('order', order);
      // Later moves into the same cell must see this card's new place.
      moving.delete(m.id);
    }
  });
}

export const moveTouchpoint = (doc: Y.Doc, move: TouchpointMove) => moveTouchpoints(doc, [move]);

function deleteTouchpointsInside(doc: Y.Doc, ids: readonly Id[]): void {
  const doomed = new Set(ids);
  for (const [id, n] of [...entitiesOf(notesOf(doc))]) if (doomed.has(n.get('touchpointId') as Id)) notesOf(doc).delete(id);
  for (const [id, q] of [...entitiesOf(quotesOf(doc))]) if (doomed.has(q.get('touchpointId') as Id)) quotesOf(doc).delete(id);
  for (const [id, c] of [...entitiesOf(connectionsOf(doc))]) {
    if (doomed.has(c.get('sourceId') as Id) || doomed.has(c.get('targetId') as Id)) connectionsOf(doc).delete(id);
  }
  for (const id of doomed) {
    touchpointsOf(doc).delete(id);
    checklistOf(doc).delete(id);
  }
}

/** Deletes touchpoints with their notes, quotes and connections. */
export function deleteTouchpoints(doc: Y.Doc, ids: readonly Id[]): void {
  if (ids.length === 0) return;
  change(doc, () => deleteTouchpointsInside(doc, ids));
}

/** Copies touchpoints (with their notes, quotes and the connections among them) from plain data. */
export function pasteTouchpoints(doc: Y.Doc, payload: ClipboardPayload): Id[] {
  const stages = sortedLanes(doc, 'stage');
  const channels = sortedLanes(doc, 'channel');
  if (stages.length === 0 || channels.length === 0) return [];
  const stageIds = new Set(stages.map((s) => s.id));
  const channelIds = new Set(channels.map((c) => c.id));
  // Everything is checked before the transaction: Yjs cannot roll back, so a bad field
  // found halfway would leave part of the paste in the map.
  const touchpoints = payload.touchpoints.map((tp) => ({
    sourceId: tp.id,
    // A card copied from another map lands in the first cell when its lanes do not exist here.
    stageId: stageIds.has(tp.stageId) ? tp.stageId : stages[0]!.id,
    channelId: channelIds.has(tp.channelId) ? tp.channelId : channels[0]!.id,
    ...checkFields(TOUCHPOINT_CHECKS, tp),
  }));
  const notes = payload.notes.map((n) => ({ sourceTouchpointId: n.touchpointId, ...checkFields(NOTE_CHECKS, n) }));
  const quotes = payload.quotes.map((q) => ({ sourceTouchpointId: q.touchpointId, fields: checkFields(QUOTE_CHECKS, q) }));
  const newIds = new Map<Id, Id>();
  return change(doc, () => {
    for (const { sourceId, ...tp } of touchpoints) {
      const orders = cellOrders(doc, tp.stageId, tp.channelId);
      const id = newEntityId();
      newIds.set(sourceId, id);
      touchpointsOf(doc).set(
        id,
        newEntityOf(TOUCHPOINT, { id, ...tp, order: orderBetween(orders.at(-1) ?? null, null), createdAt: nowIso() }),
      );
    }
    for (const { sourceTouchpointId, ...n } of notes) {
      const touchpointId = newIds.get(sourceTouchpointId);
      if (!touchpointId) continue;
      const id = newEntityId();
      notesOf(doc).set(id, newEntityOf(NOTE, { id, touchpointId, ...n, createdAt: nowIso() }));
    }
    for (const { sourceTouchpointId, fields } of quotes) {
      const touchpointId = newIds.get(sourceTouchpointId);
      if (!touchpointId) continue;
      const id = newEntityId();
      quotesOf(doc).set(id, newEntityOf(QUOTE, { ...fields, id, touchpointId, createdAt: nowIso() }));
    }
    for (const c of payload.connections) {
      const sourceId = newIds.get(c.sourceId);
      const targetId = newIds.get(c.targetId);
      if (!sourceId || !targetId) continue;
      const id = newEntityId();
      connectionsOf(doc).set(id, newEntityOf(CONNECTION, { id, sourceId, targetId }));
    }
    return [...newIds.values()];
  });
}

// ---------------------------------------------------------------- connections

/** Connects two touchpoints; refuses loops and duplicates by returning null. */
export function addConnection(doc: Y.Doc, sourceId: Id, targetId: Id): Id | null {
  if (sourceId === targetId) return null;
  requireEntity(touchpointsOf(doc), sourceId, 'touchpoint');
  requireEntity(touchpointsOf(doc), targetId, 'touchpoint');
  for (const [, c] of entitiesOf(connectionsOf(doc))) {
    if (c.get('sourceId') === sourceId && c.get('targetId') === targetId) return null;
  }
  const id = newEntityId();
  change(doc, () => connectionsOf(doc).set(id, newEntityOf(CONNECTION, { id, sourceId, targetId })));
  return id;
}

export function deleteConnections(doc: Y.Doc, ids: readonly Id[]): void {
  if (ids.length === 0) return;
  change(doc, () => ids.forEach((id) => connectionsOf(doc).delete(id)));
}

// ---------------------------------------------------------------- notes

export function addNote(doc: Y.Doc, touchpointId: Id, kind: NoteKind, text = ''): Id {
  requireEntity(touchpointsOf(doc), touchpointId, 'touchpoint');
  const checked = checkFields(NOTE_CHECKS, { kind, text });
  const id = newEntityId();
  change(doc, () =>
    notesOf(doc).set(
      id,
      newEntityOf(NOTE, { id, touchpointId, ...checked, createdAt: nowIso() }),
    ),
  );
  return id;
}

export function updateNote(doc: Y.Doc, id: Id, patch: NotePatch): void {
  const checked = checkFields(NOTE_CHECKS, patch);
  change(doc, () => writeChanged(requireEntity(notesOf(doc), id, 'note'), checked));
}

/** Adds +1 or -1 to this voter's own tally, so concurrent votes from others never collide. */
export function voteNote(doc: Y.Doc, id: Id, voterId: string, delta: 1 | -1): void {
  change(doc, () => {
    const note = requireEntity(notesOf(doc), id, 'note');
    let votes = note.get('votes');
    if (!(votes instanceof Y.Map)) {
      votes = new Y.Map<number>();
      note.set('votes', votes);
    }
    const tally = votes as Y.Map<number>;
    const current = tally.get(voterId);
    tally.set(voterId, (typeof current === 'number' ? current : 0) + delta);
  });
}

export function deleteNote(doc: Y.Doc, id: Id): void {
  change(doc, () => notesOf(doc).delete(id));
}

// ---------------------------------------------------------------- quotes

/** What a person writes into a quote; its id, touchpoint and creation time come with it. */
export type QuoteFields = EditableOf<typeof QUOTE>;

export function addQuote(doc: Y.Doc, touchpointId: Id, fields: QuoteFields): Id {
  requireEntity(touchpointsOf(doc), touchpointId, 'touchpoint');
  const valid = checkFields(QUOTE_CHECKS, fields);
  const id = newEntityId();
  change(doc, () => quotesOf(doc).set(id, newEntityOf(QUOTE, { id, touchpointId, ...valid, createdAt: nowIso() })));
  return id;
}

export interface NewQuote extends QuoteFields {
  touchpointId: Id;
}

/**
 * Adds many quotes at once (a survey CSV): all are checked first, then written in one
 * transaction, so a bad row writes nothing and one undo takes them all back.
 */
export function addQuotes(doc: Y.Doc, quotes: readonly NewQuote[]): Id[] {
  const checked = quotes.map((q, i) => {
    requireEntity(touchpointsOf(doc), q.touchpointId, `quote ${i + 1}: touchpoint`);
    return { touchpointId: q.touchpointId, fields: checkFields(QUOTE_CHECKS, q) };
  });
  const createdAt = nowIso();
  const ids = checked.map(() => newEntityId());
  if (checked.length === 0) return ids;
  change(doc, () => {
    checked.forEach(({ touchpointId, fields }, i) => {
      const id = ids[i]!;
      quotesOf(doc).set(id, newEntityOf(QUOTE, { id, touchpointId, ...fields, createdAt }));
    });
  });
  return ids;
}

export function updateQuote(doc: Y.Doc, id: Id, patch: Partial<QuoteFields>): void {
  const checked = checkFields(QUOTE_CHECKS, patch);
  change(doc, () => writeChanged(requireEntity(quotesOf(doc), id, 'quote'), checked));
}

export function deleteQuote(doc: Y.Doc, id: Id): void {
  change(doc, () => quotesOf(doc).delete(id));
}

// ---------------------------------------------------------------- stage layers

function sortedLayers(doc: Y.Doc) {
  return [...entitiesOf(layersOf(doc))].map(([, m]) => readLayer(m)).sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

/** Adds a layer of `kind` below the others; its cells are made when someone first writes one. */
export function addLayer(doc: Y.Doc, kind: LayerKind, title: string): Id {
  const checked = checkFields(LAYER_CHECKS, { kind, title });
  const order = orderBetween(sortedLayers(doc).at(-1)?.order ?? null, null);
  const id = newEntityId();
  change(doc, () => layersOf(doc).set(id, newEntityOf(LAYER, { id, ...checked, order })));
  return id;
}

export function renameLayer(doc: Y.Doc, id: Id, title: string): void {
  const value = unwrap(LAYER_CHECKS.title(title), 'title');
  change(doc, () => writeChanged(requireEntity(layersOf(doc), id, 'layer'), { title: value }));
}

/** Moves a layer so it ends at `toIndex` among all layers (hidden ones included). */
export function moveLayer(doc: Y.Doc, id: Id, toIndex: number): void {
  requireEntity(layersOf(doc), id, 'layer');
  const others = sortedLayers(doc).filter((l) => l.id !== id);
  const index = Math.max(0, Math.min(toIndex, others.length));
  const order = orderBetween(others[index - 1]?.order ?? null, others[index]?.order ?? null);
  change(doc, () => layersOf(doc).get(id)!.set('order', order));
}

/** Hides a layer from the canvas (its cells are kept) or shows it again. */
export function setLayerHidden(doc: Y.Doc, id: Id, hidden: boolean): void {
  change(doc, () => writeChanged(requireEntity(layersOf(doc), id, 'layer'), { hidden }));
}

function deleteCellsWhere(doc: Y.Doc, doomed: (cell: EntityMap) => boolean): void {
  const cells = cellsOf(doc);
  // Every entry, well-formed or not: a stray cell must not outlive its layer or stage.
  for (const [id, cell] of [...cells.entries()]) if (cell instanceof Y.Map && doomed(cell)) cells.delete(id);
}

/** Deletes a layer with all its cells, in one step. */
export function deleteLayer(doc: Y.Doc, id: Id): void {
  change(doc, () => {
    deleteCellsWhere(doc, (cell) => cell.get('layerId') === id);
    layersOf(doc).delete(id);
  });
}

/** What a person writes into a cell: its text, and for a kpi layer the metric, actual and target. */
export type CellPatch = Partial<EditableOf<typeof CELL>>;

/** The cell of a layer at a stage, whatever its id (an imported cell keeps the file's id). */
function cellAt(doc: Y.Doc, layerId: Id, stageId: Id): EntityMap | undefined {
  const own = cellsOf(doc).get(cellIdOf(layerId, stageId));
  if (isEntity(cellIdOf(layerId, stageId), own)) return own;
  for (const [, cell] of entitiesOf(cellsOf(doc))) {
    if (cell.get('layerId') === layerId && cell.get('stageId') === stageId) return cell;
  }
  return undefined;
}

/**
 * Writes a layer's cell at a stage, making it on first write. A new cell's id is derived from
 * its layer and stage (cellIdOf), so two people writing the same empty cell at once make one
 * cell; otherwise each would make their own and the canvas would show only one of them.
 */
export function setCell(doc: Y.Doc, layerId: Id, stageId: Id, patch: CellPatch): Id {
  const checked = checkFields(CELL_CHECKS, patch);
  requireEntity(layersOf(doc), layerId, 'layer');
  requireEntity(stagesOf(doc), stageId, 'stage');
  return change(doc, () => {
    const existing = cellAt(doc, layerId, stageId);
    if (existing) {
      writeChanged(existing, checked);
      return existing.get('id') as Id;
    }
    const id = cellIdOf(layerId, stageId);
    cellsOf(doc).set(id, newEntityOf(CELL, { ...checked, id, layerId, stageId }));
    return id;
  });
}

// ---------------------------------------------------------------- review in progress

/** Ticks or unticks one review-mode checklist item of a touchpoint (shared live with everyone). */
export function setChecklistItem(doc: Y.Doc, touchpointId: Id, item: keyof ReviewChecklist, ticked: boolean): void {
  requireEntity(touchpointsOf(doc), touchpointId, 'touchpoint');
  unwrap(checkOneOf(item, CHECKLIST_ITEMS), 'item');
  change(doc, () => {
    let items = checklistOf(doc).get(touchpointId);
    if (!(items instanceof Y.Map)) {
      items = new Y.Map<boolean>();
      checklistOf(doc).set(touchpointId, items);
    }
    items.set(item, ticked);
  });
}

/** Starts the next review with an empty checklist (after a review is saved). */
export function clearChecklist(doc: Y.Doc): void {
  change(doc, () => {
    for (const key of [...checklistOf(doc).keys()]) checklistOf(doc).delete(key);
  });
}

// ---------------------------------------------------------------- merging a copy back

export interface MergeCount {
  /** Entities the map lacked, now added. */
  added: number;
  /** Entities the map has with other values: left as the map has them. */
  differing: number;
}

/**
 * Merges a copy of this map (the file this browser downloaded while the server was away) into
 * it: whatever the copy has that the map lacks (cards, notes, quotes, lanes, arrows, layers, cells) is added.
 * Nothing on the map is overwritten or deleted: without the history behind the copy, a value
 * that differs could as well be a colleague's newer edit, so those are only counted. One
 * transaction, so one undo takes the merge back. `snapshot` must be validated (parseMapJson).
 */
export function mergeSnapshot(doc: Y.Doc, snapshot: JourneyMapSnapshot): MergeCount {
  const count: MergeCount = { added: 0, differing: 0 };
  const addMissing = <S extends AnySchema>(collection: Y.Map<EntityMap>, schema: S, items: readonly RecordOf<S>[]) => {
    for (const item of items) {
      const id = (item as { id: Id }).id;
      const existing = collection.get(id);
      if (!isEntity(id, existing)) {
        collection.set(id, newEntityOf(schema, item));
        count.added++;
      } else if (fieldsOf(schema).some(([key, def]) => def.kind !== 'tally' && existing.get(key) !== (item as Record<string, unknown>)[key])) {
        count.differing++;
      }
    }
  };
  change(doc, () => {
    addMissing(stagesOf(doc), LANE, snapshot.stages);
    addMissing(channelsOf(doc), LANE, snapshot.channels);
    addMissing(touchpointsOf(doc), TOUCHPOINT, snapshot.touchpoints);
    addMissing(connectionsOf(doc), CONNECTION, snapshot.connections);
    addMissing(notesOf(doc), NOTE, snapshot.notes);
    addMissing(quotesOf(doc), QUOTE, snapshot.quotes);
    addMissing(layersOf(doc), LAYER, snapshot.layers);
    // A cell whose layer and stage already have one (under another id) is a differing value.
    const placeOwner = new Map<string, Id>();
    for (const [id, cell] of entitiesOf(cellsOf(doc))) placeOwner.set(`${String(cell.get('layerId'))}\u0000${String(cell.get('stageId'))}`, id);
    addMissing(
      cellsOf(doc),
      CELL,
      snapshot.cells.filter((cell) => {
        const owner = placeOwner.get(`${cell.layerId}\u0000${cell.stageId}`);
        if (owner === undefined || owner === cell.id) return true;
        count.differing++;
        return false;
      }),
    );
  });
  return count;
}

// ---------------------------------------------------------------- orphaned notes and quotes

/** True when notes or quotes still point to the card `touchpointId` although it is gone. */
function hasOrphans(doc: Y.Doc, touchpointId: Id): boolean {
  if (isEntity(touchpointId, touchpointsOf(doc).get(touchpointId))) return false;
  for (const collection of [notesOf(doc), quotesOf(doc)]) {
    for (const [, entity] of entitiesOf(collection)) if (entity.get('touchpointId') === touchpointId) return true;
  }
  return false;
}

/**
 * Brings back a card deleted while notes or quotes were being added to it (src/domain/orphans.ts):
 * a new card under the old id, so they all belong to it again, at the end of the first cell (the
 * old cell went with the card). Two people restoring it at once end with one card. False when
 * nothing points to a missing card of that id (restored already, or discarded).
 */
export function restoreOrphanedCard(doc: Y.Doc, touchpointId: Id, title: string): boolean {
  const checked = checkFields(TOUCHPOINT_CHECKS, { title, status: 'new' });
  if (!hasOrphans(doc, touchpointId)) return false;
  const [stage] = sortedLanes(doc, 'stage');
  const [channel] = sortedLanes(doc, 'channel');
  if (!stage || !channel) throw new Error('the map has no stage or channel to put the restored card in');
  const orders = cellOrders(doc, stage.id, channel.id);
  change(doc, () =>
    touchpointsOf(doc).set(
      touchpointId,
      newEntityOf(TOUCHPOINT, {
        id: touchpointId,
        ...checked,
        stageId: stage.id,
        channelId: channel.id,
        order: orderBetween(orders.at(-1) ?? null, null),
        createdAt: nowIso(),
      }),
    ),
  );
  return true;
}

/** Deletes, on purpose, the notes and quotes left by a deleted card; returns how many. */
export function discardOrphans(doc: Y.Doc, touchpointId: Id): number {
  if (!hasOrphans(doc, touchpointId)) return 0;
  let count = 0;
  change(doc, () => {
    for (const collection of [notesOf(doc), quotesOf(doc)]) {
      for (const [id, entity] of [...entitiesOf(collection)]) {
        if (entity.get('touchpointId') !== touchpointId) continue;
        collection.delete(id);
        count++;
      }
    }
  });
  return count;
}
