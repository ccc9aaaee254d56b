/**
 * The DAG of a job (`GET /v1/jobs/:id/dag`) drawn with React Flow and laid out by dagre. Given `statuses`, each
 * step shows its task status and the drawing follows every new value. Steps are focusable; Enter, Space or a
 * click selects one (`onSelect`). The default export is meant for `React.lazy`, so React Flow and dagre load
 * only on the pages that draw a DAG.
 */
import { applyNodeChanges, MarkerType, ReactFlow, Controls, type Edge, type NodeChange, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import type { DagJson } from '../../../../src/api/index.js';
import { layoutDag, NODE_HEIGHT, NODE_WIDTH, type DagLayout } from './dag-layout.js';
import { StatusLegend } from './StatusLegend.js';
import { StepNode, type StepNodeType } from './StepNode.js';
import { statusLook } from './task-status.js';
import './dag.css';

export interface DagViewProps {
  dag: DagJson;
  /**
   * Task status by task id (`TaskRunJson.task_id`, the DAG node's `id`); a step name works too (a run of an older
   * job version). Without it the DAG shows the job's steps.
   */
  statuses?: Readonly<Record<string, string>>;
  /** The selected step's task id (controlled); leave undefined to let the view keep its own selection. */
  selected?: string | null;
  onSelect?: (taskId: string) => void;
  /** The drawing's height in pixels (default 360). */
  height?: number;
  /** Names the drawing for assistive technology. */
  label?: string;
}

const nodeTypes: NodeTypes = { step: StepNode };

function toNodes(layout: DagLayout, props: DagViewProps, previous: readonly StepNodeType[]): StepNodeType[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return layout.steps.map((s) => {
    const status = props.statuses?.[s.id] ?? props.statuses?.[s.name];
    const old = before.get(s.id);
    const node: StepNodeType = {
      id: s.id,
      type: 'step',
      position: { x: s.x, y: s.y },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      data: {
        name: s.name,
        engine: s.engine,
        ...(status === undefined ? {} : { status }),
        ...(s.type === undefined ? {} : { type: s.type }),
      },
      ariaLabel: status === undefined ? `step ${s.name}` : `step ${s.name}: ${statusLook(status).label}`,
      selected: props.selected === undefined ? (old?.selected ?? false) : props.selected === s.id,
      draggable: false,
      connectable: false,
    };
    if (old?.measured !== undefined) node.measured = old.measured;
    return node;
  });
}

export default function DagView(props: DagViewProps) {
  const { dag, statuses, selected, onSelect, height = 360, label = 'Job DAG' } = props;
  const layout = useMemo(() => layoutDag(dag), [dag]);
  const [nodes, setNodes] = useState<StepNodeType[]>(() => toNodes(layout, props, []));
  // Follow new statuses and selection without losing what React Flow measured.
  useEffect(() => setNodes((prev) => toNodes(layout, { dag, statuses, selected }, prev)), [layout, dag, statuses, selected]);
  const names = useMemo(() => new Map(layout.steps.map((s) => [s.id, s.name])), [layout]);
  const edges = useMemo<Edge[]>(
    () =>
      layout.edges.map((e) => ({
        id: `${e.from}->${e.to}`,
        source: e.from,
        target: e.to,
        markerEnd: { type: MarkerType.ArrowClosed },
        ariaLabel: `${names.get(e.from) ?? e.from} to ${names.get(e.to) ?? e.to}`,
        focusable: false,
      })),
    [layout, names],
  );

  const onNodesChange = (changes: NodeChange<StepNodeType>[]): void => {
    for (const c of changes) {
      if (c.type === 'select' && c.selected) onSelect?.(c.id);
    }
    setNodes((prev) => applyNodeChanges(changes, prev));
  };

  if (dag.nodes.length === 0) return <p className="dag-empty">This job has no steps.</p>;
  return (
    <figure className="dag-view">
      <div className="dag-canvas" style={{ height }} aria-label={label} role="region">
        <ReactFlow<StepNodeType, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable
          edgesFocusable={false}
          elementsSelectable
          fitView
          minZoom={0.2}
          maxZoom={1.5}
          deleteKeyCode={null}
          ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this step.' }}
        >
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {statuses !== undefined && (
        <figcaption>
          <StatusLegend />
        </figcaption>
      )}
    </figure>
  );
}
