import { describe, expect, it } from 'vitest';
import { genealogyOf, layered, nearestNodes, only, topUp } from '../../web/src/graph-model.js';
import type { LotRow, Trace } from '../../web/src/operations.js';

const lot = (code: string, supplier: string | null = null): LotRow => ({
  code, status: 'AVAILABLE', quality: 'NOT_REQUIRED', quantity: 1, onHand: 1, uom: 'kg', createdAt: '2026-03-01T00:00:00Z',
  material: { sku: 'M', name: 'M', kind: 'RAW' }, supplier: supplier ? { code: supplier, name: supplier } : null,
});

/** R and S go into W1, which makes A; A is shipped in H1 to customer C. Traced forward from R. */
const forward: Trace = {
  root: lot('R'),
  direction: 'FORWARD',
  lots: [{ depth: 1, exposure: 0.4, lot: lot('A') }],
  workOrders: [{ number: 'W1', kind: 'PRODUCTION', completedAt: '2026-03-02T00:00:00Z', site: null }],
  shipments: [{ number: 'H1', shippedAt: '2026-03-03T00:00:00Z', referenceDocument: null, customer: { code: 'C', name: 'C' } }],
  customers: [],
  suppliers: [],
  edges: [
    { from: 'R', to: 'W1', kind: 'CONSUMED_BY', quantity: 40, uom: 'kg' },
    // S was not reached (a forward trace does not go upstream): its edge is left out.
    { from: 'S', to: 'W1', kind: 'CONSUMED_BY', quantity: 60, uom: 'kg' },
    { from: 'W1', to: 'A', kind: 'PRODUCED', quantity: 100, uom: 'kg' },
    { from: 'A', to: 'H1', kind: 'SHIPPED_IN', quantity: 20, uom: 'kg' },
  ],
  maxDepthReached: 1,
  truncated: false,
};

describe('the genealogy graph of a trace', () => {
  it('has lots, work orders, shipments and customers, ranked by hops from the root along the flow', () => {
    const g = genealogyOf(forward);
    expect(Object.fromEntries(g.nodes.map((n) => [n.id, n.rank]))).toEqual({
      'lot:R': 0, 'workOrder:W1': 1, 'lot:A': 2, 'shipment:H1': 3, 'customer:C': 4,
    });
    expect(g.edges.map((e) => e.id)).toEqual(['shipment:H1>customer:C', 'lot:R>workOrder:W1', 'workOrder:W1>lot:A', 'lot:A>shipment:H1']);
    expect(g.nodes.find((n) => n.id === 'lot:A')).toMatchObject({ exposure: 0.4, status: 'AVAILABLE' });
    expect(g.nodes.find((n) => n.id === 'lot:R')).toMatchObject({ root: true, exposure: 1 });
  });

  it('adds the suppliers of a backward trace upstream of their lots', () => {
    // Traced backward from A: W1 made it from R (received from supplier P).
    const backward: Trace = {
      ...forward, direction: 'BACKWARD', root: lot('A'), lots: [{ depth: 1, exposure: null, lot: lot('R', 'P') }], shipments: [],
      edges: forward.edges.filter((e) => e.kind !== 'SHIPPED_IN'),
    };
    const g = genealogyOf(backward);
    expect(Object.fromEntries(g.nodes.map((n) => [n.id, n.rank]))).toEqual({ 'lot:A': 0, 'workOrder:W1': 1, 'lot:R': 2, 'supplier:P': 3 });
    // Upstream is drawn to the left: x = −rank × 170 (the column gap).
    const at = layered(g, 'BACKWARD');
    expect([...at.values()].map((p) => p.x)).toEqual([0, -170, -340, -510]);
  });

  it('keeps the nodes nearest the root within a budget, counting what it hides', () => {
    const cut = nearestNodes(genealogyOf(forward), 3);
    expect(cut.nodes.map((n) => n.id)).toEqual(['lot:R', 'workOrder:W1', 'lot:A']);
    expect(cut.hidden).toBe(2);
    // A's shipment is hidden: A says so.
    expect(cut.nodes.find((n) => n.id === 'lot:A')?.hiddenNeighbours).toBe(1);
    expect(cut.edges.map((e) => e.id)).toEqual(['lot:R>workOrder:W1', 'workOrder:W1>lot:A']);
  });

  it('keeps the nodes first drawn when a fuller answer comes, with what it says of them and of what they hide', () => {
    // First drawn: R, W1 and A, of a trace cut before A's shipment (A's exposure unknown there).
    const part: Trace = { ...forward, lots: [{ depth: 1, exposure: null, lot: lot('A') }], shipments: [], truncated: true };
    const drawn = nearestNodes(genealogyOf(part), 2000).nodes.map((n) => n.id);
    expect([...drawn].sort()).toEqual(['lot:A', 'lot:R', 'workOrder:W1']);
    const kept = only(genealogyOf(forward), drawn);
    expect(kept.nodes.map((n) => n.id).sort()).toEqual([...drawn].sort());
    expect(kept.hidden).toBe(2);
    expect(kept.nodes.find((n) => n.id === 'lot:A')).toMatchObject({ exposure: 0.4, hiddenNeighbours: 1 });
    expect(kept.edges.map((e) => e.id)).toEqual(['lot:R>workOrder:W1', 'workOrder:W1>lot:A']);
  });

  it('tops a drawing up to the budget with the nearest nodes not drawn, and leaves a full one as it is', () => {
    const g = genealogyOf(forward);
    // Drawn: R and A; the nearest of the rest is W1 (rank 1), then H1 (rank 3).
    const topped = topUp(g, ['lot:R', 'lot:A'], 4);
    expect(topped.nodes.map((n) => n.id)).toEqual(['lot:R', 'lot:A', 'workOrder:W1', 'shipment:H1']);
    expect(topped.hidden).toBe(1);
    expect(topped.nodes.find((n) => n.id === 'shipment:H1')?.hiddenNeighbours).toBe(1);
    expect(topUp(g, ['lot:R', 'lot:A'], 2).nodes.map((n) => n.id)).toEqual(['lot:R', 'lot:A']);
  });

  it('folds a tall column into blocks and centres each column on the root', () => {
    // A hub: R feeds W0..W4. With 2 rows per fold, rank 1 is three folds of 2, 2 and 1 work orders.
    const hub: Trace = {
      ...forward, lots: [], shipments: [],
      workOrders: [0, 1, 2, 3, 4].map((i) => ({ number: `W${i}`, kind: 'PRODUCTION', completedAt: '2026-03-02T00:00:00Z', site: null })),
      edges: [0, 1, 2, 3, 4].map((i) => ({ from: 'R', to: `W${i}`, kind: 'CONSUMED_BY' as const, quantity: 1, uom: 'kg' })),
    };
    const at = layered(genealogyOf(hub), 'FORWARD', { x: 100, y: 10, fold: 30 }, 2);
    expect(Object.fromEntries([...at].map(([id, p]) => [id, [p.x, p.y]]))).toEqual({
      'lot:R': [0, 0],
      'workOrder:W0': [100, -5], 'workOrder:W1': [100, 5],
      'workOrder:W2': [130, -5], 'workOrder:W3': [130, 5],
      'workOrder:W4': [160, -5],
    });
  });
});
