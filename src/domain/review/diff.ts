// What changed between two states of a map (last review → now): the list a quarterly review reads
// aloud, and the marks on the canvas. Pure: two plain snapshots in, plain lists out.
//
// Decisions:
// - Every entry names what it lists (ids + titles), taken from `after`, or from `before` for things
//   that are gone, so a diff can be shown without either snapshot.
// - Status changes are listed once: to retired → `retired`, out of retired → `reactivated`, any other
//   (new ↔ active) → `statusChanged`. Notes likewise: → done is `closed`, done → is `reopened`,
//   any other step (idea → planned …) is `statusChanged`.
// - Reordering cards within a cell is not a move (it is noise when another card is inserted);
//   a move is a change of stage or channel. Lane reordering and connections are not compared.
// - Votes are not compared: they drift in every workshop and say nothing about the journey.
// - Quotes are compared by presence only (added / deleted), not by edits.
// - Deleting a touchpoint deletes its notes and quotes, so they are listed as deleted too.
// - A touchpoint is marked 'changed' for any change of its own or of its notes and quotes.
// - Lists are in map order (stage, channel, card order) so they read like the canvas.
// - Layer cells are compared by place (layer × stage), not id: a missing cell is an empty one, so
//   writing into an empty cell is a change from nothing. Cells of a deleted layer or stage are not
//   listed (the layer's or stage's removal says it); hiding a layer is not a change of the journey.
import { TOUCHPOINT, editableChecks, type EditableOf } from '../schema';
import { satisfaction, stageAverages } from '../satisfaction';
import type {
  Cell,
  Channel,
  Id,
  JourneyMapSnapshot,
  Layer,
  LayerKind,
  Note,
  NoteKind,
  NoteStatus,
  Quote,
  QuoteSource,
  Sentiment,
  Stage,
  Touchpoint,
  TouchpointStatus,
} from '../types';
import {
  indexSnapshot,
  lanesInOrder,
  noteRef,
  placeOf,
  touchpointRef,
  type NoteRef,
  type SnapshotIndex,
  type TouchpointPlace,
  type TouchpointRef,
} from './refs';
import { walkOrder } from './walk';

// ---------------------------------------------------------------- entry types

export interface TouchpointEntry extends TouchpointRef {
  status: TouchpointStatus;
}

export interface TouchpointStatusChange extends TouchpointRef {
  from: TouchpointStatus;
  to: TouchpointStatus;
}

/** A touchpoint that changed stage or channel; lane titles are as they were at each moment. */
export interface TouchpointMove extends TouchpointRef {
  from: TouchpointPlace;
  to: TouchpointPlace;
}

export interface TouchpointRename extends TouchpointRef {
  before: string;
  after: string;
}

export interface TouchpointSatisfactionChange extends TouchpointRef {
  before: number | null;
  after: number | null;
  /** after − before; null when either side is unrated. */
  delta: number | null;
}

/** Fields a person edits that have no entry of their own (title and status have). */
export type TouchpointDetail = Exclude<keyof EditableOf<typeof TOUCHPOINT>, 'title' | 'status'>;
const TOUCHPOINT_DETAILS = Object.keys(editableChecks(TOUCHPOINT)).filter(
  (key): key is TouchpointDetail => key !== 'title' && key !== 'status',
);

/** Other edited fields (satisfaction may be unchanged: expected 2→3 and perceived 3→4). */
export interface TouchpointEdit extends TouchpointRef {
  fields: TouchpointDetail[];
}

export interface NoteStatusChange extends NoteRef {
  from: NoteStatus;
  to: NoteStatus;
}

export interface NoteMove extends NoteRef {
  from: { touchpointId: Id; title: string | null };
  to: { touchpointId: Id; title: string | null };
}

export interface NoteTextChange extends NoteRef {
  before: string;
  after: string;
}

export interface NoteKindChange extends NoteRef {
  from: NoteKind;
  to: NoteKind;
}

export interface NoteOwnerChange extends NoteRef {
  before: string;
  after: string;
}

export interface QuoteRef {
  quoteId: Id;
  text: string;
  who: string;
  source: QuoteSource;
  sentiment: Sentiment;
  date: string;
  touchpointId: Id;
  touchpointTitle: string | null;
}

export interface LaneEntry {
  id: Id;
  title: string;
  color: string;
}

export interface LaneRename {
  id: Id;
  before: string;
  after: string;
}

export interface LaneRecolour {
  id: Id;
  title: string;
  before: string;
  after: string;
}

/** A stage or channel handed to someone else (or to nobody: `after` is ''). */
export interface LaneOwnerChange {
  id: Id;
  title: string;
  before: string;
  after: string;
}

export interface LaneDiff {
  added: LaneEntry[];
  removed: LaneEntry[];
  renamed: LaneRename[];
  recoloured: LaneRecolour[];
  ownerChanged: LaneOwnerChange[];
}

export interface LayerEntry {
  id: Id;
  kind: LayerKind;
  title: string;
}

export interface LayerRename {
  id: Id;
  kind: LayerKind;
  before: string;
  after: string;
}

/** What a cell says: its text, and for a KPI its metric and figures. */
export interface CellContent {
  text: string;
  metric: string;
  actual: number | null;
  target: number | null;
}

export interface CellChange {
  layerId: Id;
  layerTitle: string;
  kind: LayerKind;
  stageId: Id;
  stageTitle: string;
  before: CellContent;
  after: CellContent;
}

export interface LayerDiff {
  added: LayerEntry[];
  removed: LayerEntry[];
  renamed: LayerRename[];
  /** In layer order, then stage order. */
  cellsChanged: CellChange[];
}

export interface StageSatisfactionChange {
  stageId: Id;
  title: string;
  /** Average satisfaction of the stage; null when nothing was rated there (or the stage did not exist). */
  before: number | null;
  after: number | null;
  delta: number | null;
}

/** How a touchpoint is marked on the canvas; the strongest applies (deleted > added > retired > changed). */
export type TouchpointMark = 'added' | 'retired' | 'changed' | 'deleted';

export interface MapDiffCounts {
  touchpointsAdded: number;
  touchpointsRetired: number;
  touchpointsReactivated: number;
  touchpointsDeleted: number;
  touchpointsMoved: number;
  touchpointsRenamed: number;
  /** Touchpoints marked 'changed' (anything on them or their notes/quotes, short of added/retired/deleted). */
  touchpointsChanged: number;
  notesAdded: number;
  notesClosed: number;
  /** Closed notes of kind Fix: "what was fixed". */
  fixesClosed: number;
  notesReopened: number;
  notesDeleted: number;
  notesMoved: number;
  quotesAdded: number;
  quotesDeleted: number;
  stagesAdded: number;
  stagesRemoved: number;
  channelsAdded: number;
  channelsRemoved: number;
  layersAdded: number;
  layersRemoved: number;
  cellsChanged: number;
  /** Every listed change, all kinds together: 0 means the two states are the same for a review. */
  total: number;
}

export interface MapDiff {
  touchpoints: {
    added: TouchpointEntry[];
    retired: TouchpointStatusChange[];
    reactivated: TouchpointStatusChange[];
    deleted: TouchpointEntry[];
    moved: TouchpointMove[];
    renamed: TouchpointRename[];
    statusChanged: TouchpointStatusChange[];
    satisfactionChanged: TouchpointSatisfactionChange[];
    edited: TouchpointEdit[];
  };
  notes: {
    added: NoteRef[];
    closed: NoteStatusChange[];
    reopened: NoteStatusChange[];
    statusChanged: NoteStatusChange[];
    deleted: NoteRef[];
    moved: NoteMove[];
    textChanged: NoteTextChange[];
    kindChanged: NoteKindChange[];
    ownerChanged: NoteOwnerChange[];
  };
  quotes: {
    added: QuoteRef[];
    deleted: QuoteRef[];
  };
  stages: LaneDiff;
  channels: LaneDiff;
  layers: LayerDiff;
  /** Every stage of `after` in order, then stages only in `before`. */
  stageSatisfaction: StageSatisfactionChange[];
  touchpointMarks: Record<Id, TouchpointMark>;
  counts: MapDiffCounts;
}

// ---------------------------------------------------------------- helpers

const byId = <T extends { id: Id }>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]));

/** A touchpoint's place in the stage-by-stage walk; touchpoints off the grid sort last. */
function mapOrder(index: SnapshotIndex) {
  const rank = new Map(walkOrder(index.snapshot, 'stage').map((id, i) => [id, i]));
  return (touchpointId: Id) => rank.get(touchpointId) ?? Number.MAX_SAFE_INTEGER;
}

/** Sorts entries in place by where their touchpoint sits on the map, then by `tieOf`. */
function sortByMap<T>(
  items: T[],
  rankOf: (id: Id) => number,
  touchpointIdOf: (item: T) => Id,
  tieOf: (item: T) => string,
): T[] {
  return items.sort((a, b) => {
    const byRank = rankOf(touchpointIdOf(a)) - rankOf(touchpointIdOf(b));
    if (byRank !== 0) return byRank;
    const ta = tieOf(a);
    const tb = tieOf(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

const noteTie = (n: NoteRef) => n.noteId;

function quoteRef(index: SnapshotIndex, quote: Quote): QuoteRef {
  return {
    quoteId: quote.id,
    text: quote.text,
    who: quote.who,
    source: quote.source,
    sentiment: quote.sentiment,
    date: quote.date,
    touchpointId: quote.touchpointId,
    touchpointTitle: index.touchpoints.get(quote.touchpointId)?.title ?? null,
  };
}

/** A note's title lookup falls back to `before` when its touchpoint is gone from `after`. */
function titleIn(after: SnapshotIndex, before: SnapshotIndex, touchpointId: Id): string | null {
  return after.touchpoints.get(touchpointId)?.title ?? before.touchpoints.get(touchpointId)?.title ?? null;
}

function diffLanes<T extends Stage | Channel>(before: readonly T[], after: readonly T[]): LaneDiff {
  const old = byId(before);
  const now = byId(after);
  const diff: LaneDiff = { added: [], removed: [], renamed: [], recoloured: [], ownerChanged: [] };
  for (const lane of lanesInOrder(after)) {
    const was = old.get(lane.id);
    if (!was) {
      diff.added.push({ id: lane.id, title: lane.title, color: lane.color });
      continue;
    }
    if (was.title !== lane.title) diff.renamed.push({ id: lane.id, before: was.title, after: lane.title });
    if (was.color !== lane.color) {
      diff.recoloured.push({ id: lane.id, title: lane.title, before: was.color, after: lane.color });
    }
    if (was.owner !== lane.owner) diff.ownerChanged.push({ id: lane.id, title: lane.title, before: was.owner, after: lane.owner });
  }
  for (const lane of lanesInOrder(before)) {
    if (!now.has(lane.id)) diff.removed.push({ id: lane.id, title: lane.title, color: lane.color });
  }
  return diff;
}

const EMPTY_CELL: CellContent = { text: '', metric: '', actual: null, target: null };
const contentOf = (cell: Cell | undefined): CellContent =>
  cell ? { text: cell.text, metric: cell.metric, actual: cell.actual, target: cell.target } : EMPTY_CELL;
const sameContent = (a: CellContent, b: CellContent) =>
  a.text === b.text && a.metric === b.metric && a.actual === b.actual && a.target === b.target;

function diffLayers(before: JourneyMapSnapshot, after: JourneyMapSnapshot): LayerDiff {
  const old = byId<Layer>(before.layers);
  const now = byId<Layer>(after.layers);
  const diff: LayerDiff = { added: [], removed: [], renamed: [], cellsChanged: [] };
  for (const layer of lanesInOrder(after.layers)) {
    const was = old.get(layer.id);
    if (!was) diff.added.push({ id: layer.id, kind: layer.kind, title: layer.title });
    else if (was.title !== layer.title) diff.renamed.push({ id: layer.id, kind: layer.kind, before: was.title, after: layer.title });
  }
  for (const layer of lanesInOrder(before.layers)) {
    if (!now.has(layer.id)) diff.removed.push({ id: layer.id, kind: layer.kind, title: layer.title });
  }
  const place = (c: Cell) => `${c.layerId}\u0000${c.stageId}`;
  const cellsBefore = new Map(before.cells.map((c) => [place(c), c]));
  const cellsAfter = new Map(after.cells.map((c) => [place(c), c]));
  const stagesBefore = new Set(before.stages.map((s) => s.id));
  for (const layer of lanesInOrder(after.layers)) {
    for (const stage of lanesInOrder(after.stages)) {
      const key = `${layer.id}\u0000${stage.id}`;
      // A stage added since has no "before": its cells read from empty, like a new layer's.
      const was = contentOf(old.has(layer.id) && stagesBefore.has(stage.id) ? cellsBefore.get(key) : undefined);
      const is = contentOf(cellsAfter.get(key));
      if (sameContent(was, is)) continue;
      diff.cellsChanged.push({
        layerId: layer.id,
        layerTitle: layer.title,
        kind: layer.kind,
        stageId: stage.id,
        stageTitle: stage.title,
        before: was,
        after: is,
      });
    }
  }
  return diff;
}

const deltaOf = (before: number | null, after: number | null) =>
  before === null || after === null ? null : after - before;

const samePlace = (a: Touchpoint, b: Touchpoint) => a.stageId === b.stageId && a.channelId === b.channelId;

// ---------------------------------------------------------------- the diff

export function diffMaps(before: JourneyMapSnapshot, after: JourneyMapSnapshot): MapDiff {
  const was = indexSnapshot(before);
  const now = indexSnapshot(after);
  const rankAfter = mapOrder(now);
  const rankBefore = mapOrder(was);

  const tp: MapDiff['touchpoints'] = {
    added: [],
    retired: [],
    reactivated: [],
    deleted: [],
    moved: [],
    renamed: [],
    statusChanged: [],
    satisfactionChanged: [],
    edited: [],
  };
  // A Map until the end: imported ids could be named like Object built-ins ("constructor").
  const marks = new Map<Id, TouchpointMark>();
  /** Only 'changed' is weak: it never overrides added/retired/deleted. */
  const markChanged = (id: Id) => {
    if (!marks.has(id) && (now.touchpoints.has(id) || was.touchpoints.has(id))) marks.set(id, 'changed');
  };

  for (const card of after.touchpoints) {
    const old = was.touchpoints.get(card.id);
    const ref = touchpointRef(now, card);
    if (!old) {
      tp.added.push({ ...ref, status: card.status });
      marks.set(card.id, 'added');
      continue;
    }
    let changed = false;
    if (old.status !== card.status) {
      const change = { ...ref, from: old.status, to: card.status };
      if (card.status === 'retired') {
        tp.retired.push(change);
        marks.set(card.id, 'retired');
      } else if (old.status === 'retired') tp.reactivated.push(change);
      else tp.statusChanged.push(change);
      changed = true;
    }
    if (!samePlace(old, card)) {
      tp.moved.push({ ...ref, from: placeOf(was, old), to: placeOf(now, card) });
      changed = true;
    }
    if (old.title !== card.title) {
      tp.renamed.push({ ...ref, before: old.title, after: card.title });
      changed = true;
    }
    const s0 = satisfaction(old);
    const s1 = satisfaction(card);
    if (s0 !== s1) {
      tp.satisfactionChanged.push({ ...ref, before: s0, after: s1, delta: deltaOf(s0, s1) });
      changed = true;
    }
    const fields = TOUCHPOINT_DETAILS.filter((f) => old[f] !== card[f]);
    if (fields.length > 0) {
      tp.edited.push({ ...ref, fields });
      changed = true;
    }
    if (changed) markChanged(card.id);
  }
  for (const card of before.touchpoints) {
    if (now.touchpoints.has(card.id)) continue;
    tp.deleted.push({ ...touchpointRef(was, card), status: card.status });
    marks.set(card.id, 'deleted');
  }

  const notes: MapDiff['notes'] = {
    added: [],
    closed: [],
    reopened: [],
    statusChanged: [],
    deleted: [],
    moved: [],
    textChanged: [],
    kindChanged: [],
    ownerChanged: [],
  };
  const oldNotes = byId(before.notes);
  const newNotes = byId(after.notes);
  const noteIn = (note: Note): NoteRef => ({
    ...noteRef(now, note),
    touchpointTitle: titleIn(now, was, note.touchpointId),
  });
  for (const note of after.notes) {
    const old = oldNotes.get(note.id);
    const ref = noteIn(note);
    if (!old) {
      notes.added.push(ref);
      markChanged(note.touchpointId);
      continue;
    }
    let changed = false;
    if (old.status !== note.status) {
      const change = { ...ref, from: old.status, to: note.status };
      if (note.status === 'done') notes.closed.push(change);
      else if (old.status === 'done') notes.reopened.push(change);
      else notes.statusChanged.push(change);
      changed = true;
    }
    if (old.touchpointId !== note.touchpointId) {
      notes.moved.push({
        ...ref,
        from: { touchpointId: old.touchpointId, title: titleIn(now, was, old.touchpointId) },
        to: { touchpointId: note.touchpointId, title: ref.touchpointTitle },
      });
      markChanged(old.touchpointId);
      changed = true;
    }
    if (old.text !== note.text) {
      notes.textChanged.push({ ...ref, before: old.text, after: note.text });
      changed = true;
    }
    if (old.kind !== note.kind) {
      notes.kindChanged.push({ ...ref, from: old.kind, to: note.kind });
      changed = true;
    }
    if (old.owner !== note.owner) {
      notes.ownerChanged.push({ ...ref, before: old.owner, after: note.owner });
      changed = true;
    }
    if (changed) markChanged(note.touchpointId);
  }
  for (const note of before.notes) {
    if (newNotes.has(note.id)) continue;
    notes.deleted.push(noteRef(was, note));
    markChanged(note.touchpointId);
  }

  const oldQuotes = byId(before.quotes);
  const newQuotes = byId(after.quotes);
  const quotes: MapDiff['quotes'] = { added: [], deleted: [] };
  for (const quote of after.quotes) {
    if (oldQuotes.has(quote.id)) continue;
    quotes.added.push(quoteRef(now, quote));
    markChanged(quote.touchpointId);
  }
  for (const quote of before.quotes) {
    if (newQuotes.has(quote.id)) continue;
    quotes.deleted.push(quoteRef(was, quote));
    markChanged(quote.touchpointId);
  }

  // Map order: entries of things still on the map follow `after`, things that are gone follow `before`.
  const tpId = (e: TouchpointRef) => e.touchpointId;
  for (const [name, list] of Object.entries(tp)) {
    sortByMap<TouchpointRef>(list, name === 'deleted' ? rankBefore : rankAfter, tpId, tpId);
  }
  const noteTp = (e: NoteRef) => e.touchpointId;
  for (const [name, list] of Object.entries(notes)) {
    sortByMap<NoteRef>(list, name === 'deleted' ? rankBefore : rankAfter, noteTp, noteTie);
  }
  const quoteTie = (q: QuoteRef) => `${q.date}\u0000${q.quoteId}`;
  sortByMap(quotes.added, rankAfter, (q) => q.touchpointId, quoteTie);
  sortByMap(quotes.deleted, rankBefore, (q) => q.touchpointId, quoteTie);

  const stages = diffLanes(before.stages, after.stages);
  const channels = diffLanes(before.channels, after.channels);
  const stageSatisfaction = diffStageSatisfaction(before, after);
  const layers = diffLayers(before, after);

  const listed = [
    ...Object.values(tp),
    ...Object.values(notes),
    ...Object.values(quotes),
    ...Object.values(stages),
    ...Object.values(channels),
    ...Object.values(layers),
  ].reduce((sum, list) => sum + list.length, 0);

  return {
    touchpoints: tp,
    notes,
    quotes,
    stages,
    channels,
    layers,
    stageSatisfaction,
    touchpointMarks: Object.fromEntries(marks),
    counts: {
      touchpointsAdded: tp.added.length,
      touchpointsRetired: tp.retired.length,
      touchpointsReactivated: tp.reactivated.length,
      touchpointsDeleted: tp.deleted.length,
      touchpointsMoved: tp.moved.length,
      touchpointsRenamed: tp.renamed.length,
      touchpointsChanged: [...marks.values()].filter((m) => m === 'changed').length,
      notesAdded: notes.added.length,
      notesClosed: notes.closed.length,
      fixesClosed: notes.closed.filter((n) => n.kind === 'fix').length,
      notesReopened: notes.reopened.length,
      notesDeleted: notes.deleted.length,
      notesMoved: notes.moved.length,
      quotesAdded: quotes.added.length,
      quotesDeleted: quotes.deleted.length,
      stagesAdded: stages.added.length,
      stagesRemoved: stages.removed.length,
      channelsAdded: channels.added.length,
      channelsRemoved: channels.removed.length,
      layersAdded: layers.added.length,
      layersRemoved: layers.removed.length,
      cellsChanged: layers.cellsChanged.length,
      total: listed,
    },
  };
}

/** Stage averages matched by stage id, so a renamed or reordered stage still compares with itself. */
function diffStageSatisfaction(before: JourneyMapSnapshot, after: JourneyMapSnapshot): StageSatisfactionChange[] {
  const averagesBefore = new Map(stageAverages(before.stages, before.touchpoints).map((s) => [s.stageId, s.average]));
  const averagesAfter = new Map(stageAverages(after.stages, after.touchpoints).map((s) => [s.stageId, s.average]));
  const row = (stage: Stage): StageSatisfactionChange => {
    const b = averagesBefore.get(stage.id) ?? null;
    const a = averagesAfter.get(stage.id) ?? null;
    return { stageId: stage.id, title: stage.title, before: b, after: a, delta: deltaOf(b, a) };
  };
  const current = new Set(after.stages.map((s) => s.id));
  const removed = lanesInOrder(before.stages).filter((s) => !current.has(s.id));
  return [...lanesInOrder(after.stages).map(row), ...removed.map(row)];
}
