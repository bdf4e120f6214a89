// The PDF writer read back by a real reader (poppler's pdftotext): the text is there, selectable,
// in Cyrillic, and a map too big for one page is tiled over labelled pages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDeck } from '../../../src/domain/present/deck';
import { deckWordsFor } from '../../../src/locales/deckWords';
import { PAPER_SIZES, writeDeckPdf } from '../../../src/export/pdf';
import { buildPresentMap } from '../../fixtures/presentMap';
import { makeChannel, makeStage, makeTouchpoint } from '../../fixtures/factories';

const FONT_DIR = path.join(import.meta.dirname, '../../../node_modules/dejavu-fonts-ttf/ttf');
const fonts = { regular: readFileSync(path.join(FONT_DIR, 'DejaVuSans.ttf')), bold: readFileSync(path.join(FONT_DIR, 'DejaVuSans-Bold.ttf')) };
const NOW = new Date('2026-12-07T12:00:00Z');

let hasPoppler = true;
try {
  execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
} catch {
  hasPoppler = false;
  if (process.env.CI === 'true') throw new Error('pdftotext (poppler-utils) is needed in CI');
  console.warn('pdftotext is not installed: the PDF reading tests are skipped');
}

function readBack(bytes: Uint8Array): { text: string; pages: string[]; info: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'cjm-pdf-'));
  const file = path.join(dir, 'deck.pdf');
  writeFileSync(file, bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return { text, pages: text.split('\f'), info };
}

/** pdftotext breaks lines where the layout wraps them: compare words, not line breaks. */
const words = (text: string) => text.replace(/\s+/g, ' ');

// Embedding the fonts and writing the pages take seconds on a busy machine.
describe.skipIf(!hasPoppler)('writeDeckPdf', { timeout: 60_000 }, () => {
  it('holds every touchpoint title, note and quote of a Russian map as text, on A4 landscape', async () => {
    const map = buildPresentMap();
    const deck = buildDeck({ snapshot: map.snapshot, reviews: map.reviews, now: NOW });
    const pdf = readBack(await writeDeckPdf(deck, deckWordsFor('ru'), { paper: 'a4', fonts }));
    const all = words(pdf.text);
    for (const text of [...map.texts.touchpoints, ...map.texts.notes, ...map.texts.quotes, ...map.texts.cells]) expect(all).toContain(text);
    // The KPI of the second stage, against its target.
    expect(words(pdf.pages.find((p) => p.includes('Этап 2 из 6'))!)).toContain('CSAT · факт 3,1 · цель 4 · ниже цели');
    expect(all).toContain('Мария, 34 года');
    expect(all).toContain('Понять полную стоимость кредита');
    // One page per stage with its kicker, then the action plan and the last review.
    for (const stage of deck.stages) expect(pdf.pages.filter((p) => p.includes(`Этап ${stage.number} из ${deck.stages.length}`))).toHaveLength(1);
    expect(all).toContain('План действий');
    expect(all).toContain('Последняя ревизия: 2026 III квартал');
    expect(all).toContain('Калькулятор — главная боль');
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(pdf.info)!;
    expect([Number(size[1]), Number(size[2])]).toEqual([PAPER_SIZES.a4.width, PAPER_SIZES.a4.height].map((n) => Math.round(n * 100) / 100));
  });

  it('lists the action plan most votes first, with status and owner', async () => {
    const map = buildPresentMap();
    const deck = buildDeck({ snapshot: map.snapshot, now: NOW });
    const pdf = readBack(await writeDeckPdf(deck, deckWordsFor('ru'), { paper: 'letter', fonts }));
    const plan = words(pdf.pages.find((p) => p.includes('План действий'))!);
    const first = plan.indexOf('Калькулятор не показывает страховку');
    const second = plan.indexOf('Подарить семье открытку');
    expect(first).toBeGreaterThan(-1);
    expect(second).toBeGreaterThan(first);
    expect(plan).toContain('В работе');
    expect(plan).toContain('Игорь');
    expect(pdf.info).toMatch(/Page size:\s+792 x 612/);
  });

  it('tiles a map too large for one readable page over labelled pages, each card on some page', async () => {
    const stages = Array.from({ length: 12 }, (_, i) => makeStage({ id: `s${i}`, title: `Stage ${i}`, order: i }));
    const channels = Array.from({ length: 6 }, (_, i) => makeChannel({ id: `c${i}`, title: `Channel ${i}`, order: i }));
    const touchpoints = Array.from({ length: 240 }, (_, i) =>
      makeTouchpoint({ id: `tp${i}`, title: `Card ${i}x`, stageId: `s${i % 12}`, channelId: `c${i % 6}`, order: i }),
    );
    const map = buildPresentMap();
    const snapshot = { ...map.snapshot, stages, channels, touchpoints, notes: [], quotes: [] };
    const deck = buildDeck({ snapshot, now: NOW });
    const pdf = readBack(await writeDeckPdf(deck, deckWordsFor('en'), { paper: 'a4', fonts }));
    const parts = pdf.pages.filter((p) => /The whole map — part \d+ of \d+/.test(p));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toContain(`part 1 of ${parts.length} (row 1, column 1)`);
    const overview = words(parts.join(' '));
    for (const tp of touchpoints) expect(overview).toContain(tp.title);
  });
});
