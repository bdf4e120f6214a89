// Issue 15 as a CX lead meets it before a quarterly review: Anna presents the map from her edit
// link and Vera, on a view link, follows her slides; then Anna exports the deck as a PDF (read
// back with poppler's pdftotext: every title, note and quote of the Russian map is text) and as
// PowerPoint (opened by LibreOffice Impress, headless: one slide per stage).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { ARTIFACTS, answerNameDialog, attr, describeE2E, poll, screenshot, useAppAndBrowser, type AppAndBrowser } from './harness';
import { buildPresentMap, presentMapFile } from '../fixtures/presentMap';

const SECRET = 'e2e-present-secret-0123456789';
let e2e: AppAndBrowser;

const has = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};
const hasPoppler = has('pdftotext', ['-v']);
const hasImpress = has('soffice', ['--version']);
for (const [name, present] of [['pdftotext (poppler-utils)', hasPoppler], ['soffice (libreoffice-impress)', hasImpress]] as const) {
  if (present) continue;
  if (process.env.CI === 'true') throw new Error(`${name} is needed in CI`);
  console.warn(`${name} is not installed: the checks that read the exported files with it are skipped`);
}

async function api<T>(method: string, url: string, body?: string): Promise<T> {
  const response = await fetch(`${e2e.app.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body }),
  });
  expect(response.status, `${method} ${url}`).toBeLessThan(300);
  return (await response.json()) as T;
}

async function openLink(page: Page, link: string, name: string) {
  await page.goto(link);
  await page.getByTestId('map-canvas').waitFor();
  await answerNameDialog(page, name);
  await poll(() => page.getByTestId('connection-state').getAttribute('data-status')).toBe('connected');
}

async function downloadFrom(page: Page, item: string): Promise<Buffer> {
  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(item).click()]);
  return readFileSync((await (download as Download).path())!);
}

const words = (text: string) => text.replace(/\s+/g, ' ');

describeE2E('presentation mode and the PDF and PowerPoint decks', () => {
  e2e = useAppAndBrowser({ env: { AUTH_SECRET: SECRET } });

  it('Anna presents, Vera follows on a view link; the PDF and the .pptx hold the whole story', async () => {
    const map = buildPresentMap();
    const { id } = await api<{ id: string }>('POST', '/api/maps/import', presentMapFile(map));
    const links = await api<{ edit: string; view: string }>('GET', `/api/maps/${id}/links`);

    const anna = await e2e.openPage();
    const vera = await e2e.openPage();
    const a = anna.page;
    const v = vera.page;
    // Anna works in Russian, as her team does: her decks are in Russian too.
    await a.addInitScript(() => localStorage.setItem('cjm-studio.locale', 'ru'));
    await openLink(a, links.edit, 'Anna');
    await openLink(v, links.view, 'Vera');
    await v.getByTestId('view-only-badge').waitFor();

    // ---- Anna starts presenting: the cover, full screen, in large type
    await a.getByTestId('present-start').click();
    const show = a.getByTestId('presentation');
    await show.waitFor();
    expect(await show.getAttribute('data-slide-kind')).toBe('cover');
    expect(await a.getByTestId('slide-cover').textContent()).toContain('Мария, 34 года');

    // ---- Vera is offered to follow, and follows
    const banner = v.getByTestId('present-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Anna is presenting');
    await v.getByTestId('present-follow').click();
    const followed = v.getByTestId('presentation');
    await followed.waitFor();
    await poll(attr(followed, 'data-slide')).toBe('0');

    // ---- Anna walks on with the keyboard; Vera's slide tracks hers
    await a.keyboard.press('ArrowRight');
    await a.keyboard.press(' ');
    await poll(attr(show, 'data-slide')).toBe('2');
    await poll(attr(followed, 'data-slide')).toBe('2');
    expect(await followed.getAttribute('data-slide-kind')).toBe('stage');
    const stageText = await v.getByTestId('slide-stage').textContent();
    expect(stageText).toContain('Ипотечный калькулятор');
    expect(stageText).toContain('Калькулятор не показывает страховку и комиссии');
    expect(stageText).toContain('Я так и не поняла, сколько заплачу в итоге');
    expect(stageText).toContain('Сравнивает ставки трёх банков');
    expect(stageText).toContain('CSAT');
    await screenshot(a, 'present-stage');
    await a.keyboard.press('ArrowLeft');
    await poll(attr(followed, 'data-slide')).toBe('1');
    await a.keyboard.press('End');
    await poll(attr(followed, 'data-slide-kind')).toBe('actionPlan');
    expect(await v.getByTestId('slide-action-plan').textContent()).toContain('Калькулятор не показывает страховку');

    // ---- Esc ends Anna's presentation; Vera's view closes with it
    await a.keyboard.press('Escape');
    await show.waitFor({ state: 'detached' });
    await followed.waitFor({ state: 'detached' });
    await banner.waitFor({ state: 'detached' });

    // ---- the PDF: vector text in Cyrillic, every touchpoint title, note and quote
    const dir = mkdtempSync(path.join(tmpdir(), 'cjm-present-'));
    const pdf = await downloadFrom(a, 'export-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pdfFile = path.join(dir, 'deck.pdf');
    writeFileSync(pdfFile, pdf);
    if (hasPoppler) {
      const text = words(execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }));
      for (const expected of [...map.texts.touchpoints, ...map.texts.notes, ...map.texts.quotes, ...map.texts.cells]) expect(text).toContain(expected);
      expect(text).toContain('Последняя ревизия: 2026 III квартал');
      // Text, not a picture: the pages hold no raster image at all.
      expect(execFileSync('pdfimages', ['-list', pdfFile], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2);
      // Pictures of a few pages for a look (docs/screenshots holds copies of them).
      const pictures = path.join(ARTIFACTS, 'present-pdf');
      mkdirSync(pictures, { recursive: true });
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '4', pdfFile, path.join(dir, 'page')]);
      for (const n of ['01', '02', '04']) {
        writeFileSync(path.join(pictures, `present-pdf-page-${n}.png`), readFileSync(path.join(dir, `page-${n}.png`)));
      }
    }

    // ---- the PowerPoint: LibreOffice Impress opens it, one slide per stage
    const pptx = await downloadFrom(a, 'export-pptx');
    expect(pptx.subarray(0, 2).toString()).toBe('PK');
    const pptxFile = path.join(dir, 'deck.pptx');
    writeFileSync(pptxFile, pptx);
    if (hasImpress && hasPoppler) {
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo`, '--convert-to', 'pdf', '--outdir', path.join(dir, 'lo-out'), pptxFile], {
        timeout: 180_000,
        stdio: 'ignore',
      });
      const converted = path.join(dir, 'lo-out/deck.pdf');
      const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', converted, '-'], { encoding: 'utf8' }).split('\f');
      for (let n = 1; n <= 6; n++) expect(pages.filter((p) => p.includes(`Этап ${n} из 6`))).toHaveLength(1);
      const all = words(pages.join(' '));
      for (const expected of [...map.texts.touchpoints, ...map.texts.notes]) expect(all).toContain(expected);
      expect(all).toContain('План действий');
    }

    expect(anna.errors).toEqual([]);
    expect(vera.errors).toEqual([]);
    await anna.context.close();
    await vera.context.close();
  }, 300_000);
});
