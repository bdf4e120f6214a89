// A stage layer's row on the canvas: a header at the left (rename in place, a menu to move,
// hide or delete) and one cell per stage, edited in place. Each cell reads only its own cell
// from the store, so a colleague typing into one cell re-renders that cell alone.
import { memo, useContext, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { LAYER_CHECKS } from '../domain/entityFields';
import { GRID } from '../domain/grid';
import { findCell, isLowerBetter, kpiStatus } from '../domain/layers';
import { METRIC_MAX, TEXT_MAX } from '../domain/limits';
import type { CellContent } from '../domain/review/diff';
import type { Id, LayerKind } from '../domain/types';
import type { CellPatch } from '../doc/commands';
import { useLocaleStore, useT } from '../locales/i18n';
import { useMapSession, useMapState } from '../store/context';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Icon } from '../ui/icons';
import { TitleInput } from '../ui/TitleInput';
import './layers.css';
import { LayerIcon } from './LayerIcon';
import { LayerMenu } from './LayerMenu';
import { GridLayoutContext } from './layoutContext';
import { CommentBadge } from './CommentBadge';
import { CellWas, kpiWords, LayerChangeMark, useCellChange, useLayerChange } from './CellDiff';
import { Sticky } from './sticky';
import { useActions } from './useActions';

const STICKY_HEADER = { position: 'absolute', top: 0, bottom: 0, left: 0, width: GRID.laneHeaderWidth, zIndex: 2 } as const;

export interface LayerRowProps {
  layerId: Id;
  index: number;
  count: number;
}

export function LayerRow({ layerId, index, count }: LayerRowProps) {
  const layer = useMapState((s) => s.layers.find((l) => l.id === layerId));
  const layout = useContext(GridLayoutContext);
  const session = useMapSession();
  const readOnly = session.readOnly === true;
  const { run } = useActions();
  const t = useT();
  const [renaming, setRenaming] = useState(false);
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const layerChange = useLayerChange(layerId);
  if (!layer || !layout) return null;

  const finishRename = (title: string | null) => {
    setRenaming(false);
    if (title !== null && title !== layer.title) void run('renameLayer', { layerId, title });
  };
  const requestDelete = () => {
    setMenuAnchor(null);
    // Asked only when something written would go with it; undo brings it back either way.
    const written = Object.values(session.store.getState().cells).some(
      (c) => c.layerId === layerId && (c.text !== '' || c.metric !== '' || c.actual !== null || c.target !== null),
    );
    if (written) setConfirming(true);
    else void run('deleteLayer', { layerId });
  };

  return (
    <div className={`cjm-layer cjm-layer--${layer.kind}`} data-testid="layer-row" data-layer-id={layerId} data-layer-kind={layer.kind}>
      {/* The row spans the grid; its header stays at the left edge while the map pans (sticky.tsx). */}
      <Sticky axis="left" className="cjm-layer__sticky" style={STICKY_HEADER}>
      <div className="cjm-layer__header nopan nodrag" style={{ width: GRID.laneHeaderWidth }} data-testid="layer-header">
        <LayerIcon kind={layer.kind} />
        {renaming ? (
          <TitleInput
            initial={layer.title}
            check={LAYER_CHECKS.title}
            label={t('layers.row.title')}
            testId="layer-title-input"
            className="cjm-layer__edit"
            inputClassName="cjm-lane__input"
            errorClassName="cjm-lane__error"
            selectOnFocus
            onDone={finishRename}
          />
        ) : (
          <span
            className="cjm-layer__title"
            data-testid="layer-title"
            title={readOnly ? layer.title : `${layer.title} — ${t('layers.row.renameHint')}`}
            onClick={() => !readOnly && setRenaming(true)}
          >
            {layer.title}
          </span>
        )}
        {layerChange && <LayerChangeMark change={layerChange} />}
        {!readOnly && (
          <button
            type="button"
            className={`cjm-lane__menu-button${menuAnchor ? ' is-open' : ''}`}
            data-testid="layer-menu"
            aria-haspopup="menu"
            aria-expanded={menuAnchor !== null}
            aria-label={t('layers.row.menu')}
            title={t('layers.row.menu')}
            onClick={(e) => setMenuAnchor(menuAnchor ? null : e.currentTarget)}
          >
            <Icon name="more" />
          </button>
        )}
      </div>
      </Sticky>
      {layout.columns.map((column) => (
        <LayerCell
          key={column.id}
          layerId={layerId}
          stageId={column.id}
          kind={layer.kind}
          layerTitle={layer.title}
          left={column.x}
          width={column.width}
          readOnly={readOnly}
        />
      ))}
      {menuAnchor && (
        <LayerMenu
          layerId={layerId}
          anchor={menuAnchor}
          index={index}
          count={count}
          onClose={() => setMenuAnchor(null)}
          onRename={() => {
            setMenuAnchor(null);
            setRenaming(true);
          }}
          onMove={(toIndex) => {
            setMenuAnchor(null);
            void run('moveLayer', { layerId, toIndex });
          }}
          onHide={() => {
            setMenuAnchor(null);
            void run('setLayerHidden', { layerId, hidden: true });
          }}
          onDelete={requestDelete}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('layers.confirm.title')}
          message={t('layers.confirm.message', { title: layer.title })}
          detail={t('layers.confirm.detail')}
          confirmLabel={t('canvas.confirm.ok')}
          cancelLabel={t('canvas.confirm.cancel')}
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run('deleteLayer', { layerId });
          }}
        />
      )}
    </div>
  );
}

interface LayerCellProps {
  layerId: Id;
  stageId: Id;
  kind: LayerKind;
  layerTitle: string;
  left: number;
  width: number;
  readOnly: boolean;
}

const LayerCell = memo(function LayerCell({ layerId, stageId, kind, layerTitle, left, width, readOnly }: LayerCellProps) {
  const cell = useMapState((s) => findCell(s.cells, layerId, stageId));
  const stageTitle = useMapState((s) => s.stages.find((x) => x.id === stageId)?.title ?? '');
  const { run } = useActions();
  const t = useT();
  const [editing, setEditing] = useState(false);
  // While a saved review is compared: what this cell said then.
  const change = useCellChange(layerId, stageId);
  const number = useNumber();

  const save = (patch: CellPatch) => {
    setEditing(false);
    const now: Required<CellPatch> = { text: cell?.text ?? '', metric: cell?.metric ?? '', actual: cell?.actual ?? null, target: cell?.target ?? null };
    const changed = (Object.keys(patch) as (keyof CellPatch)[]).some((key) => patch[key] !== now[key]);
    // One committed edit is one command, so one undo step.
    if (changed) void run('setCell', { layerId, stageId, patch });
  };

  const label = t('layers.cell.label', { layer: layerTitle, stage: stageTitle });
  const words = (c: CellContent) => (kind === 'kpi' ? kpiWords(c, number) : c.text) || t('layers.cell.notSet');
  const changeHint = change ? t('layers.diff.cellHint', { before: words(change.before), after: words(change.after) }) : undefined;
  return (
    <div
      className={`cjm-layer-cell${editing ? ' is-editing' : ''}${readOnly ? '' : ' nopan nodrag'}${change ? ' is-changed' : ''}`}
      style={{ left, width }}
      data-testid="layer-cell"
      data-stage-id={stageId}
      data-diff={change ? 'changed' : undefined}
      title={changeHint}
      aria-label={label}
    >
      {kind === 'kpi' ? (
        editing ? (
          <KpiEditor metric={cell?.metric ?? ''} actual={cell?.actual ?? null} target={cell?.target ?? null} onDone={save} />
        ) : (
          <KpiView
            metric={cell?.metric ?? ''}
            actual={cell?.actual ?? null}
            target={cell?.target ?? null}
            was={change?.before ?? null}
            readOnly={readOnly}
            onEdit={() => setEditing(true)}
          />
        )
      ) : editing ? (
        <textarea
          className="cjm-layer-cell__input nowheel"
          data-testid="layer-cell-input"
          aria-label={label}
          title={t('layers.cell.editHint')}
          defaultValue={cell?.text ?? ''}
          maxLength={TEXT_MAX}
          autoFocus
          onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Saves and leaves the cell; the canvas must not also clear its selection.
              e.preventDefault();
              e.stopPropagation();
              e.currentTarget.blur();
            }
          }}
          onBlur={(e) => save({ text: e.currentTarget.value.trim() })}
        />
      ) : (
        <div
          className={`cjm-layer-cell__text${cell?.text ? '' : ' is-empty'}`}
          data-testid="layer-cell-text"
          role={readOnly ? undefined : 'button'}
          tabIndex={readOnly ? undefined : 0}
          onClick={() => !readOnly && setEditing(true)}
          onKeyDown={(e) => !readOnly && (e.key === 'Enter' || e.key === 'F2') && (e.preventDefault(), setEditing(true))}
        >
          {cell?.text || (readOnly ? '' : t('layers.cell.empty'))}
        </div>
      )}
      {change && kind !== 'kpi' && !editing && <CellWas before={change.before.text} />}
      {cell && <CommentBadge placeId={cell.id} />}
    </div>
  );
});

interface Kpi {
  metric: string;
  actual: number | null;
  target: number | null;
}

function useNumber() {
  const locale = useLocaleStore((s) => s.locale);
  const t = useT();
  return (value: number | null) => (value === null ? t('layers.cell.notSet') : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value));
}

/** A figure that changed since the compared review: the old one struck through before the new. */
function Was({ value, now }: { value: string; now: string }) {
  return value === now ? null : (
    <>
      <s className="cjm-kpi__was" data-testid="kpi-was">
        {value}
      </s>
      {' \u2192 '}
    </>
  );
}

function KpiView({ metric, actual, target, was, readOnly, onEdit }: Kpi & { was: Kpi | null; readOnly: boolean; onEdit: () => void }) {
  const t = useT();
  const number = useNumber();
  const status = kpiStatus(metric, actual, target);
  const empty = metric === '' && actual === null && target === null && was === null;
  const hint = [status && t(`layers.cell.status.${status}`), isLowerBetter(metric) && t('layers.cell.lowerIsBetter')].filter(Boolean).join('; ');
  return (
    <div
      className={`cjm-kpi${status ? ` cjm-kpi--${status}` : ''}`}
      data-testid="kpi-view"
      data-status={status ?? 'none'}
      title={hint || undefined}
      role={readOnly ? undefined : 'button'}
      tabIndex={readOnly ? undefined : 0}
      onClick={() => !readOnly && onEdit()}
      onKeyDown={(e) => !readOnly && (e.key === 'Enter' || e.key === 'F2') && (e.preventDefault(), onEdit())}
    >
      {empty ? (
        <span className="cjm-layer-cell__text is-empty">{readOnly ? '' : t('layers.cell.noMetric')}</span>
      ) : (
        <>
          <span className="cjm-kpi__metric" data-testid="kpi-metric">
            {was && <Was value={was.metric} now={metric} />}
            {metric}
          </span>
          <span className="cjm-kpi__figures" data-testid="kpi-figures">
            <span className="cjm-kpi__actual">
              {was && <Was value={number(was.actual)} now={number(actual)} />}
              {number(actual)}
            </span>
            <span className="cjm-kpi__target">
              {' / '}
              {was && <Was value={number(was.target)} now={number(target)} />}
              {number(target)}
            </span>
          </span>
        </>
      )}
    </div>
  );
}

/** A figure as typed: empty is "not set"; a comma works as the decimal mark (Russian writes 4,5). */
function parseFigure(raw: string): number | null | undefined {
  const text = raw.trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function KpiEditor({ metric, actual, target, onDone }: Kpi & { onDone: (patch: CellPatch) => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const asTyped = (v: number | null) => (v === null ? '' : locale === 'ru' ? String(v).replace('.', ',') : String(v));
  const [values, setValues] = useState({ metric, actual: asTyped(actual), target: asTyped(target) });
  const [bad, setBad] = useState<'actual' | 'target' | null>(null);
  const done = useRef(false);

  const commit = () => {
    if (done.current) return;
    const a = parseFigure(values.actual);
    const g = parseFigure(values.target);
    if (a === undefined || g === undefined) {
      // Nothing is written while a figure is not a number; the editor stays open and says so.
      setBad(a === undefined ? 'actual' : 'target');
      return;
    }
    done.current = true;
    onDone({ metric: values.metric.trim(), actual: a, target: g });
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) commit();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' || (e.key === 'Enter' && !e.nativeEvent.isComposing)) {
      e.preventDefault();
      e.stopPropagation();
      commit();
    }
  };
  const field = (name: 'metric' | 'actual' | 'target', extra: { autoFocus?: boolean; placeholder?: string; maxLength?: number; inputMode?: 'decimal' }) => (
    <label className="cjm-kpi-edit__field">
      <span>{t(`layers.cell.${name}`)}</span>
      <input
        className="cjm-kpi-edit__input"
        data-testid={`kpi-${name}-input`}
        aria-invalid={bad === name ? true : undefined}
        value={values[name]}
        onChange={(e) => {
          setValues({ ...values, [name]: e.target.value });
          setBad(null);
        }}
        {...extra}
      />
    </label>
  );
  return (
    <div className="cjm-kpi-edit" onBlur={onBlur} onKeyDown={onKeyDown} data-testid="kpi-editor">
      {field('metric', { autoFocus: true, placeholder: t('layers.cell.metricPlaceholder'), maxLength: METRIC_MAX })}
      <div className="cjm-kpi-edit__figures">
        {field('actual', { inputMode: 'decimal' })}
        {field('target', { inputMode: 'decimal' })}
      </div>
      {bad && (
        <div className="cjm-lane__error" role="alert" data-testid="field-error">
          {t('layers.cell.notANumber')}
        </div>
      )}
    </div>
  );
}
