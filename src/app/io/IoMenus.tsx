// The map page's "Export" and "Import" menus: JSON, PNG and the action plan CSV out; survey
// quotes from CSV and "Replace with file…" in. Replacing asks first, keeps the old content as
// a backup on the server and says where it is; a bad file changes nothing.
import { useEffect, useId, useState } from 'react';
import { useLocaleStore, useT, type Translate } from '../../locales/i18n';
import { pickFile, readFileText } from './files';
import { listBackups, replaceMapWithFile, restoreBackup } from '../../sync/mapFileClient';
import type { BackupEntry } from '../../domain/api';
import { QuoteImportDialog, type CsvFile } from '../../panels/QuoteImportDialog';
import { useMapSession, useMapState, useUi } from '../../store/context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { UiIcon } from '../../ui/icons';
import { Modal } from '../../ui/Modal';
import { ImportProblemsDialog, type FileProblems } from './ImportProblemsDialog';
import { IoToast } from './IoToast';
import { notify, startTask, withTask } from './ioStatus';
import { useActions } from '../../canvas/useActions';
import { parseMapJson } from '../../domain/format';
import { MenuButton } from './MenuButton';
import { exportDeck } from './deckExports';
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
  const viewedReview = useUi((s) => s.viewedReview);
  const [problems, setProblems] = useState<FileProblems[] | null>(null);
  // Each picked file gets a fresh dialog (its columns are guessed from that file's header).
  const [csvFile, setCsvFile] = useState<(CsvFile & { pick: number }) | null>(null);
  const [replacing, setReplacing] = useState<{ fileName: string; text: string } | null>(null);
  const [replaced, setReplaced] = useState<ReplaceDone | null>(null);
  const [showBackups, setShowBackups] = useState(false);

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

  // The escape hatch of working offline: a copy this browser downloaded, merged back here. Done
  // in the doc, so it works offline too and syncs like any edit.
  const pickMerge = () =>
    run(async () => {
      const file = await pickFile(JSON_ACCEPT);
      if (!file) return;
      const read = await withTask(t('io.progress.reading', { name: file.name }), (task) => readMapFile(file, t, task));
      if (!read.ok) return setProblems([read.problems]);
      const parsed = parseMapJson(read.text);
      if (!parsed.ok) return setProblems([{ fileName: file.name, problems: parsed.problems, warnings: parsed.warnings }]);
      const { added, differing } = session.commands.mergeSnapshot(parsed.value.snapshot);
      notify(t('io.merge.done', { name: file.name, added, differing }));
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
          { testId: 'export-pdf', label: t('present.export.pdf'), hint: t('present.export.pdfHint'), onSelect: () => void actions.run('exportPdf') },
          { testId: 'export-pptx', label: t('present.export.pptx'), hint: t('present.export.pptxHint'), onSelect: () => void actions.run('exportPptx') },
          // A saved review opened read-only: its frozen state as a deck, titled with its name.
          ...(viewedReview
            ? [
                {
                  testId: 'export-review-pdf',
                  label: t('present.export.reviewPdf', { name: viewedReview.name }),
                  hint: t('present.export.pdfHint'),
                  onSelect: () => run(() => exportDeck('pdf', session, t, locale, viewedReview)),
                },
                {
                  testId: 'export-review-pptx',
                  label: t('present.export.reviewPptx', { name: viewedReview.name }),
                  hint: t('present.export.pptxHint'),
                  onSelect: () => run(() => exportDeck('pptx', session, t, locale, viewedReview)),
                },
              ]
            : []),
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
            { testId: 'merge-from-json', label: t('io.menu.merge'), hint: t('io.menu.mergeHint'), onSelect: pickMerge },
            { testId: 'open-backups', label: t('io.menu.backups'), hint: t('io.menu.backupsHint'), onSelect: () => setShowBackups(true) },
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
      {replaced && <ReplaceDoneDialog mapId={session.mapId} done={replaced} onClose={() => setReplaced(null)} />}
      {showBackups && <BackupsDialog mapId={session.mapId} onClose={() => setShowBackups(false)} />}
      {problems && <ImportProblemsDialog files={problems} onClose={() => setProblems(null)} />}
      <IoToast />
    </>
  );
}

/** Brings a backup back as a map of its own and says where it is; false when it could not. */
async function restoreAndTell(t: Translate, mapId: string, backupId: string, title: string): Promise<boolean> {
  const answer = await restoreBackup(mapId, backupId);
  if (answer.ok) {
    notify(t('io.replace.restored', { backup: title }));
    return true;
  }
  notify(answer.reason === 'offline' ? t('io.problems.failed', { message: t('io.problems.offline') }) : refusalMessage(t, answer), 'error');
  return false;
}

/** A map's replace backups (bounded per map on the server), each restorable as a map of its own. */
function BackupsDialog({ mapId, onClose }: { mapId: string; onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const titleId = useId();
  const [backups, setBackups] = useState<BackupEntry[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    void listBackups(mapId).then((answer) => {
      if (gone) return;
      if (answer.ok) setBackups([...answer]);
      else setProblem(answer.reason === 'offline' ? t('io.problems.offline') : refusalMessage(t, answer));
    });
    return () => {
      gone = true;
    };
  }, [mapId, t]);
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const size = (bytes: number) => {
    const mega = bytes >= 1048576;
    const unit = mega ? 'megabyte' : 'kilobyte';
    return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(bytes / (mega ? 1048576 : 1024));
  };

  return (
    <Modal onDismiss={onClose}>
      <div className="confirm-dialog io-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="backups-dialog">
        <h2 id={titleId} className="confirm-dialog__title">
          {t('io.backups.title')}
        </h2>
        <p className="confirm-dialog__message">{t('io.backups.lead')}</p>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {backups === null && !problem && <p aria-busy="true">{t('io.backups.loading')}</p>}
        {backups?.length === 0 && <p data-testid="backups-empty">{t('io.backups.none')}</p>}
        {backups && backups.length > 0 && (
          <ul className="io-backups">
            {backups.map((b) => (
              <li key={b.id} className="io-backups__row" data-testid="backup-row" data-backup-id={b.id}>
                <span className="io-backups__title">{b.title}</span>
                <span className="io-backups__meta">
                  {t('io.backups.meta', { date: date(b.createdAt), size: size(b.bytes), until: date(b.restoreUntil) })}
                </span>
                <button
                  type="button"
                  className="button button--small"
                  data-testid="backup-restore"
                  disabled={busy !== null}
                  onClick={() => {
                    setBusy(b.id);
                    void restoreAndTell(t, mapId, b.id, b.title).then((done) => {
                      setBusy(null);
                      if (done) setBackups((list) => list?.filter((x) => x.id !== b.id) ?? null);
                    });
                  }}
                >
                  {t('io.backups.restore')}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="confirm-dialog__actions">
          <button type="button" className="button button--primary" data-testid="backups-close" autoFocus onClick={onClose}>
            {t('io.replace.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function ReplaceDoneDialog({ mapId, done, onClose }: { mapId: string; done: ReplaceDone; onClose: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const titleId = useId();
  const [restoring, setRestoring] = useState(false);
  const until = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(done.restoreUntil));

  const restore = async () => {
    setRestoring(true);
    const restored = await restoreAndTell(t, mapId, done.backupId, done.backupTitle);
    setRestoring(false);
    if (restored) onClose();
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
