// Typing right after adding a card, as people do in a workshop: the new card's title has the
// cursor with its placeholder selected, whether it was added by double-click or the toolbar.
import { expect, it } from 'vitest';
import { card, cell, createMapFromTemplate, describeE2E, laneIds, poll, screenshot, text, useAppAndBrowser } from './harness';

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
    await screenshot(page, 'typing-new-stage');
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

  it('Escape in a panel field takes back a typed change first, then closes the panel; a card in focus is outlined', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Mortgage');
    const { stages, channels } = await laneIds(page);
    await cell(page, stages[0]!, channels[0]!).dblclick();
    await page.keyboard.type('Online ad');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('touchpoint-panel');
    const description = panel.getByTestId('field-description');
    await description.click();
    await page.keyboard.type('half a thought');
    await page.keyboard.press('Escape');
    // The typed change is gone and the panel stays.
    expect(await description.inputValue()).toBe('');
    expect(await panel.count()).toBe(1);
    await description.click();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    // Tabbing onto a card shows a visible outline.
    const node = page.locator('.react-flow__node').filter({ has: page.getByTestId('touchpoint-card') }).first();
    await node.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await node.getByTestId('touchpoint-card').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
    expect(errors).toEqual([]);
  });
});
