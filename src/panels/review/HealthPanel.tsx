// The map's health, always at hand: days since the last review (and a reminder once the cadence
// has passed), triple-focus coverage with what is missing where, quiet touchpoints, open notes by
// status and owner, and the lowest stage of the emotion curve.
import { useEffect, useMemo } from 'react';
import { mapHealth, OPEN_NOTE_STATUSES, UNASSIGNED } from '../../domain/review/health';
import type { TouchpointRef } from '../../domain/review/refs';
import { pluralCategory } from '../../domain/plural';
import { NOTE_KINDS, type Review } from '../../domain/types';
import { useLocaleStore, useT } from '../../locales/i18n';
import { useMapSession, useUiStore } from '../../store/context';
import { useReviews, useReviewsModel } from '../../store/reviewContext';
import { DraftField } from '../DraftField';
import { checkCadenceText } from '../fieldChecks';
import { PanelHeader } from '../PanelHeader';
import { formatScore } from '../../domain/satisfaction';
import { formatReviewDate, formatShare } from './format';
import { useMapSnapshot } from './hooks';
import { useStartReviewMode } from './ReviewPanel';

export function HealthPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { commands, readOnly } = useMapSession();
  const model = useReviewsModel();
  const summaries = useReviews((s) => s.summaries);
  const snapshot = useMapSnapshot();
  const start = useStartReviewMode();

  useEffect(() => {
    void model.refresh();
  }, [model]);

  const health = useMemo(() => {
    // Only the saving dates of past reviews matter here, not their content.
    const reviews: Review[] = summaries.map((r) => ({ ...r, snapshot, checklist: {} }));
    return mapHealth(snapshot, reviews, new Date());
  }, [snapshot, summaries]);

  const { coverage, openNotes } = health;
  const owners = Object.entries(openNotes.byOwner).sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));

  return (
    <aside className="side-panel__content health-panel" data-testid="health-panel" aria-label={t('review.health.heading')}>
      <PanelHeader heading={t('review.health.heading')} onClose={onClose} />
      <div className="panel-body">
        <section className="panel-section" data-testid="health-last-review" data-days={health.daysSinceLastReview ?? ''}>
          <h3 className="panel-section__title">{t('review.health.lastReview')}</h3>
          <p>
            {health.lastReviewAt === null
              ? t('review.health.never')
              : health.daysSinceLastReview === 0
                ? t('review.health.today', { date: formatReviewDate(locale, health.lastReviewAt) })
                : t(`review.health.daysAgo.${pluralCategory(locale, health.daysSinceLastReview ?? 0)}`, {
                    count: health.daysSinceLastReview ?? 0,
                    date: formatReviewDate(locale, health.lastReviewAt),
                  })}
          </p>
          {health.reviewDue && (
            <div className="banner banner--due" data-testid="review-due" role="status">
              <p>
                {t(health.lastReviewAt === null ? 'review.health.dueNever' : 'review.health.due', { days: health.cadenceDays })}
              </p>
              <button type="button" className="button button--small button--primary" onClick={start}>
                {t('review.health.startReview')}
              </button>
            </div>
          )}
        </section>

        <section className="panel-section">
          <h3 className="panel-section__title">{t('review.health.coverage')}</h3>
          <div className="health-figure" data-testid="health-coverage" data-value={coverage.share ?? ''}>
            {formatShare(locale, coverage.share)}
          </div>
          <p className="panel-section__hint">
            {coverage.active === 0
              ? t('review.health.coverageNone')
              : t('review.health.coverageText', { complete: coverage.complete, active: coverage.active })}
          </p>
          {coverage.active > 0 && coverage.complete === coverage.active && (
            <p className="panel-section__hint">{t('review.health.allCovered')}</p>
          )}
          {NOTE_KINDS.map((kind) =>
            coverage.missing[kind].length === 0 ? null : (
              <details key={kind} className="health-missing" data-testid="health-missing" data-kind={kind} data-count={coverage.missing[kind].length}>
                <summary>
                  {t('review.health.missing', { kind: t(`domain.noteKind.${kind}`) })}
                  <span className="health-count">{coverage.missing[kind].length}</span>
                </summary>
                <TouchpointList items={coverage.missing[kind]} />
              </details>
            ),
          )}
        </section>

        <section className="panel-section">
          <h3 className="panel-section__title">{t('review.health.quiet')}</h3>
          <div className="health-figure" data-testid="health-quiet" data-count={health.quiet.length}>
            {t(`review.health.quietCount.${pluralCategory(locale, health.quiet.length)}`, { count: health.quiet.length })}
          </div>
          <p className="panel-section__hint">{t('review.health.quietHint', { days: health.cadenceDays })}</p>
          {health.quiet.length > 0 && (
            <TouchpointList
              items={health.quiet}
              detail={(q) => (q.lastHeard ? t('review.health.lastHeard', { date: formatReviewDate(locale, `${q.lastHeard}T12:00:00`) }) : t('review.health.neverHeard'))}
            />
          )}
          <fieldset className="readonly-fields" disabled={readOnly === true}>
            <DraftField
              testId="health-cadence"
              label={t('review.health.cadence')}
              type="number"
              className="cadence-field"
              min={1}
              value={String(snapshot.meta.cadenceDays)}
              check={checkCadenceText}
              onCommit={(days) => commands.setCadence(days)}
            />
          </fieldset>
        </section>

        <section className="panel-section">
          <h3 className="panel-section__title">{t('review.health.notes')}</h3>
          <div className="health-figure" data-testid="health-open-notes" data-count={openNotes.total}>
            {t(`review.health.notesTotal.${pluralCategory(locale, openNotes.total)}`, { count: openNotes.total })}
          </div>
          {openNotes.total > 0 && (
            <div className="health-columns">
              <div>
                <h4 className="health-subtitle">{t('review.health.byStatus')}</h4>
                <ul className="health-tally">
                  {OPEN_NOTE_STATUSES.map((status) => (
                    <li key={status} data-testid="health-notes-status" data-status={status} data-count={openNotes.byStatus[status].length}>
                      <span>{t(`domain.noteStatus.${status}`)}</span>
                      <span className="health-count">{openNotes.byStatus[status].length}</span>
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h4 className="health-subtitle">{t('review.health.byOwner')}</h4>
                <ul className="health-tally">
                  {owners.map(([owner, notes]) => (
                    <li key={owner} data-testid="health-notes-owner" data-count={notes.length}>
                      <span>{owner === UNASSIGNED ? t('review.health.unassigned') : owner}</span>
                      <span className="health-count">{notes.length}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          )}
        </section>

        {health.emptyLayerCells.cells > 0 && (
          <section className="panel-section">
            <h3 className="panel-section__title">{t('review.health.layers')}</h3>
            <div className="health-figure" data-testid="health-empty-cells" data-count={health.emptyLayerCells.total}>
              {t(`review.health.emptyCells.${pluralCategory(locale, health.emptyLayerCells.total)}`, { count: health.emptyLayerCells.total })}
            </div>
            <p className="panel-section__hint">{t('review.health.emptyCellsHint', { cells: health.emptyLayerCells.cells })}</p>
            {health.emptyLayerCells.layers.map((layer) => (
              <details key={layer.layerId} className="health-missing" data-testid="health-layer-gaps" data-layer-id={layer.layerId} data-count={layer.emptyStages.length}>
                <summary>
                  {layer.title}
                  <span className="health-count">{layer.emptyStages.length}</span>
                </summary>
                <ul className="health-list">
                  {layer.emptyStages.map((stage) => (
                    <li key={stage.stageId}>{stage.title}</li>
                  ))}
                </ul>
              </details>
            ))}
          </section>
        )}

        <section className="panel-section">
          <h3 className="panel-section__title">{t('review.health.curve')}</h3>
          <p data-testid="health-lowest-stage" data-stage-id={health.lowestStage?.stageId ?? ''}>
            {health.lowestStage
              ? t('review.health.lowest', { stage: health.lowestStage.title, value: formatScore(health.lowestStage.value, locale) })
              : t('review.health.noRatings')}
          </p>
        </section>
      </div>
    </aside>
  );
}

function TouchpointList<T extends TouchpointRef>({ items, detail }: { items: T[]; detail?: (item: T) => string }) {
  const ui = useUiStore();
  return (
    <ul className="health-list">
      {items.map((item) => (
        <li key={item.touchpointId}>
          <button type="button" className="link-button" onClick={() => ui.getState().centerOn(item.touchpointId)}>
            {item.title}
          </button>
          <span className="health-list__place">
            {item.stage.title ?? '?'} · {item.channel.title ?? '?'}
            {detail && ` · ${detail(item)}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
