// The worker behind pngEncoder: turns the drawn picture into PNG bytes off the page's thread.
// The bitmap arrives transferred (no copy) and is shown on a canvas of its own, no copy either.
addEventListener('message', (event: MessageEvent<{ id: number; bitmap: ImageBitmap }>) => {
  const { id, bitmap } = event.data;
  const encode = async (): Promise<Blob> => {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('bitmaprenderer');
    if (!context) throw new Error('no bitmap canvas in the worker');
    context.transferFromImageBitmap(bitmap);
    return canvas.convertToBlob({ type: 'image/png' });
  };
  encode().then(
    (blob) => postMessage({ id, blob }),
    (error: unknown) => postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});

// Pictures are handed over only once the worker is known to run (a strict policy or an old
// browser can stop it from starting, and a transferred bitmap cannot come back).
postMessage({ ready: true });
