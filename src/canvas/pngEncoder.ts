// PNG encoding of the drawn picture in a worker. Chromium encodes canvas.toBlob's PNG in the
// page thread's idle time, so nothing else can run meanwhile: for a 500-touchpoint map that is
// half a second in which React could already be putting the canvas back. Until the worker has
// said it runs (or where workers or OffscreenCanvas are missing), the page's thread encodes.

type Reply = { ready: true } | { id: number; blob: Blob } | { id: number; error: string };

let worker: Worker | null | undefined;
let ready = false;
let nextId = 0;
const waiting = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>();

function stop(): void {
  worker?.terminate();
  worker = null;
  ready = false;
  for (const [id, { reject }] of waiting) {
    waiting.delete(id);
    reject(new Error('the PNG worker stopped'));
  }
}

/** Starts the worker ahead of need, so it is up by the time the picture is drawn. */
export function warmPngEncoder(): void {
  if (worker !== undefined) return;
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function') {
    worker = null;
    return;
  }
  try {
    worker = new Worker(new URL('./pngEncoder.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<Reply>) => {
      const reply = event.data;
      if ('ready' in reply) {
        ready = true;
        return;
      }
      const entry = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!entry) return;
      if ('blob' in reply) entry.resolve(reply.blob);
      else entry.reject(new Error(reply.error));
    });
    worker.addEventListener('error', stop);
  } catch {
    worker = null;
  }
}

/** PNG bytes of a picture drawn on an OffscreenCanvas; the canvas is left empty when the worker takes it. */
export function encodeOffscreenPng(canvas: OffscreenCanvas): Promise<Blob> {
  const w = worker;
  if (!w || !ready) return canvas.convertToBlob({ type: 'image/png' });
  const bitmap = canvas.transferToImageBitmap();
  const id = ++nextId;
  return new Promise<Blob>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, bitmap }, [bitmap]);
  });
}
