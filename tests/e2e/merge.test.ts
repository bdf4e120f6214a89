// The escape hatch of offline work: a copy of the map downloaded as JSON is merged back into the
// map (Import → Merge a copy of this map…): what the map lost comes back, what colleagues added
// since stays, and nothing on the map is overwritten.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { addTouchpoint, card, createMapFromTemplate, describeE2E, laneIds, poll, screenshot, useAppAndBrowser } from './harness';

describeE2E('merging a copy back', () => {
  const e2e = useAppAndBrowser();

  it('adds back what the copy holds and the map lacks, keeping everything on the map', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Home loan');
    const { stages, channels } = await laneIds(page);
    const kept = await addTouchpoint(page, stages[0]!, channels[0]!, 'Online ad');
    const lost = await addTouchpoint(page, stages[1]!, channels[1]!, 'Call back');

    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const copy = readFileSync((await download.path())!);

    // The card is lost from the map, and a colleague adds another one meanwhile.
    await card(page, lost).click();
    await page.keyboard.press('Delete');
    await poll(() => card(page, lost).count()).toBe(0);
    const later = await addTouchpoint(page, stages[2]!, channels[0]!, 'Chat bot');

    await page.getByTestId('import-menu').click();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('merge-from-json').click()]);
    await chooser.setFiles({ name: 'home-loan.json', mimeType: 'application/json', buffer: copy });
    await poll(() => card(page, lost).count()).toBe(1);
    expect(await card(page, later).count()).toBe(1);
    expect(await card(page, kept).count()).toBe(1);
    await expect.poll(() => page.getByText(/Merged home-loan\.json: 1 added/).count()).toBe(1);
    await screenshot(page, 'merge-copy');
    // One undo takes the merge back.
    await page.keyboard.press('Control+z');
    await poll(() => card(page, lost).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
