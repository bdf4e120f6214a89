// What to say when the server refuses a file or a restore, in the user's language: with a list
// of problems the list says it all; otherwise the HTTP status says enough, and the server's own
// (English) error text is only the last resort.
import type { Translate } from '../../locales/i18n';
import type { Refused } from '../../sync/mapFileClient';

export function refusalMessage(t: Translate, refused: Refused): string {
  if (refused.problems.length > 0) return t('io.problems.serverRefused');
  if (refused.status === 401 || refused.status === 403) return t('io.problems.forbidden');
  if (refused.status === 404) return t('io.problems.notFound');
  if (refused.status >= 500) return t('io.problems.serverError', { status: refused.status });
  return t('io.problems.server', { message: refused.error });
}
