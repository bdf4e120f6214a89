// Undo and redo of this user's own edits only: the manager tracks LOCAL_ORIGIN, so a
// colleague's concurrent edits (arriving with the provider as origin) are never undone.
import * as Y from 'yjs';
import { trackedTypes } from './layout';
import { LOCAL_ORIGIN } from './mutations';

export function createUndoManager(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(trackedTypes(doc), {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    // Changes of one command within this window undo as one step; each command starts a new one
    // (oneStepEach in src/sync/session.ts).
    captureTimeout: 400,
  });
}
