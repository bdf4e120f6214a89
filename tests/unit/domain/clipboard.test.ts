import { describe, expect, it } from 'vitest';
import { copySelection } from '../../../src/domain/clipboard';
import { makeConnection, makeNote, makeQuote, makeTouchpoint } from '../../fixtures/factories';

describe('copySelection', () => {
  const a = makeTouchpoint({ id: 'a' });
  const b = makeTouchpoint({ id: 'b' });
  const c = makeTouchpoint({ id: 'c' });
  const all = {
    touchpoints: [a, b, c],
    notes: [makeNote({ touchpointId: 'a' }), makeNote({ touchpointId: 'c', kind: 'wow' })],
    quotes: [makeQuote({ touchpointId: 'b' }), makeQuote({ touchpointId: 'c' })],
    connections: [
      makeConnection({ sourceId: 'a', targetId: 'b' }),
      makeConnection({ sourceId: 'b', targetId: 'c' }),
      makeConnection({ sourceId: 'c', targetId: 'a' }),
    ],
  };

  it('takes the selected touchpoints with their notes and quotes', () => {
    const payload = copySelection(new Set(['a', 'b']), all);
    expect(payload.touchpoints.map((t) => t.id)).toEqual(['a', 'b']);
    expect(payload.notes.map((n) => n.touchpointId)).toEqual(['a']);
    expect(payload.quotes.map((q) => q.touchpointId)).toEqual(['b']);
  });

  it('keeps only connections with both ends selected', () => {
    const payload = copySelection(new Set(['a', 'b']), all);
    expect(payload.connections).toEqual([all.connections[0]]);
  });

  it('copies nothing for an empty selection', () => {
    expect(copySelection(new Set(), all)).toEqual({ touchpoints: [], notes: [], quotes: [], connections: [] });
  });

  it('survives a round trip through JSON, as the system clipboard carries it', () => {
    const payload = copySelection(new Set(['a', 'b', 'c']), all);
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });
});
