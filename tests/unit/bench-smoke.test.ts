// Smoke test of the benchmark harness's own logic (no browser, no server): the figures it
// prints must be judged right, the bundle it weighs must be the one index.html loads, and the
// generated benchmark map must be a map the app's own format accepts.
import { describe, expect, it } from 'vitest';
import { initialAssets } from '../bench/bundle';
import { bigMapSnapshot, countsFor } from '../bench/lib/bigMap';
import { renderTable } from '../bench/lib/report';
import { onVsyncGrid, percentile, VSYNC_MS } from '../bench/lib/stats';
import { isMet, type Figure } from '../bench/types';
import { exportMapJson, parseMapJson } from '../../src/domain/format';

const figure = (overrides: Partial<Figure> = {}): Figure => ({
  key: 'canvas.2000.firstRenderMs',
  name: 'first render',
  value: 1200,
  unit: 'ms',
  target: { op: '<', value: 1500 },
  ...overrides,
});

describe('benchmark harness', () => {
  it('judges a figure against its target, and has no verdict without a figure', () => {
    expect(isMet(figure())).toBe(true);
    expect(isMet(figure({ value: 1500 }))).toBe(false);
    expect(isMet(figure({ value: Number.NaN }))).toBe(false);
    expect(isMet(figure({ value: null }))).toBeNull();
    expect(isMet(figure({ target: { op: '>=', value: 1 }, value: 0.8 }))).toBe(false);
    expect(isMet(figure({ target: undefined }))).toBeNull();
  });

  it('prints one row per figure with its verdict', () => {
    const table = renderTable([
      figure(),
      figure({ name: 'frame p95', value: 40, target: { op: '<', value: 16.7 } }),
      figure({ name: 'PNG export', value: null, text: 'not available yet' }),
    ]);
    const rows = table.split('\n');
    expect(rows).toHaveLength(5);
    expect(rows[2]).toMatch(/first render\s+\| 1,200 ms\s+\| < 1,500 ms\s+\| yes/);
    expect(rows[3]).toMatch(/frame p95\s+\| 40 ms\s+\| < 16.7 ms\s+\| NO/);
    expect(rows[4]).toMatch(/PNG export\s+\| not available yet\s+\| < 1,500 ms\s+\| –/);
  });

  it('counts frame times in whole 60 Hz refreshes, so timer jitter is not a missed frame', () => {
    // On-time frames as Chromium reports them, then one that missed a refresh and one that missed two.
    const deltas = [16.5, 16.7, 16.9, 17.4, 33.1, 50.2];
    expect(deltas.map((d) => onVsyncGrid(d) / VSYNC_MS)).toEqual([1, 1, 1, 1, 2, 3]);
    expect(onVsyncGrid(16.9)).toBeLessThan(16.7);
    // A delta shorter than a refresh (two callbacks in one frame) is still one frame.
    expect(onVsyncGrid(3)).toBe(VSYNC_MS);
  });

  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
  });

  it('weighs exactly the scripts, module preloads and stylesheets index.html loads up front', () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="/favicon.svg">
      <script type="module" crossorigin src="/assets/index-abc.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-def.js">
      <link rel="stylesheet" crossorigin href="/assets/index-123.css">
    </head><body><div id="root"></div></body></html>`;
    expect(initialAssets(html)).toEqual({
      scripts: ['/assets/index-abc.js', '/assets/vendor-def.js'],
      styles: ['/assets/index-123.css'],
    });
  });

  it('generates a benchmark map with the promised counts that the JSON format accepts', () => {
    const counts = countsFor(40);
    expect(counts).toEqual({ touchpoints: 40, notes: 120, quotes: 40, connections: 50 });
    const snapshot = bigMapSnapshot(counts);
    expect(snapshot.stages).toHaveLength(8);
    expect(snapshot.channels).toHaveLength(10);
    expect(snapshot.connections).toHaveLength(50);
    const parsed = parseMapJson(exportMapJson(snapshot, [], '2026-06-01T00:00:00.000Z'));
    expect(parsed.ok ? parsed.warnings : parsed.problems).toEqual([]);
    // Seeded: every run measures the same map.
    expect(bigMapSnapshot(counts)).toEqual(snapshot);
  });
});
