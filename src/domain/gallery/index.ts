// The template gallery: ready maps with content, in both languages, built into journey map
// files on the day a map is made from them. Only the server imports this (the content stays out
// of the browser's bundle); the browser lists them through GET /api/templates.
import type { TemplateSummary } from '../api';
import type { MapFile } from '../format';
import type { Locale } from '../locale';
import { templateFile } from './build';
import { GALLERY_TEMPLATE_IDS, type GalleryTemplateId } from './ids';
import { B2B_SUPPORT } from './b2b';
import { BANK_CARD } from './bank';
import { HOTEL_STAY } from './hotel';
import { RETAIL_ONLINE } from './retail';
import { SAAS_ONBOARDING } from './saas';
import { SAMPLE_MAP } from './sample';
import { TELECOM_CONNECTION } from './telecom';
import type { TemplateContent } from './types';

export { buildTemplate, templateFile } from './build';
export { GALLERY_TEMPLATE_IDS, SAMPLE_TEMPLATE_ID, isGalleryTemplateId, type GalleryTemplateId } from './ids';
export type { TemplateContent } from './types';

export const GALLERY: Record<GalleryTemplateId, TemplateContent> = {
  'retail-online': RETAIL_ONLINE,
  'bank-card': BANK_CARD,
  'telecom-connection': TELECOM_CONNECTION,
  'saas-onboarding': SAAS_ONBOARDING,
  'hotel-stay': HOTEL_STAY,
  'b2b-support': B2B_SUPPORT,
  sample: SAMPLE_MAP,
};

/** The gallery as the map list shows it, in the gallery's order. */
export function galleryList(locale: Locale): TemplateSummary[] {
  return GALLERY_TEMPLATE_IDS.map((id) => {
    const content = GALLERY[id];
    return { id, title: content.title[locale], description: content.description[locale], language: locale, touchpoints: content.touchpoints.length };
  });
}

/** A new map's file from a gallery template, in `locale`, with dates counted back from `now`. */
export function galleryFile(id: GalleryTemplateId, locale: Locale, now: Date): MapFile {
  return templateFile(GALLERY[id], locale, now);
}
