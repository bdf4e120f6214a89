// A peer may write anything into a shared map. Malformed entries (not a Y.Map, or an id
// that does not match its key) must neither appear in the map nor break anyone's edits.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addConnection, addNote, addTouchpoint, deleteTouchpoints } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { bindMapStore } from '../../../src/store/mapStore';
import { makeMapDoc } from '../../fixtures/factories';

function vandalise(doc: Y.Doc) {
  doc.transact(() => {
    doc.getMap('touchpoints').set('junk', 42);
    doc.getMap('touchpoints').set('text', new Y.Text('hello'));
    const phantom = new Y.Map<unknown>();
    phantom.set('id', 'someone-else');
    phantom.set('title', 'Phantom');
    doc.getMap('touchpoints').set('phantom', phantom);
    const idless = new Y.Map<unknown>();
    idless.set('title', 'No id');
    doc.getMap('stages').set('idless', idless);
    doc.getMap('connections').set('bad', 'not a connection');
    doc.getMap('notes').set('bad', [1, 2, 3]);
  }, 'remote');
}

describe('malformed entries written by a peer', () => {
  it('are left out of what the map shows', () => {
    const { doc } = makeMapDoc();
    vandalise(doc);
    const snapshot = readSnapshot(doc);
    expect(snapshot.touchpoints).toEqual([]);
    expect(snapshot.stages.map((s) => s.title)).not.toContain('No id');
    expect(snapshot.stages).toHaveLength(6);
    expect(snapshot.connections).toEqual([]);
    expect(snapshot.notes).toEqual([]);
    const { store } = bindMapStore(doc);
    expect(Object.keys(store.getState().touchpoints)).toEqual([]);
  });

  it('do not stop anyone from adding, connecting, annotating and deleting touchpoints', () => {
    const { doc } = makeMapDoc();
    vandalise(doc);
    const { stages, channels } = readSnapshot(doc);
    const a = addTouchpoint(doc, { stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Visits the site' });
    const b = addTouchpoint(doc, { stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Calls' });
    expect(addConnection(doc, a, b)).not.toBeNull();
    addNote(doc, a, 'fix', 'Slow page');
    deleteTouchpoints(doc, [a]);
    const after = readSnapshot(doc);
    expect(after.touchpoints.map((t) => t.title)).toEqual(['Calls']);
    expect(after.notes).toEqual([]);
    expect(after.connections).toEqual([]);
  });
});
