// Typing right after adding a card, as people do in a workshop: the new card's title has the
// cursor with its placeholder selected, whether it was added by double-click or the toolbar.
import { expect, it } from 'vitest';
import { card, cell, createMapFromTemplate, describeE2E, laneIds, poll, text, useAppAndBrowser } from './harness';

describeE2E('typing after adding a card', () => {
  const e2e = useAppAndBrowser();

  it('names a card added by double-click or by the toolbar from the keyboard alone', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Mortgage');
    const { stages, channels } = await laneIds(page);

    await cell(page, stages[5]!, channels[2]!).dblclick();
    await page.keyboard.type('Farewell call');
    await page.keyboard.press('Enter');
    const first = page.getByTestId('touchpoint-card').filter({ hasText: 'Farewell call' });
    await poll(() => first.count()).toBe(1);
    // The card was added far right, where the panel opens: it is brought into view beside it.
    const cardBox = (await first.boundingBox())!;
    const panelBox = (await page.getByTestId('touchpoint-panel').boundingBox())!;
    expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(panelBox.x);

    await page.getByTestId('toolbar-add-touchpoint').click();
    await page.keyboard.type('Rate calculator');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('touchpoint-card').filter({ hasText: 'Rate calculator' }).count()).toBe(1);
    const titles = await page.getByTestId('tp-title').allTextContents();
    expect(titles.filter((title) => title === 'New touchpoint')).toEqual([]);
    expect(await text(card(page, (await first.getAttribute('data-touchpoint-id'))!).getByTestId('tp-title'))()).toBe('Farewell call');
    expect(errors).toEqual([]);
  });

  it('names a stage or channel added from the toolbar, and the typed space and Enter add nothing more', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Mortgage');
    await page.getByTestId('add-stage').click();
    await page.keyboard.type('Compare offers');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('stage-title').allTextContents()).toContain('Compare offers');
    expect(await page.getByTestId('stage-header').count()).toBe(7);
    await page.getByTestId('add-channel').click();
    await page.keyboard.type('Branch office');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('channel-title').allTextContents()).toContain('Branch office');
    expect(await page.getByTestId('channel-header').count()).toBe(7);
    expect(errors).toEqual([]);
  });
});
