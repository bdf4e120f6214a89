// Reading a file the user picked (a JSON map, a survey CSV) into text.
import { DEFAULT_FORMAT_LIMITS } from '../../domain/format/types';

export type ReadTextResult =
  | { ok: true; text: string; encoding: 'utf-8' | 'windows-1251' }
  | { ok: false; code: 'tooLarge'; maxBytes: number; size: number }
  | { ok: false; code: 'unreadable'; message: string };

const hasUtf8Bom = (b: Uint8Array) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/**
 * Bytes to text: UTF-8 when the bytes are valid UTF-8, otherwise Windows-1251, which is
 * what Excel in a Russian locale writes for "CSV (comma delimited)". A BOM is dropped.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1251' } {
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** Reads a picked file as text, refusing files over `maxBytes` before reading them. */
export async function readFileText(
  file: Blob,
  maxBytes: number = DEFAULT_FORMAT_LIMITS.maxChars,
): Promise<ReadTextResult> {
  if (file.size > maxBytes) return { ok: false, code: 'tooLarge', maxBytes, size: file.size };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { ok: true, ...decodeText(bytes) };
  } catch (e) {
    return { ok: false, code: 'unreadable', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Opens the browser's file picker; resolves null when the user cancels. Browser only. */
export function pickFile(accept: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => done(null), { once: true });
    document.body.appendChild(input);
    input.click();
  });
}
