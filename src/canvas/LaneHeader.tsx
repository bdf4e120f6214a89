// The header of a stage (top) or channel (left): click the title to rename it inline,
// drag the header along its axis to reorder, and a small menu for colour, moves, delete.
import { useContext, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useStoreApi } from '@xyflow/react';
import { LANE_CHECKS } from '../domain/entityFields';
import { pluralCategory } from '../domain/plural';
import type { Id } from '../domain/types';
import type { LaneKind } from '../doc/commands';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapSession, useMapState, useUi, useUiStore } from '../store/context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { TitleInput } from '../ui/TitleInput';
import { laneDropIndex, laneDropMarker } from './drop';
import { Icon } from '../ui/icons';
import { GridLayoutContext } from './layoutContext';
import { LaneMenu } from './LaneMenu';
import { useActions } from './useActions';

/** Pixels on screen a press must travel before it counts as a drag, not a click. */
const DRAG_THRESHOLD = 4;

type LaneTextField = 'title' | 'owner';

export interface LaneHeaderProps {
  kind: LaneKind;
  laneId: Id;
  index: number;
}

export function LaneHeader({ kind, laneId, index }: LaneHeaderProps) {
  const lane = useMapState((s) => (kind === 'stage' ? s.stages : s.channels).find((l) => l.id === laneId));
  const count = useMapState((s) => (kind === 'stage' ? s.stages : s.channels).length);
  const session = useMapSession();
  const { run } = useActions();
  // A saved review shown from the past: lanes can be read, not renamed, reordered or deleted.
  const readOnly = session.readOnly === true;
  const layout = useContext(GridLayoutContext);
  const flow = useStoreApi();
  const locale = useLocaleStore((s) => s.locale);
  const t = useT();

  // The lane's own text fields are renamed in place, one at a time.
  const [editing, setEditing] = useState<LaneTextField | null>(null);
  // Just added (the toolbar's Add stage / Add channel): open the title once.
  const wantsTitle = useUi((s) => s.laneTitleFocus === laneId);
  const uiStore = useUiStore();
  useEffect(() => {
    if (!wantsTitle) return;
    uiStore.getState().focusLaneTitle(null);
    setEditing('title');
  }, [wantsTitle, uiStore]);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [confirmCount, setConfirmCount] = useState<number | null>(null);
  const [dragOffset, setDragOffset] = useState<number | null>(null);
  const justDragged = useRef(false);

  if (!lane) return null;
  const horizontal = kind === 'stage';

  // Every edit goes through the action registry: refused edits (a colleague deleted the lane
  // meanwhile) show a notice there, never crash.
  const lanePayload = { kind, laneId };

  const spans = layout
    ? horizontal
      ? layout.columns.map((c) => ({ start: c.x, end: c.x + c.width }))
      : layout.lanes.map((l) => ({ start: l.y, end: l.y + l.height }))
    : [];
  const own = spans[index];

  // ---- rename, or name the owner
  const startEdit = (field: LaneTextField) => {
    setMenuAnchor(null);
    setEditing(field);
  };
  const startRename = () => startEdit('title');
  const finishEdit = (value: string | null) => {
    const field = editing;
    setEditing(null);
    if (field === null || value === null || value === lane[field]) return;
    if (field === 'title') void run('renameLane', { ...lanePayload, title: value });
    else void run('setLaneOwner', { ...lanePayload, owner: value });
  };

  // ---- reorder by dragging the header along its axis
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (readOnly || e.button !== 0 || editing !== null || !own) return;
    if ((e.target as Element).closest('button, input')) return;
    const start = horizontal ? e.clientX : e.clientY;
    const zoom = flow.getState().transform[2];
    const centres = spans.map((s) => (s.start + s.end) / 2);
    // Lift this header's node above its neighbours while it travels over them.
    const node = e.currentTarget.closest<HTMLElement>('.react-flow__node');
    const restingZ = node?.style.zIndex ?? '';
    let offset: number | null = null;
    const onMove = (ev: PointerEvent) => {
      const screenDelta = (horizontal ? ev.clientX : ev.clientY) - start;
      if (offset === null && Math.abs(screenDelta) < DRAG_THRESHOLD) return;
      if (offset === null && node) node.style.zIndex = '1000';
      offset = screenDelta / zoom;
      setDragOffset(offset);
    };
    const finish = (commit: boolean) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      if (offset === null) return;
      if (node) node.style.zIndex = restingZ;
      // The click that follows this pointerup must not start a rename.
      justDragged.current = true;
      setTimeout(() => (justDragged.current = false), 0);
      setDragOffset(null);
      const to = laneDropIndex(centres, index, centres[index]! + offset);
      if (commit && to !== index) void run('moveLane', { ...lanePayload, toIndex: to });
    };
    const onUp = () => finish(true);
    const onCancel = () => finish(false);
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
  };

  let marker: number | null = null;
  if (dragOffset !== null && own) {
    const centres = spans.map((s) => (s.start + s.end) / 2);
    const at = laneDropMarker(spans, index, laneDropIndex(centres, index, centres[index]! + dragOffset));
    marker = at === null ? null : at - own.start;
  }

  // ---- delete, asking first when cards would go with it
  const requestDelete = () => {
    setMenuAnchor(null);
    const doomed = session.commands.touchpointsInLane(kind, laneId).length;
    if (doomed === 0) void run('deleteLane', lanePayload);
    else setConfirmCount(doomed);
  };

  const testPrefix = horizontal ? 'stage' : 'channel';
  const idAttr = horizontal ? { 'data-stage-id': laneId } : { 'data-channel-id': laneId };
  const dragging = dragOffset !== null;

  return (
    <div className={`cjm-lane-slot cjm-lane-slot--${kind}`}>
      <div
        className={`cjm-lane cjm-lane--${kind} nopan nodrag nokey nowheel${dragging ? ' is-dragging' : ''}`}
        data-testid={`${testPrefix}-header`}
        {...idAttr}
        style={{
          ['--lane-color' as string]: lane.color,
          transform: dragging ? (horizontal ? `translateX(${dragOffset}px)` : `translateY(${dragOffset}px)`) : undefined,
        }}
        title={editing === null && !readOnly ? t('canvas.lane.dragHint') : undefined}
        onPointerDown={onPointerDown}
      >
        {editing === null ? (
          <div className="cjm-lane__text">
            <span
              className="cjm-lane__title"
              data-testid={`${testPrefix}-title`}
              onClick={() => !readOnly && !justDragged.current && startRename()}
            >
              {lane.title}
            </span>
            {(lane.owner !== '' || !readOnly) && (
              <span
                className={`cjm-lane__owner${lane.owner === '' ? ' is-empty' : ''}`}
                data-testid={`${testPrefix}-owner`}
                title={t('canvas.lane.ownerHint')}
                onClick={() => !readOnly && !justDragged.current && startEdit('owner')}
              >
                {lane.owner === '' ? t('canvas.lane.addOwner') : t('canvas.lane.owner', { name: lane.owner })}
              </span>
            )}
          </div>
        ) : (
          <TitleInput
            key={editing}
            initial={lane[editing]}
            check={LANE_CHECKS[editing]}
            label={t(editing === 'owner' ? 'canvas.lane.ownerLabel' : horizontal ? 'canvas.lane.stageTitle' : 'canvas.lane.channelTitle')}
            testId={editing === 'owner' ? 'lane-owner-input' : 'lane-title-input'}
            className="cjm-lane__edit"
            inputClassName="cjm-lane__input"
            errorClassName="cjm-lane__error"
            selectOnFocus
            onDone={finishEdit}
          />
        )}
        {!readOnly && (
          <button
            type="button"
            className={`cjm-lane__menu-button${menuAnchor ? ' is-open' : ''}`}
            data-testid="lane-menu"
            aria-haspopup="menu"
            aria-expanded={menuAnchor !== null}
            aria-label={t(horizontal ? 'canvas.lane.stageMenu' : 'canvas.lane.channelMenu')}
            title={t(horizontal ? 'canvas.lane.stageMenu' : 'canvas.lane.channelMenu')}
            onClick={(e) => setMenuAnchor(menuAnchor ? null : e.currentTarget)}
          >
            <Icon name="more" />
          </button>
        )}
      </div>
      {marker !== null && layout && (
        <div
          className={`cjm-lane-marker cjm-lane-marker--${kind}`}
          style={horizontal ? { left: marker - 2, height: layout.height } : { top: marker - 2, width: layout.width }}
        />
      )}
      {menuAnchor && (
        <LaneMenu
          kind={kind}
          laneId={laneId}
          anchor={menuAnchor}
          index={index}
          count={count}
          color={lane.color}
          onClose={() => setMenuAnchor(null)}
          onRename={startRename}
          onRecolor={(color) => void run('recolorLane', { ...lanePayload, color })}
          onMove={(to) => {
            setMenuAnchor(null);
            void run('moveLane', { ...lanePayload, toIndex: to });
          }}
          onDelete={requestDelete}
        />
      )}
      {confirmCount !== null && (
        <ConfirmDialog
          title={t(horizontal ? 'canvas.confirm.deleteStageTitle' : 'canvas.confirm.deleteChannelTitle')}
          message={t(`canvas.confirm.${horizontal ? 'deleteStage' : 'deleteChannel'}.${pluralCategory(locale, confirmCount)}`, {
            title: lane.title,
            count: confirmCount,
          })}
          detail={t('canvas.confirm.undoHint')}
          confirmLabel={t('canvas.confirm.ok')}
          cancelLabel={t('canvas.confirm.cancel')}
          danger
          onCancel={() => setConfirmCount(null)}
          onConfirm={() => {
            setConfirmCount(null);
            void run('deleteLane', lanePayload);
          }}
        />
      )}
    </div>
  );
}
