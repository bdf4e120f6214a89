// The map page's exports: JSON and the action plan CSV are written from the map as this
// browser holds it (so edits not yet synced are in, and it works offline), PNG is drawn from
// the canvas. Saved reviews live on the server: the JSON export fetches them from there.
import type { MapExporter } from '../../canvas/actions';
import { pngWordsFor, renderMapPng } from '../../canvas/exportPng';
import { withPersonaColumn } from '../../canvas/personaLayout';
import { pngBridgeFor, type PngBridgeState } from '../../canvas/pngBridge';
import { CardHeightCache } from '../../canvas/nodes';
import { exportMapJson, parseMapJson } from '../../domain/format';
import { computeGrid } from '../../domain/grid';
import { layerRowSpecs } from '../../domain/layers';
import type { Locale } from '../../domain/locale';
import type { Review } from '../../domain/types';
import type { Translate } from '../../locales/i18n';
import { actionPlanCsvFor } from '../../locales/actionPlan';
import { CSV_MIME, JSON_MIME, downloadBlob, downloadText } from './download';
import { exportFileName } from '../../domain/fileName';
import { fetchServerExport } from '../../sync/mapFileClient';
import { snapshotOfState } from '../../store/snapshotStore';
import type { MapSession } from '../../store/session';
import { nextFrame, notify, withTask } from './ioStatus';
import { exportDeck } from './deckExports';

/** The map's saved reviews from the server; null when the server cannot be asked. */
async function savedReviews(session: MapSession): Promise<Review[] | null> {
  if (session.connection.getState().status === 'local') return [];
  const text = await fetchServerExport(session.mapId);
  if (text === null) return null;
  const parsed = parseMapJson(text);
  return parsed.ok ? parsed.value.reviews : null;
}

export async function exportJson(session: MapSession, t: Translate): Promise<void> {
  await withTask(t('io.progress.exportJson'), async () => {
    await nextFrame();
    const now = new Date();
    const reviews = await savedReviews(session);
    const snapshot = snapshotOfState(session.store.getState());
    const name = exportFileName(snapshot.meta.title, now, 'json');
    downloadText(name, exportMapJson(snapshot, reviews ?? [], now), JSON_MIME);
    notify(t('io.done.exported', { name }));
    if (reviews === null) notify(t('io.done.noReviews'), 'warning');
  });
}

export async function exportCsv(session: MapSession, t: Translate, locale: Locale): Promise<void> {
  await withTask(t('io.progress.exportCsv'), async () => {
    await nextFrame();
    const snapshot = snapshotOfState(session.store.getState());
    const name = exportFileName(snapshot.meta.title, new Date(), 'csv');
    downloadText(name, actionPlanCsvFor(snapshot, locale), CSV_MIME);
    notify(t('io.done.exported', { name }));
  });
}

export interface PngExportOutcome {
  width: number;
  height: number;
  ms: number;
  scaledDown: boolean;
}

/** One picture at a time: a second click while drawing would fight over the canvas. */
let drawing = false;

export async function exportPng(session: MapSession, t: Translate, locale: Locale): Promise<PngExportOutcome | null> {
  const prepare = pngBridgeFor(session).getState().prepare;
  if (!prepare) throw new Error('the canvas is not shown');
  if (drawing) return null;
  drawing = true;
  try {
    return await drawPng(session, t, locale, prepare);
  } finally {
    drawing = false;
  }
}

async function drawPng(
  session: MapSession,
  t: Translate,
  locale: Locale,
  prepare: NonNullable<PngBridgeState['prepare']>,
): Promise<PngExportOutcome> {
  return withTask(t('io.progress.exportPng'), async (task) => {
    const started = performance.now();
    await nextFrame();
    const state = session.store.getState();
    // The same grid the canvas draws (layer rows, card heights), starting at the persona card left of it.
    const layout = withPersonaColumn(
      computeGrid(
        state.stages,
        state.channels,
        Object.values(state.touchpoints),
        layerRowSpecs(state.layers, state.cells, state.stages),
        new CardHeightCache().of(state.cardStats),
      ),
    );
    const now = new Date();
    const prepared = await prepare(layout);
    let result;
    try {
      result = await renderMapPng({
        viewport: prepared.viewport,
        layout,
        stages: state.stages,
        channels: state.channels,
        touchpoints: Object.values(state.touchpoints),
        title: state.meta.title,
        dateLine: t('io.png.date', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(now) }),
        curveLabel: t('canvas.curve.label'),
        words: pngWordsFor(t),
        locale,
        onStep: (step) => {
          // The canvas can go back to the user once the map is drawn.
          if (step === 'compose') prepared.restore();
          if (step === 'encode') task.update({ label: t('io.progress.exportPngEncode'), progress: 0.8 });
          else task.update({ progress: step === 'render' ? 0.2 : 0.3 });
        },
        onProgress: (share) => task.update({ progress: 0.3 + 0.5 * share }),
      });
    } finally {
      prepared.restore();
    }
    const name = exportFileName(state.meta.title, now, 'png');
    downloadBlob(name, result.blob);
    notify(t('io.done.exported', { name }));
    if (result.scaledDown) {
      notify(t('io.done.pngScaled', { percent: Math.round((result.scale / 2) * 100) }), 'warning');
    }
    return { width: result.width, height: result.height, ms: performance.now() - started, scaledDown: result.scaledDown };
  });
}

/**
 * The exports as the action registry runs them (menu, shortcut): each one reports its own
 * failure as a toast instead of vanishing.
 */
export function createMapExporter(session: MapSession, t: Translate, locale: Locale): MapExporter {
  const reported = (work: () => Promise<unknown>) => async () => {
    try {
      await work();
    } catch (error) {
      console.error(error);
      notify(t('io.problems.failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
    }
  };
  return {
    json: reported(() => exportJson(session, t)),
    png: reported(() => exportPng(session, t, locale)),
    csv: reported(() => exportCsv(session, t, locale)),
    pdf: reported(() => exportDeck('pdf', session, t, locale)),
    pptx: reported(() => exportDeck('pptx', session, t, locale)),
  };
}
