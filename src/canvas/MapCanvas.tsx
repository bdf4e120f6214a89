// The journey map canvas: stages as columns, channels as lanes, touchpoints as cards that
// snap to the grid, connections as arrows, and the emotion curve underneath. Positions are
// derived from (stage, channel, order); only a card being dragged has a local position.
import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type MouseEvent as ReactMouseEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionLineType,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection as FlowConnection,
  type EdgeChange,
  type FitViewOptions,
  type NodeChange,
  type NodeMouseHandler,
  type OnNodeDrag,
  type OnConnectEnd,
} from '@xyflow/react';
import { cellAt, computeGrid, GRID, type XY } from '../domain/grid';
import type { Channel, Id, Stage } from '../domain/types';
import { useT } from '../locales/i18n';
import { useMapSession, useMapState, useUi, useUiStore } from '../store/context';
import { actionForKey, isEnabled, isTypingTarget } from './actions';
import { showNotice } from './bridge';
import { planDrop } from './drop';
import { EmotionCurve } from './EmotionCurve';
import { CellNode, ChannelHeaderNode, StageHeaderNode } from './GridNodes';
import { CellTilesContext, GridLayoutContext, LowDetailContext } from './layoutContext';
import {
  cardsKeptAsNodes,
  cellsOfTouchpoints,
  ConnectionEdgeCache,
  GridNodeCache,
  isZoomedOut,
  LaneLayoutCache,
  titlesUnreadable,
  PlacementCache,
  TouchpointNodeCache,
  type CanvasNode,
  edgesOfSelection,
  type ConnectionEdge,
  tilesByCell,
  touchpointsInBox,
} from './nodes';
import { TouchpointCard } from './TouchpointCard';
import { useActions } from './useActions';
import { PeerCursors, useCursorBroadcast } from './PeerCursors';
import { CanvasNoticeView } from './CanvasNotice';

// Defined once at module level: a new object per render would make React Flow remount every node.
const NODE_TYPES = {
  touchpoint: TouchpointCard,
  cell: CellNode,
  stageHeader: StageHeaderNode,
  channelHeader: ChannelHeaderNode,
};
// The top padding clears the toolbar floating over the canvas, so stage headers stay visible.
const FIT_OPTIONS: FitViewOptions = { padding: { top: '64px', x: 0.08, bottom: 0.08 }, maxZoom: 1 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const NO_DRAG: ReadonlyMap<Id, XY> = new Map();
/** Above this many cards only what is on screen is rendered, and far-out cards become tiles. */
const BIG_MAP = 300;
/** A press that travelled further than this (screen px) was a pan, not a click. */
const CLICK_SLOP = 4;
/**
 * Invisible hit area around a connection on a big map (React Flow's default is 20 px): the
 * browser hit-tests every pointer move against thousands of them.
 */
const BIG_MAP_EDGE_HIT = 6;

export interface MapCanvasProps {
  /**
   * Extra layers rendered inside React Flow (e.g. colleagues' cursors): they may use
   * useViewport, ViewportPortal or Panel from @xyflow/react.
   */
  children?: ReactNode;
}

/** Fills its parent: the map on top, the emotion curve in a strip below. */
export function MapCanvas({ children }: MapCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasBody>{children}</CanvasBody>
    </ReactFlowProvider>
  );
}

function CanvasBody({ children }: MapCanvasProps) {
  const t = useT();
  // Only the boolean: a lane renamed must not re-render the canvas below.
  const empty = useMapState((s) => s.stages.length === 0 || s.channels.length === 0);
  return (
    <div className="cjm-canvas" data-testid="map-canvas">
      <div className="cjm-canvas__flow">
        <CanvasFlow>{children}</CanvasFlow>
        {empty && <div className="cjm-canvas__empty">{t('canvas.empty')}</div>}
        <CanvasNoticeView />
      </div>
      <EmotionCurve />
    </div>
  );
}

function CanvasFlow({ children }: MapCanvasProps) {
  const session = useMapSession();
  const ui = useUiStore();
  const t = useT();
  const flow = useReactFlow<CanvasNode, ConnectionEdge>();
  const { ctx, run, bridge } = useActions();
  const cursor = useCursorBroadcast();
  // A saved review shown from the past: look, select, copy; never add, drag or connect.
  const readOnly = session.readOnly === true;

  // Subscribed to what the grid is made of, not to whole records: renaming a card or a lane
  // re-renders that card or header only (each reads its own title), never this canvas.
  const [stageCache] = useState(() => new LaneLayoutCache<Stage>());
  const [channelCache] = useState(() => new LaneLayoutCache<Channel>());
  const [placementCache] = useState(() => new PlacementCache());
  const stages = useMapState((s) => stageCache.of(s.stages));
  const channels = useMapState((s) => channelCache.of(s.channels));
  // Only each card's place (stage, channel, order) is current in these; never read titles here.
  const placed = useMapState((s) => placementCache.of(s.touchpoints));
  const connections = useMapState((s) => s.connections);
  const selectedTouchpoints = useUi((s) => s.selectedTouchpointIds);
  const selectedConnections = useUi((s) => s.selectedConnectionIds);
  const [dragging, setDragging] = useState<ReadonlyMap<Id, XY>>(NO_DRAG);

  const bigMap = placed.length > BIG_MAP;
  // Only a boolean: the canvas re-renders when the threshold is crossed, not on every frame.
  const far = useStore(isZoomedOut);
  // Laying out a thousand invisible titles was a third of a big map's first paint.
  const tiny = useStore(titlesUnreadable);
  const tileMode = bigMap && far;
  const tileModeRef = useRef(tileMode);
  useEffect(() => {
    tileModeRef.current = tileMode;
  }, [tileMode]);
  const layout = useMemo(() => computeGrid(stages, channels, placed), [stages, channels, placed]);
  const layoutRef = useRef(layout);
  useEffect(() => {
    layoutRef.current = layout;
  }, [layout]);

  const [gridCache] = useState(() => new GridNodeCache());
  const [cardCache] = useState(() => new TouchpointNodeCache());
  const [edgeCache] = useState(() => new ConnectionEdgeCache());
  const gridNodes = useMemo(() => gridCache.build(layout, stages, channels), [gridCache, layout, stages, channels]);
  // At tile zoom only the selection and its neighbours are React Flow nodes; cells draw the rest.
  const keptAsNodes = useMemo(
    () => (tileMode ? cardsKeptAsNodes(connections, selectedTouchpoints, selectedConnections) : null),
    [tileMode, connections, selectedTouchpoints, selectedConnections],
  );
  const nodePositions = useMemo(() => {
    if (!keptAsNodes) return layout.positions;
    const kept = new Map<Id, XY>();
    for (const id of keptAsNodes) {
      const at = layout.positions.get(id);
      if (at) kept.set(id, at);
    }
    return kept;
  }, [keptAsNodes, layout.positions]);
  const touchpointCells = useMemo(() => cellsOfTouchpoints(placed), [placed]);
  const cellTiles = useMemo(
    () => (keptAsNodes ? tilesByCell(layout, touchpointCells, keptAsNodes) : null),
    [keptAsNodes, layout, touchpointCells],
  );
  // Cells that draw cards show as cards on the minimap.
  const minimapNodeColor = useCallback(
    (node: CanvasNode) => (node.type === 'cell' && cellTiles?.get(node.id)?.length ? MINIMAP_CARD : minimapColor(node)),
    [cellTiles],
  );
  const cardNodes = useMemo(
    () => cardCache.build(nodePositions, selectedTouchpoints, dragging),
    [cardCache, nodePositions, selectedTouchpoints, dragging],
  );
  const nodes = useMemo<CanvasNode[]>(() => [...gridNodes, ...cardNodes], [gridNodes, cardNodes]);
  const allEdges = useMemo(
    () => edgeCache.build(connections, layout.positions, selectedConnections, bigMap ? BIG_MAP_EDGE_HIT : undefined),
    [edgeCache, connections, layout.positions, selectedConnections, bigMap],
  );
  const edges = useMemo(
    () => (bigMap && far ? edgesOfSelection(allEdges, selectedTouchpoints) : allEdges),
    [allEdges, bigMap, far, selectedTouchpoints],
  );

  // While the map moves, a sheet over it takes the pointer so cards and connections are not
  // hit-tested (a class toggled directly, so the gesture re-renders nothing). Set on the first
  // actual move, not on the press: a click must still reach the card under it.
  const flowRef = useRef<HTMLDivElement>(null);
  const onMove = useCallback(() => flowRef.current?.classList.add('is-moving'), []);
  const onMoveEnd = useCallback(() => flowRef.current?.classList.remove('is-moving'), []);

  const attempt = useCallback(
    (edit: () => void) => {
      try {
        edit();
      } catch (error) {
        console.warn('Canvas edit failed', error);
        showNotice(bridge, t('canvas.notice.failed'));
      }
    },
    [bridge, t],
  );

  // The toolbar lives outside this provider: hand it fitView through the bridge.
  useEffect(() => {
    bridge.setState({ fitView: () => void flow.fitView({ ...FIT_OPTIONS, duration: 200 }) });
    return () => bridge.setState({ fitView: null });
  }, [bridge, flow]);

  // Review mode and the review panels ask for a card to be brought into view (requests made
  // before this canvas mounted are not replayed).
  const centerRequest = useUi((s) => s.centerRequest);
  const centeredSeq = useRef(ui.getState().centerRequest?.seq ?? 0);
  useEffect(() => {
    if (!centerRequest || centerRequest.seq <= centeredSeq.current) return;
    centeredSeq.current = centerRequest.seq;
    const at = layoutRef.current.positions.get(centerRequest.touchpointId);
    if (!at) return;
    if (centerRequest.reveal) {
      const box = flowRef.current?.getBoundingClientRect();
      const topLeft = flow.flowToScreenPosition({ x: at.x, y: at.y });
      const bottomRight = flow.flowToScreenPosition({ x: at.x + GRID.cardWidth, y: at.y + GRID.cardHeight });
      const inView =
        !box || (topLeft.x >= box.left && topLeft.y >= box.top && bottomRight.x <= box.right && bottomRight.y <= box.bottom);
      if (inView) return;
      void flow.setCenter(at.x + GRID.cardWidth / 2, at.y + GRID.cardHeight / 2, { zoom: flow.getZoom(), duration: 250 });
      return;
    }
    const zoom = Math.max(flow.getZoom(), 0.8);
    void flow.setCenter(at.x + GRID.cardWidth / 2, at.y + GRID.cardHeight / 2, { zoom, duration: 250 });
  }, [centerRequest, flow]);

  // A card or connection deleted (by undo, or by a colleague) leaves the selection.
  useEffect(() => {
    const s = ui.getState();
    const { touchpoints } = session.store.getState();
    const alive = [...s.selectedTouchpointIds].filter((id) => touchpoints[id]);
    if (alive.length !== s.selectedTouchpointIds.size) s.selectTouchpoints(alive);
  }, [placed, session, ui]);
  useEffect(() => {
    const s = ui.getState();
    const alive = [...s.selectedConnectionIds].filter((id) => connections[id]);
    if (alive.length !== s.selectedConnectionIds.size) s.selectConnections(alive);
  }, [connections, ui]);

  // ---- selection and drag, mirrored from React Flow into the ui store
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      let selection: Set<Id> | null = null;
      let moved: Map<Id, XY> | null = null;
      for (const change of changes) {
        if (change.type === 'select') {
          selection ??= new Set(ui.getState().selectedTouchpointIds);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        } else if (change.type === 'position' && change.dragging && change.position) {
          (moved ??= new Map()).set(change.id, change.position);
        }
      }
      if (selection && !sameSet(selection, ui.getState().selectedTouchpointIds)) ui.getState().selectTouchpoints(selection);
      if (moved) {
        const update = moved;
        setDragging((prev) => new Map([...prev, ...update]));
      }
    },
    [ui],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<ConnectionEdge>[]) => {
      let selection: Set<Id> | null = null;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selection ??= new Set(ui.getState().selectedConnectionIds);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection && !sameSet(selection, ui.getState().selectedConnectionIds)) ui.getState().selectConnections(selection);
    },
    [ui],
  );

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, _node, dragged) => {
      const cards = dragged.filter((n) => n.type === 'touchpoint').map((n) => ({ id: n.id, position: n.position }));
      const moves = planDrop(layoutRef.current, Object.values(session.store.getState().touchpoints), cards);
      if (moves.length > 0) attempt(() => session.commands.moveTouchpoints(moves));
      // Cards let go outside the grid (or back in their slot) simply return to their derived place.
      setDragging(NO_DRAG);
    },
    [session, attempt],
  );

  const pressedAt = useRef<{ x: number; y: number } | null>(null);
  const onPointerDownCapture = (e: ReactPointerEvent) => {
    pressedAt.current = { x: e.clientX, y: e.clientY };
  };

  const onNodeClick: NodeMouseHandler<CanvasNode> = useCallback(
    (event, node) => {
      const s = ui.getState();
      if (node.type === 'touchpoint') {
        // The card clicked last is the one the side panel shows.
        if (s.selectedTouchpointIds.has(node.id)) s.selectTouchpoints(s.selectedTouchpointIds, node.id);
      } else if (node.type === 'cell') {
        const from = pressedAt.current;
        const panned = from !== null && Math.hypot(event.clientX - from.x, event.clientY - from.y) > CLICK_SLOP;
        if (panned) return;
        const additive = event.shiftKey || event.metaKey || event.ctrlKey;
        const tile = tileUnder(event);
        if (tile && additive) {
          const next = new Set(s.selectedTouchpointIds);
          if (!next.delete(tile)) next.add(tile);
          s.selectTouchpoints(next, next.has(tile) ? tile : undefined);
        } else if (tile) {
          s.selectTouchpoints([tile], tile);
        } else if (!additive) {
          s.clearSelection();
        }
      }
    },
    [ui],
  );

  // Shift-drag box at tile zoom: React Flow only knows the cards kept as nodes, so the tiles
  // inside the box are added here.
  const flowStore = useStoreApi<CanvasNode, ConnectionEdge>();
  const boxFrom = useRef<XY | null>(null);
  const onSelectionStart = useCallback(() => {
    // Shift-press extends the page's text selection from wherever the caret last was (a panel
    // field): a box drawn on the map is not a text selection.
    globalThis.getSelection?.()?.removeAllRanges();
    // Where the press was, in flow coordinates (this is called on the first move, not the press).
    const rect = flowStore.getState().userSelectionRect;
    boxFrom.current = rect ? { x: rect.startX, y: rect.startY } : null;
  }, [flowStore]);
  const onSelectionEnd = useCallback(
    (event: ReactMouseEvent) => {
      const from = boxFrom.current;
      boxFrom.current = null;
      if (!from || !tileModeRef.current) return;
      const to = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const inside = touchpointsInBox(layoutRef.current.positions, from, to);
      if (inside.length === 0) return;
      const s = ui.getState();
      s.selectTouchpoints(new Set([...s.selectedTouchpointIds, ...inside]));
    },
    [flow, ui],
  );

  const onNodeDoubleClick: NodeMouseHandler<CanvasNode> = useCallback(
    (event, node) => {
      // A tile is too small to work on: bring its card close enough to read. (The first click of
      // the double-click selected it, which made it a node of its own.)
      const tile = node.type === 'touchpoint' ? (tileModeRef.current ? node.id : null) : tileUnder(event);
      const at = tile ? layoutRef.current.positions.get(tile) : undefined;
      if (at) {
        void flow.setCenter(at.x + GRID.cardWidth / 2, at.y + GRID.cardHeight / 2, { zoom: 1, duration: 250 });
        return;
      }
      if (node.type !== 'cell') return;
      if (readOnly) return;
      const cell = cellAt(layoutRef.current, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
      if (!cell) return;
      attempt(() => {
        const id = session.commands.addTouchpoint({ ...cell, title: t('canvas.defaults.touchpoint') });
        ui.getState().selectNewTouchpoint(id);
      });
    },
    [flow, session, ui, t, attempt, readOnly],
  );

  const onConnect = useCallback(
    (c: FlowConnection) => void run('connect', { sourceId: c.source, targetId: c.target }),
    [run],
  );
  // A connector let go anywhere on a card's body (not only on its small handle) connects to it.
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, state) => {
      if (state.isValid || !state.fromNode) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      const target = cardIdAt(point.clientX, point.clientY);
      if (!target || target === state.fromNode.id) return;
      // Dragged from a card's target handle, the arrow points at the dragging card.
      const fromTarget = state.fromHandle?.type === 'target';
      void run('connect', fromTarget ? { sourceId: target, targetId: state.fromNode.id } : { sourceId: state.fromNode.id, targetId: target });
    },
    [run],
  );
  const isValidConnection = useCallback(
    (c: { source: string; target: string }) => c.source !== c.target && !!session.store.getState().touchpoints[c.target],
    [session],
  );

  // ---- keyboard: one path through the action registry
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || isTypingTarget(e.target)) return;
      if ((e.target as Element | null)?.closest?.('[role="dialog"], [role="alertdialog"], [role="menu"], dialog')) return;
      const action = actionForKey(e);
      if (!action) return;
      // Copying text the user selected elsewhere on the page stays the browser's job.
      if (action.name === 'copy' && hasPageTextSelection()) return;
      if (!isEnabled(action, ctx)) {
        if (action.name === 'duplicate') e.preventDefault(); // not the browser's bookmark dialog
        return;
      }
      e.preventDefault();
      void run(action.name);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [ctx, run]);

  return (
    <GridLayoutContext.Provider value={layout}>
      <LowDetailContext.Provider value={bigMap}>
        <CellTilesContext.Provider value={cellTiles}>
          <div
            ref={flowRef}
            className={tiny ? 'cjm-flow is-tiny' : 'cjm-flow'}
            onPointerDownCapture={onPointerDownCapture}
            onPointerMove={cursor.onPointerMove}
            onPointerLeave={cursor.onPointerLeave}
          >
            <ReactFlow<CanvasNode, ConnectionEdge>
              nodes={nodes}
              edges={edges}
              nodeTypes={NODE_TYPES}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onNodeDragStop}
              onNodeClick={onNodeClick}
              onNodeDoubleClick={onNodeDoubleClick}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              onMove={onMove}
              onMoveEnd={onMoveEnd}
              onSelectionStart={onSelectionStart}
              onSelectionEnd={onSelectionEnd}
              isValidConnection={isValidConnection}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              connectionLineType={ConnectionLineType.SmoothStep}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              zoomOnDoubleClick={false}
              onlyRenderVisibleElements={bigMap}
              minZoom={0.05}
              maxZoom={2}
              fitView
              fitViewOptions={FIT_OPTIONS}
              aria-label={t('canvas.label')}
            >
              {/* Zoomed far out the dots would be a pixel apart: a grey haze the browser repaints on every frame. */}
              {!far && <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#cbd5e1" />}
              <MiniMap<CanvasNode> pannable zoomable nodeColor={minimapNodeColor} nodeStrokeWidth={0} className="cjm-minimap" />
              <Controls showInteractive={false} />
              <PeerCursors />
              {children}
            </ReactFlow>
          </div>
        </CellTilesContext.Provider>
      </LowDetailContext.Provider>
    </GridLayoutContext.Provider>
  );
}

const MINIMAP_CARD = '#64748b';

function minimapColor(node: CanvasNode): string {
  switch (node.type) {
    case 'touchpoint':
      return MINIMAP_CARD;
    case 'cell':
      return '#f1f5f9';
    default:
      return node.data.color;
  }
}

/** The card tile (drawn by its cell at tile zoom) under a pointer event, if any. */
function tileUnder(event: ReactMouseEvent): Id | null {
  const target = event.target instanceof Element ? event.target : null;
  return target?.closest('.cjm-cell [data-touchpoint-id]')?.getAttribute('data-touchpoint-id') ?? null;
}

const sameSet = (a: ReadonlySet<Id>, b: ReadonlySet<Id>) => a.size === b.size && [...a].every((id) => b.has(id));

function hasPageTextSelection(): boolean {
  const selection = globalThis.getSelection?.();
  return !!selection && !selection.isCollapsed && selection.toString().trim() !== '';
}

/** The touchpoint whose card (or tile) is drawn at a point of the window, if any. */
function cardIdAt(x: number, y: number): string | null {
  const el = document.elementFromPoint(x, y);
  return el?.closest('[data-testid="touchpoint-card"][data-touchpoint-id]')?.getAttribute('data-touchpoint-id') ?? null;
}
