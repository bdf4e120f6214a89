// Stage layers in a review: the comparison lists added, removed and renamed layers and every cell
// or KPI that now says something else; health counts the empty cells of visible layers.
import { describe, expect, it } from 'vitest';
import { diffMaps } from '../../../src/domain/review/diff';
import { mapHealth } from '../../../src/domain/review/health';
import { diffEntries } from '../../../src/panels/review/diffEntries';
import { baseMap, changed, find, makeCell, makeLayer, remove } from './factories';

/** The base map with an actions layer (Discover and Buy filled) and a KPI layer (Buy measured). */
function withLayers() {
  return changed(baseMap(), (m) => {
    m.layers.push(makeLayer({ id: 'do', kind: 'actions', title: 'Does', order: 1 }));
    m.layers.push(makeLayer({ id: 'nps', kind: 'kpi', title: 'NPS', order: 2 }));
    m.cells.push(makeCell({ id: 'do:discover', layerId: 'do', stageId: 'discover', text: 'Searches' }));
    m.cells.push(makeCell({ id: 'do:buy', layerId: 'do', stageId: 'buy', text: 'Pays' }));
    m.cells.push(makeCell({ id: 'nps:buy', layerId: 'nps', stageId: 'buy', metric: 'NPS', actual: 12, target: 30 }));
  });
}

describe('diffMaps: layers', () => {
  it('lists nothing when layers and cells are the same, or only hidden', () => {
    const before = withLayers();
    expect(diffMaps(before, structuredClone(before)).counts.total).toBe(0);
    expect(diffMaps(before, changed(before, (m) => (find(m.layers, 'do').hidden = true))).counts.total).toBe(0);
  });

  it('lists added, removed and renamed layers, and a new layer’s filled cells as changed from empty', () => {
    const before = withLayers();
    const after = changed(before, (m) => {
      remove(m.layers, 'nps');
      m.cells = m.cells.filter((c) => c.layerId !== 'nps');
      find(m.layers, 'do').title = 'Customer does';
      m.layers.push(makeLayer({ id: 'pain', kind: 'pains', title: 'Pains', order: 3 }));
      m.cells.push(makeCell({ id: 'pain:leave', layerId: 'pain', stageId: 'leave', text: 'Refund takes weeks' }));
    });
    const diff = diffMaps(before, after);
    expect(diff.layers.added).toEqual([{ id: 'pain', kind: 'pains', title: 'Pains' }]);
    expect(diff.layers.removed).toEqual([{ id: 'nps', kind: 'kpi', title: 'NPS' }]);
    expect(diff.layers.renamed).toEqual([{ id: 'do', kind: 'actions', before: 'Does', after: 'Customer does' }]);
    // The removed KPI's cell is said by the layer's removal, not listed again.
    expect(diff.layers.cellsChanged.map((c) => [c.layerId, c.stageId, c.before.text, c.after.text])).toEqual([
      ['pain', 'leave', '', 'Refund takes weeks'],
    ]);
    expect(diff.counts).toMatchObject({ layersAdded: 1, layersRemoved: 1, cellsChanged: 1, total: 4 });
  });

  it('compares cells by layer and stage, not by id, and lists KPI figures before → after in layer then stage order', () => {
    const before = withLayers();
    const after = changed(before, (m) => {
      // Same place, another id (the map was re-imported from another tool): not a change by itself.
      find(m.cells, 'do:discover').id = 'imported-7';
      find(m.cells, 'do:buy').text = 'Pays by card';
      find(m.cells, 'nps:buy').actual = 27;
      m.cells.push(makeCell({ id: 'do:leave', layerId: 'do', stageId: 'leave', text: 'Asks for a refund' }));
    });
    const diff = diffMaps(before, after);
    expect(diff.layers.cellsChanged.map((c) => `${c.layerId}@${c.stageId}`)).toEqual(['do@buy', 'do@leave', 'nps@buy']);
    expect(diff.layers.cellsChanged[2]).toMatchObject({
      kind: 'kpi',
      stageTitle: 'Buy',
      before: { metric: 'NPS', actual: 12, target: 30 },
      after: { metric: 'NPS', actual: 27, target: 30 },
    });
    const groups = diffEntries(diff);
    expect(groups.at(-1)).toMatchObject({ name: 'layers' });
    expect(groups.at(-1)!.entries.map((e) => [e.kind, e.title])).toEqual([
      ['cell-changed', 'Does · Buy'],
      ['cell-changed', 'Does · Leave'],
      ['kpi-changed', 'NPS · Buy'],
    ]);
    expect(groups.at(-1)!.entries[2]!.detail).toMatchObject({ actualBefore: 12, actualAfter: 27, targetAfter: 30 });
  });
});

describe('mapHealth: empty layer cells', () => {
  const now = new Date('2026-02-01T00:00:00Z');

  it('counts the cells of visible layers that say nothing, per layer in stage order', () => {
    const health = mapHealth(withLayers(), [], now);
    // 2 layers × 3 stages; actions has Leave empty, the KPI has Discover and Leave empty.
    expect(health.emptyLayerCells).toEqual({
      total: 3,
      cells: 6,
      layers: [
        { layerId: 'do', title: 'Does', kind: 'actions', emptyStages: [{ stageId: 'leave', title: 'Leave' }] },
        {
          layerId: 'nps',
          title: 'NPS',
          kind: 'kpi',
          emptyStages: [
            { stageId: 'discover', title: 'Discover' },
            { stageId: 'leave', title: 'Leave' },
          ],
        },
      ],
    });
  });

  it('leaves hidden layers out, and counts a KPI with a metric but no figure yet as filled', () => {
    const map = changed(withLayers(), (m) => {
      find(m.layers, 'do').hidden = true;
      m.cells.push(makeCell({ id: 'nps:discover', layerId: 'nps', stageId: 'discover', metric: 'NPS' }));
      // A blank text cell still says nothing.
      m.cells.push(makeCell({ id: 'nps:leave', layerId: 'nps', stageId: 'leave', text: 'ignored for a KPI' }));
    });
    expect(mapHealth(map, [], now).emptyLayerCells).toMatchObject({ total: 1, cells: 3 });
  });
});
