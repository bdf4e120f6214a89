// Layout versions: an older map is brought up to date in one transaction, two clients doing
// it at once end with the same doc, and a map from a newer build is flagged so it opens read-only.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checklistOf, metaOf, touchpointsOf } from '../../../src/doc/layout';
import { LAYOUT_VERSION, layoutStatus, migrateLayout } from '../../../src/doc/migrations';
import { setChecklistItem } from '../../../src/doc/mutations';
import { bindMapStore } from '../../../src/store/mapStore';
import { addTouchpointAt, exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';

/** A map as a version-1 build left it: a review tick racing a delete left a tick for a card that is gone. */
function versionOneMap() {
  const { doc } = makeMapDoc();
  const kept = addTouchpointAt(doc, 0, 0, { title: 'Kept' });
  const gone = addTouchpointAt(doc, 1, 0, { title: 'Gone' });
  setChecklistItem(doc, kept, 'stillActive', true);
  setChecklistItem(doc, gone, 'stillActive', true);
  doc.transact(() => {
    touchpointsOf(doc).delete(gone);
    metaOf(doc).set('layoutVersion', 1);
  });
  return { doc, kept, gone };
}

describe('layout migrations', () => {
  it('brings an older map up to this build in one transaction, and a second run changes nothing', () => {
    const { doc, kept, gone } = versionOneMap();
    expect(layoutStatus(doc)).toBe('older');
    let updates = 0;
    doc.on('update', () => updates++);
    expect(migrateLayout(doc)).toBe(true);
    expect(updates).toBe(1);
    expect(metaOf(doc).get('layoutVersion')).toBe(LAYOUT_VERSION);
    expect([...checklistOf(doc).keys()]).toEqual([kept]);
    expect(checklistOf(doc).has(gone)).toBe(false);
    expect(migrateLayout(doc)).toBe(false);
    expect(updates).toBe(1);
  });

  it('two clients migrating the same map at once converge to the same doc', () => {
    const { doc } = versionOneMap();
    const a = makeReplica(doc);
    const b = makeReplica(doc);
    migrateLayout(a);
    migrateLayout(b);
    exchange(a, b);
    expect(a.getMap('meta').toJSON()).toEqual(b.getMap('meta').toJSON());
    expect(checklistOf(a).toJSON()).toEqual(checklistOf(b).toJSON());
    expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
    expect(layoutStatus(a)).toBe('current');
    expect(migrateLayout(a)).toBe(false);
  });

  it('leaves an empty doc (nothing synced yet) and a newer layout alone', () => {
    const empty = new Y.Doc();
    expect(layoutStatus(empty)).toBe('empty');
    expect(migrateLayout(empty)).toBe(false);
    expect(empty.getMap('meta').size).toBe(0);

    const { doc } = makeMapDoc();
    metaOf(doc).set('layoutVersion', LAYOUT_VERSION + 1);
    expect(layoutStatus(doc)).toBe('newer');
    expect(migrateLayout(doc)).toBe(false);
    expect(metaOf(doc).get('layoutVersion')).toBe(LAYOUT_VERSION + 1);
  });

  it('the store flags a map once a newer build has moved it on, live', () => {
    const { doc } = makeMapDoc();
    const { store, dispose } = bindMapStore(doc);
    expect(store.getState().layoutTooNew).toBe(false);
    const newer = makeReplica(doc);
    metaOf(newer).set('layoutVersion', LAYOUT_VERSION + 1);
    exchange(newer, doc);
    expect(store.getState().layoutTooNew).toBe(true);
    dispose();
  });
});
