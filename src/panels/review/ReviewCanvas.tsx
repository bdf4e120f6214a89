// Around the canvas: shows a saved review read-only in place of the live map (a frozen session
// in a nested provider, so the same canvas draws it), the banner that leads back to the live map,
// and, while two states are compared, the legend of the marks on the cards (drawn inside the
// canvas by the page, see DiffLegend). It also keeps the comparison computed, live when one side
// is the current map.
import './review.css';
import { useEffect, type ReactNode } from 'react';
import { diffMaps, type MapDiff } from '../../domain/review/diff';
import type { Review } from '../../domain/types';
import { useLocaleStore, useT } from '../../locales/i18n';
import { MapSessionProvider, useMapSession, useUi, useUiStore } from '../../store/context';
import { useReviews, useReviewsModel } from '../../store/reviewContext';
import { CURRENT, type CompareSide } from '../../store/reviews';
import { frozenSessionOf, snapshotOfState } from '../../store/snapshotStore';
import { formatReviewDate } from './format';

/** How long live edits are gathered before the comparison with the current map is redone. */
const LIVE_DIFF_DELAY_MS = 150;

export function ReviewCanvas({ children }: { children: ReactNode }) {
  const session = useMapSession();
  const ui = useUiStore();
  const viewed = useUi((s) => s.viewedReview);
  useComparisonKeeper();

  return (
    <>
      {viewed ? (
        // Keyed: another review is another map to React Flow (fresh nodes, fitted view).
        <MapSessionProvider key={viewed.id} session={frozenSessionOf(session.mapId, viewed)} ui={ui}>
          {children}
        </MapSessionProvider>
      ) : (
        children
      )}
      {viewed && (
        <div className="review-overlay review-overlay--top">
          <ReadOnlyBanner review={viewed} />
        </div>
      )}
    </>
  );
}

/** Leaves any read-only view and comparison: the live map, unmarked. */
export function useBackToLive(): () => void {
  const ui = useUiStore();
  const model = useReviewsModel();
  return () => {
    model.setCompare(null);
    ui.getState().setDiffMarks(null);
    ui.getState().viewReview(null);
  };
}

function ReadOnlyBanner({ review }: { review: Review }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const back = useBackToLive();
  return (
    <div className="review-banner" data-testid="review-readonly-banner" role="status">
      <span className="review-banner__text">
        {t('review.readOnly.banner', { name: review.name, date: formatReviewDate(locale, review.createdAt) })}
      </span>
      <button type="button" className="button button--small button--primary" data-testid="review-back-live" onClick={back}>
        {t('review.readOnly.back')}
      </button>
    </div>
  );
}

const MARKS = ['added', 'retired', 'changed', 'deleted'] as const;

function countMarks(diff: MapDiff): Record<(typeof MARKS)[number], number> {
  const counts = { added: 0, retired: 0, changed: 0, deleted: 0 };
  for (const mark of Object.values(diff.touchpointMarks)) counts[mark] += 1;
  return counts;
}

/**
 * The legend of the comparison. The page renders it inside the canvas (a child of MapCanvas), so
 * it sits on the map's own area: above the emotion curve whatever its height, between the zoom
 * controls and the minimap; fit to view leaves room for it (data-canvas-overlay).
 */
export function DiffLegend() {
  const t = useT();
  const marks = useUi((s) => s.diffMarks);
  const diff = useReviews((s) => s.diff);
  const compare = useReviews((s) => s.compare);
  const summaries = useReviews((s) => s.summaries);
  const back = useBackToLive();
  if (!marks || !diff || !compare) return null;

  const nameOf = (side: CompareSide) =>
    side === CURRENT ? t('review.legend.current') : (summaries.find((r) => r.id === side)?.name ?? '?');
  const counts = countMarks(diff);
  const removedLayers = diff.layers.removed.map((l) => l.title).join(', ');
  return (
    <div className="review-overlay review-overlay--bottom">
    <div className="diff-legend" data-testid="diff-legend" data-canvas-overlay role="region" aria-label={t('review.compare.heading')}>
      <div className="diff-legend__title">
        {t('review.legend.heading', { from: nameOf(compare.from), to: nameOf(compare.to) })}
      </div>
      <ul className="diff-legend__marks">
        {MARKS.map((mark) => (
          <li key={mark} className={`diff-legend__mark diff-legend__mark--${mark}`} data-mark={mark} data-count={counts[mark]}>
            <span className={`diff-swatch diff-swatch--${mark}`} aria-hidden="true" />
            <span>{t(`review.legend.${mark}`)}</span>
            <span className="diff-legend__count">{counts[mark]}</span>
          </li>
        ))}
      </ul>
      {removedLayers !== '' && (
        <div className="diff-legend__layers" data-testid="legend-removed-layers">
          {t('review.legend.layersRemoved')} <s>{removedLayers}</s>
        </div>
      )}
      <button type="button" className="button button--small" data-testid="diff-exit" onClick={back}>
        {t('review.compare.exit')}
      </button>
    </div>
    </div>
  );
}

/**
 * Loads both sides of the comparison, computes the diff, puts its marks on the canvas and shows
 * the "to" side: a saved review read-only, or the live map (then the diff follows live edits).
 */
function useComparisonKeeper() {
  const session = useMapSession();
  const ui = useUiStore();
  const model = useReviewsModel();
  const from = useReviews((s) => s.compare?.from);
  const to = useReviews((s) => s.compare?.to);

  useEffect(() => {
    if (from === undefined || to === undefined) return;
    let cancelled = false;
    let unsubscribe = () => {};
    let timer: ReturnType<typeof setTimeout> | null = null;
    const sideOf = (side: CompareSide) => (side === CURRENT ? Promise.resolve(null) : model.load(side));

    Promise.all([sideOf(from), sideOf(to)])
      .then(([before, after]) => {
        if (cancelled) return;
        const show = () => {
          timer = null;
          const current = snapshotOfState(session.store.getState());
          const diff = diffMaps(before?.snapshot ?? current, after?.snapshot ?? current);
          model.state.setState({ diff, comparing: 'ready' });
          ui.getState().setDiffMarks(diff.touchpointMarks);
        };
        show();
        ui.getState().viewReview(after);
        if (before === null || after === null) {
          unsubscribe = session.store.subscribe(() => {
            timer ??= setTimeout(show, LIVE_DIFF_DELAY_MS);
          });
        }
      })
      .catch((error: unknown) => {
        console.warn('The comparison could not be loaded', error);
        if (!cancelled) model.state.setState({ comparing: 'failed', diff: null });
      });
    return () => {
      cancelled = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [from, to, model, session, ui]);
}
