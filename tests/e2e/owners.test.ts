// Stage and channel owners, as a facilitator sets them in a workshop: named in place on the
// lane header, seen at once by a colleague, kept in the exported file.
import { expect, it } from 'vitest';
import { answerNameDialog, createMapFromTemplate, describeE2E, laneIds, poll, screenshot, text, useAppAndBrowser } from './harness';

describeE2E('lane owners', () => {
  const e2e = useAppAndBrowser();

  it('an owner named on a stage header reaches a colleague live and the JSON export', async () => {
    const anna = await e2e.openPage();
    const boris = await e2e.openPage();
    const a = anna.page;
    const b = boris.page;
    await createMapFromTemplate(a, 'Home loan', 'Anna');
    const { stages, channels } = await laneIds(a);
    await b.goto(a.url());
    await b.getByTestId('map-canvas').waitFor();
    await answerNameDialog(b, 'Boris');

    const stageHeader = (page: typeof a) => page.locator(`[data-testid="stage-header"][data-stage-id="${stages[1]}"]`);
    const owner = stageHeader(a).getByTestId('stage-owner');
    await stageHeader(a).hover();
    await owner.click();
    const input = a.getByTestId('lane-owner-input');
    // Over the name limit: refused in place, nothing written.
    await input.fill('x'.repeat(101));
    await input.press('Enter');
    await a.getByTestId('field-error').waitFor();
    await input.fill('Marta (sales)');
    await input.press('Enter');
    await poll(text(stageHeader(a).getByTestId('stage-owner'))).toBe('Owner: Marta (sales)');
    await poll(text(stageHeader(b).getByTestId('stage-owner'))).toBe('Owner: Marta (sales)');

    const channelHeader = b.locator(`[data-testid="channel-header"][data-channel-id="${channels[0]}"]`);
    await channelHeader.hover();
    await channelHeader.getByTestId('channel-owner').click();
    await b.getByTestId('lane-owner-input').fill('Web team');
    await b.getByTestId('lane-owner-input').press('Enter');
    await poll(text(a.locator(`[data-testid="channel-header"][data-channel-id="${channels[0]}"]`).getByTestId('channel-owner'))).toBe(
      'Owner: Web team',
    );
    await screenshot(a, 'lane-owners');

    const mapId = a.url().split('/').pop()!;
    const file = await poll(async () => {
      const res = await fetch(`${e2e.app.url}/api/maps/${mapId}/export.json`);
      const json = (await res.json()) as { stages: { id: string; owner: string }[]; channels: { id: string; owner: string }[] };
      return [json.stages.find((s) => s.id === stages[1])?.owner, json.channels.find((c) => c.id === channels[0])?.owner];
    });
    await file.toEqual(['Marta (sales)', 'Web team']);
    expect(anna.errors).toEqual([]);
    expect(boris.errors).toEqual([]);
  });
});
