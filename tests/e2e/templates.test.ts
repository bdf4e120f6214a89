// The template gallery and the sample map, as a newcomer meets them: the empty list offers the
// sample map, which opens filled (cards, notes, quotes, a saved review); the gallery makes a map
// from an example in English, and in Russian when the app speaks Russian.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { answerNameDialog, describeE2E, poll, screenshot, text, useAppAndBrowser } from './harness';

const cardTitles = (page: Page) => page.getByTestId('tp-title').allTextContents();
const stageTitles = (page: Page) => page.getByTestId('stage-title').allTextContents();

describeE2E('templates', () => {
  const e2e = useAppAndBrowser();

  it('offers the sample map on first run and opens it filled', async () => {
    const { page, errors } = await e2e.openPage();
    await page.goto('/');
    await page.getByTestId('map-list-empty').waitFor();
    await page.getByTestId('open-sample').click();
    await page.getByTestId('map-canvas').waitFor();
    await answerNameDialog(page, 'Facilitator');

    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(15);
    expect(await page.getByTestId('map-title').inputValue()).toBe('Sample: fitness club membership');
    expect(await cardTitles(page)).toContain('Free trial session with a coach');
    expect(await stageTitles(page)).toEqual(expect.arrayContaining(['Discover', 'Renew or leave']));
    // Notes are counted on the cards; the retired paper contract shows as retired.
    const trial = page.getByTestId('touchpoint-card').filter({ hasText: 'Free trial session with a coach' });
    expect(await text(trial.getByTestId('tp-count-wow'))()).toBe('1');
    const paper = page.getByTestId('touchpoint-card').filter({ hasText: 'Paper contract' });
    expect(await paper.getByTestId('tp-status').getAttribute('data-status')).toBe('retired');
    // A few cards may be quiet, most are not: the quotes are dated back from today.
    expect(await page.getByTestId('tp-quiet').count()).toBeLessThan(4);

    // The quotes are there in the side panel, with their sources.
    await trial.click();
    const panel = page.getByTestId('touchpoint-panel');
    await panel.waitFor();
    await poll(() => panel.getByTestId('quote-text').evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value))).toContain(
      'Igor didn’t sell me anything — he showed me three exercises for my back. That’s why I came back.',
    );
    await page.keyboard.press('Escape');
    await screenshot(page, 'sample-map');

    // One saved review to compare with.
    await page.getByTestId('open-review').click();
    await page.getByTestId('review-panel').waitFor();
    await poll(() => page.getByTestId('review-item-name').allTextContents()).toEqual(['Quarterly review']);
    expect(errors).toEqual([]);
  });

  it('makes a map from a gallery template in English and in Russian', async () => {
    const { page, errors } = await e2e.openPage();
    await page.goto('/');
    const gallery = page.getByTestId('template-gallery');
    await poll(() => gallery.getByTestId('template-card').count()).toBe(7);
    const bank = gallery.locator('[data-template-id="bank-card"]');
    expect(await text(bank.locator('.template-card__title'))()).toBe('Bank: a debit card ordered online');
    expect(await text(bank.getByTestId('template-card-count'))()).toBe('6 touchpoints');
    await screenshot(page, 'templates');

    // Untitled: the map takes the example's title.
    await bank.click();
    await page.getByTestId('map-canvas').waitFor();
    await answerNameDialog(page, null);
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(6);
    expect(await page.getByTestId('map-title').inputValue()).toBe('Bank: a debit card ordered online');
    expect(await stageTitles(page)).toEqual(['Compare', 'Apply', 'Receive', 'Activate & use', 'Get help']);
    expect(await cardTitles(page)).toContain('Courier delivery');

    // In Russian: the gallery and the new map's content speak Russian; a typed title is kept.
    await page.getByTestId('back-to-list').click();
    await page.getByTestId('map-list').waitFor();
    await page.getByTestId('locale-switch').selectOption('ru');
    const telecom = gallery.locator('[data-template-id="telecom-connection"]');
    await poll(text(telecom.locator('.template-card__title'))).toBe('Телеком: подключение домашнего интернета');
    expect(await text(telecom.getByTestId('template-card-count'))()).toBe('6 точек контакта');
    await page.getByTestId('new-map-title').fill('Интернет в новой квартире');
    await telecom.click();
    await page.getByTestId('map-canvas').waitFor();
    await poll(() => page.getByTestId('touchpoint-card').count()).toBe(6);
    expect(await page.getByTestId('map-title').inputValue()).toBe('Интернет в новой квартире');
    expect(await stageTitles(page)).toEqual(['Выбирает тариф', 'Оформляет заявку', 'Подключение', 'Первый месяц', 'Получает помощь']);
    expect(await cardTitles(page)).toContain('Визит монтажника и настройка роутера');
    expect(errors).toEqual([]);
  });
});
