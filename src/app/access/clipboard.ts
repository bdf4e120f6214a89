// Copies a link: the Clipboard API where the page may use it (https or localhost), otherwise the
// old select-and-copy on the field that shows the link (plain http on a LAN address).

/** True when the text reached the clipboard; the field is left selected either way. */
export async function copyText(text: string, field: HTMLInputElement | null): Promise<boolean> {
  field?.focus();
  field?.select();
  try {
    if (globalThis.navigator?.clipboard && globalThis.isSecureContext !== false) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, page not focused): try the older way.
  }
  try {
    return field !== null && document.execCommand('copy');
  } catch {
    return false;
  }
}
