// The reviews as the UI holds them: listed from the server, fetched once when opened, saved and
// deleted through the service; without a server they are simply unavailable.
import { describe, expect, it, vi } from 'vitest';
import type { Review } from '../../../src/domain/types';
import { CURRENT, createReviewsModel, NoReviewServer, type ReviewService, type ReviewSummary } from '../../../src/store/reviews';
import { baseMap } from './factories';

function fakeService(initial: ReviewSummary[] = []) {
  let summaries = [...initial];
  const service = {
    list: vi.fn(async () => summaries),
    get: vi.fn(async (_mapId: string, id: string): Promise<Review> => {
      const s = summaries.find((r) => r.id === id);
      if (!s) throw new Error('404');
      return { ...s, snapshot: baseMap(), checklist: {} };
    }),
    save: vi.fn(async (_mapId: string, review: { name: string; summary: string }) => {
      const id = `r${summaries.length + 1}`;
      summaries = [{ id, ...review, createdAt: '2026-11-26T10:00:00.000Z' }, ...summaries];
      return { id };
    }),
    remove: vi.fn(async (_mapId: string, id: string) => {
      summaries = summaries.filter((r) => r.id !== id);
    }),
  } satisfies ReviewService;
  return service;
}

const summary = (id: string, name = id): ReviewSummary => ({ id, name, summary: '', createdAt: '2026-08-01T10:00:00.000Z' });

describe('the reviews model', () => {
  it('lists, saves and deletes through the service', async () => {
    const service = fakeService([summary('q3', 'Q3')]);
    const model = createReviewsModel(service, 'map-1');
    await model.refresh();
    expect(model.state.getState()).toMatchObject({ status: 'ready', summaries: [summary('q3', 'Q3')] });

    const id = await model.save({ name: 'Q4', summary: 'Done' });
    expect(service.save).toHaveBeenCalledWith('map-1', { name: 'Q4', summary: 'Done' });
    expect(model.state.getState().summaries.map((r) => r.id)).toEqual([id, 'q3']);

    await model.remove('q3');
    expect(model.state.getState().summaries.map((r) => r.id)).toEqual([id]);
  });

  it('fetches a saved review once: it never changes', async () => {
    const service = fakeService([summary('q3')]);
    const model = createReviewsModel(service, 'map-1');
    const first = await model.load('q3');
    expect(await model.load('q3')).toBe(first);
    expect(service.get).toHaveBeenCalledTimes(1);
  });

  it('leaves a comparison whose review was deleted elsewhere', async () => {
    const service = fakeService([summary('q2'), summary('q3')]);
    const model = createReviewsModel(service, 'map-1');
    await model.refresh();
    model.setCompare({ from: 'q2', to: CURRENT });
    expect(model.state.getState().comparing).toBe('loading');
    await service.remove('map-1', 'q2');
    await model.refresh();
    expect(model.state.getState()).toMatchObject({ compare: null, diff: null, comparing: 'idle' });
  });

  it('is unavailable without a server, or when the server cannot be reached', async () => {
    const none = createReviewsModel(null, 'map-1');
    expect(none.state.getState().status).toBe('unavailable');
    await expect(none.save({ name: 'Q4', summary: '' })).rejects.toBeInstanceOf(NoReviewServer);

    const service = fakeService();
    service.list.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const offline = createReviewsModel(service, 'map-1');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await offline.refresh();
    warn.mockRestore();
    expect(offline.state.getState().status).toBe('unavailable');
    await offline.refresh();
    expect(offline.state.getState().status).toBe('ready');
  });
});
