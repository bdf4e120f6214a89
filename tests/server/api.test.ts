import http from 'node:http';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addTouchpoint, initMap } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { MAP_ID_PATTERN, newMapId } from '../../src/domain/ids';
import { TITLE_MAX } from '../../src/domain/limits';
import { api, createMap, httpRequest, startTestServer, tempDir, waitFor, waitSynced } from './helpers';
import { useSharedServer } from './sharedServer';

const shared = useSharedServer();
const client = (mapId: string, doc?: Y.Doc) => shared.client(mapId, { doc });

type Summary = { id: string; title: string; updatedAt: string; touchpointCount: number };
const listMaps = async () => (await api(shared.url, 'GET', '/api/maps')).body as Summary[];

describe('HTTP API', () => {
  it('answers the health check', async () => {
    expect(await api(shared.url, 'GET', '/healthz')).toEqual({ status: 200, body: { ok: true, access: 'open', storage: { kind: 'sqlite', reachable: true }, relay: { kind: 'none' } } });
  });

  it('creates maps from a template and lists them with titles and counts from the doc', async () => {
    const created = await api(shared.url, 'POST', '/api/maps', { title: '  Checkout  ', template: 'default', locale: 'ru' });
    expect(created.status).toBe(201);
    const { id } = created.body as { id: string };
    expect(id).toMatch(MAP_ID_PATTERN);
    const blank = await createMap(shared.url, 'Empty', 'blank');

    const list = await listMaps();
    expect(list.find((m) => m.id === id)).toMatchObject({ title: 'Checkout', touchpointCount: 0 });
    expect(Number.isNaN(Date.parse(list.find((m) => m.id === id)!.updatedAt))).toBe(false);

    const ru = client(id);
    const empty = client(blank);
    await Promise.all([waitSynced(ru), waitSynced(empty)]);
    expect(readSnapshot(ru.doc).stages[0]!.title).toBe('Узнаёт');
    expect(readSnapshot(empty.doc).stages).toEqual([]);

    // Counts follow the doc as people edit it.
    const snap = readSnapshot(ru.doc);
    addTouchpoint(ru.doc, { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id, title: 'Site' });
    await expect.poll(async () => (await listMaps()).find((m) => m.id === id)?.touchpointCount).toBe(1);
  });

  it('accepts a map created offline under its own id, with content following over sync', async () => {
    const id = newMapId();
    const offline = new Y.Doc();
    initMap(offline, { title: 'Made on a train', template: 'default' });
    const created = await api(shared.url, 'POST', '/api/maps', { id, title: 'Made on a train', template: 'none' });
    expect(created).toEqual({ status: 201, body: { id } });
    expect((await listMaps()).find((m) => m.id === id)).toMatchObject({ title: 'Made on a train', touchpointCount: 0 });

    const ann = client(id, offline);
    await waitSynced(ann);
    const bob = client(id);
    await waitSynced(bob);
    expect(readSnapshot(bob.doc).stages).toHaveLength(6);
    expect(readSnapshot(bob.doc).meta.title).toBe('Made on a train');

    expect((await api(shared.url, 'POST', '/api/maps', { id, title: 'Again', template: 'none' })).status).toBe(409);
    const badId = await api(shared.url, 'POST', '/api/maps', { id: 'not/an/id', title: 'x' });
    expect(badId).toEqual({ status: 400, body: { error: 'invalid map id' } });
  });

  it('refuses invalid new maps with a message', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /title is required/],
      [{ title: '   ' }, /title is required/],
      [{ title: 'x'.repeat(TITLE_MAX + 1) }, /title is longer than/],
      [{ title: 42 }, /title is required/],
      [{ title: 'Ok', template: 'fancy' }, /template must be one of default, blank, none/],
      [{ title: 'Ok', locale: 'de' }, /locale must be one of en, ru/],
      [[1, 2], /JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await api(shared.url, 'POST', '/api/maps', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as { error: string }).error).toMatch(message);
    }
    const broken = await httpRequest(shared.url, 'POST', '/api/maps', { 'Content-Type': 'application/json' }, '{"title": ');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toEqual({ error: 'body is not valid JSON' });
    const form = await httpRequest(shared.url, 'POST', '/api/maps', { 'Content-Type': 'text/plain' }, '{"title":"x"}');
    expect(form.status).toBe(415);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const huge = JSON.stringify({ title: 'x', padding: 'y'.repeat(1024 * 1024) });
    const res = await api(shared.url, 'POST', '/api/maps', JSON.parse(huge));
    expect(res.status).toBe(413);
    expect((res.body as { error: string }).error).toMatch(/larger than/);
    // Without a declared length the limit still holds while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(shared.url + '/api/maps', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (r) => resolve(r.statusCode!));
      req.on('error', reject);
      req.write(huge.slice(0, 600_000));
      req.end(huge.slice(600_000));
    });
    expect(chunked).toBe(413);
    expect((await api(shared.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('renames through the live room, so connected people see it at once', async () => {
    const id = await createMap(shared.url, 'Old name');
    const ann = client(id);
    await waitSynced(ann);
    const res = await api(shared.url, 'PATCH', `/api/maps/${id}`, { title: 'New name' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, title: 'New name' });
    await waitFor(() => readSnapshot(ann.doc).meta.title === 'New name', 'the title at the client');
    expect((await listMaps()).find((m) => m.id === id)?.title).toBe('New name');
  });

  it('renames a map nobody has open', async () => {
    const id = await createMap(shared.url, 'Closed map');
    expect((await api(shared.url, 'PATCH', `/api/maps/${id}`, { title: 'Renamed' })).status).toBe(200);
    expect((await listMaps()).find((m) => m.id === id)?.title).toBe('Renamed');
    const bob = client(id);
    await waitSynced(bob);
    expect(readSnapshot(bob.doc).meta.title).toBe('Renamed');
    expect((await api(shared.url, 'PATCH', `/api/maps/${id}`, { title: '' })).status).toBe(400);
  });

  it('duplicates a map into a new one with a copy of its content', async () => {
    const id = await createMap(shared.url, 'Original');
    const ann = client(id);
    await waitSynced(ann);
    const snap = readSnapshot(ann.doc);
    addTouchpoint(ann.doc, { stageId: snap.stages[0]!.id, channelId: snap.channels[0]!.id, title: 'Kiosk' });
    await expect.poll(async () => (await listMaps()).find((m) => m.id === id)?.touchpointCount).toBe(1);

    const res = await api(shared.url, 'POST', `/api/maps/${id}/duplicate`, { title: 'Copy' });
    expect(res.status).toBe(201);
    const copyId = (res.body as { id: string }).id;
    expect(copyId).toMatch(MAP_ID_PATTERN);
    expect(copyId).not.toBe(id);

    const copy = client(copyId);
    await waitSynced(copy);
    await waitFor(() => readSnapshot(copy.doc).touchpoints.length === 1, 'the copied card');
    expect(readSnapshot(copy.doc).meta.title).toBe('Copy');
    expect(readSnapshot(copy.doc).touchpoints[0]!.title).toBe('Kiosk');
    expect((await listMaps()).find((m) => m.id === copyId)).toMatchObject({ title: 'Copy', touchpointCount: 1 });
    // The copy is independent of the original.
    expect(readSnapshot(ann.doc).meta.title).toBe('Original');
  });

  it('soft-deletes and restores maps', async () => {
    const id = await createMap(shared.url, 'Doomed');
    expect((await api(shared.url, 'DELETE', `/api/maps/${id}`)).status).toBe(200);
    expect((await listMaps()).some((m) => m.id === id)).toBe(false);
    expect((await api(shared.url, 'PATCH', `/api/maps/${id}`, { title: 'x' })).status).toBe(404);
    expect((await api(shared.url, 'DELETE', `/api/maps/${id}`)).status).toBe(404);

    const restored = await api(shared.url, 'POST', `/api/maps/${id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, title: 'Doomed' });
    expect((await listMaps()).some((m) => m.id === id)).toBe(true);
  });

  it('purges maps deleted more than 30 days ago', async () => {
    const dataDir = tempDir();
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const now = () => clock;
    let timeServer = await startTestServer({ dataDir, now });
    const kept = await createMap(timeServer.url, 'Recent');
    const old = await createMap(timeServer.url, 'Old');
    await api(timeServer.url, 'DELETE', `/api/maps/${old}`);
    clock += 20 * 24 * 3600 * 1000;
    await api(timeServer.url, 'DELETE', `/api/maps/${kept}`);
    await timeServer.close();

    clock += 15 * 24 * 3600 * 1000; // old: 35 days deleted, kept: 15 days
    timeServer = await startTestServer({ dataDir, now });
    try {
      expect((await api(timeServer.url, 'POST', `/api/maps/${old}/restore`)).status).toBe(404);
      expect((await api(timeServer.url, 'POST', `/api/maps/${kept}/restore`)).status).toBe(200);
    } finally {
      await timeServer.close();
    }
  });

  it('refuses malformed ids with 400 and unknown ones with 404', async () => {
    for (const bad of ['short', 'x'.repeat(23), '..%2F..%2Fetc', 'a%20b' + 'c'.repeat(17), '']) {
      for (const [method, suffix] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/restore'], ['POST', '/duplicate']]) {
        const res = await api(shared.url, method!, `/api/maps/${bad}${suffix}`, method === 'PATCH' || suffix === '/duplicate' ? { title: 'x' } : undefined);
        expect(res, `${method} ${bad}${suffix}`).toEqual({ status: 400, body: { error: 'invalid map id' } });
      }
    }
    const unknown = newMapId();
    expect((await api(shared.url, 'GET', `/api/maps/${unknown}`)).status).toBe(404);
    expect((await api(shared.url, 'PATCH', `/api/maps/${unknown}`, { title: 'x' })).status).toBe(404);
    expect((await api(shared.url, 'DELETE', `/api/maps/${unknown}`)).status).toBe(404);
    expect((await api(shared.url, 'POST', `/api/maps/${unknown}/restore`)).status).toBe(404);
    expect((await api(shared.url, 'POST', `/api/maps/${unknown}/duplicate`, { title: 'x' })).status).toBe(404);
  });

  it('answers unknown endpoints and methods in JSON', async () => {
    expect(await api(shared.url, 'GET', '/api/nothing')).toEqual({ status: 404, body: { error: 'no such endpoint' } });
    expect(await api(shared.url, 'PUT', '/api/maps')).toEqual({ status: 405, body: { error: 'method not allowed' } });
    const id = await createMap(shared.url);
    expect((await api(shared.url, 'GET', `/api/maps/${id}/restore`)).status).toBe(405);
  });
});
