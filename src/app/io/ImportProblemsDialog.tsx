// Why a file was not imported: each problem with where it is in the file (a JSON path) and
// what is wrong, in the user's language, warnings apart. Nothing was created or changed, and
// the dialog says so.
import { useEffect, useId, useRef } from 'react';
import type { Problem } from '../../domain/format';
import { useT } from '../../locales/i18n';
import { Modal } from '../../ui/Modal';
import { formatProblemMessage } from '../../ui/problemMessage';
import './io.css';

export interface FileProblems {
  fileName: string;
  /** Said before the list: the file could not be read, the server is unreachable… */
  message?: string;
  problems: Problem[];
  warnings: Problem[];
}

export function ImportProblemsDialog({ files, onClose }: { files: FileProblems[]; onClose: () => void }) {
  const t = useT();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  return (
    <Modal onDismiss={onClose}>
      <div className="confirm-dialog io-dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} data-testid="import-problems">
        <h2 id={titleId} className="confirm-dialog__title">
          {t('io.problems.title')}
        </h2>
        <p className="confirm-dialog__message io-dialog__lead">{t('io.problems.lead')}</p>
        <div className="io-dialog__body">
          {files.map((file, i) => (
            <section key={i} className="io-file-problems" data-testid="import-problems-file" data-file-name={file.fileName}>
              <h3 className="io-file-problems__name">{t('io.problems.leadFile', { name: file.fileName })}</h3>
              {file.message && (
                <p className="io-file-problems__message" data-testid="import-problems-message">
                  {file.message}
                </p>
              )}
              {file.problems.length > 0 && (
                <ol className="io-problem-list">
                  {file.problems.map((problem, j) => (
                    <li key={j} className="io-problem" data-testid="import-problem" data-code={problem.code}>
                      <code className="io-problem__path" data-testid="import-problem-path" title={t('io.problems.path')}>
                        {problem.path}
                      </code>
                      <span className="io-problem__message" data-testid="import-problem-message">
                        {formatProblemMessage(t, problem)}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
              {file.warnings.length > 0 && (
                <>
                  <p className="io-file-problems__warnings-title">{t('io.problems.warnings')}</p>
                  <ul className="io-problem-list io-problem-list--warnings">
                    {file.warnings.map((warning, j) => (
                      <li key={j} className="io-problem io-problem--warning" data-testid="import-warning" data-code={warning.code}>
                        <code className="io-problem__path">{warning.path}</code>
                        <span className="io-problem__message">{formatProblemMessage(t, warning)}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </section>
          ))}
        </div>
        <div className="confirm-dialog__actions">
          <button ref={closeRef} type="button" className="button button--primary" data-testid="import-problems-close" onClick={onClose}>
            {t('io.problems.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
