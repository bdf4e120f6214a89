// Export and import as a facilitator meets them: download a map with content as JSON and as
// a PNG of the whole map (checked for size and pixels), import the JSON back as a new map and
// compare, see a broken file refused with its problems and nothing created; the action plan
// CSV, survey quotes from CSV (one undo step), and "Replace with file…" with its backup.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { addConnection, addNote, addQuote, addTouchpoint, initMap, updateTouchpoint } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { exportMapJson, parseMapJson } from '../../src/domain/format';
import { layerRowSpecs } from '../../src/domain/layers';
import { computeGrid, GRID } from '../../src/domain/grid';
import { cardContent, cardHeight } from '../../src/domain/cardContent';
import type { JourneyMapSnapshot } from '../../src/domain/types';
import { planPng, curveY } from '../../src/canvas/pngLayout';
import { withPersonaColumn } from '../../src/canvas/personaLayout';
import { downloadFrom, measurePng, pngSize, readDownload } from './png';
import { ROOT, answerNameDialog, describeE2E, poll, screenshot, useAppAndBrowser, type AppAndBrowser } from './harness';

/** Each card's height as the app lays it out: from the notes and quotes it shows. */
function cardHeightsOf(snapshot: Pick<JourneyMapSnapshot, 'touchpoints' | 'notes' | 'quotes'>): Map<string, number> {
  return new Map(
    snapshot.touchpoints.map((tp) => [
      tp.id,
      cardHeight(
        cardContent(
          snapshot.notes.filter((n) => n.touchpointId === tp.id),
          snapshot.quotes.filter((q) => q.touchpointId === tp.id),
        ),
      ),
    ]),
  );
}

/** Set by the describe block. */
let e2e: AppAndBrowser;

const BAD_FILES = path.join(ROOT, 'tests/fixtures/bad-files');
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const withoutExportedAt = (text: string) => text.replace(/"exportedAt": "[^"]*"/, '"exportedAt": "…"');

/** A map file with content everywhere the PNG must show it: cards far right, arrows, ratings, a saved review. */
function seedFile(title: string): string {
  const doc = new Y.Doc();
  initMap(doc, { title, template: 'default', locale: 'en' });
  const { stages, channels } = readSnapshot(doc);
  const at = (s: number, c: number, name: string, expectation: number, perception: number) => {
    const id = addTouchpoint(doc, { stageId: stages[s]!.id, channelId: channels[c]!.id, title: name, status: 'active' });
    updateTouchpoint(doc, id, { expectation, perception });
    return id;
  };
  const ad = at(0, 0, 'Online ad', 4, 2);
  const pay = at(2, 0, 'Payment page', 3, 4);
  const refund = at(5, 1, 'Refund call', 5, 1);
  addNote(doc, ad, 'fix', 'The ad promises a price the site does not show');
  addNote(doc, pay, 'wow', 'A handwritten thank-you card');
  addNote(doc, refund, 'planB', 'Call back within an hour');
  addQuote(doc, ad, { text: 'Где эта цена?', source: 'survey', sentiment: 'negative', who: 'Анна', date: '2026-01-20', link: '' });
  addQuote(doc, refund, { text: 'They were kind', source: 'interview', sentiment: 'positive', who: '', date: '2026-01-22', link: '' });
  addConnection(doc, ad, pay);
  addConnection(doc, pay, refund);
  const snapshot = readSnapshot(doc);
  const review = { id: 'rv-q4', name: '2025 Q4', summary: 'Payment is fine', createdAt: '2026-01-05T10:00:00.000Z', snapshot, checklist: {} };
  const text = exportMapJson(snapshot, [review], new Date());
  doc.destroy();
  return text;
}

/** A map over the canvas's "big map" size (300 cards), where only cards on screen are rendered. */
function bigSeedFile(title: string, count: number): string {
  const doc = new Y.Doc();
  initMap(doc, { title, template: 'default', locale: 'en' });
  const { stages, channels } = readSnapshot(doc);
  for (let i = 0; i < count; i++) {
    const stage = stages[i % stages.length]!;
    const channel = channels[Math.floor(i / stages.length) % channels.length]!;
    addTouchpoint(doc, { stageId: stage.id, channelId: channel.id, title: `Card ${i + 1}`, status: 'active' });
  }
  const text = exportMapJson(readSnapshot(doc), [], new Date());
  doc.destroy();
  return text;
}

async function importThroughApi(text: string): Promise<string> {
  const res = await fetch(`${e2e.app.url}/api/maps/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const serverExport = async (id: string) => (await fetch(`${e2e.app.url}/api/maps/${id}/export.json`)).text();
const listIds = async () => ((await (await fetch(`${e2e.app.url}/api/maps`)).json()) as { id: string }[]).map((m) => m.id).sort();

async function openMap(page: Page, id: string, firstTime = false) {
  await page.goto(`/#/map/${id}`);
  await page.getByTestId('map-canvas').waitFor();
  if (firstTime) await answerNameDialog(page, null);
  await poll(() => page.getByTestId('stage-header').count()).toBe(6);
}

describeE2E('export and import', () => {
  e2e = useAppAndBrowser();

  it('exports JSON and a PNG of the whole map, imports the JSON as a new map, and refuses a broken file', async () => {
    const { page, errors, context } = await e2e.openPage();
    const seededId = await importThroughApi(seedFile('Покупка тура'));
    await openMap(page, seededId, true);
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(3);
    await poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // A live edit: exports hold what this browser has, synced or not.
    const stageIds = await page.getByTestId('stage-header').evaluateAll((els) => els.map((el) => el.getAttribute('data-stage-id')!));
    const channelIds = await page.getByTestId('channel-header').evaluateAll((els) => els.map((el) => el.getAttribute('data-channel-id')!));
    await page.locator(`[data-testid="grid-cell"][data-stage-id="${stageIds[1]}"][data-channel-id="${channelIds[2]}"]`).dblclick({
      position: { x: 30, y: 20 },
    });
    const field = page.getByTestId('touchpoint-panel').getByTestId('field-title');
    await field.fill('Live edit');
    await field.press('Enter');
    await poll(() => page.getByTestId('touchpoint-card').filter({ hasText: 'Live edit' }).count()).toBe(1);

    // ---- JSON
    const json = await downloadFrom(page, 'export-menu', 'export-json');
    expect(json.suggestedFilename()).toBe(`Покупка тура-${today()}.json`);
    const jsonText = (await readDownload(json)).toString('utf8');
    const parsed = parseMapJson(jsonText);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.snapshot.touchpoints.map((t) => t.title).sort()).toEqual(['Live edit', 'Online ad', 'Payment page', 'Refund call']);
    // Saved reviews live on the server; the browser's export fetched them.
    expect(parsed.value.reviews.map((r) => r.name)).toEqual(['2025 Q4']);
    // Once synced, the server's own export is the same file.
    await poll(async () => (await serverExport(seededId)).includes('Live edit')).toBe(true);
    expect(withoutExportedAt(await serverExport(seededId))).toBe(withoutExportedAt(jsonText));

    // ---- PNG, zoomed in first: the picture must still hold the whole map, not the viewport.
    await page.getByTestId('touchpoint-panel').getByTestId('close-panel').click().catch(() => {});
    const refundCard = page.getByTestId('touchpoint-card').filter({ hasText: 'Refund call' });
    const canvasBox = (await page.locator('.react-flow').boundingBox())!;
    const offScreen = async () => {
      const box = await refundCard.boundingBox();
      return box === null || box.x > canvasBox.x + canvasBox.width || box.y > canvasBox.y + canvasBox.height;
    };
    // Zoomed in until the far-right card is off screen (how far depends on the map's height, layer rows included).
    for (let i = 0; i < 8 && !(await offScreen()); i++) await page.locator('.react-flow__controls-zoomin').click();
    expect(await offScreen()).toBe(true);

    const started = Date.now();
    const pngDownload = await downloadFrom(page, 'export-menu', 'export-png');
    const png = await readDownload(pngDownload);
    const elapsed = Date.now() - started;
    expect(pngDownload.suggestedFilename()).toBe(`Покупка тура-${today()}.png`);
    const size = pngSize(png);
    const seeded = parsed.value.snapshot;
    // The template's stage layers are rows of the grid too (above and below the lanes).
    const layerRows = layerRowSpecs(seeded.layers, Object.fromEntries(seeded.cells.map((c) => [c.id, c])), seeded.stages);
    expect(layerRows).toHaveLength(4);
    const grid = computeGrid(seeded.stages, seeded.channels, seeded.touchpoints, layerRows, cardHeightsOf(seeded));
    // The picture starts at the persona card, left of the grid.
    const picture = withPersonaColumn(grid);
    const plan = planPng(picture);
    console.log(`PNG of the template map with 4 touchpoints: ${size.width}×${size.height} px, ${png.length} bytes, ${elapsed} ms`);
    // Twice the whole grid (6 stages, 6 channels), plus the header and the curve.
    expect(grid.width).toBe(GRID.laneHeaderWidth + 6 * GRID.columnWidth);
    expect(size).toEqual({ width: plan.canvasWidth, height: plan.canvasHeight });
    expect(size.width).toBeGreaterThanOrEqual(2 * grid.width);
    expect(size.height).toBeGreaterThanOrEqual(2 * grid.height);

    // Not blank: the header's title, the far-right card (off screen when exported) and the
    // curve's red point under the last stage (Refund call: 1 − 5 = −4) are all drawn.
    const scale = plan.scale;
    const refund = parsed.value.snapshot.touchpoints.find((t) => t.title === 'Refund call')!;
    const refundAt = grid.positions.get(refund.id)!;
    const lastColumn = picture.columns[5]!;
    const curvePoint = { x: plan.curve.x + lastColumn.x + lastColumn.width / 2, y: plan.curve.y + curveY(-4) };
    const measured = await measurePng(page, png, {
      title: { x: plan.header.x * scale, y: plan.header.y * scale, width: 400 * scale, height: 40 * scale },
      refundCard: {
        x: Math.round((plan.grid.x + refundAt.x - picture.left) * scale),
        y: Math.round((plan.grid.y + refundAt.y) * scale),
        width: GRID.cardWidth * scale,
        height: GRID.cardHeight * scale,
      },
      curvePoint: { x: Math.round((curvePoint.x - 4) * scale), y: Math.round((curvePoint.y - 4) * scale), width: 8 * scale, height: 8 * scale },
      emptyMargin: { x: 0, y: 0, width: plan.grid.x * scale - 2, height: 20 },
    });
    expect(measured.nonWhiteShare).toBeGreaterThan(0.05);
    expect(measured.regions.title!.dark).toBeGreaterThan(100);
    expect(measured.regions.refundCard!.dark).toBeGreaterThan(100);
    expect(measured.regions.curvePoint!.red).toBeGreaterThan(20);
    expect(measured.regions.emptyMargin!.dark).toBe(0);
    // The canvas is back where the user left it.
    expect(await refundCard.boundingBox().then((b) => b === null || b.x > canvasBox.x + canvasBox.width || b.y > canvasBox.y + canvasBox.height)).toBe(true);
    await screenshot(page, 'io-map');

    // ---- import the JSON as a new map, from the list
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('map-list').waitFor();
    const before = await listIds();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-json').click()]);
    await chooser.setFiles({ name: json.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(jsonText) });
    await page.waitForURL((url) => url.hash.startsWith('#/map/') && !url.hash.includes(seededId));
    const importedId = decodeURIComponent(new URL(page.url()).hash.slice('#/map/'.length));
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(4);
    expect((await listIds()).length).toBe(before.length + 1);
    // The documented round trip: the new map exports to the same file, apart from exportedAt.
    expect(withoutExportedAt(await serverExport(importedId))).toBe(withoutExportedAt(jsonText));

    // ---- a broken file: its problems are shown and nothing is created
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('map-list').waitFor();
    const expected = JSON.parse(readFileSync(path.join(BAD_FILES, 'expected.json'), 'utf8')) as Record<string, { path: string; message: string }>;
    const beforeBad = await listIds();
    await poll(() => page.getByTestId('map-row').count()).toBe(beforeBad.length);
    const [badChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-json').click()]);
    await badChooser.setFiles(path.join(BAD_FILES, 'connection-to-nowhere.json'));
    const dialog = page.getByTestId('import-problems');
    await dialog.waitFor();
    const want = expected['connection-to-nowhere.json']!;
    const problem = dialog.getByTestId('import-problem').filter({ hasText: want.path });
    await poll(() => problem.count()).toBeGreaterThan(0);
    expect(await problem.first().getByTestId('import-problem-path').textContent()).toBe(want.path);
    expect(await problem.first().getByTestId('import-problem-message').textContent()).toContain(want.message);
    await screenshot(page, 'io-problems');
    await dialog.getByTestId('import-problems-close').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await listIds()).toEqual(beforeBad);
    expect(await page.getByTestId('map-row').count()).toBe(beforeBad.length);
    expect(new URL(page.url()).hash).toBe('#/');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws every card of a big map, also those not rendered on screen, then gives the canvas back', async () => {
    const { page, errors, context } = await e2e.openPage();
    const id = await importThroughApi(bigSeedFile('Big map', 320));
    await openMap(page, id, true);
    for (let i = 0; i < 8; i++) await page.locator('.react-flow__controls-zoomin').click();
    // Zoomed in, a big map renders only what is on screen.
    await poll(() => page.getByTestId('touchpoint-card').count()).toBeLessThan(120);
    const onScreen = await page.getByTestId('touchpoint-card').count();

    const started = Date.now();
    const download = await downloadFrom(page, 'export-menu', 'export-png');
    const png = await readDownload(download);
    const size = pngSize(png);
    console.log(`PNG of a 320-touchpoint map: ${size.width}×${size.height} px, ${png.length} bytes, ${Date.now() - started} ms`);
    const file = parseMapJson(bigSeedFile('Big map', 320));
    if (!file.ok) throw new Error('the seed does not parse');
    const { stages, channels, touchpoints, layers, cells } = file.value.snapshot;
    const grid = computeGrid(
      stages,
      channels,
      touchpoints,
      layerRowSpecs(layers, Object.fromEntries(cells.map((c) => [c.id, c])), stages),
      cardHeightsOf(file.value.snapshot),
    );
    const picture = withPersonaColumn(grid);
    const plan = planPng(picture);
    expect(size).toEqual({ width: plan.canvasWidth, height: plan.canvasHeight });
    // The last card of the bottom-right cell, far off screen when the export started.
    const last = touchpoints.filter((t) => t.stageId === stages.at(-1)!.id && t.channelId === channels.at(-1)!.id).at(-1)!;
    const at = grid.positions.get(last.id)!;
    const measured = await measurePng(page, png, {
      lastCard: {
        x: Math.round((plan.grid.x + at.x - picture.left) * plan.scale),
        y: Math.round((plan.grid.y + at.y) * plan.scale),
        width: GRID.cardWidth * plan.scale,
        height: GRID.cardHeight * plan.scale,
      },
    });
    expect(measured.regions.lastCard!.dark).toBeGreaterThan(100);
    // The canvas is back to rendering what is on screen.
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(onScreen);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports JSON files dropped onto the list, showing a hint while dragging', async () => {
    const { page, errors, context } = await e2e.openPage();
    await page.goto('/');
    await page.getByTestId('map-list').waitFor();
    const before = await listIds();
    const drop = async (name: string, text: string) => {
      const dataTransfer = await page.evaluateHandle(
        ({ name, text }) => {
          const dt = new DataTransfer();
          dt.items.add(new File([text], name, { type: 'application/json' }));
          return dt;
        },
        { name, text },
      );
      const list = page.getByTestId('map-list');
      await list.dispatchEvent('dragenter', { dataTransfer });
      await list.dispatchEvent('dragover', { dataTransfer });
      await page.getByTestId('map-list-drop-hint').waitFor();
      await list.dispatchEvent('drop', { dataTransfer });
      await page.getByTestId('map-list-drop-hint').waitFor({ state: 'detached' });
    };

    await drop('not-json.json', readFileSync(path.join(BAD_FILES, 'not-json-trailing-comma.json'), 'utf8'));
    await page.getByTestId('import-problems').waitFor();
    expect(await page.getByTestId('import-problem-path').first().textContent()).toBe('$');
    expect(await page.getByTestId('import-problem-message').first().textContent()).toContain('is not valid JSON');
    await page.getByTestId('import-problems-close').click();
    expect(await listIds()).toEqual(before);

    await drop('Dropped.json', seedFile('Dropped map'));
    await page.waitForURL((url) => url.hash.startsWith('#/map/'));
    await answerNameDialog(page, null);
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(3);
    expect((await listIds()).length).toBe(before.length + 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the action plan as CSV and imports survey quotes in one undoable step', async () => {
    const { page, errors, context } = await e2e.openPage();
    const id = await importThroughApi(seedFile('Quotes map'));
    await openMap(page, id, true);
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(3);

    const csv = await downloadFrom(page, 'export-menu', 'export-csv');
    expect(csv.suggestedFilename()).toBe(`Quotes map-${today()}.csv`);
    const csvText = (await readDownload(csv)).toString('utf8');
    expect(csvText.startsWith('\uFEFFMap,Stage,Channel,Touchpoint,Kind,Text,Status,Owner,Votes\r\n')).toBe(true);
    expect(csvText).toContain('Quotes map,Discover,Website,Online ad,Fix,The ad promises a price the site does not show,Idea,,0');

    // A Russian survey export, with a row for a touchpoint that does not exist.
    const card = (title: string) => page.getByTestId('touchpoint-card').filter({ hasText: title });
    const quotes = (title: string) => card(title).getByTestId('tp-count-quotes');
    expect(await quotes('Payment page').textContent()).toBe('0');
    const survey = ['Дата;Точка контакта;Отзыв;Тональность', '20.01.2026;Payment page;Оплата прошла быстро;позитив', '21.01.2026;payment  PAGE;Всё ок;', '22.01.2026;Касса;Очередь;негатив', ''].join('\r\n');
    await page.getByTestId('import-menu').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-quotes-csv').click()]);
    await chooser.setFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(survey) });
    const dialog = page.getByTestId('quote-import-dialog');
    await dialog.waitFor();
    // Columns guessed from the Russian header.
    expect(await dialog.getByTestId('quote-map-touchpoint').inputValue()).toBe('1');
    expect(await dialog.getByTestId('quote-map-text').inputValue()).toBe('2');
    expect(await dialog.getByTestId('quote-map-date').inputValue()).toBe('0');
    await poll(() => dialog.getByTestId('quote-import-matched').getAttribute('data-count')).toBe('2');
    const unmatched = dialog.getByTestId('quote-import-unmatched');
    expect(await unmatched.count()).toBe(1);
    expect(await unmatched.first().getAttribute('data-row')).toBe('4');
    expect(await unmatched.first().textContent()).toContain('Касса');
    await dialog.getByTestId('quote-import-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await poll(() => quotes('Payment page').textContent()).toBe('2');

    // One undo takes the whole import back.
    await page.getByTestId('toolbar-undo').click();
    await poll(() => quotes('Payment page').textContent()).toBe('0');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('replaces a map with a file after asking, and tells where the backup is', async () => {
    const { page, errors, context } = await e2e.openPage();
    const id = await importThroughApi(seedFile('Before replace'));
    await openMap(page, id, true);
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(3);
    const before = await listIds();

    // The replacement keeps one of its touchpoints, with what belongs to it.
    type Loose = { touchpointId?: string; id: string; title?: string };
    const file = JSON.parse(seedFile('After replace')) as Record<string, Loose[]>;
    const kept = file.touchpoints!.find((t) => t.title === 'Online ad')!.id;
    file.touchpoints = file.touchpoints!.filter((t) => t.id === kept);
    file.notes = file.notes!.filter((n) => n.touchpointId === kept);
    file.quotes = file.quotes!.filter((q) => q.touchpointId === kept);
    file.connections = [];
    const replacementText = JSON.stringify(file, null, 2);
    await page.getByTestId('import-menu').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('replace-from-json').click()]);
    await chooser.setFiles({ name: 'after.json', mimeType: 'application/json', buffer: Buffer.from(replacementText) });
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-message').textContent()).toContain('Before replace');
    await page.getByTestId('confirm-ok').click();
    const done = page.getByTestId('replace-done');
    await done.waitFor();
    const message = done.getByTestId('replace-done-message');
    expect(await message.textContent()).toContain(`Backup of Before replace ${today()}`);
    const backupId = (await message.getAttribute('data-backup-id'))!;
    // Everyone on the map, this page included, sees the file's content.
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(1);
    await poll(() => page.getByTestId('map-title').inputValue()).toBe('After replace');
    // The backup is out of the list until restored.
    expect(await listIds()).toEqual(before);
    await done.getByTestId('replace-restore-backup').click();
    await done.waitFor({ state: 'detached' });
    await poll(() => listIds()).toEqual([...before, backupId].sort());
    expect(await serverExport(backupId)).toContain('Refund call');

    // A second replace keeps its own backup, listed under Import → Backups and restorable from there.
    await page.getByTestId('import-menu').click();
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('replace-from-json').click()]);
    await again.setFiles({ name: 'before.json', mimeType: 'application/json', buffer: Buffer.from(seedFile('Before replace')) });
    await page.getByTestId('confirm-ok').click();
    const second = (await page.getByTestId('replace-done-message').getAttribute('data-backup-id'))!;
    await page.getByTestId('replace-done-close').click();
    await page.getByTestId('import-menu').click();
    await page.getByTestId('open-backups').click();
    const dialog = page.getByTestId('backups-dialog');
    const rows = dialog.getByTestId('backup-row');
    await poll(() => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-backup-id')))).toEqual([second]);
    expect(await rows.first().textContent()).toContain('After replace');
    await screenshot(page, 'io-backups');
    await rows.first().getByTestId('backup-restore').click();
    await dialog.getByTestId('backups-empty').waitFor();
    await poll(() => listIds()).toEqual([...before, backupId, second].sort());
    expect(errors).toEqual([]);
    await context.close();
  });
});
