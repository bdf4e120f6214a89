// The few health figures the map list shows per map (last reviewed, coverage, quiet count, due badge).
import type { JourneyMapSnapshot, Review } from '../types';
import { mapHealth } from './health';

export interface MapListHealth {
  /** createdAt of the newest review; null when never reviewed. */
  lastReviewAt: string | null;
  /** Triple-focus coverage share 0…1; null when the map has no active touchpoint. */
  coverage: number | null;
  /** Active touchpoints without a customer quote within the map's cadence. */
  quietCount: number;
  reviewDue: boolean;
}

export function mapListHealth(snapshot: JourneyMapSnapshot, reviews: readonly Review[], now: Date): MapListHealth {
  const health = mapHealth(snapshot, reviews, now);
  return {
    lastReviewAt: health.lastReviewAt,
    coverage: health.coverage.share,
    quietCount: health.quiet.length,
    reviewDue: health.reviewDue,
  };
}
