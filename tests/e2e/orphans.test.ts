// Issue 16, item 4: Anna deletes a card while Boris, offline, writes a note on it. When Boris is
// back, neither of them loses sight of the note: both are told it lost its card, with its text,
// and one click by either brings the card back with the note on it, for both.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTouchpoint, answerNameDialog, attr, card, createMapFromTemplate, describeE2E, laneIds, openCard, poll, screenshot, text, useAppAndBrowser } from './harness';

const connection = (page: Page) => page.getByTestId('connection-state');
const notice = (page: Page) => page.getByTestId('orphans-notice');

describeE2E('notes orphaned by a concurrent delete', () => {
  const e2e = useAppAndBrowser();

  it('are shown to both people and come back with their card in one click', async () => {
    const anna = await e2e.openPage();
    const boris = await e2e.openPage();
    const a = anna.page;
    const b = boris.page;
    await createMapFromTemplate(a, 'Claims');
    const { stages, channels } = await laneIds(a);
    const claim = await addTouchpoint(a, stages[2]!, channels[1]!, 'Claim call');
    await b.goto(a.url());
    await b.getByTestId('map-canvas').waitFor();
    await answerNameDialog(b, null);
    await poll(text(card(b, claim).getByTestId('tp-title'))).toBe('Claim call');

    // Boris loses the network and writes a note on the card; Anna deletes the card meanwhile.
    await boris.context.setOffline(true);
    await poll(attr(connection(b), 'data-status')).toBe('offline');
    await openCard(b, claim);
    const fixes = b.getByTestId('touchpoint-panel').getByTestId('notes-fix');
    await fixes.getByTestId('add-note').click();
    await fixes.getByTestId('note-text').fill('Call back <b>within a day</b>');
    await fixes.getByTestId('note-text').blur();
    await card(a, claim).click();
    await a.keyboard.press('Delete');
    await poll(() => card(a, claim).count()).toBe(0);
    expect(await notice(a).count()).toBe(0);

    // Back online: the card is gone for both, and both are told what it left behind.
    await boris.context.setOffline(false);
    await poll(attr(connection(b), 'data-synced')).toBe('true');
    await poll(() => card(b, claim).count()).toBe(0);
    for (const page of [a, b]) {
      await poll(() => notice(page).getByTestId('orphans-group').count()).toBe(1);
      // The note's text as Boris wrote it, shown as text.
      expect(await notice(page).textContent()).toContain('Call back <b>within a day</b>');
      expect(await notice(page).textContent()).toContain('1 note or quote lost its card');
    }
    await screenshot(a, 'orphaned-note-notice');

    // Anna restores it: the card is back for both, with Boris's note on it, and the notice goes.
    await notice(a).getByTestId('orphans-restore').click();
    for (const page of [a, b]) {
      await poll(() => card(page, claim).count()).toBe(1);
      await poll(text(card(page, claim).getByTestId('tp-count-fix'))).toBe('1');
      await poll(() => notice(page).count()).toBe(0);
    }
    expect(await card(b, claim).getAttribute('data-stage-id')).toBe(stages[0]);
    // The restored card's panel is open on Anna's side, to give it its name back.
    await poll(() => a.getByTestId('touchpoint-panel').getByTestId('field-title').inputValue()).toBe('Restored touchpoint');
    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
  });
});
