// A command can fail when a colleague deleted the entity a moment ago; the edit is then
// moot, so it is dropped instead of breaking the panel.
export function safely(edit: () => void): void {
  try {
    edit();
  } catch (error) {
    console.warn('Edit dropped:', error);
  }
}
