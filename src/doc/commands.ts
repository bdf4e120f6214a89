// The doc's mutations bound to one doc, so UI code can edit a map without ever
// holding a Yjs type.
import type * as Y from 'yjs';
import * as m from './mutations';

type Bound<F> = F extends (doc: Y.Doc, ...args: infer A) => infer R ? (...args: A) => R : never;

const MUTATIONS = {
  setMapTitle: m.setMapTitle,
  setScenario: m.setScenario,
  setPersona: m.setPersona,
  setCadence: m.setCadence,
  addLane: m.addLane,
  renameLane: m.renameLane,
  recolorLane: m.recolorLane,
  updateLane: m.updateLane,
  moveLane: m.moveLane,
  touchpointsInLane: m.touchpointsInLane,
  deleteLane: m.deleteLane,
  addTouchpoint: m.addTouchpoint,
  updateTouchpoint: m.updateTouchpoint,
  moveTouchpoint: m.moveTouchpoint,
  moveTouchpoints: m.moveTouchpoints,
  deleteTouchpoints: m.deleteTouchpoints,
  pasteTouchpoints: m.pasteTouchpoints,
  addConnection: m.addConnection,
  deleteConnections: m.deleteConnections,
  addNote: m.addNote,
  updateNote: m.updateNote,
  voteNote: m.voteNote,
  deleteNote: m.deleteNote,
  addQuote: m.addQuote,
  addQuotes: m.addQuotes,
  updateQuote: m.updateQuote,
  deleteQuote: m.deleteQuote,
  setChecklistItem: m.setChecklistItem,
  clearChecklist: m.clearChecklist,
} as const;

export type MapCommands = { [K in keyof typeof MUTATIONS]: Bound<(typeof MUTATIONS)[K]> };

export function bindCommands(doc: Y.Doc): MapCommands {
  const bound = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(MUTATIONS)) {
    bound[name] = (...args: unknown[]) => (fn as (d: Y.Doc, ...a: unknown[]) => unknown)(doc, ...args);
  }
  return bound as MapCommands;
}

export type { LaneKind, TouchpointMove, TouchpointPatch, NotePatch, QuoteFields, NewQuote, NewTouchpoint } from './mutations';
