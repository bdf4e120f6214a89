// What the export and import features tell the user while and after they work: one running
// task with its progress (the `io-progress` toast) and the latest notices. A plain store so
// work started on one page (an import on the list) can still report after navigating.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export interface IoTask {
  id: number;
  label: string;
  /** 0…1 when known; null shows an indeterminate bar. */
  progress: number | null;
}

export interface IoNotice {
  id: number;
  text: string;
  tone: 'info' | 'success' | 'warning' | 'error';
}

interface IoStatusState {
  task: IoTask | null;
  notices: IoNotice[];
}

export const ioStatus = createStore<IoStatusState>(() => ({ task: null, notices: [] }));

let counter = 0;
const NOTICE_LIMIT = 3;

/** Starts a task; the returned handle updates or ends it (ending an older task does nothing). */
export function startTask(label: string, progress: number | null = null) {
  const id = ++counter;
  ioStatus.setState({ task: { id, label, progress } });
  const mine = () => ioStatus.getState().task?.id === id;
  return {
    update(next: { label?: string; progress?: number | null }) {
      if (!mine()) return;
      const task = ioStatus.getState().task!;
      ioStatus.setState({ task: { ...task, ...next } });
    },
    end() {
      if (mine()) ioStatus.setState({ task: null });
    },
  };
}

export type TaskHandle = ReturnType<typeof startTask>;

/** Runs `work` as a task, ending it however the work ends. */
export async function withTask<T>(label: string, work: (task: TaskHandle) => Promise<T>): Promise<T> {
  const task = startTask(label);
  try {
    return await work(task);
  } finally {
    task.end();
  }
}

export function notify(text: string, tone: IoNotice['tone'] = 'success'): number {
  const id = ++counter;
  ioStatus.setState((s) => ({ notices: [...s.notices, { id, text, tone }].slice(-NOTICE_LIMIT) }));
  return id;
}

export function dismissNotice(id: number): void {
  ioStatus.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

export const useIoStatus = <T,>(selector: (s: IoStatusState) => T): T => useStore(ioStatus, selector);

/** Lets the browser paint (the progress toast) before the next heavy step. */
export const nextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });
