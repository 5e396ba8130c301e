import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { useEffect, useMemo, useRef } from 'react';
import { QUALITY_COLOURS, STATUS_COLOURS, UNKNOWN_EXPOSURE, exposureColour } from '../format.js';
import { type Genealogy, type GraphNode, layered } from '../graph-model.js';
import type { Direction } from '../operations.js';

export type ColourBy = 'status' | 'quality' | 'exposure';

interface Props {
  genealogy: Genealogy;
  direction: Direction;
  colourBy: ColourBy;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** Called once the first frame is drawn, with the milliseconds it took from data to pixels. */
  onDrawn?: (ms: number) => void;
}

/** Above this many elements, draw for speed: straight edges without arrows, no labels when zoomed out. */
const LARGE = 1500;

const fill = (n: GraphNode, by: ColourBy) => {
  if (n.kind !== 'lot') return '#ffffff';
  if (by === 'exposure') return n.exposure === undefined ? UNKNOWN_EXPOSURE : exposureColour(n.exposure);
  if (by === 'quality') return n.quality ? QUALITY_COLOURS[n.quality] : '#ffffff';
  return n.status ? STATUS_COLOURS[n.status] : '#ffffff';
};

const label = (n: GraphNode) => (n.hiddenNeighbours ? `${n.key} +${n.hiddenNeighbours}` : n.key);

function style(large: boolean): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)', 'font-size': 11, color: '#1b1b1b', 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': '1px',
        'min-zoomed-font-size': large ? 9 : 0, 'background-color': 'data(fill)', 'border-width': 1.5, 'border-color': '#3c4043',
        width: 26, height: 26,
      },
    },
    { selector: 'node[kind = "lot"]', style: { shape: 'round-rectangle', width: 36, height: 22 } },
    { selector: 'node[kind = "workOrder"]', style: { shape: 'diamond', 'border-color': '#5b3b8c', 'border-width': 2 } },
    { selector: 'node[kind = "shipment"]', style: { shape: 'rhomboid', width: 32, height: 20, 'border-color': '#006064', 'border-width': 2 } },
    { selector: 'node[kind = "customer"]', style: { shape: 'hexagon', width: 30, 'border-color': '#263238', 'border-width': 2 } },
    { selector: 'node[kind = "supplier"]', style: { shape: 'barrel', width: 30, 'border-color': '#5d4037', 'border-width': 2 } },
    { selector: 'node[?root]', style: { 'border-width': 4, 'border-color': '#000000', 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'overlay-color': '#0b57d0', 'overlay-opacity': 0.25, 'overlay-padding': 6, 'border-color': '#0b57d0', 'border-width': 4 } },
    {
      selector: 'edge',
      style: large
        ? { width: 1, 'line-color': '#a7adb3', 'curve-style': 'haystack', 'haystack-radius': 0 }
        : { width: 1.3, 'line-color': '#9aa0a6', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#9aa0a6', 'arrow-scale': 0.8 },
    },
  ];
}

/** The genealogy drawn with cytoscape on a canvas: zoom (wheel, pinch, buttons), pan (drag), tap a node for its details. */
export function GenealogyGraph({ genealogy, direction, colourBy, selectedId, onSelect, onDrawn }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  // Drawn again only when its nodes or edges change: an answer that says more of the same nodes
  // (the whole trace after the part drawn first) recolours and relabels them in place.
  const shape = useMemo(() => [...genealogy.nodes.map((n) => n.id), '', ...genealogy.edges.map((e) => e.id)].join('\n'), [genealogy]);

  useEffect(() => {
    const started = performance.now();
    const positions = layered(genealogy, direction);
    const laidOut = performance.now();
    const large = genealogy.nodes.length + genealogy.edges.length > LARGE;
    const elements: ElementDefinition[] = [
      ...genealogy.nodes.map((n) => ({
        group: 'nodes' as const,
        data: { id: n.id, kind: n.kind, label: label(n), fill: fill(n, colourBy), root: n.root ?? false },
        position: positions.get(n.id),
      })),
      ...genealogy.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ];
    const core = cytoscape({
      container: container.current,
      elements,
      layout: { name: 'preset', fit: true, padding: 30 },
      style: style(large),
      minZoom: 0.02,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autoungrabify: true,
      // Speed over finish while moving a large graph: a still image while panning, no edges mid-gesture.
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      pixelRatio: large ? 1 : 'auto',
    });
    core.on('tap', 'node', (e) => select.current(e.target.id()));
    core.on('tap', (e) => {
      if (e.target === core) select.current(null);
    });
    const built = performance.now();
    // Where the drawing's time goes, as User Timing measures (bench:web reports them; a browser's performance panel shows them).
    core.one('render', () => requestAnimationFrame(() => {
      const drawn = performance.now();
      performance.measure('lotgraph:graph-layout', { start: started, end: laidOut });
      performance.measure('lotgraph:graph-build', { start: laidOut, end: built });
      performance.measure('lotgraph:graph-first-frame', { start: built, end: drawn });
      onDrawn?.(drawn - started);
    }));
    cy.current = core;
    // A window turned or resized (laptop to tablet width): draw the whole graph in the new frame.
    const resized = new ResizeObserver(() => {
      core.resize();
      core.fit(undefined, 30);
    });
    resized.observe(container.current!);
    return () => {
      resized.disconnect();
      core.destroy();
      cy.current = null;
    };
    // colourBy and what a fuller answer says of the same nodes are applied by the effect below, without a redraw.
  }, [shape, direction]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    const byId = new Map(genealogy.nodes.map((n) => [n.id, n]));
    core.batch(() => core.nodes().forEach((node) => {
      const n = byId.get(node.id())!;
      node.data({ fill: fill(n, colourBy), label: label(n) });
    }));
  }, [colourBy, genealogy]);

  useEffect(() => {
    const core = cy.current;
    if (!core) return;
    core.nodes(':selected').unselect();
    if (!selectedId) return;
    const node = core.getElementById(selectedId);
    if (node.empty()) return;
    node.select();
    const { x1, x2, y1, y2 } = core.extent();
    const { x, y } = node.position();
    if (x < x1 || x > x2 || y < y1 || y > y2) core.animate({ center: { eles: node }, zoom: Math.max(core.zoom(), 0.8) }, { duration: 250 });
  }, [selectedId, shape]);

  const zoom = (factor: number) => {
    const core = cy.current;
    if (core) core.zoom({ level: core.zoom() * factor, renderedPosition: { x: core.width() / 2, y: core.height() / 2 } });
  };

  return (
    <div className="graph-wrap">
      <div ref={container} className="graph" id="genealogy-graph" aria-label="Genealogy graph (the tables below list the same)" role="img" />
      <div className="graph-tools" role="toolbar" aria-label="Graph view">
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => cy.current?.fit(undefined, 30)}>Fit</button>
      </div>
    </div>
  );
}
