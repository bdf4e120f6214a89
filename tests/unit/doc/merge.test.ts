// Merging a copy of a map back into it (the file this browser downloaded while the server was
// away): what the map lacks is added; nothing on the map is overwritten or deleted (a differing
// value may be a colleague's newer edit); the whole merge is one undo step.
import { describe, expect, it } from 'vitest';
import { addNote, addTouchpoint, mergeSnapshot, updateTouchpoint } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { createUndoManager } from '../../../src/doc/undo';
import { exportMapJson, parseMapJson } from '../../../src/domain/format';
import { addTouchpointAt, makeMapDoc, makeReplica } from '../../fixtures/factories';

/** The copy as the download holds it: exported, then read back through the importer's checks. */
const copyOf = (doc: ReturnType<typeof makeMapDoc>['doc']) => {
  const parsed = parseMapJson(exportMapJson(readSnapshot(doc), [], '2026-12-07T10:00:00.000Z'));
  if (!parsed.ok) throw new Error('the copy does not parse');
  return parsed.value.snapshot;
};

describe('mergeSnapshot', () => {
  it('adds what the map lacks, overwrites and deletes nothing, and undoes in one step', () => {
    const { doc } = makeMapDoc();
    const shared = addTouchpointAt(doc, 0, 0, { title: 'Online ad' });
    // Offline, on another device: a new card with a note, and a rename.
    const offline = makeReplica(doc);
    const fresh = addTouchpoint(offline, { stageId: readSnapshot(offline).stages[1]!.id, channelId: readSnapshot(offline).channels[0]!.id, title: 'Call back' });
    addNote(offline, fresh, 'fix', 'Nobody called back');
    updateTouchpoint(offline, shared, { title: 'Online ad (summer)' });
    // Meanwhile, online: a colleague adds a card the copy knows nothing of, and renames one.
    const colleagues = addTouchpointAt(doc, 2, 1, { title: 'Chat bot' });
    updateTouchpoint(doc, shared, { title: 'Online ad (Anna)' });

    const undo = createUndoManager(doc);
    const count = mergeSnapshot(doc, copyOf(offline));
    expect(count).toEqual({ added: 2, differing: 1 });
    const titles = readSnapshot(doc).touchpoints.map((t) => t.title).sort();
    expect(titles).toEqual(['Call back', 'Chat bot', 'Online ad (Anna)']);
    expect(readSnapshot(doc).notes.map((n) => n.text)).toEqual(['Nobody called back']);
    expect(readSnapshot(doc).touchpoints.find((t) => t.id === colleagues)).toBeDefined();

    // Merging the same copy again changes nothing.
    expect(mergeSnapshot(doc, copyOf(offline))).toEqual({ added: 0, differing: 1 });
    undo.undo();
    expect(readSnapshot(doc).touchpoints.map((t) => t.title).sort()).toEqual(['Chat bot', 'Online ad (Anna)']);
  });
});
