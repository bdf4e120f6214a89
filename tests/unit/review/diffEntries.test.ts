// The comparison as the list a review reads aloud: grouped, in map order, each row with its kind.
import { describe, expect, it } from 'vitest';
import { diffMaps } from '../../../src/domain/review/diff';
import { diffEntries } from '../../../src/panels/review/diffEntries';
import { formatScore } from '../../../src/domain/satisfaction';
import { formatShare, quarterOf } from '../../../src/panels/review/format';
import { baseMap, changed, find, makeNote, makeQuote, makeTouchpoint, remove } from './factories';

const kinds = (before = baseMap(), edit: Parameters<typeof changed>[1]) =>
  diffEntries(diffMaps(before, changed(before, edit))).map((g) => ({ group: g.name, kinds: g.entries.map((e) => e.kind) }));

describe('diff entries', () => {
  it('groups touchpoint, note and quote changes in that order', () => {
    expect(
      kinds(baseMap(), (m) => {
        m.touchpoints.push(makeTouchpoint({ id: 'chat', title: 'Chat', stageId: 'buy', channelId: 'phone' }));
        find(m.touchpoints, 'call').status = 'retired';
        find(m.touchpoints, 'landing').stageId = 'buy';
        find(m.touchpoints, 'refund').title = 'Refund and apology';
        find(m.notes, 'slow').status = 'done';
        m.notes.push(makeNote({ id: 'gift', touchpointId: 'refund', kind: 'wow', text: 'A small gift' }));
        m.quotes.push(makeQuote({ id: 'wait', touchpointId: 'call', text: 'I waited' }));
      }),
    ).toEqual([
      { group: 'touchpoints', kinds: ['touchpoint-added', 'touchpoint-retired', 'touchpoint-moved', 'touchpoint-renamed'] },
      { group: 'notes', kinds: ['note-added', 'note-closed'] },
      { group: 'quotes', kinds: ['quote-added'] },
    ]);
  });

  it('names a deleted touchpoint without pointing at the canvas', () => {
    const before = baseMap();
    const [group] = diffEntries(diffMaps(before, changed(before, (m) => remove(m.touchpoints, 'call'))));
    expect(group!.entries).toEqual([
      expect.objectContaining({ kind: 'touchpoint-deleted', title: 'Sales call', touchpointId: null, detail: { stage: 'Discover', channel: 'Phone' } }),
    ]);
  });

  it('lists satisfaction per touchpoint and only the stages whose average moved', () => {
    const before = changed(baseMap(), (m) => {
      Object.assign(find(m.touchpoints, 'checkout'), { expectation: 4, perception: 2 });
    });
    const groups = diffEntries(
      diffMaps(
        before,
        changed(before, (m) => {
          find(m.touchpoints, 'checkout').perception = 4;
        }),
      ),
    );
    const satisfaction = groups.find((g) => g.name === 'satisfaction')!;
    expect(satisfaction.entries.map((e) => [e.kind, e.title, e.detail.before, e.detail.after])).toEqual([
      ['satisfaction-touchpoint', 'Checkout', -2, 0],
      ['satisfaction-stage', 'Buy', -2, 0],
    ]);
  });

  it('is empty for the same map', () => {
    expect(diffEntries(diffMaps(baseMap(), baseMap()))).toEqual([]);
  });
});

describe('review wording', () => {
  it('names the quarter of a date', () => {
    expect(quarterOf(new Date(2026, 10, 26))).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date(2027, 0, 1))).toEqual({ year: 2027, quarter: 1 });
    expect(quarterOf(new Date(2026, 5, 30))).toEqual({ year: 2026, quarter: 2 });
  });

  it('writes shares and scores', () => {
    expect(formatShare('en', 2 / 3)).toBe('67%');
    expect(formatShare('en', null)).toBe('–');
    expect(formatScore(-1.26, 'en')).toBe('−1.3');
    expect(formatScore(2, 'en')).toBe('+2');
    expect(formatScore(null, 'en')).toBe('–');
  });
});
