// What Ctrl/Cmd+C puts on the clipboard: plain data, so a paste can land in this map or another.
import type { Connection, Note, Quote, Touchpoint } from './types';

export const CLIPBOARD_FORMAT = 'cjm-studio/touchpoints';

export interface ClipboardPayload {
  touchpoints: Touchpoint[];
  notes: Note[];
  quotes: Quote[];
  connections: Connection[];
}

export function copySelection(
  selectedIds: ReadonlySet<string>,
  all: { touchpoints: Touchpoint[]; notes: Note[]; quotes: Quote[]; connections: Connection[] },
): ClipboardPayload {
  return {
    touchpoints: all.touchpoints.filter((t) => selectedIds.has(t.id)),
    notes: all.notes.filter((n) => selectedIds.has(n.touchpointId)),
    quotes: all.quotes.filter((q) => selectedIds.has(q.touchpointId)),
    connections: all.connections.filter((c) => selectedIds.has(c.sourceId) && selectedIds.has(c.targetId)),
  };
}
