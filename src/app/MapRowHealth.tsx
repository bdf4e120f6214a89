// A map row's health at a glance: when it was last reviewed, its triple-focus coverage and how
// many touchpoints are quiet. Shown only when the server sent the figures (not in a list cached
// offline before they existed).
import '../panels/review/review.css';
import type { MapSummary } from '../domain/types';
import { pluralCategory } from '../domain/plural';
import { useLocaleStore, useT } from '../locales/i18n';
import { formatReviewDate, formatShare } from '../panels/review/format';

export function MapRowHealth({ map }: { map: MapSummary }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  if (map.quietCount === undefined) return null;
  const quiet = map.quietCount;
  return (
    <div
      className="map-row__health"
      data-testid="map-row-health"
      data-last-review={map.lastReviewAt ?? ''}
      data-coverage={map.coverage ?? ''}
      data-quiet={quiet}
      data-due={map.reviewDue === true}
    >
      <span data-testid="map-row-last-review">
        {map.lastReviewAt ? t('review.list.lastReview', { date: formatReviewDate(locale, map.lastReviewAt) }) : t('review.list.never')}
      </span>
      <span aria-hidden="true">·</span>
      <span data-testid="map-row-coverage">{t('review.list.coverage', { share: formatShare(locale, map.coverage) })}</span>
      <span aria-hidden="true">·</span>
      <span data-testid="map-row-quiet" className={quiet > 0 ? 'map-row__quiet' : undefined} title={t('review.list.quietHint')}>
        {t(`review.list.quiet.${pluralCategory(locale, quiet)}`, { count: quiet })}
      </span>
      {map.reviewDue && (
        <span className="map-row__due" data-testid="map-row-due">
          {t('review.list.due')}
        </span>
      )}
    </div>
  );
}
