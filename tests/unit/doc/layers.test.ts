// Stage layers and their cells: the commands people use on the canvas, two replicas editing the
// same empty cell at once, and what deleting a layer or a stage takes with it.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addLayer,
  deleteLane,
  deleteLayer,
  mergeSnapshot,
  moveLayer,
  renameLayer,
  setCell,
  setLayerHidden,
} from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { createUndoManager } from '../../../src/doc/undo';
import { trackedTypes, cellsOf, layersOf } from '../../../src/doc/layout';
import { exportMapJson, parseMapJson } from '../../../src/domain/format';
import { refusingCommands, ReadOnlyMapError } from '../../../src/store/readOnly';
import { exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

const layerTitles = (doc: Y.Doc) => readSnapshot(doc).layers.map((l) => l.title);
const cellsOfLayer = (doc: Y.Doc, layerId: string) => readSnapshot(doc).cells.filter((c) => c.layerId === layerId);

describe('stage layers', () => {
  it('starts a map from the default template with actions, thoughts, pains and opportunities, in its language', () => {
    expect(readSnapshot(makeMapDoc().doc).layers.map((l) => [l.kind, l.title, l.hidden])).toEqual([
      ['actions', 'Customer actions', false],
      ['thoughts', 'Thoughts and feelings', false],
      ['pains', 'Pains', false],
      ['opportunities', 'Opportunities', false],
    ]);
    expect(layerTitles(makeMapDoc({ locale: 'ru' }).doc)).toEqual(['Действия клиента', 'Мысли и чувства', 'Боли', 'Возможности']);
    expect(readSnapshot(makeMapDoc({ template: 'blank' }).doc).layers).toEqual([]);
  });

  it('adds at the end, renames, reorders and hides a layer', () => {
    const { doc } = makeMapDoc();
    const kpi = addLayer(doc, 'kpi', ' NPS ');
    expect(readSnapshot(doc).layers.at(-1)).toMatchObject({ id: kpi, kind: 'kpi', title: 'NPS', hidden: false });
    renameLayer(doc, kpi, 'CSAT');
    moveLayer(doc, kpi, 0);
    expect(layerTitles(doc)).toEqual(['CSAT', 'Customer actions', 'Thoughts and feelings', 'Pains', 'Opportunities']);
    setLayerHidden(doc, kpi, true);
    expect(readSnapshot(doc).layers[0]).toMatchObject({ id: kpi, hidden: true });
    setLayerHidden(doc, kpi, false);
    expect(readSnapshot(doc).layers[0]!.hidden).toBe(false);
  });

  it('refuses a blank title, an unknown kind and a layer that does not exist, changing nothing', () => {
    const { doc } = makeMapDoc();
    const id = readSnapshot(doc).layers[0]!.id;
    expectRefused(doc, () => addLayer(doc, 'pains', '  '), 'title', 'required');
    expectRefused(doc, () => addLayer(doc, 'feelings' as never, 'Feelings'), 'kind', 'notAllowed');
    expectRefused(doc, () => renameLayer(doc, id, ''), 'title', 'required');
    expect(() => renameLayer(doc, 'nope', 'X')).toThrow(/layer nope does not exist/);
    expect(() => setCell(doc, 'nope', readSnapshot(doc).stages[0]!.id, { text: 'x' })).toThrow(/layer nope does not exist/);
  });

  it('writes a cell on first edit and edits the same cell afterwards; a KPI keeps metric, actual and target', () => {
    const { doc, stages } = makeMapDoc();
    const kpi = addLayer(doc, 'kpi', 'KPI');
    const first = setCell(doc, kpi, stages[0]!.id, { metric: 'NPS', actual: 12.5, target: 30 });
    const again = setCell(doc, kpi, stages[0]!.id, { actual: -4 });
    expect(again).toBe(first);
    expect(cellsOfLayer(doc, kpi)).toEqual([
      { id: first, layerId: kpi, stageId: stages[0]!.id, text: '', metric: 'NPS', actual: -4, target: 30 },
    ]);
    setCell(doc, kpi, stages[0]!.id, { target: null });
    expect(cellsOfLayer(doc, kpi)[0]!.target).toBeNull();
  });

  it('refuses a metric over 40 characters and a figure that is not finite, changing nothing', () => {
    const { doc, stages } = makeMapDoc();
    const kpi = addLayer(doc, 'kpi', 'KPI');
    expectRefused(doc, () => setCell(doc, kpi, stages[0]!.id, { metric: 'x'.repeat(41) }), 'metric', 'tooLong');
    expectRefused(doc, () => setCell(doc, kpi, stages[0]!.id, { actual: Number.NaN }), 'actual', 'notFinite');
    expectRefused(doc, () => setCell(doc, kpi, stages[0]!.id, { target: Infinity }), 'target', 'notFinite');
  });

  it('lands two people’s first edits of the same empty cell in one cell, on both replicas', () => {
    const { doc, stages } = makeMapDoc();
    const pains = readSnapshot(doc).layers.find((l) => l.kind === 'pains')!.id;
    const other = makeReplica(doc);
    // Both type into the empty cell before either sees the other's edit.
    setCell(doc, pains, stages[1]!.id, { text: 'Too many fields' });
    setCell(other, pains, stages[1]!.id, { text: 'No price shown' });
    exchange(doc, other);
    const here = cellsOfLayer(doc, pains);
    expect(here).toHaveLength(1);
    expect(cellsOfLayer(other, pains)).toEqual(here);
    expect(['Too many fields', 'No price shown']).toContain(here[0]!.text);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(other));
  });

  it('keeps both people’s edits of different cells and of different fields of one KPI cell', () => {
    const { doc, stages } = makeMapDoc();
    const kpi = addLayer(doc, 'kpi', 'KPI');
    setCell(doc, kpi, stages[0]!.id, { metric: 'CSAT' });
    const other = makeReplica(doc);
    setCell(doc, kpi, stages[0]!.id, { actual: 4.1 });
    setCell(other, kpi, stages[0]!.id, { target: 4.5 });
    setCell(other, kpi, stages[2]!.id, { metric: 'CES', actual: 2 });
    exchange(doc, other);
    const cells = cellsOfLayer(doc, kpi).sort((a, b) => (a.stageId === stages[0]!.id ? -1 : b.stageId === stages[0]!.id ? 1 : 0));
    expect(cells.map((c) => [c.metric, c.actual, c.target])).toEqual([
      ['CSAT', 4.1, 4.5],
      ['CES', 2, null],
    ]);
  });

  it('deletes a layer with its cells and a stage with its cells, each in one undo step', () => {
    const { doc, stages } = makeMapDoc();
    const [actions, thoughts] = readSnapshot(doc).layers;
    setCell(doc, actions!.id, stages[0]!.id, { text: 'Googles' });
    setCell(doc, actions!.id, stages[1]!.id, { text: 'Compares' });
    setCell(doc, thoughts!.id, stages[1]!.id, { text: 'Is it worth it?' });
    const undo = createUndoManager(doc);

    deleteLayer(doc, actions!.id);
    expect(readSnapshot(doc).layers.map((l) => l.id)).not.toContain(actions!.id);
    expect(readSnapshot(doc).cells.map((c) => c.text)).toEqual(['Is it worth it?']);
    undo.stopCapturing();
    deleteLane(doc, 'stage', stages[1]!.id);
    expect(readSnapshot(doc).cells).toEqual([]);

    undo.undo();
    expect(readSnapshot(doc).cells.map((c) => c.text)).toEqual(['Is it worth it?']);
    undo.undo();
    expect(readSnapshot(doc).cells.map((c) => c.text).sort()).toEqual(['Compares', 'Googles', 'Is it worth it?']);
  });

  it('undoes one committed cell edit at a time and tracks the new collections', () => {
    const { doc, stages } = makeMapDoc();
    expect(trackedTypes(doc)).toEqual(expect.arrayContaining([layersOf(doc), cellsOf(doc)]));
    const pains = readSnapshot(doc).layers[2]!.id;
    const undo = createUndoManager(doc);
    setCell(doc, pains, stages[0]!.id, { text: 'Slow site' });
    undo.stopCapturing();
    setCell(doc, pains, stages[0]!.id, { text: 'Slow site\nNo prices' });
    undo.undo();
    expect(cellsOfLayer(doc, pains)[0]!.text).toBe('Slow site');
    undo.undo();
    expect(cellsOfLayer(doc, pains)).toEqual([]);
  });

  it('is refused on a read-only map, whatever the command', () => {
    const commands = refusingCommands('viewLink', { touchpointsInLane: () => [] });
    for (const run of [
      () => commands.addLayer('kpi', 'KPI'),
      () => commands.setCell('l', 's', { text: 'x' }),
      () => commands.deleteLayer('l'),
      () => commands.setLayerHidden('l', true),
      () => commands.moveLayer('l', 0),
      () => commands.renameLayer('l', 'x'),
    ]) {
      expect(run).toThrow(ReadOnlyMapError);
    }
  });
});

describe('layers through a file', () => {
  it('merges a copy’s layers and cells, keeping the map’s own cell where both have one', () => {
    const { doc, stages } = makeMapDoc();
    const pains = readSnapshot(doc).layers[2]!.id;
    setCell(doc, pains, stages[0]!.id, { text: 'Map: slow' });
    const offline = makeReplica(doc);
    const kpi = addLayer(offline, 'kpi', 'NPS');
    setCell(offline, kpi, stages[0]!.id, { metric: 'NPS', actual: 10, target: 20 });
    setCell(offline, pains, stages[1]!.id, { text: 'Copy: confusing' });
    const parsed = parseMapJson(exportMapJson(readSnapshot(offline), [], '2026-12-07T10:00:00.000Z'));
    if (!parsed.ok) throw new Error('the copy does not parse');
    // The copy's cell at stage 0 got another id (an import from a tool that names cells its own way).
    const copy = parsed.value.snapshot;
    copy.cells = copy.cells.map((c) => (c.stageId === stages[0]!.id && c.layerId === pains ? { ...c, id: 'other-id', text: 'Copy: slow' } : c));

    const count = mergeSnapshot(doc, copy);
    expect(count).toEqual({ added: 3, differing: 1 });
    const texts = readSnapshot(doc).cells.filter((c) => c.layerId === pains).map((c) => c.text).sort();
    expect(texts).toEqual(['Copy: confusing', 'Map: slow']);
    expect(readSnapshot(doc).layers.at(-1)).toMatchObject({ id: kpi, kind: 'kpi', title: 'NPS' });
  });
});
