// What every benchmark module exports and what the runner prints: one row per figure.

export interface BenchOptions {
  /** A smoke run: smaller sizes, shorter windows. Figures are not comparable with a full run. */
  quick: boolean;
  /** Progress lines go here (stderr), so stdout keeps only the table. */
  log: (line: string) => void;
}

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

export interface Target {
  op: Comparison;
  value: number;
}

export interface Figure {
  /** Stable key in results/latest.json, e.g. `canvas.2000.firstRenderMs`. */
  key: string;
  /** What the table shows in its first column. */
  name: string;
  /** null when the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  target?: Target;
  /** Shown instead of "n/a" when there is no value, e.g. "not available yet". */
  text?: string;
  /** Why a figure is missing, or what it means; printed next to the value. */
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<Figure[]>;
}

/** null when there is nothing to judge: no target, or no figure (a failed run says so in its own row). */
export function isMet(figure: Figure): boolean | null {
  const { value, target } = figure;
  if (!target || value === null) return null;
  if (!Number.isFinite(value)) return false;
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>':
      return value > target.value;
    case '>=':
      return value >= target.value;
    case '=':
      return value === target.value;
  }
}
