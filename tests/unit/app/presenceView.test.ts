import { describe, expect, it } from 'vitest';
import { avatarRow, connectionView, initials } from '../../../src/app/presenceView';
import type { Locale } from '../../../src/domain/locale';
import { pluralCategory } from '../../../src/domain/plural';
import { translate } from '../../../src/locales/i18n';
import type { ConnectionState, Peer, PresenceState } from '../../../src/store/session';

const connection = (over: Partial<ConnectionState> = {}): ConnectionState => ({
  status: 'connected',
  synced: true,
  pendingChanges: 0,
  refusal: null,
  ...over,
});

const peer = (clientId: number, name: string, userId = `user-${clientId}`): Peer => ({
  clientId,
  user: { id: userId, name, color: '#2563eb' },
  cursor: null,
  selection: [],
  editing: null,
});

const presence = (peers: Peer[], selfName = 'Olga'): PresenceState => ({
  self: { id: 'me', name: selfName, color: '#e11d48' },
  selfClientId: 7,
  peers,
});

describe('connection state in the map header', () => {
  it('is synced only once the first exchange with the server is done', () => {
    expect(connectionView(connection())).toEqual({ kind: 'synced' });
    expect(connectionView(connection({ synced: false }))).toEqual({ kind: 'syncing' });
    expect(connectionView(connection({ status: 'connecting', synced: false }))).toEqual({ kind: 'connecting' });
  });

  it('counts the edits waiting while offline', () => {
    expect(connectionView(connection({ status: 'offline', synced: false, pendingChanges: 3 }))).toEqual({
      kind: 'offline',
      pending: 3,
    });
  });

  it('tells an unknown map from a bad or expired link', () => {
    const refused = (code: number) => connection({ status: 'refused', synced: false, refusal: { code, reason: '' } });
    expect(connectionView(refused(4404))).toEqual({ kind: 'refused', reason: 'notFound' });
    expect(connectionView(refused(4400))).toEqual({ kind: 'refused', reason: 'invalidLink' });
    expect(connectionView(refused(4403))).toEqual({ kind: 'refused', reason: 'invalidLink' });
  });

  const pending = (locale: Locale, count: number) =>
    translate(locale, `app.connection.offlinePending.${pluralCategory(locale, count)}`, { count });

  it('words the pending count in both languages', () => {
    expect(pending('en', 1)).toBe('Offline — 1 change not yet synced');
    expect(pending('en', 4)).toBe('Offline — 4 changes not yet synced');
    expect(pending('ru', 1)).toBe('Офлайн — 1 изменение не отправлено');
    expect(pending('ru', 3)).toBe('Офлайн — 3 изменения не отправлены');
    expect(pending('ru', 12)).toBe('Офлайн — 12 изменений не отправлено');
    expect(pending('ru', 21)).toBe('Офлайн — 21 изменение не отправлено');
  });
});

describe('initials on an avatar', () => {
  it('takes the first letters of the first and last word', () => {
    expect(initials('Olga Petrova')).toBe('OP');
    expect(initials('anna maria de souza')).toBe('AS');
    expect(initials('  ivan ')).toBe('I');
    expect(initials('Ёлка')).toBe('Ё');
  });

  it('leaves out a remark in brackets and words that are only punctuation', () => {
    expect(initials('Viktor (viewer)')).toBe('V');
    expect(initials('Anna Petrova [facilitator]')).toBe('AP');
    expect(initials('Boris – sales')).toBe('BS');
    expect(initials('(guest)')).toBe('?');
  });

  it('keeps a letter made of two code units whole', () => {
    expect(initials('😀 Team')).toBe('😀T');
  });

  it('shows a question mark for someone without a name', () => {
    expect(initials('')).toBe('?');
    expect(initials('   ')).toBe('?');
  });
});

describe('avatars of the people on a map', () => {
  it('puts you first, then the others in a stable order', () => {
    const row = avatarRow(presence([peer(3, 'Anna'), peer(9, 'Boris')]));
    expect(row.shown.map((a) => [a.clientId, a.name, a.isSelf])).toEqual([
      [7, 'Olga', true],
      [3, 'Anna', false],
      [9, 'Boris', false],
    ]);
    expect(row.hidden).toEqual([]);
  });

  it('shows a person with two tabs open once, and never your own other tab', () => {
    const row = avatarRow(presence([peer(3, 'Anna', 'anna'), peer(4, 'Anna', 'anna'), peer(5, 'Olga', 'me')]));
    expect(row.shown.map((a) => a.clientId)).toEqual([7, 3]);
  });

  it('folds everyone past the limit into "+N", keeping the limit in total', () => {
    const peers = Array.from({ length: 10 }, (_, i) => peer(i + 10, `Person ${i}`));
    const row = avatarRow(presence(peers), 8);
    expect(row.shown).toHaveLength(7);
    expect(row.shown[0]!.isSelf).toBe(true);
    expect(row.hidden).toHaveLength(4);
    expect(row.hidden.map((a) => a.name)).toEqual(['Person 6', 'Person 7', 'Person 8', 'Person 9']);
  });

  it('shows exactly the limit without a "+N"', () => {
    const peers = Array.from({ length: 7 }, (_, i) => peer(i + 10, `Person ${i}`));
    const row = avatarRow(presence(peers), 8);
    expect(row.shown).toHaveLength(8);
    expect(row.hidden).toEqual([]);
  });
});
