// The review walk, as a team runs it: two people in review mode on the same map; the cards one of
// them ticks get their mark on both canvases and in both walk lists; saving with cards not yet
// reviewed asks first, saying how many (in each person's language), and Cancel saves nothing.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTouchpoint, answerNameDialog, attr, createMapFromTemplate, describeE2E, laneIds, poll, screenshot, useAppAndBrowser } from './harness';

const walkItem = (page: Page, id: string) => page.locator(`[data-testid="walk-item"][data-touchpoint-id="${id}"]`);
const walkMark = (page: Page, id: string) => page.locator(`[data-testid="walk-mark"][data-touchpoint-id="${id}"]`);

async function startWalk(page: Page) {
  if ((await page.getByTestId('review-panel').count()) === 0) await page.getByTestId('open-review').click();
  await page.getByTestId('review-mode-start').click();
  await page.getByTestId('walk-panel').waitFor();
}

describeE2E('review walk', () => {
  const e2e = useAppAndBrowser();

  it('marks reviewed cards live on the canvas and in the walk list, and asks before saving a half-done review', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Bank onboarding');
    const mapUrl = page.url();
    const { stages, channels } = await laneIds(page);
    const first = await addTouchpoint(page, stages[0]!, channels[0]!, 'Landing page');
    const second = await addTouchpoint(page, stages[1]!, channels[1]!, 'Branch call');
    const third = await addTouchpoint(page, stages[2]!, channels[0]!, 'Sign up form');

    const bob = await e2e.openPage();
    await bob.page.goto(mapUrl);
    await bob.page.getByTestId('map-canvas').waitFor();
    await answerNameDialog(bob.page, null);
    await bob.page.getByTestId('locale-switch').selectOption('ru');

    await startWalk(page);
    await startWalk(bob.page);
    // The walk list holds every card in walking order, none looked at yet.
    await poll(() => page.getByTestId('walk-item').evaluateAll((els) => els.map((el) => el.getAttribute('data-touchpoint-id')))).toEqual([
      first,
      second,
      third,
    ]);
    expect(await page.locator('[data-testid="walk-item"][data-reviewed="true"]').count()).toBe(0);
    expect(await page.getByTestId('walk-mark').count()).toBe(0);

    // Alice ticks the whole checklist of the first card and half of the second.
    await poll(attr(page.getByTestId('walk-position'), 'data-index')).toBe('1');
    const items = page.getByTestId('checklist-item');
    for (let k = 0; k < 6; k++) await items.nth(k).check();
    await page.getByTestId('walk-next').click();
    await poll(attr(page.getByTestId('walk-position'), 'data-index')).toBe('2');
    for (let k = 0; k < 3; k++) await items.nth(k).check();

    for (const p of [page, bob.page]) {
      // On the canvas: ✓ on the reviewed card, 3/6 on the one under way, nothing on the third.
      await poll(attr(walkMark(p, first), 'data-reviewed')).toBe('true');
      expect(await walkMark(p, first).textContent()).toBe('✓');
      await poll(() => walkMark(p, second).textContent()).toBe('3/6');
      expect(await walkMark(p, second).getAttribute('data-reviewed')).toBe('false');
      expect(await walkMark(p, third).count()).toBe(0);
      // In the list, the same.
      await poll(attr(walkItem(p, first), 'data-reviewed')).toBe('true');
      expect(await walkItem(p, second).getAttribute('data-ticked')).toBe('3');
      expect(await walkItem(p, third).getAttribute('data-ticked')).toBe('0');
    }
    // The mark sits on its card's top right corner, not somewhere else on the map.
    const cardBox = (await page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${first}"]`).boundingBox())!;
    const markBox = (await walkMark(page, first).boundingBox())!;
    expect(Math.abs(markBox.x + markBox.width / 2 - (cardBox.x + cardBox.width))).toBeLessThan(markBox.width);
    expect(Math.abs(markBox.y + markBox.height / 2 - cardBox.y)).toBeLessThan(markBox.height);
    await screenshot(page, 'review-walk-marks');

    // The list takes you to a card: Bob jumps to the third.
    await walkItem(bob.page, third).click();
    await poll(attr(bob.page.getByTestId('walk-position'), 'data-index')).toBe('3');

    // Bob (in Russian) wants to save: asked first, in his language; he cancels and nothing is saved.
    await bob.page.getByTestId('walk-save').click();
    await bob.page.getByTestId('review-save-confirm').click();
    const bobAsk = bob.page.getByTestId('confirm-dialog');
    expect(await bobAsk.getByTestId('confirm-message').textContent()).toBe('Не проверено карточек: 2 из 3. Всё равно сохранить?');
    await bobAsk.getByTestId('confirm-cancel').click();
    await bobAsk.waitFor({ state: 'detached' });
    expect(await bob.page.getByTestId('review-name').count()).toBe(1);
    expect(await bob.page.getByTestId('review-list-empty').count()).toBe(1);

    // Alice finishes the second card: now one card is left, and the question says so.
    for (let k = 3; k < 6; k++) await items.nth(k).check();
    await poll(attr(bob.page.getByTestId('review-progress'), 'data-reviewed')).toBe('2');
    await page.getByTestId('walk-save').click();
    await page.getByTestId('review-name').fill('Spring review');
    await page.getByTestId('review-save-confirm').click();
    const ask = page.getByTestId('confirm-dialog');
    expect(await ask.getByTestId('confirm-message').textContent()).toBe('1 of 3 cards not reviewed — save anyway?');
    await screenshot(page, 'review-walk-ask');
    await ask.getByTestId('confirm-ok').click();
    await page.getByTestId('review-item').filter({ hasText: 'Spring review' }).waitFor();
    // The saved review starts the next one with an empty checklist, for everyone.
    await poll(attr(bob.page.getByTestId('review-progress'), 'data-reviewed')).toBe('0');

    expect(errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
