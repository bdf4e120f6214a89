// A connector dropped anywhere on a card's body connects to that card (issue 14, item 5): the
// README says "drag to another card", and hitting the small handle was the only way that worked.
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { addTouchpoint, card, cell, createMapFromTemplate, describeE2E, laneIds, poll, useAppAndBrowser } from './harness';

/** Presses on `from`'s centre, moves by mouse and lets go at a point of `onto` (fractions of its box). */
async function dragOnto(page: Page, from: Locator, onto: Locator, fx = 0.5, fy = 0.5) {
  const a = (await from.boundingBox())!;
  const b = (await onto.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width * fx, b.y + b.height * fy, { steps: 20 });
  await page.mouse.up();
}

const edgeLabels = (page: Page) => page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));

describeE2E('connecting cards', () => {
  const e2e = useAppAndBrowser();

  it('connects when the connector is let go on the middle of a card, in either direction, and not on empty canvas', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Connect map');
    const { stages, channels } = await laneIds(page);
    const ad = await addTouchpoint(page, stages[0]!, channels[0]!, 'Online ad');
    const call = await addTouchpoint(page, stages[1]!, channels[1]!, 'Sales call');
    const visit = await addTouchpoint(page, stages[2]!, channels[0]!, 'Office visit');
    await page.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.getByTestId('touchpoint-panel').waitFor({ state: 'detached' });

    // From the ad's outgoing handle to the middle of the call's card, far from its handle.
    await dragOnto(page, card(page, ad).locator('.react-flow__handle.source'), card(page, call), 0.6, 0.5);
    await poll(() => edgeLabels(page)).toEqual([`Edge from ${ad} to ${call}`]);

    // From the visit's incoming handle onto the call's body: the arrow points at the visit.
    await dragOnto(page, card(page, visit).locator('.react-flow__handle.target'), card(page, call), 0.5, 0.7);
    await poll(async () => (await edgeLabels(page)).sort()).toEqual([`Edge from ${ad} to ${call}`, `Edge from ${call} to ${visit}`].sort());

    // Let go on empty canvas, or back on its own card: nothing is added.
    const pane = page.getByTestId('map-canvas').locator('.react-flow__pane');
    await dragOnto(page, card(page, ad).locator('.react-flow__handle.source'), pane, 0.02, 0.9);
    await dragOnto(page, card(page, ad).locator('.react-flow__handle.source'), card(page, ad), 0.4, 0.5);
    // The drops are handled on mouse up; an edit made afterwards by the same page lands after them.
    await dragOnto(page, card(page, visit).locator('.react-flow__handle.source'), card(page, ad), 0.5, 0.5);
    await poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    expect((await edgeLabels(page)).sort()).toEqual(
      [`Edge from ${ad} to ${call}`, `Edge from ${call} to ${visit}`, `Edge from ${visit} to ${ad}`].sort(),
    );

    // Dragging a card by its body still moves it to another cell.
    const before = await card(page, call).getAttribute('data-stage-id');
    await dragOnto(page, card(page, call).getByTestId('tp-title'), cell(page, stages[3]!, channels[1]!));
    await poll(() => card(page, call).getAttribute('data-stage-id')).toBe(stages[3]);
    expect(before).toBe(stages[1]);
    expect(errors).toEqual([]);
  });
});
