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
  /** Why a figure is missing, or what it means; printed next to the value. */
  note?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<Figure[]>;
}

export function isMet(figure: Figure): boolean | null {
  const { value, target } = figure;
  if (!target || value === null || !Number.isFinite(value)) return target ? false : null;
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
