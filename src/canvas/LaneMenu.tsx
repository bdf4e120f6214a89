// The small menu of a stage or channel header. It lives outside the zoomed canvas (a
// portal) so it stays readable at any zoom, and closes on outside click, Escape or pan.
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useOnViewportChange } from '@xyflow/react';
import type { LaneKind } from '../doc/commands';
import { useT } from '../locales/i18n';
import { useEscapeKey } from '../ui/useEscapeKey';
import { MenuItem } from './MenuItem';
import { Icon, type IconName } from '../ui/icons';

export interface LaneMenuProps {
  kind: LaneKind;
  laneId: string;
  anchor: HTMLElement;
  index: number;
  count: number;
  color: string;
  onClose: () => void;
  onRename: () => void;
  onRecolor: (color: string) => void;
  onMove: (toIndex: number) => void;
  onDelete: () => void;
}

export function LaneMenu({ kind, laneId, anchor, index, count, color, onClose, onRename, onRecolor, onMove, onDelete }: LaneMenuProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useOnViewportChange({ onStart: () => onCloseRef.current() });
  useEscapeKey(() => {
    onClose();
    anchor.focus();
  });

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.contains(target)) onCloseRef.current();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [anchor]);

  const rect = anchor.getBoundingClientRect();
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 220));
  const style = { left, top: rect.bottom + 4 };
  const [back, forward]: [IconName, IconName] = kind === 'stage' ? ['left', 'right'] : ['up', 'down'];
  const [backId, forwardId] = kind === 'stage' ? ['lane-move-left', 'lane-move-right'] : ['lane-move-up', 'lane-move-down'];
  const [backLabel, forwardLabel] =
    kind === 'stage' ? [t('canvas.lane.moveLeft'), t('canvas.lane.moveRight')] : [t('canvas.lane.moveUp'), t('canvas.lane.moveDown')];

  return createPortal(
    <div
      ref={ref}
      className="cjm-menu"
      role="menu"
      style={style}
      data-testid="lane-menu-popup"
      data-lane-kind={kind}
      data-lane-id={laneId}
      aria-label={t(kind === 'stage' ? 'canvas.lane.stageMenu' : 'canvas.lane.channelMenu')}
      // A portal still bubbles through React's tree: keep the header from seeing a drag start.
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
    >
      <MenuItem icon="pencil" testId="lane-rename" onClick={onRename}>
        {t('canvas.lane.rename')}
      </MenuItem>
      <label className="cjm-menu__item">
        <Icon name="palette" />
        <span className="cjm-menu__text">{t('canvas.lane.color')}</span>
        <input
          type="color"
          className="cjm-menu__color"
          data-testid="lane-recolor"
          value={color}
          onChange={(e) => onRecolor(e.target.value)}
        />
      </label>
      <MenuItem icon={back} testId={backId} disabled={index === 0} onClick={() => onMove(index - 1)}>
        {backLabel}
      </MenuItem>
      <MenuItem icon={forward} testId={forwardId} disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
        {forwardLabel}
      </MenuItem>
      <div className="cjm-menu__separator" role="separator" />
      <MenuItem icon="trash" testId="lane-delete" danger onClick={onDelete}>
        {t(kind === 'stage' ? 'canvas.lane.deleteStage' : 'canvas.lane.deleteChannel')}
      </MenuItem>
    </div>,
    document.body,
  );
}
