import { describe, expect, it } from 'vitest';
import { computeGrid } from '../../../src/domain/grid';
import { mapTemplate } from '../../../src/domain/templates';
import { MAX_CANVAS_AREA, MAX_CANVAS_SIDE, PNG_BOX, planPng } from '../../../src/canvas/pngLayout';
import { makeChannel, makeStage } from '../../fixtures/factories';

const templateGrid = () => {
  const { stages, channels } = mapTemplate('default', 'en');
  return computeGrid(
    stages.map((s, i) => makeStage({ ...s, order: i })),
    channels.map((c, i) => makeChannel({ ...c, order: i })),
    [],
  );
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

  it('keeps room for the title on a blank map', () => {
    const plan = planPng({ width: 160, height: 56 });
    expect(plan.width).toBe(PNG_BOX.minWidth);
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
