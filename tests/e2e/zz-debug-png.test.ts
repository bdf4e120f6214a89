import { it } from 'vitest';
import { launchBrowser, openPage, startApp } from './harness';
import { bigMapDoc } from '../bench/lib/bigMap';
import { readSnapshot } from '../../src/doc/read';
import { exportMapJson } from '../../src/domain/format';

it('debug png', async () => {
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const n = Number(process.env.N ?? 500);
    const doc = bigMapDoc(n);
    const res = await fetch(`${app.url}/api/maps/import`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: exportMapJson(readSnapshot(doc), [], new Date()) });
    const { id } = (await res.json()) as { id: string };
    const { page } = await openPage(browser, app.url);
    page.on('console', (m) => console.log('console', m.type(), m.text()));
    page.on('pageerror', (e) => console.log('pageerror', e.message));
    await page.goto(`/#/map/${id}`);
    await page.getByTestId('name-dialog').getByTestId('name-cancel').click();
    await new Promise((r) => setTimeout(r, 1500));
    console.log('cards rendered before', await page.getByTestId('touchpoint-card').count());
    await page.getByTestId('export-menu').click();
    const t0 = Date.now();
    let done = false;
    page.on('download', (d) => { console.log('download', d.suggestedFilename(), Date.now() - t0, 'ms'); void d.saveAs('/tmp/iodebug/big.png').then(() => { done = true; }); });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    await page.getByTestId('export-png').click({ noWaitAfter: true, timeout: 120000 });
    for (let i = 0; i < 120 && !done; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const notices = await page.getByTestId('io-notice').allTextContents();
      if (i % 4 === 0) console.log(i / 2, 's', JSON.stringify(notices), JSON.stringify(await page.getByTestId('io-progress').allTextContents()));
    }
    const { profile } = await cdp.send('Profiler.stop');
    const { summarize } = await import('../bench/lib/profileSummary');
    console.log(summarize(profile as never, 12).split('\n').slice(0, 16).join('\n'));
    const { readFileSync, writeFileSync } = await import('node:fs');
    const b64 = readFileSync('/tmp/iodebug/big.png').toString('base64');
    const crop = await page.evaluate(async (b64) => {
      const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
      const c = document.createElement('canvas'); c.width = 1400; c.height = 900;
      c.getContext('2d')!.drawImage(img, 0, 1900, 1400, 900, 0, 0, 1400, 900);
      return c.toDataURL('image/png').split(',')[1]!;
    }, b64);
    writeFileSync('/tmp/iodebug/crop.png', Buffer.from(crop, 'base64'));
    console.log('cards rendered after', await page.getByTestId('touchpoint-card').count());
  } finally {
    await browser.close();
    await app.stop();
  }
}, 180000);
