// The quarterly review panel: the review in progress (progress, review mode), saving it, the
// saved reviews (open read-only, compare, delete) and the comparison as a list.
import { useEffect, useState, type FormEvent } from 'react';
import { checkLongText, checkTitle, type FieldProblem } from '../../domain/fields';
import { reviewProgress } from '../../domain/review/walk';
import { useLocaleStore, useT } from '../../locales/i18n';
import { useMapSession, useMapState, useUi, useUiStore } from '../../store/context';
import { useReviews, useReviewsModel } from '../../store/reviewContext';
import { CURRENT, type CompareSide, type ReviewSummary } from '../../store/reviews';
import type { ConnectionState } from '../../store/session';
import type { StoreApi } from 'zustand/vanilla';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { PanelHeader } from '../PanelHeader';
import { problemMessage } from '../../ui/problemMessage';
import { DiffList } from './DiffList';
import { formatReviewTime, quarterOf } from './format';
import { useFocusTouchpoint, useWalkOrder } from './hooks';
import { useBackToLive } from './ReviewCanvas';

export function ReviewPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const model = useReviewsModel();
  const status = useReviews((s) => s.status);
  const formOpen = useReviews((s) => s.formOpen);
  const compare = useReviews((s) => s.compare);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  // A view link may look at reviews and compare them, not run or save one.
  const readOnly = useMapSession().readOnly === true;

  // Someone else may have saved or deleted one meanwhile.
  useEffect(() => {
    void model.refresh();
  }, [model]);

  return (
    <aside className="side-panel__content review-panel" data-testid="review-panel" aria-label={t('review.panel.heading')}>
      <PanelHeader heading={t('review.panel.heading')} onClose={onClose} />
      <div className="panel-body">
        <p className="panel-section__hint">{t('review.panel.lead')}</p>
        <InProgressSection readOnly={readOnly} />

        {!readOnly && (
          <section className="panel-section">
            <h3 className="panel-section__title">{t('review.panel.saveHeading')}</h3>
            {formOpen ? (
              <SaveReviewForm
                onDone={(saved) => {
                  model.setFormOpen(false);
                  setJustSaved(saved);
                }}
              />
            ) : (
              <>
                {justSaved !== null && (
                  <p className="review-saved" data-testid="review-saved" role="status">
                    {t('review.save.done', { name: justSaved })}
                  </p>
                )}
                <p className="panel-section__hint">{t('review.panel.saveHint')}</p>
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="save-review"
                  disabled={status === 'unavailable'}
                  onClick={() => {
                    setJustSaved(null);
                    model.setFormOpen(true);
                  }}
                >
                  {t('review.panel.save')}
                </button>
              </>
            )}
          </section>
        )}

        <SavedReviews readOnly={readOnly} />
        {compare && <CompareSection compare={compare} />}
      </div>
    </aside>
  );
}

/** "12 of 31 touchpoints reviewed", with a bar; the attributes carry the numbers. */
export function ReviewProgressLine() {
  const t = useT();
  const order = useWalkOrder('stage');
  const checklist = useMapState((s) => s.checklist);
  const { reviewed, total } = reviewProgress(order, checklist);
  return (
    <div className="review-progress" data-testid="review-progress" data-reviewed={reviewed} data-total={total}>
      <div className="review-progress__text">{total === 0 ? t('review.progress.empty') : t('review.progress.text', { reviewed, total })}</div>
      <div className="review-progress__bar" aria-hidden="true">
        <span style={{ width: total === 0 ? 0 : `${(reviewed / total) * 100}%` }} />
      </div>
    </div>
  );
}

function InProgressSection({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const start = useStartReviewMode();
  const started = useMapState((s) => Object.keys(s.checklist).length > 0);
  return (
    <section className="panel-section">
      <h3 className="panel-section__title">{t('review.panel.inProgress')}</h3>
      <ReviewProgressLine />
      {!readOnly && (
        <button type="button" className="button" data-testid="review-mode-start" onClick={start}>
          {t(started ? 'review.panel.resume' : 'review.panel.start')}
        </button>
      )}
    </section>
  );
}

/** Starts review mode on the first touchpoint not yet reviewed (so a second sitting resumes). */
export function useStartReviewMode(): () => void {
  const ui = useUiStore();
  const session = useMapSession();
  const order = useWalkOrder('stage');
  const focus = useFocusTouchpoint();
  const back = useBackToLive();
  return () => {
    back();
    ui.getState().setWalk({ by: 'stage' });
    const { checklist } = session.store.getState();
    const reviewedAll = (id: string) => reviewProgress([id], checklist).reviewed === 1;
    const first = order.find((id) => !reviewedAll(id)) ?? order[0];
    if (first) focus(first);
  };
}

class SaveProblem extends Error {}

/**
 * The server freezes its own copy of the map: wait until it has every edit made here. Edits made
 * while synced leave at once; a short pause lets the last one arrive before the request.
 */
async function untilServerHasEdits(connection: StoreApi<ConnectionState>): Promise<void> {
  const isSynced = (s: ConnectionState) => s.status === 'connected' && s.synced && s.pendingChanges === 0;
  const state = connection.getState();
  if (state.status === 'local' || state.status === 'offline' || state.status === 'refused') throw new SaveProblem('offline');
  if (!isSynced(state)) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new SaveProblem('notSynced'));
      }, 5000);
      const unsubscribe = connection.subscribe((s) => {
        if (!isSynced(s)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve();
      });
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
}

/** `onDone` gets the saved review's name, or null when the form was cancelled. */
function SaveReviewForm({ onDone }: { onDone: (saved: string | null) => void }) {
  const t = useT();
  const session = useMapSession();
  const ui = useUiStore();
  const model = useReviewsModel();
  const [name, setName] = useState(() => t('review.save.defaultName', quarterOf(new Date())));
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<{ field: 'name' | 'summary'; problem: FieldProblem } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Cards not reviewed when Save was pressed: the form asks before saving a half-done review.
  const [unreviewed, setUnreviewed] = useState<{ unreviewed: number; total: number } | null>(null);
  const order = useWalkOrder('stage');
  const checklist = useMapState((s) => s.checklist);

  const submit = async (e: FormEvent | null, anyway = false) => {
    e?.preventDefault();
    if (busy) return;
    const checkedName = checkTitle(name);
    if (!checkedName.ok) return setProblem({ field: 'name', problem: checkedName.problem });
    const checkedSummary = checkLongText(summary);
    if (!checkedSummary.ok) return setProblem({ field: 'summary', problem: checkedSummary.problem });
    const progress = reviewProgress(order, checklist);
    if (!anyway && progress.reviewed < progress.total) {
      setUnreviewed({ unreviewed: progress.total - progress.reviewed, total: progress.total });
      return;
    }
    setUnreviewed(null);
    setBusy(true);
    setFailure(null);
    try {
      await untilServerHasEdits(session.connection);
      await model.save({ name: checkedName.value, summary: checkedSummary.value });
      // The review is done: its ticks are frozen and the checklist starts empty again.
      ui.getState().setWalk(null);
      onDone(checkedName.value);
    } catch (error) {
      console.warn('The review could not be saved', error);
      if (error instanceof SaveProblem) setFailure(t(error.message === 'offline' ? 'review.save.offline' : 'review.save.notSynced'));
      else if (error instanceof TypeError) setFailure(t('review.save.offline'));
      else setFailure(t('review.save.failed', { reason: error instanceof Error ? error.message : String(error) }));
      setBusy(false);
    }
  };

  return (
    <form className="review-form" onSubmit={(e) => void submit(e)}>
      <label className="field-label" htmlFor="review-name">
        {t('review.save.name')}
      </label>
      <input
        id="review-name"
        className="text-input"
        data-testid="review-name"
        value={name}
        autoFocus
        aria-invalid={problem?.field === 'name' ? true : undefined}
        onChange={(e) => {
          setName(e.target.value);
          setProblem(null);
        }}
      />
      {problem?.field === 'name' && (
        <div className="field-error" data-testid="field-error" role="alert">
          {problemMessage(t, problem.problem)}
        </div>
      )}
      <label className="field-label" htmlFor="review-summary">
        {t('review.save.summary')}
      </label>
      <textarea
        id="review-summary"
        className="text-input review-form__summary"
        data-testid="review-summary"
        value={summary}
        rows={4}
        placeholder={t('review.save.summaryPlaceholder')}
        aria-invalid={problem?.field === 'summary' ? true : undefined}
        onChange={(e) => {
          setSummary(e.target.value);
          setProblem(null);
        }}
      />
      {problem?.field === 'summary' && (
        <div className="field-error" data-testid="field-error" role="alert">
          {problemMessage(t, problem.problem)}
        </div>
      )}
      {failure && (
        <p className="banner banner--error" data-testid="review-save-error" role="alert">
          {failure}
        </p>
      )}
      <div className="review-form__actions">
        <button type="button" className="button" data-testid="review-save-cancel" disabled={busy} onClick={() => onDone(null)}>
          {t('review.save.cancel')}
        </button>
        <button type="submit" className="button button--primary" data-testid="review-save-confirm" disabled={busy}>
          {busy ? t('review.save.saving') : t('review.save.confirm')}
        </button>
      </div>
      {unreviewed && (
        <ConfirmDialog
          title={t('review.save.unreviewedTitle')}
          message={t('review.save.unreviewed', unreviewed)}
          detail={t('review.save.unreviewedDetail')}
          confirmLabel={t('review.save.unreviewedConfirm')}
          onCancel={() => setUnreviewed(null)}
          onConfirm={() => void submit(null, true)}
        />
      )}
    </form>
  );
}

function SavedReviews({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const model = useReviewsModel();
  const status = useReviews((s) => s.status);
  const summaries = useReviews((s) => s.summaries);
  const [doomed, setDoomed] = useState<ReviewSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const ui = useUiStore();
  const viewedId = useUi((s) => s.viewedReview?.id ?? null);
  const back = useBackToLive();

  const attempt = async (work: () => Promise<void>) => {
    setFailure(null);
    try {
      await work();
    } catch (error) {
      console.warn('Saved review action failed', error);
      setFailure(t('review.panel.failed'));
    }
  };
  const open = (review: ReviewSummary) =>
    attempt(async () => {
      const full = await model.load(review.id);
      back();
      ui.getState().viewReview(full);
    });

  return (
    <section className="panel-section">
      <h3 className="panel-section__title">{t('review.panel.savedHeading')}</h3>
      {status === 'unavailable' ? (
        <div className="review-unavailable">
          <p className="panel-section__hint">{t('review.panel.unavailable')}</p>
          <button type="button" className="button button--small" onClick={() => void model.refresh()}>
            {t('review.panel.retry')}
          </button>
        </div>
      ) : status !== 'ready' ? (
        <p className="panel-section__hint">{t('review.panel.loading')}</p>
      ) : summaries.length === 0 ? (
        <p className="panel-section__hint" data-testid="review-list-empty">
          {t('review.panel.none')}
        </p>
      ) : (
        <ul className="review-list" data-testid="review-list">
          {summaries.map((review) => (
            <ReviewItem
              key={review.id}
              review={review}
              viewed={review.id === viewedId}
              readOnly={readOnly}
              onOpen={() => void open(review)}
              onCompare={() => model.setCompare({ from: review.id, to: CURRENT })}
              onDelete={() => setDoomed(review)}
            />
          ))}
        </ul>
      )}
      {failure && (
        <p className="banner banner--error" role="alert">
          {failure}
        </p>
      )}
      {doomed && (
        <ConfirmDialog
          title={t('review.panel.deleteTitle')}
          message={t('review.panel.deleteMessage', { name: doomed.name })}
          confirmLabel={t('review.panel.deleteConfirm')}
          danger
          onCancel={() => setDoomed(null)}
          onConfirm={() => {
            const id = doomed.id;
            setDoomed(null);
            // Whatever showed it goes back to the live map first.
            const compare = model.state.getState().compare;
            if (viewedId === id || (compare && (compare.from === id || compare.to === id))) back();
            void attempt(() => model.remove(id));
          }}
        />
      )}
    </section>
  );
}

interface ReviewItemProps {
  review: ReviewSummary;
  viewed: boolean;
  readOnly: boolean;
  onOpen: () => void;
  onCompare: () => void;
  onDelete: () => void;
}

function ReviewItem({ review, viewed, readOnly, onOpen, onCompare, onDelete }: ReviewItemProps) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <li className={`review-item${viewed ? ' is-viewed' : ''}`} data-testid="review-item" data-review-id={review.id}>
      <div className="review-item__name" data-testid="review-item-name">
        {review.name}
      </div>
      <div className="review-item__date">{t('review.panel.savedAt', { date: formatReviewTime(locale, review.createdAt) })}</div>
      {review.summary && <p className="review-item__summary">{review.summary}</p>}
      <div className="review-item__actions">
        <button type="button" className="button button--small" data-testid="review-open" title={t('review.panel.openHint')} onClick={onOpen}>
          {t('review.panel.open')}
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="review-compare"
          title={t('review.panel.compareHint')}
          onClick={onCompare}
        >
          {t('review.panel.compare')}
        </button>
        {!readOnly && (
          <button type="button" className="button button--ghost button--small button--danger-text" data-testid="review-delete" onClick={onDelete}>
            {t('review.panel.delete')}
          </button>
        )}
      </div>
    </li>
  );
}

function CompareSection({ compare }: { compare: { from: CompareSide; to: CompareSide } }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const model = useReviewsModel();
  const summaries = useReviews((s) => s.summaries);
  const comparing = useReviews((s) => s.comparing);
  const diff = useReviews((s) => s.diff);
  const back = useBackToLive();
  const options = [
    { value: CURRENT, label: t('review.compare.current') },
    ...summaries.map((r) => ({ value: r.id, label: `${r.name} — ${formatReviewTime(locale, r.createdAt)}` })),
  ];
  const choose = (side: 'from' | 'to', value: CompareSide) => model.setCompare({ ...compare, [side]: value });

  return (
    <section className="panel-section compare-section" data-testid="compare-section">
      <h3 className="panel-section__title">{t('review.compare.heading')}</h3>
      <div className="compare-section__sides">
        {(['from', 'to'] as const).map((side) => (
          <label key={side} className="select-field">
            <span className="field-label">{t(`review.compare.${side}`)}</span>
            <select
              className="text-input"
              data-testid={`compare-${side}`}
              value={compare[side]}
              onChange={(e) => choose(side, e.target.value)}
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {compare.from === compare.to ? (
        <p className="panel-section__hint">{t('review.compare.sameSides')}</p>
      ) : comparing === 'failed' ? (
        <p className="banner banner--error" role="alert">
          {t('review.compare.failed')}
        </p>
      ) : comparing !== 'ready' || !diff ? (
        <p className="panel-section__hint">{t('review.compare.loading')}</p>
      ) : (
        <DiffList diff={diff} />
      )}
      <button type="button" className="button button--small" data-testid="compare-exit" onClick={back}>
        {t('review.compare.exit')}
      </button>
    </section>
  );
}
