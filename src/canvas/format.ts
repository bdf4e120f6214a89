// How stage averages read on the emotion curve (a card's satisfaction: src/domain/satisfaction.ts).

/** The stage average as data (tests, tooltips): at most two decimals, "" when nothing is rated. */
export function averageValue(average: number | null): string {
  if (average === null) return '';
  const rounded = Math.round(average * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** The average to one decimal, as the curve shows it. */
export const roundedAverage = (average: number): number => Math.round(average * 10) / 10 || 0;

/** The stage average as a label under the curve: one decimal, signed. */
export function averageLabel(average: number): string {
  const rounded = roundedAverage(average);
  if (rounded === 0) return '0';
  const text = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 1);
  return rounded > 0 ? `+${text}` : `−${text}`;
}
