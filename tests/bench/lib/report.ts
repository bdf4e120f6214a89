// The one table `npm run bench` prints: figure, target and whether it is met, per row.
import { isMet, type Figure } from '../types';

function formatValue(figure: Figure): string {
  if (figure.value === null) return figure.text ?? 'n/a';
  return `${figure.value.toLocaleString('en-US')} ${figure.unit}`.trim();
}

function formatTarget(figure: Figure): string {
  return figure.target ? `${figure.target.op} ${figure.target.value.toLocaleString('en-US')} ${figure.unit}`.trim() : '';
}

function formatMet(figure: Figure): string {
  const met = isMet(figure);
  if (met === null) return figure.target ? '–' : '';
  return met ? 'yes' : 'NO';
}

export function renderTable(figures: readonly Figure[]): string {
  const header = ['benchmark', 'figure', 'target', 'met?', 'notes'];
  // One line per row, whatever an error message carried.
  const rows = figures.map((f) => [f.name, formatValue(f), formatTarget(f), formatMet(f), (f.note ?? '').replace(/\s*\n\s*/g, ' ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
