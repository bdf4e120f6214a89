// The template gallery: every template is a valid journey map file in both languages, checked
// by the same validator imports use, and the sample map carries what it promises to show.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapJson, serializeMapFile } from '../../../src/domain/format';
import { GALLERY, GALLERY_TEMPLATE_IDS, galleryFile, galleryList, SAMPLE_TEMPLATE_ID } from '../../../src/domain/gallery';
import { LOCALES } from '../../../src/domain/locale';
import { diffMaps } from '../../../src/domain/review/diff';
import { isQuiet } from '../../../src/domain/satisfaction';
import { QUOTE_SOURCES } from '../../../src/domain/types';

const NOW = new Date('2026-12-07T10:00:00Z');
const DAY_MS = 86_400_000;

function parsed(id: (typeof GALLERY_TEMPLATE_IDS)[number], locale: 'en' | 'ru', now = NOW) {
  const result = parseMapJson(serializeMapFile(galleryFile(id, locale, now)));
  if (!result.ok) throw new Error(`${id} (${locale}): ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  expect(result.warnings, `${id} (${locale})`).toEqual([]);
  return result.value;
}

describe('template gallery', () => {
  it('has the six journeys and the sample map, each with unique ids', () => {
    expect(new Set(GALLERY_TEMPLATE_IDS).size).toBe(GALLERY_TEMPLATE_IDS.length);
    expect(GALLERY_TEMPLATE_IDS).toEqual(expect.arrayContaining(['retail-online', 'bank-card', 'telecom-connection', 'saas-onboarding', 'hotel-stay', 'b2b-support', 'sample']));
    for (const id of GALLERY_TEMPLATE_IDS) expect(GALLERY[id].id, id).toBe(id);
    expect(GALLERY_TEMPLATE_IDS).not.toContain('default');
    expect(GALLERY_TEMPLATE_IDS).not.toContain('blank');
  });

  it.each(GALLERY_TEMPLATE_IDS.flatMap((id) => LOCALES.map((locale) => [id, locale] as const)))('%s in %s is a valid map file with content', (id, locale) => {
    const { snapshot } = parsed(id, locale);
    expect(snapshot.meta.title).not.toBe('');
    expect(snapshot.meta.scenario).not.toBe('');
    expect(snapshot.meta.persona.name).not.toBe('');
    expect(snapshot.meta.persona.description).not.toBe('');
    expect(snapshot.meta.persona.goal).not.toBe('');
    expect(snapshot.stages.length).toBeGreaterThanOrEqual(4);
    expect(snapshot.channels.length).toBeGreaterThanOrEqual(3);
    expect(snapshot.touchpoints.length).toBeGreaterThanOrEqual(4);
    expect(snapshot.notes.some((n) => n.text !== '' && n.owner !== '')).toBe(true);
    expect(snapshot.quotes.length).toBeGreaterThan(0);
    // Stage layers with their cells, a KPI row with metric, actual and target per stage.
    expect(snapshot.layers.map((l) => l.kind)).toEqual(expect.arrayContaining(['actions', 'thoughts', 'pains', 'opportunities', 'kpi']));
    expect(snapshot.cells.length).toBe(snapshot.layers.length * snapshot.stages.length);
    const kpi = snapshot.layers.find((l) => l.kind === 'kpi')!;
    for (const cell of snapshot.cells.filter((c) => c.layerId === kpi.id)) {
      expect(cell.metric).not.toBe('');
      expect(cell.actual).not.toBeNull();
      expect(cell.target).not.toBeNull();
    }
    expect(snapshot.cells.filter((c) => c.layerId !== kpi.id).every((c) => c.text !== '')).toBe(true);
    // Every entity id is unique within the map.
    const ids = [snapshot.stages, snapshot.channels, snapshot.touchpoints, snapshot.connections, snapshot.notes, snapshot.quotes, snapshot.layers, snapshot.cells].flat().map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes each language in its own words, with the same structure', () => {
    for (const id of GALLERY_TEMPLATE_IDS) {
      const en = parsed(id, 'en').snapshot;
      const ru = parsed(id, 'ru').snapshot;
      expect(ru.touchpoints.length).toBe(en.touchpoints.length);
      expect(ru.notes.length).toBe(en.notes.length);
      const texts = (s: typeof en) => [
        s.meta.title,
        ...s.stages.map((x) => x.title),
        ...s.touchpoints.map((x) => x.title),
        ...s.notes.map((n) => n.text),
        ...s.quotes.map((q) => q.text),
        ...s.layers.map((l) => l.title),
        ...s.cells.filter((c) => c.text !== '').map((c) => c.text),
      ];
      // Russian text is Cyrillic; nothing English left untranslated (brands and metrics aside).
      for (const text of texts(ru)) expect(text, `${id}: ${text}`).toMatch(/[а-яё]/i);
      for (const text of texts(en)) expect(text, `${id}: ${text}`).not.toMatch(/[а-яё]/i);
    }
  });

  it('gives every template stage layers with one cell per stage, and a KPI row with targets', () => {
    for (const id of GALLERY_TEMPLATE_IDS) {
      const content = GALLERY[id];
      expect(content.layers.map((l) => l.kind), id).toEqual(expect.arrayContaining(['actions', 'thoughts', 'pains', 'opportunities', 'kpi']));
      for (const layer of content.layers) {
        expect(layer.cells, `${id} ${layer.title.en}`).toHaveLength(content.stages.length);
        if (layer.kind !== 'kpi') continue;
        for (const cell of layer.cells) {
          expect(cell!.metric.en.length).toBeLessThanOrEqual(40);
          expect(cell!.metric.ru.length).toBeLessThanOrEqual(40);
          expect(Number.isFinite(cell!.actual) && Number.isFinite(cell!.target)).toBe(true);
        }
      }
    }
  });

  it('lists the gallery per language with titles, descriptions and touchpoint counts', () => {
    for (const locale of LOCALES) {
      const list = galleryList(locale);
      expect(list.map((t) => t.id)).toEqual([...GALLERY_TEMPLATE_IDS]);
      for (const entry of list) {
        expect(entry.language).toBe(locale);
        expect(entry.touchpoints).toBe(parsed(entry.id, locale).snapshot.touchpoints.length);
        expect(entry.description.length).toBeGreaterThan(20);
      }
    }
    expect(galleryList('ru').find((t) => t.id === 'bank-card')!.title).toMatch(/[а-яё]/i);
  });

  it('dates quotes back from the day the map is made, so a new map is not quiet', () => {
    for (const now of [NOW, new Date('2031-03-15T08:00:00Z')]) {
      for (const id of GALLERY_TEMPLATE_IDS) {
        const { snapshot } = parsed(id, 'en', now);
        for (const quote of snapshot.quotes) {
          const age = (now.getTime() - Date.parse(`${quote.date}T00:00:00Z`)) / DAY_MS;
          expect(age, `${id}: ${quote.text}`).toBeGreaterThanOrEqual(0);
          expect(age).toBeLessThan(400);
        }
        const active = snapshot.touchpoints.filter((tp) => tp.status !== 'retired');
        const quiet = active.filter((tp) => isQuiet(snapshot.quotes.filter((q) => q.touchpointId === tp.id), now, snapshot.meta.cadenceDays));
        expect(quiet.length / active.length, id).toBeLessThan(0.5);
      }
    }
  });
});

describe('sample map', () => {
  it('is a filled journey with notes, voices of three sources, ratings and one saved review', () => {
    for (const locale of LOCALES) {
      const { snapshot, reviews } = parsed(SAMPLE_TEMPLATE_ID, locale);
      expect(snapshot.touchpoints.length).toBeGreaterThanOrEqual(12);
      for (const kind of ['fix', 'wow', 'planB'] as const) {
        expect(snapshot.notes.filter((n) => n.kind === kind && n.owner !== '' && n.votes > 0).length, kind).toBeGreaterThanOrEqual(2);
      }
      const sources = new Set(snapshot.quotes.map((q) => q.source));
      for (const source of ['survey', 'review', 'interview'] as const) expect(sources.has(source), source).toBe(true);
      expect([...sources].every((s) => (QUOTE_SOURCES as readonly string[]).includes(s))).toBe(true);
      expect(snapshot.quotes.every((q) => /^\d{4}-\d{2}-\d{2}$/.test(q.date) && q.who !== '')).toBe(true);
      expect(snapshot.touchpoints.filter((tp) => tp.expectation !== null && tp.perception !== null).length).toBeGreaterThanOrEqual(12);
      expect(snapshot.connections.length).toBeGreaterThanOrEqual(10);

      expect(reviews).toHaveLength(1);
      const [review] = reviews;
      expect(Date.parse(review!.createdAt)).toBeLessThan(NOW.getTime());
      // The review shows what changed since: a card added after it, one retired since, fixes closed.
      const then = new Set(review!.snapshot.touchpoints.map((tp) => tp.id));
      expect(snapshot.touchpoints.some((tp) => !then.has(tp.id) && tp.status === 'new')).toBe(true);
      const retired = snapshot.touchpoints.find((tp) => tp.status === 'retired')!;
      expect(review!.snapshot.touchpoints.find((tp) => tp.id === retired.id)!.status).toBe('active');
      expect(Object.keys(review!.checklist).sort()).toEqual([...then].sort());

      // Compared with today's map, the review tells the story of a quarter's work.
      const diff = diffMaps(review!.snapshot, snapshot);
      expect(diff.touchpoints.added).toHaveLength(1);
      expect(diff.touchpoints.retired).toHaveLength(1);
      expect(diff.notes.closed.length).toBeGreaterThanOrEqual(1);
      expect(diff.notes.added.length).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('the gallery stays out of the browser bundle', () => {
  it('is imported by browser code only for its ids', () => {
    const src = join(import.meta.dirname, '../../../src');
    const offenders: string[] = [];
    for (const entry of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(entry) || entry.startsWith('domain')) continue;
      const code = readFileSync(join(src, entry), 'utf8');
      for (const [, from] of code.matchAll(/from '([^']*gallery[^']*)'/g)) if (!from!.endsWith('gallery/ids')) offenders.push(`${entry}: ${from}`);
    }
    expect(offenders).toEqual([]);
  });
});
