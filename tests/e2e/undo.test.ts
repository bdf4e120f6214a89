// One undo model (issue 14, item 4): in a field holding unsaved typing, Ctrl+Z is the browser's
// and takes back that typing; with nothing unsaved in it, and outside fields, Ctrl+Z undoes
// committed edits one step per edit, and Ctrl+Shift+Z / Ctrl+Y redo them. The old repro — rename,
// Enter, Ctrl+Z in the field, click the canvas, Ctrl+Z — flipped the rename back and forth.
import { expect, it } from 'vitest';
import { addTouchpoint, card, createMapFromTemplate, describeE2E, laneIds, openCard, poll, text, useAppAndBrowser } from './harness';

describeE2E('undo in and out of fields', () => {
  const e2e = useAppAndBrowser();

  it('a rename saved with Enter is undone once from its field; clicking away and undoing again takes the step before, not the rename back', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Undo map');
    const { stages, channels } = await laneIds(page);
    const id = await addTouchpoint(page, stages[0]!, channels[0]!, 'Online ad');
    // Edits further apart than the capture window are separate undo steps.
    await page.waitForTimeout(600);
    const title = text(card(page, id).getByTestId('tp-title'));

    await openCard(page, id);
    const field = page.getByTestId('touchpoint-panel').getByTestId('field-title');
    const rename = async (to: string) => {
      await field.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.type(to);
      await page.keyboard.press('Enter');
      await poll(title).toBe(to);
    };
    await rename('Search ad');
    await page.waitForTimeout(600);
    await rename('Banner ad');

    // In the field, nothing unsaved: Ctrl+Z undoes the saved rename, on the card too.
    await page.keyboard.press('Control+z');
    await poll(title).toBe('Search ad');
    expect(await field.inputValue()).toBe('Search ad');

    // Leaving the field saves nothing new, so the next undo takes the step before (the first
    // rename) instead of bringing "Banner ad" back.
    await page.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByTestId('touchpoint-panel').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await poll(title).toBe('Online ad');

    // Redo walks the same steps forward, one per key press.
    await page.keyboard.press('Control+Shift+z');
    await poll(title).toBe('Search ad');
    await page.keyboard.press('Control+y');
    await poll(title).toBe('Banner ad');
    expect(errors).toEqual([]);
  });

  it('in a panel text field, Ctrl+Z takes back unsaved typing first and saved text only after', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Undo fields');
    const { stages, channels } = await laneIds(page);
    const id = await addTouchpoint(page, stages[1]!, channels[1]!, 'Checkout');
    await page.waitForTimeout(600);
    const panel = page.getByTestId('touchpoint-panel');
    const description = panel.getByTestId('field-description');

    await description.click();
    await page.keyboard.type('Price hidden');
    await page.keyboard.press('Tab'); // leaving saves it
    await page.waitForTimeout(600);

    await description.click();
    // One insertion is one step of the browser's own undo (as a pasted or dictated phrase).
    await page.keyboard.insertText(' until the last step');
    await page.keyboard.press('Control+z');
    // The browser's undo: only the typing since the save goes.
    await poll(() => description.inputValue()).toBe('Price hidden');
    // Nothing unsaved now: the next Ctrl+Z undoes the saved description.
    await page.keyboard.press('Control+z');
    await poll(() => description.inputValue()).toBe('');
    await page.keyboard.press('Tab');
    await page.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByTestId('touchpoint-panel').waitFor({ state: 'detached' });
    await openCard(page, id);
    expect(await description.inputValue()).toBe('');

    // Out of the field, redo brings it back, and the card's title edit stays as it was.
    await page.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Shift+z');
    await openCard(page, id);
    await poll(() => description.inputValue()).toBe('Price hidden');
    expect(await text(card(page, id).getByTestId('tp-title'))()).toBe('Checkout');
    expect(errors).toEqual([]);
  });
});
