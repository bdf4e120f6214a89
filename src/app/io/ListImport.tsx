// The map list's import controls: the "Import JSON" button (a file picker), the hint shown
// while files are dragged over the list, the problems dialog and the progress toast.
import { useT } from '../../locales/i18n';
import { pickFile } from './files';
import { ImportProblemsDialog } from './ImportProblemsDialog';
import { IoToast } from './IoToast';
import type { JsonImport } from './useJsonImport';
import './io.css';

const JSON_ACCEPT = '.json,application/json';

export function ImportJsonButton({ importer, disabled }: { importer: JsonImport; disabled?: boolean }) {
  const t = useT();
  return (
    <button
      type="button"
      className="button"
      data-testid="import-json"
      title={t('io.list.importJsonHint')}
      disabled={disabled}
      onClick={async () => {
        const file = await pickFile(JSON_ACCEPT);
        if (file) await importer.importFiles([file]);
      }}
    >
      <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" className="io-icon">
        <path d="M8 10V2m0 0L5 5m3-3 3 3M3 10v3h10v-3" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t('io.list.importJson')}
    </button>
  );
}

export function ListImportOverlays({ importer }: { importer: JsonImport }) {
  const t = useT();
  return (
    <>
      {importer.dragging && (
        <div className="io-drop-hint" data-testid="map-list-drop-hint" aria-live="polite">
          <div className="io-drop-hint__box">{t('io.list.dropHint')}</div>
        </div>
      )}
      {importer.problems && <ImportProblemsDialog files={importer.problems} onClose={importer.closeProblems} />}
      <IoToast />
    </>
  );
}
