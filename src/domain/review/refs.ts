// Self-contained references to map entities: every list a review shows (diff, health) carries
// the ids to jump to and the titles to print, so the UI never needs the snapshot to render a row.
import type { Channel, Id, JourneyMapSnapshot, Note, NoteKind, NoteStatus, Stage, Touchpoint } from '../types';

/** A stage or channel as it stood in one snapshot; `title` is null when that lane did not exist there. */
export interface LaneRef {
  id: Id;
  title: string | null;
}

/** Where a touchpoint sits: its stage (column) and channel (lane). */
export interface TouchpointPlace {
  stage: LaneRef;
  channel: LaneRef;
}

export interface TouchpointRef extends TouchpointPlace {
  touchpointId: Id;
  title: string;
}

export interface NoteRef {
  noteId: Id;
  kind: NoteKind;
  text: string;
  status: NoteStatus;
  owner: string;
  touchpointId: Id;
  /** Null when the note's touchpoint is not in the map (a dangling note). */
  touchpointTitle: string | null;
}

/** Lookups over one snapshot, built once per call so every reference is O(1). */
export interface SnapshotIndex {
  snapshot: JourneyMapSnapshot;
  stages: Map<Id, Stage>;
  channels: Map<Id, Channel>;
  touchpoints: Map<Id, Touchpoint>;
}

export function indexSnapshot(snapshot: JourneyMapSnapshot): SnapshotIndex {
  return {
    snapshot,
    stages: new Map(snapshot.stages.map((s) => [s.id, s])),
    channels: new Map(snapshot.channels.map((c) => [c.id, c])),
    touchpoints: new Map(snapshot.touchpoints.map((tp) => [tp.id, tp])),
  };
}

export function placeOf(index: SnapshotIndex, tp: Pick<Touchpoint, 'stageId' | 'channelId'>): TouchpointPlace {
  return {
    stage: { id: tp.stageId, title: index.stages.get(tp.stageId)?.title ?? null },
    channel: { id: tp.channelId, title: index.channels.get(tp.channelId)?.title ?? null },
  };
}

export function touchpointRef(index: SnapshotIndex, tp: Touchpoint): TouchpointRef {
  return { touchpointId: tp.id, title: tp.title, ...placeOf(index, tp) };
}

export function noteRef(index: SnapshotIndex, note: Note): NoteRef {
  return {
    noteId: note.id,
    kind: note.kind,
    text: note.text,
    status: note.status,
    owner: note.owner,
    touchpointId: note.touchpointId,
    touchpointTitle: index.touchpoints.get(note.touchpointId)?.title ?? null,
  };
}

/** Lanes in display order (ties by id, as the doc reader sorts them). */
export function lanesInOrder<T extends { id: Id; order: number }>(lanes: readonly T[]): T[] {
  return [...lanes].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
