// The comments of a whole map (a side panel), filtered: all open threads, mine, mentioning me,
// resolved. Clicking a thread's place selects its card on the canvas. Also the threads of one
// touchpoint or one layer cell, with a box to start a new one (CommentThreads).
import { useState } from 'react';
import { filterThreads, type ThreadFilter } from '../../domain/comments';
import type { Id } from '../../domain/types';
import type { CommentTarget } from '../../doc/commands';
import { useT } from '../../locales/i18n';
import { threadsOfMap } from '../../store/comments';
import { useMapSession, useMapState, useUiStore } from '../../store/context';
import { PanelHeader } from '../PanelHeader';
import { safely } from '../safely';
import { CommentComposer } from './CommentComposer';
import { ThreadView } from './ThreadView';
import './comments.css';
import { useLastVisit, useMentionNames, useViewer } from './useComments';

const FILTERS: readonly ThreadFilter[] = ['open', 'mine', 'mentions', 'resolved'];

export function CommentsPanel({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { readOnly } = useMapSession();
  const comments = useMapState((s) => s.comments);
  const touchpoints = useMapState((s) => s.touchpoints);
  const cells = useMapState((s) => s.cells);
  const layers = useMapState((s) => s.layers);
  const stages = useMapState((s) => s.stages);
  const viewer = useViewer();
  const names = useMentionNames();
  const ui = useUiStore();
  useLastVisit();
  const [filter, setFilter] = useState<ThreadFilter>('open');
  const shown = filterThreads(threadsOfMap(comments), filter, viewer, names);

  const placeOf = (touchpointId: Id, cellId: Id): { heading: string; onOpen?: () => void } => {
    const tp = touchpointId ? touchpoints[touchpointId] : undefined;
    if (tp) {
      return {
        heading: tp.title,
        onOpen: () => {
          // The card is selected and brought into view; this panel stays open.
          ui.getState().selectTouchpoints([tp.id], null);
          ui.getState().centerOn(tp.id);
        },
      };
    }
    const cell = cellId ? cells[cellId] : undefined;
    const layer = cell && layers.find((l) => l.id === cell.layerId);
    const stage = cell && stages.find((s) => s.id === cell.stageId);
    if (layer && stage) return { heading: t('comments.onCell', { layer: layer.title, stage: stage.title }) };
    return { heading: t('comments.onGone') };
  };

  return (
    <aside className="panel comments-panel" data-testid="comments-panel" aria-label={t('comments.panelTitle')}>
      <PanelHeader heading={t('comments.panelTitle')} onClose={onClose} />
      {readOnly && <p className="comments-panel__hint">{t('comments.readOnlyHint')}</p>}
      <div className="comments-panel__filters" role="radiogroup" aria-label={t('comments.filter.label')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={filter === f}
            className={`chip${filter === f ? ' chip--active' : ''}`}
            data-testid={`comments-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {t(`comments.filter.${f}`)}
          </button>
        ))}
      </div>
      <div className="comments-panel__list" data-testid="comments-panel-list">
        {shown.length === 0 && <p className="comments-panel__empty">{t('comments.emptyFilter')}</p>}
        {shown.map((thread) => {
          const place = placeOf(thread.root.touchpointId, thread.root.cellId);
          return <ThreadView key={thread.root.id} thread={thread} heading={place.heading} onOpen={place.onOpen} />;
        })}
      </div>
      {!readOnly && <CellCommentStarter />}
    </aside>
  );
}

/**
 * Starts a thread on a layer cell: pick the layer and the stage. An empty cell has no entity
 * yet, so it is made first (setCell with no change; its id is derived from layer and stage).
 */
function CellCommentStarter() {
  const t = useT();
  const { commands } = useMapSession();
  const layers = useMapState((s) => s.layers);
  const stages = useMapState((s) => s.stages);
  const viewer = useViewer();
  const [layerId, setLayerId] = useState('');
  const [stageId, setStageId] = useState('');
  const layer = layers.find((l) => l.id === layerId) ?? layers[0];
  const stage = stages.find((s) => s.id === stageId) ?? stages[0];
  return (
    <section className="comments-panel__cell" data-testid="cell-comment">
      <h3 className="panel-section__title">{t('comments.cellSection')}</h3>
      {!layer || !stage ? (
        <p className="comments-panel__empty">{t('comments.noLayers')}</p>
      ) : (
        <>
          <div className="comments-panel__cell-place">
            <label>
              {t('comments.cellLayer')}
              <select data-testid="cell-comment-layer" value={layer.id} onChange={(e) => setLayerId(e.target.value)}>
                {layers.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.title}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('comments.cellStage')}
              <select data-testid="cell-comment-stage" value={stage.id} onChange={(e) => setStageId(e.target.value)}>
                {stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <CommentComposer
            testId="cell-comment-new"
            placeholder={t('comments.placeholder')}
            submitLabel={t('comments.post')}
            onSubmit={(text) =>
              safely(() => {
                const cellId = commands.setCell(layer.id, stage.id, {});
                commands.addComment(viewer.name, { cellId }, text);
              })
            }
          />
        </>
      )}
    </section>
  );
}

/** The threads on one touchpoint or cell, newest activity first, and a box to start one. */
export function CommentThreads({ target }: { target: CommentTarget }) {
  const t = useT();
  const { commands, readOnly } = useMapSession();
  const comments = useMapState((s) => s.comments);
  const viewer = useViewer();
  const placeId = 'touchpointId' in target ? target.touchpointId : target.cellId;
  const threads = threadsOfMap(comments).filter((th) => (th.root.touchpointId || th.root.cellId) === placeId);
  return (
    <section className="panel-section comment-threads" data-testid="comment-threads">
      <h3 className="panel-section__title">{t('comments.section')}</h3>
      {threads.length === 0 && <p className="comments-panel__empty">{t('comments.empty')}</p>}
      {threads.map((thread) => (
        <ThreadView key={thread.root.id} thread={thread} />
      ))}
      {!readOnly && (
        <CommentComposer
          testId="comment-new"
          placeholder={t('comments.placeholder')}
          submitLabel={t('comments.post')}
          onSubmit={(text) => safely(() => commands.addComment(viewer.name, target, text))}
        />
      )}
    </section>
  );
}
