// Export and import over HTTP (server/io.ts): JSON and CSV downloads of a map's live content,
// import of a JSON file as a new map, replace with a kept backup, and every broken file of
// tests/fixtures/bad-files refused with its problems while nothing is created or changed.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, addQuote, addTouchpoint } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { exportMapJson, parseMapJson, serializeMapFile } from '../../src/domain/format';
import { MAP_ID_PATTERN } from '../../src/domain/ids';
import { LAYOUT_VERSION } from '../../src/doc/migrations';
import { exportFileName, localDate } from '../../src/domain/fileName';
import type { RunningServer } from '../../server/server';
import { sampleFile } from '../unit/format/sampleMap';
import {
  api,
  authedApi,
  createMap,
  startTestServer,
  tokenOf,
  waitFor,
  waitSynced,
} from './helpers';
import { useSharedServer } from './sharedServer';

const shared = useSharedServer();

const BAD_FILES = join(import.meta.dirname, '../fixtures/bad-files');

type Summary = { id: string; title: string; touchpointCount: number };
const listMaps = async () => (await api(shared.url, 'GET', '/api/maps')).body as Summary[];

interface Download {
  status: number;
  text: string;
  type: string | null;
  disposition: string | null;
}

async function download(urlPath: string, headers: Record<string, string> = {}): Promise<Download> {
  const res = await fetch(shared.url + urlPath, { headers });
  // Byte-exact: a BOM must not be swallowed by a decoder.
  const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
  return { status: res.status, text, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

interface Answer {
  status: number;
  body: {
    id?: string;
    error?: string;
    problems?: { path: string; code: string; params: Record<string, unknown>; message: string }[];
    warnings?: { path: string; code: string; params: Record<string, unknown>; message: string }[];
    backupId?: string;
    backupTitle?: string;
    restoreUntil?: string;
    reviewsImported?: number;
  };
}

/** Posts a file's text as it is, the way the app and `curl --data-binary` send it. */
async function postFile(urlPath: string, text: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(shared.url + urlPath, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof text === 'string' ? text : new Uint8Array(text),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

const withoutExportedAt = (text: string) => text.replace(/"exportedAt": "[^"]*"/, '"exportedAt": "…"');

/** A map with content, edited by a connected client the way the app edits it. */
async function mapWithContent(title: string) {
  const id = await createMap(shared.url, title);
  const ann = shared.client(id);
  await waitSynced(ann);
  const { stages, channels } = readSnapshot(ann.doc);
  const tp = addTouchpoint(ann.doc, { stageId: stages[2]!.id, channelId: channels[0]!.id, title: 'Оплата картой' });
  addNote(ann.doc, tp, 'fix', '=Форма теряет данные');
  addNote(ann.doc, tp, 'wow', 'Gift; with a "note"');
  addQuote(ann.doc, tp, { text: 'Всё зависло', source: 'interview', sentiment: 'negative', who: 'Анна', date: '2026-01-20', link: '' });
  // The edits travel over the socket: wait until the server's export has the last one.
  let seen = false;
  for (let i = 0; i < 500 && !seen; i++) {
    seen = (await download(`/api/maps/${id}/export.json`)).text.includes('Всё зависло');
    if (!seen) await new Promise((r) => setTimeout(r, 10));
  }
  expect(seen).toBe(true);
  return { id, ann };
}

describe('export', () => {
  it('downloads the live map as the JSON format, named after the title even in Cyrillic', async () => {
    const { id, ann } = await mapWithContent('Покупка тура');
    const file = await download(`/api/maps/${id}/export.json`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/json; charset=utf-8');

    const name = exportFileName('Покупка тура', new Date(), 'json');
    expect(name).toBe(`Покупка тура-${localDate(new Date())}.json`);
    // An ASCII fallback for old clients, and the real name per RFC 5987.
    expect(file.disposition).toBe(
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );

    const parsed = parseMapJson(file.text);
    expect(parsed.ok).toBe(true);
    // Exactly what the connected client has, apart from the moment of export.
    expect(withoutExportedAt(file.text)).toBe(withoutExportedAt(exportMapJson(readSnapshot(ann.doc), [], new Date())));
  });

  it('downloads the action plan as CSV for Excel, in English or Russian', async () => {
    const { id } = await mapWithContent('Checkout');
    const en = await download(`/api/maps/${id}/export.csv`);
    expect(en.status).toBe(200);
    expect(en.type).toBe('text/csv; charset=utf-8');
    expect(en.disposition).toContain(`filename="Checkout-${localDate(new Date())}.csv"`);
    expect(en.text.startsWith('\uFEFF')).toBe(true);
    const enLines = en.text.slice(1).split('\r\n');
    expect(enLines[0]).toBe('Map,Stage,Channel,Touchpoint,Kind,Text,Status,Owner,Votes');
    // A note that looks like a formula stays text; a quote or delimiter inside is quoted.
    expect(enLines).toContain("Checkout,Buy,Website,Оплата картой,Fix,'=Форма теряет данные,Idea,,0");
    expect(enLines).toContain('Checkout,Buy,Website,Оплата картой,WOW,"Gift; with a ""note""",Idea,,0');

    const ru = await download(`/api/maps/${id}/export.csv?locale=ru`);
    const ruLines = ru.text.slice(1).split('\r\n');
    expect(ruLines[0]).toBe('Карта;Этап;Канал;Точка контакта;Тип;Текст;Статус;Ответственный;Голоса');
    expect(ruLines).toContain("Checkout;Buy;Website;Оплата картой;Починка;'=Форма теряет данные;Идея;;0");

    expect((await download(`/api/maps/${id}/export.csv?locale=de`)).status).toBe(400);
  });

  it('keeps bidi and control characters out of download names, so a title cannot disguise the file', async () => {
    // Shown as "Invoicenosj.exe-…" would really be a .json file named backwards: the override goes.
    const id = await createMap(shared.url, 'Invoice\u202Eexe.json\u2066\u200F');
    for (const ext of ['json', 'csv']) {
      const file = await download(`/api/maps/${id}/export.${ext}`);
      const real = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(file.disposition!)![1]!);
      expect(real).toBe(`Invoiceexe.json-${localDate(new Date())}.${ext}`);
      expect(file.disposition).toContain(`filename="Invoiceexe.json-${localDate(new Date())}.${ext}"`);
    }
  });

  it('answers 404 for a missing map, 400 for a malformed id and 405 for a wrong method', async () => {
    expect((await download(`/api/maps/${'A'.repeat(22)}/export.json`)).status).toBe(404);
    expect((await download('/api/maps/not-an-id/export.json')).status).toBe(400);
    const id = await createMap(shared.url, 'Methods');
    expect((await postFile(`/api/maps/${id}/export.json`, '{}')).status).toBe(405);
    expect((await download('/api/maps/import')).status).toBe(405);
  });
});

describe('import', () => {
  it('creates a new map from a file, and exporting it gives the same file back', async () => {
    const text = serializeMapFile(sampleFile());
    const before = await listMaps();
    const first = await postFile('/api/maps/import', text);
    expect(first.status).toBe(201);
    expect(first.body.id).toMatch(MAP_ID_PATTERN);
    expect(first.body.warnings).toEqual([]);
    expect(first.body.reviewsImported).toBe(1);

    const list = await listMaps();
    expect(list).toHaveLength(before.length + 1);
    expect(list.find((m) => m.id === first.body.id)).toMatchObject({ title: 'Покупка тура', touchpointCount: 3 });

    // The documented round trip: only `exportedAt` is regenerated.
    const back = await download(`/api/maps/${first.body.id}/export.json`);
    expect(withoutExportedAt(back.text)).toBe(withoutExportedAt(text));

    // Importing never overwrites: the same file again is another map.
    const second = await postFile('/api/maps/import', text);
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);

    // The new map is live: a client opens it like any other.
    const bob = shared.client(first.body.id!);
    await waitSynced(bob);
    expect(readSnapshot(bob.doc).touchpoints.map((t) => t.title).sort()).toEqual(['Payment page', 'Звонок в офис', 'Реклама']);
  });

  it('reports ignored fields as warnings and still imports', async () => {
    const file = sampleFile() as unknown as Record<string, unknown>;
    file.generator = 'another tool';
    const res = await postFile('/api/maps/import', JSON.stringify(file));
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([
      { path: '$.generator', code: 'unknownField', params: {}, message: expect.stringContaining('unknown field') },
    ]);
  });

  const badFiles = readdirSync(BAD_FILES).filter((name) => name.endsWith('.json') && name !== 'expected.json');
  const expected = JSON.parse(readFileSync(join(BAD_FILES, 'expected.json'), 'utf8')) as Record<
    string,
    { status: number; path: string; message: string }
  >;

  it('refuses every broken file with its problems, and creates nothing', async () => {
    expect(badFiles.length).toBeGreaterThanOrEqual(30);
    const before = await listMaps();
    for (const name of badFiles) {
      const want = expected[name]!;
      const res = await postFile('/api/maps/import', readFileSync(join(BAD_FILES, name)));
      expect(res.status, name).toBe(want.status);
      expect(res.body.error, name).toMatch(/\S/);
      expect(res.body.problems, name).toEqual(
        expect.arrayContaining([
          { path: want.path, code: expect.any(String), params: expect.any(Object), message: expect.stringContaining(want.message) },
        ]),
      );
    }
    expect(await listMaps()).toEqual(before);
  });

  it('refuses a file over 10 MB while reading it, declared or streamed', async () => {
    const before = await listMaps();
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    const declared = await postFile('/api/maps/import', huge);
    expect(declared.status).toBe(413);
    expect(declared.body.problems).toEqual([
      { path: '$', code: 'tooLarge', params: { limit: 10 * 1024 * 1024, unit: 'bytes' }, message: 'is larger than the limit of 10 MB' },
    ]);

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${shared.url}/api/maps/import`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      req.on('response', (r) => resolve(r.statusCode!));
      req.on('error', reject);
      for (let i = 0; i < 11; i++) req.write(Buffer.alloc(1024 * 1024, 0x20));
      req.end();
    });
    expect(streamed).toBe(413);
    expect(await listMaps()).toEqual(before);
    expect((await api(shared.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('refuses text that is not UTF-8 and bodies that are not declared JSON', async () => {
    const latin1 = Buffer.from(serializeMapFile(sampleFile()).replace('Покупка тура', 'Caf\u00e9'), 'latin1');
    const res = await postFile('/api/maps/import', latin1);
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ path: '$', code: 'notUtf8', params: {}, message: 'is not UTF-8 text' }]);
    const form = await postFile('/api/maps/import', serializeMapFile(sampleFile()), { 'Content-Type': 'text/plain' });
    expect(form.status).toBe(415);
  });
});

describe('replace', () => {
  const newContent = () => {
    const file = sampleFile();
    file.map.title = 'После замены';
    file.touchpoints = file.touchpoints.filter((t) => t.id === 'tp-call');
    file.connections = [];
    file.notes = file.notes.filter((n) => n.touchpointId === 'tp-call');
    file.quotes = [];
    file.reviews = [];
    return serializeMapFile(file);
  };

  it('keeps the current content as a restorable backup, then replaces it for everyone connected', async () => {
    const { id, ann } = await mapWithContent('Before');
    const original = await download(`/api/maps/${id}/export.json`);
    const before = await listMaps();

    const res = await postFile(`/api/maps/${id}/replace`, newContent());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, backupTitle: `Backup of Before ${localDate(new Date())}`, warnings: [] });
    expect(res.body.backupId).toMatch(MAP_ID_PATTERN);
    expect(Date.parse(res.body.restoreUntil!)).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);

    // The person on the map sees the file's content at once.
    await waitFor(() => readSnapshot(ann.doc).meta.title === 'После замены', 'the new content at the client');
    expect(readSnapshot(ann.doc).touchpoints.map((t) => t.title)).toEqual(['Звонок в офис']);
    const replaced = await download(`/api/maps/${id}/export.json`);
    expect(withoutExportedAt(replaced.text)).toBe(withoutExportedAt(newContent()));

    // The backup is out of the list (a deleted map) until restored; then it holds the old content.
    const after = await listMaps();
    expect(after.map((m) => m.id).sort()).toEqual(before.map((m) => m.id).sort());
    expect(after.find((m) => m.id === id)?.title).toBe('После замены');
    expect((await api(shared.url, 'POST', `/api/maps/${res.body.backupId}/restore`)).status).toBe(200);
    const backup = await download(`/api/maps/${res.body.backupId}/export.json`);
    expect(withoutExportedAt(backup.text)).toBe(
      withoutExportedAt(original.text).replace('"title": "Before"', `"title": "${res.body.backupTitle}"`),
    );
  });

  it('names the backup in Russian when asked', async () => {
    const id = await createMap(shared.url, 'Карта');
    const res = await postFile(`/api/maps/${id}/replace?locale=ru`, newContent());
    expect(res.status).toBe(200);
    expect(res.body.backupTitle).toBe(`Резервная копия: Карта ${localDate(new Date())}`);
  });

  it('changes nothing and keeps no backup when the file is broken', async () => {
    const { id } = await mapWithContent('Untouched');
    const original = await download(`/api/maps/${id}/export.json`);
    const before = await listMaps();
    const res = await postFile(`/api/maps/${id}/replace`, readFileSync(join(BAD_FILES, 'connection-to-nowhere.json')));
    expect(res.status).toBe(400);
    expect(res.body.problems!.length).toBeGreaterThan(0);
    const after = await download(`/api/maps/${id}/export.json`);
    expect(withoutExportedAt(after.text)).toBe(withoutExportedAt(original.text));
    expect(await listMaps()).toEqual(before);
  });

  it('answers 404 for a map that does not exist, before reading the file', async () => {
    const res = await postFile(`/api/maps/${'B'.repeat(22)}/replace`, newContent());
    expect(res.status).toBe(404);
  });
});

describe('with access control', () => {
  const SECRET = 'io-test-secret-of-enough-length';
  let locked: RunningServer;
  const admin = { Authorization: `Bearer ${SECRET}` };

  beforeAll(async () => {
    locked = await startTestServer({ authSecret: SECRET });
  });
  afterAll(async () => {
    await locked.close();
  });

  it('lets a view link export, an edit link replace, and only the administrator import', async () => {
    const text = serializeMapFile(sampleFile());
    const created = await fetch(`${locked.url}/api/maps/import`, {
      method: 'POST',
      headers: { ...admin, 'Content-Type': 'application/json' },
      body: text,
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const links = (await authedApi(locked.url, 'GET', `/api/maps/${id}/links`, admin)).body as { edit: string; view: string };
    const view = { 'X-CJM-Token': tokenOf(links.view) };
    const edit = { 'X-CJM-Token': tokenOf(links.edit) };

    expect((await fetch(`${locked.url}/api/maps/${id}/export.json`)).status).toBe(401);
    expect((await fetch(`${locked.url}/api/maps/${id}/export.json`, { headers: view })).status).toBe(200);
    expect((await fetch(`${locked.url}/api/maps/${id}/export.csv`, { headers: view })).status).toBe(200);

    const replace = (headers: Record<string, string>) =>
      fetch(`${locked.url}/api/maps/${id}/replace`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: text,
      });
    expect((await replace(view)).status).toBe(403);
    expect((await replace(edit)).status).toBe(200);

    const importAs = (headers: Record<string, string>) =>
      fetch(`${locked.url}/api/maps/import`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: text });
    expect((await importAs({})).status).toBe(401);
    expect((await importAs(edit)).status).toBe(403);
  });
});

describe('a map saved by a newer CJM Studio', () => {
  it('is not exported as JSON: 409 with a message, never a file missing what the newer build added', async () => {
    const id = await createMap(shared.url, 'From the future');
    const newer = shared.client(id);
    await waitSynced(newer);
    newer.doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION + 1);
    const answer = await pollStatus(id, 409);
    expect(answer.status).toBe(409);
    expect(JSON.parse(answer.text)).toEqual({ error: expect.stringMatching(/newer CJM Studio/) });
    // The same map at today's layout exports as usual.
    newer.doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION);
    expect((await pollStatus(id, 200)).status).toBe(200);
  });
});

/** The export answer once the server has applied a client's edit (or the last answer after 5 s). */
async function pollStatus(id: string, status: number): Promise<Download> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const answer = await download(`/api/maps/${id}/export.json`);
    if (answer.status === status || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
