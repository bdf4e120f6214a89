// The ids of the template gallery, without the content: the browser names a template by id and
// the server (which holds the content, ./index.ts) builds the map.
export const GALLERY_TEMPLATE_IDS = [
  'retail-online',
  'bank-card',
  'telecom-connection',
  'saas-onboarding',
  'hotel-stay',
  'b2b-support',
  'sample',
] as const;

export type GalleryTemplateId = (typeof GALLERY_TEMPLATE_IDS)[number];

/** The filled journey the map list offers to explore on first run. */
export const SAMPLE_TEMPLATE_ID = 'sample' satisfies GalleryTemplateId;

export const isGalleryTemplateId = (value: string): value is GalleryTemplateId =>
  (GALLERY_TEMPLATE_IDS as readonly string[]).includes(value);
