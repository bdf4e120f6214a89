import { describe, expect, it } from 'vitest';
import { addConnection, deleteConnections } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

function twoCards() {
  const { doc } = makeMapDoc();
  return { doc, a: addTouchpointAt(doc, 0, 0), b: addTouchpointAt(doc, 1, 1) };
}

describe('addConnection', () => {
  it('connects two touchpoints in the order the customer walks them', () => {
    const { doc, a, b } = twoCards();
    const id = addConnection(doc, a, b);
    expect(readSnapshot(doc).connections).toEqual([{ id, sourceId: a, targetId: b }]);
  });

  it('allows the way back as its own connection', () => {
    const { doc, a, b } = twoCards();
    addConnection(doc, a, b);
    expect(addConnection(doc, b, a)).not.toBeNull();
    expect(readSnapshot(doc).connections).toHaveLength(2);
  });

  it('refuses a loop from a card to itself, writing nothing', () => {
    const { doc, a } = twoCards();
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(addConnection(doc, a, a)).toBeNull();
    expect(updates).toBe(0);
  });

  it('refuses a duplicate, writing nothing', () => {
    const { doc, a, b } = twoCards();
    addConnection(doc, a, b);
    let updates = 0;
    doc.on('update', () => (updates += 1));
    expect(addConnection(doc, a, b)).toBeNull();
    expect(updates).toBe(0);
    expect(readSnapshot(doc).connections).toHaveLength(1);
  });

  it('refuses an end that does not exist', () => {
    const { doc, a } = twoCards();
    expect(() => addConnection(doc, a, 'ghost')).toThrow(/touchpoint/);
    expect(() => addConnection(doc, 'ghost', a)).toThrow(/touchpoint/);
    expect(readSnapshot(doc).connections).toEqual([]);
  });
});

describe('deleteConnections', () => {
  it('deletes the given connections and keeps the cards', () => {
    const { doc, a, b } = twoCards();
    const ab = addConnection(doc, a, b)!;
    const ba = addConnection(doc, b, a)!;
    deleteConnections(doc, [ab]);
    const snap = readSnapshot(doc);
    expect(snap.connections.map((c) => c.id)).toEqual([ba]);
    expect(snap.touchpoints).toHaveLength(2);
  });

  it('does nothing for an empty list', () => {
    const { doc } = twoCards();
    let updates = 0;
    doc.on('update', () => (updates += 1));
    deleteConnections(doc, []);
    expect(updates).toBe(0);
  });
});
