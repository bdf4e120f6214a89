// Saving text the app made (JSON map, CSV action plan) as a file download in the browser.

/** Starts a download of `text` as `filename`. Browser only. */
export function downloadText(filename: string, text: string, mime: string): void {
  const blob = new Blob([text], { type: mime.includes('charset') ? mime : `${mime};charset=utf-8` });
  downloadBlob(filename, blob);
}

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const JSON_MIME = 'application/json';
export const CSV_MIME = 'text/csv';
