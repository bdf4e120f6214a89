import { describe, expect, it } from 'vitest';
import { diffMaps } from '../../../src/domain/review/diff';
import {
  baseMap,
  changed,
  find,
  makeChannel,
  makeNote,
  makeQuote,
  makeStage,
  makeTouchpoint,
  remove,
} from './factories';

describe('diffMaps: nothing changed', () => {
  it('lists nothing and marks nothing for the same map', () => {
    const map = baseMap();
    const diff = diffMaps(map, structuredClone(map));
    expect(diff.counts.total).toBe(0);
    expect(diff.touchpointMarks).toEqual({});
    expect(diff.stageSatisfaction.map((s) => s.stageId)).toEqual(['discover', 'buy', 'leave']);
  });

  it('ignores card reordering inside a cell and vote drift', () => {
    const before = baseMap();
    before.notes.push(makeNote({ id: 'cheap', touchpointId: 'landing', kind: 'wow', votes: 1 }));
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').order = 0.5;
      find(m.notes, 'cheap').votes = 7;
    });
    const diff = diffMaps(before, after);
    expect(diff.counts.total).toBe(0);
    expect(diff.touchpointMarks).toEqual({});
  });
});

describe('diffMaps: touchpoints', () => {
  it('lists an added touchpoint with its stage and channel titles and marks it added', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      m.touchpoints.push(
        makeTouchpoint({ id: 'chat', title: 'Chat bot', stageId: 'buy', channelId: 'phone', status: 'new' }),
      );
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.added).toEqual([
      {
        touchpointId: 'chat',
        title: 'Chat bot',
        status: 'new',
        stage: { id: 'buy', title: 'Buy' },
        channel: { id: 'phone', title: 'Phone' },
      },
    ]);
    expect(diff.touchpointMarks).toEqual({ chat: 'added' });
    expect(diff.counts).toMatchObject({ touchpointsAdded: 1, total: 1 });
  });

  it('tells a retired touchpoint from a deleted one; the deleted one is named from before', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      find(m.touchpoints, 'call').status = 'retired';
      remove(m.touchpoints, 'checkout');
      remove(m.notes, 'slow'); // deleting a touchpoint deletes its notes
    });
    const diff = diffMaps(before, after);

    expect(diff.touchpoints.retired).toEqual([
      expect.objectContaining({ touchpointId: 'call', title: 'Sales call', from: 'active', to: 'retired' }),
    ]);
    expect(diff.touchpoints.deleted).toEqual([
      {
        touchpointId: 'checkout',
        title: 'Checkout',
        status: 'active',
        stage: { id: 'buy', title: 'Buy' },
        channel: { id: 'web', title: 'Website' },
      },
    ]);
    expect(diff.notes.deleted).toEqual([
      expect.objectContaining({
        noteId: 'slow',
        text: 'Slow checkout',
        touchpointId: 'checkout',
        touchpointTitle: 'Checkout',
      }),
    ]);
    expect(diff.touchpoints.statusChanged).toEqual([]);
    expect(diff.touchpointMarks).toEqual({ call: 'retired', checkout: 'deleted' });
    expect(diff.counts).toMatchObject({
      touchpointsRetired: 1,
      touchpointsDeleted: 1,
      notesDeleted: 1,
      touchpointsChanged: 0,
    });
  });

  it('lists a touchpoint brought back from retired as reactivated and marks it changed', () => {
    const before = changed(baseMap(), (m) => {
      find(m.touchpoints, 'refund').status = 'retired';
    });
    const after = changed(before, (m) => {
      find(m.touchpoints, 'refund').status = 'active';
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.reactivated).toEqual([
      expect.objectContaining({ touchpointId: 'refund', from: 'retired', to: 'active' }),
    ]);
    expect(diff.touchpoints.retired).toEqual([]);
    expect(diff.touchpointMarks).toEqual({ refund: 'changed' });
  });

  it('lists other status steps (new → active) under statusChanged only', () => {
    const before = changed(baseMap(), (m) => {
      find(m.touchpoints, 'landing').status = 'new';
    });
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').status = 'active';
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.statusChanged).toEqual([
      expect.objectContaining({ touchpointId: 'landing', from: 'new', to: 'active' }),
    ]);
    expect(diff.touchpoints.reactivated).toEqual([]);
    expect(diff.touchpointMarks).toEqual({ landing: 'changed' });
  });

  it('records a move with the lane ids and the lane titles as they were at each moment', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      const call = find(m.touchpoints, 'call');
      call.stageId = 'buy';
      call.channelId = 'web';
      find(m.stages, 'buy').title = 'Purchase';
      find(m.stages, 'discover').title = 'Explore';
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.moved).toEqual([
      {
        touchpointId: 'call',
        title: 'Sales call',
        stage: { id: 'buy', title: 'Purchase' },
        channel: { id: 'web', title: 'Website' },
        from: { stage: { id: 'discover', title: 'Discover' }, channel: { id: 'phone', title: 'Phone' } },
        to: { stage: { id: 'buy', title: 'Purchase' }, channel: { id: 'web', title: 'Website' } },
      },
    ]);
    expect(diff.touchpointMarks).toEqual({ call: 'changed' });
    expect(diff.counts.touchpointsMoved).toBe(1);
  });

  it('records a channel-only move', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      find(m.touchpoints, 'refund').channelId = 'web';
    });
    const [move] = diffMaps(before, after).touchpoints.moved;
    expect(move?.from.channel).toEqual({ id: 'phone', title: 'Phone' });
    expect(move?.to.channel).toEqual({ id: 'web', title: 'Website' });
    expect(move?.from.stage).toEqual(move?.to.stage);
  });

  it('records a rename with old and new title', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').title = 'Home page';
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.renamed).toEqual([
      expect.objectContaining({
        touchpointId: 'landing',
        title: 'Home page',
        before: 'Landing page',
        after: 'Home page',
      }),
    ]);
    expect(diff.touchpointMarks).toEqual({ landing: 'changed' });
  });

  it('lists description and owner edits', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      const landing = find(m.touchpoints, 'landing');
      landing.description = 'Now with prices';
      landing.owner = 'Marketing';
    });
    expect(diffMaps(before, after).touchpoints.edited).toEqual([
      expect.objectContaining({ touchpointId: 'landing', fields: ['description', 'owner'] }),
    ]);
  });

  it('reports satisfaction going up and down per touchpoint, with the delta', () => {
    const before = changed(baseMap(), (m) => {
      Object.assign(find(m.touchpoints, 'landing'), { expectation: 3, perception: 2 }); // −1
      Object.assign(find(m.touchpoints, 'checkout'), { expectation: 3, perception: 3 }); // 0
    });
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').perception = 4; // +1
      find(m.touchpoints, 'checkout').perception = 1; // −2
      Object.assign(find(m.touchpoints, 'call'), { expectation: 2, perception: 2 }); // newly rated
    });
    const diff = diffMaps(before, after);
    const byId = Object.fromEntries(diff.touchpoints.satisfactionChanged.map((s) => [s.touchpointId, s]));
    expect(byId.landing).toMatchObject({ title: 'Landing page', before: -1, after: 1, delta: 2 });
    expect(byId.checkout).toMatchObject({ title: 'Checkout', before: 0, after: -2, delta: -2 });
    expect(byId.call).toMatchObject({ before: null, after: 0, delta: null });
    expect(diff.touchpointMarks).toEqual({ landing: 'changed', checkout: 'changed', call: 'changed' });
  });

  it('lists rating edits that leave satisfaction unchanged as edits, not satisfaction changes', () => {
    const before = changed(baseMap(), (m) => {
      Object.assign(find(m.touchpoints, 'landing'), { expectation: 2, perception: 3 });
    });
    const after = changed(before, (m) => {
      Object.assign(find(m.touchpoints, 'landing'), { expectation: 3, perception: 4 });
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpoints.satisfactionChanged).toEqual([]);
    expect(diff.touchpoints.edited).toEqual([
      expect.objectContaining({ touchpointId: 'landing', fields: ['expectation', 'perception'] }),
    ]);
  });

  it('keeps the strongest mark: a retired touchpoint that also moved is marked retired', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      const call = find(m.touchpoints, 'call');
      call.status = 'retired';
      call.stageId = 'leave';
      m.notes.push(makeNote({ id: 'bye', touchpointId: 'call', kind: 'planB' }));
    });
    const diff = diffMaps(before, after);
    expect(diff.touchpointMarks).toEqual({ call: 'retired' });
    expect(diff.touchpoints.moved).toHaveLength(1);
  });

  it('lists touchpoints in map order: stage by stage, then channel', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      for (const tp of m.touchpoints) tp.title += ' (new name)';
    });
    expect(diffMaps(before, after).touchpoints.renamed.map((r) => r.touchpointId)).toEqual([
      'landing',
      'call',
      'checkout',
      'refund',
    ]);
  });
});

describe('diffMaps: notes', () => {
  const withNotes = () =>
    changed(baseMap(), (m) => {
      m.notes.push(
        makeNote({ id: 'gift', touchpointId: 'checkout', kind: 'wow', text: 'Free gift wrap', status: 'done' }),
        makeNote({ id: 'callback', touchpointId: 'call', kind: 'planB', text: 'Call back in 1 hour', status: 'idea' }),
      );
    });

  it('lists an added note with its touchpoint title', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      m.notes.push(makeNote({ id: 'faq', touchpointId: 'landing', kind: 'planB', text: 'FAQ link' }));
    });
    const diff = diffMaps(before, after);
    expect(diff.notes.added).toEqual([
      expect.objectContaining({
        noteId: 'faq',
        kind: 'planB',
        text: 'FAQ link',
        touchpointId: 'landing',
        touchpointTitle: 'Landing page',
      }),
    ]);
    expect(diff.touchpointMarks).toEqual({ landing: 'changed' });
  });

  it('tells a closed note (→ done) from a reopened one (done →) and other status steps', () => {
    const before = withNotes();
    const after = changed(before, (m) => {
      find(m.notes, 'slow').status = 'done';
      find(m.notes, 'gift').status = 'inProgress';
      find(m.notes, 'callback').status = 'planned';
    });
    const diff = diffMaps(before, after);
    expect(diff.notes.closed).toEqual([
      expect.objectContaining({ noteId: 'slow', kind: 'fix', from: 'idea', to: 'done', touchpointTitle: 'Checkout' }),
    ]);
    expect(diff.notes.reopened).toEqual([expect.objectContaining({ noteId: 'gift', from: 'done', to: 'inProgress' })]);
    expect(diff.notes.statusChanged).toEqual([
      expect.objectContaining({ noteId: 'callback', from: 'idea', to: 'planned' }),
    ]);
    expect(diff.counts).toMatchObject({ notesClosed: 1, fixesClosed: 1, notesReopened: 1 });
  });

  it('counts only Fix notes as fixes closed', () => {
    const before = changed(withNotes(), (m) => {
      find(m.notes, 'gift').status = 'planned';
    });
    const after = changed(before, (m) => {
      find(m.notes, 'gift').status = 'done';
    });
    expect(diffMaps(before, after).counts).toMatchObject({ notesClosed: 1, fixesClosed: 0 });
  });

  it('records a note moved between touchpoints and marks both touchpoints', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      find(m.notes, 'slow').touchpointId = 'landing';
    });
    const diff = diffMaps(before, after);
    expect(diff.notes.moved).toEqual([
      expect.objectContaining({
        noteId: 'slow',
        touchpointId: 'landing',
        touchpointTitle: 'Landing page',
        from: { touchpointId: 'checkout', title: 'Checkout' },
        to: { touchpointId: 'landing', title: 'Landing page' },
      }),
    ]);
    expect(diff.notes.added).toEqual([]);
    expect(diff.notes.deleted).toEqual([]);
    expect(diff.touchpointMarks).toEqual({ checkout: 'changed', landing: 'changed' });
  });

  it('records text, kind and owner changes', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      const note = find(m.notes, 'slow');
      note.text = 'Checkout takes 3 minutes';
      note.kind = 'planB';
      note.owner = 'Olga';
    });
    const diff = diffMaps(before, after);
    expect(diff.notes.textChanged).toEqual([
      expect.objectContaining({ noteId: 'slow', before: 'Slow checkout', after: 'Checkout takes 3 minutes' }),
    ]);
    expect(diff.notes.kindChanged).toEqual([expect.objectContaining({ noteId: 'slow', from: 'fix', to: 'planB' })]);
    expect(diff.notes.ownerChanged).toEqual([expect.objectContaining({ noteId: 'slow', before: '', after: 'Olga' })]);
    expect(diff.touchpointMarks).toEqual({ checkout: 'changed' });
  });

  it('lists a deleted note on a touchpoint that stays', () => {
    const before = baseMap();
    const after = changed(before, (m) => remove(m.notes, 'slow'));
    const diff = diffMaps(before, after);
    expect(diff.notes.deleted).toEqual([expect.objectContaining({ noteId: 'slow', touchpointTitle: 'Checkout' })]);
    expect(diff.touchpointMarks).toEqual({ checkout: 'changed' });
  });
});

describe('diffMaps: quotes', () => {
  it('lists an added quote with its source, date and touchpoint, and marks the touchpoint', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      m.quotes.push(
        makeQuote({
          id: 'fast',
          touchpointId: 'checkout',
          text: 'So fast!',
          source: 'survey',
          sentiment: 'positive',
          date: '2026-03-02',
          who: 'Ivan',
        }),
      );
    });
    const diff = diffMaps(before, after);
    expect(diff.quotes.added).toEqual([
      {
        quoteId: 'fast',
        text: 'So fast!',
        who: 'Ivan',
        source: 'survey',
        sentiment: 'positive',
        date: '2026-03-02',
        touchpointId: 'checkout',
        touchpointTitle: 'Checkout',
      },
    ]);
    expect(diff.touchpointMarks).toEqual({ checkout: 'changed' });
    expect(diff.counts).toMatchObject({ quotesAdded: 1, total: 1 });
  });

  it('lists a deleted quote', () => {
    const before = baseMap();
    const after = changed(before, (m) => remove(m.quotes, 'price'));
    const diff = diffMaps(before, after);
    expect(diff.quotes.deleted).toEqual([
      expect.objectContaining({ quoteId: 'price', text: 'Where is the price?', touchpointTitle: 'Landing page' }),
    ]);
    expect(diff.counts.quotesDeleted).toBe(1);
  });
});

describe('diffMaps: stages and channels', () => {
  it('lists a renamed and a recoloured stage', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      find(m.stages, 'buy').title = 'Purchase';
      find(m.stages, 'leave').color = '#ef4444';
    });
    const diff = diffMaps(before, after);
    expect(diff.stages.renamed).toEqual([{ id: 'buy', before: 'Buy', after: 'Purchase' }]);
    expect(diff.stages.recoloured).toEqual([{ id: 'leave', title: 'Leave', before: '#6366f1', after: '#ef4444' }]);
    expect(diff.touchpointMarks).toEqual({});
  });

  it('lists added and removed stages and channels', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      m.stages.push(makeStage({ id: 'use', title: 'Use', order: 2.5, color: '#10b981' }));
      m.channels.push(makeChannel({ id: 'chat', title: 'Chat', order: 3, color: '#0ea5e9' }));
      remove(m.stages, 'leave');
      remove(m.touchpoints, 'refund');
    });
    const diff = diffMaps(before, after);
    expect(diff.stages.added).toEqual([{ id: 'use', title: 'Use', color: '#10b981' }]);
    expect(diff.stages.removed).toEqual([{ id: 'leave', title: 'Leave', color: '#6366f1' }]);
    expect(diff.channels.added).toEqual([{ id: 'chat', title: 'Chat', color: '#0ea5e9' }]);
    expect(diff.counts).toMatchObject({ stagesAdded: 1, stagesRemoved: 1, channelsAdded: 1, touchpointsDeleted: 1 });
  });

  it('lists a removed channel and its touchpoints as deleted, named from before', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      remove(m.channels, 'phone');
      remove(m.touchpoints, 'call');
      remove(m.touchpoints, 'refund');
    });
    const diff = diffMaps(before, after);
    expect(diff.channels.removed).toEqual([{ id: 'phone', title: 'Phone', color: '#64748b' }]);
    expect(diff.touchpoints.deleted.map((d) => [d.touchpointId, d.title, d.channel.title, d.stage.title])).toEqual([
      ['call', 'Sales call', 'Phone', 'Discover'],
      ['refund', 'Refund call', 'Phone', 'Leave'],
    ]);
    expect(diff.touchpointMarks).toEqual({ call: 'deleted', refund: 'deleted' });
    expect(diff.counts).toMatchObject({ channelsRemoved: 1, touchpointsDeleted: 2, total: 3 });
  });
});

describe('diffMaps: satisfaction per stage', () => {
  const rated = () =>
    changed(baseMap(), (m) => {
      Object.assign(find(m.touchpoints, 'landing'), { expectation: 3, perception: 2 }); // −1
      Object.assign(find(m.touchpoints, 'call'), { expectation: 3, perception: 4 }); // +1
      Object.assign(find(m.touchpoints, 'checkout'), { expectation: 2, perception: 4 }); // +2
    });

  it('gives before, after and delta per stage, matched by id even when renamed', () => {
    const before = rated();
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').perception = 4; // Discover: 0 → +1
      find(m.touchpoints, 'checkout').perception = 1; // Buy: +2 → −1
      find(m.stages, 'buy').title = 'Purchase';
    });
    expect(diffMaps(before, after).stageSatisfaction).toEqual([
      { stageId: 'discover', title: 'Discover', before: 0, after: 1, delta: 1 },
      { stageId: 'buy', title: 'Purchase', before: 2, after: -1, delta: -3 },
      { stageId: 'leave', title: 'Leave', before: null, after: null, delta: null },
    ]);
  });

  it('drops a retired touchpoint from its stage average', () => {
    const before = rated();
    const after = changed(before, (m) => {
      find(m.touchpoints, 'landing').status = 'retired';
    });
    expect(diffMaps(before, after).stageSatisfaction[0]).toEqual({
      stageId: 'discover',
      title: 'Discover',
      before: 0,
      after: 1,
      delta: 1,
    });
  });

  it('keeps a removed stage as a last row with nothing after', () => {
    const before = rated();
    const after = changed(before, (m) => {
      remove(m.stages, 'buy');
      remove(m.touchpoints, 'checkout');
      remove(m.notes, 'slow');
    });
    const rows = diffMaps(before, after).stageSatisfaction;
    expect(rows.map((r) => r.stageId)).toEqual(['discover', 'leave', 'buy']);
    expect(rows[2]).toEqual({ stageId: 'buy', title: 'Buy', before: 2, after: null, delta: null });
  });
});

describe('diffMaps: summary counts', () => {
  it('counts each kind of change for a summary line', () => {
    const before = baseMap();
    const after = changed(before, (m) => {
      m.touchpoints.push(makeTouchpoint({ id: 'chat', title: 'Chat', stageId: 'buy', channelId: 'phone' }));
      find(m.touchpoints, 'call').status = 'retired';
      remove(m.touchpoints, 'refund');
      find(m.notes, 'slow').status = 'done';
      m.quotes.push(makeQuote({ id: 'q2', touchpointId: 'checkout' }));
      find(m.touchpoints, 'landing').title = 'Home';
    });
    expect(diffMaps(before, after).counts).toEqual({
      touchpointsAdded: 1,
      touchpointsRetired: 1,
      touchpointsReactivated: 0,
      touchpointsDeleted: 1,
      touchpointsMoved: 0,
      touchpointsRenamed: 1,
      touchpointsChanged: 2, // landing (renamed), checkout (note closed, quote added)
      notesAdded: 0,
      notesClosed: 1,
      fixesClosed: 1,
      notesReopened: 0,
      notesDeleted: 0,
      notesMoved: 0,
      quotesAdded: 1,
      quotesDeleted: 0,
      stagesAdded: 0,
      stagesRemoved: 0,
      channelsAdded: 0,
      channelsRemoved: 0,
      layersAdded: 0,
      layersRemoved: 0,
      cellsChanged: 0,
      total: 6,
    });
  });
});
