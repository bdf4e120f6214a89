// A template's content as a journey map for one language and one day: the same snapshot and
// reviews an imported file gives, written as a file by the format's own exporter, so a template
// is checked by the import validator and enters a map through the import path (server/templates.ts).
import { snapshotToJson, type MapFile } from '../format';
import { cellIdOf, newEntityId } from '../ids';
import type { Locale } from '../locale';
import { DEFAULT_CADENCE_DAYS } from '../limits';
import { LANE_PALETTE } from '../templates';
import type { Cell, Id, JourneyMapSnapshot, Layer, Note, Quote, Review, ReviewChecklist, Touchpoint } from '../types';
import type { TemplateContent } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;
const STAGE_COLORS = LANE_PALETTE.slice(0, 6);
const CHANNEL_COLORS = LANE_PALETTE.slice(6);

const timestamp = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString();
const day = (now: Date, daysAgo: number) => timestamp(now, daysAgo).slice(0, 10);

export interface BuiltTemplate {
  snapshot: JourneyMapSnapshot;
  reviews: Review[];
}

/** The map as made on `now`, and (if the template has one) its saved review, in `locale`. */
export function buildTemplate(content: TemplateContent, locale: Locale, now: Date): BuiltTemplate {
  const say = (text: { en: string; ru: string } | undefined) => (text ? text[locale] : '');
  const age = content.ageDays ?? 0;
  const stageIds = content.stages.map(() => newEntityId());
  const channelIds = content.channels.map(() => newEntityId());
  const keyToId = new Map<string, Id>();
  const perCell = new Map<string, number>();

  const touchpoints: Touchpoint[] = [];
  const notes: (Note & { statusAtReview?: Note['status']; daysAgo: number })[] = [];
  const quotes: (Quote & { daysAgo: number })[] = [];
  const reviewStatus = new Map<Id, Touchpoint['status']>();
  const addedAfterReview = new Set<Id>();

  for (const tp of content.touchpoints) {
    const stageId = stageIds[tp.stage];
    const channelId = channelIds[tp.channel];
    if (!stageId || !channelId) throw new Error(`template ${content.id}: touchpoint ${tp.key} is outside the grid`);
    if (keyToId.has(tp.key)) throw new Error(`template ${content.id}: touchpoint key ${tp.key} is used twice`);
    const id = newEntityId();
    keyToId.set(tp.key, id);
    const cell = `${tp.stage}:${tp.channel}`;
    const order = (perCell.get(cell) ?? 0) + 1;
    perCell.set(cell, order);
    const tpAge = tp.daysAgo ?? age;
    touchpoints.push({
      id,
      title: say(tp.title),
      description: say(tp.description),
      stageId,
      channelId,
      order,
      status: tp.status ?? 'active',
      owner: say(tp.owner),
      expectation: tp.expectation ?? null,
      perception: tp.perception ?? null,
      createdAt: timestamp(now, tpAge),
    });
    if (tp.statusAtReview) reviewStatus.set(id, tp.statusAtReview);
    if (tp.addedAfterReview) addedAfterReview.add(id);
    for (const note of tp.notes ?? []) {
      const daysAgo = note.daysAgo ?? tpAge;
      notes.push({
        id: newEntityId(),
        touchpointId: id,
        kind: note.kind,
        text: say(note.text),
        status: note.status ?? 'idea',
        owner: say(note.owner),
        votes: note.votes ?? 0,
        createdAt: timestamp(now, daysAgo),
        statusAtReview: note.statusAtReview,
        daysAgo,
      });
    }
    for (const quote of tp.quotes ?? []) {
      quotes.push({
        id: newEntityId(),
        touchpointId: id,
        text: say(quote.text),
        source: quote.source,
        sentiment: quote.sentiment,
        who: say(quote.who),
        date: day(now, quote.daysAgo),
        link: '',
        // Entered into the map a few days after it was said, never before the map's content.
        createdAt: timestamp(now, Math.max(0, Math.min(quote.daysAgo - 2, tpAge))),
        daysAgo: quote.daysAgo,
      });
    }
  }

  const connections = content.connections.map(([from, to]) => {
    const sourceId = keyToId.get(from);
    const targetId = keyToId.get(to);
    if (!sourceId || !targetId) throw new Error(`template ${content.id}: connection ${from} → ${to} names an unknown touchpoint`);
    return { id: newEntityId(), sourceId, targetId };
  });

  const layers: Layer[] = content.layers.map((layer, i) => ({ id: newEntityId(), kind: layer.kind, title: say(layer.title), order: i + 1, hidden: false }));
  const cells: Cell[] = [];
  content.layers.forEach((layer, i) => {
    const layerId = layers[i]!.id;
    if (layer.cells.length > stageIds.length) throw new Error(`template ${content.id}: layer ${layer.title.en} has more cells than stages`);
    const cellAt = (s: number) => ({ id: cellIdOf(layerId, stageIds[s]!), layerId, stageId: stageIds[s]! });
    if (layer.kind === 'kpi') {
      layer.cells.forEach((kpi, s) => {
        if (kpi) cells.push({ ...cellAt(s), text: say(kpi.note), metric: say(kpi.metric), actual: kpi.actual, target: kpi.target });
      });
    } else {
      layer.cells.forEach((text, s) => {
        if (text) cells.push({ ...cellAt(s), text: say(text), metric: '', actual: null, target: null });
      });
    }
  });

  const snapshot: JourneyMapSnapshot = {
    meta: {
      title: say(content.title),
      scenario: say(content.scenario),
      cadenceDays: DEFAULT_CADENCE_DAYS,
      createdAt: timestamp(now, age),
      persona: { name: say(content.persona.name), description: say(content.persona.description), goal: say(content.persona.goal) },
    },
    stages: content.stages.map((title, i) => ({ id: stageIds[i]!, title: say(title), color: STAGE_COLORS[i % STAGE_COLORS.length]!, order: i + 1, owner: '' })),
    channels: content.channels.map((title, i) => ({
      id: channelIds[i]!,
      title: say(title),
      color: CHANNEL_COLORS[i % CHANNEL_COLORS.length]!,
      order: i + 1,
      owner: '',
    })),
    touchpoints,
    connections,
    notes: notes.map(({ statusAtReview: _s, daysAgo: _d, ...note }) => note),
    quotes: quotes.map(({ daysAgo: _d, ...quote }) => quote),
    layers,
    cells,
  };

  const reviews: Review[] = [];
  if (content.review) {
    const reviewDays = content.review.daysAgo;
    // What the map held then: cards added since and notes and quotes written since are left out.
    const thenTouchpoints = touchpoints
      .filter((tp) => !addedAfterReview.has(tp.id))
      .map((tp) => ({ ...tp, status: reviewStatus.get(tp.id) ?? tp.status }));
    const kept = new Set(thenTouchpoints.map((tp) => tp.id));
    const thenNotes = notes
      .filter((n) => kept.has(n.touchpointId) && n.daysAgo >= reviewDays)
      .map(({ statusAtReview, daysAgo: _d, ...note }) => ({ ...note, status: statusAtReview ?? note.status }));
    const thenQuotes = quotes.filter((q) => kept.has(q.touchpointId) && q.daysAgo >= reviewDays).map(({ daysAgo: _d, ...quote }) => quote);
    const checklist: Record<Id, ReviewChecklist> = {};
    for (const tp of thenTouchpoints) {
      const has = (kind: Note['kind']) => thenNotes.some((n) => n.touchpointId === tp.id && n.kind === kind);
      checklist[tp.id] = {
        stillActive: tp.status !== 'retired',
        anythingNew: tp.status === 'new',
        fixConsidered: has('fix'),
        wowConsidered: has('wow'),
        planBConsidered: has('planB'),
        voiceFresh: quotes.some((q) => q.touchpointId === tp.id && q.daysAgo >= reviewDays && q.daysAgo - reviewDays <= DEFAULT_CADENCE_DAYS),
      };
    }
    reviews.push({
      id: newEntityId(),
      name: say(content.review.name),
      summary: say(content.review.summary),
      createdAt: timestamp(now, reviewDays),
      snapshot: {
        ...snapshot,
        touchpoints: thenTouchpoints,
        connections: connections.filter((c) => kept.has(c.sourceId) && kept.has(c.targetId)),
        notes: thenNotes,
        quotes: thenQuotes,
      },
      checklist,
    });
  }
  return { snapshot, reviews };
}

/** The template as a journey map file (what an export of the new map would hold). */
export function templateFile(content: TemplateContent, locale: Locale, now: Date): MapFile {
  const { snapshot, reviews } = buildTemplate(content, locale, now);
  return snapshotToJson(snapshot, reviews, now);
}
