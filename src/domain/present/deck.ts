// The deck: a map told as a story, in the order a presenter walks it (persona and scenario,
// then stage by stage, then the action plan, then the last review). One pure model read by
// the presentation slides, the PDF writer and the PowerPoint writer, so all three say the same.
//
// Decisions:
// - Only touchpoints on the grid are in (a card whose stage or channel is gone is not shown
//   on the canvas either); retired ones stay in, marked, since a review deck names what was
//   switched off.
// - Within a touchpoint, notes read open first, then most votes, then oldest; quotes newest first.
// - The action plan holds every note of the map, most votes first (ties in map order).
// - Stage layers (rows of cells per stage) come with their cells in the stage's page, in layer
//   order; a hidden layer is left out as on the canvas; KPI cells are told apart as figures.
import { satisfaction } from '../satisfaction';
import { diffMaps, type MapDiffCounts } from '../review/diff';
import { lastReview, mapHealth } from '../review/health';
import { lanesInOrder } from '../review/refs';
import { walkOrder } from '../review/walk';
import type {
  Id,
  JourneyMapSnapshot,
  Note,
  NoteKind,
  NoteStatus,
  Persona,
  Quote,
  QuoteSource,
  Review,
  Sentiment,
  Touchpoint,
  TouchpointStatus,
} from '../types';

/** A stage layer as the deck needs it (the layer entity's own fields, by name). */
export interface DeckLayerInput {
  id: Id;
  kind: string;
  title: string;
  order: number;
  /** Hidden from the canvas: left out of the deck too (its cells are kept in the map). */
  hidden?: boolean;
}

/** One cell of a layer at a stage; `metric`, `actual` and `target` are for KPI layers. */
export interface DeckCellInput {
  layerId: Id;
  stageId: Id;
  text: string;
  metric?: string;
  actual?: number | null;
  target?: number | null;
}

export interface DeckInput {
  snapshot: JourneyMapSnapshot;
  /** The map's saved reviews (for health and the last review's page); none when unknown. */
  reviews?: readonly Review[];
  /** Stage layers and their cells; the snapshot's own when not given. */
  layers?: readonly DeckLayerInput[];
  cells?: readonly DeckCellInput[];
  /** The day the deck is made: the cover's date and the "quiet" rule. */
  now: Date;
  /** A title other than the map's (a saved review's deck is titled with the review's name). */
  title?: string;
}

export interface DeckNote {
  id: Id;
  kind: NoteKind;
  text: string;
  status: NoteStatus;
  owner: string;
  votes: number;
}

export interface DeckQuote {
  id: Id;
  text: string;
  source: QuoteSource;
  sentiment: Sentiment;
  who: string;
  /** The day the customer said it (YYYY-MM-DD) or '' when unknown. */
  date: string;
}

export interface DeckTouchpoint {
  id: Id;
  title: string;
  description: string;
  channelId: Id;
  channelTitle: string;
  status: TouchpointStatus;
  owner: string;
  expectation: number | null;
  perception: number | null;
  /** perception − expectation; null unless both are rated. */
  satisfaction: number | null;
  /** Every note, open first, most votes first. */
  notes: DeckNote[];
  /** The first note of each kind in that order (what a card shows on top). */
  topNotes: Partial<Record<NoteKind, DeckNote>>;
  /** Every quote, newest first. */
  quotes: DeckQuote[];
}

export interface DeckCell {
  layerId: Id;
  layerTitle: string;
  layerKind: string;
  text: string;
}

export interface DeckKpi {
  layerId: Id;
  layerTitle: string;
  metric: string;
  actual: number | null;
  target: number | null;
  /** Whether the actual figure reaches the target; null when either is missing. */
  onTarget: boolean | null;
}

export interface DeckCurvePoint {
  touchpointId: Id;
  title: string;
  value: number;
}

export interface DeckStage {
  id: Id;
  /** 1-based position, for "Stage 2 of 6". */
  number: number;
  title: string;
  color: string;
  owner: string;
  touchpoints: DeckTouchpoint[];
  /** Text cells of the stage's layers, in layer order (empty cells left out). */
  cells: DeckCell[];
  kpis: DeckKpi[];
  /** The stage's stretch of the emotion curve: rated, non-retired touchpoints in map order. */
  curve: DeckCurvePoint[];
  /** Mean of `curve`; null when nothing is rated. */
  average: number | null;
}

export interface DeckChannel {
  id: Id;
  title: string;
  color: string;
}

export interface DeckActionItem extends DeckNote {
  touchpointId: Id;
  touchpointTitle: string;
  stageTitle: string;
  channelTitle: string;
}

export interface DeckHealth {
  touchpoints: number;
  /** Triple-focus coverage 0…1 of active touchpoints; null when there is none. */
  coverage: number | null;
  quiet: number;
  openNotes: number;
  cadenceDays: number;
  lowestStage: { title: string; value: number } | null;
  lastReviewAt: string | null;
  reviewDue: boolean;
}

export interface DeckReview {
  name: string;
  summary: string;
  createdAt: string;
  /** What the changes are measured against: the review before it, or (with one review) this map now. */
  comparedWith: { kind: 'previousReview'; name: string; createdAt: string } | { kind: 'now' };
  counts: MapDiffCounts;
  added: string[];
  retired: string[];
  deleted: string[];
  fixesClosed: string[];
}

export interface Deck {
  title: string;
  scenario: string;
  persona: Persona;
  /** ISO timestamp of making the deck. */
  date: string;
  health: DeckHealth;
  stages: DeckStage[];
  channels: DeckChannel[];
  actionPlan: DeckActionItem[];
  /** The last saved review; null for a map never reviewed. */
  review: DeckReview | null;
}

const NOTE_KIND_ORDER: readonly NoteKind[] = ['fix', 'wow', 'planB'];
const isOpen = (note: Pick<Note, 'status'>) => note.status !== 'done';

function byOpenThenVotes(a: Note, b: Note): number {
  return (
    Number(isOpen(b)) - Number(isOpen(a)) ||
    b.votes - a.votes ||
    a.createdAt.localeCompare(b.createdAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

const newestFirst = (a: Quote, b: Quote) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt);

const deckNote = (n: Note): DeckNote => ({ id: n.id, kind: n.kind, text: n.text, status: n.status, owner: n.owner, votes: n.votes });
const deckQuote = (q: Quote): DeckQuote => ({
  id: q.id,
  text: q.text,
  source: q.source,
  sentiment: q.sentiment,
  who: q.who,
  date: q.date,
});

function groupBy<T>(items: readonly T[], key: (item: T) => Id): Map<Id, T[]> {
  const groups = new Map<Id, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;

const finite = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function reviewPage(snapshot: JourneyMapSnapshot, reviews: readonly Review[]): DeckReview | null {
  const last = lastReview(reviews);
  if (!last) return null;
  const earlier = lastReview(reviews.filter((r) => r !== last && Date.parse(r.createdAt) < Date.parse(last.createdAt)));
  // With two reviews the page tells what the last one changed; with one, what changed since.
  const diff = earlier ? diffMaps(earlier.snapshot, last.snapshot) : diffMaps(last.snapshot, snapshot);
  return {
    name: last.name,
    summary: last.summary,
    createdAt: last.createdAt,
    comparedWith: earlier ? { kind: 'previousReview', name: earlier.name, createdAt: earlier.createdAt } : { kind: 'now' },
    counts: diff.counts,
    added: diff.touchpoints.added.map((e) => e.title),
    retired: diff.touchpoints.retired.map((e) => e.title),
    deleted: diff.touchpoints.deleted.map((e) => e.title),
    fixesClosed: diff.notes.closed.filter((n) => n.kind === 'fix').map((n) => n.text),
  };
}

export function buildDeck({ snapshot, reviews = [], layers = snapshot.layers ?? [], cells = snapshot.cells ?? [], now, title }: DeckInput): Deck {
  const stages = lanesInOrder(snapshot.stages);
  const channels = lanesInOrder(snapshot.channels);
  const channelById = new Map(channels.map((c) => [c.id, c]));
  const touchpointById = new Map(snapshot.touchpoints.map((tp) => [tp.id, tp]));
  const onGrid = walkOrder(snapshot, 'stage').map((id) => touchpointById.get(id)!);
  const notesAt = groupBy(snapshot.notes, (n) => n.touchpointId);
  const quotesAt = groupBy(snapshot.quotes, (q) => q.touchpointId);
  const touchpointsAt = groupBy(onGrid, (tp) => tp.stageId);
  const orderedLayers = lanesInOrder(layers.filter((layer) => !layer.hidden));
  const cellsAt = groupBy(cells, (c) => `${c.layerId}\u0000${c.stageId}`);

  const deckTouchpoint = (tp: Touchpoint): DeckTouchpoint => {
    const notes = [...(notesAt.get(tp.id) ?? [])].sort(byOpenThenVotes).map(deckNote);
    const topNotes: Partial<Record<NoteKind, DeckNote>> = {};
    for (const kind of NOTE_KIND_ORDER) {
      const top = notes.find((n) => n.kind === kind);
      if (top) topNotes[kind] = top;
    }
    return {
      id: tp.id,
      title: tp.title,
      description: tp.description,
      channelId: tp.channelId,
      channelTitle: channelById.get(tp.channelId)?.title ?? '',
      status: tp.status,
      owner: tp.owner,
      expectation: tp.expectation,
      perception: tp.perception,
      satisfaction: satisfaction(tp),
      notes,
      topNotes,
      quotes: [...(quotesAt.get(tp.id) ?? [])].sort(newestFirst).map(deckQuote),
    };
  };

  const deckStages: DeckStage[] = stages.map((stage, index) => {
    const touchpoints = (touchpointsAt.get(stage.id) ?? []).map(deckTouchpoint);
    const curve: DeckCurvePoint[] = touchpoints
      .filter((tp) => tp.status !== 'retired' && tp.satisfaction !== null)
      .map((tp) => ({ touchpointId: tp.id, title: tp.title, value: tp.satisfaction! }));
    const stageCells: DeckCell[] = [];
    const kpis: DeckKpi[] = [];
    for (const layer of orderedLayers) {
      for (const cell of cellsAt.get(`${layer.id}\u0000${stage.id}`) ?? []) {
        if (layer.kind === 'kpi') {
          const actual = finite(cell.actual);
          const target = finite(cell.target);
          if (!cell.metric && actual === null && target === null) continue;
          kpis.push({
            layerId: layer.id,
            layerTitle: layer.title,
            metric: cell.metric ?? '',
            actual,
            target,
            onTarget: actual === null || target === null ? null : actual >= target,
          });
        } else if (cell.text.trim() !== '') {
          stageCells.push({ layerId: layer.id, layerTitle: layer.title, layerKind: layer.kind, text: cell.text });
        }
      }
    }
    return {
      id: stage.id,
      number: index + 1,
      title: stage.title,
      color: stage.color,
      owner: stage.owner,
      touchpoints,
      cells: stageCells,
      kpis,
      curve,
      average: mean(curve.map((p) => p.value)),
    };
  });

  const stageTitle = new Map(stages.map((s) => [s.id, s.title]));
  const mapRank = new Map(onGrid.map((tp, i) => [tp.id, i]));
  const actionPlan: DeckActionItem[] = snapshot.notes
    .filter((n) => mapRank.has(n.touchpointId))
    .sort((a, b) => b.votes - a.votes || mapRank.get(a.touchpointId)! - mapRank.get(b.touchpointId)! || byOpenThenVotes(a, b))
    .map((n) => {
      const tp = touchpointById.get(n.touchpointId)!;
      return {
        ...deckNote(n),
        touchpointId: tp.id,
        touchpointTitle: tp.title,
        stageTitle: stageTitle.get(tp.stageId) ?? '',
        channelTitle: channelById.get(tp.channelId)?.title ?? '',
      };
    });

  const health = mapHealth(snapshot, [...reviews], now);
  return {
    title: title ?? snapshot.meta.title,
    scenario: snapshot.meta.scenario,
    persona: { ...snapshot.meta.persona },
    date: now.toISOString(),
    health: {
      touchpoints: onGrid.length,
      coverage: health.coverage.share,
      quiet: health.quiet.length,
      openNotes: actionPlan.filter(isOpen).length,
      cadenceDays: health.cadenceDays,
      lowestStage: health.lowestStage ? { title: health.lowestStage.title, value: health.lowestStage.value } : null,
      lastReviewAt: health.lastReviewAt,
      reviewDue: health.reviewDue,
    },
    stages: deckStages,
    channels: channels.map((c) => ({ id: c.id, title: c.title, color: c.color })),
    actionPlan,
    review: reviewPage(snapshot, reviews),
  };
}

/** The slides of presentation mode, in order: one index per slide. */
export type DeckSlide =
  | { kind: 'cover' }
  | { kind: 'stage'; stageIndex: number }
  | { kind: 'actionPlan' }
  | { kind: 'review' };

export function deckSlides(deck: Pick<Deck, 'stages' | 'review'>): DeckSlide[] {
  return [
    { kind: 'cover' },
    ...deck.stages.map((_, stageIndex) => ({ kind: 'stage' as const, stageIndex })),
    { kind: 'actionPlan' },
    ...(deck.review ? [{ kind: 'review' as const }] : []),
  ];
}
