// Review mode: the team walks the map one touchpoint at a time (stage by stage or channel by
// channel). The current card is the selected one, brought into view; its six-item checklist is
// ticked here and shared live with everyone on the map; its details stay editable below.
import { useState } from 'react';
import { CHECKLIST_ITEMS, isReviewed, next, previous, tickedCount, type WalkBy } from '../../domain/review/walk';
import type { Id, ReviewChecklist } from '../../domain/types';
import { useT } from '../../locales/i18n';
import { useMapSession, useMapState, useUi, useUiStore } from '../../store/context';
import { useReviewsModel } from '../../store/reviewContext';
import { safely } from '../safely';
import { TouchpointPanel } from '../TouchpointPanel';
import { useFocusTouchpoint, useWalkOrder } from './hooks';
import { ReviewProgressLine } from './ReviewPanel';

export function WalkPanel() {
  const t = useT();
  const ui = useUiStore();
  const model = useReviewsModel();
  const by = useUi((s) => s.walk?.by ?? 'stage');
  const currentId = useUi((s) => s.focusedTouchpointId);
  const order = useWalkOrder(by);
  const focus = useFocusTouchpoint();
  // Where Next or Previous ran out, so the panel can say so.
  const [edge, setEdge] = useState<'end' | 'start' | null>(null);

  const at = currentId === null ? -1 : order.indexOf(currentId);
  const go = (step: typeof next) => {
    const id = step(order, currentId);
    if (id === null) {
      setEdge(step === next ? 'end' : 'start');
      return;
    }
    setEdge(null);
    focus(id);
  };
  const exit = () => ui.getState().setWalk(null);

  return (
    <aside className="side-panel__content walk-panel" data-testid="walk-panel" aria-label={t('review.walk.heading')}>
      <header className="panel-header">
        <span className="panel-header__eyebrow">{t('review.walk.heading')}</span>
        <button type="button" className="button button--small" data-testid="walk-exit" onClick={exit}>
          {t('review.walk.exit')}
        </button>
      </header>
      <div className="walk-panel__controls">
        <ReviewProgressLine />
        <label className="walk-panel__by">
          <span className="field-label">{t('review.walk.by')}</span>
          <select
            className="text-input"
            data-testid="walk-by"
            value={by}
            onChange={(e) => {
              setEdge(null);
              ui.getState().setWalk({ by: e.target.value as WalkBy });
            }}
          >
            <option value="stage">{t('review.walk.byStage')}</option>
            <option value="channel">{t('review.walk.byChannel')}</option>
          </select>
        </label>
        <div className="walk-panel__nav">
          <button type="button" className="button" data-testid="walk-prev" disabled={order.length === 0} onClick={() => go(previous)}>
            ← {t('review.walk.previous')}
          </button>
          <span className="walk-panel__position" data-testid="walk-position" data-index={at + 1} data-total={order.length}>
            {at >= 0 ? t('review.walk.position', { index: at + 1, total: order.length }) : ''}
          </span>
          <button type="button" className="button button--primary" data-testid="walk-next" disabled={order.length === 0} onClick={() => go(next)}>
            {t('review.walk.next')} →
          </button>
        </div>
        {edge === 'end' ? (
          <p className="walk-panel__note walk-panel__note--done" data-testid="walk-done" role="status">
            {t('review.walk.done')}
          </p>
        ) : edge === 'start' ? (
          <p className="walk-panel__note" role="status">
            {t('review.walk.first')}
          </p>
        ) : (
          at < 0 && <p className="walk-panel__note">{t('review.walk.pick')}</p>
        )}
        {at >= 0 && <Checklist touchpointId={currentId!} />}
        <WalkList order={order} currentId={currentId} onPick={(id) => {
          setEdge(null);
          focus(id);
        }} />
        <button
          type="button"
          className="button button--small"
          data-testid="walk-save"
          onClick={() => {
            exit();
            model.setFormOpen(true);
            ui.getState().openSidePanel('review');
          }}
        >
          {t('review.walk.finish')}
        </button>
      </div>
      {currentId !== null && at >= 0 && (
        <div className="walk-panel__details">
          <TouchpointPanel key={currentId} touchpointId={currentId} onClose={() => ui.getState().clearSelection()} />
        </div>
      )}
    </aside>
  );
}

function Checklist({ touchpointId }: { touchpointId: string }) {
  const t = useT();
  const { commands } = useMapSession();
  const ticks = useMapState((s) => s.checklist[touchpointId]) as ReviewChecklist | undefined;
  const done = isReviewed(ticks);
  return (
    <fieldset className={`review-checklist${done ? ' is-done' : ''}`} data-testid="review-checklist" data-reviewed={done}>
      <legend className="review-checklist__title">
        {t('review.walk.checklist')}
        {done && <span className="review-checklist__done">✓ {t('review.walk.reviewed')}</span>}
      </legend>
      {CHECKLIST_ITEMS.map((item) => (
        <label key={item} className="review-checklist__item">
          <input
            type="checkbox"
            data-testid="checklist-item"
            data-item={item}
            checked={ticks?.[item] === true}
            onChange={(e) => {
              const ticked = e.target.checked;
              safely(() => commands.setChecklistItem(touchpointId, item, ticked));
            }}
          />
          <span>{t(`review.checklist.${item}`)}</span>
        </label>
      ))}
      <p className="panel-section__hint">{t('review.walk.checklistHint')}</p>
    </fieldset>
  );
}

/** Every card of the walk in order, each with its reviewed mark (live: ticks made by anyone show at once). */
function WalkList({ order, currentId, onPick }: { order: readonly Id[]; currentId: Id | null; onPick: (id: Id) => void }) {
  const t = useT();
  const touchpoints = useMapState((s) => s.touchpoints);
  const checklist = useMapState((s) => s.checklist);
  if (order.length === 0) return null;
  return (
    <details className="walk-list" open>
      <summary className="field-label">{t('review.walk.list')}</summary>
      <ol className="walk-list__items" data-testid="walk-list">
        {order.map((id) => {
          const ticks = checklist[id];
          const reviewed = isReviewed(ticks);
          const ticked = tickedCount(ticks);
          const hint = reviewed
            ? t('review.walk.markReviewed')
            : ticked > 0
              ? t('review.walk.markTicked', { ticked })
              : t('review.walk.markNone');
          return (
            <li key={id}>
              <button
                type="button"
                className={`walk-list__item${id === currentId ? ' is-current' : ''}${reviewed ? ' is-reviewed' : ''}`}
                data-testid="walk-item"
                data-touchpoint-id={id}
                data-reviewed={reviewed}
                data-ticked={ticked}
                aria-current={id === currentId ? 'step' : undefined}
                title={hint}
                onClick={() => onPick(id)}
              >
                <span className="walk-list__mark" aria-label={hint}>
                  {reviewed ? '✓' : ticked > 0 ? `${ticked}/${CHECKLIST_ITEMS.length}` : '○'}
                </span>
                <span className="walk-list__title">{touchpoints[id]?.title ?? ''}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
