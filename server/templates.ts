// Maps made from the template gallery (src/domain/gallery). A template is a journey map file:
// it goes through the import's own validator and is written into the new doc the way an import
// is (applySnapshot), with its saved reviews and health figures, so there is no second way to
// write entities.
import * as Y from 'yjs';
import { parseMapJson, serializeMapFile } from '../src/domain/format';
import { galleryFile, galleryList, type GalleryTemplateId } from '../src/domain/gallery';
import type { Locale } from '../src/domain/locale';
import { healthBasis } from '../src/domain/review/summary';
import { touchpointsOf } from '../src/doc/layout';
import { applySnapshot } from '../src/doc/snapshot';
import type { Storage } from './storage/Storage';

export { galleryList };

export interface GalleryMapInput {
  id: string;
  template: GalleryTemplateId;
  title: string;
  locale: Locale;
  now: number;
}

export async function createGalleryMap(persistence: Storage, input: GalleryMapInput): Promise<void> {
  const now = new Date(input.now);
  const file = galleryFile(input.template, input.locale, now);
  file.map.title = input.title;
  const parsed = parseMapJson(serializeMapFile(file));
  // The content ships with the server and a unit test validates it: a refusal here is our bug.
  if (!parsed.ok) throw new Error(`template ${input.template} (${input.locale}) is not a valid map file: ${parsed.problems[0]?.message ?? ''}`);
  const { snapshot, reviews } = parsed.value;
  const doc = new Y.Doc();
  try {
    applySnapshot(doc, snapshot);
    await persistence.createMap({
      id: input.id,
      state: Y.encodeStateAsUpdate(doc),
      stateVector: Y.encodeStateVector(doc),
      entry: { title: snapshot.meta.title, touchpointCount: touchpointsOf(doc).size },
      now: input.now,
      reviews,
    });
    await persistence.putHealth(input.id, JSON.stringify(healthBasis(snapshot, now)));
  } finally {
    doc.destroy();
  }
}
