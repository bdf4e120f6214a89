// The comparison as the list people read aloud: a MapDiff turned into groups of entries, each
// with a kind (the `data-kind` of its row) and the values its sentence needs. Pure, so the
// grouping and order are tested without React; the words come from the locale files.
import type { MapDiff } from '../../domain/review/diff';
import type { Id, NoteKind } from '../../domain/types';

export type DiffEntryKind =
  | 'touchpoint-added'
  | 'touchpoint-retired'
  | 'touchpoint-reactivated'
  | 'touchpoint-deleted'
  | 'touchpoint-moved'
  | 'touchpoint-renamed'
  | 'note-added'
  | 'note-closed'
  | 'note-reopened'
  | 'note-deleted'
  | 'quote-added'
  | 'quote-deleted'
  | 'satisfaction-touchpoint'
  | 'satisfaction-stage'
  | 'lane-added'
  | 'lane-removed'
  | 'lane-owner'
  | 'layer-added'
  | 'layer-removed'
  | 'layer-renamed'
  | 'cell-changed'
  | 'kpi-changed';

export type DiffGroupName = 'touchpoints' | 'notes' | 'quotes' | 'satisfaction' | 'lanes' | 'layers';

export interface DiffEntry {
  kind: DiffEntryKind;
  /** Unique within the list (React key). */
  key: string;
  /** The card it concerns, to select it on the canvas; null for stage-level entries. */
  touchpointId: Id | null;
  /** Main words of the row (a title, a note's text). */
  title: string;
  /** Values for the row's sentence, already in display form except numbers. */
  detail: Record<string, string | number | null>;
  noteKind?: NoteKind;
}

export interface DiffGroup {
  name: DiffGroupName;
  entries: DiffEntry[];
}

const lane = (title: string | null) => title ?? '?';

export function diffEntries(diff: MapDiff): DiffGroup[] {
  const tp = diff.touchpoints;
  const touchpoints: DiffEntry[] = [
    ...tp.added.map((e) => ({
      kind: 'touchpoint-added' as const,
      key: `added:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.title,
      detail: { stage: lane(e.stage.title), channel: lane(e.channel.title) },
    })),
    ...tp.retired.map((e) => ({
      kind: 'touchpoint-retired' as const,
      key: `retired:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.title,
      detail: { stage: lane(e.stage.title), channel: lane(e.channel.title) },
    })),
    ...tp.reactivated.map((e) => ({
      kind: 'touchpoint-reactivated' as const,
      key: `reactivated:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.title,
      detail: { stage: lane(e.stage.title), channel: lane(e.channel.title) },
    })),
    ...tp.deleted.map((e) => ({
      kind: 'touchpoint-deleted' as const,
      key: `deleted:${e.touchpointId}`,
      // Not on the canvas any more: nothing to select.
      touchpointId: null,
      title: e.title,
      detail: { stage: lane(e.stage.title), channel: lane(e.channel.title) },
    })),
    ...tp.moved.map((e) => ({
      kind: 'touchpoint-moved' as const,
      key: `moved:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.title,
      detail: {
        from: `${lane(e.from.stage.title)} · ${lane(e.from.channel.title)}`,
        to: `${lane(e.to.stage.title)} · ${lane(e.to.channel.title)}`,
      },
    })),
    ...tp.renamed.map((e) => ({
      kind: 'touchpoint-renamed' as const,
      key: `renamed:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.after,
      detail: { before: e.before, after: e.after },
    })),
  ];

  const n = diff.notes;
  const noteEntry =
    (kind: 'note-added' | 'note-closed' | 'note-reopened' | 'note-deleted', alive: boolean) =>
    (e: MapDiff['notes']['added'][number]): DiffEntry => ({
      kind,
      key: `${kind}:${e.noteId}`,
      touchpointId: alive ? e.touchpointId : null,
      title: e.text,
      detail: { touchpoint: e.touchpointTitle ?? '?', owner: e.owner },
      noteKind: e.kind,
    });
  const notes: DiffEntry[] = [
    ...n.added.map(noteEntry('note-added', true)),
    ...n.closed.map(noteEntry('note-closed', true)),
    ...n.reopened.map(noteEntry('note-reopened', true)),
    ...n.deleted.map(noteEntry('note-deleted', false)),
  ];

  const quoteEntry =
    (kind: 'quote-added' | 'quote-deleted', alive: boolean) =>
    (e: MapDiff['quotes']['added'][number]): DiffEntry => ({
      kind,
      key: `${kind}:${e.quoteId}`,
      touchpointId: alive ? e.touchpointId : null,
      title: e.text,
      detail: { touchpoint: e.touchpointTitle ?? '?', who: e.who, date: e.date },
    });
  const quotes: DiffEntry[] = [...diff.quotes.added.map(quoteEntry('quote-added', true)), ...diff.quotes.deleted.map(quoteEntry('quote-deleted', false))];

  const satisfaction: DiffEntry[] = [
    ...tp.satisfactionChanged.map((e) => ({
      kind: 'satisfaction-touchpoint' as const,
      key: `satisfaction:${e.touchpointId}`,
      touchpointId: e.touchpointId,
      title: e.title,
      detail: { before: e.before, after: e.after, delta: e.delta },
    })),
    ...diff.stageSatisfaction
      .filter((s) => s.before !== s.after)
      .map((s) => ({
        kind: 'satisfaction-stage' as const,
        key: `stage-satisfaction:${s.stageId}`,
        touchpointId: null,
        title: s.title,
        detail: { before: s.before, after: s.after, delta: s.delta },
      })),
  ];

  const lanes: DiffEntry[] = [
    ...diff.stages.added.map((l) => ({ kind: 'lane-added' as const, key: `stage+:${l.id}`, touchpointId: null, title: l.title, detail: { lane: 'stage' } })),
    ...diff.stages.removed.map((l) => ({ kind: 'lane-removed' as const, key: `stage-:${l.id}`, touchpointId: null, title: l.title, detail: { lane: 'stage' } })),
    ...diff.channels.added.map((l) => ({ kind: 'lane-added' as const, key: `channel+:${l.id}`, touchpointId: null, title: l.title, detail: { lane: 'channel' } })),
    ...diff.channels.removed.map((l) => ({ kind: 'lane-removed' as const, key: `channel-:${l.id}`, touchpointId: null, title: l.title, detail: { lane: 'channel' } })),
    ...(['stage', 'channel'] as const).flatMap((kind) =>
      diff[kind === 'stage' ? 'stages' : 'channels'].ownerChanged.map((l) => ({
        kind: 'lane-owner' as const,
        key: `${kind}@:${l.id}`,
        touchpointId: null,
        title: l.title,
        detail: { lane: kind, before: l.before, after: l.after },
      })),
    ),
  ];

  const l = diff.layers;
  const layers: DiffEntry[] = [
    ...l.added.map((e) => ({ kind: 'layer-added' as const, key: `layer+:${e.id}`, touchpointId: null, title: e.title, detail: { layerKind: e.kind } })),
    ...l.removed.map((e) => ({ kind: 'layer-removed' as const, key: `layer-:${e.id}`, touchpointId: null, title: e.title, detail: { layerKind: e.kind } })),
    ...l.renamed.map((e) => ({
      kind: 'layer-renamed' as const,
      key: `layer~:${e.id}`,
      touchpointId: null,
      title: e.after,
      detail: { layerKind: e.kind, before: e.before, after: e.after },
    })),
    ...l.cellsChanged.map(
      (e): DiffEntry =>
      e.kind === 'kpi'
        ? {
            kind: 'kpi-changed' as const,
            key: `cell:${e.layerId}:${e.stageId}`,
            touchpointId: null,
            title: `${e.layerTitle} · ${e.stageTitle}`,
            detail: {
              metricBefore: e.before.metric,
              actualBefore: e.before.actual,
              targetBefore: e.before.target,
              metricAfter: e.after.metric,
              actualAfter: e.after.actual,
              targetAfter: e.after.target,
            },
          }
        : {
            kind: 'cell-changed' as const,
            key: `cell:${e.layerId}:${e.stageId}`,
            touchpointId: null,
            title: `${e.layerTitle} · ${e.stageTitle}`,
            detail: { before: e.before.text, after: e.after.text },
          },
    ),
  ];

  const groups: DiffGroup[] = [
    { name: 'touchpoints', entries: touchpoints },
    { name: 'notes', entries: notes },
    { name: 'quotes', entries: quotes },
    { name: 'satisfaction', entries: satisfaction },
    { name: 'lanes', entries: lanes },
    { name: 'layers', entries: layers },
  ];
  return groups.filter((g) => g.entries.length > 0);
}
