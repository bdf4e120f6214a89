// Export → import → export gives the same file; only `exportedAt` is regenerated.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { exportMapJson, orderedSnapshot } from '../../../src/domain/format/export';
import { parseMapJson } from '../../../src/domain/format/validate';
import { applySnapshot, docToSnapshot, IMPORTED_VOTER } from '../../../src/doc/snapshot';
import { notesOf } from '../../../src/doc/layout';
import {
  addConnection,
  addNote,
  addQuote,
  deleteLane,
  setPersona,
  updateNote,
  updateTouchpoint,
  voteNote,
} from '../../../src/doc/mutations';
import { createUndoManager } from '../../../src/doc/undo';
import { addTouchpointAt, exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';
import { EXPORTED_AT, sampleReview, sampleSnapshot } from './sampleMap';

/** Imports a file into a fresh doc the way "import as new map" does. */
function importIntoNewDoc(text: string) {
  const result = parseMapJson(text);
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.problems)}`);
  const doc = new Y.Doc();
  applySnapshot(doc, result.value.snapshot);
  return { doc, reviews: result.value.reviews };
}

/** A map edited through the real mutations: ratings, notes with votes from two people, quotes, arrows. */
function workshopDoc() {
  const { doc } = makeMapDoc({ title: 'Онбординг', locale: 'ru' });
  setPersona(doc, { name: 'Ольга', goal: 'Start quickly' });
  const a = addTouchpointAt(doc, 0, 0, { title: 'Лендинг' });
  const b = addTouchpointAt(doc, 0, 0, { title: 'Sign-up, step "1"' });
  const c = addTouchpointAt(doc, 2, 1, { title: 'Звонок' });
  updateTouchpoint(doc, a, { expectation: 4, perception: 2, owner: 'Мария', description: 'line 1\nline 2' });
  const fix = addNote(doc, a, 'fix', 'Слишком длинная форма');
  updateNote(doc, fix, { status: 'planned', owner: 'Ivan' });
  voteNote(doc, fix, 'alice', 1);
  voteNote(doc, fix, 'bob', 1);
  voteNote(doc, fix, 'bob', 1);
  addNote(doc, c, 'planB', 'Перезвоним за час');
  addQuote(doc, b, { text: '«Где кнопка?»', source: 'interview', sentiment: 'negative', who: 'Клиент', date: '2026-01-12', link: '' });
  addConnection(doc, a, b);
  addConnection(doc, b, c);
  return doc;
}

describe('round trip', () => {
  it('gives the same text for a map built in the editor, keeping ids and vote totals', () => {
    const doc = workshopDoc();
    const first = exportMapJson(docToSnapshot(doc), [], EXPORTED_AT);
    const { doc: imported } = importIntoNewDoc(first);
    expect(exportMapJson(docToSnapshot(imported), [], EXPORTED_AT)).toBe(first);
    const ids = (d: Y.Doc) => orderedSnapshot(docToSnapshot(d)).touchpoints.map((t) => t.id);
    expect(ids(imported)).toEqual(ids(doc));
    expect(docToSnapshot(imported).notes.find((n) => n.kind === 'fix')!.votes).toBe(3);
  });

  it('gives the same text for the sample map with a review, apart from exportedAt', () => {
    const first = exportMapJson(sampleSnapshot(), [sampleReview()], EXPORTED_AT);
    const { doc, reviews } = importIntoNewDoc(first);
    const later = '2026-03-01T08:00:00.000Z';
    const second = exportMapJson(docToSnapshot(doc), reviews, later);
    expect(second).toBe(first.replace(EXPORTED_AT, later));
  });

  it('stores imported net votes under one voter, so later dot-votes add to them', () => {
    const { doc } = importIntoNewDoc(exportMapJson(sampleSnapshot(), [], EXPORTED_AT));
    const votes = notesOf(doc).get('nt-wow')!.get('votes') as Y.Map<number>;
    expect(votes.toJSON()).toEqual({ [IMPORTED_VOTER]: 3 });
    voteNote(doc, 'nt-wow', 'carol', 1);
    expect(docToSnapshot(doc).notes.find((n) => n.id === 'nt-wow')!.votes).toBe(4);
  });

  it('writes the import as one update that the importing user cannot undo into an empty map', () => {
    const doc = new Y.Doc();
    const undo = createUndoManager(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    const parsed = parseMapJson(exportMapJson(sampleSnapshot(), [], EXPORTED_AT));
    if (!parsed.ok) throw new Error('sample must parse');
    applySnapshot(doc, parsed.value.snapshot);
    expect(updates).toBe(1);
    expect(undo.canUndo()).toBe(false);
  });

  it('refuses to write into a doc that already holds a map', () => {
    const { doc } = makeMapDoc();
    expect(() => applySnapshot(doc, sampleSnapshot())).toThrow(/empty doc/);
  });
});

describe('export', () => {
  it('does not depend on the order entities come in', () => {
    const snapshot = sampleSnapshot();
    const shuffled = {
      ...snapshot,
      stages: [...snapshot.stages].reverse(),
      channels: [...snapshot.channels].reverse(),
      touchpoints: [...snapshot.touchpoints].reverse(),
      connections: [...snapshot.connections].reverse(),
      notes: [...snapshot.notes].reverse(),
      quotes: [...snapshot.quotes].reverse(),
    };
    expect(exportMapJson(shuffled, [], EXPORTED_AT)).toBe(exportMapJson(snapshot, [], EXPORTED_AT));
  });

  it('writes lanes by order, touchpoints by stage, channel and order, and keys in a fixed order', () => {
    const file = JSON.parse(exportMapJson(sampleSnapshot(), [sampleReview()], EXPORTED_AT));
    expect(Object.keys(file)).toEqual([
      'format',
      'version',
      'exportedAt',
      'map',
      'stages',
      'channels',
      'touchpoints',
      'connections',
      'notes',
      'quotes',
      'layers',
      'cells',
      'reviews',
    ]);
    expect(file).toMatchObject({ format: 'cjm-studio/journey-map', version: 2, exportedAt: EXPORTED_AT });
    expect(file.stages.map((s: { id: string }) => s.id)).toEqual(['st-find', 'st-buy']);
    expect(file.channels.map((c: { id: string }) => c.id)).toEqual(['ch-web', 'ch-phone']);
    expect(file.touchpoints.map((t: { id: string }) => t.id)).toEqual(['tp-ad', 'tp-pay', 'tp-call']);
    expect(file.notes.map((n: { id: string }) => n.id)).toEqual(['nt-fix', 'nt-wow', 'nt-b']);
    expect(Object.keys(file.touchpoints[0])).toEqual([
      'id',
      'title',
      'description',
      'stageId',
      'channelId',
      'order',
      'status',
      'owner',
      'expectation',
      'perception',
      'createdAt',
    ]);
    expect(Object.keys(file.reviews[0])).toEqual(['id', 'name', 'summary', 'createdAt', 'snapshot', 'checklist']);
    expect(Object.keys(file.reviews[0].snapshot)).toEqual(['map', 'stages', 'channels', 'touchpoints', 'connections', 'notes', 'quotes', 'layers', 'cells']);
  });

  it('uses a 2-space indent', () => {
    expect(exportMapJson(sampleSnapshot(), [], EXPORTED_AT).split('\n')[1]).toBe('  "format": "cjm-studio/journey-map",');
  });

  it('leaves out a touchpoint whose stage was deleted while someone added it, so the file still imports', () => {
    const { doc } = makeMapDoc();
    const kept = addTouchpointAt(doc, 0, 0, { title: 'Kept' });
    const offline = makeReplica(doc);
    const { stages } = docToSnapshot(doc);
    // One person deletes the second stage while another, offline, adds a card with a note there.
    deleteLane(doc, 'stage', stages[1]!.id);
    const orphan = addTouchpointAt(offline, 1, 0, { title: 'Orphan' });
    addNote(offline, orphan, 'fix', 'lost with its card');
    addConnection(offline, kept, orphan);
    exchange(doc, offline);

    const text = exportMapJson(docToSnapshot(doc), [], EXPORTED_AT);
    const file = JSON.parse(text);
    expect(file.touchpoints.map((t: { title: string }) => t.title)).toEqual(['Kept']);
    expect([file.notes, file.connections]).toEqual([[], []]);
    expect(parseMapJson(text).ok).toBe(true);
  });

  it('drops ticks for touchpoints that are not in the review', () => {
    const review = sampleReview();
    review.checklist['tp-elsewhere'] = review.checklist['tp-pay']!;
    const file = JSON.parse(exportMapJson(sampleSnapshot(), [review], EXPORTED_AT));
    expect(Object.keys(file.reviews[0].checklist)).toEqual(['tp-ad', 'tp-pay']);
  });
});

describe('stage layers in the file (version 2)', () => {
  it('writes layers by order and cells by layer then stage, and reads them back unchanged', () => {
    const text = exportMapJson(sampleSnapshot(), [sampleReview()], EXPORTED_AT);
    const file = JSON.parse(text);
    expect(file.layers.map((l: { id: string }) => l.id)).toEqual(['ly-do', 'ly-kpi', 'ly-back']);
    expect(file.cells.map((c: { id: string }) => c.id)).toEqual(['ly-do:st-find', 'cl-kpi-buy', 'cl-back']);
    expect(Object.keys(file.cells[1])).toEqual(['id', 'layerId', 'stageId', 'text', 'metric', 'actual', 'target']);
    expect(file.cells[1]).toMatchObject({ metric: 'CSAT', actual: 3.8, target: 4.5 });
    expect(file.reviews[0].snapshot.layers).toHaveLength(3);
    const parsed = parseMapJson(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(exportMapJson(parsed.value.snapshot, parsed.value.reviews, EXPORTED_AT)).toBe(text);
    expect(parsed.value.snapshot.layers.find((l) => l.id === 'ly-back')!.hidden).toBe(true);
  });

  it('reads a layer without `hidden` and a cell with only its text, filling the defaults', () => {
    const file = JSON.parse(exportMapJson(sampleSnapshot(), [], EXPORTED_AT));
    delete file.layers[0].hidden;
    file.cells[0] = { id: 'c-min', layerId: 'ly-do', stageId: 'st-buy', text: 'Pays' };
    const parsed = parseMapJson(JSON.stringify(file));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.value.snapshot.layers[0]!.hidden).toBe(false);
    expect(parsed.value.snapshot.cells[0]).toEqual({ id: 'c-min', layerId: 'ly-do', stageId: 'st-buy', text: 'Pays', metric: '', actual: null, target: null });
  });

  it('leaves out cells whose layer or stage is gone (a delete racing an edit), so the file still imports', () => {
    const snapshot = sampleSnapshot();
    snapshot.layers = snapshot.layers.filter((l) => l.id !== 'ly-kpi');
    snapshot.stages = snapshot.stages.filter((s) => s.id !== 'st-find');
    const text = exportMapJson(snapshot, [], EXPORTED_AT);
    expect(JSON.parse(text).cells.map((c: { id: string }) => c.id)).toEqual(['cl-back']);
    expect(parseMapJson(text).ok).toBe(true);
  });
});
