// The review diff on the canvas: a saved review compared with the live map shows a moved card's
// ghost at its old place with an arrow to the new one, a deleted card's ghost where it was (each as
// tall as its card was), badges naming what changed per card, the review's emotion curve dashed
// under today's, layer cells and KPIs with what they said then; the legend stays clear of the zoom
// controls, the minimap, the toolbar and the curve on a laptop screen and a desktop one.
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, addTouchpoint, attr, card, cell, createMapFromTemplate, describeE2E, laneIds, openCard, poll, renameTouchpoint, text, useAppAndBrowser } from './harness';

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

const layerRow = (page: Page, kind: string) => page.locator(`[data-testid="layer-row"][data-layer-kind="${kind}"]`);
const layerCell = (page: Page, kind: string, stageId: string) => layerRow(page, kind).locator(`[data-testid="layer-cell"][data-stage-id="${stageId}"]`);
/** A card's (or ghost's) height on the map, in flow px: the node's own box, whatever the zoom. */
const nodeHeight = (page: Page, nodeId: string) =>
  page.locator(`.react-flow__node[data-id="${nodeId}"]`).evaluate((el) => (el as HTMLElement).offsetHeight);

async function rate(page: Page, id: string, expectation: string, perception: string) {
  await openCard(page, id);
  await page.getByTestId('touchpoint-panel').getByTestId('field-expectation').selectOption(expectation);
  await page.getByTestId('touchpoint-panel').getByTestId('field-perception').selectOption(perception);
}

async function addNote(page: Page, id: string, kind: string, words: string) {
  await openCard(page, id);
  const notes = page.getByTestId('touchpoint-panel').getByTestId(`notes-${kind}`);
  await notes.getByTestId('add-note').click();
  await notes.getByTestId('note-item').last().getByTestId('note-text').fill(words);
  await notes.getByTestId('note-item').last().getByTestId('note-text').blur();
  await poll(text(card(page, id).getByTestId(`tp-count-${kind}`))).toBe('1');
}

/** Fits the map to the screen and waits until `target` is in sight (the bottom rows lie under the curve before). */
async function fitToSee(page: Page, target: Locator) {
  await page.getByTestId('toolbar-fit').click();
  await poll(async () => inside(await box(target), await box(page.locator('.react-flow')))).toBe(true);
}

async function writeCell(cellLocator: Locator, words: string) {
  await cellLocator.getByTestId('layer-cell-text').click();
  const input = cellLocator.getByTestId('layer-cell-input');
  await input.fill(words);
  await input.press('Escape');
  await input.waitFor({ state: 'detached' });
}

async function writeKpi(cellLocator: Locator, figures: { metric?: string; actual: string; target?: string }) {
  await cellLocator.getByTestId('kpi-view').click();
  if (figures.metric !== undefined) await cellLocator.getByTestId('kpi-metric-input').fill(figures.metric);
  await cellLocator.getByTestId('kpi-actual-input').fill(figures.actual);
  if (figures.target !== undefined) await cellLocator.getByTestId('kpi-target-input').fill(figures.target);
  await cellLocator.getByTestId('kpi-actual-input').press('Enter');
  await cellLocator.getByTestId('kpi-editor').waitFor({ state: 'detached' });
}

/**
 * Where the curve strip draws things, in its own pixels (y down): a touchpoint's live dot, every
 * vertex of the review's dashed line and dots, and the y of the zero line and of +4.
 */
/** The curve's marks in screen pixels: today's dots, the review's line and dots, and the 0 and +4 lines. */
function curveMarks(page: Page) {
  return page.evaluate(() => {
    const curve = document.querySelector('[data-testid="emotion-curve"]')!;
    const vertices = (el: Element | null) => {
      if (!el) return [];
      const m = (el as SVGGraphicsElement).getScreenCTM()!;
      return [...(el.getAttribute('d') ?? '').matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map(([, x, y]) => {
        const p = new DOMPoint(Number(x), Number(y)).matrixTransform(m);
        return { x: p.x, y: p.y };
      });
    };
    const line = (selector: string) => {
      const el = curve.querySelector<SVGLineElement>(selector)!;
      return new DOMPoint(0, Number(el.getAttribute('y1'))).matrixTransform(el.getScreenCTM()!).y;
    };
    return {
      liveDots: [...curve.querySelectorAll('[data-testid^="emotion-dots-"]')].flatMap(vertices),
      beforeLine: vertices(curve.querySelector('[data-testid="curve-before-line"]')),
      beforeDots: [...curve.querySelectorAll('[data-testid="curve-before-dots"]')].flatMap(vertices),
      zero: line('.cjm-curve__zero'),
      top: line('.cjm-curve__bound'),
    };
  });
}

describeE2E('review diff on the canvas', () => {
  const e2e = useAppAndBrowser();

  it('draws ghosts, badges, the curve before and after, changed cells and KPIs, and keeps the legend clear', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Travel insurance');
    const { stages, channels } = await laneIds(page);
    const [discover, choose, buy] = stages as [string, string, string];
    const [website, phone] = channels as [string, string];
    const ad = await addTouchpoint(page, discover, website, 'Online ad');
    const call = await addTouchpoint(page, buy, phone, 'Sales call');
    const form = await addTouchpoint(page, buy, website, 'Quote form');
    // As the review finds them: ratings, two notes on the form (a taller card), a pain and an NPS.
    await rate(page, ad, '3', '3');
    await rate(page, call, '3', '4');
    await rate(page, form, '4', '3');
    await addNote(page, form, 'fix', 'Ask fewer questions');
    await addNote(page, form, 'wow', 'Fill in from the last policy');
    const formHeight = await nodeHeight(page, form);
    expect(formHeight).toBeGreaterThan(await nodeHeight(page, call));
    await page.getByTestId('toolbar-layers').click();
    await page.getByTestId('add-layer-kpi').click();
    await page.getByTestId('layers-popup').waitFor({ state: 'detached' });
    await fitToSee(page, layerCell(page, 'kpi', buy));
    await writeCell(layerCell(page, 'pains', buy), 'Too many documents');
    await writeKpi(layerCell(page, 'kpi', buy), { metric: 'NPS', actual: '62', target: '75' });

    // Review A, with nothing walked: it asks first.
    await page.getByTestId('open-review').click();
    await page.getByTestId('save-review').click();
    await page.getByTestId('review-name').fill('Review A');
    await page.getByTestId('review-save-confirm').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-ok').click();
    const reviewItem = page.getByTestId('review-item').filter({ hasText: 'Review A' });
    await reviewItem.waitFor();

    // The quarter: the ad moves to Choose and is rated up, the call is renamed and rated down, the
    // form is deleted, the pain is worded anew and the NPS went up.
    await openCard(page, ad);
    await page.getByTestId('touchpoint-panel').getByTestId('field-stage').selectOption(choose);
    await poll(attr(card(page, ad), 'data-stage-id')).toBe(choose);
    await renameTouchpoint(page, call, 'Sales call back');
    await page.getByTestId('touchpoint-panel').getByTestId('field-expectation').selectOption('4');
    await page.getByTestId('touchpoint-panel').getByTestId('field-perception').selectOption('2');
    await rate(page, ad, '2', '4');
    await writeCell(layerCell(page, 'pains', buy), 'Forms are long');
    await writeKpi(layerCell(page, 'kpi', buy), { actual: '71' });
    // The layers too: Thoughts renamed, Opportunities deleted (it was empty), Backstage added and written.
    await layerRow(page, 'thoughts').getByTestId('layer-title').click();
    await page.getByTestId('layer-title-input').fill('Feelings');
    await page.getByTestId('layer-title-input').press('Enter');
    await layerRow(page, 'opportunities').getByTestId('layer-menu').click();
    await page.getByTestId('layer-delete').click();
    await layerRow(page, 'opportunities').waitFor({ state: 'detached' });
    await page.getByTestId('toolbar-layers').click();
    await page.getByTestId('add-layer-backstage').click();
    await page.getByTestId('layers-popup').waitFor({ state: 'detached' });
    await fitToSee(page, layerCell(page, 'backstage', buy));
    await writeCell(layerCell(page, 'backstage', buy), 'Underwriter checks the form');
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
    // Each ghost is as tall as its card was: the form's with its two notes, the ad's as the ad is.
    expect(await nodeHeight(page, `ghost:${form}`)).toBe(formHeight);
    expect(await box(ghost(page, form)).then((b) => b.height)).toBeGreaterThan(await box(card(page, call)).then((b) => b.height));
    expect(await nodeHeight(page, `ghost:${ad}`)).toBe(await nodeHeight(page, ad));
    // Ghosts are not cards: a click on one is a click on the cell (nothing gets selected).
    await ghost(page, form).click({ force: true });
    expect(await page.locator('[data-testid="touchpoint-card"].is-selected').count()).toBe(0);

    // Badges say what changed per card.
    expect(await badges(page, ad).getAttribute('data-changes')).toBe('moved rating');
    expect(await badges(page, call).getAttribute('data-changes')).toBe('title rating');
    expect(await badges(page, call).textContent()).toBe('titlerating');

    // The curve as it was, dashed under today's: the call was at +1 where it now is at −2, straight
    // above its live dot; the deleted form's −1 is still there, and the key names the review.
    const curve = await curveMarks(page);
    const unit = (curve.zero - curve.top) / 4;
    // Today's dot at −2 is the call's: the pointer on it names the card.
    const live = curve.liveDots.find((d) => Math.abs(d.y - (curve.zero + 2 * unit)) < 1)!;
    await page.mouse.move(live.x, live.y);
    await poll(() => page.getByTestId('curve-tooltip').textContent()).toContain(await card(page, call).getByTestId('tp-title').textContent());
    await page.mouse.move(live.x, curve.top - 40);
    const callBefore = curve.beforeDots.filter((d) => Math.abs(d.x - live.x) < 1);
    expect(callBefore).toHaveLength(1);
    expect(callBefore[0]!.y).toBeCloseTo(curve.zero - unit, 0);
    expect(curve.beforeLine.some((v) => Math.abs(v.x - live.x) < 1 && Math.abs(v.y - (curve.zero - unit)) < 1)).toBe(true);
    // Three rated cards then (ad 0, call +1, form −1): one dashed line through all three.
    expect(curve.beforeLine).toHaveLength(3);
    expect(curve.beforeDots.map((d) => Math.round((curve.zero - d.y) / unit) + 0).sort()).toEqual([-1, 0, 1]);
    expect(await page.getByTestId('curve-before-key').textContent()).toContain('Review A');

    // The pain cell shows today's words and, struck through, what it said; the KPI its old figure.
    const pains = layerCell(page, 'pains', buy);
    expect(await pains.getAttribute('data-diff')).toBe('changed');
    expect(await pains.getByTestId('layer-cell-text').textContent()).toBe('Forms are long');
    expect(await pains.getByTestId('cell-was').textContent()).toContain('Too many documents');
    expect(await pains.locator('s').textContent()).toBe('Too many documents');
    expect(await pains.getAttribute('title')).toBe('Changed since the compared review: “Too many documents” → “Forms are long”');
    const kpi = layerCell(page, 'kpi', buy);
    expect(await kpi.getAttribute('data-diff')).toBe('changed');
    expect(await kpi.getByTestId('kpi-figures').textContent()).toBe('62 → 71 / 75');
    expect(await kpi.getByTestId('kpi-was').textContent()).toBe('62');
    expect(await kpi.getAttribute('title')).toBe('Changed since the compared review: “NPS 62 / 75” → “NPS 71 / 75”');
    // Unchanged things carry no mark: the KPI layer (it was in the review), an untouched cell.
    expect(await layerRow(page, 'kpi').getByTestId('layer-diff').count()).toBe(0);
    expect(await layerCell(page, 'pains', discover).getAttribute('data-diff')).toBeNull();
    // A layer added since is marked as a whole (its cells do not each say "was empty"), a renamed
    // one names its old title, and the legend lists the layer that is gone.
    expect(await layerRow(page, 'backstage').getByTestId('layer-diff').getAttribute('data-diff')).toBe('added');
    expect(await layerCell(page, 'backstage', buy).getAttribute('data-diff')).toBeNull();
    const renamed = layerRow(page, 'thoughts').getByTestId('layer-diff');
    expect(await renamed.getAttribute('data-diff')).toBe('renamed');
    expect(await renamed.getAttribute('title')).toContain('Thoughts and feelings');
    expect(await page.getByTestId('legend-removed-layers').textContent()).toBe('Layers removed: Opportunities');

    // The legend is never over the zoom controls, the minimap, its fold button, the toolbar or
    // the curve (made taller first), on a laptop screen or a desktop one, with the review panel
    // open beside the map.
    const resize = page.getByTestId('curve-resize');
    await resize.focus();
    for (let i = 0; i < 4; i += 1) await resize.press('ArrowUp');
    await poll(attr(page.getByTestId('emotion-curve'), 'data-height')).toBe('200');
    await resize.blur();
    for (const [width, height] of [
      [1024, 768],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await poll(() => page.getByTestId('map-canvas').evaluate((el) => Math.round(el.getBoundingClientRect().right))).toBeLessThanOrEqual(width);
      const legend = await box(page.getByTestId('diff-legend'));
      for (const other of ['.react-flow__controls', '.react-flow__minimap', '[data-testid="minimap-toggle"]', '.canvas-toolbar-dock .cjm-toolbar', '[data-testid="emotion-curve"]']) {
        expect(overlap(legend, await box(page.locator(other))), `${other} at ${width}×${height}`).toBe(false);
      }
      expect(inside(legend, await box(page.locator('.react-flow')))).toBe(true);
    }
    // For the docs, on a large screen: the map fitted, which leaves room for the legend (the KPI
    // row, the map's last, ends above it).
    await page.setViewportSize({ width: 1920, height: 1200 });
    await page.getByTestId('toolbar-fit').click();
    await poll(async () => (await box(kpi)).y + (await box(kpi)).height <= (await box(page.getByTestId('diff-legend'))).y).toBe(true);
    await page.screenshot({ path: path.join(ROOT, 'docs/review-diff.png') });
    await page.setViewportSize({ width: 1600, height: 1000 });

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
