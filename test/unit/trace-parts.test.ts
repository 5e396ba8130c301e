import fs from 'node:fs';
import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { traceParts } from '../../src/api/trace/trace.parts.js';
import type { TraceParts } from '../../src/core/trace/trace.parts.js';

// The committed SDL, with a trace resolver that only records what traceParts makes of its selection.
const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));
let seen: TraceParts | null = null;
schema.getQueryType()!.getFields().trace.resolve = (_source, _args, _ctx, info) => {
  seen = traceParts(info);
  return null;
};

async function partsOf(selection: string, extra = '', variableValues: Record<string, unknown> = {}): Promise<TraceParts> {
  seen = null;
  const result = await graphql({
    schema,
    source: `query Q${selection.includes('$skip') ? '($skip: Boolean!)' : ''} { trace(lotCode: "L", direction: FORWARD) ${selection} } ${extra}`,
    variableValues,
  });
  // The resolver ran (the query was valid); its null answer to a non-null field is the only error.
  expect(seen, JSON.stringify(result.errors)).not.toBeNull();
  return seen!;
}

const none = { lots: false, workOrders: false, lines: false, suppliers: false };

describe('traceParts: what a trace selection needs read beyond codes and depths', () => {
  it('needs nothing more for lot codes, depths and the trace flags', async () => {
    expect(await partsOf('{ lots { lot { code __typename } depth } maxDepthReached truncated direction root { code } }')).toEqual(none);
  });

  it('needs lot details for any lot field beyond the code, wherever the lot appears', async () => {
    expect(await partsOf('{ lots { lot { status } } }')).toEqual({ ...none, lots: true });
    expect(await partsOf('{ root { onHand } }')).toEqual({ ...none, lots: true });
    expect(await partsOf('{ customers { lots { material { sku } } } }')).toEqual({ ...none, lots: true, lines: true });
  });

  it('needs work orders for work orders, edges and exposure, and shipment lines for shipments, customers and edges', async () => {
    expect(await partsOf('{ workOrders { number } }')).toEqual({ ...none, workOrders: true });
    expect(await partsOf('{ lots { exposure } }')).toEqual({ ...none, workOrders: true });
    expect(await partsOf('{ customers { exposedQuantity } }')).toEqual({ ...none, workOrders: true, lines: true });
    expect(await partsOf('{ customers { quantityShipped } }')).toEqual({ ...none, lines: true });
    expect(await partsOf('{ customers { shippedByUnit { uom quantityShipped } } }')).toEqual({ ...none, lines: true });
    expect(await partsOf('{ customers { shippedByUnit { exposedQuantity } } }')).toEqual({ ...none, workOrders: true, lines: true });
    expect(await partsOf('{ shipments { number } }')).toEqual({ ...none, lines: true });
    expect(await partsOf('{ edges { from to } }')).toEqual({ ...none, workOrders: true, lines: true });
    expect(await partsOf('{ suppliers { code } }')).toEqual({ ...none, suppliers: true });
  });

  it('sees through aliases, named and inline fragments, and honours @skip', async () => {
    expect(await partsOf('{ a: lots { b: lot { c: status } } }')).toEqual({ ...none, lots: true });
    expect(await partsOf('{ ...T }', 'fragment T on Trace { lots { lot { ...L } } } fragment L on Lot { expiresAt }')).toEqual({ ...none, lots: true });
    expect(await partsOf('{ ... on Trace { edges { type } } }')).toEqual({ ...none, workOrders: true, lines: true });
    expect(await partsOf('{ lots { depth } workOrders @skip(if: $skip) { number } }', '', { skip: true })).toEqual(none);
    expect(await partsOf('{ lots { depth } workOrders @skip(if: $skip) { number } }', '', { skip: false })).toEqual({ ...none, workOrders: true });
  });
});
