// Where layer rows go on the grid, how tall they are, and how a KPI reads against its target.
import { describe, expect, it } from 'vitest';
import { cellAt, computeGrid, GRID } from '../../../src/domain/grid';
import { cellIdOf } from '../../../src/domain/ids';
import { findCell, kpiStatus, LAYER_ROW, layerRowHeight, layerRowSpecs } from '../../../src/domain/layers';
import { makeCell, makeChannel, makeLayer, makeStage, makeTouchpoint } from '../../fixtures/factories';

const stages = [makeStage({ id: 's1', order: 1 }), makeStage({ id: 's2', order: 2 })];
const channels = [makeChannel({ id: 'web', order: 1 }), makeChannel({ id: 'phone', order: 2 })];

describe('layer rows on the grid', () => {
  it('puts actions and thoughts above the lanes, the rest below, backstage after the line of visibility', () => {
    const layers = [
      makeLayer({ id: 'back', kind: 'backstage', order: 1 }),
      makeLayer({ id: 'pain', kind: 'pains', order: 2 }),
      makeLayer({ id: 'do', kind: 'actions', order: 3 }),
      makeLayer({ id: 'kpi', kind: 'kpi', order: 4 }),
      makeLayer({ id: 'gone', kind: 'thoughts', order: 5, hidden: true }),
    ];
    const specs = layerRowSpecs(layers, {}, stages);
    expect(specs.map((s) => [s.id, s.placement])).toEqual([
      ['back', 'backstage'],
      ['pain', 'below'],
      ['do', 'above'],
      ['kpi', 'below'],
    ]);
    const plain = computeGrid(stages, channels, []);
    const layout = computeGrid(stages, channels, [], specs);
    const rows = new Map(layout.layerRows.map((r) => [r.id, r]));
    expect(rows.get('do')!.y).toBe(GRID.stageHeaderHeight);
    // The lanes move down by the rows above them, keep their heights, and nothing overlaps.
    const above = rows.get('do')!.height;
    expect(layout.lanes.map((l) => [l.y - above, l.height])).toEqual(plain.lanes.map((l) => [l.y, l.height]));
    const lanesEnd = layout.lanes.at(-1)!.y + layout.lanes.at(-1)!.height;
    expect(rows.get('pain')!.y).toBe(lanesEnd);
    expect(rows.get('kpi')!.y).toBe(lanesEnd + rows.get('pain')!.height);
    expect(layout.lineOfVisibility).toBe(rows.get('kpi')!.y + rows.get('kpi')!.height);
    expect(rows.get('back')!.y).toBe(layout.lineOfVisibility! + LAYER_ROW.visibilityLineHeight);
    expect(layout.height).toBe(rows.get('back')!.y + rows.get('back')!.height);
    expect(layout.layerRows.map((r) => r.id)).toEqual(['do', 'pain', 'kpi', 'back']);
  });

  it('places cards below the rows above the lanes, and a drop on a layer row is not a cell', () => {
    const tp = makeTouchpoint({ id: 't', stageId: 's1', channelId: 'web' });
    const layout = computeGrid(stages, channels, [tp], [{ id: 'do', placement: 'above', height: 80 }]);
    expect(layout.positions.get('t')!.y).toBe(GRID.stageHeaderHeight + 80 + GRID.cellPadding);
    expect(cellAt(layout, { x: GRID.laneHeaderWidth + 10, y: GRID.stageHeaderHeight + 40 })).toBeNull();
    expect(computeGrid(stages, channels, [tp]).lineOfVisibility).toBeNull();
  });

  it('grows a row to its longest text, within limits; a KPI row has a fixed height', () => {
    expect(layerRowHeight('pains', [])).toBe(LAYER_ROW.minHeight);
    const three = layerRowHeight('pains', ['one', 'a\nb\nc']);
    expect(three).toBe(LAYER_ROW.padding * 2 + 3 * LAYER_ROW.lineHeight);
    // A long line wraps at the column's width.
    expect(layerRowHeight('pains', ['x'.repeat(LAYER_ROW.charsPerLine * 4)])).toBe(LAYER_ROW.padding * 2 + 4 * LAYER_ROW.lineHeight);
    expect(layerRowHeight('text', ['x\n'.repeat(200)])).toBe(LAYER_ROW.maxHeight);
    expect(layerRowHeight('kpi', ['a\nb\nc\nd'])).toBe(LAYER_ROW.kpiHeight);
    // Only cells at stages on the map count.
    const specs = layerRowSpecs([makeLayer({ id: 'p', kind: 'pains' })], { c: makeCell({ id: 'c', layerId: 'p', stageId: 'gone', text: 'a\nb\nc\nd' }) }, stages);
    expect(specs[0]!.height).toBe(LAYER_ROW.minHeight);
  });

  it('finds a cell by its derived id or, for an imported one, by layer and stage', () => {
    const own = makeCell({ id: cellIdOf('p', 's1'), layerId: 'p', stageId: 's1' });
    const imported = makeCell({ id: 'from-file', layerId: 'p', stageId: 's2' });
    const cells = { [own.id]: own, [imported.id]: imported };
    expect(findCell(cells, 'p', 's1')).toBe(own);
    expect(findCell(cells, 'p', 's2')).toBe(imported);
    expect(findCell(cells, 'q', 's1')).toBeUndefined();
    expect(cellIdOf('a'.repeat(40), 'b'.repeat(40))).toMatch(/^cell:[0-9a-f]{16}$/);
    expect(cellIdOf('a'.repeat(40), 'b'.repeat(40))).not.toBe(cellIdOf('a'.repeat(40), 'c'.repeat(40)));
  });
});

describe('kpiStatus', () => {
  it('is met at or over the target, near within a tenth of it, missed further below', () => {
    expect(kpiStatus('CSAT', 4.5, 4.5)).toBe('met');
    expect(kpiStatus('NPS', 41, 40)).toBe('met');
    expect(kpiStatus('CSAT', 4.1, 4.5)).toBe('near');
    expect(kpiStatus('CSAT', 3.9, 4.5)).toBe('missed');
    expect(kpiStatus('NPS', -5, 10)).toBe('missed');
  });

  it('reads CES the other way round: lower is better', () => {
    expect(kpiStatus('CES', 2, 3)).toBe('met');
    expect(kpiStatus(' ces ', 3.2, 3)).toBe('near');
    expect(kpiStatus('CES', 5, 3)).toBe('missed');
  });

  it('says nothing while either figure is missing', () => {
    expect(kpiStatus('NPS', null, 30)).toBeNull();
    expect(kpiStatus('NPS', 30, null)).toBeNull();
  });
});
