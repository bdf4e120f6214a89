import { describe, expect, it } from 'vitest';
import {
  CHECKLIST_ITEMS,
  isReviewed,
  next,
  previous,
  reviewProgress,
  tickedCount,
  walkOrder,
} from '../../../src/domain/review/walk';
import { baseMap, changed, find, fullChecklist, makeChecklist, makeTouchpoint } from './factories';

/** baseMap plus a second card under landing and one in Buy × Phone. */
const busyMap = () =>
  changed(baseMap(), (m) => {
    m.touchpoints.push(
      makeTouchpoint({ id: 'banner', title: 'Banner', stageId: 'discover', channelId: 'web', order: 2 }),
      makeTouchpoint({ id: 'hotline', title: 'Hotline', stageId: 'buy', channelId: 'phone', order: 1 }),
    );
  });

describe('walkOrder', () => {
  it('walks stage by stage, then channel, then card order', () => {
    expect(walkOrder(busyMap(), 'stage')).toEqual(['landing', 'banner', 'call', 'checkout', 'hotline', 'refund']);
  });

  it('walks channel by channel, then stage, then card order', () => {
    expect(walkOrder(busyMap(), 'channel')).toEqual(['landing', 'banner', 'checkout', 'call', 'hotline', 'refund']);
  });

  it('follows lane and card order values, not the stored array order', () => {
    const map = changed(busyMap(), (m) => {
      m.stages.reverse();
      m.channels.reverse();
      m.touchpoints.reverse();
      find(m.touchpoints, 'banner').order = 0; // now above landing
    });
    expect(walkOrder(map, 'stage')).toEqual(['banner', 'landing', 'call', 'checkout', 'hotline', 'refund']);
  });

  it('includes retired touchpoints so their retirement can be confirmed', () => {
    const map = changed(baseMap(), (m) => {
      find(m.touchpoints, 'call').status = 'retired';
    });
    expect(walkOrder(map, 'stage')).toContain('call');
  });

  it('skips touchpoints whose stage or channel is gone (they are not on the canvas)', () => {
    const map = changed(baseMap(), (m) => {
      m.touchpoints.push(makeTouchpoint({ id: 'orphan', stageId: 'nowhere', channelId: 'web' }));
    });
    expect(walkOrder(map, 'stage')).not.toContain('orphan');
    expect(walkOrder(map, 'channel')).toHaveLength(4);
  });
});

describe('next / previous', () => {
  const order = ['a', 'b', 'c'];

  it('steps forward and back', () => {
    expect(next(order, 'a')).toBe('b');
    expect(previous(order, 'c')).toBe('b');
  });

  it('stops at the ends instead of wrapping', () => {
    expect(next(order, 'c')).toBeNull();
    expect(previous(order, 'a')).toBeNull();
  });

  it('starts at the first (next) or last (previous) when nothing or an unknown card is current', () => {
    expect(next(order, null)).toBe('a');
    expect(previous(order, null)).toBe('c');
    expect(next(order, 'deleted-meanwhile')).toBe('a');
    expect(previous(order, 'deleted-meanwhile')).toBe('c');
  });

  it('has nowhere to go on an empty map', () => {
    expect(next([], null)).toBeNull();
    expect(previous([], 'a')).toBeNull();
  });
});

describe('checklist', () => {
  it('counts nothing ticked as none, not reviewed', () => {
    const empty = makeChecklist();
    expect(CHECKLIST_ITEMS).toHaveLength(6);
    expect(tickedCount(empty)).toBe(0);
    expect(isReviewed(empty)).toBe(false);
  });

  it('counts a touchpoint as reviewed only when all six items are ticked', () => {
    expect(isReviewed(fullChecklist())).toBe(true);
    for (const item of CHECKLIST_ITEMS) {
      const oneMissing = { ...fullChecklist(), [item]: false };
      expect(tickedCount(oneMissing)).toBe(5);
      expect(isReviewed(oneMissing)).toBe(false);
    }
  });

  it('treats a missing checklist as not reviewed', () => {
    expect(isReviewed(undefined)).toBe(false);
    expect(tickedCount(undefined)).toBe(0);
  });
});

describe('reviewProgress', () => {
  it('counts reviewed touchpoints of the walk: "2 of 4 touchpoints reviewed"', () => {
    const order = walkOrder(baseMap(), 'stage');
    const checklists = {
      landing: fullChecklist(),
      call: makeChecklist({ stillActive: true, anythingNew: true }),
      refund: fullChecklist(),
    };
    expect(reviewProgress(order, checklists)).toEqual({ reviewed: 2, total: 4 });
  });

  it('ignores checklists of touchpoints that are no longer in the walk', () => {
    expect(reviewProgress(['a'], { a: fullChecklist(), deleted: fullChecklist() })).toEqual({ reviewed: 1, total: 1 });
  });

  it('is 0 of 0 for an empty map', () => {
    expect(reviewProgress([], {})).toEqual({ reviewed: 0, total: 0 });
  });
});
