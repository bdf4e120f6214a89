// Copy and paste of touchpoints. The system clipboard carries a JSON payload so cards can
// travel between maps and tabs; an in-memory copy covers browsers or pages where the
// clipboard API is missing or refused (plain http, denied permission, headless runs).
import { CLIPBOARD_FORMAT, type ClipboardPayload } from '../domain/clipboard';
import { CONNECTION, NOTE, QUOTE, TOUCHPOINT, readPlainRecord, type AnySchema, type RecordOf } from '../domain/schema';

interface ClipboardText {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

export interface CanvasClipboard {
  write(payload: ClipboardPayload): Promise<void>;
  /** The payload to paste, or null when there is nothing of ours to paste. */
  read(): Promise<ClipboardPayload | null>;
}

export function serializePayload(payload: ClipboardPayload): string {
  return JSON.stringify({ format: CLIPBOARD_FORMAT, ...payload });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Entries read through their schema (wrong fields read as safe values, incomplete entries dropped). */
function readList<S extends AnySchema>(schema: S, raw: unknown): RecordOf<S>[] {
  if (!Array.isArray(raw)) return [];
  const out: RecordOf<S>[] = [];
  for (const item of raw) {
    const entry = readPlainRecord(schema, item);
    if (entry) out.push(entry);
  }
  return out;
}

/**
 * Reads a payload back, keeping only entries with the fields a paste needs. Field values are
 * still checked by the paste itself; this only keeps foreign text from crashing it.
 */
export function parsePayload(text: string): ClipboardPayload | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.format !== CLIPBOARD_FORMAT) return null;
  const touchpoints = readList(TOUCHPOINT, raw.touchpoints);
  if (touchpoints.length === 0) return null;
  return {
    touchpoints,
    notes: readList(NOTE, raw.notes),
    quotes: readList(QUOTE, raw.quotes),
    connections: readList(CONNECTION, raw.connections),
  };
}

/** `system` is navigator.clipboard when the page may use it. */
export function createCanvasClipboard(system: () => ClipboardText | undefined): CanvasClipboard {
  let memory: ClipboardPayload | null = null;
  return {
    async write(payload) {
      memory = payload;
      try {
        await system()?.writeText(serializePayload(payload));
      } catch {
        // Refused or unavailable: the in-memory copy still lets this tab paste.
      }
    },
    async read() {
      let text: string | null = null;
      try {
        text = (await system()?.readText()) ?? null;
      } catch {
        text = null;
      }
      return (text !== null ? parsePayload(text) : null) ?? memory;
    },
  };
}

/** One clipboard for the whole tab, so cards copied in one map paste into the next. */
export const appClipboard = createCanvasClipboard(() => globalThis.navigator?.clipboard);
