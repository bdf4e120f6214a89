import { describe, expect, it } from 'vitest';
import {
  addConnection,
  addLane,
  addNote,
  addQuote,
  deleteLane,
  moveLane,
  recolorLane,
  renameLane,
  touchpointsInLane,
} from '../../../src/doc/mutations';
import { readSnapshot } from '../../../src/doc/read';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';
import { expectRefused } from '../../fixtures/docAssertions';

const laneTitles = (doc: Parameters<typeof readSnapshot>[0], kind: 'stage' | 'channel') =>
  readSnapshot(doc)[kind === 'stage' ? 'stages' : 'channels'].map((l) => l.title);

describe.each(['stage', 'channel'] as const)('%s lanes', (kind) => {
  it('adds a lane at the end with a checked title and colour', () => {
    const { doc } = makeMapDoc();
    const id = addLane(doc, kind, ' Renew ', '#ABCDEF');
    const lanes = readSnapshot(doc)[kind === 'stage' ? 'stages' : 'channels'];
    expect(lanes.at(-1)).toMatchObject({ id, title: 'Renew', color: '#abcdef' });
    expect(lanes).toHaveLength(7);
  });

  it('adds the first lane to a blank map', () => {
    const { doc } = makeMapDoc({ template: 'blank' });
    addLane(doc, kind, 'First', '#000000');
    addLane(doc, kind, 'Second', '#000000');
    expect(laneTitles(doc, kind)).toEqual(['First', 'Second']);
  });

  it('refuses a lane without a title or with a bad colour', () => {
    const { doc } = makeMapDoc();
    expectRefused(doc, () => addLane(doc, kind, ' ', '#000000'), 'title', 'required');
    expectRefused(doc, () => addLane(doc, kind, 'Renew', 'red'), 'color', 'invalidColor');
  });

  it('renames and recolours a lane', () => {
    const { doc, stages, channels } = makeMapDoc();
    const lane = (kind === 'stage' ? stages : channels)[1]!;
    renameLane(doc, kind, lane.id, 'Compare offers');
    recolorLane(doc, kind, lane.id, '#112233');
    const after = readSnapshot(doc)[kind === 'stage' ? 'stages' : 'channels'][1]!;
    expect(after).toMatchObject({ id: lane.id, title: 'Compare offers', color: '#112233' });
    expectRefused(doc, () => renameLane(doc, kind, lane.id, ''), 'title');
    expectRefused(doc, () => recolorLane(doc, kind, lane.id, '#12'), 'color');
  });

  it('refuses to rename a lane that does not exist', () => {
    const { doc } = makeMapDoc();
    expect(() => renameLane(doc, kind, 'missing', 'X')).toThrow(/does not exist/);
  });

  it('moves a lane to any index, clamped to the ends', () => {
    const { doc, stages, channels } = makeMapDoc();
    const lanes = kind === 'stage' ? stages : channels;
    const titles = lanes.map((l) => l.title);
    moveLane(doc, kind, lanes[0]!.id, 2);
    expect(laneTitles(doc, kind)).toEqual([titles[1], titles[2], titles[0], ...titles.slice(3)]);
    moveLane(doc, kind, lanes[0]!.id, 0);
    expect(laneTitles(doc, kind)).toEqual(titles);
    moveLane(doc, kind, lanes[1]!.id, 99);
    expect(laneTitles(doc, kind).at(-1)).toBe(titles[1]);
    moveLane(doc, kind, lanes[1]!.id, -5);
    expect(laneTitles(doc, kind)[0]).toBe(titles[1]);
  });

  it('deletes a lane with its touchpoints and their notes, quotes and connections', () => {
    const { doc, stages, channels } = makeMapDoc();
    const lane = (kind === 'stage' ? stages : channels)[0]!;
    const doomed = addTouchpointAt(doc, 0, 0);
    const doomedToo = addTouchpointAt(doc, 0, 0);
    const kept = addTouchpointAt(doc, 1, 1);
    addNote(doc, doomed, 'fix', 'Broken form');
    addNote(doc, kept, 'wow', 'Send flowers');
    addQuote(doc, doomedToo, { text: 'Meh', source: 'survey', sentiment: 'neutral', who: '', date: '2026-01-01', link: '' });
    // A connection from a doomed card to a kept one must go too.
    addConnection(doc, doomed, kept);

    expect(touchpointsInLane(doc, kind, lane.id).sort()).toEqual([doomed, doomedToo].sort());
    deleteLane(doc, kind, lane.id);

    const snap = readSnapshot(doc);
    expect(snap[kind === 'stage' ? 'stages' : 'channels'].map((l) => l.id)).not.toContain(lane.id);
    expect(snap.touchpoints.map((t) => t.id)).toEqual([kept]);
    expect(snap.notes.map((n) => n.touchpointId)).toEqual([kept]);
    expect(snap.quotes).toEqual([]);
    expect(snap.connections).toEqual([]);
  });
});
