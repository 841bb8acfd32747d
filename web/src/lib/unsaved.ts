// Counts answers with changes not yet stored (a pending autosave, a save in flight, or a
// failed save). While any exist, leaving the page asks the browser's "leave site?" question.
const dirty = new Set<string>();

function onBeforeUnload(e: BeforeUnloadEvent): void {
  if (dirty.size === 0) return;
  e.preventDefault();
  e.returnValue = '';
}

if (typeof window !== 'undefined') window.addEventListener('beforeunload', onBeforeUnload);

export function markUnsaved(key: string, unsaved: boolean): void {
  if (unsaved) dirty.add(key);
  else dirty.delete(key);
}

export function unsavedCount(): number {
  return dirty.size;
}
