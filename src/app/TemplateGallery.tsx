// The template gallery of the map list: example journeys (and the sample map) the server makes
// maps from. Only their titles, descriptions and counts reach the browser (GET /api/templates).
import { useEffect, useState } from 'react';
import type { TemplateId, TemplateSummary } from '../domain/api';
import { SAMPLE_TEMPLATE_ID } from '../domain/gallery/ids';
import { checkTitle } from '../domain/fields';
import { pluralCategory } from '../domain/plural';
import { useLocaleStore, useT } from '../locales/i18n';
import { mapHref, navigate } from './routing';
import { useServices } from './services';

/**
 * The gallery in the app's language: null while asked (or not yet allowed to ask), 'unavailable'
 * when the server cannot be reached. `allowed`: the map list answered, so the server lets this
 * person see it (a server with AUTH_SECRET shows its list and gallery to the administrator only).
 */
export function useTemplateGallery(offline: boolean, allowed = true): TemplateSummary[] | null | 'unavailable' {
  const locale = useLocaleStore((s) => s.locale);
  const { directory } = useServices();
  const [gallery, setGallery] = useState<TemplateSummary[] | null | 'unavailable'>(null);
  useEffect(() => {
    if (!directory.templates) {
      setGallery('unavailable');
      return;
    }
    if (!allowed) return;
    let current = true;
    directory.templates(locale).then(
      (list) => current && setGallery(list),
      (error: unknown) => {
        // A failed fetch (TypeError) is the server being away, which the gallery says in words.
        if (!(error instanceof TypeError)) console.error(error);
        if (current) setGallery('unavailable');
      },
    );
    return () => {
      current = false;
    };
    // Asked again when the server is back.
  }, [directory, locale, offline, allowed]);
  // Maps from the gallery are made by the server: while it is away the cards would only fail.
  return offline && gallery !== null ? 'unavailable' : gallery;
}

/** Creates a map and opens it; one at a time. */
export function useCreateMap(onFailure: () => void) {
  const locale = useLocaleStore((s) => s.locale);
  const { directory } = useServices();
  const [busy, setBusy] = useState(false);
  const create = async (title: string, template: TemplateId) => {
    if (busy) return;
    setBusy(true);
    try {
      const id = await directory.create({ title, template, locale });
      navigate(mapHref(id));
    } catch (error) {
      console.error(error);
      onFailure();
      setBusy(false);
    }
  };
  return { busy, create };
}

export type MapCreator = ReturnType<typeof useCreateMap>;

interface TemplateGalleryProps {
  gallery: TemplateSummary[] | null | 'unavailable';
  busy: boolean;
  onPick: (template: TemplateSummary) => void;
}

export function TemplateGallery({ gallery, busy, onPick }: TemplateGalleryProps) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  if (gallery === null) return null;
  return (
    <section className="template-gallery" aria-labelledby="template-gallery-heading" data-testid="template-gallery">
      <h2 id="template-gallery-heading" className="template-gallery__heading">
        {t('app.list.gallery.heading')}
      </h2>
      {gallery === 'unavailable' ? (
        <p className="template-gallery__lead" data-testid="template-gallery-unavailable">
          {t('app.list.gallery.unavailable')}
        </p>
      ) : (
        <>
          <p className="template-gallery__lead">{t('app.list.gallery.lead')}</p>
          <ul className="template-gallery__cards">
            {gallery.map((template) => (
              <li key={template.id}>
                <button
                  type="button"
                  className={`template-card${template.id === SAMPLE_TEMPLATE_ID ? ' template-card--sample' : ''}`}
                  data-testid="template-card"
                  data-template-id={template.id}
                  disabled={busy}
                  aria-label={t('app.list.gallery.use', { title: template.title })}
                  onClick={() => onPick(template)}
                >
                  <span className="template-card__title">
                    {template.title}
                    {template.id === SAMPLE_TEMPLATE_ID && <span className="template-card__badge">{t('app.list.gallery.sample')}</span>}
                  </span>
                  <span className="template-card__description">{template.description}</span>
                  <span className="template-card__count" data-testid="template-card-count">
                    {t(`app.list.touchpoints.${pluralCategory(locale, template.touchpoints)}`, { count: template.touchpoints })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The first-run offer in the empty list: open the filled sample map. */
export function SampleMapOffer({ gallery, creator }: { gallery: TemplateSummary[] | null | 'unavailable'; creator: MapCreator }) {
  const t = useT();
  const sample = Array.isArray(gallery) ? gallery.find((g) => g.id === SAMPLE_TEMPLATE_ID) : undefined;
  if (!sample) return null;
  const title = checkTitle(sample.title);
  return (
    <div className="sample-offer">
      <p>{t('app.list.sample.lead')}</p>
      <button
        type="button"
        className="button button--primary"
        data-testid="open-sample"
        disabled={creator.busy || !title.ok}
        onClick={() => title.ok && void creator.create(title.value, SAMPLE_TEMPLATE_ID)}
      >
        {t('app.list.sample.open')}
      </button>
    </div>
  );
}
