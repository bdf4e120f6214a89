// Copy and paste of touchpoints. The system clipboard carries a JSON payload so cards can
// travel between maps and tabs; an in-memory copy covers browsers or pages where the
// clipboard API is missing or refused (plain http, denied permission, headless runs).
import { CLIPBOARD_FORMAT, type ClipboardPayload } from '../domain/clipboard';

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
const hasStrings = (v: Record<string, unknown>, keys: readonly string[]) => keys.every((k) => typeof v[k] === 'string');
const isRating = (v: unknown) => v === null || typeof v === 'number';

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
  if (!isRecord(raw) || raw.format !== CLIPBOARD_FORMAT || !Array.isArray(raw.touchpoints)) return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
  const touchpoints = list(raw.touchpoints).filter(
    (t) =>
      hasStrings(t, ['id', 'title', 'description', 'stageId', 'channelId', 'status', 'owner']) &&
      isRating(t.expectation) &&
      isRating(t.perception),
  );
  if (touchpoints.length === 0) return null;
  return {
    touchpoints: touchpoints as unknown as ClipboardPayload['touchpoints'],
    notes: list(raw.notes).filter((n) =>
      hasStrings(n, ['touchpointId', 'kind', 'text', 'status', 'owner']),
    ) as unknown as ClipboardPayload['notes'],
    quotes: list(raw.quotes).filter((q) =>
      hasStrings(q, ['touchpointId', 'text', 'source', 'sentiment', 'who', 'date', 'link']),
    ) as unknown as ClipboardPayload['quotes'],
    connections: list(raw.connections).filter((c) => hasStrings(c, ['sourceId', 'targetId'])) as unknown as ClipboardPayload['connections'],
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
