// Issue 13, stage layers, as a CX team meets them: the default map's four layers, a layer of every
// kind added from the toolbar, two people writing cells at once (the same empty cell too), a KPI
// coloured against its target, hide and show, delete and undo, and a version 2 file that exports
// and imports back unchanged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Download, Locator, Page } from 'playwright-core';
import { parseMapJson } from '../../src/domain/format';
import { LAYER_KINDS } from '../../src/domain/types';
import { ROOT, answerNameDialog, createMapFromTemplate, describeE2E, laneIds, poll, screenshot, text, useAppAndBrowser } from './harness';

const row = (page: Page, kind: string) => page.locator(`[data-testid="layer-row"][data-layer-kind="${kind}"]`);
const layerCell = (page: Page, kind: string, stageId: string) => row(page, kind).locator(`[data-testid="layer-cell"][data-stage-id="${stageId}"]`);
/** What a cell shows, line breaks kept. */
const cellText = (cell: Locator) => () => cell.getByTestId('layer-cell-text').innerText();

async function addLayer(page: Page, kind: string) {
  await page.getByTestId('toolbar-layers').click();
  await page.getByTestId(`add-layer-${kind}`).click();
  await page.getByTestId('layers-popup').waitFor({ state: 'detached' });
}

/** Opens a text cell, types (Enter is a new line), and leaves it with Escape, which saves. */
async function writeCell(page: Page, cell: Locator, lines: string[]) {
  await cell.getByTestId('layer-cell-text').click();
  const input = cell.getByTestId('layer-cell-input');
  await input.waitFor();
  await input.fill('');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await input.press('Enter');
    await input.pressSequentially(line);
  }
  await input.press('Escape');
  await input.waitFor({ state: 'detached' });
}

async function writeKpi(page: Page, cell: Locator, metric: string, actual: string, target: string) {
  await cell.getByTestId('kpi-view').click();
  await cell.getByTestId('kpi-metric-input').fill(metric);
  await cell.getByTestId('kpi-actual-input').fill(actual);
  await cell.getByTestId('kpi-target-input').fill(target);
  await cell.getByTestId('kpi-target-input').press('Enter');
  await cell.getByTestId('kpi-editor').waitFor({ state: 'detached' });
}

const top = async (locator: Locator) => (await locator.boundingBox())!.y;

async function downloadFrom(page: Page, menu: string, item: string): Promise<Download> {
  await page.getByTestId(menu).click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(item).click()]);
  return download;
}

const withoutExportedAt = (json: string) => json.replace(/"exportedAt": "[^"]*"/, '"exportedAt": "…"');

describeE2E('stage layers', () => {
  const e2e = useAppAndBrowser();

  it('two people fill layers of every kind at once; KPIs are coloured; hide, delete and undo; the file round-trips', async () => {
    const anna = await e2e.openPage();
    const boris = await e2e.openPage();
    const a = anna.page;
    const b = boris.page;
    await createMapFromTemplate(a, 'Mortgage', 'Anna');
    // The default template's layers, in the map creator's words.
    await poll(() => a.getByTestId('layer-title').allTextContents()).toEqual(['Customer actions', 'Thoughts and feelings', 'Pains', 'Opportunities']);
    await b.goto(a.url());
    await b.getByTestId('map-canvas').waitFor();
    await answerNameDialog(b, 'Boris');
    await poll(() => b.getByTestId('layer-row').count()).toBe(4);
    const { stages, channels } = await laneIds(a);

    // ---- a layer of every other kind, from the toolbar
    for (const kind of ['backstage', 'kpi', 'text']) await addLayer(a, kind);
    await poll(() => b.getByTestId('layer-row').count()).toBe(7);
    const kinds = await a.getByTestId('layer-row').evaluateAll((els) => els.map((el) => el.getAttribute('data-layer-kind')));
    expect([...kinds].sort()).toEqual([...LAYER_KINDS].sort());
    // Actions and thoughts above the channels; pains, opportunities, KPI, text below; backstage under the line of visibility.
    const firstLane = a.locator(`[data-testid="channel-header"][data-channel-id="${channels[0]}"]`);
    const lastLane = a.locator(`[data-testid="channel-header"][data-channel-id="${channels.at(-1)}"]`);
    expect(await top(row(a, 'actions'))).toBeLessThan(await top(firstLane));
    expect(await top(row(a, 'thoughts'))).toBeLessThan(await top(firstLane));
    for (const kind of ['pains', 'opportunities', 'kpi', 'text']) expect(await top(row(a, kind))).toBeGreaterThan(await top(lastLane));
    const line = a.getByTestId('line-of-visibility');
    expect(await top(line)).toBeGreaterThan(await top(row(a, 'text')));
    expect(await top(row(a, 'backstage'))).toBeGreaterThan(await top(line));

    // ---- two people write at once: different cells, then the same empty cell
    await Promise.all([
      writeCell(a, layerCell(a, 'actions', stages[0]!), ['Searches for rates', 'Reads reviews']),
      writeCell(b, layerCell(b, 'thoughts', stages[0]!), ['Will they approve me?']),
    ]);
    for (const page of [a, b]) {
      await poll(cellText(layerCell(page, 'actions', stages[0]!))).toBe('Searches for rates\nReads reviews');
      await poll(cellText(layerCell(page, 'thoughts', stages[0]!))).toBe('Will they approve me?');
    }
    // The row grew to fit both lines: the text fits without a scroll bar (on screen and in a PNG).
    const twoLines = layerCell(a, 'actions', stages[0]!).getByTestId('layer-cell-text');
    expect(await twoLines.evaluate((el) => el.scrollHeight - el.clientHeight)).toBe(0);
    // Both open the same empty cell before either has written anything.
    const painA = layerCell(a, 'pains', stages[1]!);
    const painB = layerCell(b, 'pains', stages[1]!);
    await painA.getByTestId('layer-cell-text').click();
    await painB.getByTestId('layer-cell-text').click();
    await painA.getByTestId('layer-cell-input').fill('Too many documents');
    await painB.getByTestId('layer-cell-input').fill('No idea how long it takes');
    await Promise.all([painA.getByTestId('layer-cell-input').press('Escape'), painB.getByTestId('layer-cell-input').press('Escape')]);
    // One cell: both end up reading the same text, one of the two.
    await poll(async () => (await cellText(painA)()) === (await cellText(painB)())).toBe(true);
    expect(['Too many documents', 'No idea how long it takes']).toContain(await cellText(painA)());

    // ---- KPIs coloured against their targets (CES: lower is better)
    await writeKpi(a, layerCell(a, 'kpi', stages[0]!), 'CSAT', '4.6', '4.5');
    await writeKpi(a, layerCell(a, 'kpi', stages[1]!), 'CSAT', '4.2', '4.5');
    await writeKpi(b, layerCell(b, 'kpi', stages[2]!), 'CES', '5', '3');
    for (const page of [a, b]) {
      await poll(() => layerCell(page, 'kpi', stages[0]!).getByTestId('kpi-view').getAttribute('data-status')).toBe('met');
      await poll(() => layerCell(page, 'kpi', stages[1]!).getByTestId('kpi-view').getAttribute('data-status')).toBe('near');
      await poll(() => layerCell(page, 'kpi', stages[2]!).getByTestId('kpi-view').getAttribute('data-status')).toBe('missed');
    }
    await poll(text(layerCell(b, 'kpi', stages[0]!).getByTestId('kpi-figures'))).toBe('4.6 / 4.5');
    // A figure that is not a number is refused where it is typed, and nothing is written.
    const kpi3 = layerCell(a, 'kpi', stages[3]!);
    await kpi3.getByTestId('kpi-view').click();
    await kpi3.getByTestId('kpi-actual-input').fill('lots');
    await kpi3.getByTestId('kpi-actual-input').press('Enter');
    await kpi3.getByTestId('field-error').waitFor();
    await kpi3.getByTestId('kpi-actual-input').fill('');
    await kpi3.getByTestId('kpi-actual-input').press('Escape');
    await kpi3.getByTestId('kpi-editor').waitFor({ state: 'detached' });
    expect(await kpi3.getByTestId('kpi-view').getAttribute('data-status')).toBe('none');

    await writeCell(b, layerCell(b, 'backstage', stages[1]!), ['Underwriter checks the credit history']);
    await writeCell(a, layerCell(a, 'opportunities', stages[1]!), ['A checklist of documents up front']);
    await writeCell(a, layerCell(a, 'text', stages[0]!), ['<b>not bold</b>']);
    // Text from people is text, never HTML.
    expect(await layerCell(a, 'text', stages[0]!).locator('b').count()).toBe(0);
    await poll(cellText(layerCell(b, 'text', stages[0]!))).toBe('<b>not bold</b>');

    // ---- undo takes back Anna's own last edit, not Boris's (edits under 400 ms apart undo as one
    // step, src/doc/undo.ts: a person's next edit comes later than that)
    await a.waitForTimeout(500);
    await writeCell(a, layerCell(a, 'actions', stages[0]!), ['Searches for rates']);
    await a.getByTestId('toolbar-undo').click();
    await poll(cellText(layerCell(b, 'actions', stages[0]!))).toBe('Searches for rates\nReads reviews');
    expect(await cellText(layerCell(a, 'thoughts', stages[0]!))()).toBe('Will they approve me?');

    // ---- hide a layer, then show it again from the toolbar
    await row(a, 'text').getByTestId('layer-menu').click();
    await a.getByTestId('layer-hide').click();
    await poll(() => b.getByTestId('layer-row').count()).toBe(6);
    await a.getByTestId('toolbar-layers').click();
    await a.getByTestId('show-layer').click();
    await poll(() => b.getByTestId('layer-row').count()).toBe(7);
    await poll(cellText(layerCell(b, 'text', stages[0]!))).toBe('<b>not bold</b>');

    // ---- delete a layer with content (asked first), then undo brings it back with its cells
    await row(a, 'thoughts').getByTestId('layer-menu').click();
    await a.getByTestId('layer-delete').click();
    await a.getByTestId('confirm-ok').click();
    await poll(() => b.getByTestId('layer-row').count()).toBe(6);
    await a.getByTestId('toolbar-undo').click();
    await poll(() => b.getByTestId('layer-row').count()).toBe(7);
    await poll(cellText(layerCell(b, 'thoughts', stages[0]!))).toBe('Will they approve me?');

    // ---- rename and move a layer from its header
    await row(a, 'opportunities').getByTestId('layer-title').click();
    await a.getByTestId('layer-title-input').fill('Ideas');
    await a.getByTestId('layer-title-input').press('Enter');
    await poll(text(row(b, 'opportunities').getByTestId('layer-title'))).toBe('Ideas');
    const painsTop = await top(row(b, 'pains'));
    await row(a, 'opportunities').getByTestId('layer-menu').click();
    await a.getByTestId('layer-move-up').click();
    await poll(async () => (await top(row(b, 'opportunities'))) <= painsTop).toBe(true);

    await a.getByTestId('toolbar-fit').click();
    await a.waitForTimeout(400); // the fit animation (200 ms) settles before the picture
    await a.screenshot({ path: path.join(ROOT, 'docs/layers.png') });
    await screenshot(b, 'layers-boris');

    // ---- the file: version 2 with layers, cells and the KPI; importing it gives the same file back
    const download = await downloadFrom(a, 'export-menu', 'export-json');
    const json = readFileSync((await download.path())!, 'utf8');
    const parsed = parseMapJson(json);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const file = JSON.parse(json);
    expect(file.version).toBe(2);
    expect(file.layers).toHaveLength(7);
    expect(file.cells).toContainEqual(expect.objectContaining({ stageId: stages[0], metric: 'CSAT', actual: 4.6, target: 4.5 }));
    expect(file.cells).toContainEqual(expect.objectContaining({ stageId: stages[0], text: 'Searches for rates\nReads reviews' }));

    const originalId = decodeURIComponent(new URL(a.url()).hash.slice('#/map/'.length));
    await a.getByTestId('back-to-list').click();
    await a.getByTestId('map-list').waitFor();
    const [chooser] = await Promise.all([a.waitForEvent('filechooser'), a.getByTestId('import-json').click()]);
    await chooser.setFiles({ name: 'mortgage.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await a.waitForURL((url) => url.hash.startsWith('#/map/') && !url.hash.includes(originalId));
    const importedId = decodeURIComponent(new URL(a.url()).hash.slice('#/map/'.length));
    await poll(() => a.getByTestId('layer-row').count()).toBe(7);
    await poll(() => layerCell(a, 'kpi', stages[0]!).getByTestId('kpi-view').getAttribute('data-status')).toBe('met');
    const again = await (await fetch(`${e2e.app.url}/api/maps/${importedId}/export.json`)).text();
    expect(withoutExportedAt(again)).toBe(withoutExportedAt(json));

    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
  });
});
