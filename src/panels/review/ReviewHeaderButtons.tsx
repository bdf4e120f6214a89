// The header's way into the quarterly review and the map's health. Health shows a dot when a
// review is due. The saved reviews list is fetched when the map opens and again whenever the
// checklist is emptied (someone saved a review).
import { useEffect, useMemo } from 'react';
import { isReviewDue } from '../../domain/review/health';
import { lastReviewAt } from '../../domain/review/summary';
import { useT } from '../../locales/i18n';
import { useMapSession, useMapState, useUi } from '../../store/context';
import { useReviews, useReviewsModel } from '../../store/reviewContext';
import { UiIcon } from '../../ui/icons';

export function ReviewHeaderButtons() {
  const t = useT();
  const session = useMapSession();
  const model = useReviewsModel();
  const panel = useUi((s) => s.sidePanel);
  const walking = useUi((s) => s.walk !== null);
  const openSidePanel = useUi((s) => s.openSidePanel);
  const setWalk = useUi((s) => s.setWalk);
  const meta = useMapState((s) => s.meta);
  const summaries = useReviews((s) => s.summaries);

  useEffect(() => {
    void model.refresh();
    let hadTicks = Object.keys(session.store.getState().checklist).length > 0;
    return session.store.subscribe((state) => {
      const hasTicks = Object.keys(state.checklist).length > 0;
      if (hadTicks && !hasTicks) void model.refresh();
      hadTicks = hasTicks;
    });
  }, [model, session]);

  // Only the map's age, cadence and the last review's date decide this.
  const due = useMemo(() => {
    return isReviewDue(meta.cadenceDays, meta.createdAt, lastReviewAt(summaries), new Date());
  }, [meta, summaries]);

  const toggle = (which: 'review' | 'health') => {
    // Opening a panel from the header leaves review mode (its panel holds the column).
    if (walking) setWalk(null);
    openSidePanel(panel === which && !walking ? null : which);
  };

  return (
    <>
      <button
        type="button"
        className={`header-action${panel === 'review' || walking ? ' header-action--active' : ''}`}
        data-testid="open-review"
        title={t('review.header.reviewHint')}
        aria-pressed={panel === 'review' || walking}
        onClick={() => toggle('review')}
      >
        <UiIcon name="review" />
        <span className="header-action__label">{t('review.header.review')}</span>
      </button>
      <button
        type="button"
        className={`header-action health-button${panel === 'health' ? ' header-action--active' : ''}`}
        data-testid="open-health"
        data-due={due}
        title={due ? t('review.header.healthDue') : t('review.header.healthHint')}
        aria-pressed={panel === 'health'}
        onClick={() => toggle('health')}
      >
        <UiIcon name="health" />
        <span className="header-action__label">{t('review.header.health')}</span>
        {due && <span className="health-button__dot" data-testid="health-due-dot" aria-label={t('review.header.healthDue')} />}
      </button>
    </>
  );
}
