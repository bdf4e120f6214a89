// The template gallery: ready maps with content, in both languages, built into journey map
// files on the day a map is made from them. Only the server imports this (the content stays out
// of the browser's bundle); the browser lists them through GET /api/templates.
import type { TemplateSummary } from '../api';
import type { MapFile } from '../format';
import type { Locale } from '../locale';
import { templateFile } from './build';
import { GALLERY_TEMPLATE_IDS, type GalleryTemplateId } from './ids';
import { RETAIL_ONLINE } from './retail';
import { SAMPLE_MAP } from './sample';
import type { TemplateContent } from './types';

export { buildTemplate, templateFile } from './build';
export { GALLERY_TEMPLATE_IDS, SAMPLE_TEMPLATE_ID, isGalleryTemplateId, type GalleryTemplateId } from './ids';
export type { TemplateContent } from './types';

export const GALLERY: Partial<Record<GalleryTemplateId, TemplateContent>> = {
  'retail-online': RETAIL_ONLINE,
  sample: SAMPLE_MAP,
};

/** The gallery as the map list shows it, in the gallery's order. */
export function galleryList(locale: Locale): TemplateSummary[] {
  return GALLERY_TEMPLATE_IDS.flatMap((id) => {
    const content = GALLERY[id];
    if (!content) return [];
    return [{ id, title: content.title[locale], description: content.description[locale], language: locale, touchpoints: content.touchpoints.length }];
  });
}

/** A new map's file from a gallery template, in `locale`, with dates counted back from `now`. */
export function galleryFile(id: GalleryTemplateId, locale: Locale, now: Date): MapFile {
  const content = GALLERY[id];
  if (!content) throw new Error(`no gallery template ${id}`);
  return templateFile(content, locale, now);
}
