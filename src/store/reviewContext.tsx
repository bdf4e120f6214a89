// React access to saved reviews: the app provides the server's ReviewService once; components
// get the open map's reviews model and pick slices of its state.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useMapSession } from './context';
import { reviewsModelFor, type ReviewService, type ReviewsModel, type ReviewsState } from './reviews';

const ReviewServiceContext = createContext<ReviewService | null>(null);

export function ReviewServiceProvider({ service, children }: { service: ReviewService | null; children: ReactNode }) {
  return <ReviewServiceContext.Provider value={service}>{children}</ReviewServiceContext.Provider>;
}

/** The reviews of the map in context (a review opened read-only shares its map's reviews). */
export function useReviewsModel(): ReviewsModel {
  const session = useMapSession();
  const service = useContext(ReviewServiceContext);
  return reviewsModelFor(session.mapId, service);
}

export function useReviews<T>(selector: (state: ReviewsState) => T): T {
  return useStore(useReviewsModel().state, selector);
}
