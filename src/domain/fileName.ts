// File names for exports: `<map title>-<YYYY-MM-DD>.<ext>`, safe on Windows, macOS and Linux,
// and the same whether the browser or the server (Content-Disposition) names the download.
// Letters of any script stay (a Russian title gives a Russian file name).

// Forbidden on Windows, plus control characters; '/' everywhere.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
// Invisible characters that change how a name reads: bidi controls (an RTL override shows
// "Invoice\u202Egnp.exe" as "Invoiceexe.png"), C1 controls, line/paragraph separators, the BOM.
// Joiners stay: emoji sequences need them.
const INVISIBLE = /[\u0080-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_TITLE = 80;

/** A title usable as a file name: forbidden characters become '-', never empty. */
export function sanitiseFileName(title: string, fallback = 'journey-map'): string {
  let name = title
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .replace(FORBIDDEN, '-')
    .replace(/-{2,}/g, '-')
    .trim();
  // Cut by code points so an emoji or a surrogate pair is never split.
  name = Array.from(name).slice(0, MAX_TITLE).join('');
  // Windows drops trailing dots and spaces, and a leading dot hides the file elsewhere.
  name = name.replace(/^[.\s-]+|[.\s-]+$/g, '');
  if (name === '') return fallback;
  if (WINDOWS_RESERVED.test(name)) return `${name}_`;
  return name;
}

/** The local calendar date as YYYY-MM-DD (the day the user sees, not UTC). */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `Customer onboarding-2026-01-31.json`; `date` may already be YYYY-MM-DD. */
export function exportFileName(title: string, date: Date | string, ext: string): string {
  const day = typeof date === 'string' ? date : localDate(date);
  return `${sanitiseFileName(title)}-${day}.${ext.replace(/^\./, '')}`;
}
