// Saved reviews over the server's HTTP API (server/reviews.ts).
import type { Id, Review } from '../domain/types';
import type { NewReview, ReviewService, ReviewSummary } from '../store/reviews';
import { ApiError } from './serverDirectory';

export interface ReviewClientOptions {
  /** Origin of the server (empty string = same origin). */
  baseUrl: string;
  /** Headers for calls about one map: its access link token (see credentials.mapHeaders). */
  headers?: (mapId: string) => Record<string, string>;
  fetchImpl?: typeof fetch;
}

export function serverReviewService(options: ReviewClientOptions): ReviewService {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const path = (mapId: string, reviewId?: Id) =>
    `${options.baseUrl}/api/maps/${encodeURIComponent(mapId)}/reviews${reviewId === undefined ? '' : `/${encodeURIComponent(reviewId)}`}`;

  async function call<T>(method: string, mapId: string, url: string, body?: unknown): Promise<T> {
    const response = await doFetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...options.headers?.(mapId) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      // A proxy's error page: reported by status below.
    }
    if (!response.ok) {
      throw new ApiError(response.status, (json as { error?: string } | null)?.error ?? `HTTP ${response.status}`);
    }
    return json as T;
  }

  return {
    list: (mapId) => call<ReviewSummary[]>('GET', mapId, path(mapId)),
    get: (mapId, reviewId) => call<Review>('GET', mapId, path(mapId, reviewId)),
    save: (mapId, review: NewReview) => call<{ id: Id }>('POST', mapId, path(mapId), review),
    remove: async (mapId, reviewId) => {
      await call<unknown>('DELETE', mapId, path(mapId, reviewId));
    },
  };
}
