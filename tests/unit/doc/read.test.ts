import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, addQuote, addTouchpoint } from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { channelsOf, metaOf, notesOf, quotesOf, stagesOf, touchpointsOf } from '../../../src/doc/layout';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

// Another peer (an old client, a buggy import, a hostile user) may write anything into the doc.
// Reading must never hand the UI a wrong type or a dangerous value.

function mapWithEverything() {
  const { doc, stages, channels } = makeMapDoc();
  const tp = addTouchpointAt(doc, 0, 0);
  const note = addNote(doc, tp, 'fix', 'Broken');
  const quote = addQuote(doc, tp, {
    text: 'Hm',
    source: 'review',
    sentiment: 'neutral',
    who: 'Anna',
    date: '2026-01-01',
    link: 'https://example.com',
  });
  return { doc, stage: stages[0]!.id, channel: channels[0]!.id, tp, note, quote };
}

const entityOf = (collection: Y.Map<Y.Map<unknown>>, id: string) => collection.get(id)!;

describe('readSnapshot', () => {
  it('reads a fresh doc as an empty map with defaults', () => {
    const snap = readSnapshot(new Y.Doc());
    expect(snap).toEqual({
      meta: { title: '', scenario: '', persona: { name: '', description: '', goal: '' }, cadenceDays: 90, createdAt: '' },
      stages: [],
      channels: [],
      touchpoints: [],
      connections: [],
      notes: [],
      quotes: [],
      layers: [],
      cells: [],
    });
  });

  it('sorts stages and channels by order, ties by id', () => {
    const { doc } = makeMapDoc({ template: 'blank' });
    const put = (id: string, order: number) =>
      stagesOf(doc).set(id, new Y.Map<unknown>([['id', id], ['title', id], ['color', '#000000'], ['order', order]]));
    put('c', 1);
    put('b', 2);
    put('a', 2);
    expect(readSnapshot(doc).stages.map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });

  it('reads values of the wrong type as safe defaults', () => {
    const { doc, tp, note, quote, stage } = mapWithEverything();
    const meta = metaOf(doc);
    meta.set('title', 42);
    meta.set('personaName', { evil: true });
    meta.set('cadenceDays', 'ninety');
    const t = entityOf(touchpointsOf(doc), tp);
    t.set('title', ['array']);
    t.set('order', 'first');
    t.set('status', 'deleted');
    t.set('expectation', 7);
    t.set('perception', 2.5);
    const n = entityOf(notesOf(doc), note);
    n.set('kind', 'rant');
    n.set('status', null);
    n.set('votes', 99);
    const q = entityOf(quotesOf(doc), quote);
    q.set('source', 'rumour');
    q.set('sentiment', 3);
    entityOf(stagesOf(doc), stage).set('order', Number.NaN);

    const snap = readSnapshot(doc);
    expect(snap.meta.title).toBe('');
    expect(snap.meta.persona.name).toBe('');
    expect(snap.meta.cadenceDays).toBe(90);
    expect(snap.touchpoints[0]).toMatchObject({ title: '', order: 0, status: 'active', expectation: null, perception: null });
    expect(snap.notes[0]).toMatchObject({ kind: 'fix', status: 'idea', votes: 0 });
    expect(snap.quotes[0]).toMatchObject({ source: 'survey', sentiment: 'neutral' });
    expect(snap.stages.find((s) => s.id === stage)!.order).toBe(0);
  });

  it('ignores vote tallies that are not numbers', () => {
    const { doc, note } = mapWithEverything();
    const votes = entityOf(notesOf(doc), note).get('votes') as Y.Map<unknown>;
    votes.set('olga', 2);
    votes.set('mallory', '1000');
    votes.set('eve', Number.POSITIVE_INFINITY);
    expect(readSnapshot(doc).notes[0]!.votes).toBe(2);
  });

  it('skips entries that are not entities', () => {
    const { doc } = mapWithEverything();
    (touchpointsOf(doc) as Y.Map<unknown>).set('junk', 'not a map');
    (channelsOf(doc) as Y.Map<unknown>).set('junk', 17);
    const snap = readSnapshot(doc);
    expect(snap.touchpoints).toHaveLength(1);
    expect(snap.channels).toHaveLength(6);
  });

  it('never hands a script link to the UI', () => {
    const { doc, quote } = mapWithEverything();
    entityOf(quotesOf(doc), quote).set('link', 'javascript:alert(document.cookie)');
    expect(readSnapshot(doc).quotes[0]!.link).toBe('');
  });

  it('reads a colour that is not #rrggbb as the default colour', () => {
    const { doc, stage } = mapWithEverything();
    entityOf(stagesOf(doc), stage).set('color', 'red;background:url(https://evil.example/x.png)');
    expect(readSnapshot(doc).stages.find((s) => s.id === stage)!.color).toBe('#64748b');
  });

  it('reads a review cadence outside the allowed range as the default', () => {
    const { doc } = mapWithEverything();
    metaOf(doc).set('cadenceDays', -30);
    expect(readSnapshot(doc).meta.cadenceDays).toBe(90);
    metaOf(doc).set('cadenceDays', 14);
    expect(readSnapshot(doc).meta.cadenceDays).toBe(14);
  });

  it('keeps touchpoints written by a valid mutation exactly as written', () => {
    const { doc, stage, channel } = mapWithEverything();
    const id = addTouchpoint(doc, { stageId: stage, channelId: channel, title: 'Exact', status: 'retired' });
    expect(readSnapshot(doc).touchpoints.find((t) => t.id === id)).toMatchObject({
      title: 'Exact',
      status: 'retired',
      stageId: stage,
      channelId: channel,
    });
  });
});
