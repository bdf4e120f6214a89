// Saved reviews through the HTTP API: saving freezes the server's own doc with the checklist and
// clears the checklist for everyone; reviews are listed newest first, opened, deleted (never
// edited), survive a restart, travel in the JSON export and come back with an import; the map
// list carries each map's last review, triple-focus coverage and quiet touchpoints.
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { ReviewSummary } from '../../src/domain/api';
import { exportMapJson, parseMapJson } from '../../src/domain/format';
import { newMapId } from '../../src/domain/ids';
import type { Review } from '../../src/domain/types';
import { addNote, addQuote, addTouchpoint, setChecklistItem, updateTouchpoint } from '../../src/doc/mutations';
import { readChecklist, readSnapshot } from '../../src/doc/read';
import { touchpointsOf } from '../../src/doc/layout';
import { silentLogger } from '../../server/log';
import { openSqliteStorage } from '../../server/storage/sqlite';
import { openReviewStore } from '../../server/reviews';
import type { RunningServer } from '../../server/server';
import {
  api,
  authedApi,
  ClientPool,
  connectClient,
  createMap,
  firstCell,
  removeTempDirs,
  sameStateVector,
  startTestServer,
  tempDir,
  tokenOf,
  waitFor,
  waitSynced,
  type TestClient,
} from './helpers';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-10-10T09:00:00Z');
let clock = START;
const now = () => clock;

let server: RunningServer | null = null;
const clients = new ClientPool();

async function start(dataDir = tempDir(), options: { authSecret?: string } = {}) {
  server = await startTestServer({ dataDir, now, ...options });
  return server;
}
const client = (mapId: string, params?: Record<string, string>) => clients.connect(server!.url, mapId, { params });

/** A touchpoint in the first cell of the template, optionally with all three notes and a quote. */
/** A card made at the test clock's now, or `createdAt` (a card made long ago has no grace left). */
function addCard(doc: Y.Doc, title: string, extras: { tripleFocus?: boolean; quoteOn?: string; createdAt?: number } = {}) {
  const id = addTouchpoint(doc, { ...firstCell(doc), title });
  touchpointsOf(doc).get(id)!.set('createdAt', new Date(extras.createdAt ?? clock).toISOString());
  if (extras.tripleFocus) for (const kind of ['fix', 'wow', 'planB'] as const) addNote(doc, id, kind, `${kind} at ${title}`);
  if (extras.quoteOn) {
    addQuote(doc, id, { text: 'Took ages', source: 'survey', sentiment: 'negative', who: 'Anna', date: extras.quoteOn, link: '' });
  }
  return id;
}

const saveReview = (mapId: string, body: unknown) => api(server!.url, 'POST', `/api/maps/${mapId}/reviews`, body);
const listReviews = async (mapId: string) => {
  const res = await api(server!.url, 'GET', `/api/maps/${mapId}/reviews`);
  expect(res.status).toBe(200);
  return res.body as ReviewSummary[];
};
const getReview = (mapId: string, reviewId: string) => api(server!.url, 'GET', `/api/maps/${mapId}/reviews/${reviewId}`);

/** Waits until the server has every edit of `c`: a fresh client, fed by the server alone, sees them all. */
async function settle(c: TestClient) {
  const witness = connectClient(server!.url, c.provider.roomname);
  try {
    await waitSynced(witness);
    await waitFor(() => sameStateVector(witness.doc, c.doc), 'the server to hold every edit');
  } finally {
    witness.destroy();
  }
}

beforeEach(() => {
  clock = START;
});
afterEach(async () => {
  clients.destroyAll();
  await server?.close();
  server = null;
});
afterAll(() => removeTempDirs());

describe('saved reviews', () => {
  it('freezes the live map with its checklist, then clears the checklist for everyone on the map', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Car insurance');
    const ann = client(mapId);
    const bob = client(mapId);
    await Promise.all([waitSynced(ann), waitSynced(bob)]);
    const call = addCard(ann.doc, 'Sales call');
    setChecklistItem(ann.doc, call, 'stillActive', true);
    setChecklistItem(ann.doc, call, 'voiceFresh', true);
    await waitFor(() => readChecklist(bob.doc)[call]?.voiceFresh === true, 'Bob to see the tick');
    await settle(ann);

    const saved = await saveReview(mapId, { name: '2026 Q4 review', summary: 'Calls are slow' });
    expect(saved.status).toBe(201);
    const { id } = saved.body as { id: string };

    const review = (await getReview(mapId, id)).body as Review;
    expect(review).toMatchObject({ id, name: '2026 Q4 review', summary: 'Calls are slow', createdAt: new Date(clock).toISOString() });
    expect(review.snapshot.touchpoints.map((t) => t.title)).toEqual(['Sales call']);
    expect(review.snapshot.meta.title).toBe('Car insurance');
    expect(review.checklist[call]).toMatchObject({ stillActive: true, voiceFresh: true, fixConsidered: false });

    // The next review starts empty, for both people on the map.
    await waitFor(() => Object.keys(readChecklist(ann.doc)).length === 0, "Ann's checklist to clear");
    await waitFor(() => Object.keys(readChecklist(bob.doc)).length === 0, "Bob's checklist to clear");
    // The map itself is untouched.
    expect(readSnapshot(bob.doc).touchpoints.map((t) => t.title)).toEqual(['Sales call']);

    // Later edits do not reach the frozen review.
    updateTouchpoint(ann.doc, call, { title: 'Phone call' });
    await settle(ann);
    expect(((await getReview(mapId, id)).body as Review).snapshot.touchpoints[0]!.title).toBe('Sales call');
  });

  it('saves a map nobody has open, lists reviews newest first, and deletes one', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Onboarding');
    const first = (await saveReview(mapId, { name: '2026 Q3 review' })).body as { id: string };
    clock += 90 * DAY_MS;
    const second = (await saveReview(mapId, { name: '2026 Q4 review', summary: '' })).body as { id: string };

    const list = await listReviews(mapId);
    expect(list.map((r) => r.name)).toEqual(['2026 Q4 review', '2026 Q3 review']);
    expect(list[0]).toEqual({ id: second.id, name: '2026 Q4 review', summary: '', createdAt: new Date(clock).toISOString() });
    // The list is light: no frozen content in it.
    expect(list[0]).not.toHaveProperty('snapshot');
    // A saved review starts from the template (six stages) even though nobody had the map open.
    expect(((await getReview(mapId, first.id)).body as Review).snapshot.stages).toHaveLength(6);

    expect(await api(server!.url, 'DELETE', `/api/maps/${mapId}/reviews/${first.id}`)).toEqual({ status: 200, body: { ok: true } });
    expect((await getReview(mapId, first.id)).status).toBe(404);
    expect((await api(server!.url, 'DELETE', `/api/maps/${mapId}/reviews/${first.id}`)).status).toBe(404);
    expect((await listReviews(mapId)).map((r) => r.id)).toEqual([second.id]);
  });

  it('copies the saved reviews with a duplicated map: new ids, the same names, dates and frozen content', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Claims');
    const ann = client(mapId);
    await waitSynced(ann);
    const call = addCard(ann.doc, 'Claim call', { tripleFocus: true });
    setChecklistItem(ann.doc, call, 'stillActive', true);
    await settle(ann);
    const first = (await saveReview(mapId, { name: '2026 Q3 review', summary: 'Calls are slow' })).body as { id: string };
    clock += 90 * DAY_MS;
    updateTouchpoint(ann.doc, call, { title: 'Claim chat' });
    await settle(ann);
    const second = (await saveReview(mapId, { name: '2026 Q4 review' })).body as { id: string };

    const res = await api(server!.url, 'POST', `/api/maps/${mapId}/duplicate`, { title: 'Claims (copy)' });
    expect(res.status).toBe(201);
    const copyId = (res.body as { id: string }).id;
    const originals = await listReviews(mapId);
    const copies = await listReviews(copyId);
    expect(copies.map(({ name, summary, createdAt }) => ({ name, summary, createdAt }))).toEqual(
      originals.map(({ name, summary, createdAt }) => ({ name, summary, createdAt })),
    );
    expect(copies.map((r) => r.id).filter((id) => id === first.id || id === second.id)).toEqual([]);
    for (const [original, copy] of originals.map((r, i) => [r, copies[i]!] as const)) {
      const { id: _originalId, ...frozen } = (await getReview(mapId, original.id)).body as Review;
      const { id: _copyId, ...copied } = (await getReview(copyId, copy.id)).body as Review;
      expect(copied).toEqual(frozen);
    }
    expect(((await getReview(copyId, copies[1]!.id)).body as Review).snapshot.touchpoints[0]!.title).toBe('Claim call');
    expect(((await getReview(copyId, copies[1]!.id)).body as Review).checklist[call]).toMatchObject({ stillActive: true });
    // The copies are the copy's own: deleting one leaves the original map's reviews alone.
    expect((await api(server!.url, 'DELETE', `/api/maps/${copyId}/reviews/${copies[0]!.id}`)).status).toBe(200);
    expect((await listReviews(mapId)).map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await api(server!.url, 'GET', '/api/maps')).body).toContainEqual(
      expect.objectContaining({ id: copyId, lastReviewAt: new Date(START).toISOString() }),
    );
  });

  it('keeps reviews across a restart', async () => {
    const dataDir = tempDir();
    await start(dataDir);
    const mapId = await createMap(server!.url, 'Kept');
    const ann = client(mapId);
    await waitSynced(ann);
    addCard(ann.doc, 'Website');
    await settle(ann);
    const { id } = (await saveReview(mapId, { name: 'Before restart', summary: 'All good' })).body as { id: string };
    const before = (await getReview(mapId, id)).body as Review;
    clients.destroyAll();
    await server!.close();

    await start(dataDir);
    expect(await listReviews(mapId)).toEqual([{ id, name: 'Before restart', summary: 'All good', createdAt: before.createdAt }]);
    expect((await getReview(mapId, id)).body).toEqual(before);
  });

  it('refuses bad input and unknown maps or reviews, and cannot edit a saved review', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Strict');
    const { id } = (await saveReview(mapId, { name: 'Q1' })).body as { id: string };

    expect((await api(server!.url, 'GET', '/api/maps/not-a-map-id/reviews')).status).toBe(400);
    expect((await api(server!.url, 'GET', `/api/maps/${mapId}/reviews/${'x'.repeat(65)}`)).status).toBe(400);
    expect((await api(server!.url, 'GET', `/api/maps/${mapId}/reviews/bad%20id`)).status).toBe(400);
    expect((await api(server!.url, 'GET', `/api/maps/${newMapId()}/reviews`)).status).toBe(404);
    expect((await saveReview(newMapId(), { name: 'Q1' })).status).toBe(404);
    expect((await getReview(mapId, 'unknownReview')).status).toBe(404);
    // The review id belongs to its map: another map does not see it.
    const other = await createMap(server!.url, 'Other');
    expect((await getReview(other, id)).status).toBe(404);

    const missingName = await saveReview(mapId, { summary: 'no name' });
    expect(missingName.status).toBe(400);
    expect((missingName.body as { error: string }).error).toContain('name');
    expect((await saveReview(mapId, { name: '   ' })).status).toBe(400);
    expect((await saveReview(mapId, { name: 'x'.repeat(201) })).status).toBe(400);
    expect((await saveReview(mapId, { name: 'Q2', summary: 42 })).status).toBe(400);
    expect((await api(server!.url, 'PATCH', `/api/maps/${mapId}/reviews/${id}`, { name: 'Renamed' })).status).toBe(405);
    expect((await api(server!.url, 'PUT', `/api/maps/${mapId}/reviews`, { name: 'Q3' })).status).toBe(405);
    expect((await listReviews(mapId)).map((r) => r.name)).toEqual(['Q1']);

    // A deleted map's reviews are gone with it (until it is restored).
    expect((await api(server!.url, 'DELETE', `/api/maps/${mapId}`)).status).toBe(200);
    expect((await api(server!.url, 'GET', `/api/maps/${mapId}/reviews`)).status).toBe(404);
    expect((await api(server!.url, 'POST', `/api/maps/${mapId}/restore`)).status).toBe(200);
    expect((await listReviews(mapId)).map((r) => r.name)).toEqual(['Q1']);
  });

  it('lets a view link read reviews but not save or delete them', async () => {
    const secret = 'a secret long enough for the tests 1234';
    await start(tempDir(), { authSecret: secret });
    const admin = { Authorization: `Bearer ${secret}` };
    const mapId = ((await authedApi(server!.url, 'POST', '/api/maps', admin, { title: 'Shared' })).body as { id: string }).id;
    const links = (await authedApi(server!.url, 'GET', `/api/maps/${mapId}/links`, admin)).body as { edit: string; view: string };
    const view = { 'X-CJM-Token': tokenOf(links.view) };
    const edit = { 'X-CJM-Token': tokenOf(links.edit) };

    expect((await authedApi(server!.url, 'GET', `/api/maps/${mapId}/reviews`, {})).status).toBe(401);
    const saved = await authedApi(server!.url, 'POST', `/api/maps/${mapId}/reviews`, edit, { name: 'By an editor' });
    expect(saved.status).toBe(201);
    const { id } = saved.body as { id: string };
    expect((await authedApi(server!.url, 'POST', `/api/maps/${mapId}/reviews`, view, { name: 'By a viewer' })).status).toBe(403);
    expect((await authedApi(server!.url, 'GET', `/api/maps/${mapId}/reviews/${id}`, view)).status).toBe(200);
    expect((await authedApi(server!.url, 'DELETE', `/api/maps/${mapId}/reviews/${id}`, view)).status).toBe(403);
    expect(((await authedApi(server!.url, 'GET', `/api/maps/${mapId}/reviews`, view)).body as ReviewSummary[]).length).toBe(1);
  });

  it('travels in the JSON export and comes back with an import', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Archive');
    const ann = client(mapId);
    await waitSynced(ann);
    const card = addCard(ann.doc, 'Office visit', { tripleFocus: true });
    setChecklistItem(ann.doc, card, 'fixConsidered', true);
    await settle(ann);
    const { id } = (await saveReview(mapId, { name: 'Q3', summary: 'First look' })).body as { id: string };
    const saved = (await getReview(mapId, id)).body as Review;

    const exported = await fetch(`${server!.url}/api/maps/${mapId}/export.json`);
    expect(exported.status).toBe(200);
    const file = await exported.text();
    expect(JSON.parse(file).reviews).toEqual([expect.objectContaining({ id, name: 'Q3', summary: 'First look' })]);

    const imported = await fetch(`${server!.url}/api/maps/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: file,
    });
    expect(imported.status).toBe(201);
    const importedId = ((await imported.json()) as { id: string }).id;
    expect(await listReviews(importedId)).toEqual([{ id, name: 'Q3', summary: 'First look', createdAt: saved.createdAt }]);
    const restored = (await getReview(importedId, id)).body as Review;
    expect(restored.snapshot).toEqual(saved.snapshot);
    expect(restored.checklist).toEqual(saved.checklist);
  });

  it('keeps what the export and import functions hand over (for other storage paths)', async () => {
    const dataDir = tempDir();
    await start(dataDir);
    const mapId = await createMap(server!.url, 'Archive');
    const { id } = (await saveReview(mapId, { name: 'Q3' })).body as { id: string };
    const saved = (await getReview(mapId, id)).body as Review;
    await server!.close();
    server = null;

    const persistence = openSqliteStorage(dataDir);
    const store = openReviewStore({ persistence, now, log: silentLogger });
    const exported = await store.reviewsForExport(mapId);
    const parsed = parseMapJson(exportMapJson(exported[0]!.snapshot, exported, new Date(clock)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const importedId = newMapId();
    const state = Y.encodeStateAsUpdate(new Y.Doc());
    await persistence.createMap({ id: importedId, state, entry: { title: 'Imported', touchpointCount: 0 }, now: clock });
    await store.saveImportedReviews(importedId, parsed.value.reviews);
    await persistence.close();

    await start(dataDir);
    expect((await getReview(importedId, id)).body).toEqual(saved);
  });
});

describe('the map list', () => {
  it('shows each map\u2019s last review, triple-focus coverage and quiet touchpoints, ageing with time', async () => {
    await start();
    const mapId = await createMap(server!.url, 'Health');
    const ann = client(mapId);
    await waitSynced(ann);
    addCard(ann.doc, 'Complete', { tripleFocus: true, quoteOn: '2026-10-01', createdAt: START - 200 * DAY_MS });
    addCard(ann.doc, 'Bare', { createdAt: START - 200 * DAY_MS });
    addCard(ann.doc, 'Made today'); // in the cadence's grace: not quiet yet
    await settle(ann);

    type Row = { id: string; lastReviewAt: string | null; coverage: number | null; quietCount: number; reviewDue: boolean };
    const row = async () => ((await api(server!.url, 'GET', '/api/maps')).body as Row[]).find((m) => m.id === mapId)!;
    expect(await row()).toMatchObject({ lastReviewAt: null, coverage: 1 / 3, quietCount: 1, reviewDue: false });

    const reviewedAt = new Date(clock).toISOString();
    expect((await saveReview(mapId, { name: 'Q4' })).status).toBe(201);
    expect(await row()).toMatchObject({ lastReviewAt: reviewedAt, coverage: 1 / 3, quietCount: 1, reviewDue: false });

    // Nobody touches the map for 100 days: the quote goes stale, the new card's grace ends, the review falls due.
    clients.destroyAll();
    clock += 100 * DAY_MS;
    expect(await row()).toMatchObject({ lastReviewAt: reviewedAt, coverage: 1 / 3, quietCount: 3, reviewDue: true });
  });

  it('measures a map created before its figures were kept, without a room', async () => {
    const dataDir = tempDir();
    await start(dataDir);
    const mapId = await createMap(server!.url, 'Old map');
    const ann = client(mapId);
    await waitSynced(ann);
    addCard(ann.doc, 'Only one', { createdAt: START - 200 * DAY_MS });
    await settle(ann);
    clients.destroyAll();
    await server!.close();
    server = null;
    // As if this server version had never seen the map.
    const db = new Database(path.join(dataDir, 'cjm.sqlite'));
    db.exec('DELETE FROM map_health');
    db.close();

    await start(dataDir);
    const list = (await api(server!.url, 'GET', '/api/maps')).body as { id: string; coverage: number; quietCount: number }[];
    expect(list.find((m) => m.id === mapId)).toMatchObject({ coverage: 0, quietCount: 1 });
    expect(server!.loadedMapIds()).toEqual([]);
  });
});
