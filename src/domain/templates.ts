// The starting content of a new map. Titles are stored in the creator's language.
import type { Locale } from './locale';
import type { LayerKind } from './types';

export type TemplateName = 'default' | 'blank';

export interface TemplateLane {
  title: string;
  color: string;
}

export interface TemplateLayer {
  kind: LayerKind;
  title: string;
}

export interface MapTemplate {
  stages: TemplateLane[];
  channels: TemplateLane[];
  layers: TemplateLayer[];
}

const STAGE_COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6'];
const CHANNEL_COLORS = ['#64748b', '#0891b2', '#a16207', '#16a34a', '#db2777', '#7c3aed'];

const STAGE_TITLES: Record<Locale, string[]> = {
  en: ['Discover', 'Choose', 'Buy', 'Use', 'Get help', 'Leave'],
  ru: ['Узнаёт', 'Выбирает', 'Покупает', 'Пользуется', 'Получает помощь', 'Уходит'],
};

const CHANNEL_TITLES: Record<Locale, string[]> = {
  en: ['Website', 'Phone', 'Office', 'Chat', 'Email', 'Social'],
  ru: ['Сайт', 'Телефон', 'Офис', 'Чат', 'Почта', 'Соцсети'],
};

/** A layer's title when it is made: the name of its kind, in the map creator's language. */
export const LAYER_TITLES: Record<Locale, Record<LayerKind, string>> = {
  en: {
    actions: 'Customer actions',
    thoughts: 'Thoughts and feelings',
    pains: 'Pains',
    opportunities: 'Opportunities',
    backstage: 'Backstage',
    kpi: 'KPI',
    text: 'Notes',
  },
  ru: {
    actions: 'Действия клиента',
    thoughts: 'Мысли и чувства',
    pains: 'Боли',
    opportunities: 'Возможности',
    backstage: 'Закулисье',
    kpi: 'KPI',
    text: 'Заметки',
  },
};

/** The layers a new map starts with: what UXPressia and Smaply users fill in first. */
const TEMPLATE_LAYER_KINDS: readonly LayerKind[] = ['actions', 'thoughts', 'pains', 'opportunities'];

export function mapTemplate(name: TemplateName, locale: Locale = 'en'): MapTemplate {
  if (name === 'blank') return { stages: [], channels: [], layers: [] };
  return {
    stages: STAGE_TITLES[locale].map((title, i) => ({ title, color: STAGE_COLORS[i % STAGE_COLORS.length]! })),
    channels: CHANNEL_TITLES[locale].map((title, i) => ({ title, color: CHANNEL_COLORS[i % CHANNEL_COLORS.length]! })),
    layers: TEMPLATE_LAYER_KINDS.map((kind) => ({ kind, title: LAYER_TITLES[locale][kind] })),
  };
}

export const LANE_PALETTE = [...STAGE_COLORS, ...CHANNEL_COLORS];
