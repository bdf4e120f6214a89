// What a rename costs the canvas: renaming a card or a lane re-renders that card or header, never
// the canvas around them (CanvasFlow, which lays out the grid and hands React Flow its nodes). On a
// big map a canvas render rebuilds every node list, so typing titles in a workshop would stutter.
//
// React's <Profiler> reports nothing in a production build, so the page counts commits through
// the hook React DevTools use, installed before the app loads: a fiber that is a new object since
// the last commit and carries React's "performed work" flag was rendered in that commit.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addTouchpoint, card, createMapFromTemplate, describeE2E, laneIds, openCard, poll, text, useAppAndBrowser } from './harness';

type RenderWindow = Window & { __canvasFlowRenders: number };

// Runs in the page before React: the component rendering the div.cjm-flow is CanvasFlow (names
// are minified in the build, so it is found by what it renders).
const COUNT_CANVAS_RENDERS = `(() => {
  const PERFORMED_WORK = 1, FUNCTION_COMPONENT = 0, HOST_COMPONENT = 5;
  window.__canvasFlowRenders = 0;
  let previous = null;
  function canvasFlowFiber(root) {
    let node = root;
    while (node) {
      const className = node.tag === HOST_COMPONENT && node.memoizedProps ? node.memoizedProps.className : null;
      if (typeof className === 'string' && className.split(' ').includes('cjm-flow')) {
        let owner = node.return;
        while (owner && owner.tag !== FUNCTION_COMPONENT) owner = owner.return;
        return owner;
      }
      if (node.child) { node = node.child; continue; }
      while (node && !node.sibling) { node = node.return; if (node === root) node = null; }
      node = node ? node.sibling : null;
    }
    return null;
  }
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    onScheduleFiberRoot() {},
    onCommitFiberRoot(_id, root) {
      const fiber = canvasFlowFiber(root.current);
      if (fiber && fiber !== previous && (fiber.flags & PERFORMED_WORK) === PERFORMED_WORK) window.__canvasFlowRenders++;
      previous = fiber;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
})()`;

const canvasRenders = (page: Page) => page.evaluate(() => (window as unknown as RenderWindow).__canvasFlowRenders);

describeE2E('canvas renders', () => {
  const e2e = useAppAndBrowser();

  it('renaming a card or a stage does not re-render the canvas', async () => {
    const { page, errors } = await e2e.openPage();
    await page.addInitScript(COUNT_CANVAS_RENDERS);
    await createMapFromTemplate(page, 'Home loan');
    const { stages, channels } = await laneIds(page);
    const visit = await addTouchpoint(page, stages[0]!, channels[0]!, 'Branch visit');
    await addTouchpoint(page, stages[1]!, channels[1]!, 'Online ad');
    // The counter sees the canvas: adding cards re-rendered it.
    expect(await canvasRenders(page)).toBeGreaterThan(0);

    // A card's title, typed into its open panel (the selection stays as it is).
    await openCard(page, visit);
    const beforeCard = await canvasRenders(page);
    const title = page.getByTestId('touchpoint-panel').getByTestId('field-title');
    await title.fill('Visit to a branch');
    await title.press('Enter');
    await poll(text(card(page, visit).getByTestId('tp-title'))).toBe('Visit to a branch');
    const cardRenders = (await canvasRenders(page)) - beforeCard;

    // A stage's title, renamed in its header.
    const header = page.locator(`[data-testid="stage-header"][data-stage-id="${stages[0]}"]`);
    const beforeStage = await canvasRenders(page);
    await header.getByTestId('stage-title').click();
    await page.getByTestId('lane-title-input').fill('Looking around');
    await page.getByTestId('lane-title-input').press('Enter');
    await poll(text(header.getByTestId('stage-title'))).toBe('Looking around');
    const stageRenders = (await canvasRenders(page)) - beforeStage;

    console.log(`CanvasFlow renders: card rename ${cardRenders}, stage rename ${stageRenders}`);
    expect({ cardRenders, stageRenders }).toEqual({ cardRenders: 0, stageRenders: 0 });
    expect(errors).toEqual([]);
  });
});
