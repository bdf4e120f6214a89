// How stage averages read on the emotion curve (a card's satisfaction: src/domain/satisfaction.ts).

/** The stage average as data (tests, tooltips): at most two decimals, "" when nothing is rated. */
export function averageValue(average: number | null): string {
  if (average === null) return '';
  const rounded = Math.round(average * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The average to one decimal, as the curve shows it. */
export const roundedAverage = (average: number): number => Math.round(average * 10) / 10 || 0;
