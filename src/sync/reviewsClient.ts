// Saved reviews over the server's HTTP API (server/reviews.ts).
import type { ApiErrorBody, ApiResponse } from '../domain/api';
import type { Id } from '../domain/types';
import type { NewReview, ReviewService } from '../store/reviews';
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
      throw new ApiError(response.status, (json as Partial<ApiErrorBody> | null)?.error ?? `HTTP ${response.status}`);
    }
    return json as T;
  }

  return {
    list: (mapId) => call<ApiResponse<'GET /api/maps/:id/reviews'>>('GET', mapId, path(mapId)),
    get: (mapId, reviewId) => call<ApiResponse<'GET /api/maps/:id/reviews/:reviewId'>>('GET', mapId, path(mapId, reviewId)),
    save: (mapId, review: NewReview) => call<ApiResponse<'POST /api/maps/:id/reviews'>>('POST', mapId, path(mapId), review),
    remove: async (mapId, reviewId) => {
      await call<unknown>('DELETE', mapId, path(mapId, reviewId));
    },
  };
}
