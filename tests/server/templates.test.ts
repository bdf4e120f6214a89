// The template gallery over HTTP: GET /api/templates per language, POST /api/maps from each
// gallery id (content, saved review and fresh dates as a client sees them over sync), and an
// unknown id refused with a message that names the ids, creating nothing.
import { describe, expect, it } from 'vitest';
import { readSnapshot } from '../../src/doc/read';
import { GALLERY_TEMPLATE_IDS } from '../../src/domain/gallery/ids';
import { isQuiet } from '../../src/domain/satisfaction';
import { api, authedApi, startTestServer, waitSynced } from './helpers';
import { useSharedServer } from './sharedServer';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-12-07T09:00:00Z');
// A fixed clock: dates in the new maps are counted back from it.
const shared = useSharedServer(() => ({ now: () => NOW }));

type Summary = { id: string; title: string; touchpointCount: number; lastReviewAt?: string | null; quietCount?: number };
type TemplateSummary = { id: string; title: string; description: string; language: string; touchpoints: number };
const listMaps = async () => (await api(shared.url, 'GET', '/api/maps')).body as Summary[];

describe('template gallery API', () => {
  it('lists the gallery in the language asked for', async () => {
    const en = await api(shared.url, 'GET', '/api/templates');
    const ru = await api(shared.url, 'GET', '/api/templates?locale=ru');
    expect(en.status).toBe(200);
    expect(ru.status).toBe(200);
    const enList = en.body as TemplateSummary[];
    const ruList = ru.body as TemplateSummary[];
    expect(enList.map((t) => t.id)).toEqual([...GALLERY_TEMPLATE_IDS]);
    expect(ruList.map((t) => t.id)).toEqual([...GALLERY_TEMPLATE_IDS]);
    for (const entry of enList) expect(Object.keys(entry).sort()).toEqual(['description', 'id', 'language', 'title', 'touchpoints']);
    expect(enList.every((t) => t.language === 'en' && !/[а-яё]/i.test(t.title))).toBe(true);
    expect(ruList.every((t) => t.language === 'ru' && /[а-яё]/i.test(t.title))).toBe(true);
    expect(enList.find((t) => t.id === 'sample')!.touchpoints).toBeGreaterThanOrEqual(12);

    const bad = await api(shared.url, 'GET', '/api/templates?locale=de');
    expect(bad).toEqual({ status: 400, body: { error: 'locale must be one of en, ru' } });
  });

  it.each(GALLERY_TEMPLATE_IDS.map((id) => [id]))('creates a map from %s with its content, in both languages', async (template) => {
    const counts = ((await api(shared.url, 'GET', '/api/templates')).body as TemplateSummary[]).find((t) => t.id === template)!.touchpoints;
    for (const locale of ['en', 'ru'] as const) {
      const created = await api(shared.url, 'POST', '/api/maps', { title: `From ${template} ${locale}`, template, locale });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const { id } = created.body as { id: string };
      expect((await listMaps()).find((m) => m.id === id)).toMatchObject({ title: `From ${template} ${locale}`, touchpointCount: counts });

      const client = shared.client(id);
      await waitSynced(client);
      const snapshot = readSnapshot(client.doc);
      // The title asked for, the template's own content in the language asked for.
      expect(snapshot.meta.title).toBe(`From ${template} ${locale}`);
      expect(snapshot.touchpoints).toHaveLength(counts);
      expect(snapshot.meta.persona.name).not.toBe('');
      const cyrillic = /[а-яё]/i.test(snapshot.touchpoints[0]!.title);
      expect(cyrillic).toBe(locale === 'ru');
      expect(snapshot.notes.length).toBeGreaterThan(0);
      // Stage layers with a cell per stage, and a KPI row with its figures.
      expect(snapshot.layers.length).toBeGreaterThanOrEqual(5);
      expect(snapshot.cells).toHaveLength(snapshot.layers.length * snapshot.stages.length);
      const kpi = snapshot.layers.find((l) => l.kind === 'kpi')!;
      expect(snapshot.cells.filter((c) => c.layerId === kpi.id).every((c) => c.metric !== '' && c.target !== null)).toBe(true);
      // Dated back from the server's today: voices are recent and most cards are not quiet.
      const now = new Date(NOW);
      for (const quote of snapshot.quotes) expect(Date.parse(`${quote.date}T00:00:00Z`)).toBeLessThanOrEqual(NOW);
      const active = snapshot.touchpoints.filter((tp) => tp.status !== 'retired');
      const quiet = active.filter((tp) => isQuiet(snapshot.quotes.filter((q) => q.touchpointId === tp.id), now, snapshot.meta.cadenceDays));
      expect(quiet.length).toBeLessThan(active.length / 2);
    }
  });

  it('gives the sample map its saved review, seen in the list and in the review list', async () => {
    const { id } = (await api(shared.url, 'POST', '/api/maps', { title: 'Sample', template: 'sample', locale: 'ru' })).body as { id: string };
    const reviews = (await api(shared.url, 'GET', `/api/maps/${id}/reviews`)).body as { name: string; createdAt: string }[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.name).toBe('Квартальная ревизия');
    expect(NOW - Date.parse(reviews[0]!.createdAt)).toBeGreaterThan(30 * DAY_MS);
    const entry = (await listMaps()).find((m) => m.id === id)!;
    expect(entry.lastReviewAt).toBe(reviews[0]!.createdAt);
    expect(entry.quietCount).toBeLessThan(entry.touchpointCount / 2);
  });

  it('keeps default and blank, and refuses an unknown template with the ids it knows, creating nothing', async () => {
    const before = (await listMaps()).length;
    for (const template of ['default', 'blank']) {
      expect((await api(shared.url, 'POST', '/api/maps', { title: template, template })).status).toBe(201);
    }
    const refused = await api(shared.url, 'POST', '/api/maps', { title: 'Nope', template: 'retail' });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: string }).error).toBe(
      `template must be one of default, blank, none, ${GALLERY_TEMPLATE_IDS.join(', ')}`,
    );
    expect((await listMaps()).length).toBe(before + 2);
  });

  it('asks for the administrator on a server with AUTH_SECRET', async () => {
    const secret = 'a long enough secret for tests';
    const server = await startTestServer({ authSecret: secret });
    try {
      expect((await authedApi(server.url, 'GET', '/api/templates', {})).status).toBe(401);
      const admin = await authedApi(server.url, 'GET', '/api/templates?locale=ru', { Authorization: `Bearer ${secret}` });
      expect(admin.status).toBe(200);
      expect((admin.body as TemplateSummary[]).length).toBe(GALLERY_TEMPLATE_IDS.length);
    } finally {
      await server.close();
    }
  });
});
