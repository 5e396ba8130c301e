import type { TestApi } from './api.js';

/**
 * Builds a small plant through the real recording mutations, every key prefixed so that the
 * test's data cannot collide with another test's. Each call fails the test on any GraphQL error.
 */
export function plant(api: TestApi, prefix: string) {
  const k = (s: string) => `${prefix}${s}`;
  let events = 0;
  const must = async (query: string, variables: Record<string, unknown>) => {
    const r = await api.gql(query, variables, 'ADMIN');
    if (r.errors) throw new Error(`${query.split('(')[0].trim()}: ${JSON.stringify(r.errors)}`);
    return r.data;
  };
  return {
    k,
    material: (sku: string, kind = 'RAW', uom = 'kg') =>
      must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k(sku), name: sku, kind, uom } }),
    supplier: (code: string) =>
      must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k(code), name: code } }),
    customer: (code: string) =>
      must('mutation C($i: PartyInput!) { upsertCustomer(input: $i) { code } }', { i: { code: k(code), name: code } }),
    receive: (lot: string, sku: string, quantity: number, o: { uom?: string; supplier?: string; at?: string } = {}) =>
      must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
        i: {
          eventId: k(`ev${++events}`), lotCode: k(lot), materialSku: k(sku), quantity, uom: o.uom ?? 'kg',
          supplierCode: k(o.supplier ?? 'SUP'), receivedAt: o.at ?? '2026-03-01T08:00:00Z',
        },
      }),
    produce: (
      wo: string,
      inputs: [lot: string, quantity: number, uom?: string][],
      outputs: [lot: string, sku: string, quantity: number, uom?: string][],
      o: { kind?: string; at?: string } = {},
    ) =>
      must('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
        i: {
          eventId: k(`ev${++events}`), workOrderNumber: k(wo), kind: o.kind ?? 'PRODUCTION', completedAt: o.at ?? '2026-03-02T08:00:00Z',
          inputs: inputs.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg' })),
          outputs: outputs.map(([lot, sku, quantity, uom]) => ({ lotCode: k(lot), materialSku: k(sku), quantity, uom: uom ?? 'kg' })),
        },
      }),
    ship: (number: string, customer: string, lines: [lot: string, quantity: number, uom?: string][], at = '2026-03-03T08:00:00Z') =>
      must('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
        i: {
          eventId: k(`ev${++events}`), shipmentNumber: k(number), customerCode: k(customer), shippedAt: at,
          lines: lines.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg' })),
        },
      }),
  };
}
