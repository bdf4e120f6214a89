// Lanes and titles, as a facilitator meets them. Renaming in place on a lane header and in the
// map list (one editor for both): Enter or leaving the field saves, Escape cancels, and an empty
// title stays open with its message until it is fixed. The lane menu: colour, move, and delete
// (asking first when cards would go with the lane).
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addTouchpoint, card, createMapFromTemplate, describeE2E, laneIds, poll, text, useAppAndBrowser } from './harness';

/** Checks one in-place editor; `open` shows its input, `shown` is where the saved title appears. */
async function renamesInPlace(page: Page, open: () => Promise<void>, input: Locator, shown: Locator, before: string, after: string) {
  await open();
  await input.fill('   ');
  await input.press('Enter');
  // Refused: still open, with a message, and nothing saved.
  await page.getByTestId('field-error').waitFor();
  expect(await input.isVisible()).toBe(true);
  await input.press('Escape');
  await input.waitFor({ state: 'detached' });
  expect(await text(shown)()).toBe(before);

  await open();
  await input.fill(after);
  await input.press('Enter');
  await input.waitFor({ state: 'detached' });
  await poll(text(shown)).toBe(after);
}

describeE2E('lanes and titles', () => {
  const e2e = useAppAndBrowser();

  it('a stage on the canvas and a map in the list', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Home loan');
    const { stages } = await laneIds(page);
    const header = page.locator(`[data-testid="stage-header"][data-stage-id="${stages[1]}"]`);
    const stageTitle = header.getByTestId('stage-title');
    const before = (await text(stageTitle)())!;
    await renamesInPlace(page, () => stageTitle.click(), page.getByTestId('lane-title-input'), stageTitle, before, 'Compare offers');

    // Leaving the field saves too.
    await stageTitle.click();
    await page.getByTestId('lane-title-input').fill('Choose');
    await page.getByTestId('map-canvas').click({ position: { x: 5, y: 5 } });
    await poll(text(stageTitle)).toBe('Choose');

    const mapId = page.url().split('/map/')[1]!;
    await page.goto('/');
    // By id: while renamed, the row's title is in an input, not in its text.
    const row = page.locator(`[data-testid="map-row"][data-map-id="${mapId}"]`);
    await row.waitFor();
    await renamesInPlace(
      page,
      () => row.getByTestId('map-rename').click(),
      row.getByTestId('map-rename-input'),
      row.getByTestId('map-row-title'),
      'Home loan',
      'Home loan 2026',
    );
    expect(errors).toEqual([]);
  });

  it('the lane menu recolours and moves a stage, and deletes it with its cards after asking', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Car insurance');
    const { stages, channels } = await laneIds(page);
    const header = page.locator(`[data-testid="stage-header"][data-stage-id="${stages[0]}"]`);
    const menu = page.getByTestId('lane-menu-popup');
    const openMenu = async () => {
      await header.getByTestId('lane-menu').click();
      await menu.waitFor();
    };

    await openMenu();
    await menu.getByTestId('lane-recolor').fill('#123456');
    await poll(() => header.evaluate((el) => getComputedStyle(el).getPropertyValue('--lane-color').trim())).toBe('#123456');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    await openMenu();
    await menu.getByTestId('lane-move-right').click();
    await poll(async () => (await laneIds(page)).stages.slice(0, 2)).toEqual([stages[1], stages[0]]);

    const visit = await addTouchpoint(page, stages[0]!, channels[0]!, 'Branch visit');
    await openMenu();
    await menu.getByTestId('lane-delete').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('confirm-cancel').click();
    expect(await header.count()).toBe(1);
    await openMenu();
    await menu.getByTestId('lane-delete').click();
    await page.getByTestId('confirm-ok').click();
    await header.waitFor({ state: 'detached' });
    await card(page, visit).waitFor({ state: 'detached' });
    expect((await laneIds(page)).stages).toEqual(stages.slice(1));
    expect(errors).toEqual([]);
  });
});
