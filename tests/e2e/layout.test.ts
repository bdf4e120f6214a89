// A map that a newer CJM Studio has moved to a layout this build does not know opens read-only
// with a notice, live: the page that has it open stops offering edits the moment it arrives.
import { expect, it } from 'vitest';
import { LAYOUT_VERSION } from '../../src/doc/migrations';
import { connectClient, waitSynced } from '../server/helpers';
import { createMapFromTemplate, describeE2E, poll, screenshot, useAppAndBrowser } from './harness';

describeE2E('doc layout versions', () => {
  const e2e = useAppAndBrowser();

  it('a map saved by a newer build turns read-only with a notice, and this build does not write to it', async () => {
    const { page, errors } = await e2e.openPage();
    await createMapFromTemplate(page, 'Insurance claim');
    await page.getByTestId('toolbar-add-touchpoint').waitFor();
    await poll(() => page.getByTestId('layout-too-new').count()).toBe(0);

    const mapId = page.url().split('/').pop()!;
    const newer = connectClient(e2e.app.url, mapId);
    try {
      await waitSynced(newer);
      // The migration to this build's layout happened when the page synced.
      expect(newer.doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION);
      newer.doc.getMap('meta').set('layoutVersion', LAYOUT_VERSION + 1);

      await page.getByTestId('layout-too-new').waitFor();
      await poll(() => page.getByTestId('toolbar-add-touchpoint').count()).toBe(0);
      // Double-clicking a cell would add a card on an editable map.
      const before = await page.getByTestId('touchpoint-card').count();
      await page.locator('.react-flow__pane').dblclick({ position: { x: 400, y: 300 } });
      await page.getByTestId('layout-too-new').click();
      expect(await page.getByTestId('touchpoint-card').count()).toBe(before);
      await screenshot(page, 'layout-too-new');
      // Nothing this page did reached the doc: the newer build's version stands.
      expect(newer.doc.getMap('meta').get('layoutVersion')).toBe(LAYOUT_VERSION + 1);
      expect(newer.doc.getMap('touchpoints').size).toBe(before);
    } finally {
      newer.destroy();
    }
    expect(errors).toEqual([]);
  });
});
