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
    console.log(summarize(profile as never, 30));
    console.log('cards rendered after', await page.getByTestId('touchpoint-card').count());
  } finally {
    await browser.close();
    await app.stop();
  }
}, 180000);
