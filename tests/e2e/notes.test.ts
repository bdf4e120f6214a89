// Notes as people type them in a workshop: "+ Add" opens a note to type in, and a note left
// empty leaves nothing behind (no count on the card, no blank row, nothing for a colleague).
import { expect, it } from 'vitest';
import { addTouchpoint, card, createMapFromTemplate, describeE2E, laneIds, openCard, poll, screenshot, text, useAppAndBrowser } from './harness';

describeE2E('notes', () => {
  const e2e = useAppAndBrowser();

  it('a note left empty vanishes; one with text is kept, and Escape drops a draft', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Car insurance');
    const { stages, channels } = await laneIds(page);
    const id = await addTouchpoint(page, stages[0]!, channels[0]!, 'Online ad');
    await openCard(page, id);
    const panel = page.getByTestId('touchpoint-panel');

    // "+ Add" under each kind, typing nothing: the cursor is in the new note each time.
    for (const kind of ['fix', 'wow', 'planB']) {
      await panel.getByTestId(`notes-${kind}`).getByTestId('add-note').click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-text');
    }
    await screenshot(page, 'notes-draft');
    // Only one draft is open at a time, and closing the panel drops it.
    await expect.poll(() => panel.locator('[data-draft="true"]').count()).toBe(1);
    await panel.getByTestId('close-panel').click();
    await panel.waitFor({ state: 'detached' });
    for (const kind of ['fix', 'wow', 'planB']) expect(await text(card(page, id).getByTestId(`tp-count-${kind}`))()).toBe('0');

    // A typed note is kept; the undo after it takes back that note, not an empty one.
    await openCard(page, id);
    const fixes = panel.getByTestId('notes-fix');
    await fixes.getByTestId('add-note').click();
    await fixes.getByTestId('note-text').fill('Price in the ad differs from the site');
    await fixes.getByTestId('note-text').blur();
    await poll(text(card(page, id).getByTestId('tp-count-fix'))).toBe('1');
    await expect.poll(() => fixes.getByTestId('note-item').count()).toBe(1);

    // Escape in a draft with text drops it.
    await fixes.getByTestId('add-note').click();
    await fixes.getByTestId('note-item').last().getByTestId('note-text').fill('half a thought');
    await page.keyboard.press('Escape');
    await expect.poll(() => fixes.getByTestId('note-item').count()).toBe(1);
    expect(await text(card(page, id).getByTestId('tp-count-fix'))()).toBe('1');
    expect(errors).toEqual([]);
  });
});
