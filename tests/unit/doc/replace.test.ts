// Replacing a live map with a file's content: one transaction, peers see it whole; or, for a
// big file, in steps a peer can apply one at a time without ever seeing the map empty.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, setChecklistItem } from '../../../src/doc/mutations';
import { readChecklist, readSnapshot } from '../../../src/doc/read';
import { replaceInSteps, replaceWithSnapshot } from '../../../src/doc/replace';
import { orderedSnapshot } from '../../../src/domain/format';
import { addTouchpointAt, makeMapDoc, makeReplica } from '../../fixtures/factories';
import { sampleSnapshot } from '../format/sampleMap';

describe('replaceWithSnapshot', () => {
  it('leaves exactly the file content, checklist cleared, in one update', () => {
    const { doc } = makeMapDoc({ title: 'Old map' });
    const tp = addTouchpointAt(doc, 0, 0, { title: 'Old card' });
    addNote(doc, tp, 'fix', 'old note');
    setChecklistItem(doc, tp, 'stillActive', true);
    const peer = makeReplica(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));

    replaceWithSnapshot(doc, sampleSnapshot());

    expect(updates).toHaveLength(1);
    expect(orderedSnapshot(readSnapshot(doc))).toEqual(orderedSnapshot(sampleSnapshot()));
    expect(readChecklist(doc)).toEqual({});
    // A peer applying that one update never sees a half-replaced map.
    Y.applyUpdate(peer, updates[0]!);
    expect(orderedSnapshot(readSnapshot(peer))).toEqual(orderedSnapshot(sampleSnapshot()));
  });

  it('accepts a file that reuses the ids the map already has', () => {
    const doc = new Y.Doc();
    replaceWithSnapshot(doc, sampleSnapshot());
    const changed = sampleSnapshot();
    changed.touchpoints[0]!.title = 'Renamed in the file';
    replaceWithSnapshot(doc, changed);
    expect(readSnapshot(doc).touchpoints.find((t) => t.id === changed.touchpoints[0]!.id)?.title).toBe('Renamed in the file');
    expect(readSnapshot(doc).touchpoints).toHaveLength(3);
  });
});

describe('replaceInSteps', () => {
  it('ends where replaceWithSnapshot ends, in several updates a peer never sees empty', () => {
    const { doc } = makeMapDoc({ title: 'Old map' });
    for (let i = 0; i < 5; i++) addNote(doc, addTouchpointAt(doc, 0, 0, { title: `Old card ${i}` }), 'fix', `old note ${i}`);
    setChecklistItem(doc, readSnapshot(doc).touchpoints[0]!.id, 'stillActive', true);
    const peer = makeReplica(doc);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));

    replaceInSteps(doc, sampleSnapshot(), 2);

    expect(updates.length).toBeGreaterThan(3);
    expect(orderedSnapshot(readSnapshot(doc))).toEqual(orderedSnapshot(sampleSnapshot()));
    expect(readChecklist(doc)).toEqual({});
    for (const update of updates) {
      Y.applyUpdate(peer, update);
      expect(readSnapshot(peer).touchpoints.length).toBeGreaterThan(0);
    }
    expect(orderedSnapshot(readSnapshot(peer))).toEqual(orderedSnapshot(sampleSnapshot()));
  });
});
