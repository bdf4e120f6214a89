// One open map: its Y.Doc, the local cache, the store fed from the doc, bound commands
// and this user's undo history. The UI receives a MapSession and never sees Yjs.
export type { MapSession } from '../store/session';
import * as Y from 'yjs';
import { createStore } from 'zustand/vanilla';
import { bindCommands } from '../doc/commands';
import { createUndoManager } from '../doc/undo';
import { readMeta } from '../doc/read';
import { touchpointsOf } from '../doc/layout';
import { bindMapStore } from '../store/mapStore';
import type { HistoryState, MapSession } from '../store/session';
import { DocCache, type CjmCacheDb } from './localCache';

export interface OpenMapOptions {
  db: CjmCacheDb;
  mapId: string;
}

export function openMapSession({ db, mapId }: OpenMapOptions): MapSession {
  const doc = new Y.Doc();
  const cache = new DocCache(db, mapId, doc);
  const bound = bindMapStore(doc);
  const undoManager = createUndoManager(doc);
  const historyState = createStore<HistoryState>(() => ({ canUndo: false, canRedo: false }));
  const syncHistory = () =>
    historyState.setState({ canUndo: undoManager.undoStack.length > 0, canRedo: undoManager.redoStack.length > 0 });
  undoManager.on('stack-item-added', syncHistory);
  undoManager.on('stack-item-popped', syncHistory);
  undoManager.on('stack-cleared', syncHistory);

  // Keep the map list's title and count in step with the doc, at most a few times a second.
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  const writeListEntry = () => {
    listTimer = null;
    const meta = readMeta(doc);
    if (!meta.title) return;
    void db.maps
      .update(mapId, {
        title: meta.title,
        touchpointCount: touchpointsOf(doc).size,
        updatedAt: new Date().toISOString(),
      })
      .catch(() => undefined);
  };
  const onDocUpdate = () => {
    if (!listTimer) listTimer = setTimeout(writeListEntry, 250);
  };

  const ready = cache.whenLoaded.then(() => {
    doc.on('update', onDocUpdate);
  });

  return {
    mapId,
    store: bound.store,
    commands: bindCommands(doc),
    history: { undo: () => undoManager.undo(), redo: () => undoManager.redo(), state: historyState },
    ready,
    dispose: async () => {
      doc.off('update', onDocUpdate);
      if (listTimer) {
        clearTimeout(listTimer);
        writeListEntry();
      }
      bound.dispose();
      undoManager.destroy();
      await cache.destroy();
      doc.destroy();
    },
  };
}
