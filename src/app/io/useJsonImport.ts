// Importing JSON map files on the map list, from the file picker or dropped onto the list.
// Every file is checked in the browser first; a bad one is explained and nothing is created.
// Good files become new maps on the server (import never overwrites a map); with one file the
// new map opens, with several the list shows them.
import { useCallback, useRef, useState, type DragEvent } from 'react';
import { useT } from '../../locales/i18n';
import { importMapFile } from '../../sync/mapFileClient';
import { formatProblemLine } from '../../ui/problemMessage';
import type { FileProblems } from './ImportProblemsDialog';
import { notify, withTask } from './ioStatus';
import { readMapFile } from './readMapFile';
import { refusalMessage } from './refusal';
import { mapHref, navigate } from '../routing';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function useJsonImport(onImported: () => void) {
  const t = useT();
  const [problems, setProblems] = useState<FileProblems[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const busy = useRef(false);
  // dragenter/dragleave fire for every child crossed; count them to know when it really left.
  const depth = useRef(0);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (busy.current || files.length === 0) return;
      busy.current = true;
      const refused: FileProblems[] = [];
      const created: { id: string; title: string }[] = [];
      try {
        await withTask(t('io.progress.reading', { name: files[0]!.name }), async (task) => {
          for (const file of files) {
            const read = await readMapFile(file, t, task);
            if (!read.ok) {
              refused.push(read.problems);
              continue;
            }
            task.update({ label: t('io.progress.uploading', { name: file.name }), progress: 0.7 });
            const answer = await importMapFile(read.text);
            if (answer.ok) {
              created.push({ id: answer.id, title: read.title });
              if (answer.warnings.length > 0) refused.push({ fileName: file.name, problems: [], warnings: answer.warnings });
            } else if (answer.reason === 'offline') {
              refused.push({ fileName: file.name, message: t('io.problems.offline'), problems: [], warnings: [] });
            } else {
              refused.push({
                fileName: file.name,
                message: refusalMessage(t, answer),
                problems: answer.problems,
                warnings: answer.warnings,
              });
            }
          }
        });
      } catch (error) {
        console.error(error);
        refused.push({
          fileName: files.map((f) => f.name).join(', '),
          message: t('io.problems.failed', { message: error instanceof Error ? error.message : String(error) }),
          problems: [],
          warnings: [],
        });
      } finally {
        busy.current = false;
      }
      for (const map of created) notify(t('io.done.imported', { title: map.title }));
      // Files that imported with warnings only are not "refused": say so in a notice instead.
      const blocking = refused.filter((f) => f.problems.length > 0 || f.message);
      if (blocking.length > 0) setProblems(blocking);
      for (const f of refused.filter((x) => !blocking.includes(x))) {
        notify(`${f.fileName}: ${t('io.problems.warnings')} ${f.warnings.map((w) => formatProblemLine(t, w)).join('; ')}`, 'warning');
      }
      if (created.length === 1 && blocking.length === 0) navigate(mapHref(created[0]!.id));
      else if (created.length > 0) onImported();
    },
    [t, onImported],
  );

  const dropZoneProps = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Without this the browser would open the file instead of handing it to us.
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      void importFiles(Array.from(e.dataTransfer.files));
    },
  };

  return { importFiles, dropZoneProps, dragging, problems, closeProblems: () => setProblems(null) };
}

export type JsonImport = ReturnType<typeof useJsonImport>;
