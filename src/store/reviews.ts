// Saved reviews as the UI sees them: a list fetched from the server, full reviews fetched once
// when opened (they never change), and the comparison being shown. One model per open map; the
// server is reached through a ReviewService (src/sync/reviewsClient.ts implements it).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReviewSummary } from '../domain/api';
import type { MapDiff } from '../domain/review/diff';
import type { Id, Review } from '../domain/types';

/** A saved review in the list (the API's shape): the frozen content is fetched only when it is opened. */
export type { ReviewSummary };

export interface NewReview {
  name: string;
  summary: string;
}

export interface ReviewService {
  /** Newest first. */
  list(mapId: string): Promise<ReviewSummary[]>;
  get(mapId: string, reviewId: Id): Promise<Review>;
  /** The server freezes its own copy of the map and the checklist, then clears the checklist. */
  save(mapId: string, review: NewReview): Promise<{ id: Id }>;
  remove(mapId: string, reviewId: Id): Promise<void>;
}

/** Either side of a comparison: a saved review's id, or the live map. */
export const CURRENT = 'current';
export type CompareSide = Id | typeof CURRENT;

export interface ReviewsState {
  /** `unavailable`: no server (a browser-only build) or not reachable. */
  status: 'idle' | 'loading' | 'ready' | 'unavailable';
  summaries: ReviewSummary[];
  /** Full reviews fetched so far, by id. */
  loaded: Readonly<Record<Id, Review>>;
  compare: { from: CompareSide; to: CompareSide } | null;
  /** The comparison's result, kept up to date while one side is the live map. */
  diff: MapDiff | null;
  comparing: 'idle' | 'loading' | 'ready' | 'failed';
  /** The save form is open (from the review panel, or at the end of review mode). */
  formOpen: boolean;
}

export interface ReviewsModel {
  state: StoreApi<ReviewsState>;
  refresh(): Promise<void>;
  /** The full review (from memory after the first time). */
  load(reviewId: Id): Promise<Review>;
  save(review: NewReview): Promise<Id>;
  remove(reviewId: Id): Promise<void>;
  setCompare(compare: ReviewsState['compare']): void;
  setFormOpen(open: boolean): void;
}

export class NoReviewServer extends Error {
  constructor() {
    super('saved reviews need the server');
    this.name = 'NoReviewServer';
  }
}

export function createReviewsModel(service: ReviewService | null, mapId: string): ReviewsModel {
  const state = createStore<ReviewsState>(() => ({
    status: service ? 'idle' : 'unavailable',
    summaries: [],
    loaded: {},
    compare: null,
    diff: null,
    comparing: 'idle',
    formOpen: false,
  }));
  const need = (): ReviewService => {
    if (!service) throw new NoReviewServer();
    return service;
  };

  async function refresh() {
    if (!service) return;
    if (state.getState().status !== 'ready') state.setState({ status: 'loading' });
    try {
      const summaries = await service.list(mapId);
      // A review deleted elsewhere leaves the comparison that showed it.
      const ids = new Set(summaries.map((r) => r.id));
      const compare = state.getState().compare;
      const stale = compare && [compare.from, compare.to].some((side) => side !== CURRENT && !ids.has(side));
      state.setState({ status: 'ready', summaries, ...(stale && { compare: null, diff: null, comparing: 'idle' }) });
    } catch (error) {
      console.warn('Saved reviews could not be listed', error);
      state.setState({ status: 'unavailable' });
    }
  }

  return {
    state,
    refresh,
    async load(reviewId) {
      const known = state.getState().loaded[reviewId];
      if (known) return known;
      const review = await need().get(mapId, reviewId);
      state.setState((s) => ({ loaded: { ...s.loaded, [reviewId]: review } }));
      return review;
    },
    async save(review) {
      const { id } = await need().save(mapId, review);
      await refresh();
      return id;
    },
    async remove(reviewId) {
      await need().remove(mapId, reviewId);
      await refresh();
    },
    setCompare: (compare) =>
      state.setState(compare === null ? { compare, diff: null, comparing: 'idle' } : { compare, comparing: 'loading' }),
    setFormOpen: (formOpen) => state.setState({ formOpen }),
  };
}

// By map id: a saved review opened read-only has its own session but the same reviews.
const models = new Map<string, ReviewsModel>();

/** The reviews model of one map (full reviews fetched once stay in memory while the tab lives). */
export function reviewsModelFor(mapId: string, service: ReviewService | null): ReviewsModel {
  let model = models.get(mapId);
  if (!model) {
    model = createReviewsModel(service, mapId);
    models.set(mapId, model);
  }
  return model;
}
