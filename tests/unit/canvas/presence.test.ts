import { describe, expect, it } from 'vitest';
import { parsePeerMark, peerCursors, peerMarkKey, peerMarks } from '../../../src/canvas/presence';
import type { Peer, PresenceState } from '../../../src/store/session';

const ME = { id: 'me', name: 'Olga', color: '#2563eb' };

function peer(clientId: number, name: string, overrides: Partial<Peer> = {}): Peer {
  return {
    clientId,
    user: { id: `user-${name}`, name, color: '#e11d48' },
    cursor: null,
    selection: [],
    editing: null,
    ...overrides,
  };
}

const presence = (...peers: Peer[]): PresenceState => ({ self: ME, selfClientId: 1, peers });

describe('colleagues on cards', () => {
  it('shows who selected a touchpoint, and nothing on cards nobody holds', () => {
    const state = presence(peer(5, 'Anna', { selection: ['tp1', 'tp2'] }));
    expect(parsePeerMark(peerMarkKey(state, 'tp2'))).toEqual({ clientId: 5, name: 'Anna', color: '#e11d48', mode: 'selecting' });
    expect(peerMarkKey(state, 'tp3')).toBe('');
  });

  it('prefers someone editing the touchpoint over someone who only selected it', () => {
    const state = presence(peer(2, 'Anna', { selection: ['tp1'] }), peer(7, 'Boris', { selection: ['tp1'], editing: 'tp1' }));
    expect(peerMarks(state).get('tp1')).toMatchObject({ clientId: 7, name: 'Boris', mode: 'editing' });
  });

  it('takes the first person in client order when two select the same touchpoint', () => {
    const state = presence(peer(3, 'Anna', { selection: ['tp1'] }), peer(9, 'Boris', { selection: ['tp1'] }));
    expect(peerMarks(state).get('tp1')?.name).toBe('Anna');
  });

  it('does not mark cards held by this person in another tab', () => {
    const otherTab: Peer = { ...peer(4, 'Olga', { selection: ['tp1'], editing: 'tp1' }), user: ME };
    expect(peerMarkKey(presence(otherTab), 'tp1')).toBe('');
  });

  it("gives a card the same value when only someone's cursor moved, and a new one when its mark changes", () => {
    const before = presence(peer(5, 'Anna', { selection: ['tp1'], cursor: { x: 10, y: 10 } }));
    const moved = presence(peer(5, 'Anna', { selection: ['tp1'], cursor: { x: 300, y: 40 } }));
    const editing = presence(peer(5, 'Anna', { selection: ['tp1'], editing: 'tp1', cursor: { x: 300, y: 40 } }));
    expect(peerMarkKey(moved, 'tp1')).toBe(peerMarkKey(before, 'tp1'));
    expect(peerMarkKey(editing, 'tp1')).not.toBe(peerMarkKey(moved, 'tp1'));
    expect(peerMarkKey(presence(), 'tp1')).toBe('');
  });
});

describe('colleagues cursors', () => {
  it('lists the cursors of people pointing at the map, with their name and colour', () => {
    const state = presence(
      peer(5, 'Anna', { cursor: { x: 120, y: -40 } }),
      peer(6, 'Boris'),
      { ...peer(8, 'Olga', { cursor: { x: 1, y: 1 } }), user: ME },
    );
    expect(peerCursors(state)).toEqual([{ clientId: 5, name: 'Anna', color: '#e11d48', x: 120, y: -40 }]);
  });
});
