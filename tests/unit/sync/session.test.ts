import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CjmCacheDb } from '../../../src/sync/localCache';
import { localMapDirectory } from '../../../src/sync/mapDirectory';
import { openMapSession, type MapSession } from '../../../src/sync/session';

const dbs: CjmCacheDb[] = [];
const sessions: MapSession[] = [];
let dbCount = 0;
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.dispose();
  for (const db of dbs.splice(0)) await db.delete();
});

const identity = { id: 'olga-device', name: 'Olga', color: '#2563eb' };

async function setup() {
  const db = new CjmCacheDb(`session-test-${process.pid}-${++dbCount}`);
  dbs.push(db);
  const directory = localMapDirectory(db);
  const mapId = await directory.create({ title: 'Workshop', template: 'default', locale: 'en' });
  return { db, directory, mapId };
}

async function open(db: CjmCacheDb, mapId: string) {
  const session = openMapSession({ db, mapId, identity });
  await session.ready;
  return session;
}

describe('openMapSession without a server', () => {
  it('undoes two edits saved straight after each other one at a time, and one action whole', async () => {
    const { db, mapId } = await setup();
    const session = await open(db, mapId);
    sessions.push(session);
    const { stages, channels } = session.store.getState();
    // One action of two commands (as Delete runs for cards and connections): one step.
    session.commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad' });
    session.commands.addTouchpoint({ stageId: stages[1]!.id, channelId: channels[0]!.id, title: 'Call' });
    await Promise.resolve();
    // Two actions well inside the undo manager's 400 ms capture window: two steps.
    session.commands.setPersona({ name: 'Olga' });
    await Promise.resolve();
    session.commands.setPersona({ goal: 'A flat of her own' });
    session.history.undo();
    expect(session.store.getState().meta.persona).toMatchObject({ name: 'Olga', goal: '' });
    session.history.undo();
    expect(session.store.getState().meta.persona.name).toBe('');
    expect(Object.keys(session.store.getState().touchpoints)).toHaveLength(2);
    session.history.undo();
    expect(Object.keys(session.store.getState().touchpoints)).toHaveLength(0);
  });

  it('loads the cached map into the store', async () => {
    const { db, mapId } = await setup();
    const session = await open(db, mapId);
    sessions.push(session);
    const state = session.store.getState();
    expect(state.meta.title).toBe('Workshop');
    expect(state.stages).toHaveLength(6);
    expect(session.mapId).toBe(mapId);
  });

  it('keeps edits across closing and reopening, and updates the map list', async () => {
    const { db, directory, mapId } = await setup();
    const first = await open(db, mapId);
    const { stages, channels } = first.store.getState();
    const a = first.commands.addTouchpoint({ stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad' });
    const b = first.commands.addTouchpoint({ stageId: stages[2]!.id, channelId: channels[1]!.id, title: 'Call' });
    first.commands.addConnection(a, b);
    first.commands.addNote(a, 'wow', 'Free trial');
    first.commands.updateTouchpoint(b, { expectation: 4, perception: 2 });
    first.commands.setMapTitle('Workshop, day 1');
    const before = first.store.getState();
    await first.dispose();

    const [row] = await directory.list();
    expect(row).toMatchObject({ id: mapId, title: 'Workshop, day 1', touchpointCount: 2 });

    const second = await open(db, mapId);
    sessions.push(second);
    const after = second.store.getState();
    expect(after.meta.title).toBe('Workshop, day 1');
    expect(after.touchpoints).toEqual(before.touchpoints);
    expect(after.connections).toEqual(before.connections);
    expect(after.notes).toEqual(before.notes);
  });

  it('undoes and redoes my edits, and says when it can', async () => {
    const { db, mapId } = await setup();
    const session = await open(db, mapId);
    sessions.push(session);
    expect(session.history.state.getState()).toEqual({ canUndo: false, canRedo: false });
    session.commands.setMapTitle('Changed');
    expect(session.history.state.getState()).toEqual({ canUndo: true, canRedo: false });
    session.history.undo();
    expect(session.store.getState().meta.title).toBe('Workshop');
    expect(session.history.state.getState()).toEqual({ canUndo: false, canRedo: true });
    session.history.redo();
    expect(session.store.getState().meta.title).toBe('Changed');
  });

  it('does not offer loading the cached map as an undo step', async () => {
    const { db, mapId } = await setup();
    const session = await open(db, mapId);
    sessions.push(session);
    session.history.undo();
    expect(session.store.getState().stages).toHaveLength(6);
    expect(session.history.state.getState().canUndo).toBe(false);
  });

  it('reports itself as local, with nothing pending', async () => {
    const { db, mapId } = await setup();
    const session = await open(db, mapId);
    sessions.push(session);
    session.commands.setMapTitle('Offline edit');
    expect(session.connection.getState()).toMatchObject({ status: 'local', pendingChanges: 0 });
  });
});
