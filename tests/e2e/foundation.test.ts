// The foundation, as one facilitator meets it: create a map from the template, put
// touchpoints on the grid, connect them, fill in the triple focus and the customer's voice,
// rate them, move a card, undo and redo, switch to Russian, reload, and delete the map.
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  addTouchpoint,
  attr,
  card,
  cell,
  createMapFromTemplate,
  describeE2E,
  laneIds,
  openCard,
  poll,
  screenshot,
  text,
  useAppAndBrowser,
} from './harness';

/** Drags with real mouse moves, in steps, so React Flow sees a drag and not a click. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
  await page.mouse.up();
}

describeE2E('foundation', () => {
  const e2e = useAppAndBrowser();

  it('builds, edits, translates, reloads and deletes a journey map', async () => {
    const { page, errors, context } = await e2e.openPage();

    // ---- create from the template
    await createMapFromTemplate(page, 'Car insurance');
    const { stages, channels } = await laneIds(page);
    const [discover, , buy, use] = stages;
    const [website, phone] = channels;

    // ---- two touchpoints in two cells
    const ad = await addTouchpoint(page, discover!, website!, 'Online ad');
    const call = await addTouchpoint(page, buy!, phone!, 'Sales call');
    expect(await card(page, ad).getAttribute('data-stage-id')).toBe(discover);
    expect(await card(page, call).getAttribute('data-channel-id')).toBe(phone);

    // ---- an empty title is refused in place and changes nothing
    await openCard(page, ad);
    const title = page.getByTestId('touchpoint-panel').getByTestId('field-title');
    await title.fill('   ');
    await title.press('Enter');
    await page.getByTestId('touchpoint-panel').getByTestId('field-error').waitFor();
    expect(await text(card(page, ad).getByTestId('tp-title'))()).toBe('Online ad');
    await title.fill('Online ad');
    await title.press('Enter');
    await page.getByTestId('touchpoint-panel').getByTestId('field-error').waitFor({ state: 'detached' });

    // ---- connect them: from the ad's source handle to the call's target handle
    await drag(page, card(page, ad).locator('.react-flow__handle.source'), card(page, call).locator('.react-flow__handle.target'));
    await poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    // ---- a card made a minute ago has its cadence's grace: it has no quote yet and is not called quiet
    expect(await card(page, ad).getByTestId('tp-quiet').count()).toBe(0);

    // ---- a note of each kind and a quote
    await openCard(page, ad);
    const panel = page.getByTestId('touchpoint-panel');
    const notes = { fix: 'Ad promises a price the site does not show', wow: 'Show the price right in the ad', planB: 'Call back within an hour' };
    for (const [kind, note] of Object.entries(notes)) {
      const group = panel.getByTestId(`notes-${kind}`);
      await group.getByTestId('add-note').click();
      const textArea = group.getByTestId('note-item').last().getByTestId('note-text');
      await textArea.fill(note);
      await textArea.blur();
      await poll(text(card(page, ad).getByTestId(`tp-count-${kind}`))).toBe('1');
    }
    await panel.getByTestId('add-quote').click();
    const quote = panel.getByTestId('quote-item').last();
    await quote.getByTestId('quote-text').fill('I clicked the ad and could not find that price anywhere');
    await quote.getByTestId('quote-text').blur();
    await quote.getByTestId('quote-who').fill('Anna, survey');
    await quote.getByTestId('quote-who').blur();
    await poll(text(card(page, ad).getByTestId('tp-count-quotes'))).toBe('1');

    // ---- rate it: expected 4, got 2 → −2 on the card and on the curve
    const curvePoint = page.locator(`[data-testid="emotion-point"][data-stage-id="${discover}"]`);
    await poll(attr(curvePoint, 'data-value')).toBe('');
    expect(await text(card(page, ad).getByTestId('tp-satisfaction'))()).toBe('–');
    await panel.getByTestId('field-expectation').selectOption('4');
    await panel.getByTestId('field-perception').selectOption('2');
    await poll(attr(card(page, ad).getByTestId('tp-satisfaction'), 'data-value')).toBe('-2');
    expect(await text(card(page, ad).getByTestId('tp-satisfaction'))()).toMatch(/^[-−]2$/);
    await poll(attr(curvePoint, 'data-value')).toBe('-2');

    // ---- move the call to another cell by dragging the card
    await drag(page, card(page, call).getByTestId('tp-title'), cell(page, use!, phone!));
    await poll(attr(card(page, call), 'data-stage-id')).toBe(use);
    expect(await card(page, call).getAttribute('data-channel-id')).toBe(phone);

    // ---- undo and redo the move from the keyboard
    await page.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await poll(attr(card(page, call), 'data-stage-id')).toBe(buy);
    await page.keyboard.press('Control+Shift+z');
    await poll(attr(card(page, call), 'data-stage-id')).toBe(use);

    await screenshot(page, 'foundation-map');

    // ---- Russian labels
    await openCard(page, ad);
    await page.getByTestId('locale-switch').selectOption('ru');
    await poll(text(panel.getByTestId('notes-fix').locator('h3, h4, header, legend').first())).toContain('Починка');
    await poll(() => panel.getByTestId('notes-planB').textContent()).toContain('План Б');
    await poll(attr(card(page, ad).getByTestId('tp-count-fix').locator('..'), 'aria-label')).toContain('Починка');
    expect(await text(card(page, ad).getByTestId('tp-status'))()).toBe('Новая');
    // Lane titles are the map's content, written in the creator's language: they stay.
    expect(await text(page.getByTestId('stage-title').first())()).toBe('Discover');
    await page.getByTestId('locale-switch').selectOption('en');
    await poll(() => panel.getByTestId('notes-planB').textContent()).toContain('Plan B');

    // ---- reload: everything is still there
    await page.reload();
    await page.getByTestId('map-canvas').waitFor();
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(2);
    await poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    expect(await text(card(page, ad).getByTestId('tp-title'))()).toBe('Online ad');
    expect(await card(page, call).getAttribute('data-stage-id')).toBe(use);
    for (const kind of ['fix', 'wow', 'planB', 'quotes']) {
      expect(await text(card(page, ad).getByTestId(`tp-count-${kind}`))()).toBe('1');
    }
    expect(await card(page, ad).getByTestId('tp-satisfaction').getAttribute('data-value')).toBe('-2');
    await poll(attr(curvePoint, 'data-value')).toBe('-2');
    await openCard(page, ad);
    await poll(() => panel.getByTestId('note-text').evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value))).toEqual(
      Object.values(notes),
    );

    await screenshot(page, 'foundation-panel');

    // ---- delete the map from the list, after confirming
    await page.getByTestId('back-to-list').click();
    const row = page.getByTestId('map-row').filter({ hasText: 'Car insurance' });
    await row.waitFor();
    await row.getByTestId('map-delete').click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-message').textContent()).toContain('Car insurance');
    await page.getByTestId('confirm-cancel').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    expect(await row.count()).toBe(1);
    await row.getByTestId('map-delete').click();
    await page.getByTestId('confirm-ok').click();
    await poll(() => row.count()).toBe(0);
    await page.reload();
    await page.getByTestId('map-list').waitFor();
    await poll(() => page.getByTestId('map-row').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
