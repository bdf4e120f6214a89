// Layer cells and layer headers while a saved review is compared: a cell whose text or KPI changed
// since shows what it said then (struck through, with the whole change in its tooltip), and a
// layer added or renamed since says so in its header. What people wrote is shown as text only.
import type { CellChange, CellContent } from '../domain/review/diff';
import type { Id } from '../domain/types';
import { useT } from '../locales/i18n';
import { useReviews } from '../store/reviewContext';

/** What this cell said in the compared review, or null (nothing compared, unchanged, or the layer is new). */
export function useCellChange(layerId: Id, stageId: Id): CellChange | null {
  return useReviews((s) => {
    const layers = s.compare ? s.diff?.layers : undefined;
    // A new layer is marked as a whole: every cell of it would read "was empty".
    if (!layers || layers.added.some((l) => l.id === layerId)) return null;
    return layers.cellsChanged.find((c) => c.layerId === layerId && c.stageId === stageId) ?? null;
  });
}

/** How a layer's row changed since the compared review: added, renamed (with its old title), or not at all. */
export function useLayerChange(layerId: Id): { kind: 'added' } | { kind: 'renamed'; before: string } | null {
  const added = useReviews((s) => (s.compare ? (s.diff?.layers.added.some((l) => l.id === layerId) ?? false) : false));
  const before = useReviews((s) => (s.compare ? s.diff?.layers.renamed.find((l) => l.id === layerId)?.before : undefined));
  if (added) return { kind: 'added' };
  return before === undefined ? null : { kind: 'renamed', before };
}

/** A KPI cell as one line of words, for tooltips: "NPS 62 / 75". */
export function kpiWords(content: CellContent, number: (value: number | null) => string): string {
  return `${content.metric} ${number(content.actual)} / ${number(content.target)}`.trim();
}

/** The old text of a changed text cell, under today's. */
export function CellWas({ before }: { before: string }) {
  const t = useT();
  return (
    <div className="cjm-cell-was" data-testid="cell-was">
      <span className="cjm-cell-was__label">{before === '' ? t('layers.diff.wasEmpty') : t('layers.diff.was')}</span>
      {before !== '' && <s className="cjm-cell-was__text">{before}</s>}
    </div>
  );
}

/** The header's mark of a layer added or renamed since the review. */
export function LayerChangeMark({ change }: { change: NonNullable<ReturnType<typeof useLayerChange>> }) {
  const t = useT();
  return (
    <span
      className={`cjm-layer-diff cjm-layer-diff--${change.kind}`}
      data-testid="layer-diff"
      data-diff={change.kind}
      title={change.kind === 'renamed' ? t('layers.diff.renamedFrom', { before: change.before }) : t('layers.diff.addedHint')}
    >
      {t(`layers.diff.${change.kind}`)}
    </span>
  );
}
