// The list of maps and the operations on whole maps (create, rename, duplicate, delete).
import * as Y from 'yjs';
import { newMapId } from '../domain/ids';
import type { TemplateId, TemplateSummary } from '../domain/api';
import { isGalleryTemplateId } from '../domain/gallery/ids';
import type { Locale } from '../domain/locale';
import type { TemplateName } from '../domain/templates';
import type { MapSummary } from '../domain/types';
import { initMap, setMapTitle } from '../doc/mutations';
import { touchpointsOf } from '../doc/layout';
import { readMeta } from '../doc/read';
import { deleteMapData, readMapUpdates, type CjmCacheDb } from './localCache';
import type { UnsyncedMark } from './unsynced';

export interface NewMapInput {
  title: string;
  template: TemplateId;
  locale: Locale;
}

/** A gallery template's content lives on the server: without it, only the plain grid or blank. */
export class TemplateNeedsServerError extends Error {
  constructor(readonly template: string) {
    super(`the template ${template} is made by the server, which cannot be reached`);
    this.name = 'TemplateNeedsServerError';
  }
}

/** The input for a map made in this browser, or the refusal of a gallery template. */
export function localTemplate(input: NewMapInput): NewMapInput & { template: TemplateName } {
  if (isGalleryTemplateId(input.template)) throw new TemplateNeedsServerError(input.template);
  return { ...input, template: input.template };
}

export interface MapDirectory {
  list(): Promise<MapSummary[]>;
  create(input: NewMapInput): Promise<string>;
  rename(id: string, title: string): Promise<void>;
  duplicate(id: string, title: string): Promise<string>;
  remove(id: string): Promise<void>;
  /** The template gallery in `locale` (absent without a server: the content lives there). */
  templates?(locale: Locale): Promise<TemplateSummary[]>;
  /** Maps with work the server has not confirmed (absent without a server: nothing to confirm). */
  unsynced?(): Promise<Map<string, UnsyncedMark>>;
}

async function storeNewDoc(db: CjmCacheDb, id: string, doc: Y.Doc): Promise<void> {
  const meta = readMeta(doc);
  await db.transaction('rw', db.updates, db.maps, async () => {
    await db.updates.add({ mapId: id, update: Y.encodeStateAsUpdate(doc) });
    await db.maps.put({
      id,
      title: meta.title,
      updatedAt: new Date().toISOString(),
      touchpointCount: touchpointsOf(doc).size,
    });
  });
}

async function loadDoc(db: CjmCacheDb, id: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const update of await readMapUpdates(db, id)) Y.applyUpdate(doc, update);
  return doc;
}

/** The map list kept in this browser only (IndexedDB). */
export function localMapDirectory(db: CjmCacheDb): MapDirectory {
  return {
    async list() {
      const rows = await db.maps.toArray();
      return rows
        .map(({ id, title, updatedAt, touchpointCount }) => ({ id, title, updatedAt, touchpointCount }))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async create(input) {
      const id = newMapId();
      const doc = new Y.Doc();
      initMap(doc, localTemplate(input));
      await storeNewDoc(db, id, doc);
      doc.destroy();
      return id;
    },
    async rename(id, title) {
      const doc = await loadDoc(db, id);
      const before = Y.encodeStateVector(doc);
      setMapTitle(doc, title);
      await db.transaction('rw', db.updates, db.maps, async () => {
        await db.updates.add({ mapId: id, update: Y.encodeStateAsUpdate(doc, before) });
        await db.maps.update(id, { title: readMeta(doc).title, updatedAt: new Date().toISOString() });
      });
      doc.destroy();
    },
    async duplicate(id, title) {
      const source = await loadDoc(db, id);
      // A fresh doc with a copy of the content: the copy's history starts anew.
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(source));
      setMapTitle(copy, title);
      const newId = newMapId();
      await storeNewDoc(db, newId, copy);
      source.destroy();
      copy.destroy();
      return newId;
    },
    async remove(id) {
      await deleteMapData(db, id);
    },
  };
}
