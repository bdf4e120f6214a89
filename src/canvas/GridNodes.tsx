// The grid drawn as React Flow nodes behind the cards: they pan and zoom with the map, and
// a Shift-drag that starts on them still draws a selection box (React Flow sees them).
import { memo, useContext } from 'react';
import type { NodeProps } from '@xyflow/react';
import { GRID } from '../domain/grid';
import { useT } from '../locales/i18n';
import { LaneHeader } from './LaneHeader';
import { LayerRow } from './LayerRow';
import { Sticky } from './sticky';
import { CellTilesContext } from './layoutContext';
import { CellTile } from './TouchpointCard';
import type { CellFlowNode, ChannelHeaderFlowNode, LayerRowFlowNode, StageHeaderFlowNode } from './nodes';

function CellView({ id, data }: NodeProps<CellFlowNode>) {
  const tiles = useContext(CellTilesContext)?.get(id);
  return (
    <div
      className="cjm-cell"
      data-testid="grid-cell"
      data-stage-id={data.stageId}
      data-channel-id={data.channelId}
      style={{ ['--lane-color' as string]: data.color }}
    >
      {tiles?.map((tile) => <CellTile key={tile.id} id={tile.id} x={tile.x} y={tile.y} height={tile.height} />)}
    </div>
  );
}

// Header nodes span the grid; only the header strip is drawn, and it sticks (sticky.tsx).
const STAGE_STRIP = { height: GRID.stageHeaderHeight };
const CHANNEL_STRIP = { width: GRID.laneHeaderWidth, height: '100%' };

function StageHeaderView({ data }: NodeProps<StageHeaderFlowNode>) {
  return (
    <Sticky axis="top" style={STAGE_STRIP}>
      <LaneHeader kind="stage" laneId={data.stageId} index={data.index} />
    </Sticky>
  );
}

function ChannelHeaderView({ data }: NodeProps<ChannelHeaderFlowNode>) {
  return (
    <Sticky axis="left" style={CHANNEL_STRIP}>
      <LaneHeader kind="channel" laneId={data.channelId} index={data.index} />
    </Sticky>
  );
}

function LayerRowView({ data }: NodeProps<LayerRowFlowNode>) {
  return <LayerRow layerId={data.layerId} index={data.index} count={data.count} />;
}

/** The band between the customer's side of the map and the company's backstage. */
function VisibilityLineView() {
  const t = useT();
  return (
    <div className="cjm-visibility-line" data-testid="line-of-visibility">
      <span className="cjm-visibility-line__label">{t('layers.lineOfVisibility')}</span>
    </div>
  );
}

export const CellNode = memo(CellView);
export const LayerRowNode = memo(LayerRowView);
export const VisibilityLineNode = memo(VisibilityLineView);
export const StageHeaderNode = memo(StageHeaderView);
export const ChannelHeaderNode = memo(ChannelHeaderView);
