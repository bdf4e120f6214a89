// The map page's "Export" and "Import" menus: JSON, PNG and the action plan CSV out; survey
// quotes from CSV and "Replace with file…" in. Replacing asks first, keeps the old content as
// a backup on the server and says where it is; a bad file changes nothing.
import { useId, useState } from 'react';
import { useLocaleStore, useT } from '../../locales/i18n';
import { pickFile, readFileText } from './files';
import { replaceMapWithFile, restoreMap } from '../../sync/mapFileClient';
import { QuoteImportDialog, type CsvFile } from '../../panels/QuoteImportDialog';
import { useMapSession, useMapState } from '../../store/context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { UiIcon } from '../../ui/icons';
import { Modal } from '../../ui/Modal';
import { ImportProblemsDialog, type FileProblems } from './ImportProblemsDialog';
import { IoToast } from './IoToast';
import { notify, startTask, withTask } from './ioStatus';
import { useActions } from '../../canvas/useActions';
import { MenuButton } from './MenuButton';
import { readMapFile } from './readMapFile';
import { refusalMessage } from './refusal';
import './io.css';

const CSV_ACCEPT = '.csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values';
const JSON_ACCEPT = '.json,application/json';

interface ReplaceDone {
  backupId: string;
  backupTitle: string;
  restoreUntil: string;
}

export function IoMenus() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const session = useMapSession();
  const actions = useActions();
  const title = useMapState((s) => s.meta.title);
  const [problems, setProblems] = useState<FileProblems[] | null>(null);
  // Each picked file gets a fresh dialog (its columns are guessed from that file's header).
  const [csvFile, setCsvFile] = useState<(CsvFile & { pick: number }) | null>(null);
  const [replacing, setReplacing] = useState<{ fileName: string; text: string } | null>(null);
  const [replaced, setReplaced] = useState<ReplaceDone | null>(null);

  /** Export work reports its own failure instead of vanishing. */
  const run = (work: () => Promise<unknown>) => {
    work().catch((error: unknown) => {
      console.error(error);
      notify(t('io.problems.failed', { message: error instanceof Error ? error.message : String(error) }), 'error');
    });
  };

  const pickQuotes = () =>
    run(async () => {
      const file = await pickFile(CSV_ACCEPT);
      if (!file) return;
      const task = startTask(t('io.progress.reading', { name: file.name }));
      try {
        const read = await readFileText(file);
        if (!read.ok) {
          const message =
            read.code === 'tooLarge'
              ? t('io.problems.tooLarge', { size: (read.size / 1048576).toFixed(1), max: (read.maxBytes / 1048576).toFixed(0) })
              : t('io.problems.unreadable', { message: read.message });
          setProblems([{ fileName: file.name, message, problems: [], warnings: [] }]);
          return;
        }
        setCsvFile((previous) => ({ name: file.name, text: read.text, encoding: read.encoding, pick: (previous?.pick ?? 0) + 1 }));
      } finally {
        task.end();
      }
    });

  const pickReplacement = () =>
    run(async () => {
      const file = await pickFile(JSON_ACCEPT);
      if (!file) return;
      const read = await withTask(t('io.progress.reading', { name: file.name }), (task) => readMapFile(file, t, task));
      if (!read.ok) setProblems([read.problems]);
      else setReplacing({ fileName: file.name, text: read.text });
    });

  const replace = (file: { fileName: string; text: string }) =>
    run(async () => {
      setReplacing(null);
      const answer = await withTask(t('io.progress.replacing'), () => replaceMapWithFile(session.mapId, file.text, locale));
      if (answer.ok) {
        setReplaced({ backupId: answer.backupId, backupTitle: answer.backupTitle, restoreUntil: answer.restoreUntil });
      } else if (answer.reason === 'offline') {
        setProblems([{ fileName: file.fileName, message: t('io.problems.offline'), problems: [], warnings: [] }]);
      } else {
        setProblems([
          {
            fileName: file.fileName,
            message: refusalMessage(t, answer),
            problems: answer.problems,
            warnings: answer.warnings,
          },
        ]);
      }
    });

  return (
    <>
      <MenuButton
        testId="export-menu"
        label={t('io.menu.export')}
        icon={<UiIcon name="export" />}
        title={t('io.menu.exportHint')}
        items={[
          { testId: 'export-json', label: t('io.menu.json'), hint: t('io.menu.jsonHint'), onSelect: () => void actions.run('exportJson') },
          { testId: 'export-png', label: t('io.menu.png'), hint: t('io.menu.pngHint'), onSelect: () => void actions.run('exportPng') },
          { testId: 'export-csv', label: t('io.menu.csv'), hint: t('io.menu.csvHint'), onSelect: () => void actions.run('exportCsv') },
        ]}
      />
      {/* Opened with a view link: nothing may come in. */}
      {!session.readOnly && (
        <MenuButton
          testId="import-menu"
          label={t('io.menu.import')}
          icon={<UiIcon name="import" />}
          title={t('io.menu.importHint')}
          items={[
            { testId: 'import-quotes-csv', label: t('io.menu.quotesCsv'), hint: t('io.menu.quotesCsvHint'), onSelect: pickQuotes },
            { testId: 'replace-from-json', label: t('io.menu.replace'), hint: t('io.menu.replaceHint'), onSelect: pickReplacement },
          ]}
        />
      )}
      {csvFile && (
        <QuoteImportDialog
          key={csvFile.pick}
          file={csvFile}
          onPickAnother={pickQuotes}
          onClose={() => setCsvFile(null)}
          onImported={(count) => notify(t('io.done.quotesAdded', { count }))}
        />
      )}
      {replacing && (
        <ConfirmDialog
          title={t('io.replace.confirmTitle')}
          message={t('io.replace.confirmMessage', { title, name: replacing.fileName })}
          confirmLabel={t('io.replace.confirm')}
          danger
          onCancel={() => setReplacing(null)}
          onConfirm={() => replace(replacing)}
        />
      )}
      {replaced && <ReplaceDoneDialog done={replaced} onClose={() => setReplaced(null)} />}
      {problems && <ImportProblemsDialog files={problems} onClose={() => setProblems(null)} />}
      <IoToast />
    </>
  );
}

function ReplaceDoneDialog({ done, onClose }: { done: ReplaceDone; onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const titleId = useId();
  const [restoring, setRestoring] = useState(false);
  const until = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(done.restoreUntil));

  const restore = async () => {
    setRestoring(true);
    const answer = await restoreMap(done.backupId);
    setRestoring(false);
    if (answer.ok) {
      notify(t('io.replace.restored', { backup: done.backupTitle }));
      onClose();
    } else {
      notify(answer.reason === 'offline' ? t('io.problems.failed', { message: t('io.problems.offline') }) : refusalMessage(t, answer), 'error');
    }
  };

  return (
    <Modal onDismiss={onClose}>
      <div className="confirm-dialog io-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="replace-done">
        <h2 id={titleId} className="confirm-dialog__title">
          {t('io.replace.doneTitle')}
        </h2>
        <p className="confirm-dialog__message" data-testid="replace-done-message" data-backup-id={done.backupId}>
          {t('io.replace.doneMessage', { backup: done.backupTitle, id: done.backupId, until })}
        </p>
        <div className="confirm-dialog__actions">
          <button type="button" className="button" data-testid="replace-restore-backup" disabled={restoring} onClick={() => void restore()}>
            {t('io.replace.restore')}
          </button>
          <button type="button" className="button button--primary" data-testid="replace-done-close" autoFocus onClick={onClose}>
            {t('io.replace.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
