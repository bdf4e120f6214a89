// Issue 7, as the people involved meet it: on a server with AUTH_SECRET the administrator creates
// a map and hands out its links. Vera opens the view link: she sees the map and every edit live,
// with a "View only" badge and no way to change anything. Egor opens the edit link and edits.
// A forged or garbled link shows a clear refusal; after Egor revokes the links, the old ones are
// refused (Vera's open map included) while Egor carries on with the new ones. Titles that look
// like HTML are shown as text everywhere. Without a secret, the share dialog says so.
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  answerNameDialog,
  createMapFromTemplate,
  describeE2E,
  poll,
  screenshot,
  useAppAndBrowser,
  type AppAndBrowser,
  type TestPage,
} from './harness';

const SECRET = 'e2e-admin-secret-0123456789';
const MAP_TITLE = '<img src=x onerror=alert(1)>';
const CARD_TITLE = '<script>alert(1)</script>';

/** The app with AUTH_SECRET, set by the first block. */
let e2e: AppAndBrowser;

interface Links {
  edit: string;
  view: string;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${e2e.app.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** A browser of its own for one person; any alert, confirm or prompt is recorded (and fails the test). */
async function person(dialogs: string[]): Promise<TestPage> {
  const tab = await e2e.openPage();
  tab.page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return tab;
}

const connectionStatus = (page: Page) => () => page.getByTestId('connection-state').getAttribute('data-status');
const cardCount = (page: Page) => () => page.getByTestId('touchpoint-card').count();
const firstCell = (page: Page) => page.getByTestId('grid-cell').first();

/** Double-clicks the cell (the `nth` one, empty) and names the new card in its panel. */
async function addTouchpoint(page: Page, title: string, nth: number): Promise<void> {
  const before = await page.getByTestId('touchpoint-card').count();
  await page.getByTestId('grid-cell').nth(nth).dblclick({ position: { x: 30, y: 20 } });
  await poll(cardCount(page)).toBe(before + 1);
  const panel = page.getByTestId('touchpoint-panel');
  await panel.waitFor();
  const field = panel.getByTestId('field-title');
  await field.fill(title);
  await field.press('Enter');
  await page.getByTestId('tp-title').getByText(title, { exact: true }).waitFor();
}

/**
 * Resolves once `witness` has received everything `sender` sent so far: the sender's pointer
 * enters the canvas and leaves it again, and the witness sees that cursor come and go. The
 * server relays one connection's messages in order, so anything sent earlier arrived first.
 */
async function everythingSentSeenBy(sender: Page, witness: Page, senderId: string): Promise<void> {
  const cursor = witness.locator(`[data-testid="peer-cursor"][data-client-id="${senderId}"]`);
  const canvas = (await sender.getByTestId('map-canvas').boundingBox())!;
  await sender.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height / 2, { steps: 2 });
  await poll(() => cursor.count()).toBe(1);
  await sender.mouse.move(canvas.x + canvas.width * 0.3, Math.max(0, canvas.y - 5));
  await poll(() => cursor.count()).toBe(0);
}

/** The HTTP refusals a page that was refused on purpose is expected to log; everything else is an error. */
const unexpected = (errors: string[]) => errors.filter((e) => !/^http 40[13]: .*\/api\/maps/.test(e));

describeE2E('access links', () => {
  e2e = useAppAndBrowser({ env: { AUTH_SECRET: SECRET } });

  it('view and edit links, a refused link, revoking, and titles shown as text', async () => {
    const dialogs: string[] = [];

    // ---- the administrator creates the map over the API and takes its links
    const { id } = await api<{ id: string }>('POST', '/api/maps', { title: MAP_TITLE, template: 'default' });
    const first = await api<Links>('GET', `/api/maps/${id}/links`);
    expect(first.edit).toMatch(new RegExp(`^${e2e.app.url}/#/map/${id}\\?token=`));
    expect(first.view).not.toBe(first.edit);

    // ---- Egor opens the edit link: an editable map, the title as text, no badge
    const egor = await person(dialogs);
    const e = egor.page;
    await e.goto(first.edit);
    await e.getByTestId('map-canvas').waitFor();
    await answerNameDialog(e, 'Egor');
    await poll(connectionStatus(e)).toBe('connected');
    expect(await e.getByTestId('map-title').inputValue()).toBe(MAP_TITLE);
    expect(await e.getByTestId('view-only-badge').count()).toBe(0);
    await e.getByTestId('toolbar-add-touchpoint').waitFor();
    // The token left the address bar (and the history) once the map knew it.
    expect(e.url()).toBe(`${e2e.app.url}/#/map/${id}`);

    // ---- Vera opens the view link: the map, a "View only" badge, nothing to edit with
    const vera = await person(dialogs);
    const v = vera.page;
    await v.goto(first.view);
    await v.getByTestId('map-canvas').waitFor();
    await answerNameDialog(v, 'Vera');
    await poll(connectionStatus(v)).toBe('connected');
    await v.getByTestId('view-only-badge').waitFor();
    expect(await v.getByTestId('map-title').textContent()).toBe(MAP_TITLE);
    expect(await v.getByTestId('map-title').evaluate((el) => el.tagName)).not.toBe('INPUT');
    expect(await v.getByTestId('toolbar-add-touchpoint').count()).toBe(0);
    expect(await v.getByTestId('add-stage').count()).toBe(0);
    expect(await v.getByTestId('open-share').count()).toBe(0);
    expect(await v.getByTestId('import-menu').count()).toBe(0);
    expect(await v.getByTestId('lane-menu').count()).toBe(0);
    const cardsBefore = await v.getByTestId('touchpoint-card').count();
    await poll(connectionStatus(e)).toBe('connected');
    const veraId = (await v.locator('[data-testid="avatar"][data-self="true"]').getAttribute('data-client-id'))!;
    await firstCell(v).dblclick({ position: { x: 30, y: 20 } });
    // Egor's browser is the witness: had anything been added, it would arrive there.
    await everythingSentSeenBy(v, e, veraId);
    expect(await v.getByTestId('touchpoint-card').count()).toBe(cardsBefore);
    expect(await e.getByTestId('touchpoint-card').count()).toBe(cardsBefore);

    // ---- Egor adds a touchpoint whose title looks like a script: Vera sees it live, as text
    await addTouchpoint(e, CARD_TITLE, 0);
    const veraCard = v.getByTestId('touchpoint-card').filter({ has: v.getByTestId('tp-title').getByText(CARD_TITLE, { exact: true }) });
    await veraCard.waitFor();
    await poll(cardCount(v)).toBe(cardsBefore + 1);
    // Vera can open the card, but its fields are read-only, and Delete removes nothing.
    await veraCard.getByTestId('tp-title').click();
    const veraPanel = v.getByTestId('touchpoint-panel');
    await veraPanel.waitFor();
    expect(await veraPanel.getByTestId('field-title').inputValue()).toBe(CARD_TITLE);
    expect(await veraPanel.getByTestId('field-title').isEditable()).toBe(false);
    expect(await veraPanel.getByTestId('add-note').first().isEnabled()).toBe(false);
    await v.getByTestId('map-canvas').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await veraCard.getByTestId('tp-title').click();
    await v.keyboard.press('Delete');
    await everythingSentSeenBy(v, e, veraId);
    expect(await cardCount(v)()).toBe(cardsBefore + 1);
    expect(await cardCount(e)()).toBe(cardsBefore + 1);
    await screenshot(v, 'access-view-only');

    // ---- a reload keeps Vera's link (this tab remembers it), still view only
    await v.reload();
    await v.getByTestId('map-canvas').waitFor();
    await v.getByTestId('view-only-badge').waitFor();
    await poll(connectionStatus(v)).toBe('connected');

    // ---- a garbled link, and a view link rewritten to claim "edit", are refused
    const stranger = await person(dialogs);
    const s = stranger.page;
    await s.goto(`${e2e.app.url}/#/map/${id}?token=not-a-token`);
    const refusal = s.getByTestId('link-refused');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('This link is not valid or has expired. Ask the map’s owner for a new link.');
    await screenshot(s, 'access-link-refused');
    const viewToken = new URL(first.view.replace('#/', '')).searchParams.get('token')!;
    const [payload, signature] = viewToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, r: 'edit' })).toString('base64url')}.${signature}`;
    await s.goto(`${e2e.app.url}/#/map/${id}?token=${forged}`);
    await s.reload();
    await s.getByTestId('link-refused').waitFor();
    expect(await s.getByTestId('map-canvas').count()).toBe(0);

    // ---- Egor shares: the dialog shows both links, copies one, then revokes them
    await egor.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.app.url });
    await e.getByTestId('open-share').click();
    const share = e.getByTestId('share-dialog');
    await share.waitFor();
    await poll(() => share.getByTestId('share-edit-link').inputValue().catch(() => '')).toMatch(/token=/);
    expect(await share.getByTestId('share-view-link').inputValue()).toMatch(new RegExp(`#/map/${id}\\?token=`));
    await share.getByTestId('copy-view-link').click();
    await poll(() => share.getByTestId('copy-view-link').textContent()).toContain('Copied');
    expect(await e.evaluate(() => navigator.clipboard.readText())).toBe(await share.getByTestId('share-view-link').inputValue());
    const shownEdit = await share.getByTestId('share-edit-link').inputValue();
    await screenshot(e, 'access-share-dialog');

    await share.getByTestId('revoke-links').click();
    await e.getByTestId('confirm-dialog').waitFor();
    await e.getByTestId('confirm-ok').click();
    await share.getByTestId('share-revoked').waitFor();
    const second: Links = {
      edit: await share.getByTestId('share-edit-link').inputValue(),
      view: await share.getByTestId('share-view-link').inputValue(),
    };
    expect(second.edit).not.toBe(shownEdit);
    expect(second.view).not.toBe(first.view);
    await share.getByTestId('share-close').click();

    // Vera's open map is closed with the old link; Egor carries on with the new one.
    await v.getByTestId('link-refused').waitFor();
    await poll(connectionStatus(e)).toBe('connected');
    expect(await e.getByTestId('link-refused').count()).toBe(0);
    await addTouchpoint(e, 'After the revoke', 1);
    await poll(async () => (await api<{ touchpointCount: number }>('GET', `/api/maps/${id}`)).touchpointCount).toBe(cardsBefore + 2);

    // ---- the old edit link is refused in a fresh browser; the new view link works
    const late = await person(dialogs);
    await late.page.goto(first.edit);
    await late.page.getByTestId('link-refused').waitFor();
    await late.page.goto(second.view);
    await late.page.reload();
    await late.page.getByTestId('map-canvas').waitFor();
    await late.page.getByTestId('view-only-badge').waitFor();

    // ---- the administrator's list: locked without the secret, then the title as text
    const admin = await person(dialogs);
    const a = admin.page;
    await a.goto('/');
    await a.getByTestId('map-list-locked').waitFor();
    await a.getByTestId('admin-secret-input').fill('not the secret at all');
    await a.getByTestId('admin-secret-submit').click();
    await a.getByTestId('admin-secret-error').waitFor();
    await screenshot(a, 'access-locked-list');
    await a.getByTestId('admin-secret-input').fill(SECRET);
    await a.getByTestId('admin-secret-submit').click();
    const row = a.locator(`[data-testid="map-row"][data-map-id="${id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('map-row-title').textContent()).toBe(MAP_TITLE);
    // Opening it from the list works too (the administrator's tab takes an edit link).
    await row.getByTestId('map-row-title').click();
    await a.getByTestId('map-canvas').waitFor();
    await answerNameDialog(a, 'Admin');
    await poll(connectionStatus(a)).toBe('connected');
    expect(await a.getByTestId('view-only-badge').count()).toBe(0);
    await screenshot(a, 'access-admin-map');

    expect(await e.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src])').length)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(egor.errors).toEqual([]);
    expect(unexpected(vera.errors)).toEqual([]);
    expect(unexpected(stranger.errors)).toEqual([]);
    expect(unexpected(late.errors)).toEqual([]);
    expect(unexpected(admin.errors)).toEqual([]);
  });
});

describeE2E('sharing without a secret', () => {
  const open = useAppAndBrowser();

  it('explains that anyone who reaches the server can edit, and offers the map address', async () => {
    const tab = await open.openPage();
    const p = tab.page;
    await createMapFromTemplate(p, 'Open map', 'Olga');
    await p.getByTestId('open-share').click();
    const share = p.getByTestId('share-dialog');
    await share.getByTestId('share-open-mode').waitFor();
    expect(await share.textContent()).toContain('anyone who can reach it can open, change and delete every map');
    expect(await share.getByTestId('share-map-url').inputValue()).toBe(p.url());
    expect(await share.getByTestId('share-edit-link').count()).toBe(0);
    expect(await share.getByTestId('revoke-links').count()).toBe(0);
    expect(tab.errors).toEqual([]);
  });
});
