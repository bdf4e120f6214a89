// Small statistics over latency and frame-time samples.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** One refresh of a 60 Hz display: the period requestAnimationFrame runs at when no frame is missed. */
export const VSYNC_MS = 1000 / 60;

/**
 * A requestAnimationFrame delta in whole display refreshes. Deltas land on the 60 Hz grid plus
 * timer jitter (an on-time frame measures 16.5–16.9 ms), so the raw 95th percentile of a
 * perfectly smooth run is about 16.8 ms; on the grid it is 16.67 ms, and a frame that missed
 * one refresh is 33.3 ms.
 */
export const onVsyncGrid = (deltaMs: number) => Math.max(1, Math.round(deltaMs / VSYNC_MS)) * VSYNC_MS;

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const round = (value: number, digits = 1) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000, everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Wall time of `fn` in milliseconds, with its result. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
