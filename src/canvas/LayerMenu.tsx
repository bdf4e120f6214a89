// Menus of the stage layers: a layer row's own (rename, move, hide, delete) and the toolbar's
// Layers menu (add a layer of a kind, show a hidden one again). Like the lane menu they live in
// a portal, outside the zoomed canvas, and close on outside click, Escape or pan.
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { LAYER_KINDS, type Id, type LayerKind } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapState } from '../store/context';
import { useEscapeKey } from '../ui/useEscapeKey';
import { MenuItem } from './MenuItem';
import { Icon } from '../ui/icons';
import { LayerIcon } from './LayerIcon';
import { useActions } from './useActions';

function usePopup(anchor: HTMLElement, onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
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
  const style = { left: Math.max(8, Math.min(rect.left, window.innerWidth - 300)), top: rect.bottom + 4 };
  return { ref, style };
}

export interface LayerMenuProps {
  layerId: Id;
  anchor: HTMLElement;
  index: number;
  count: number;
  onClose: () => void;
  onRename: () => void;
  onMove: (toIndex: number) => void;
  onHide: () => void;
  onDelete: () => void;
}

export function LayerMenu({ layerId, anchor, index, count, onClose, onRename, onMove, onHide, onDelete }: LayerMenuProps) {
  const t = useT();
  const { ref, style } = usePopup(anchor, onClose);
  return createPortal(
    <div
      ref={ref}
      className="cjm-menu"
      role="menu"
      style={style}
      data-testid="layer-menu-popup"
      data-layer-id={layerId}
      aria-label={t('layers.row.menu')}
      onPointerDown={(e) => e.stopPropagation()}
      onClick={(e) => e.stopPropagation()}
    >
      <MenuItem icon="pencil" testId="layer-rename" onClick={onRename}>
        {t('layers.row.rename')}
      </MenuItem>
      <MenuItem icon="up" testId="layer-move-up" disabled={index === 0} onClick={() => onMove(index - 1)}>
        {t('layers.row.moveUp')}
      </MenuItem>
      <MenuItem icon="down" testId="layer-move-down" disabled={index >= count - 1} onClick={() => onMove(index + 1)}>
        {t('layers.row.moveDown')}
      </MenuItem>
      <MenuItem icon="eye" testId="layer-hide" onClick={onHide}>
        {t('layers.row.hide')}
      </MenuItem>
      <div className="cjm-menu__separator" role="separator" />
      <MenuItem icon="trash" testId="layer-delete" danger onClick={onDelete}>
        {t('layers.row.delete')}
      </MenuItem>
    </div>,
    document.body,
  );
}

/** The toolbar's Layers button: add a layer of any kind, and bring hidden layers back. */
export function LayersControl({ disabled }: { disabled: boolean }) {
  const t = useT();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <button
        type="button"
        className={`cjm-tool cjm-tool--text${anchor ? ' is-open' : ''}`}
        data-testid="toolbar-layers"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        title={t('layers.control.label')}
        disabled={disabled}
        onClick={(e) => setAnchor(anchor ? null : e.currentTarget)}
      >
        <Icon name="channel" />
        <span>{t('layers.control.button')}</span>
      </button>
      {anchor && <LayersPopup anchor={anchor} onClose={() => setAnchor(null)} />}
    </>
  );
}

function LayersPopup({ anchor, onClose }: { anchor: HTMLElement; onClose: () => void }) {
  const t = useT();
  const { run } = useActions();
  const { ref, style } = usePopup(anchor, onClose);
  const layers = useMapState((s) => s.layers);
  const hidden = useMemo(() => layers.filter((l) => l.hidden), [layers]);
  const add = (kind: LayerKind) => {
    onClose();
    void run('addLayer', { kind });
  };
  return createPortal(
    <div
      ref={ref}
      className="cjm-menu cjm-menu--layers"
      role="menu"
      style={style}
      data-testid="layers-popup"
      aria-label={t('layers.control.label')}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <div className="cjm-menu__heading">{t('layers.control.add')}</div>
      {LAYER_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          role="menuitem"
          className="cjm-menu__item"
          data-testid={`add-layer-${kind}`}
          title={t(`layers.hints.${kind}`)}
          onClick={() => add(kind)}
        >
          <LayerIcon kind={kind} />
          <span className="cjm-menu__text">{t(`layers.kinds.${kind}`)}</span>
        </button>
      ))}
      <div className="cjm-menu__separator" role="separator" />
      <div className="cjm-menu__heading">{t('layers.control.hidden')}</div>
      {hidden.length === 0 ? (
        <div className="cjm-menu__note">{t('layers.control.noneHidden')}</div>
      ) : (
        hidden.map((layer) => (
          <button
            key={layer.id}
            type="button"
            role="menuitem"
            className="cjm-menu__item"
            data-testid="show-layer"
            data-layer-id={layer.id}
            onClick={() => {
              onClose();
              void run('setLayerHidden', { layerId: layer.id, hidden: false });
            }}
          >
            <LayerIcon kind={layer.kind} />
            <span className="cjm-menu__text">{t('layers.control.show', { title: layer.title })}</span>
          </button>
        ))
      )}
    </div>,
    document.body,
  );
}
