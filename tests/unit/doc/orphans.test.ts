// A card deleted by one person while another (offline) added a note or quote to it: the note is
// never kept out of sight. Both replicas list it as an orphan, and either restores the card under
// its old id (notes back in place) or discards them on purpose; replicas converge either way.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { addNote, addQuote, deleteTouchpoints, discardOrphans, restoreOrphanedCard } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { orphansOf } from '../../../src/domain/orphans';
import { addTouchpointAt, exchange, makeMapDoc, makeReplica } from '../../fixtures/factories';

const orphans = (doc: Y.Doc) => {
  const s = readSnapshot(doc);
  return orphansOf(Object.fromEntries(s.touchpoints.map((t) => [t.id, t])), s.notes, s.quotes);
};

/** Ann deletes the card while Bob, offline, adds a note and a quote to it; then they reconnect. */
function concurrentDelete() {
  const { doc: ann, stages, channels } = makeMapDoc();
  const card = addTouchpointAt(ann, 2, 1, { title: 'Claim call' });
  const kept = addNote(ann, card, 'wow', 'Friendly agent');
  const bob = makeReplica(ann);
  deleteTouchpoints(ann, [card]);
  const note = addNote(bob, card, 'fix', 'Call back within a day');
  const quote = addQuote(bob, card, { text: 'Nobody called back', source: 'survey', sentiment: 'negative', who: 'Olga', date: '2026-11-02', link: '' });
  exchange(ann, bob);
  return { ann, bob, card, kept, note, quote, stages, channels };
}

describe('notes and quotes orphaned by a concurrent delete', () => {
  it('are listed on both replicas, grouped by the card they lost', () => {
    const { ann, bob, card, kept, note, quote } = concurrentDelete();
    for (const doc of [ann, bob]) {
      expect(readSnapshot(doc).touchpoints.map((t) => t.id)).not.toContain(card);
      const [group, ...rest] = orphans(doc);
      expect(rest).toEqual([]);
      expect(group!.touchpointId).toBe(card);
      // The note Ann deleted with the card stays deleted; Bob's additions are what is left.
      expect(group!.notes.map((n) => n.id)).toEqual([note]);
      expect(group!.notes[0]!.id).not.toBe(kept);
      expect(group!.quotes.map((q) => q.id)).toEqual([quote]);
    }
  });

  it('come back with their card restored under its old id, in the first cell, on every replica', () => {
    const { ann, bob, card, note, quote, stages, channels } = concurrentDelete();
    expect(restoreOrphanedCard(bob, card, 'Restored card')).toBe(true);
    exchange(ann, bob);
    for (const doc of [ann, bob]) {
      const restored = readSnapshot(doc).touchpoints.find((t) => t.id === card);
      expect(restored).toMatchObject({ title: 'Restored card', stageId: stages[0]!.id, channelId: channels[0]!.id });
      expect(readSnapshot(doc).notes.filter((n) => n.touchpointId === card).map((n) => n.id)).toEqual([note]);
      expect(readSnapshot(doc).quotes.filter((q) => q.touchpointId === card).map((q) => q.id)).toEqual([quote]);
      expect(orphans(doc)).toEqual([]);
    }
    // Restored already: a second restore changes nothing.
    expect(restoreOrphanedCard(ann, card, 'Again')).toBe(false);
  });

  it('end with one card when two people restore it at once', () => {
    const { ann, bob, card } = concurrentDelete();
    restoreOrphanedCard(ann, card, 'Ann restored');
    restoreOrphanedCard(bob, card, 'Bob restored');
    exchange(ann, bob);
    const cards = (doc: Y.Doc) => readSnapshot(doc).touchpoints.filter((t) => t.id === card).map((t) => t.title);
    expect(cards(ann)).toHaveLength(1);
    expect(cards(ann)).toEqual(cards(bob));
    expect(orphans(ann)).toEqual([]);
  });

  it('are gone from every replica only when someone discards them', () => {
    const { ann, bob, card } = concurrentDelete();
    expect(discardOrphans(ann, card)).toBe(2);
    exchange(ann, bob);
    for (const doc of [ann, bob]) {
      expect(orphans(doc)).toEqual([]);
      expect(readSnapshot(doc).notes.some((n) => n.touchpointId === card)).toBe(false);
    }
    // Nothing left to restore.
    expect(restoreOrphanedCard(bob, card, 'Too late')).toBe(false);
  });

  it('leaves live cards and their notes alone, and refuses a bad title', () => {
    const { doc } = makeMapDoc();
    const card = addTouchpointAt(doc, 0, 0);
    addNote(doc, card, 'fix', 'Keep');
    expect(orphans(doc)).toEqual([]);
    expect(discardOrphans(doc, card)).toBe(0);
    expect(restoreOrphanedCard(doc, card, 'Nope')).toBe(false);
    const { ann, card: lost } = concurrentDelete();
    expect(() => restoreOrphanedCard(ann, lost, 'x'.repeat(1000))).toThrow();
    expect(orphans(ann)).toHaveLength(1);
  });
});
