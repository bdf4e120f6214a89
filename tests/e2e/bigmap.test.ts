// A big map seen from far out (issue 6): each cell draws its cards as tiles, and a facilitator
// can still pick one, rename it, box-select a cell's cards and zoom straight to a card.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { exportMapJson } from '../../src/domain/format';
import { bigMapSnapshot, countsFor } from '../bench/lib/bigMap';
import { attr, card, describeE2E, poll, screenshot, useAppAndBrowser } from './harness';

/** Cards drawn as tiles by their cell, not as React Flow nodes of their own. */
const cellTiles = (page: Page) => page.locator('.cjm-cell [data-testid="touchpoint-card"]');
const zoom = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

describeE2E('a big map, zoomed far out', () => {
  const env = useAppAndBrowser();

  async function importBigMap(touchpoints: number): Promise<string> {
    const file = exportMapJson(bigMapSnapshot(countsFor(touchpoints)), [], new Date());
    const response = await fetch(`${env.app.url}/api/maps/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: file,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function openAsVera() {
    const opened = await env.openPage();
    await opened.page.addInitScript(() =>
      localStorage.setItem('cjm-studio.identity', JSON.stringify({ id: 'e2eViewer1', name: 'Vera', color: '#2563eb' })),
    );
    return opened;
  }

  it('draws tiles that can be picked, renamed, box-selected and zoomed to', async () => {
    const mapId = await importBigMap(400);
    const { page, errors } = await openAsVera();
    await page.goto(`/#/map/${mapId}`);
    // Fitted to the screen, 400 cards are tiles drawn by the grid's cells.
    await poll(() => cellTiles(page).count()).toBeGreaterThan(100);
    expect(await zoom(page)).toBeLessThan(0.4);
    expect(await page.locator('.react-flow__node-touchpoint').count()).toBe(0);

    // A click on a tile picks its card: the panel shows it, and it becomes a card of its own.
    const tile = cellTiles(page).nth(7);
    const id = (await tile.getAttribute('data-touchpoint-id'))!;
    const title = (await tile.getAttribute('title'))!;
    await tile.click();
    const panel = page.getByTestId('touchpoint-panel');
    await expect.poll(() => panel.getByTestId('field-title').inputValue()).toBe(title);
    await poll(() => page.locator(`.react-flow__node-touchpoint [data-touchpoint-id="${id}"]`).count()).toBe(1);

    // Renamed in the panel, it keeps its new title when it goes back into its cell.
    await panel.getByTestId('field-title').fill('Callback promised within the hour');
    await panel.getByTestId('field-title').press('Enter');
    // Escape from the map (not from the field, where it would undo the typing) clears the selection.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await poll(() => page.locator(`.cjm-cell [data-touchpoint-id="${id}"]`).count()).toBe(1);
    await poll(attr(card(page, id), 'title')).toBe('Callback promised within the hour');

    // Shift-drag around a cell selects every card in it.
    const cell = page.locator('.react-flow__node-cell').filter({ has: cellTiles(page) }).first();
    const inCell = await cell.locator('[data-testid="touchpoint-card"]').count();
    const box = (await cell.boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x - 6, box.y - 6);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width + 6, box.y + box.height + 6, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await poll(() => page.locator('.react-flow__node-touchpoint .is-selected').count()).toBe(inCell);
    await page.keyboard.press('Escape');

    // A double-click on a tile zooms to its card, drawn in full.
    const other = cellTiles(page).nth(20);
    const otherId = (await other.getAttribute('data-touchpoint-id'))!;
    await other.dblclick();
    await poll(() => zoom(page)).toBe(1);
    await expect.poll(() => card(page, otherId).getByTestId('tp-title').isVisible()).toBe(true);
    await screenshot(page, 'bigmap-zoomed-to-card');
    expect(errors).toEqual([]);
  });

  it('comes over HTTP on a first visit, while the app loads; a reload starts from this browser’s copy', async () => {
    const mapId = await importBigMap(400);
    const { page, errors } = await openAsVera();
    const asked: { url: string; status: number }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/state')) asked.push({ url: new URL(response.url()).pathname, status: response.status() });
    });
    await page.goto(`/#/map/${mapId}`);
    await poll(() => cellTiles(page).count()).toBeGreaterThan(100);
    // The app's code is preloaded beside the small entry that asks for the state.
    expect(await page.locator('link[rel="modulepreload"][href*="startApp"]').count()).toBe(1);
    expect(asked).toEqual([{ url: `/api/maps/${mapId}/state`, status: 200 }]);
    // Written to IndexedDB once the page is idle; from then on this browser has a copy.
    await poll(() => page.evaluate((id) => localStorage.getItem(`cjm-studio.copy.cjm-studio.${id}`), mapId)).toBe('1');

    await page.reload();
    await poll(() => cellTiles(page).count()).toBeGreaterThan(100);
    await poll(attr(page.getByTestId('connection-state'), 'data-synced')).toBe('true');
    expect(asked).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
