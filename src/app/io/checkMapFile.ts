// Checks a JSON map file with the same `parseMapJson` the server runs, in a worker so a large
// file does not freeze the page; where workers are unavailable it runs here instead.
import { checkMapFileText, type MapFileCheck } from './mapFileCheck';

export { checkMapFileText, type MapFileCheck };

let worker: Worker | null | undefined;
let nextId = 0;
const waiting = new Map<number, { text: string; done: (check: MapFileCheck) => void }>();

function checker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./checkMapFile.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<{ id: number; check: MapFileCheck }>) => {
      waiting.get(event.data.id)?.done(event.data.check);
      waiting.delete(event.data.id);
    });
    worker.addEventListener('error', () => {
      // A worker that cannot start (a strict policy, an old browser): check on this thread from now on.
      worker?.terminate();
      worker = null;
      for (const [id, { text, done }] of waiting) {
        waiting.delete(id);
        done(checkMapFileText(text));
      }
    });
  } catch {
    worker = null;
  }
  return worker;
}

export function checkMapFile(text: string): Promise<MapFileCheck> {
  const w = typeof Worker === 'function' ? checker() : null;
  if (!w) return Promise.resolve(checkMapFileText(text));
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, { text, done: resolve });
    w.postMessage({ id, text });
  });
}
