// The action plan CSV in the user's language, the same from the browser's menu and from the
// server's export endpoint: localised headers, kinds and statuses, and the delimiter a
// spreadsheet in that locale expects (';' for Russian Excel, ',' otherwise).
import { actionPlanCsv, type CsvDelimiter } from '../domain/csv';
import type { Locale } from '../domain/locale';
import type { JourneyMapSnapshot } from '../domain/types';
import { domain as enDomain } from './en/domain';
import { io as enIo } from './en/io';
import { domain as ruDomain } from './ru/domain';
import { io as ruIo } from './ru/io';

const WORDS = {
  en: { domain: enDomain, io: enIo },
  ru: { domain: ruDomain, io: ruIo },
} satisfies Record<Locale, unknown>;

export const csvDelimiterFor = (locale: Locale): CsvDelimiter => (locale === 'ru' ? ';' : ',');

export function actionPlanCsvFor(snapshot: JourneyMapSnapshot, locale: Locale): string {
  const { domain, io } = WORDS[locale];
  return actionPlanCsv(snapshot, domain.noteKind, {
    headers: io.csv.headers,
    statusLabels: domain.noteStatus,
    delimiter: csvDelimiterFor(locale),
  });
}

/** The title of the backup a replace leaves behind, e.g. "Backup of Checkout 2026-02-01". */
export function backupTitleFor(locale: Locale, title: string, date: string): string {
  // One pass, so a title that itself contains "{date}" stays as written.
  return WORDS[locale].io.server.backupTitle.replace(/\{(title|date)\}/g, (_, key: string) => (key === 'title' ? title : date));
}
