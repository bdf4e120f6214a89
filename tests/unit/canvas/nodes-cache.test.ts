import { describe, expect, it } from 'vitest';
import { computeGrid, GRID } from '../../../src/domain/grid';
import {
  ConnectionEdgeCache,
  GridNodeCache,
  LaneLayoutCache,
  PlacementCache,
  TouchpointNodeCache,
  edgesOfSelection,
  cellNodeId,
  stageHeaderNodeId,
  channelHeaderNodeId,
  tilesByCell,
  cellsOfTouchpoints,
  cardsKeptAsNodes,
  touchpointsInBox,
} from '../../../src/canvas/nodes';
import { makeChannel, makeConnection, makeStage, makeTouchpoint } from '../../fixtures/factories';

const stages = [makeStage({ id: 's1', order: 1 }), makeStage({ id: 's2', order: 2 })];
const channels = [makeChannel({ id: 'c1', order: 1 }), makeChannel({ id: 'c2', order: 2 })];
const none = new Set<string>();
const noDrag = new Map<string, { x: number; y: number }>();

function grid(...tps: ReturnType<typeof makeTouchpoint>[]) {
  return computeGrid(stages, channels, tps);
}

describe('TouchpointNodeCache', () => {
  const a = makeTouchpoint({ id: 'a', stageId: 's1', channelId: 'c1', order: 1 });
  const b = makeTouchpoint({ id: 'b', stageId: 's2', channelId: 'c2', order: 1 });

  it('builds one node per card at its derived position, carrying only the id', () => {
    const layout = grid(a, b);
    const nodes = new TouchpointNodeCache().build(layout.positions, none, noDrag);
    expect(nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(nodes[0]!.position).toEqual(layout.positions.get('a'));
    expect(nodes[0]!.data).toEqual({ touchpointId: 'a' });
    expect(nodes[0]!.type).toBe('touchpoint');
  });

  it('hands back the same node object while position and selection are unchanged', () => {
    const cache = new TouchpointNodeCache();
    const first = cache.build(grid(a, b).positions, none, noDrag);
    // A new layout object (another card's title changed) with the same positions.
    const second = cache.build(grid(a, b).positions, none, noDrag);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it('replaces only the node whose selection changed', () => {
    const cache = new TouchpointNodeCache();
    const layout = grid(a, b);
    const first = cache.build(layout.positions, none, noDrag);
    const second = cache.build(layout.positions, new Set(['b']), noDrag);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.selected).toBe(true);
  });

  it('replaces only the node that moved to another cell', () => {
    const cache = new TouchpointNodeCache();
    const first = cache.build(grid(a, b).positions, none, noDrag);
    const movedB = { ...b, stageId: 's1' };
    const second = cache.build(grid(a, movedB).positions, none, noDrag);
    expect(second.find((n) => n.id === 'a')).toBe(first[0]);
    expect(second.find((n) => n.id === 'b')).not.toBe(first[1]);
  });

  it('shows a dragged card where the pointer holds it, and back at its slot afterwards', () => {
    const cache = new TouchpointNodeCache();
    const layout = grid(a, b);
    const held = { x: 999, y: 333 };
    const during = cache.build(layout.positions, none, new Map([['a', held]]));
    expect(during[0]!.position).toEqual(held);
    const after = cache.build(layout.positions, none, noDrag);
    expect(after[0]!.position).toEqual(layout.positions.get('a'));
  });

  it('drops cards that are no longer on the grid', () => {
    const cache = new TouchpointNodeCache();
    cache.build(grid(a, b).positions, none, noDrag);
    expect(cache.build(grid(a).positions, none, noDrag).map((n) => n.id)).toEqual(['a']);
  });

  it('gives cards a fixed size and declared handles so they need no measuring', () => {
    const [node] = new TouchpointNodeCache().build(grid(a).positions, none, noDrag);
    expect(node!.measured).toEqual({ width: node!.width, height: node!.height });
    expect(node!.handles?.map((h) => h.type)).toEqual(['target', 'source']);
  });
});

describe('GridNodeCache', () => {
  it('draws a cell per stage × channel and a header per stage and channel, none selectable or draggable', () => {
    const nodes = new GridNodeCache().build(grid(), stages, channels);
    expect(nodes.filter((n) => n.type === 'cell')).toHaveLength(4);
    expect(nodes.filter((n) => n.type === 'stageHeader')).toHaveLength(2);
    expect(nodes.filter((n) => n.type === 'channelHeader')).toHaveLength(2);
    expect(nodes.every((n) => n.selectable === false && n.draggable === false)).toBe(true);
    const cell = nodes.find((n) => n.id === cellNodeId('s2', 'c1'))!;
    expect(cell.data).toMatchObject({ stageId: 's2', channelId: 'c1' });
  });

  it('keeps grid nodes whose box is unchanged when a lane below grows', () => {
    const cache = new GridNodeCache();
    const first = cache.build(grid(), stages, channels);
    const stacked = [1, 2].map((order) => makeTouchpoint({ stageId: 's1', channelId: 'c2', order }));
    const second = cache.build(grid(...stacked), stages, channels);
    const byId = (nodes: typeof first, id: string) => nodes.find((n) => n.id === id);
    expect(byId(second, cellNodeId('s1', 'c1'))).toBe(byId(first, cellNodeId('s1', 'c1')));
    expect(byId(second, channelHeaderNodeId('c1'))).toBe(byId(first, channelHeaderNodeId('c1')));
    // A stage header spans the grid's height (it sticks to the top while panning: sticky.tsx).
    expect(byId(second, stageHeaderNodeId('s1'))!.height).toBe(grid(...stacked).height);
    expect(byId(second, cellNodeId('s1', 'c2'))).not.toBe(byId(first, cellNodeId('s1', 'c2')));
  });

  it('rebuilds a header when its lane is recoloured', () => {
    const cache = new GridNodeCache();
    const first = cache.build(grid(), stages, channels);
    const recoloured = [{ ...stages[0]!, color: '#000000' }, stages[1]!];
    const second = cache.build(grid(), recoloured, channels);
    expect(second.find((n) => n.id === stageHeaderNodeId('s1'))).not.toBe(first.find((n) => n.id === stageHeaderNodeId('s1')));
    expect(second.find((n) => n.id === stageHeaderNodeId('s2'))).toBe(first.find((n) => n.id === stageHeaderNodeId('s2')));
  });
});

describe('ConnectionEdgeCache', () => {
  const a = makeTouchpoint({ id: 'a', stageId: 's1', channelId: 'c1' });
  const b = makeTouchpoint({ id: 'b', stageId: 's2', channelId: 'c1' });
  const ab = makeConnection({ id: 'ab', sourceId: 'a', targetId: 'b' });
  const dangling = makeConnection({ id: 'ax', sourceId: 'a', targetId: 'gone' });

  it('draws arrows between cards on the grid and skips a connection to a missing card', () => {
    const edges = new ConnectionEdgeCache().build({ ab, ax: dangling }, grid(a, b).positions, none);
    expect(edges.map((e) => [e.id, e.source, e.target])).toEqual([['ab', 'a', 'b']]);
    expect(edges[0]!.markerEnd).toBeTruthy();
  });

  it('reuses an edge until its selection changes', () => {
    const cache = new ConnectionEdgeCache();
    const positions = grid(a, b).positions;
    const first = cache.build({ ab }, positions, none);
    expect(cache.build({ ab }, positions, none)[0]).toBe(first[0]);
    const selected = cache.build({ ab }, positions, new Set(['ab']));
    expect(selected[0]).not.toBe(first[0]);
    expect(selected[0]!.selected).toBe(true);
  });
});

describe('PlacementCache', () => {
  const a = makeTouchpoint({ id: 'a', stageId: 's1', channelId: 'c1', order: 1 });
  const b = makeTouchpoint({ id: 'b', stageId: 's2', channelId: 'c2', order: 1 });

  it('keeps the list (so the layout) when only a title changed', () => {
    const cache = new PlacementCache();
    const first = cache.of({ a, b });
    expect(cache.of({ a: { ...a, title: 'Renamed' }, b })).toBe(first);
  });

  it('gives a new list when a card moves, is added or is removed', () => {
    const cache = new PlacementCache();
    const first = cache.of({ a, b });
    const moved = cache.of({ a: { ...a, stageId: 's2', order: 2 }, b });
    expect(moved).not.toBe(first);
    expect(grid(...moved).positions.get('a')!.x).toBe(grid(b).positions.get('b')!.x);
    const added = cache.of({ a, b, c: makeTouchpoint({ id: 'c', stageId: 's1', channelId: 'c2', order: 1 }) });
    expect(added.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(cache.of({ a, b }).map((t) => t.id)).toEqual(['a', 'b']);
  });
});

describe('LaneLayoutCache', () => {
  it('keeps the lanes (so the grid) when only a title changed', () => {
    const cache = new LaneLayoutCache();
    const first = cache.of(stages);
    expect(cache.of([{ ...stages[0]!, title: 'Renamed' }, stages[1]!])).toBe(first);
  });

  it('gives the new lanes when one is recoloured, reordered, added or removed', () => {
    const cache = new LaneLayoutCache();
    cache.of(stages);
    const recoloured = [{ ...stages[0]!, color: '#000000' }, stages[1]!];
    expect(cache.of(recoloured)).toBe(recoloured);
    const reordered = [recoloured[1]!, { ...recoloured[0]!, order: 3 }];
    expect(cache.of(reordered)).toBe(reordered);
    const added = [...reordered, makeStage({ id: 's3', order: 4 })];
    expect(cache.of(added)).toBe(added);
    expect(cache.of(reordered)).toBe(reordered);
  });
});

describe('edgesOfSelection (a big map zoomed out)', () => {
  const a = makeTouchpoint({ id: 'a', stageId: 's1', channelId: 'c1', order: 1 });
  const b = makeTouchpoint({ id: 'b', stageId: 's2', channelId: 'c2', order: 1 });
  const c = makeTouchpoint({ id: 'c', stageId: 's2', channelId: 'c1', order: 1 });
  const connections = {
    ab: makeConnection({ id: 'ab', sourceId: 'a', targetId: 'b' }),
    bc: makeConnection({ id: 'bc', sourceId: 'b', targetId: 'c' }),
  };

  it('keeps only the connections selected or touching a selected card', () => {
    const positions = grid(a, b, c).positions;
    const cache = new ConnectionEdgeCache();
    expect(edgesOfSelection(cache.build(connections, positions, none), none)).toEqual([]);
    expect(edgesOfSelection(cache.build(connections, positions, none), new Set(['c'])).map((e) => e.id)).toEqual(['bc']);
    expect(edgesOfSelection(cache.build(connections, positions, new Set(['ab'])), none).map((e) => e.id)).toEqual(['ab']);
  });

  it('gives big maps a narrow hit area around each connection', () => {
    const edges = new ConnectionEdgeCache().build(connections, grid(a, b, c).positions, none, 6);
    expect(edges.every((e) => e.interactionWidth === 6)).toBe(true);
  });
});

describe('tiles drawn by their cells (zoomed far out on a big map)', () => {
  const a1 = makeTouchpoint({ id: 'a1', stageId: 's1', channelId: 'c1', order: 1 });
  const a2 = makeTouchpoint({ id: 'a2', stageId: 's1', channelId: 'c1', order: 2 });
  const b = makeTouchpoint({ id: 'b', stageId: 's2', channelId: 'c2', order: 1 });
  const all = [a1, a2, b];

  it('puts every card in its own cell at its slot, relative to the cell corner', () => {
    const layout = grid(...all);
    const tiles = tilesByCell(layout, cellsOfTouchpoints(all), none);
    const first = tiles.get(cellNodeId('s1', 'c1'))!;
    expect(first.map((t) => t.id)).toEqual(['a1', 'a2']);
    expect(first[0]).toEqual({ id: 'a1', x: (GRID.columnWidth - GRID.cardWidth) / 2, y: GRID.cellPadding, height: GRID.cardHeight });
    expect(first[1]!.y - first[0]!.y).toBe(GRID.cardHeight + GRID.cardGap);
    expect(tiles.get(cellNodeId('s2', 'c2'))!.map((t) => t.id)).toEqual(['b']);
    expect(tiles.has(cellNodeId('s1', 'c2'))).toBe(false);
  });

  it('leaves out the cards that stay React Flow nodes, so nothing is drawn twice', () => {
    const tiles = tilesByCell(grid(...all), cellsOfTouchpoints(all), new Set(['a2']));
    expect(tiles.get(cellNodeId('s1', 'c1'))!.map((t) => t.id)).toEqual(['a1']);
  });

  it('keeps the selection and both ends of its connections as nodes, so those arrows can be drawn', () => {
    const connections = {
      k1: makeConnection({ id: 'k1', sourceId: 'a1', targetId: 'b' }),
      k2: makeConnection({ id: 'k2', sourceId: 'a2', targetId: 'x' }),
    };
    expect([...cardsKeptAsNodes(connections, new Set(['a1']), none)].sort()).toEqual(['a1', 'b']);
    expect([...cardsKeptAsNodes(connections, none, new Set(['k2']))].sort()).toEqual(['a2', 'x']);
    expect(cardsKeptAsNodes(connections, none, none).size).toBe(0);
  });

  it('box-selects the cards lying wholly inside the box, drawn in either direction', () => {
    const layout = grid(...all);
    const at = layout.positions.get('a1')!;
    const corner = { x: at.x + GRID.cardWidth + 1, y: at.y + GRID.cardHeight + 1 };
    expect(touchpointsInBox(layout.positions, { x: at.x - 1, y: at.y - 1 }, corner)).toEqual(['a1']);
    expect(touchpointsInBox(layout.positions, corner, { x: at.x - 1, y: at.y - 1 })).toEqual(['a1']);
    // Half of a card is not enough.
    expect(touchpointsInBox(layout.positions, at, { x: at.x + GRID.cardWidth / 2, y: corner.y })).toEqual([]);
  });
});
