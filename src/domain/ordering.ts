// Fractional ordering: a card or lane moves by rewriting one number, so two people
// reordering at once never duplicate or lose an item (unlike delete + insert in a list).

/** A number strictly between `before` and `after` (either may be open-ended). */
export function orderBetween(before: number | null, after: number | null): number {
  if (before === null && after === null) return 1;
  if (before === null) return after! - 1;
  if (after === null) return before + 1;
  return (before + after) / 2;
}
