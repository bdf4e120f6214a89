import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createUndoManager } from '../../../src/doc/undo';
import {
  addConnection,
  addNote,
  addQuote,
  deleteLane,
  deleteTouchpoints,
  moveTouchpoint,
  setMapTitle,
  updateTouchpoint,
} from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { addTouchpointAt, makeMapDoc, makePeers } from '../../fixtures/factories';

const managers: Y.UndoManager[] = [];
afterEach(() => managers.splice(0).forEach((m) => m.destroy()));

/** An undo manager whose steps are never merged by time, so each edit below is its own step. */
function undoFor(doc: Y.Doc) {
  const manager = createUndoManager(doc);
  managers.push(manager);
  const step = <T>(edit: () => T): T => {
    const result = edit();
    manager.stopCapturing();
    return result;
  };
  return { manager, step };
}

const titleOf = (doc: Y.Doc, id: string) => readSnapshot(doc).touchpoints.find((t) => t.id === id)?.title;

describe('undo and redo of my own edits', () => {
  it('undoes and redoes edits one step at a time', () => {
    const { doc } = makeMapDoc();
    const { manager, step } = undoFor(doc);
    const id = step(() => addTouchpointAt(doc, 0, 0, { title: 'Call' }));
    step(() => updateTouchpoint(doc, id, { title: 'Call back' }));

    manager.undo();
    expect(titleOf(doc, id)).toBe('Call');
    manager.undo();
    expect(titleOf(doc, id)).toBeUndefined();
    manager.redo();
    expect(titleOf(doc, id)).toBe('Call');
    manager.redo();
    expect(titleOf(doc, id)).toBe('Call back');
  });

  it('merges a burst of edits made within the capture window into one step', () => {
    const { doc } = makeMapDoc();
    const { manager, step } = undoFor(doc);
    const id = step(() => addTouchpointAt(doc, 0, 0, { title: 'Call' }));
    updateTouchpoint(doc, id, { title: 'C' });
    updateTouchpoint(doc, id, { title: 'Ca' });
    updateTouchpoint(doc, id, { title: 'Cab' });
    manager.undo();
    expect(titleOf(doc, id)).toBe('Call');
  });

  it('does not offer the map creation itself as an undo step', () => {
    const { doc } = makeMapDoc();
    const { manager } = undoFor(doc);
    expect(manager.undoStack).toHaveLength(0);
    manager.undo();
    expect(readSnapshot(doc).stages).toHaveLength(6);
  });

  it('brings a moved card back to its cell and sends it again on redo', () => {
    const { doc, stages } = makeMapDoc();
    const id = addTouchpointAt(doc, 0, 0);
    const { manager, step } = undoFor(doc);
    const channelId = readSnapshot(doc).touchpoints[0]!.channelId;
    step(() => moveTouchpoint(doc, { id, stageId: stages[3]!.id, channelId }));
    manager.undo();
    expect(readSnapshot(doc).touchpoints[0]!.stageId).toBe(stages[0]!.id);
    manager.redo();
    expect(readSnapshot(doc).touchpoints[0]!.stageId).toBe(stages[3]!.id);
  });

  it('brings back a deleted card with its notes, quotes and connections', () => {
    const { doc } = makeMapDoc();
    const a = addTouchpointAt(doc, 0, 0, { title: 'Ad' });
    const b = addTouchpointAt(doc, 1, 0, { title: 'Site' });
    addNote(doc, a, 'fix', 'Too loud');
    addQuote(doc, a, { text: 'Annoying', source: 'social', sentiment: 'negative', who: '', date: '2026-01-10', link: '' });
    addConnection(doc, a, b);
    const before = readSnapshot(doc);
    const { manager, step } = undoFor(doc);
    step(() => deleteTouchpoints(doc, [a]));
    manager.undo();
    expect(readSnapshot(doc)).toEqual(before);
  });

  it('brings back a deleted stage with the cards it held', () => {
    const { doc, stages } = makeMapDoc();
    addTouchpointAt(doc, 2, 0);
    addTouchpointAt(doc, 2, 3);
    const before = readSnapshot(doc);
    const { manager, step } = undoFor(doc);
    step(() => deleteLane(doc, 'stage', stages[2]!.id));
    expect(readSnapshot(doc).touchpoints).toEqual([]);
    manager.undo();
    expect(readSnapshot(doc)).toEqual(before);
  });
});

describe('undo with a colleague editing the same map', () => {
  it("reverts only my edit and keeps the colleague's; redo restores mine", () => {
    const { a, b } = makePeers();
    const shared = addTouchpointAt(a, 0, 0, { title: 'Shared card' });
    const mine = undoFor(a);
    const theirs = undoFor(b);

    mine.step(() => updateTouchpoint(a, shared, { title: 'Renamed by A' }));
    theirs.step(() => updateTouchpoint(b, shared, { owner: 'Set by B' }));
    const bsCard = theirs.step(() => addTouchpointAt(b, 1, 1, { title: 'Added by B' }));

    mine.manager.undo();
    for (const doc of [a, b]) {
      const tp = readSnapshot(doc).touchpoints.find((t) => t.id === shared)!;
      expect(tp.title).toBe('Shared card');
      expect(tp.owner).toBe('Set by B');
      expect(titleOf(doc, bsCard)).toBe('Added by B');
    }

    mine.manager.redo();
    for (const doc of [a, b]) {
      expect(titleOf(doc, shared)).toBe('Renamed by A');
      expect(titleOf(doc, bsCard)).toBe('Added by B');
    }
  });

  it("never undoes a colleague's edit, even when I have nothing to undo", () => {
    const { a, b } = makePeers();
    const mine = undoFor(a);
    undoFor(b).step(() => setMapTitle(b, 'Title by B'));
    expect(mine.manager.undoStack).toHaveLength(0);
    mine.manager.undo();
    expect(readSnapshot(a).meta.title).toBe('Title by B');
  });

  it("undoing my note leaves the colleague's notes on the same card", () => {
    const { a, b } = makePeers();
    const tp = addTouchpointAt(a, 0, 0);
    const mine = undoFor(a);
    const theirs = undoFor(b);
    mine.step(() => addNote(a, tp, 'fix', 'From A'));
    theirs.step(() => addNote(b, tp, 'wow', 'From B'));
    mine.manager.undo();
    expect(readSnapshot(b).notes.map((n) => n.text)).toEqual(['From B']);
    theirs.manager.undo();
    expect(readSnapshot(a).notes).toEqual([]);
  });
});
