// A saved review opened read-only: its store is filled from the frozen snapshot, reads like the
// live store would for the same map, and its session refuses every edit.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applySnapshot } from '../../../src/doc/snapshot';
import { readMapState } from '../../../src/store/mapStore';
import { ReadOnlyMapError } from '../../../src/store/readOnly';
import { readOnlySession, snapshotOfState, stateOfSnapshot } from '../../../src/store/snapshotStore';
import { baseMap, makeChecklist, makeQuote } from './factories';

const sortById = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('a store filled from a snapshot', () => {
  it('reads the same as the live store over a doc holding that snapshot', () => {
    const snapshot = baseMap();
    const doc = new Y.Doc();
    applySnapshot(doc, snapshot);
    const asOf = new Date('2026-03-01T00:00:00Z');
    const live = readMapState(doc, asOf);
    const frozen = stateOfSnapshot(snapshot, {}, asOf);
    expect(frozen.stages.map((s) => s.id)).toEqual(live.stages.map((s) => s.id));
    expect(frozen.channels.map((c) => c.id)).toEqual(live.channels.map((c) => c.id));
    expect(frozen.touchpoints).toEqual(live.touchpoints);
    expect(frozen.notes).toEqual(live.notes);
    expect(frozen.quotes).toEqual(live.quotes);
    expect(frozen.cardStats).toEqual(live.cardStats);
  });

  it('gives the snapshot back unchanged (what comparing with the live map takes)', () => {
    const snapshot = baseMap();
    const back = snapshotOfState(stateOfSnapshot(snapshot));
    expect(back.meta).toEqual(snapshot.meta);
    expect(sortById(back.touchpoints)).toEqual(sortById(snapshot.touchpoints));
    expect(sortById(back.notes)).toEqual(sortById(snapshot.notes));
    expect(sortById(back.quotes)).toEqual(sortById(snapshot.quotes));
  });
});

describe('a read-only session over a saved review', () => {
  const review = () => {
    const snapshot = baseMap();
    snapshot.quotes = [makeQuote({ id: 'fresh', touchpointId: 'landing', date: '2026-01-20' })];
    return { snapshot, checklist: { landing: makeChecklist({ stillActive: true }) }, createdAt: '2026-02-01T10:00:00.000Z' };
  };

  it('refuses every edit and offers no undo', () => {
    const session = readOnlySession('map', review());
    expect(session.readOnly).toBe(true);
    expect(() => session.commands.addTouchpoint({ stageId: 'buy', channelId: 'web', title: 'New' })).toThrow(ReadOnlyMapError);
    expect(() => session.commands.setChecklistItem('landing', 'voiceFresh', true)).toThrow(ReadOnlyMapError);
    // Queries still answer from the snapshot, as on a view link.
    expect(session.commands.touchpointsInLane('stage', session.store.getState().touchpoints.landing!.stageId)).toContain('landing');
    expect(session.history.state.getState()).toEqual({ canUndo: false, canRedo: false });
    expect(session.store.getState().touchpoints.landing!.title).toBe('Landing page');
  });

  it('keeps the ticks and judges quiet cards as of the day the review was saved', () => {
    const session = readOnlySession('map', review());
    const state = session.store.getState();
    expect(state.checklist.landing?.stillActive).toBe(true);
    // Quoted twelve days before the review: not quiet then, whatever today is.
    expect(state.cardStats.landing!.quiet).toBe(false);
    expect(state.cardStats.checkout!.quiet).toBe(true);
  });
});
