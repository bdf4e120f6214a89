// The review diff on the canvas: a saved review compared with the live map shows a moved card's
// ghost at its old place with an arrow to the new one, a deleted card's ghost where it was, and
// badges naming what changed per card; the legend stays clear of the zoom controls and the minimap.
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { addTouchpoint, attr, card, cell, createMapFromTemplate, describeE2E, laneIds, openCard, poll, renameTouchpoint, screenshot, useAppAndBrowser } from './harness';

const ghost = (page: Page, id: string) => page.locator(`[data-testid="review-ghost"][data-touchpoint-id="${id}"]`);
const badges = (page: Page, id: string) => page.locator(`[data-testid="change-badges"][data-touchpoint-id="${id}"]`);

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}
const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describeE2E('review diff on the canvas', () => {
  const e2e = useAppAndBrowser();

  it('draws ghosts for moved and deleted cards, an arrow to the new place and badges of what changed', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Travel insurance');
    const { stages, channels } = await laneIds(page);
    const [discover, choose, buy] = stages as [string, string, string];
    const [website, phone] = channels as [string, string];
    const ad = await addTouchpoint(page, discover, website, 'Online ad');
    const call = await addTouchpoint(page, buy, phone, 'Sales call');
    const form = await addTouchpoint(page, buy, website, 'Quote form');

    // Review A, with nothing walked: it asks first.
    await page.getByTestId('open-review').click();
    await page.getByTestId('save-review').click();
    await page.getByTestId('review-name').fill('Review A');
    await page.getByTestId('review-save-confirm').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    const reviewItem = page.getByTestId('review-item').filter({ hasText: 'Review A' });
    await reviewItem.waitFor();

    // The quarter: the ad moves to Choose, the call is renamed and rated, the form is deleted.
    await openCard(page, ad);
    await page.getByTestId('touchpoint-panel').getByTestId('field-stage').selectOption(choose);
    await poll(attr(card(page, ad), 'data-stage-id')).toBe(choose);
    await renameTouchpoint(page, call, 'Sales call back');
    await page.getByTestId('touchpoint-panel').getByTestId('field-expectation').selectOption('4');
    await page.getByTestId('touchpoint-panel').getByTestId('field-perception').selectOption('2');
    await card(page, form).getByTestId('tp-title').click();
    await page.keyboard.press('Delete');
    await poll(() => card(page, form).count()).toBe(0);

    // Compare Review A with the live map.
    await page.getByTestId('open-review').click();
    await page.getByTestId('review-panel').waitFor();
    await reviewItem.getByTestId('review-compare').click();
    await page.getByTestId('diff-legend').waitFor();

    // The moved card: a ghost where it was (Discover · Website), an arrow from there to the card.
    await ghost(page, ad).waitFor();
    expect(await ghost(page, ad).getAttribute('data-kind')).toBe('moved');
    expect(await ghost(page, ad).textContent()).toContain('Online ad');
    expect(inside(await box(ghost(page, ad)), await box(cell(page, discover, website)))).toBe(true);
    expect(await page.locator(`[data-testid="review-ghost-arrow"][data-touchpoint-id="${ad}"]`).count()).toBe(1);
    // The deleted card: a ghost where it was (Buy · Website), and no card.
    expect(await ghost(page, form).getAttribute('data-kind')).toBe('deleted');
    expect(await ghost(page, form).textContent()).toContain('Quote form');
    expect(inside(await box(ghost(page, form)), await box(cell(page, buy, website)))).toBe(true);
    expect(await page.getByTestId('review-ghost').count()).toBe(2);
    // Ghosts are not cards: a click on one is a click on the cell (nothing gets selected).
    await ghost(page, form).click({ force: true });
    expect(await page.locator('[data-testid="touchpoint-card"].is-selected').count()).toBe(0);

    // Badges say what changed per card.
    expect(await badges(page, ad).getAttribute('data-changes')).toBe('moved');
    expect(await badges(page, call).getAttribute('data-changes')).toBe('title rating');
    expect(await badges(page, call).textContent()).toBe('titlerating');

    // The legend is never over the zoom controls or the minimap.
    const legend = await box(page.getByTestId('diff-legend'));
    expect(overlap(legend, await box(page.locator('.react-flow__controls')))).toBe(false);
    expect(overlap(legend, await box(page.locator('.react-flow__minimap')))).toBe(false);
    await screenshot(page, 'review-diff');

    // A live edit shows at once: the call moves too, and gets its own ghost and arrow.
    await page.getByTestId('compare-exit').waitFor();
    await openCard(page, call);
    await page.getByTestId('touchpoint-panel').getByTestId('field-stage').selectOption(choose);
    await poll(attr(ghost(page, call), 'data-kind')).toBe('moved');
    expect(inside(await box(ghost(page, call)), await box(cell(page, buy, phone)))).toBe(true);

    // Back to the live map: no ghosts, no badges.
    await page.getByTestId('diff-exit').click();
    await page.getByTestId('diff-legend').waitFor({ state: 'detached' });
    expect(await page.getByTestId('review-ghost').count()).toBe(0);
    expect(await page.getByTestId('change-badges').count()).toBe(0);

    expect(errors).toEqual([]);
  });
});
