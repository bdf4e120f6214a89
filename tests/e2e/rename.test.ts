// Renaming in place, as a facilitator meets it on a lane header and in the map list (one editor
// for both): Enter or leaving the field saves, Escape cancels, and an empty title stays open with
// its message until it is fixed.
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createMapFromTemplate, describeE2E, laneIds, poll, text, useAppAndBrowser } from './harness';

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

describeE2E('rename in place', () => {
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
});
