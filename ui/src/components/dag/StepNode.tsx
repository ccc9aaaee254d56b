/** One step of the DAG: its name, and its status as a symbol and a word on the status colour. */
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { statusLook } from './task-status.js';

export interface StepNodeData extends Record<string, unknown> {
  name: string;
  /** Undefined on a job's DAG (no run): the node shows the step's engine instead. */
  status?: string;
  engine: string;
  type?: string;
}

export type StepNodeType = Node<StepNodeData, 'step'>;

export function StepNode({ data, selected }: NodeProps<StepNodeType>) {
  const look = data.status === undefined ? undefined : statusLook(data.status);
  return (
    <div
      className={`dag-step${selected ? ' dag-step-selected' : ''}`}
      data-status={data.status}
      style={look === undefined ? undefined : { borderColor: look.color }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {look !== undefined && (
        <span className="dag-step-symbol" style={{ background: look.color }} aria-hidden="true">
          {look.symbol}
        </span>
      )}
      <span className="dag-step-text">
        <span className="dag-step-name">{data.name}</span>
        <span className="dag-step-meta">
          {look?.label ?? data.engine}
          {data.type === undefined ? '' : ` · ${data.type}`}
        </span>
      </span>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
