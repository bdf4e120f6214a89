// The one door to the deck writers: the app imports this module lazily (`import('…/export')`),
// so pdf-lib, fontkit, pptxgenjs and the fonts stay out of the first download.
import type { Deck } from '../domain/present/deck';
import type { Locale } from '../domain/locale';
import { deckWordsFor } from '../locales/deckWords';
import regularUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { writeDeckPdf, type Paper, type PdfFonts } from './pdf';
import { writeDeckPptx } from './pptx';

export type { Paper };

let fonts: Promise<PdfFonts> | null = null;

/** DejaVu Sans (Latin and Cyrillic), shipped with the build: fetched from this app once, then kept. */
function loadFonts(): Promise<PdfFonts> {
  const fetchFont = async (url: string) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the PDF font could not be loaded (${response.status})`);
    return response.arrayBuffer();
  };
  fonts ??= Promise.all([fetchFont(regularUrl), fetchFont(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  fonts.catch(() => (fonts = null));
  return fonts;
}

export async function deckPdf(deck: Deck, locale: Locale, paper: Paper, onProgress?: (share: number) => Promise<void>): Promise<Blob> {
  const bytes = await writeDeckPdf(deck, deckWordsFor(locale), { paper, fonts: await loadFonts(), onProgress });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export async function deckPptx(deck: Deck, locale: Locale, onProgress?: (share: number) => Promise<void>): Promise<Blob> {
  const bytes = await writeDeckPptx(deck, deckWordsFor(locale), { onProgress });
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: PPTX_MIME });
}
