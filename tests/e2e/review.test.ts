// The quarterly review, as a CX team runs it: build a map, save review A; add, retire and move
// touchpoints and close a fix; save review B; compare A with B and see each change listed and
// marked on the canvas; open an old review read-only; walk review mode to the end while a
// colleague in another browser watches the progress; then the map's health and the map list.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addTouchpoint,
  answerNameDialog,
  attr,
  card,
  cell,
  createMapFromTemplate,
  describeE2E,
  laneIds,
  openCard,
  poll,
  screenshot,
  useAppAndBrowser,
} from './harness';

const diffEntry = (page: Page, kind: string, touchpointId?: string) =>
  page.locator(`[data-testid="diff-entry"][data-kind="${kind}"]${touchpointId ? `[data-touchpoint-id="${touchpointId}"]` : ''}`);
const reviewItem = (page: Page, name: string) => page.getByTestId('review-item').filter({ hasText: name });

async function openReviewPanel(page: Page) {
  if ((await page.getByTestId('review-panel').count()) === 0) await page.getByTestId('open-review').click();
  await page.getByTestId('review-panel').waitFor();
}

/** Saves a review through the panel and returns its id. */
async function saveReview(page: Page, name: string, summary: string): Promise<string> {
  await openReviewPanel(page);
  await page.getByTestId('save-review').click();
  const nameField = page.getByTestId('review-name');
  // The form suggests this quarter's name.
  expect(await nameField.inputValue()).toMatch(/^\d{4} Q[1-4] review$/);
  await nameField.fill(name);
  await page.getByTestId('review-summary').fill(summary);
  await page.getByTestId('review-save-confirm').click();
  await reviewItem(page, name).waitFor();
  await page.getByTestId('review-name').waitFor({ state: 'detached' });
  return (await reviewItem(page, name).getAttribute('data-review-id'))!;
}

describeE2E('quarterly review', () => {
  const e2e = useAppAndBrowser();

  it('saves two reviews, compares them on the list and the canvas, and walks review mode with a colleague watching', async () => {
    const { page, errors } = await e2e.openPage();

    // ---- a map with three touchpoints and a fix to do
    await createMapFromTemplate(page, 'Car insurance');
    const mapUrl = page.url();
    const { stages, channels } = await laneIds(page);
    const [discover, choose, buy, use] = stages as [string, string, string, string];
    const [website, phone, office] = channels as [string, string, string];
    const ad = await addTouchpoint(page, discover, website, 'Online ad');
    const call = await addTouchpoint(page, buy, phone, 'Sales call');
    const visit = await addTouchpoint(page, use, office, 'Office visit');
    await openCard(page, call);
    const fixes = page.getByTestId('touchpoint-panel').getByTestId('notes-fix');
    await fixes.getByTestId('add-note').click();
    const fixText = fixes.getByTestId('note-item').last().getByTestId('note-text');
    await fixText.fill('Call back within an hour');
    await fixText.blur();
    await poll(() => card(page, call).getByTestId('tp-count-fix').textContent()).toBe('1');

    // ---- review A
    const reviewA = await saveReview(page, 'Review A', 'First look at the journey');
    expect(await page.getByTestId('review-item').count()).toBe(1);

    // ---- the quarter's changes: one added, one retired, one moved, the fix done
    const chat = await addTouchpoint(page, choose, website, 'Chat bot');
    await openCard(page, visit);
    await page.getByTestId('touchpoint-panel').getByTestId('field-status').selectOption('retired');
    await poll(attr(card(page, visit).getByTestId('tp-status'), 'data-status')).toBe('retired');
    await openCard(page, ad);
    await page.getByTestId('touchpoint-panel').getByTestId('field-stage').selectOption(choose);
    await poll(attr(card(page, ad), 'data-stage-id')).toBe(choose);
    await openCard(page, call);
    await page.getByTestId('touchpoint-panel').getByTestId('notes-fix').getByTestId('note-status').selectOption('done');

    // ---- review B; newest first in the list
    const reviewB = await saveReview(page, 'Review B', 'Chat bot launched');
    await poll(() => page.getByTestId('review-item-name').allTextContents()).toEqual(['Review B', 'Review A']);

    // ---- compare A with B
    await reviewItem(page, 'Review A').getByTestId('review-compare').click();
    const from = page.getByTestId('compare-from');
    const to = page.getByTestId('compare-to');
    expect(await from.inputValue()).toBe(reviewA);
    expect(await to.inputValue()).toBe('current');
    await to.selectOption(reviewB);
    await page.getByTestId('diff-list').waitFor();
    await diffEntry(page, 'touchpoint-added', chat).waitFor();
    expect(await diffEntry(page, 'touchpoint-added', chat).textContent()).toContain('Chat bot');
    expect(await diffEntry(page, 'touchpoint-retired', visit).textContent()).toContain('Office visit');
    expect(await diffEntry(page, 'touchpoint-moved', ad).textContent()).toContain('Discover · Website → Choose · Website');
    expect(await diffEntry(page, 'note-closed').textContent()).toContain('Call back within an hour');
    expect(await page.getByTestId('diff-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual([
      'touchpoint-added',
      'touchpoint-retired',
      'touchpoint-moved',
      'note-closed',
    ]);

    // The canvas shows review B read-only, its cards marked, with a legend.
    await page.getByTestId('review-readonly-banner').waitFor();
    expect(await page.getByTestId('review-readonly-banner').textContent()).toContain('Review B');
    await poll(attr(card(page, chat), 'data-diff')).toBe('added');
    expect(await card(page, visit).getAttribute('data-diff')).toBe('retired');
    expect(await card(page, ad).getAttribute('data-diff')).toBe('changed');
    expect(await card(page, call).getAttribute('data-diff')).toBe('changed');
    const legend = page.getByTestId('diff-legend');
    expect(await legend.locator('[data-mark="added"]').getAttribute('data-count')).toBe('1');
    expect(await legend.locator('[data-mark="retired"]').getAttribute('data-count')).toBe('1');
    expect(await legend.locator('[data-mark="changed"]').getAttribute('data-count')).toBe('2');
    await screenshot(page, 'review-compare');

    // Nothing on a saved review can be edited: no card from a double-click, no field to type in.
    await cell(page, (await laneIds(page)).stages[4]!, phone).dblclick({ position: { x: 30, y: 20 } });
    // Input is handled in order: once the next click has opened a card, the double-click is done.
    await openCard(page, chat);
    await poll(() => page.getByTestId('touchpoint-panel').getByTestId('field-title').inputValue()).toBe('Chat bot');
    expect(await page.getByTestId('touchpoint-card').count()).toBe(4);
    expect(await page.getByTestId('toolbar-add-touchpoint').count()).toBe(0);
    expect(await page.getByTestId('lane-menu').count()).toBe(0);
    expect(await page.getByTestId('touchpoint-panel').getByTestId('field-title').isDisabled()).toBe(true);

    // Back to the normal view: the live map, unmarked.
    await page.getByTestId('diff-exit').click();
    await page.getByTestId('review-readonly-banner').waitFor({ state: 'detached' });
    await page.getByTestId('diff-legend').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="touchpoint-card"][data-diff]').count()).toBe(0);
    expect(await page.getByTestId('toolbar-add-touchpoint').count()).toBe(1);

    // ---- review A opened read-only: the map as it was, without the chat bot
    await openReviewPanel(page);
    await reviewItem(page, 'Review A').getByTestId('review-open').click();
    await page.getByTestId('review-readonly-banner').waitFor();
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(3);
    expect(await card(page, ad).getAttribute('data-stage-id')).toBe(discover);
    await page.getByTestId('review-back-live').click();
    await page.getByTestId('review-readonly-banner').waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(4);

    // ---- a colleague opens the map in another browser and watches the progress
    const bob = await e2e.openPage();
    await bob.page.goto(mapUrl);
    await bob.page.getByTestId('map-canvas').waitFor();
    await answerNameDialog(bob.page, null);
    await openReviewPanel(bob.page);
    const bobProgress = bob.page.getByTestId('review-progress');
    await poll(attr(bobProgress, 'data-total')).toBe('4');
    expect(await bobProgress.getAttribute('data-reviewed')).toBe('0');

    // ---- review mode, card by card, to the end
    await openReviewPanel(page);
    await page.getByTestId('review-mode-start').click();
    await page.getByTestId('walk-panel').waitFor();
    const walked: string[] = [];
    for (let i = 0; i < 4; i++) {
      const position = page.getByTestId('walk-position');
      await poll(attr(position, 'data-index')).toBe(String(i + 1));
      const current = (await page.locator('[data-testid="touchpoint-card"].is-selected').getAttribute('data-touchpoint-id'))!;
      walked.push(current);
      // The checklist is about the card on show, and its details are right below.
      expect(await page.getByTestId('touchpoint-panel').getByTestId('field-title').inputValue()).toBe(
        await card(page, current).getByTestId('tp-title').textContent(),
      );
      const items = page.getByTestId('checklist-item');
      expect(await items.count()).toBe(6);
      for (let k = 0; k < 6; k++) await items.nth(k).check();
      await poll(attr(page.getByTestId('review-progress'), 'data-reviewed')).toBe(String(i + 1));
      await poll(attr(bobProgress, 'data-reviewed')).toBe(String(i + 1));
      await page.getByTestId('walk-next').click();
    }
    await page.getByTestId('walk-done').waitFor();
    // Stage by stage: Choose (the chat bot, then the ad moved in after it), Buy, Use.
    expect(walked).toEqual([chat, ad, call, visit]);
    expect(await bobProgress.textContent()).toContain('4 of 4 touchpoints reviewed');
    await screenshot(page, 'review-walk');

    // ---- the map's health
    await page.getByTestId('walk-exit').click();
    await page.getByTestId('open-health').click();
    const health = page.getByTestId('health-panel');
    await health.waitFor();
    // Active: the ad, the chat bot and the call; none has a customer quote yet, but all were made
    // today, so they are in the cadence's grace: none is quiet.
    expect(await health.getByTestId('health-quiet').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('tp-quiet').count()).toBe(0); // nor does a card say so
    expect(await health.getByTestId('health-coverage').getAttribute('data-value')).toBe('0');
    expect(await health.getByTestId('review-due').count()).toBe(0);
    expect(await health.getByTestId('health-last-review').getAttribute('data-days')).toBe('0');

    // ---- the map list shows the last review, the coverage and the quiet touchpoints
    await page.getByTestId('back-to-list').click();
    const row = page.getByTestId('map-row').filter({ hasText: 'Car insurance' });
    const rowHealth = row.getByTestId('map-row-health');
    await rowHealth.waitFor();
    await poll(attr(rowHealth, 'data-quiet')).toBe('0');
    expect(await rowHealth.getAttribute('data-coverage')).toBe('0');
    expect(Date.parse((await rowHealth.getAttribute('data-last-review'))!)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(await row.getByTestId('map-row-last-review').textContent()).toMatch(/^Reviewed /);

    expect(errors).toEqual([]);
    expect(bob.errors).toEqual([]);
  });
});
