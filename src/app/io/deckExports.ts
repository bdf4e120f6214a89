// The slide decks as files (PDF, PowerPoint), of the live map or of a saved review's frozen
// state. The writers are a chunk of their own, loaded on the first export.
import { buildDeck } from '../../domain/present/deck';
import { exportFileName } from '../../domain/fileName';
import type { Locale } from '../../domain/locale';
import type { Review } from '../../domain/types';
import type { Translate } from '../../locales/i18n';
import type { MapSession } from '../../store/session';
import { snapshotOfState } from '../../store/snapshotStore';
import { fetchServerExport } from '../../sync/mapFileClient';
import { parseMapJson } from '../../domain/format';
import { downloadBlob } from './download';
import { nextFrame, notify, withTask } from './ioStatus';

export type DeckFormat = 'pdf' | 'pptx';

/** Letter where it is the paper people have (US, Canada, Mexico, the Philippines…), A4 elsewhere. */
export function paperFor(languages: readonly string[]): 'a4' | 'letter' {
  const region = languages[0]?.split('-')[1]?.toUpperCase();
  return region && ['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE'].includes(region) ? 'letter' : 'a4';
}

async function savedReviews(session: MapSession): Promise<Review[]> {
  if (session.connection.getState().status === 'local') return [];
  const text = await fetchServerExport(session.mapId).catch(() => null);
  if (text === null) return [];
  const parsed = parseMapJson(text);
  return parsed.ok ? parsed.value.reviews : [];
}

/**
 * Writes the deck and downloads it. With `review`, the deck is that review's frozen state,
 * titled with its name, and counts only the reviews saved up to it.
 */
export async function exportDeck(format: DeckFormat, session: MapSession, t: Translate, locale: Locale, review?: Review): Promise<void> {
  const label = t(format === 'pdf' ? 'present.export.progressPdf' : 'present.export.progressPptx');
  await withTask(label, async (task) => {
    task.update({ progress: 0 });
    await nextFrame();
    const now = new Date();
    const allReviews = await savedReviews(session);
    const snapshot = review ? review.snapshot : snapshotOfState(session.store.getState());
    const reviews = review
      ? [...allReviews.filter((r) => r.id !== review.id && Date.parse(r.createdAt) < Date.parse(review.createdAt)), review]
      : allReviews;
    const deck = buildDeck({ snapshot, reviews, now: review ? new Date(review.createdAt) : now, title: review?.name });
    const writers = await import('../../export');
    task.update({ progress: 0.05 });
    // Each step hands the page back to the browser, so the progress bar moves and input stays live.
    const onProgress = async (share: number) => {
      task.update({ progress: 0.05 + share * 0.9 });
      await nextFrame();
    };
    const blob =
      format === 'pdf'
        ? await writers.deckPdf(deck, locale, paperFor(globalThis.navigator?.languages ?? []), onProgress)
        : await writers.deckPptx(deck, locale, onProgress);
    const name = exportFileName(review ? `${snapshot.meta.title} ${review.name}` : snapshot.meta.title, now, format);
    downloadBlob(name, blob);
    notify(t('io.done.exported', { name }));
  });
}
