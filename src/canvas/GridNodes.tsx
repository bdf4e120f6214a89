// The grid drawn as React Flow nodes behind the cards: they pan and zoom with the map, and
// a Shift-drag that starts on them still draws a selection box (React Flow sees them).
import { memo, useContext } from 'react';
import type { NodeProps } from '@xyflow/react';
import { LaneHeader } from './LaneHeader';
import { CellTilesContext } from './layoutContext';
import { CellTile } from './TouchpointCard';
import type { CellFlowNode, ChannelHeaderFlowNode, StageHeaderFlowNode } from './nodes';

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

function StageHeaderView({ data }: NodeProps<StageHeaderFlowNode>) {
  return <LaneHeader kind="stage" laneId={data.stageId} index={data.index} />;
}

function ChannelHeaderView({ data }: NodeProps<ChannelHeaderFlowNode>) {
  return <LaneHeader kind="channel" laneId={data.channelId} index={data.index} />;
}

export const CellNode = memo(CellView);
export const StageHeaderNode = memo(StageHeaderView);
export const ChannelHeaderNode = memo(ChannelHeaderView);
