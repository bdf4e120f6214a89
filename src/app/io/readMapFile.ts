// A picked or dropped JSON map file, read and checked in the browser before anything is sent:
// the same parseMapJson the server runs, so a bad file is explained here and never posted.
import { DEFAULT_FORMAT_LIMITS } from '../../domain/format';
import type { Translate } from '../../locales/i18n';
import { checkMapFile } from './checkMapFile';
import { readFileText } from './files';
import type { FileProblems } from './ImportProblemsDialog';
import { nextFrame, type TaskHandle } from './ioStatus';

export type MapFileRead = { ok: true; text: string; title: string; warnings: FileProblems['warnings'] } | { ok: false; problems: FileProblems };

const MB = 1024 * 1024;
const megabytes = (bytes: number) => (Math.round((bytes / MB) * 10) / 10).toLocaleString();

export const isJsonFile = (file: File) => /\.json$/i.test(file.name) || file.type === 'application/json';

export async function readMapFile(file: File, t: Translate, task: TaskHandle): Promise<MapFileRead> {
  const refuse = (message: string): MapFileRead => ({ ok: false, problems: { fileName: file.name, message, problems: [], warnings: [] } });
  if (!isJsonFile(file)) return refuse(t('io.list.notJson', { name: file.name }));
  task.update({ label: t('io.progress.reading', { name: file.name }), progress: 0.1 });
  await nextFrame();
  const read = await readFileText(file, DEFAULT_FORMAT_LIMITS.maxChars);
  if (!read.ok) {
    return read.code === 'tooLarge'
      ? refuse(t('io.problems.tooLarge', { size: megabytes(read.size), max: megabytes(read.maxBytes) }))
      : refuse(t('io.problems.unreadable', { message: read.message }));
  }
  task.update({ label: t('io.progress.checking', { name: file.name }), progress: 0.4 });
  const check = await checkMapFile(read.text);
  if (!check.ok) return { ok: false, problems: { fileName: file.name, problems: check.problems, warnings: check.warnings } };
  return { ok: true, text: read.text, title: check.title, warnings: check.warnings };
}
