import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CjmCacheDb, readMapUpdates } from '../../../src/sync/localCache';
import { localMapDirectory } from '../../../src/sync/mapDirectory';
import { readSnapshot } from '../../../src/doc/read';
import { isMapId } from '../../../src/domain/ids';
import { FieldError } from '../../../src/domain/fields';
import { addTouchpointAt } from '../../fixtures/factories';

const dbs: CjmCacheDb[] = [];
let dbCount = 0;
function freshDirectory() {
  const db = new CjmCacheDb(`directory-test-${process.pid}-${++dbCount}`);
  dbs.push(db);
  return { db, directory: localMapDirectory(db) };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function loadMap(db: CjmCacheDb, id: string) {
  const doc = new Y.Doc();
  for (const u of await readMapUpdates(db, id)) Y.applyUpdate(doc, u);
  return readSnapshot(doc);
}

describe('localMapDirectory', () => {
  it('starts empty', async () => {
    expect(await freshDirectory().directory.list()).toEqual([]);
  });

  it('creates a map from the template and lists it', async () => {
    const { db, directory } = freshDirectory();
    const id = await directory.create({ title: ' Car insurance ', template: 'default', locale: 'en' });
    expect(isMapId(id)).toBe(true);
    const [row, ...rest] = await directory.list();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ id, title: 'Car insurance', touchpointCount: 0 });
    expect(Date.parse(row!.updatedAt)).not.toBeNaN();
    const map = await loadMap(db, id);
    expect(map.stages).toHaveLength(6);
    expect(map.meta.title).toBe('Car insurance');
  });

  it('creates a blank map in Russian', async () => {
    const { db, directory } = freshDirectory();
    const blank = await directory.create({ title: 'Пустая', template: 'blank', locale: 'ru' });
    const ru = await directory.create({ title: 'Шаблон', template: 'default', locale: 'ru' });
    expect((await loadMap(db, blank)).stages).toEqual([]);
    expect((await loadMap(db, ru)).stages[0]!.title).toBe('Узнаёт');
  });

  it('refuses a map without a title and stores nothing', async () => {
    const { directory } = freshDirectory();
    await expect(directory.create({ title: '  ', template: 'default', locale: 'en' })).rejects.toBeInstanceOf(FieldError);
    expect(await directory.list()).toEqual([]);
  });

  it('lists the most recently changed map first', async () => {
    const { directory } = freshDirectory();
    const first = await directory.create({ title: 'First', template: 'blank', locale: 'en' });
    await new Promise((r) => setTimeout(r, 5));
    const second = await directory.create({ title: 'Second', template: 'blank', locale: 'en' });
    expect((await directory.list()).map((m) => m.id)).toEqual([second, first]);
    await new Promise((r) => setTimeout(r, 5));
    await directory.rename(first, 'First, renamed');
    expect((await directory.list()).map((m) => m.title)).toEqual(['First, renamed', 'Second']);
  });

  it('renames a map in the list and in the map itself', async () => {
    const { db, directory } = freshDirectory();
    const id = await directory.create({ title: 'Old', template: 'default', locale: 'en' });
    await directory.rename(id, '  New  ');
    expect((await directory.list())[0]!.title).toBe('New');
    expect((await loadMap(db, id)).meta.title).toBe('New');
  });

  it('refuses an empty new name and keeps the old one', async () => {
    const { db, directory } = freshDirectory();
    const id = await directory.create({ title: 'Keep me', template: 'blank', locale: 'en' });
    await expect(directory.rename(id, '')).rejects.toBeInstanceOf(FieldError);
    expect((await directory.list())[0]!.title).toBe('Keep me');
    expect((await loadMap(db, id)).meta.title).toBe('Keep me');
  });

  it('duplicates a map with its content under a new id and title', async () => {
    const { db, directory } = freshDirectory();
    const id = await directory.create({ title: 'Original', template: 'default', locale: 'en' });
    // Put a touchpoint into the original the way an open session would.
    const doc = new Y.Doc();
    for (const u of await readMapUpdates(db, id)) Y.applyUpdate(doc, u);
    const before = Y.encodeStateVector(doc);
    addTouchpointAt(doc, 1, 1, { title: 'Compare prices' });
    await db.updates.add({ mapId: id, update: Y.encodeStateAsUpdate(doc, before) });

    const copyId = await directory.duplicate(id, 'Copy of Original');
    expect(copyId).not.toBe(id);
    const list = await directory.list();
    expect(list.find((m) => m.id === copyId)).toMatchObject({ title: 'Copy of Original', touchpointCount: 1 });
    const copy = await loadMap(db, copyId);
    expect(copy.touchpoints.map((t) => t.title)).toEqual(['Compare prices']);
    expect((await loadMap(db, id)).meta.title).toBe('Original');
  });

  it('keeps the copy independent of the original', async () => {
    const { db, directory } = freshDirectory();
    const id = await directory.create({ title: 'Original', template: 'default', locale: 'en' });
    const copyId = await directory.duplicate(id, 'Copy');
    await directory.rename(copyId, 'Copy renamed');
    expect((await loadMap(db, id)).meta.title).toBe('Original');
  });

  it('removes a map with all its stored updates', async () => {
    const { db, directory } = freshDirectory();
    const keep = await directory.create({ title: 'Keep', template: 'blank', locale: 'en' });
    const drop = await directory.create({ title: 'Drop', template: 'blank', locale: 'en' });
    await directory.remove(drop);
    expect((await directory.list()).map((m) => m.id)).toEqual([keep]);
    expect(await readMapUpdates(db, drop)).toEqual([]);
    expect(await readMapUpdates(db, keep)).toHaveLength(1);
  });
});
