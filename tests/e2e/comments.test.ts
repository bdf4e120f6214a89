// Issue 16, item 1: Anna starts a thread on a card and mentions Boris; Boris sees it live,
// replies while offline, and Anna gets the reply once he is back. The map's JSON carries the
// threads and imports back with them. A view link reads the threads but cannot add one.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { parseMapJson } from '../../src/domain/format';
import {
  addTouchpoint,
  answerNameDialog,
  attr,
  card,
  createMapFromTemplate,
  describeE2E,
  laneIds,
  openCard,
  poll,
  ROOT,
  screenshot,
  useAppAndBrowser,
} from './harness';

const connection = (page: Page) => page.getByTestId('connection-state');
const threadsOf = (page: Page) => page.getByTestId('touchpoint-panel').getByTestId('comment-thread');
const commentTexts = (page: Page) => () => threadsOf(page).getByTestId('comment-text').allTextContents();
const badge = (page: Page, id: string) => card(page, id).getByTestId('tp-comments');

/** Types `text` into a comment box, picking `mention` from the @ list on the way. */
async function writeWithMention(page: Page, box: string, before: string, query: string, after: string) {
  const area = page.getByTestId(box).first();
  await area.click();
  await area.pressSequentially(`${before}@${query}`);
  await page.getByTestId('mention-option').first().waitFor();
  // Picks the name and types the next letter before the next frame, as a quick typist can, then
  // the rest: nothing may move the caret back in between.
  await area.evaluate(async (el, text) => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    document.execCommand('insertText', false, text.slice(0, 1));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    document.execCommand('insertText', false, text.slice(1));
  }, after);
  await page.getByTestId(`${box}-submit`).first().click();
}

describeE2E('comment threads', () => {
  const e2e = useAppAndBrowser();

  it('a thread with a mention and a reply reaches the other person live and after going offline, and round-trips in JSON', async () => {
    const anna = await e2e.openPage();
    const boris = await e2e.openPage();
    const a = anna.page;
    const b = boris.page;
    await createMapFromTemplate(a, 'Claims', 'Anna');
    const { stages, channels } = await laneIds(a);
    const claim = await addTouchpoint(a, stages[2]!, channels[1]!, 'Claim call');
    await b.goto(a.url());
    await b.getByTestId('map-canvas').waitFor();
    await answerNameDialog(b, 'Boris');
    await poll(() => card(b, claim).count()).toBe(1);

    // Anna writes on the card and mentions Boris, picked from the people on the map.
    await openCard(a, claim);
    await writeWithMention(a, 'comment-new', 'Why do people wait? ', 'Bor', '<b>please check</b>');
    await poll(commentTexts(a)).toEqual(['Why do people wait? @Boris <b>please check</b>']);

    // Boris sees it live: the badge on the card, the thread with the mention, under "mentioning me".
    await poll(attr(badge(b, claim), 'data-count')).toBe('1');
    await b.getByTestId('open-comments-panel').click();
    const panel = b.getByTestId('comments-panel');
    await b.getByTestId('comments-filter-mentions').click();
    await poll(() => panel.getByTestId('comment-thread').count()).toBe(1);
    expect(await panel.getByTestId('comment-mention').allTextContents()).toEqual(['@Boris']);
    // Text is text: the markup Anna typed is shown, never run.
    expect(await panel.getByTestId('comment-text').textContent()).toContain('<b>please check</b>');
    expect(await panel.locator('.comment__text b').count()).toBe(0);
    // Clicking the thread selects its card.
    await panel.getByTestId('comment-thread-place').click();
    await poll(() => card(b, claim).getAttribute('class')).toContain('is-selected');

    // Boris goes offline and replies; Anna gets it when he is back.
    await boris.context.setOffline(true);
    await poll(attr(connection(b), 'data-status')).toBe('offline');
    await panel.getByTestId('comment-reply-open').click();
    await writeWithMention(b, 'comment-reply', 'Done, ', 'An', 'it was the queue');
    await poll(() => panel.getByTestId('comment').count()).toBe(2);
    await boris.context.setOffline(false);
    await poll(attr(connection(b), 'data-synced')).toBe('true');
    await poll(commentTexts(a)).toEqual(['Why do people wait? @Boris <b>please check</b>', 'Done, @Anna it was the queue']);
    // Only her own comment offers edit and delete to Anna.
    expect(await threadsOf(a).getByTestId('comment-edit-open').count()).toBe(1);

    // Anna resolves the thread: the badge goes for both, the thread moves under "resolved".
    await threadsOf(a).getByTestId('comment-resolve').click();
    await poll(() => badge(b, claim).count()).toBe(0);
    await b.getByTestId('comments-filter-resolved').click();
    await poll(() => panel.getByTestId('comment-thread').count()).toBe(1);
    await threadsOf(a).getByTestId('comment-reopen').click();
    await poll(attr(badge(b, claim), 'data-count')).toBe('1');
    await b.getByTestId('comments-filter-open').click();
    await poll(() => panel.getByTestId('comment-thread').count()).toBe(1);
    const shot = await screenshot(b, 'comments');
    copyFileSync(shot, path.join(ROOT, 'docs/comments.png'));

    // The JSON export carries the thread; imported as a new map, it exports the same threads.
    const mapId = /#\/map\/([\w-]+)/.exec(a.url())![1]!;
    const exported = await (await fetch(`${e2e.app.url}/api/maps/${mapId}/export.json`)).text();
    const parsed = parseMapJson(exported);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const comments = parsed.value.snapshot.comments ?? [];
    expect(comments.map((c) => [c.authorName, c.text, c.parentId === ''])).toEqual([
      ['Anna', 'Why do people wait? @Boris <b>please check</b>', true],
      ['Boris', 'Done, @Anna it was the queue', false],
    ]);
    const imported = await fetch(`${e2e.app.url}/api/maps/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: exported });
    expect(imported.status).toBe(201);
    const { id: copyId } = (await imported.json()) as { id: string };
    const again = await (await fetch(`${e2e.app.url}/api/maps/${copyId}/export.json`)).text();
    const strip = (text: string) => JSON.parse(text).comments as unknown;
    expect(strip(again)).toEqual(strip(exported));
    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
  });
});

describeE2E('comment threads through a view link', () => {
  const SECRET = 'e2e-admin-secret-0123456789';
  const e2e = useAppAndBrowser({ env: { AUTH_SECRET: SECRET } });
  const api = async <T,>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${e2e.app.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} ${url}`).toBeLessThan(300);
    return (await res.json()) as T;
  };

  it('reads the threads but offers no way to write one', async () => {
    const { id } = await api<{ id: string }>('POST', '/api/maps', { title: 'Shared', template: 'default' });
    const links = await api<{ edit: string; view: string }>('GET', `/api/maps/${id}/links`);
    const editor = await e2e.openPage();
    const e = editor.page;
    await e.goto(links.edit);
    await e.getByTestId('map-canvas').waitFor();
    await answerNameDialog(e, 'Egor');
    const { stages, channels } = await laneIds(e);
    const tp = await addTouchpoint(e, stages[0]!, channels[0]!, 'Landing');
    await openCard(e, tp);
    await e.getByTestId('comment-new').fill('Is the headline clear?');
    await e.getByTestId('comment-new-submit').click();
    await poll(attr(connection(e), 'data-synced')).toBe('true');

    const viewer = await e2e.openPage();
    const v = viewer.page;
    await v.goto(links.view);
    await v.getByTestId('map-canvas').waitFor();
    await answerNameDialog(v, 'Vera');
    await v.getByTestId('view-only-badge').waitFor();
    await poll(attr(badge(v, tp), 'data-count')).toBe('1');
    await v.getByTestId('open-comments-panel').click();
    const panel = v.getByTestId('comments-panel');
    await poll(() => panel.getByTestId('comment-text').allTextContents()).toEqual(['Is the headline clear?']);
    // Nothing to write with: no box, no reply, no resolve, no cell comment.
    for (const testId of ['comment-new', 'comment-reply-open', 'comment-resolve', 'cell-comment', 'comment-edit-open']) {
      expect(await v.getByTestId(testId).count(), testId).toBe(0);
    }
    expect(viewer.errors.filter((x) => !/^http 40[13]: .*\/api\/maps/.test(x))).toEqual([]);
  });
});
