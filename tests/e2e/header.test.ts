// The map header at the widths people use in workshops: nothing drawn over anything at 768 px,
// and in Russian at 1440 px the panel buttons keep their words.
import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { createMapFromTemplate, describeE2E, screenshot, useAppAndBrowser } from './harness';

const box = async (l: Locator) => (await l.boundingBox())!;

describeE2E('map header', () => {
  const e2e = useAppAndBrowser();

  it('never draws the title over the connection state, and keeps labels where there is room', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Ипотека для молодой семьи в большом городе', 'Viktor (viewer)');

    await page.setViewportSize({ width: 768, height: 800 });
    const title = page.getByTestId('map-title');
    const status = page.locator('.connection-state');
    await status.waitFor();
    expect((await box(title)).x + (await box(title)).width).toBeLessThanOrEqual((await box(status)).x);
    const end = await box(page.getByTestId('locale-switch'));
    expect(end.x + end.width).toBeLessThanOrEqual(768);
    await screenshot(page, 'header-768');

    await page.getByTestId('locale-switch').selectOption('ru');
    await page.setViewportSize({ width: 1440, height: 900 });
    const persona = page.getByTestId('open-map-panel');
    await expect.poll(() => persona.innerText()).toBe('Персона');
    expect((await box(title)).x + (await box(title)).width).toBeLessThanOrEqual((await box(status)).x);
    // The avatar of "Viktor (viewer)" shows his initial, not "V(".
    expect(await page.getByTestId('avatar').first().innerText()).toBe('V');
    await screenshot(page, 'header-1440-ru');
    expect(errors).toEqual([]);
  });
});
