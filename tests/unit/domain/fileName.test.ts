// Download file names (src/domain/fileName.ts), the one rule the browser and the server share.
import { describe, expect, it } from 'vitest';
import { exportFileName, sanitiseFileName } from '../../../src/domain/fileName';

describe('file names of downloads', () => {
  // A right-to-left override makes "Invoice\u202Egnp.exe" display as "Invoiceexe.png".
  it.each([
    ['right-to-left override', 'Invoice\u202Egnp.exe'],
    ['left-to-right override', 'Invoice\u202Dgnp.exe'],
    ['embeddings and pop', '\u202AInvoice\u202Bgnp.exe\u202C'],
    ['isolates', '\u2066Invoice\u2067gnp.exe\u2068\u2069'],
    ['marks', '\u200EInvoice\u200Fgnp.exe\u061C'],
  ])('drops bidi controls (%s)', (_, title) => {
    expect(sanitiseFileName(title)).toBe('Invoicegnp.exe');
    expect(exportFileName(title, '2026-06-01', 'json')).toBe('Invoicegnp.exe-2026-06-01.json');
  });

  it('drops other invisible control characters, keeping letters of any script', () => {
    expect(sanitiseFileName('Q4\u0085 review\u2028 Покупка\u2029\uFEFF')).toBe('Q4 review Покупка');
    expect(sanitiseFileName('\u202E')).toBe('journey-map');
  });

  it('keeps joined emoji whole', () => {
    expect(sanitiseFileName('Family 👨‍👩‍👧 trip')).toBe('Family 👨‍👩‍👧 trip');
  });
});
