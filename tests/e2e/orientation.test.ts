// Finding one's way on a big map: stage headers stay at the top and channel headers at the
// left while the map is panned and zoomed; after Fit nothing of the map lies under the
// toolbar, the minimap or the zoom buttons (1024×768 too); the minimap folds away and stays
// folded; and the side panel does not hide the card it shows.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTouchpoint } from '../../src/doc/mutations';
import { readSnapshot } from '../../src/doc/read';
import { connectClient, waitSynced } from '../server/helpers';
import { ROOT, card, createMapFromTemplate, describeE2E, openCard, poll, useAppAndBrowser } from './harness';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

/** Boxes of everything matching `selector`, on screen. */
const boxes = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, id: el.getAttribute('data-testid') ?? el.className };
    }),
  );

const CONTENT = '[data-testid="touchpoint-card"], [data-testid="stage-header"], [data-testid="channel-header"], [data-testid="persona-card"]';
const OVERLAYS = '.canvas-toolbar-dock .cjm-toolbar, .react-flow__minimap, .react-flow__controls, [data-testid="minimap-toggle"]';

/** Pairs of (content, overlay) that overlap: what the map shows under a floating control. */
async function covered(page: Page) {
  const content = await boxes(page, CONTENT);
  const overlays = await boxes(page, OVERLAYS);
  return content.flatMap((c) => overlays.filter((o) => overlaps(c, o)).map((o) => `${c.id} under ${o.id}`));
}

/** A map with a card in each corner cell, added by a colleague's client. */
async function mapWithCornerCards(page: Page, baseUrl: string, title: string) {
  await createMapFromTemplate(page, title, 'Anna');
  const mapId = page.url().split('/').pop()!;
  const client = connectClient(baseUrl, mapId);
  try {
    await waitSynced(client);
    const { stages, channels } = readSnapshot(client.doc);
    const ids = {
      topLeft: addTouchpoint(client.doc, { stageId: stages[0]!.id, channelId: channels[0]!.id, title: 'Ad seen' }),
      topRight: addTouchpoint(client.doc, { stageId: stages.at(-1)!.id, channelId: channels[0]!.id, title: 'Goodbye mail' }),
      bottomRight: addTouchpoint(client.doc, { stageId: stages.at(-1)!.id, channelId: channels.at(-1)!.id, title: 'Farewell post' }),
      bottomLeft: addTouchpoint(client.doc, { stageId: stages[0]!.id, channelId: channels.at(-1)!.id, title: 'Friend shares' }),
    };
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(4);
    return ids;
  } finally {
    client.destroy();
  }
}

async function fit(page: Page) {
  await page.getByTestId('toolbar-fit').click();
  // Fit animates for 200 ms: wait until the viewport stops changing.
  let last = '';
  await poll(async () => {
    const now = await page.locator('.react-flow__viewport').getAttribute('style');
    const settled = now === last;
    last = now ?? '';
    return settled;
  }).toBe(true);
}

describeE2E('orientation on the canvas', () => {
  const e2e = useAppAndBrowser();

  it('keeps stage headers at the top and channel headers at the left while panning and zooming', async () => {
    const { page, errors, context } = await e2e.openPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await mapWithCornerCards(page, e2e.app.url, 'Mortgage');
    const pane = (await page.locator('.react-flow').boundingBox())!;
    const toolbar = (await page.locator('.canvas-toolbar-dock .cjm-toolbar').boundingBox())!;

    // Zoom in twice, then drag the map up and to the left, well past the headers.
    for (let i = 0; i < 2; i++) await page.locator('.react-flow__controls-zoomin').click();
    const from = { x: pane.x + pane.width * 0.6, y: pane.y + pane.height * 0.7 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 500, from.y - 450, { steps: 12 });
    await page.mouse.up();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 500, from.y, { steps: 12 });
    await page.mouse.up();

    // The first stage header is off to the left now; a header in sight sits under the toolbar's edge.
    const stages = (await boxes(page, '[data-testid="stage-header"]')).filter((b) => b.x + b.width > pane.x && b.x < pane.x + pane.width);
    expect(stages.length).toBeGreaterThan(0);
    const toolbarBottom = toolbar.y + toolbar.height;
    for (const s of stages) {
      expect(s.y).toBeGreaterThanOrEqual(toolbarBottom);
      expect(s.y).toBeLessThan(toolbarBottom + 16);
    }
    const channels = (await boxes(page, '[data-testid="channel-header"]')).filter((b) => b.y + b.height > pane.y && b.y < pane.y + pane.height);
    expect(channels.length).toBeGreaterThan(0);
    for (const c of channels) expect(Math.abs(c.x - pane.x)).toBeLessThan(2);
    // A card still lies under the headers' old places: the map did move.
    const firstCard = (await boxes(page, '[data-testid="touchpoint-card"]'))[0];
    expect(firstCard === undefined || firstCard.y < pane.y + 200).toBe(true);

    // Headers stuck to the edges still work: a click renames the stage.
    const all = await boxes(page, '[data-testid="stage-header"]');
    const inSight = all.findIndex((b) => b.x >= pane.x && b.x + b.width <= pane.x + pane.width);
    expect(inSight).toBeGreaterThanOrEqual(0);
    await page.getByTestId('stage-title').nth(inSight).click();
    await page.getByTestId('lane-title-input').fill('Use it');
    await page.getByTestId('lane-title-input').press('Enter');
    await poll(() => page.getByTestId('stage-title').nth(inSight).innerText()).toBe('Use it');

    // Back at the grid's edge, the headers go back to their own places.
    await fit(page);
    const firstStage = (await page.getByTestId('stage-header').first().boundingBox())!;
    const firstChannel = (await page.getByTestId('channel-header').first().boundingBox())!;
    expect(firstStage.y + firstStage.height).toBeLessThanOrEqual(firstChannel.y + 1);

    // For the docs: zoomed in on the middle of the map, the headers of what is in sight at the edges.
    await page.locator('.react-flow__controls-zoomin').click();
    await page.locator('.react-flow__controls-zoomin').click();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 300, from.y - 260, { steps: 8 });
    await page.mouse.up();
    await page.screenshot({ path: path.join(ROOT, 'docs/orientation.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the map clear of the toolbar, minimap and zoom buttons at 1024×768 and 1440×900, with the minimap folded or not', async () => {
    const { page, errors, context } = await e2e.openPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    await mapWithCornerCards(page, e2e.app.url, 'Claim');
    await fit(page);
    expect(await covered(page)).toEqual([]);
    const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
    const farCard = (await page.getByTestId('touchpoint-card').filter({ hasText: 'Farewell post' }).boundingBox())!;
    expect(overlaps(farCard, minimap)).toBe(false);

    // Folded away, the minimap stays folded on the next visit, and Fit uses the room.
    await page.getByTestId('minimap-toggle').click();
    await poll(() => page.locator('.react-flow__minimap').count()).toBe(0);
    await page.reload();
    await page.getByTestId('persona-card').waitFor();
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(4);
    expect(await page.locator('.react-flow__minimap').count()).toBe(0);
    await fit(page);
    expect(await covered(page)).toEqual([]);

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('minimap-toggle').click();
    await page.locator('.react-flow__minimap').waitFor();
    await fit(page);
    expect(await covered(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pans a card at the right edge into view when its side panel opens', async () => {
    const { page, errors, context } = await e2e.openPage();
    await page.setViewportSize({ width: 1024, height: 768 });
    const ids = await mapWithCornerCards(page, e2e.app.url, 'Insurance');
    await fit(page);
    const before = (await card(page, ids.topRight).boundingBox())!;
    await openCard(page, ids.topRight);
    const panel = (await page.getByTestId('touchpoint-panel').boundingBox())!;
    // Without the pan, the panel would cover the card.
    expect(before.x + before.width).toBeGreaterThan(panel.x);
    await poll(async () => {
      const now = (await card(page, ids.topRight).boundingBox())!;
      const pane = (await page.locator('.react-flow').boundingBox())!;
      return now.x >= pane.x && now.x + now.width <= pane.x + pane.width && now.x + now.width <= panel.x;
    }).toBe(true);
    // Nothing floating over the canvas covers it either.
    const shown = (await card(page, ids.topRight).boundingBox())!;
    const overlays = await boxes(page, OVERLAYS);
    expect(overlays.filter((o) => overlaps(shown, o))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
