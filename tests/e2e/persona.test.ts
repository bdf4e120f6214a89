// The persona on the canvas, as a facilitator and a colleague meet it: edited in place on one
// screen and seen live on the other, one undo step per edit, a phone photo stored small, a
// read-only map that offers no edits, and the PNG that starts with the persona card.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { withPersonaColumn, PERSONA } from '../../src/canvas/personaLayout';
import { planPng } from '../../src/canvas/pngLayout';
import { LAYOUT_VERSION } from '../../src/doc/migrations';
import { readSnapshot } from '../../src/doc/read';
import { computeGrid } from '../../src/domain/grid';
import { layerRowSpecs } from '../../src/domain/layers';
import { PHOTO_MAX_BYTES, PHOTO_MAX_CHARS, PHOTO_MAX_SIDE } from '../../src/domain/limits';
import { dataUrlBytes } from '../../src/domain/photo';
import { connectClient, waitSynced } from '../server/helpers';
import { downloadFrom, measurePng, pngSize, readDownload } from './png';
import { ROOT, answerNameDialog, createMapFromTemplate, describeE2E, poll, text, useAppAndBrowser } from './harness';

const persona = (page: Page) => page.getByTestId('persona-card');

/** Opens a persona field in place, types `value` and presses Enter. */
async function editField(page: Page, field: string, value: string) {
  await persona(page).getByTestId(`persona-${field}`).click();
  const input = persona(page).getByTestId(`persona-${field}-input`);
  await input.fill(value);
  await input.press('Enter');
  await poll(() => input.count()).toBe(0);
}

/** A noisy picture as a camera would give it: large in pixels and in bytes. */
async function bigPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 900;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(canvas.width, canvas.height);
    let seed = 7;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      image.data[i] = seed & 0xff;
      image.data[i + 1] = (seed >> 8) & 0xff;
      image.data[i + 2] = (i / 4) % 256;
      image.data[i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

describeE2E('the persona on the canvas', () => {
  const e2e = useAppAndBrowser();

  it('is edited in place on one screen and seen live on another, one undo step per edit', async () => {
    const anna = await e2e.openPage();
    await createMapFromTemplate(anna.page, 'Mortgage', 'Anna');
    const boris = await e2e.openPage();
    await boris.page.goto(anna.page.url());
    await answerNameDialog(boris.page, 'Boris');
    await persona(boris.page).waitFor();

    await editField(anna.page, 'name', 'Olga Petrova, 34');
    await editField(anna.page, 'goal', 'Move into a flat of her own this year');
    // Shift+Enter starts a new line; Enter saves.
    await persona(anna.page).getByTestId('persona-quote').click();
    const quote = persona(anna.page).getByTestId('persona-quote-input');
    await quote.fill('I want to know');
    await quote.press('Shift+Enter');
    await quote.pressSequentially('what it costs me in the end');
    await quote.press('Enter');

    await poll(text(persona(boris.page).getByTestId('persona-name'))).toBe('Olga Petrova, 34');
    await poll(text(persona(boris.page).getByTestId('persona-goal'))).toBe('Move into a flat of her own this year');
    await poll(() => persona(boris.page).getByTestId('persona-quote').innerText()).toBe('I want to know\nwhat it costs me in the end');
    // Initials stand in for a photo.
    expect(await persona(boris.page).getByTestId('persona-avatar').innerText()).toBe('OP');
    // Text is shown as text, never as markup.
    await editField(anna.page, 'description', '<img src=x onerror="document.title=1">Two kids');
    await poll(text(persona(boris.page).getByTestId('persona-description'))).toBe('<img src=x onerror="document.title=1">Two kids');
    expect(await persona(boris.page).locator('img').count()).toBe(0);

    // Escape takes back a typed change; nothing is sent.
    await persona(anna.page).getByTestId('persona-goal').click();
    await persona(anna.page).getByTestId('persona-goal-input').fill('Something else');
    await persona(anna.page).getByTestId('persona-goal-input').press('Escape');
    await poll(text(persona(anna.page).getByTestId('persona-goal'))).toBe('Move into a flat of her own this year');

    // A name longer than the limit is refused in place and changes nothing.
    await persona(anna.page).getByTestId('persona-name').click();
    await persona(anna.page).getByTestId('persona-name-input').fill('x'.repeat(201));
    await persona(anna.page).getByTestId('persona-name-input').press('Enter');
    await persona(anna.page).getByTestId('field-error').waitFor();
    await persona(anna.page).getByTestId('persona-name-input').press('Escape');
    await poll(text(persona(boris.page).getByTestId('persona-name'))).toBe('Olga Petrova, 34');

    // Undo takes back the last edit only (the description), for everyone.
    await anna.page.getByTestId('toolbar-undo').click();
    await poll(() => persona(boris.page).getByTestId('persona-description').getAttribute('class')).toContain('is-empty');
    expect(await persona(boris.page).getByTestId('persona-goal').innerText()).toBe('Move into a flat of her own this year');

    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
    await anna.context.close();
    await boris.context.close();
  });

  it('stores a large photo downscaled to 256 px and at most 100 KB, removable, and the PNG starts with the persona', async () => {
    const { page, errors, context } = await e2e.openPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await createMapFromTemplate(page, 'Holiday', 'Anna');
    await editField(page, 'name', 'Анна, 34');
    await editField(page, 'quote', 'Хочу, чтобы всё было спокойно');

    const photo = await bigPhoto(page);
    expect(photo.length).toBeGreaterThan(4 * PHOTO_MAX_BYTES);
    await persona(page).getByTestId('persona-photo-file').setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: photo }, { timeout: 60_000 });
    const img = persona(page).getByTestId('persona-photo');
    await img.waitFor();
    const shown = await img.evaluate((el: HTMLImageElement) => ({ src: el.src, width: el.naturalWidth, height: el.naturalHeight }));
    expect(Math.max(shown.width, shown.height)).toBe(PHOTO_MAX_SIDE);
    expect(shown).toMatchObject({ width: 256, height: 192 });

    // What the server keeps: an inline picture within the limit.
    const mapId = page.url().split('/').pop()!;
    const reader = connectClient(e2e.app.url, mapId);
    try {
      await waitSynced(reader);
      await poll(() => readSnapshot(reader.doc).meta.persona.photo.length).toBeGreaterThan(0);
      const stored = readSnapshot(reader.doc).meta.persona.photo;
      expect(stored).toBe(shown.src);
      expect(stored).toMatch(/^data:image\/(webp|jpeg);base64,/);
      expect(dataUrlBytes(stored)).toBeLessThanOrEqual(PHOTO_MAX_BYTES);
      expect(stored.length).toBeLessThanOrEqual(PHOTO_MAX_CHARS);
    } finally {
      reader.destroy();
    }

    await editField(page, 'description', 'Two kids, plans ahead, books online in the evening');
    await editField(page, 'goal', 'A calm holiday by the sea, nothing to sort out on the spot');
    await page.getByTestId('toolbar-fit').click();
    await page.waitForTimeout(400); // the fit's 200 ms animation, for the screenshot only
    await page.screenshot({ path: path.join(ROOT, 'docs/persona.png') });

    // A file that is no picture is refused with a message, and the photo stays.
    await persona(page).getByTestId('persona-photo-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
    await poll(text(persona(page).getByTestId('persona-photo-problem'))).toContain('notes.png');
    expect(await img.getAttribute('src')).toBe(shown.src);

    // The PNG: as wide as the grid plus the persona column, the card's text drawn at its left.
    const png = await readDownload(await downloadFrom(page, 'export-menu', 'export-png'));
    const reader2 = connectClient(e2e.app.url, mapId);
    let plan;
    try {
      await waitSynced(reader2);
      const snap = readSnapshot(reader2.doc);
      // The template's stage layers are rows of the grid too.
      const layerRows = layerRowSpecs(snap.layers, Object.fromEntries(snap.cells.map((c) => [c.id, c])), snap.stages);
      plan = planPng(withPersonaColumn(computeGrid(snap.stages, snap.channels, Object.values(snap.touchpoints), layerRows)));
    } finally {
      reader2.destroy();
    }
    const nameRegion = {
      x: Math.round(plan.grid.x * plan.scale),
      y: Math.round(plan.grid.y * plan.scale),
      width: Math.round(PERSONA.width * plan.scale),
      height: Math.round(140 * plan.scale),
    };
    expect(pngSize(png)).toEqual({ width: plan.canvasWidth, height: plan.canvasHeight });
    const measured = await measurePng(page, png, { name: nameRegion });
    expect(measured.regions.name!.dark).toBeGreaterThan(200);

    // Removing the photo brings the initials back.
    await persona(page).getByTestId('persona-photo-remove').click();
    await poll(() => img.count()).toBe(0);
    await poll(text(persona(page).getByTestId('persona-avatar'))).toBe('А');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers no edits when the map is read-only', async () => {
    const { page, errors, context } = await e2e.openPage();
    await createMapFromTemplate(page, 'Claim', 'Anna');
    await editField(page, 'name', 'Viktor');
    const mapId = page.url().split('/').pop()!;
    const newer = connectClient(e2e.app.url, mapId);
    try {
      await waitSynced(newer);
      newer.doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION + 1);
      await page.getByTestId('layout-too-new').waitFor();
      await poll(() => persona(page).getByTestId('persona-photo-choose').count()).toBe(0);
      expect(await persona(page).locator('[role="button"]').count()).toBe(0);
      expect(await persona(page).getByTestId('persona-name').innerText()).toBe('Viktor');
      await persona(page).getByTestId('persona-name').click();
      expect(await persona(page).locator('textarea').count()).toBe(0);
    } finally {
      newer.destroy();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
