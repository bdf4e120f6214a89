// Building React Flow's nodes and edges from the derived grid. Each builder keeps the
// previous object for an id while nothing it shows changed, so React Flow skips it and a
// map of 2,000 cards re-renders only the cards an edit touched.
import { MarkerType, Position, type Edge, type Node, type NodeHandle, type ReactFlowState } from '@xyflow/react';
import { cardHeight, type CardContent } from '../domain/cardContent';
import { GRID, type GridLayout, type XY } from '../domain/grid';
import { LAYER_ROW, layerRowSpecs, type LayerRowSpec } from '../domain/layers';
import type { Cell, Channel, Connection, Id, Layer, Stage, Touchpoint } from '../domain/types';

export type TouchpointNodeData = { touchpointId: Id };
export type CellNodeData = { stageId: Id; channelId: Id; color: string };
export type StageHeaderNodeData = { stageId: Id; index: number; color: string };
export type ChannelHeaderNodeData = { channelId: Id; index: number; color: string };
/** `index` and `count` among the layers (hidden ones included), for the menu's moves. */
export type LayerRowNodeData = { layerId: Id; index: number; count: number };
export type VisibilityLineNodeData = Record<string, never>;
export type PersonaNodeData = Record<string, unknown>;

export type TouchpointFlowNode = Node<TouchpointNodeData, 'touchpoint'>;
export type CellFlowNode = Node<CellNodeData, 'cell'>;
export type StageHeaderFlowNode = Node<StageHeaderNodeData, 'stageHeader'>;
export type ChannelHeaderFlowNode = Node<ChannelHeaderNodeData, 'channelHeader'>;
export type LayerRowFlowNode = Node<LayerRowNodeData, 'layerRow'>;
export type VisibilityLineFlowNode = Node<VisibilityLineNodeData, 'visibilityLine'>;
export type PersonaFlowNode = Node<PersonaNodeData, 'persona'>;
export type GridFlowNode = CellFlowNode | StageHeaderFlowNode | ChannelHeaderFlowNode | LayerRowFlowNode | VisibilityLineFlowNode;
/** A card as it was in a compared review: moved away from here, or deleted (review/ReviewGhosts). */
export type ReviewGhostFlowNode = Node<{ title: string; kind: 'moved' | 'deleted' }, 'reviewGhost'>;
export type CanvasNode = TouchpointFlowNode | GridFlowNode | PersonaFlowNode | ReviewGhostFlowNode;
export type ConnectionEdge = Edge<Record<string, never>, 'smoothstep'>;

/** Node ids of the grid never collide with entity ids (those have no colon). */
export const cellNodeId = (stageId: Id, channelId: Id) => `cell:${stageId}:${channelId}`;
export const stageHeaderNodeId = (stageId: Id) => `stage:${stageId}`;
export const channelHeaderNodeId = (channelId: Id) => `channel:${channelId}`;
export const layerRowNodeId = (layerId: Id) => `layer:${layerId}`;
export const VISIBILITY_LINE_NODE_ID = 'line-of-visibility';
export const PERSONA_NODE_ID = 'persona:card';

/** The persona card's node: it reads the persona itself, so only a new size makes a new node. */
export function personaNode(box: { x: number; y: number; width: number; height: number }): PersonaFlowNode {
  const size = { width: box.width, height: box.height };
  return {
    id: PERSONA_NODE_ID,
    type: 'persona',
    position: { x: box.x, y: box.y },
    data: {},
    ...size,
    measured: size,
    selectable: false,
    draggable: false,
    connectable: false,
    focusable: false,
    zIndex: HEADER_Z,
  };
}

// Handles declared up front: edges can be drawn to cards that were never rendered
// (onlyRenderVisibleElements), and React Flow does not have to measure them. One set per card
// height (a handful of heights exist), shared by every card of that height.
const HANDLE = 10;
const handlesByHeight = new Map<number, NodeHandle[]>();
function cardHandles(height: number): NodeHandle[] {
  let handles = handlesByHeight.get(height);
  if (!handles) {
    const y = height / 2 - HANDLE / 2;
    handles = [
      { type: 'target', position: Position.Left, x: -HANDLE / 2, y, width: HANDLE, height: HANDLE },
      { type: 'source', position: Position.Right, x: GRID.cardWidth - HANDLE / 2, y, width: HANDLE, height: HANDLE },
    ];
    handlesByHeight.set(height, handles);
  }
  return handles;
}

/**
 * Each card's height from what it shows (cardHeight of its content). The previous map is kept
 * while no height changed, so editing a note's text does not lay the map out again.
 */
export class CardHeightCache {
  private stats: Readonly<Record<Id, { content: CardContent }>> | null = null;
  private kept: ReadonlyMap<Id, number> = new Map();

  of(stats: Readonly<Record<Id, { content: CardContent }>>): ReadonlyMap<Id, number> {
    if (stats === this.stats) return this.kept;
    this.stats = stats;
    const next = new Map<Id, number>();
    for (const [id, s] of Object.entries(stats)) {
      const height = cardHeight(s.content);
      // Plain cards are the grid's default: leaving them out keeps the map small.
      if (height !== GRID.cardHeight) next.set(id, height);
    }
    if (!sameHeights(this.kept, next)) this.kept = next;
    return this.kept;
  }
}

function sameHeights(a: ReadonlyMap<Id, number>, b: ReadonlyMap<Id, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, height] of b) if (a.get(id) !== height) return false;
  return true;
}

/** Below this zoom a big map draws cards as plain tiles and leaves out the connections. */
export const LOW_DETAIL_ZOOM = 0.4;

/**
 * Zoomed far out — or not yet fitted to the screen: React Flow starts at zoom 1 and fits the
 * view only after its first render, so a big map would first mount hundreds of full cards
 * just to swap them for tiles a moment later.
 */
export const isZoomedOut = (s: ReactFlowState) => s.transform[2] < LOW_DETAIL_ZOOM || s.fitViewQueued;

/**
 * From this zoom up a card shows its content (top notes, freshest quote): its 12 px lines are
 * 6 px or more on screen. Fit puts a 20-card map with notes and quotes on a 1440×900 screen
 * at about 0.7. Below it a card shows its title and counters.
 */
export const READING_ZOOM = 0.5;

export type CardDetail = 'tile' | 'counts' | 'content';

/** How much a card shows at the current zoom ('tile' only matters on a big map). */
export const cardDetail = (s: ReactFlowState): CardDetail =>
  isZoomedOut(s) ? 'tile' : s.transform[2] < READING_ZOOM ? 'counts' : 'content';

/** Below this zoom a tile's title would be under 5 px tall: tiles show only their colours. */
export const TITLE_ZOOM = 0.2;
export const titlesUnreadable = (s: ReactFlowState) => s.transform[2] < TITLE_ZOOM || s.fitViewQueued;

/** A card drawn as a tile inside its cell, at its slot relative to the cell's top-left corner. */
export interface TileSlot {
  id: Id;
  x: number;
  y: number;
  height: number;
}

/**
 * Zoomed far out on a big map, each cell draws its own cards as tiles: one React Flow node per
 * cell instead of one per card keeps React Flow's per-frame work and the browser's layers
 * O(cells) while panning. Cards in `asNodes` (the selection and its neighbours) stay real
 * nodes, so they can be dragged and their connections drawn; their cells leave them out.
 */
export function tilesByCell(layout: GridLayout, touchpointCells: ReadonlyMap<Id, string>, asNodes: ReadonlySet<Id>) {
  const origin = new Map<string, XY>();
  for (const lane of layout.lanes) {
    for (const column of layout.columns) origin.set(cellNodeId(column.id, lane.id), { x: column.x, y: lane.y });
  }
  const cells = new Map<string, TileSlot[]>();
  for (const [id, at] of layout.positions) {
    if (asNodes.has(id)) continue;
    const cell = touchpointCells.get(id);
    const corner = cell === undefined ? undefined : origin.get(cell);
    if (!cell || !corner) continue;
    const slot = { id, x: at.x - corner.x, y: at.y - corner.y, height: layout.heights.get(id) ?? GRID.cardHeight };
    const list = cells.get(cell);
    if (list) list.push(slot);
    else cells.set(cell, [slot]);
  }
  return cells;
}

/** Cards lying wholly inside the rectangle spanned by two flow points (React Flow's own box-select rule). */
export function touchpointsInBox(
  positions: ReadonlyMap<Id, XY>,
  a: XY,
  b: XY,
  heights: ReadonlyMap<Id, number> = new Map(),
): Id[] {
  const left = Math.min(a.x, b.x);
  const right = Math.max(a.x, b.x);
  const top = Math.min(a.y, b.y);
  const bottom = Math.max(a.y, b.y);
  const inside: Id[] = [];
  for (const [id, at] of positions) {
    const height = heights.get(id) ?? GRID.cardHeight;
    if (at.x >= left && at.y >= top && at.x + GRID.cardWidth <= right && at.y + height <= bottom) inside.push(id);
  }
  return inside;
}

/** The cell node each touchpoint sits in. */
export function cellsOfTouchpoints(touchpoints: readonly Touchpoint[]): Map<Id, string> {
  return new Map(touchpoints.map((tp) => [tp.id, cellNodeId(tp.stageId, tp.channelId)]));
}

/** The touchpoints that stay React Flow nodes at tile zoom: the selection and the cards it connects to. */
export function cardsKeptAsNodes(connections: Record<Id, Connection>, selectedTouchpoints: ReadonlySet<Id>, selectedConnections: ReadonlySet<Id>): Set<Id> {
  const kept = new Set(selectedTouchpoints);
  for (const c of Object.values(connections)) {
    if (selectedConnections.has(c.id) || selectedTouchpoints.has(c.sourceId) || selectedTouchpoints.has(c.targetId)) {
      kept.add(c.sourceId);
      kept.add(c.targetId);
    }
  }
  return kept;
}

/** A layer as the grid's nodes see it: only its place among the layers. */
export type LayerOrder = Pick<Layer, 'id'>;

/** Per-id memory of the last node built, reused while its inputs are equal. */
class Reuse<T> {
  private previous = new Map<Id, T>();
  private next = new Map<Id, T>();

  take(id: Id, same: (previous: T) => boolean, make: () => T): T {
    const prev = this.previous.get(id);
    const value = prev !== undefined && same(prev) ? prev : make();
    this.next.set(id, value);
    return value;
  }

  /** Forgets every id not taken since the last commit (deleted cards, removed lanes). */
  commit(): void {
    this.previous = this.next;
    this.next = new Map();
  }
}

const samePoint = (a: XY, b: XY) => a.x === b.x && a.y === b.y;

export class TouchpointNodeCache {
  private reuse = new Reuse<TouchpointFlowNode>();

  /**
   * One node per positioned touchpoint. `dragging` holds where cards being dragged are right
   * now; it is local state, never written to the map until the drop.
   */
  build(
    positions: ReadonlyMap<Id, XY>,
    selected: ReadonlySet<Id>,
    dragging: ReadonlyMap<Id, XY>,
    heights: ReadonlyMap<Id, number> = new Map(),
  ): TouchpointFlowNode[] {
    const nodes: TouchpointFlowNode[] = [];
    for (const [id, gridPosition] of positions) {
      const position = dragging.get(id) ?? gridPosition;
      const isSelected = selected.has(id);
      const height = heights.get(id) ?? GRID.cardHeight;
      nodes.push(
        this.reuse.take(
          id,
          (prev) => prev.selected === isSelected && prev.height === height && samePoint(prev.position, position),
          () => {
            const size = { width: GRID.cardWidth, height };
            return {
              id,
              type: 'touchpoint',
              position,
              data: { touchpointId: id },
              selected: isSelected,
              ...size,
              measured: size,
              handles: cardHandles(height),
            };
          },
        ),
      );
    }
    this.reuse.commit();
    return nodes;
  }
}

/**
 * The touchpoints as the grid sees them (stage, channel, order). The previous list is kept
 * while no card was added, removed or moved, so a title edit — local or a colleague's — does
 * not lay out the map again nor hand React Flow new arrays of every node and edge.
 */
export class PlacementCache {
  private last: Record<Id, Touchpoint> | null = null;
  private list: readonly Touchpoint[] = [];

  of(touchpoints: Record<Id, Touchpoint>): readonly Touchpoint[] {
    const previous = this.last;
    this.last = touchpoints;
    if (previous === null || !samePlacement(previous, touchpoints)) this.list = Object.values(touchpoints);
    return this.list;
  }
}

/**
 * A stage's or channel's part in the grid (id, order, colour). The previous list is kept while
 * only titles changed: the headers read their own titles, so renaming a lane re-renders its
 * header and not the canvas that lays the grid out.
 */
export class LaneLayoutCache<L extends Stage | Channel> {
  private kept: readonly L[] | null = null;

  of(lanes: readonly L[]): readonly L[] {
    if (this.kept === null || !sameLaneLayout(this.kept, lanes)) this.kept = lanes;
    return this.kept;
  }
}

/**
 * The visible layers' rows (placement and height). The previous list is kept while no row
 * moved, appeared or changed height, so typing into a cell re-renders that cell, not the grid.
 */
export class LayerRowsCache {
  private kept: readonly LayerRowSpec[] = [];

  of(layers: readonly Layer[], cells: Readonly<Record<Id, Cell>>, stages: readonly Stage[]): readonly LayerRowSpec[] {
    const next = layerRowSpecs(layers, cells, stages);
    const same =
      next.length === this.kept.length &&
      next.every((row, i) => {
        const was = this.kept[i]!;
        return was.id === row.id && was.placement === row.placement && was.height === row.height;
      });
    if (!same) this.kept = next;
    return this.kept;
  }
}

const sameLaneLayout = (a: readonly (Stage | Channel)[], b: readonly (Stage | Channel)[]) =>
  a.length === b.length &&
  a.every((was, i) => {
    const now = b[i]!;
    return was === now || (was.id === now.id && was.order === now.order && was.color === now.color);
  });

function samePlacement(a: Record<Id, Touchpoint>, b: Record<Id, Touchpoint>): boolean {
  const ids = Object.keys(b);
  if (ids.length !== Object.keys(a).length) return false;
  for (const id of ids) {
    const was = a[id];
    const now = b[id]!;
    if (was === now) continue;
    if (!was || was.stageId !== now.stageId || was.channelId !== now.channelId || was.order !== now.order) return false;
  }
  return true;
}

type Box = { x: number; y: number; width: number; height: number };
const sameBox = (node: Node, box: Box) =>
  node.position.x === box.x && node.position.y === box.y && node.width === box.width && node.height === box.height;

function gridNode<T extends GridFlowNode>(type: T['type'], id: string, box: Box, data: T['data'], zIndex: number): T {
  const size = { width: box.width, height: box.height };
  return {
    id,
    type,
    position: { x: box.x, y: box.y },
    data,
    ...size,
    measured: size,
    selectable: false,
    draggable: false,
    connectable: false,
    focusable: false,
    zIndex,
  } as T;
}

/** Behind the edges and cards; headers above unselected cards so their drop marker shows. */
const CELL_Z = -1;
const HEADER_Z = 1;
/** Where stuck headers cross at the top-left corner, the stage's lies on top. */
const STAGE_HEADER_Z = 2;

export class GridNodeCache {
  private reuse = new Reuse<GridFlowNode>();

  build(layout: GridLayout, stages: readonly Stage[], channels: readonly Channel[], layers: readonly LayerOrder[] = []): GridFlowNode[] {
    const nodes: GridFlowNode[] = [];
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const channelById = new Map(channels.map((c) => [c.id, c]));
    for (const lane of layout.lanes) {
      const color = channelById.get(lane.id)?.color ?? '#94a3b8';
      for (const column of layout.columns) {
        const id = cellNodeId(column.id, lane.id);
        const box = { x: column.x, y: lane.y, width: column.width, height: lane.height };
        nodes.push(
          this.reuse.take(
            id,
            (prev) => sameBox(prev, box) && (prev as CellFlowNode).data.color === color,
            () => gridNode<CellFlowNode>('cell', id, box, { stageId: column.id, channelId: lane.id, color }, CELL_Z),
          ),
        );
      }
    }
    layout.columns.forEach((column, index) => {
      const id = stageHeaderNodeId(column.id);
      const color = stageById.get(column.id)?.color ?? '#94a3b8';
      // As tall as the grid: the header sticks to the top (sticky.tsx) and must not be culled.
      const box = { x: column.x, y: 0, width: column.width, height: Math.max(GRID.stageHeaderHeight, layout.height) };
      nodes.push(
        this.reuse.take(
          id,
          (prev) => sameBox(prev, box) && sameHeaderData(prev.data as StageHeaderNodeData, index, color),
          () => gridNode<StageHeaderFlowNode>('stageHeader', id, box, { stageId: column.id, index, color }, STAGE_HEADER_Z),
        ),
      );
    });
    // A layer's row is one node across the map: its header and a cell per stage.
    const layerIndex = new Map(layers.map((l, i) => [l.id, i]));
    for (const row of layout.layerRows) {
      const id = layerRowNodeId(row.id);
      const box = { x: 0, y: row.y, width: layout.width, height: row.height };
      const index = layerIndex.get(row.id) ?? 0;
      nodes.push(
        this.reuse.take(
          id,
          (prev) => sameBox(prev, box) && (prev as LayerRowFlowNode).data.index === index && (prev as LayerRowFlowNode).data.count === layers.length,
          () => gridNode<LayerRowFlowNode>('layerRow', id, box, { layerId: row.id, index, count: layers.length }, CELL_Z),
        ),
      );
    }
    if (layout.lineOfVisibility !== null) {
      const box = { x: 0, y: layout.lineOfVisibility, width: layout.width, height: LAYER_ROW.visibilityLineHeight };
      nodes.push(
        this.reuse.take(
          VISIBILITY_LINE_NODE_ID,
          (prev) => sameBox(prev, box),
          () => gridNode<VisibilityLineFlowNode>('visibilityLine', VISIBILITY_LINE_NODE_ID, box, {}, CELL_Z),
        ),
      );
    }
    layout.lanes.forEach((lane, index) => {
      const id = channelHeaderNodeId(lane.id);
      const color = channelById.get(lane.id)?.color ?? '#94a3b8';
      // As wide as the grid: the header sticks to the left edge (sticky.tsx).
      const box = { x: 0, y: lane.y, width: Math.max(GRID.laneHeaderWidth, layout.width), height: lane.height };
      nodes.push(
        this.reuse.take(
          id,
          (prev) => sameBox(prev, box) && sameHeaderData(prev.data as ChannelHeaderNodeData, index, color),
          () => gridNode<ChannelHeaderFlowNode>('channelHeader', id, box, { channelId: lane.id, index, color }, HEADER_Z),
        ),
      );
    });
    this.reuse.commit();
    return nodes;
  }
}

const sameHeaderData = (data: { index: number; color: string }, index: number, color: string) =>
  data.index === index && data.color === color;

const EDGE_COLOR = '#94a3b8';
const EDGE_SELECTED = '#4f46e5';
/** React Flow's own default. */
const DEFAULT_INTERACTION_WIDTH = 20;

export class ConnectionEdgeCache {
  private reuse = new Reuse<ConnectionEdge>();

  /**
   * Edges between touchpoints on the grid; a connection to a card that is gone is skipped.
   * `interactionWidth` is the invisible hit area around each edge: on big maps a narrow one,
   * because the browser hit-tests every pointer move against all of them.
   */
  build(
    connections: Record<Id, Connection>,
    positioned: ReadonlyMap<Id, XY>,
    selected: ReadonlySet<Id>,
    interactionWidth = DEFAULT_INTERACTION_WIDTH,
  ): ConnectionEdge[] {
    const edges: ConnectionEdge[] = [];
    for (const c of Object.values(connections)) {
      if (!positioned.has(c.sourceId) || !positioned.has(c.targetId)) continue;
      const isSelected = selected.has(c.id);
      edges.push(
        this.reuse.take(
          c.id,
          (prev) =>
            prev.source === c.sourceId &&
            prev.target === c.targetId &&
            prev.selected === isSelected &&
            prev.interactionWidth === interactionWidth,
          () => ({
            id: c.id,
            type: 'smoothstep',
            source: c.sourceId,
            target: c.targetId,
            selected: isSelected,
            interactionWidth,
            markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: isSelected ? EDGE_SELECTED : EDGE_COLOR },
          }),
        ),
      );
    }
    this.reuse.commit();
    return edges;
  }
}

/**
 * Zoomed out on a big map thousands of arrows cross the screen and hide the tiles (and are
 * React Flow's largest per-frame cost while panning): only those of the selection stay.
 */
export function edgesOfSelection(edges: readonly ConnectionEdge[], selectedTouchpoints: ReadonlySet<Id>): ConnectionEdge[] {
  return edges.filter((e) => e.selected || selectedTouchpoints.has(e.source) || selectedTouchpoints.has(e.target));
}
