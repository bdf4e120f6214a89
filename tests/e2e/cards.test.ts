// Issue 13, "cards tell the story": after Fit, a 20-card map on a 1440×900 screen shows each
// card's top notes and freshest quote as text; the emotion curve has a point per touchpoint
// that selects its card, and can be dragged taller (kept after a reload).
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportMapJson } from '../../src/domain/format';
import type { Channel, JourneyMapSnapshot, Note, Quote, Stage, Touchpoint } from '../../src/domain/types';
import { READING_ZOOM } from '../../src/canvas/nodes';
import { curveY, planPng } from '../../src/canvas/pngLayout';
import { withPersonaColumn } from '../../src/canvas/personaLayout';
import { cardContent, cardHeight } from '../../src/domain/cardContent';
import { touchpointCurvePoints } from '../../src/domain/curve';
import { computeGrid, GRID } from '../../src/domain/grid';
import { downloadFrom, measurePng, pngSize, readDownload } from './png';
import { writeFileSync } from 'node:fs';
import { attr, card, describeE2E, poll, ROOT, screenshot, useAppAndBrowser } from './harness';

const STAGES = ['Discover', 'Choose', 'Buy', 'Use', 'Leave'];
const CHANNELS = ['Website', 'Phone', 'Office', 'Chat'];
const createdAt = '2026-01-10T09:00:00.000Z';

/** 5 stages × 4 channels, one card per cell, each with a Fix, a WOW, a Plan B and two quotes. */
function storyMap(): JourneyMapSnapshot {
  const stages: Stage[] = STAGES.map((title, i) => ({ id: `st${i}`, title, color: '#6366f1', order: i + 1, owner: '' }));
  const channels: Channel[] = CHANNELS.map((title, i) => ({ id: `ch${i}`, title, color: '#0ea5e9', order: i + 1, owner: '' }));
  const touchpoints: Touchpoint[] = [];
  const notes: Note[] = [];
  const quotes: Quote[] = [];
  stages.forEach((stage, s) =>
    channels.forEach((channel, c) => {
      const id = `tp${s}${c}`;
      touchpoints.push({
        id,
        title: `${stage.title} by ${channel.title.toLowerCase()}`,
        description: '',
        stageId: stage.id,
        channelId: channel.id,
        order: 1,
        status: 'active',
        owner: '',
        expectation: 3,
        perception: 1 + ((s + c) % 5),
        createdAt,
      });
      const note = (kind: Note['kind'], text: string, votes: number, status: Note['status'] = 'idea'): Note => ({
        id: `${id}${kind}${votes}${status}`,
        touchpointId: id,
        kind,
        text,
        status,
        owner: '',
        votes,
        createdAt,
      });
      notes.push(
        note('fix', `Shorter form ${id}`, 3),
        note('fix', `Done long ago ${id}`, 9, 'done'),
        note('wow', `Handwritten thanks ${id}`, 1),
        note('planB', `Call back in 1 h ${id}`, 0),
      );
      const quote = (n: number, text: string, date: string): Quote => ({
        id: `${id}q${n}`,
        touchpointId: id,
        text,
        source: n === 1 ? 'interview' : 'survey',
        sentiment: 'negative',
        who: 'Anna',
        date,
        link: '',
        createdAt,
      });
      quotes.push(quote(0, `Old words ${id}`, '2025-09-01'), quote(1, `Where is the price? ${id}`, '2026-02-03'));
    }),
  );
  return {
    meta: { title: 'Mortgage journey', scenario: '', persona: { name: '', description: '', goal: '', quote: '', photo: '' }, cadenceDays: 90, createdAt },
    stages,
    channels,
    touchpoints,
    connections: [],
    notes,
    quotes,
    layers: [],
    cells: [],
  };
}

const zoomOf = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

/** The on-screen size (px) of a line of card text: its font size times the zoom. */
const screenFontSize = async (page: Page, selector: string) =>
  (await page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))) * (await zoomOf(page));

function keepInDocs(file: string, name: string) {
  copyFileSync(file, path.join(ROOT, 'docs', name));
}

describeE2E('cards tell the story', () => {
  const e2e = useAppAndBrowser();

  async function openStoryMap() {
    const response = await fetch(`${e2e.app.url}/api/maps/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: exportMapJson(storyMap(), [], new Date()),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const opened = await e2e.openPage();
    await opened.page.setViewportSize({ width: 1440, height: 900 });
    await opened.page.addInitScript(() =>
      localStorage.setItem('cjm-studio.identity', JSON.stringify({ id: 'e2eCards1', name: 'Vera', color: '#2563eb' })),
    );
    await opened.page.goto(`/#/map/${id}`);
    await poll(() => opened.page.getByTestId('touchpoint-card').count()).toBe(20);
    return opened;
  }

  it('after Fit, a 20-card map shows every card’s top notes and freshest quote as text', async () => {
    const { page, errors } = await openStoryMap();
    await page.getByTestId('toolbar-fit').click();
    await poll(async () => (await zoomOf(page)) >= READING_ZOOM).toBe(true);

    for (const [s] of STAGES.entries()) {
      for (const [c] of CHANNELS.entries()) {
        const id = `tp${s}${c}`;
        const tp = card(page, id);
        // Open notes first: the done one with more votes waits behind.
        await poll(() => tp.getByTestId('tp-note-fix').textContent()).toBe(`Shorter form ${id}`);
        expect(await tp.getByTestId('tp-note-wow').textContent()).toBe(`Handwritten thanks ${id}`);
        expect(await tp.getByTestId('tp-note-planB').textContent()).toBe(`Call back in 1 h ${id}`);
        expect(await tp.getByTestId('tp-quote').locator('q').textContent()).toBe(`Where is the price? ${id}`);
        expect(await tp.getByTestId('tp-quote-from').textContent()).toBe('Interview, Feb 3, 2026');
        // Two notes and a quote are not on the card.
        expect(await tp.getByTestId('tp-more').textContent()).toBe('+2 more');
        // Every card is wholly on the screen, and its lines are not clipped by the card.
        const box = (await tp.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(1440);
        expect(box.y + box.height).toBeLessThanOrEqual(900);
        const more = (await tp.getByTestId('tp-more').boundingBox())!;
        expect(more.y + more.height).toBeLessThanOrEqual(box.y + box.height);
      }
    }
    // Legible: a note line is at least 8 px tall on screen.
    expect(await screenFontSize(page, '.cjm-card__note')).toBeGreaterThanOrEqual(8);
    keepInDocs(await screenshot(page, 'cards-fit'), 'cards.png');

    // Zoomed out below reading zoom a card shows its title and counters only.
    await page.locator('.react-flow__pane').hover({ position: { x: 700, y: 400 } });
    for (let i = 0; i < 6 && (await zoomOf(page)) >= READING_ZOOM; i++) {
      await page.mouse.wheel(0, 300);
      await page.waitForTimeout(50);
    }
    await poll(() => page.getByTestId('tp-note-fix').count()).toBe(0);
    expect(await card(page, 'tp00').getByTestId('tp-count-fix').textContent()).toBe('2');
    expect(errors).toEqual([]);
  });

  it('a curve point names its card, selects it on a click, and the curve can be dragged taller', async () => {
    const { page, errors } = await openStoryMap();
    await page.getByTestId('toolbar-fit').click();
    // The dots are drawn one path per tone: 20 zero-length subpaths, each at its own x.
    const dots = await page.locator('[data-testid^="emotion-dots-"]').evaluateAll((els) =>
      els.flatMap((el) => [...(el.getAttribute('d') ?? '').matchAll(/M([-\d.]+),([-\d.]+)h0/g)].map((m) => Number(m[1]))),
    );
    expect(dots).toHaveLength(20);
    expect(new Set(dots).size).toBe(20);

    // Point at tp21's dot: where the curve places it, through the canvas's pan and zoom.
    const map = storyMap();
    const inOrder = <T extends { order: number }>(list: T[]) => [...list].sort((a, b) => a.order - b.order);
    const columns = computeGrid(inOrder(map.stages), [], []).columns;
    const spot = touchpointCurvePoints(columns, inOrder(map.channels), map.touchpoints).find((p) => p.touchpointId === 'tp21')!;
    const { tx, zoom } = await page.locator('.react-flow__viewport').evaluate((el) => {
      const m = new DOMMatrix(getComputedStyle(el).transform);
      return { tx: m.e, zoom: m.a };
    });
    const svg = (await page.locator('.cjm-curve__svg').boundingBox())!;
    const height = Number(await page.getByTestId('emotion-curve').getAttribute('data-height'));
    const at = { x: svg.x + tx + spot.x * zoom, y: svg.y + curveY(spot.value, height) };
    await page.mouse.move(at.x, at.y);
    await poll(() => page.getByTestId('curve-tooltip').textContent()).toBe('Buy by phone (Buy): +1');
    const point = page.getByTestId('emotion-touchpoint');
    expect(await point.getAttribute('data-touchpoint-id')).toBe('tp21');
    expect(await point.getAttribute('data-value')).toBe('1');
    // Away from every dot, no tooltip.
    await page.mouse.move(at.x, svg.y + 2);
    await poll(() => page.getByTestId('curve-tooltip').count()).toBe(0);
    await page.mouse.click(at.x, at.y);
    await poll(() => card(page, 'tp21').evaluate((el) => el.classList.contains('is-selected'))).toBe(true);
    await poll(() => page.getByTestId('touchpoint-panel').getByTestId('field-title').inputValue()).toBe('Buy by phone');

    // Drag the curve's top edge 120 px up: it is 120 px taller, and stays so after a reload.
    const curve = page.getByTestId('emotion-curve');
    const before = Number(await curve.getAttribute('data-height'));
    const handle = (await page.getByTestId('curve-resize').boundingBox())!;
    await page.mouse.move(handle.x + 400, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 400, handle.y + handle.height / 2 - 60, { steps: 4 });
    await page.mouse.move(handle.x + 400, handle.y + handle.height / 2 - 120, { steps: 4 });
    await page.mouse.up();
    await poll(attr(curve, 'data-height')).toBe(String(before + 120));
    expect((await curve.boundingBox())!.height).toBeCloseTo(before + 120, 0);
    keepInDocs(await screenshot(page, 'cards-curve'), 'curve.png');

    await page.reload();
    await poll(attr(page.getByTestId('emotion-curve'), 'data-height')).toBe(String(before + 120));
    expect(errors).toEqual([]);
  });

  it('the PNG draws the cards with their content, a point per touchpoint on the curve, and a legend', async () => {
    const { page, errors } = await openStoryMap();
    // Zoomed out so far that the cards on screen show only their counters: the picture still has the content.
    while ((await zoomOf(page)) >= READING_ZOOM) await page.locator('.react-flow__controls-zoomout').click();
    await poll(() => page.getByTestId('tp-quote').count()).toBe(0);
    const png = await readDownload(await downloadFrom(page, 'export-menu', 'export-png'));
    const map = storyMap();
    const heights = new Map(
      map.touchpoints.map((tp) => [
        tp.id,
        cardHeight(
          cardContent(
            map.notes.filter((n) => n.touchpointId === tp.id),
            map.quotes.filter((q) => q.touchpointId === tp.id),
          ),
        ),
      ]),
    );
    const grid = computeGrid(map.stages, map.channels, map.touchpoints, [], heights);
    // The picture starts at the persona card, left of the grid.
    const picture = withPersonaColumn(grid);
    const plan = planPng(picture);
    expect(pngSize(png)).toEqual({ width: plan.canvasWidth, height: plan.canvasHeight });
    writeFileSync(path.join(ROOT, 'docs', 'cards-export.png'), png);

    const s = plan.scale;
    const scaled = (r: { x: number; y: number; width: number; height: number }) => ({
      x: Math.round(r.x * s),
      y: Math.round(r.y * s),
      width: Math.round(r.width * s),
      height: Math.round(r.height * s),
    });
    // tp00 rates 1 against 3 (−2): its point is red, under its own card; tp10's (−1) beside it in the next stage.
    const points = touchpointCurvePoints(picture.columns, map.channels, map.touchpoints);
    const dot = (id: string) => {
      const p = points.find((q) => q.touchpointId === id)!;
      return scaled({ x: plan.curve.x + p.x - 3, y: plan.curve.y + curveY(p.value, plan.curve.height) - 3, width: 6, height: 6 });
    };
    const at = grid.positions.get('tp00')!;
    const cardBox = { x: plan.grid.x + at.x - picture.left, y: plan.grid.y + at.y, width: GRID.cardWidth, height: heights.get('tp00')! };
    // The card's quote and note lines, under its title: text is drawn there (it is blank on a plain card).
    const contentBand = scaled({ x: cardBox.x + 10, y: cardBox.y + 56, width: GRID.cardWidth - 20, height: cardBox.height - 90 });
    const measured = await measurePng(page, png, {
      dot00: dot('tp00'),
      dot10: dot('tp10'),
      content: contentBand,
      legend: scaled(plan.legend),
      blankUnderLegend: scaled({ x: 0, y: plan.legend.y + plan.legend.height + 4, width: plan.width, height: 20 }),
    });
    expect(measured.regions.dot00!.red).toBeGreaterThan(10);
    expect(measured.regions.dot10!.red).toBeGreaterThan(10);
    expect(measured.regions.content!.dark).toBeGreaterThan(400);
    // The legend's words and icons.
    expect(measured.regions.legend!.dark).toBeGreaterThan(2000);
    expect(measured.regions.blankUnderLegend!.dark).toBe(0);
    expect(errors).toEqual([]);
  });
});
