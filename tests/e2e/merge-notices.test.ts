// Merge notices (issue 14, item 11): Boris renames a card while offline, Anna renames it later
// online; when Boris is back, Yjs keeps one title on both screens. The one whose title lost is
// told what was replaced and by whom, and puts theirs back with one click; the other sees nothing.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  addTouchpoint,
  answerNameDialog,
  attr,
  card,
  createMapFromTemplate,
  describeE2E,
  laneIds,
  poll,
  renameTouchpoint,
  screenshot,
  text,
  useAppAndBrowser,
} from './harness';

const connection = (page: Page) => page.getByTestId('connection-state');
const notices = (page: Page) => page.getByTestId('merge-notice');

describeE2E('merge notices', () => {
  const e2e = useAppAndBrowser();

  it('tells the person whose offline or later rename lost, names the winner, and puts theirs back on both screens', async () => {
    const anna = await e2e.openPage();
    const boris = await e2e.openPage();
    const a = anna.page;
    const b = boris.page;

    await createMapFromTemplate(a, 'Workshop map', 'Anna');
    await poll(attr(connection(a), 'data-status')).toBe('connected');
    const { stages, channels } = await laneIds(a);
    const ad = await addTouchpoint(a, stages[0]!, channels[0]!, 'Online ad');
    await b.goto(a.url());
    await b.getByTestId('map-canvas').waitFor();
    await answerNameDialog(b, 'Boris');
    await poll(attr(connection(b), 'data-status')).toBe('connected');
    await poll(text(card(b, ad).getByTestId('tp-title'))).toBe('Online ad');
    // Each knows the other's name from presence before the network goes.
    await poll(() => a.locator('[data-testid="avatar"]:not([data-self="true"])').count()).toBe(1);
    await poll(() => b.locator('[data-testid="avatar"]:not([data-self="true"])').count()).toBe(1);

    await boris.context.setOffline(true);
    await poll(attr(connection(b), 'data-status')).toBe('offline');
    await renameTouchpoint(b, ad, 'Ad with the price');
    await renameTouchpoint(a, ad, 'Ad with the rate');
    await boris.context.setOffline(false);
    await poll(attr(connection(b), 'data-synced')).toBe('true');

    // One title on both screens: Yjs picks it; which one depends on the two clients' ids.
    await poll(async () => (await text(card(a, ad).getByTestId('tp-title'))()) === (await text(card(b, ad).getByTestId('tp-title'))())).toBe(
      true,
    );
    const kept = (await text(card(a, ad).getByTestId('tp-title'))())!;
    expect(['Ad with the price', 'Ad with the rate']).toContain(kept);
    const annaLost = kept === 'Ad with the price';
    const [loser, winner] = annaLost ? [a, b] : [b, a];
    const [mine, winnerName] = annaLost ? ['Ad with the rate', 'Boris'] : ['Ad with the price', 'Anna'];

    await poll(() => notices(loser).count()).toBe(1);
    expect(await notices(loser).getByTestId('merge-notice-text').textContent()).toBe(
      `Your title «${mine}» on card «${kept}» was replaced by ${winnerName}\u2019s «${kept}».`,
    );
    await screenshot(loser, 'merge-notice');
    // In Russian, the same notice in Russian words.
    await loser.getByTestId('locale-switch').selectOption('ru');
    await poll(() => notices(loser).getByTestId('merge-notice-text').textContent()).toBe(
      `Поле «название» (карточка «${kept}»): ваше «${mine}» заменено на «${kept}», автор — ${winnerName}.`,
    );
    expect(await notices(loser).getByTestId('merge-put-back').textContent()).toBe('Вернуть моё');
    await loser.getByTestId('locale-switch').selectOption('en');
    // Nothing of the winner's was lost: no notice there (both have applied the same merge by now).
    expect(await notices(winner).count()).toBe(0);

    await notices(loser).getByTestId('merge-put-back').click();
    await poll(() => notices(loser).count()).toBe(0);
    await poll(text(card(loser, ad).getByTestId('tp-title'))).toBe(mine);
    await poll(text(card(winner, ad).getByTestId('tp-title'))).toBe(mine);
    // Putting it back was a knowing edit: the winner is not told their title was lost.
    expect(await notices(winner).count()).toBe(0);

    // It is an edit like any other: undo takes it back on both screens.
    await loser.getByTestId('map-canvas').locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await loser.keyboard.press('Control+z');
    await poll(text(card(loser, ad).getByTestId('tp-title'))).toBe(kept);
    await poll(text(card(winner, ad).getByTestId('tp-title'))).toBe(kept);
    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
  });
});
