import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { bindCommands } from '../../../src/doc/commands';
import { createUndoManager } from '../../../src/doc/undo';
import { LANE_PALETTE } from '../../../src/domain/templates';
import { translate } from '../../../src/locales/i18n';
import { bindMapStore } from '../../../src/store/mapStore';
import type { HistoryState } from '../../../src/store/session';
import { createUiStore } from '../../../src/store/uiStore';
import {
  actionByName,
  actionForKey,
  isTypingTarget,
  nextLaneColor,
  runAction,
  shortcutLabel,
  type ActionContext,
  type ActionName,
  type KeyPress,
  type PayloadArgs,
} from '../../../src/canvas/actions';
import { createCanvasClipboard, serializePayload } from '../../../src/canvas/clipboard';
import { addTouchpointAt, makeMapDoc } from '../../fixtures/factories';

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : undefined,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  const name = (e: KeyPress) => actionForKey(e)?.name;

  it('maps the usual canvas keys to their actions', () => {
    expect(name(key('Delete'))).toBe('delete');
    expect(name(key('Backspace'))).toBe('delete');
    expect(name(key('z', { ctrlKey: true }))).toBe('undo');
    expect(name(key('z', { metaKey: true }))).toBe('undo');
    expect(name(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(name(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(name(key('y', { ctrlKey: true }))).toBe('redo');
    expect(name(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(name(key('c', { metaKey: true }))).toBe('copy');
    expect(name(key('v', { ctrlKey: true }))).toBe('paste');
    expect(name(key('a', { ctrlKey: true }))).toBe('selectAll');
    expect(name(key('Escape'))).toBe('clearSelection');
    expect(name({ ...key('!', { shiftKey: true }), code: 'Digit1' })).toBe('fitView');
  });

  it('works by physical key on a Russian layout', () => {
    expect(name({ ...key('я', { ctrlKey: true }), code: 'KeyZ' })).toBe('undo');
    expect(name({ ...key('в', { ctrlKey: true }), code: 'KeyD' })).toBe('duplicate');
  });

  it('leaves plain letters and unrelated chords alone', () => {
    expect(name(key('z'))).toBeUndefined();
    expect(name(key('d'))).toBeUndefined();
    expect(name(key('z', { ctrlKey: true, altKey: true }))).toBeUndefined();
    expect(name(key('Delete', { ctrlKey: true }))).toBeUndefined();
  });

  it('writes shortcuts the way each platform does', () => {
    expect(shortcutLabel('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(shortcutLabel('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});

describe('isTypingTarget', () => {
  // The smallest stand-in for a DOM element: what isTypingTarget looks at.
  const element = (matchesField: boolean, editable = false) =>
    ({ isContentEditable: editable, closest: () => (matchesField ? {} : null) }) as unknown as EventTarget;

  it('is true inside inputs, textareas, selects and editable text', () => {
    expect(isTypingTarget(element(true))).toBe(true);
    expect(isTypingTarget(element(false, true))).toBe(true);
  });

  it('is false on the canvas or with no target', () => {
    expect(isTypingTarget(element(false))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

/** A session over a real doc, as openMapSession builds it, without storage. */
function makeContext(clipboard = createCanvasClipboard(() => undefined)) {
  const { doc, stages, channels } = makeMapDoc();
  const { store } = bindMapStore(doc);
  const undoManager = createUndoManager(doc);
  const history = createStore<HistoryState>(() => ({ canUndo: false, canRedo: false }));
  const sync = () =>
    history.setState({ canUndo: undoManager.undoStack.length > 0, canRedo: undoManager.redoStack.length > 0 });
  undoManager.on('stack-item-added', sync);
  undoManager.on('stack-item-popped', sync);
  const ui = createUiStore();
  let fitted = 0;
  const ctx: ActionContext = {
    session: {
      store,
      commands: bindCommands(doc, 'anna'),
      history: { undo: () => undoManager.undo(), redo: () => undoManager.redo(), state: history },
    },
    ui,
    t: (k, params) => translate('en', k, params),
    clipboard,
    fitView: () => (fitted += 1),
    exporter: null,
  };
  const run = (name: ActionName) => runAction(actionByName(name), ctx);
  const state = () => store.getState();
  return { doc, stages, channels, ctx, ui, run, state, undoManager, fitted: () => fitted };
}

describe('actions', () => {
  it('add touchpoint puts a "New touchpoint" in the first cell and opens it in the side panel', async () => {
    const { run, state, ui, stages, channels } = makeContext();
    await run('addTouchpoint');
    const [tp] = Object.values(state().touchpoints);
    expect(tp).toMatchObject({ title: 'New touchpoint', stageId: stages[0]!.id, channelId: channels[0]!.id });
    expect(ui.getState().focusedTouchpointId).toBe(tp!.id);
    expect(ui.getState().sidePanel).toBe('touchpoint');
  });

  it('add touchpoint goes to the focused card’s cell', async () => {
    const { doc, run, state, ui, stages, channels } = makeContext();
    const near = addTouchpointAt(doc, 3, 2);
    ui.getState().selectTouchpoints([near], near);
    await run('addTouchpoint');
    const added = Object.values(state().touchpoints).find((t) => t.id !== near)!;
    expect([added.stageId, added.channelId]).toEqual([stages[3]!.id, channels[2]!.id]);
  });

  it('delete removes the selected cards with their notes and connections, and selected arrows', async () => {
    const { doc, run, state, ui, ctx } = makeContext();
    const [a, b, c, d] = [0, 1, 2, 3].map((i) => addTouchpointAt(doc, i, 0));
    ctx.session.commands.addNote(a!, 'fix', 'Broken form');
    ctx.session.commands.addConnection(a!, b!);
    const cd = ctx.session.commands.addConnection(c!, d!)!;
    ui.getState().selectTouchpoints([a!]);
    ui.getState().selectConnections([cd]);
    await run('delete');
    expect(Object.keys(state().touchpoints).sort()).toEqual([b, c, d].sort());
    expect(Object.values(state().notes)).toEqual([]);
    expect(Object.values(state().connections)).toEqual([]);
    expect(ui.getState().selectedTouchpointIds.size).toBe(0);
  });

  it('duplicate copies the selection next to the originals and selects the copies', async () => {
    const { doc, run, state, ui, ctx } = makeContext();
    const a = addTouchpointAt(doc, 0, 0, { title: 'Call centre' });
    ctx.session.commands.addNote(a, 'wow', 'Call back by name');
    ui.getState().selectTouchpoints([a]);
    await run('duplicate');
    const copies = Object.values(state().touchpoints).filter((t) => t.id !== a);
    expect(copies.map((t) => t.title)).toEqual(['Call centre']);
    expect(copies[0]!.stageId).toBe(state().touchpoints[a]!.stageId);
    expect([...ui.getState().selectedTouchpointIds]).toEqual([copies[0]!.id]);
    expect(Object.values(state().notes).filter((n) => n.touchpointId === copies[0]!.id)).toHaveLength(1);
  });

  it('copy then paste works from memory when the clipboard API is missing', async () => {
    const { doc, run, state, ui } = makeContext();
    const a = addTouchpointAt(doc, 1, 1, { title: 'Checkout' });
    ui.getState().selectTouchpoints([a]);
    await run('copy');
    await run('paste');
    expect(Object.values(state().touchpoints).map((t) => t.title)).toEqual(['Checkout', 'Checkout']);
  });

  it('copy writes a payload another map can paste from the system clipboard', async () => {
    let text = '';
    const system = { writeText: async (t: string) => void (text = t), readText: async () => text };
    const source = makeContext(createCanvasClipboard(() => system));
    const a = addTouchpointAt(source.doc, 0, 0, { title: 'Shop window' });
    source.ui.getState().selectTouchpoints([a]);
    await source.run('copy');

    const target = makeContext(createCanvasClipboard(() => system));
    await target.run('paste');
    const pasted = Object.values(target.state().touchpoints);
    expect(pasted.map((t) => t.title)).toEqual(['Shop window']);
    // Its lanes do not exist in this map, so it lands in the first cell.
    expect(pasted[0]!.stageId).toBe(target.stages[0]!.id);
  });

  it('paste says so when there is nothing to paste', async () => {
    const refused = { writeText: async () => Promise.reject(new Error('denied')), readText: async () => 'just some text' };
    const { run, state } = makeContext(createCanvasClipboard(() => refused));
    expect(await run('paste')).toBe('Nothing to paste: copy touchpoints first.');
    expect(Object.keys(state().touchpoints)).toEqual([]);
  });

  it('paste prefers touchpoints on the system clipboard over the in-memory copy', async () => {
    const other = makeContext();
    const foreign = addTouchpointAt(other.doc, 0, 0, { title: 'From another tab' });
    const payload = { touchpoints: [other.state().touchpoints[foreign]!], notes: [], quotes: [], connections: [] };
    const system = { writeText: async () => undefined, readText: async () => serializePayload(payload) };
    const { run, state } = makeContext(createCanvasClipboard(() => system));
    await run('paste');
    expect(Object.values(state().touchpoints).map((t) => t.title)).toEqual(['From another tab']);
  });

  it('undo and redo are enabled only when there is something to undo or redo', async () => {
    const { run, state, ctx } = makeContext();
    expect(await run('undo')).toBeNull();
    await run('addTouchpoint');
    expect(Object.keys(state().touchpoints)).toHaveLength(1);
    await run('undo');
    expect(Object.keys(state().touchpoints)).toHaveLength(0);
    expect(ctx.session.history.state.getState().canRedo).toBe(true);
    await run('redo');
    expect(Object.keys(state().touchpoints)).toHaveLength(1);
  });

  it('select all selects every card on the grid; Escape clears it', async () => {
    const { doc, run, ui } = makeContext();
    const ids = [addTouchpointAt(doc, 0, 0), addTouchpointAt(doc, 5, 5)];
    await run('selectAll');
    expect([...ui.getState().selectedTouchpointIds].sort()).toEqual(ids.sort());
    await run('clearSelection');
    expect(ui.getState().selectedTouchpointIds.size).toBe(0);
  });

  it('add stage and add channel append a lane with the default title and a fresh colour', async () => {
    const { run, state } = makeContext();
    await run('addStage');
    await run('addChannel');
    const stage = state().stages.at(-1)!;
    const channel = state().channels.at(-1)!;
    expect(stage.title).toBe('New stage');
    expect(channel.title).toBe('New channel');
    expect(state().stages.slice(0, -1).map((s) => s.color)).not.toContain(stage.color);
    expect(state().channels.slice(0, -1).map((c) => c.color)).not.toContain(channel.color);
  });

  it('fit view goes to the canvas', async () => {
    const { run, fitted } = makeContext();
    await run('fitView');
    expect(fitted()).toBe(1);
  });

  it('the lane menu and drawing a connection run through the registry too', async () => {
    const { ctx, doc, state } = makeContext();
    const act = <N extends ActionName>(name: N, ...payload: PayloadArgs<N>) => runAction(actionByName(name), ctx, ...payload);
    const [first, second] = state().stages;
    const lane = { kind: 'stage' as const, laneId: first!.id };
    await act('renameLane', { ...lane, title: 'Looking around' });
    await act('recolorLane', { ...lane, color: '#123456' });
    await act('moveLane', { ...lane, toIndex: 1 });
    expect(state().stages.slice(0, 2).map((s) => [s.id, s.title, s.color])).toEqual([
      [second!.id, second!.title, second!.color],
      [first!.id, 'Looking around', '#123456'],
    ]);

    const a = addTouchpointAt(doc, 0, 0);
    const b = addTouchpointAt(doc, 1, 0);
    expect(await act('connect', { sourceId: a, targetId: b })).toBeNull();
    // A card dropped on itself is not a connection: nothing happens, and no message either.
    expect(await act('connect', { sourceId: a, targetId: a })).toBeNull();
    expect(Object.values(state().connections)).toMatchObject([{ sourceId: a, targetId: b }]);

    await act('deleteLane', lane);
    expect(state().stages.map((s) => s.id)).not.toContain(first!.id);
  });

  it('on a read-only map the lane and connect actions change nothing', async () => {
    const { ctx, doc, state } = makeContext();
    const a = addTouchpointAt(doc, 0, 0);
    const b = addTouchpointAt(doc, 1, 0);
    const before = state();
    const looking: ActionContext = { ...ctx, session: { ...ctx.session, readOnly: true } };
    const lane = { kind: 'channel' as const, laneId: before.channels[0]!.id };
    await runAction(actionByName('renameLane'), looking, { ...lane, title: 'Renamed' });
    await runAction(actionByName('deleteLane'), looking, lane);
    await runAction(actionByName('connect'), looking, { sourceId: a, targetId: b });
    expect(state().channels).toBe(before.channels);
    expect(state().connections).toBe(before.connections);
  });

  it('exports run through the registry, on a view-only map too, and Mod+Shift+E draws the PNG', async () => {
    const { ctx } = makeContext();
    const ran: string[] = [];
    const exporter = {
      json: async () => void ran.push('json'),
      png: async () => void ran.push('png'),
      csv: async () => void ran.push('csv'),
      pdf: async () => void ran.push('pdf'),
      pptx: async () => void ran.push('pptx'),
    };
    const looking: ActionContext = { ...ctx, exporter, session: { ...ctx.session, readOnly: true } };
    for (const name of ['exportJson', 'exportPng', 'exportCsv', 'exportPdf', 'exportPptx'] as const) await runAction(actionByName(name), looking);
    expect(ran).toEqual(['json', 'png', 'csv', 'pdf', 'pptx']);
    expect(actionForKey({ key: 'E', code: 'KeyE', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false })?.name).toBe('exportPng');
    // Without an exporter (a saved review shown alone) the export actions are off, not broken.
    expect(await runAction(actionByName('exportJson'), ctx)).toBeNull();
    expect(ran).toHaveLength(5);
  });

  it('an edit the map refuses comes back as a message, not an exception', async () => {
    const { doc, run, ui, ctx } = makeContext();
    const a = addTouchpointAt(doc, 0, 0);
    ui.getState().selectTouchpoints([a]);
    ctx.session.commands.deleteLane('stage', ctx.session.store.getState().stages[0]!.id);
    // The selected card went with its stage: nothing left to duplicate.
    expect(await run('duplicate')).toBeNull();
    const broken: ActionContext = {
      ...ctx,
      session: { ...ctx.session, commands: { ...ctx.session.commands, addLane: () => { throw new Error('stage is read-only'); } } },
    };
    expect(await runAction(actionByName('addStage'), broken)).toBe(translate('en', 'canvas.notice.failed'));
  });
});

describe('nextLaneColor', () => {
  it('picks the first palette colour not in use, then cycles', () => {
    expect(nextLaneColor([])).toBe(LANE_PALETTE[0]);
    expect(nextLaneColor([LANE_PALETTE[0]!.toUpperCase()])).toBe(LANE_PALETTE[1]);
    expect(nextLaneColor([...LANE_PALETTE])).toBe(LANE_PALETTE[LANE_PALETTE.length % LANE_PALETTE.length]);
  });
});
