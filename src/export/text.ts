// Line breaking shared by the PDF and PowerPoint writers. Widths come from a measure function
// (the embedded font's advance widths in the PDF), cached per word: a 500-touchpoint deck wraps
// tens of thousands of words and shaping each one again would dominate the export.

/** Width of a text at size 1. */
export type Measure = (text: string) => number;

/** Characters no font draws and no viewer expects in text (controls other than line breaks). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

export const cleanText = (text: string): string => text.replace(/\r\n?/g, '\n').replace(CONTROL, ' ');

export function cachedMeasure(measure: Measure): Measure {
  const cache = new Map<string, number>();
  return (text) => {
    let width = cache.get(text);
    if (width === undefined) {
      width = measure(text);
      cache.set(text, width);
    }
    return width;
  };
}

/** Splits one overlong word at the character that would cross `maxWidth`. */
function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = ch;
    } else piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Wraps text into lines no wider than `maxWidth` (in size-1 units times `size`). Line breaks in
 * the text are kept; with `maxLines` the last line kept ends in "…" when text was left out.
 */
export function wrapText(text: string, maxWidth: number, size: number, measure: Measure, maxLines = Infinity): string[] {
  const limit = maxWidth / size;
  const space = measure(' ');
  const lines: string[] = [];
  for (const paragraph of cleanText(text).split('\n')) {
    let line = '';
    let width = 0;
    for (const word of paragraph.split(/ +/)) {
      if (word === '') continue;
      const w = measure(word);
      if (line !== '' && width + space + w <= limit) {
        line += ` ${word}`;
        width += space + w;
        continue;
      }
      if (line !== '') lines.push(line);
      if (w <= limit) {
        line = word;
        width = w;
      } else {
        const pieces = breakWord(word, limit, measure);
        lines.push(...pieces.slice(0, -1));
        line = pieces[pieces.length - 1] ?? '';
        width = measure(line);
      }
    }
    lines.push(line);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && measure(`${last}…`) > limit) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

/** The last review's changes the decks list, labelled, in one order for the PDF and the slides. */
export function reviewChangeLists(
  review: { added: string[]; retired: string[]; deleted: string[]; fixesClosed: string[] },
  d: { reviewAdded: string; reviewRetired: string; reviewDeleted: string; reviewFixesClosed: string },
): [string, string[]][] {
  return [
    [d.reviewAdded, review.added],
    [d.reviewRetired, review.retired],
    [d.reviewDeleted, review.deleted],
    [d.reviewFixesClosed, review.fixesClosed],
  ];
}
