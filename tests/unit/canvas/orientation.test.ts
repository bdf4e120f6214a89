// Where headers stick, how Fit clears the controls floating over the canvas, and how far the
// map pans to show a card: the numbers behind tests/e2e/orientation.test.ts.
import { describe, expect, it } from 'vitest';
import { fitPadding, panToReveal, zoomToFit, FIT_MARGIN } from '../../../src/canvas/overlays';
import { stickyOffset } from '../../../src/canvas/sticky';
import { GRID } from '../../../src/domain/grid';

const rect = (left: number, top: number, width: number, height: number) => ({ left, top, right: left + width, bottom: top + height });

describe('sticky headers', () => {
  const layout = { width: 2000, height: 1200 };
  const insets = { top: 64, left: 0 };

  it('stay at home while the grid edge is in sight', () => {
    expect(stickyOffset('top', [100, 200, 1], layout, insets)).toBe(0);
    expect(stickyOffset('left', [40, -500, 0.5], layout, insets)).toBe(0);
  });

  it('follow the inset, in flow pixels, once the edge scrolls past', () => {
    // The grid's top is 136 px above the canvas's top at zoom 2: 200 screen px to come down.
    expect(stickyOffset('top', [0, -136, 2], layout, insets)).toBe(100);
    expect(stickyOffset('left', [-300, 0, 0.5], layout, insets)).toBe(600);
  });

  it('stop at the far end of the grid', () => {
    expect(stickyOffset('top', [0, -10_000, 1], layout, insets)).toBe(layout.height - GRID.stageHeaderHeight);
    expect(stickyOffset('left', [-10_000, 0, 1], layout, insets)).toBe(layout.width - GRID.laneHeaderWidth);
  });
});

describe('fit padding', () => {
  const pane = rect(0, 50, 1024, 600);
  const toolbar = rect(300, 60, 420, 44);
  const minimap = rect(809, 485, 200, 150);
  const controls = rect(15, 550, 26, 85);

  it('clears the toolbar at the top whatever the map', () => {
    const p = fitPadding(pane, [toolbar], { width: 1000, height: 1000 });
    expect(p.top).toBe(toolbar.bottom - pane.top + FIT_MARGIN);
  });

  it("gives a wide map's spare height to the minimap and a tall map's spare width", () => {
    const wide = fitPadding(pane, [toolbar, minimap, controls], { width: 3000, height: 500 });
    expect(wide.bottom).toBe(pane.bottom - minimap.top + FIT_MARGIN);
    expect(wide.right).toBe(FIT_MARGIN);
    const tall = fitPadding(pane, [toolbar, minimap, controls], { width: 500, height: 3000 });
    expect(tall.right).toBe(pane.right - minimap.left + FIT_MARGIN);
    expect(tall.left).toBe(controls.right - pane.left + FIT_MARGIN);
  });

  it('never lets the fitted map reach under an overlay', () => {
    for (const content of [{ width: 3000, height: 500 }, { width: 500, height: 3000 }, { width: 1200, height: 700 }]) {
      const padding = fitPadding(pane, [toolbar, minimap, controls], content);
      const zoom = zoomToFit(pane, padding, content);
      // React Flow centres the map in the padded area.
      const w = content.width * zoom;
      const h = content.height * zoom;
      const left = pane.left + padding.left + (pane.right - pane.left - padding.left - padding.right - w) / 2;
      const top = pane.top + padding.top + (pane.bottom - pane.top - padding.top - padding.bottom - h) / 2;
      const map = { left, top, right: left + w, bottom: top + h };
      for (const o of [toolbar, minimap, controls]) {
        const overlap = map.left < o.right && map.right > o.left && map.top < o.bottom && map.bottom > o.top;
        expect(overlap, JSON.stringify({ content, o })).toBe(false);
      }
    }
  });
});

describe('revealing a card', () => {
  const pane = rect(0, 50, 700, 600);
  const margin = { top: 64, right: 16, bottom: 16, left: 16 };

  it('does not move a card already in sight', () => {
    expect(panToReveal(pane, margin, [], rect(100, 200, 228, 104))).toEqual([0, 0]);
  });

  it('pans a card past the right edge back in, and one under the minimap to its left', () => {
    expect(panToReveal(pane, margin, [], rect(600, 200, 228, 104))).toEqual([700 - 16 - 828, 0]);
    const minimap = rect(485, 435, 200, 150);
    const [dx, dy] = panToReveal(pane, margin, [minimap], rect(400, 450, 228, 104));
    expect(dy).toBe(0);
    expect(400 + 228 + dx).toBeLessThanOrEqual(minimap.left - FIT_MARGIN);
  });
});
