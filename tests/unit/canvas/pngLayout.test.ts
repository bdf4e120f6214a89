import { describe, expect, it } from 'vitest';
import { computeGrid } from '../../../src/domain/grid';
import { cardContent, cardHeight } from '../../../src/domain/cardContent';
import { mapTemplate } from '../../../src/domain/templates';
import {
  MAX_CANVAS_AREA,
  MAX_CANVAS_SIDE,
  PNG_BOX,
  PNG_PIXEL_BUDGET,
  gridStrips,
  pixelRatioFor,
  planPng,
  type PngLayout,
} from '../../../src/canvas/pngLayout';
import { makeChannel, makeStage, makeTouchpoint } from '../../fixtures/factories';
import { bigMapSnapshot, countsFor } from '../../bench/lib/bigMap';

const templateGrid = () => {
  const { stages, channels } = mapTemplate('default', 'en');
  return computeGrid(
    stages.map((s, i) => makeStage({ ...s, order: i })),
    channels.map((c, i) => makeChannel({ ...c, order: i })),
    [],
  );
};

/** A map of the benchmark's shape: 8 stages × 10 channels, touchpoints spread over the cells. */
const bigGrid = (touchpoints: number) => {
  const stages = Array.from({ length: 8 }, (_, i) => makeStage({ order: i }));
  const channels = Array.from({ length: 10 }, (_, i) => makeChannel({ order: i }));
  const cards = Array.from({ length: touchpoints }, (_, i) =>
    makeTouchpoint({ stageId: stages[i % 8]!.id, channelId: channels[Math.floor(i / 8) % 10]!.id, order: i }),
  );
  return computeGrid(stages, channels, cards);
};

describe('planPng', () => {
  it('holds the whole grid, a header above and the curve below, at twice the size', () => {
    const grid = templateGrid();
    const plan = planPng(grid);
    expect(plan.scale).toBe(2);
    expect(plan.scaledDown).toBe(false);
    expect(plan.grid).toMatchObject({ width: grid.width, height: grid.height });
    expect(plan.grid.y).toBeGreaterThanOrEqual(plan.header.y + plan.header.height);
    expect(plan.curve.y).toBeGreaterThan(plan.grid.y + grid.height);
    expect(plan.width).toBe(grid.width + 2 * PNG_BOX.padding);
    expect(plan.canvasWidth).toBe(plan.width * 2);
    expect(plan.canvasHeight).toBe(plan.height * 2);
  });

  it("draws the map's image a little past the grid's right edge, where connections of the last stage run, inside the margin", () => {
    for (const grid of [templateGrid(), { width: 160, height: 56 }, { width: 9000, height: 2000 }]) {
      const plan = planPng(grid);
      expect(plan.gridImage).toMatchObject({ x: plan.grid.x, y: plan.grid.y, height: plan.grid.height, width: grid.width + PNG_BOX.edgeRoom });
      expect(plan.gridImage.x + plan.gridImage.width).toBeLessThanOrEqual(plan.width - 8);
      const strips = gridStrips(plan);
      expect(strips[0]!.width).toBe(Math.round((plan.grid.x + plan.gridImage.width) * plan.scale) - Math.round(plan.grid.x * plan.scale));
    }
  });

  it('keeps room for the title on a blank map', () => {
    const plan = planPng({ width: 160, height: 56 });
    expect(plan.width).toBe(PNG_BOX.minWidth);
  });

  it("draws the benchmark's 500-touchpoint map, cards with their content, within the pixel budget", () => {
    const { stages, channels, touchpoints, notes, quotes } = bigMapSnapshot(countsFor(500));
    const heights = new Map(
      touchpoints.map((tp) => [
        tp.id,
        cardHeight(
          cardContent(
            notes.filter((n) => n.touchpointId === tp.id),
            quotes.filter((q) => q.touchpointId === tp.id),
          ),
        ),
      ]),
    );
    const grid = computeGrid(stages, channels, touchpoints, [], heights);
    const plan = planPng(grid);
    // Sharper than the screen at 100 %, yet no more pixels than the budget allows.
    expect(plan.scale).toBeGreaterThanOrEqual(1);
    expect(plan.scale).toBeLessThan(1.5);
    expect(plan.canvasWidth * plan.canvasHeight).toBeLessThanOrEqual(PNG_PIXEL_BUDGET);
    // The size rule, not the browser, chose it: the user is not told the map was scaled down.
    expect(plan.scaledDown).toBe(false);
  });

  it('scales a very tall map down to stay within a side of 32,767 px', () => {
    const plan = planPng({ width: 1720, height: 40_000 });
    expect(plan.scaledDown).toBe(true);
    expect(plan.canvasHeight).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(plan.canvasHeight).toBeGreaterThan(MAX_CANVAS_SIDE - 10);
    expect(plan.canvasWidth / plan.canvasHeight).toBeCloseTo(plan.width / plan.height, 3);
  });

  it('scales a map that is large both ways down to stay within the canvas area', () => {
    const plan = planPng({ width: 20_000, height: 20_000 });
    expect(plan.scaledDown).toBe(true);
    expect(plan.canvasWidth * plan.canvasHeight).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    expect(plan.canvasWidth).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
  });
});

describe('pixelRatioFor', () => {
  it('gives 2× while the picture stays within the pixel budget', () => {
    const side = Math.sqrt(PNG_PIXEL_BUDGET / 4);
    expect(pixelRatioFor(side, side)).toBe(2);
  });

  it('steps down in quarters as maps grow, never below 1×', () => {
    const ratios = [100, 200, 300, 400, 500, 1000, 2000].map((n) => {
      const grid = bigGrid(n);
      return pixelRatioFor(grid.width, grid.height);
    });
    for (const ratio of ratios) expect([1, 1.25, 1.5, 1.75, 2]).toContain(ratio);
    expect(ratios[0]).toBe(2);
    expect(ratios).toContain(1.75);
    expect(ratios.at(-1)).toBe(1);
    expect(pixelRatioFor(100_000, 100_000)).toBe(1);
    expect([...ratios].sort((a, b) => b - a)).toEqual(ratios);
  });
});

describe('gridStrips', () => {
  const expectSeamless = (plan: PngLayout, strips: ReturnType<typeof gridStrips>) => {
    const s = plan.scale;
    expect(strips[0]!.y).toBe(Math.round(plan.grid.y * s));
    expect(strips.at(-1)!.y + strips.at(-1)!.height).toBe(Math.round((plan.grid.y + plan.grid.height) * s));
    strips.forEach((strip, i) => {
      for (const n of [strip.x, strip.y, strip.width, strip.height]) expect(Number.isInteger(n)).toBe(true);
      // The band of the image lands on exactly its pixels: no stretching between strips.
      expect(strip.sourceHeight * s).toBeCloseTo(strip.height, 6);
      expect(strip.sourceWidth * s).toBeCloseTo(strip.width, 6);
      const next = strips[i + 1];
      if (next) {
        expect(next.y).toBe(strip.y + strip.height);
        expect(next.sourceY).toBeCloseTo(strip.sourceY + strip.sourceHeight, 6);
      }
    });
    expect(strips[0]!.sourceY).toBe(0);
  };

  it('covers the grid in bands that meet on whole device pixels at 1.75×', () => {
    const plan = planPng({ width: 2001, height: 5003 }, 1.75);
    const strips = gridStrips(plan, 777);
    expect(strips.length).toBeGreaterThan(3);
    expectSeamless(plan, strips);
  });

  it('draws a short map in one strip', () => {
    const plan = planPng(templateGrid());
    const strips = gridStrips(plan);
    expect(strips).toHaveLength(1);
    expectSeamless(plan, strips);
  });
});
