// The doc's mutations bound to one doc, so UI code can edit a map without ever
// holding a Yjs type. Bound to the person too: a session knows who votes.
import type * as Y from 'yjs';
import type { Id } from '../domain/types';
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
  mergeSnapshot: m.mergeSnapshot,
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
  deleteNote: m.deleteNote,
  addQuote: m.addQuote,
  addQuotes: m.addQuotes,
  updateQuote: m.updateQuote,
  deleteQuote: m.deleteQuote,
  addLayer: m.addLayer,
  renameLayer: m.renameLayer,
  moveLayer: m.moveLayer,
  setLayerHidden: m.setLayerHidden,
  deleteLayer: m.deleteLayer,
  setCell: m.setCell,
  setChecklistItem: m.setChecklistItem,
  clearChecklist: m.clearChecklist,
  restoreOrphanedCard: m.restoreOrphanedCard,
  discardOrphans: m.discardOrphans,
} as const;

export type MapCommands = { [K in keyof typeof MUTATIONS]: Bound<(typeof MUTATIONS)[K]> } & {
  /** +1 or -1 on a note from the person the commands were bound for (their own tally). */
  voteNote: (id: Id, delta: 1 | -1) => void;
};

/** `voterId` is the person editing (this browser's stable identity), so their votes add up in one tally. */
export function bindCommands(doc: Y.Doc, voterId: string): MapCommands {
  const bound = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(MUTATIONS)) {
    bound[name] = (...args: unknown[]) => (fn as (d: Y.Doc, ...a: unknown[]) => unknown)(doc, ...args);
  }
  bound.voteNote = (id: Id, delta: 1 | -1) => m.voteNote(doc, id, voterId, delta);
  return bound as MapCommands;
}

export type { CellPatch, LaneKind, TouchpointMove, TouchpointPatch, NotePatch, QuoteFields, NewQuote, NewTouchpoint } from './mutations';
