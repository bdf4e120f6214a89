// The one registry of canvas commands (Excalidraw's actions): each has a name, a label, an
// optional keyboard test and a perform. Toolbar buttons, shortcuts, the lane menu and drawing a
// connection all run these, so a command behaves the same however it is invoked (refused on a
// read-only map, a failure shown as a notice). Some take a payload: which lane, which cards.
import { copySelection, type ClipboardPayload } from '../domain/clipboard';
import { LANE_PALETTE } from '../domain/templates';
import type { Id, LayerKind } from '../domain/types';
import type { CellPatch, LaneKind } from '../doc/commands';
import type { MessageKey, Translate } from '../locales/i18n';
import type { MapState } from '../store/mapStore';
import type { MapSession } from '../store/session';
import type { UiStore } from '../store/uiStore';
import type { CanvasClipboard } from './clipboard';

export interface ActionContext {
  session: Pick<MapSession, 'store' | 'commands' | 'history' | 'readOnly'>;
  ui: UiStore;
  t: Translate;
  clipboard: CanvasClipboard;
  /** Fits the map into view; null while no canvas is mounted. */
  fitView: (() => void) | null;
  /** Writes the map out as files (the app provides it: downloads, progress, failures); null where none is. */
  exporter: MapExporter | null;
}

/** The exports; each reports its own progress and failure to the user. */
export interface MapExporter {
  json(): Promise<void>;
  png(): Promise<void>;
  csv(): Promise<void>;
  /** The slide deck as a vector PDF / as PowerPoint. */
  pdf(): Promise<void>;
  pptx(): Promise<void>;
}

/** The parts of a KeyboardEvent the shortcuts look at. */
export interface KeyPress {
  key: string;
  /** Physical key ("KeyZ"): shortcuts keep working on a Russian layout, where `key` is "я". */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Which lane a lane action is about. */
export interface LaneTarget {
  kind: LaneKind;
  laneId: Id;
}

/** The payload of each action that needs one; the others take none. */
export interface ActionPayloads {
  renameLane: LaneTarget & { title: string };
  setLaneOwner: LaneTarget & { owner: string };
  recolorLane: LaneTarget & { color: string };
  moveLane: LaneTarget & { toIndex: number };
  deleteLane: LaneTarget;
  addLayer: { kind: LayerKind };
  renameLayer: { layerId: Id; title: string };
  moveLayer: { layerId: Id; toIndex: number };
  setLayerHidden: { layerId: Id; hidden: boolean };
  deleteLayer: { layerId: Id };
  setCell: { layerId: Id; stageId: Id; patch: CellPatch };
  connect: { sourceId: Id; targetId: Id };
}

export type ActionName =
  | keyof ActionPayloads
  | 'addTouchpoint'
  | 'undo'
  | 'redo'
  | 'duplicate'
  | 'delete'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'clearSelection'
  | 'fitView'
  | 'addStage'
  | 'addChannel'
  | 'exportJson'
  | 'exportPng'
  | 'exportCsv'
  | 'exportPdf'
  | 'exportPptx';

export type PayloadOf<N extends ActionName> = N extends keyof ActionPayloads ? ActionPayloads[N] : undefined;
/** How a caller passes the payload: nothing for actions that take none. */
export type PayloadArgs<N extends ActionName> = N extends keyof ActionPayloads ? [payload: ActionPayloads[N]] : [];

export interface CanvasAction<N extends ActionName = ActionName> {
  name: N;
  labelKey: MessageKey;
  /** How the shortcut reads in a tooltip; "Mod" becomes Ctrl or ⌘ (actions without a payload only). */
  shortcut?: string;
  keyTest?: (e: KeyPress) => boolean;
  /** Whether the command would do anything now (disables its button). */
  isEnabled?: (ctx: ActionContext, payload: PayloadOf<N>) => boolean;
  perform: (ctx: ActionContext, payload: PayloadOf<N>) => void | Promise<void>;
}

/** An action with a payload, typed by its name, stored in the one list. */
const withPayload = <N extends keyof ActionPayloads>(action: CanvasAction<N>) => action as unknown as CanvasAction;

const mod = (e: KeyPress) => e.ctrlKey || e.metaKey;
const letter = (e: KeyPress, l: string) => e.code === `Key${l.toUpperCase()}` || e.key.toLowerCase() === l;
const plainMod = (l: string) => (e: KeyPress) => mod(e) && !e.shiftKey && !e.altKey && letter(e, l);

/** Touchpoints on the grid (a card whose stage or channel is gone is not shown). */
function placedTouchpointIds(state: MapState): Id[] {
  const stages = new Set(state.stages.map((s) => s.id));
  const channels = new Set(state.channels.map((c) => c.id));
  return Object.values(state.touchpoints)
    .filter((tp) => stages.has(tp.stageId) && channels.has(tp.channelId))
    .map((tp) => tp.id);
}

const selectedTouchpoints = (ctx: ActionContext): Id[] => {
  const { touchpoints } = ctx.session.store.getState();
  return [...ctx.ui.getState().selectedTouchpointIds].filter((id) => touchpoints[id]);
};

function currentPayload(ctx: ActionContext): ClipboardPayload {
  const s = ctx.session.store.getState();
  return copySelection(new Set(selectedTouchpoints(ctx)), {
    touchpoints: Object.values(s.touchpoints),
    notes: Object.values(s.notes),
    quotes: Object.values(s.quotes),
    connections: Object.values(s.connections),
  });
}

function pasteAndSelect(ctx: ActionContext, payload: ClipboardPayload): void {
  const ids = ctx.session.commands.pasteTouchpoints(payload);
  if (ids.length > 0) ctx.ui.getState().selectTouchpoints(ids);
}

/** A colour not yet used by lanes of this kind, so a new lane stands out from its neighbours. */
export function nextLaneColor(used: readonly string[]): string {
  const taken = new Set(used.map((c) => c.toLowerCase()));
  return LANE_PALETTE.find((c) => !taken.has(c.toLowerCase())) ?? LANE_PALETTE[used.length % LANE_PALETTE.length]!;
}

function addLane(ctx: ActionContext, kind: LaneKind): void {
  const s = ctx.session.store.getState();
  const lanes = kind === 'stage' ? s.stages : s.channels;
  const title = ctx.t(kind === 'stage' ? 'canvas.defaults.stage' : 'canvas.defaults.channel');
  const id = ctx.session.commands.addLane(kind, title, nextLaneColor(lanes.map((l) => l.color)));
  // Its header opens the title for typing: the button keeps no focus a Space or Enter could press again.
  ctx.ui.getState().focusLaneTitle(id);
}

const hasGrid = (ctx: ActionContext) => {
  const s = ctx.session.store.getState();
  return s.stages.length > 0 && s.channels.length > 0;
};

export const ACTIONS: readonly CanvasAction[] = [
  {
    name: 'addTouchpoint',
    labelKey: 'canvas.action.addTouchpoint',
    isEnabled: hasGrid,
    perform: (ctx) => {
      const s = ctx.session.store.getState();
      const focused = ctx.ui.getState().focusedTouchpointId;
      const near = focused ? s.touchpoints[focused] : undefined;
      const onGrid = near && s.stages.some((x) => x.id === near.stageId) && s.channels.some((x) => x.id === near.channelId);
      const stageId = onGrid ? near.stageId : s.stages[0]?.id;
      const channelId = onGrid ? near.channelId : s.channels[0]?.id;
      if (!stageId || !channelId) return;
      const id = ctx.session.commands.addTouchpoint({ stageId, channelId, title: ctx.t('canvas.defaults.touchpoint') });
      // Selecting it opens the side panel on the new card, its title ready to be typed over.
      ctx.ui.getState().selectNewTouchpoint(id);
    },
  },
  {
    name: 'undo',
    labelKey: 'canvas.action.undo',
    shortcut: 'Mod+Z',
    keyTest: plainMod('z'),
    isEnabled: (ctx) => ctx.session.history.state.getState().canUndo,
    perform: (ctx) => ctx.session.history.undo(),
  },
  {
    name: 'redo',
    labelKey: 'canvas.action.redo',
    shortcut: 'Mod+Shift+Z',
    keyTest: (e) => (mod(e) && e.shiftKey && !e.altKey && letter(e, 'z')) || (e.ctrlKey && !e.shiftKey && !e.altKey && letter(e, 'y')),
    isEnabled: (ctx) => ctx.session.history.state.getState().canRedo,
    perform: (ctx) => ctx.session.history.redo(),
  },
  {
    name: 'duplicate',
    labelKey: 'canvas.action.duplicate',
    shortcut: 'Mod+D',
    keyTest: plainMod('d'),
    isEnabled: (ctx) => selectedTouchpoints(ctx).length > 0,
    perform: (ctx) => pasteAndSelect(ctx, currentPayload(ctx)),
  },
  {
    name: 'delete',
    labelKey: 'canvas.action.delete',
    shortcut: 'Delete',
    keyTest: (e) => (e.key === 'Delete' || e.key === 'Backspace') && !mod(e) && !e.altKey,
    isEnabled: (ctx) => selectedTouchpoints(ctx).length > 0 || ctx.ui.getState().selectedConnectionIds.size > 0,
    perform: (ctx) => {
      const s = ctx.session.store.getState();
      const touchpoints = selectedTouchpoints(ctx);
      const doomed = new Set(touchpoints);
      // Connections of deleted cards go with them; only the other selected ones need deleting.
      const connections = [...ctx.ui.getState().selectedConnectionIds].filter((id) => {
        const c = s.connections[id];
        return c && !doomed.has(c.sourceId) && !doomed.has(c.targetId);
      });
      ctx.session.commands.deleteTouchpoints(touchpoints);
      ctx.session.commands.deleteConnections(connections);
      ctx.ui.getState().clearSelection();
    },
  },
  {
    name: 'copy',
    labelKey: 'canvas.action.copy',
    shortcut: 'Mod+C',
    keyTest: plainMod('c'),
    isEnabled: (ctx) => selectedTouchpoints(ctx).length > 0,
    perform: (ctx) => ctx.clipboard.write(currentPayload(ctx)),
  },
  {
    name: 'paste',
    labelKey: 'canvas.action.paste',
    shortcut: 'Mod+V',
    keyTest: plainMod('v'),
    isEnabled: hasGrid,
    perform: async (ctx) => {
      const payload = await ctx.clipboard.read();
      if (!payload) throw new ActionNotice('canvas.notice.nothingToPaste');
      pasteAndSelect(ctx, payload);
    },
  },
  {
    name: 'selectAll',
    labelKey: 'canvas.action.selectAll',
    shortcut: 'Mod+A',
    keyTest: plainMod('a'),
    perform: (ctx) => ctx.ui.getState().selectTouchpoints(placedTouchpointIds(ctx.session.store.getState()), null),
  },
  {
    name: 'clearSelection',
    labelKey: 'canvas.action.clearSelection',
    shortcut: 'Escape',
    keyTest: (e) => e.key === 'Escape' && !mod(e) && !e.shiftKey && !e.altKey,
    perform: (ctx) => ctx.ui.getState().clearSelection(),
  },
  {
    name: 'fitView',
    labelKey: 'canvas.action.fitView',
    shortcut: 'Shift+1',
    keyTest: (e) => e.shiftKey && !mod(e) && !e.altKey && (e.code === 'Digit1' || e.key === '!'),
    perform: (ctx) => ctx.fitView?.(),
  },
  {
    name: 'addStage',
    labelKey: 'canvas.action.addStage',
    perform: (ctx) => addLane(ctx, 'stage'),
  },
  {
    name: 'addChannel',
    labelKey: 'canvas.action.addChannel',
    perform: (ctx) => addLane(ctx, 'channel'),
  },
  {
    name: 'exportJson',
    labelKey: 'io.menu.json',
    isEnabled: (ctx) => ctx.exporter !== null,
    perform: (ctx) => ctx.exporter!.json(),
  },
  {
    name: 'exportPng',
    labelKey: 'io.menu.png',
    shortcut: 'Mod+Shift+E',
    keyTest: (e) => mod(e) && e.shiftKey && !e.altKey && letter(e, 'e'),
    isEnabled: (ctx) => ctx.exporter !== null,
    perform: (ctx) => ctx.exporter!.png(),
  },
  {
    name: 'exportCsv',
    labelKey: 'io.menu.csv',
    isEnabled: (ctx) => ctx.exporter !== null,
    perform: (ctx) => ctx.exporter!.csv(),
  },
  {
    name: 'exportPdf',
    labelKey: 'present.export.pdf',
    isEnabled: (ctx) => ctx.exporter !== null,
    perform: (ctx) => ctx.exporter!.pdf(),
  },
  {
    name: 'exportPptx',
    labelKey: 'present.export.pptx',
    isEnabled: (ctx) => ctx.exporter !== null,
    perform: (ctx) => ctx.exporter!.pptx(),
  },
  withPayload({
    name: 'renameLane',
    labelKey: 'canvas.lane.rename',
    perform: (ctx, { kind, laneId, title }) => ctx.session.commands.renameLane(kind, laneId, title),
  }),
  withPayload({
    name: 'setLaneOwner',
    labelKey: 'canvas.lane.ownerLabel',
    perform: (ctx, { kind, laneId, owner }) => ctx.session.commands.updateLane(kind, laneId, { owner }),
  }),
  withPayload({
    name: 'recolorLane',
    labelKey: 'canvas.lane.color',
    perform: (ctx, { kind, laneId, color }) => ctx.session.commands.recolorLane(kind, laneId, color),
  }),
  withPayload({
    name: 'moveLane',
    labelKey: 'canvas.action.moveLane',
    perform: (ctx, { kind, laneId, toIndex }) => ctx.session.commands.moveLane(kind, laneId, toIndex),
  }),
  withPayload({
    name: 'deleteLane',
    labelKey: 'canvas.action.deleteLane',
    perform: (ctx, { kind, laneId }) => ctx.session.commands.deleteLane(kind, laneId),
  }),
  withPayload({
    name: 'addLayer',
    labelKey: 'layers.action.addLayer',
    // Named after its kind in the language of whoever adds it; renamed in place afterwards.
    perform: (ctx, { kind }) => void ctx.session.commands.addLayer(kind, ctx.t(`layers.kinds.${kind}`)),
  }),
  withPayload({
    name: 'renameLayer',
    labelKey: 'layers.action.renameLayer',
    perform: (ctx, { layerId, title }) => ctx.session.commands.renameLayer(layerId, title),
  }),
  withPayload({
    name: 'moveLayer',
    labelKey: 'layers.action.moveLayer',
    perform: (ctx, { layerId, toIndex }) => ctx.session.commands.moveLayer(layerId, toIndex),
  }),
  withPayload({
    name: 'setLayerHidden',
    labelKey: 'layers.action.hideLayer',
    perform: (ctx, { layerId, hidden }) => ctx.session.commands.setLayerHidden(layerId, hidden),
  }),
  withPayload({
    name: 'deleteLayer',
    labelKey: 'layers.action.deleteLayer',
    perform: (ctx, { layerId }) => ctx.session.commands.deleteLayer(layerId),
  }),
  withPayload({
    name: 'setCell',
    labelKey: 'layers.action.setCell',
    perform: (ctx, { layerId, stageId, patch }) => void ctx.session.commands.setCell(layerId, stageId, patch),
  }),
  withPayload({
    name: 'connect',
    labelKey: 'canvas.action.connect',
    isEnabled: (ctx, { sourceId, targetId }) => {
      const { touchpoints } = ctx.session.store.getState();
      return sourceId !== targetId && !!touchpoints[sourceId] && !!touchpoints[targetId];
    },
    perform: (ctx, { sourceId, targetId }) => void ctx.session.commands.addConnection(sourceId, targetId),
  }),
];

const BY_NAME = new Map(ACTIONS.map((a) => [a.name, a]));

export const actionByName = <N extends ActionName>(name: N): CanvasAction<N> => BY_NAME.get(name)! as unknown as CanvasAction<N>;

/** The action a key press triggers, if any. */
export const actionForKey = (e: KeyPress): CanvasAction | undefined => ACTIONS.find((a) => a.keyTest?.(e));

/** What a read-only map (a saved review) still allows: nothing that would change it. */
const LOOK_ONLY: ReadonlySet<ActionName> = new Set(['copy', 'selectAll', 'clearSelection', 'fitView', 'exportJson', 'exportPng', 'exportCsv', 'exportPdf', 'exportPptx']);

export const isEnabled = <N extends ActionName>(action: CanvasAction<N>, ctx: ActionContext, ...[payload]: PayloadArgs<N>) =>
  ctx.session.readOnly === true && !LOOK_ONLY.has(action.name) ? false : (action.isEnabled?.(ctx, payload as PayloadOf<N>) ?? true);

/** A problem the user should read (a translated notice) rather than a bug. */
export class ActionNotice extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/**
 * Runs an action if it is enabled; returns the text to show when it could not be done
 * (a refused edit, an empty clipboard), or null.
 */
export async function runAction<N extends ActionName>(
  action: CanvasAction<N>,
  ctx: ActionContext,
  ...args: PayloadArgs<N>
): Promise<string | null> {
  if (!isEnabled(action, ctx, ...args)) return null;
  try {
    await action.perform(ctx, args[0] as PayloadOf<N>);
    return null;
  } catch (error) {
    if (error instanceof ActionNotice) return ctx.t(error.key);
    console.warn(`Canvas action ${action.name} failed`, error);
    return ctx.t('canvas.notice.failed');
  }
}

/** Shortcuts must not fire while the user types text somewhere. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  return el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** "Mod+Shift+Z" as this platform writes it: "Ctrl+Shift+Z" or "⌘⇧Z". */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  if (!mac) return shortcut.replace('Mod', 'Ctrl');
  return shortcut
    .split('+')
    .map((part) => ({ Mod: '⌘', Shift: '⇧', Alt: '⌥' })[part] ?? part)
    .join('');
}
