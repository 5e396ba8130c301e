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
    site: (code: string, name = code) =>
      must('mutation S($i: SiteInput!) { upsertSite(input: $i) { code } }', { i: { code: k(code), name } }),
    location: (code: string, site: string, name = code) =>
      must('mutation L($i: LocationInput!) { upsertLocation(input: $i) { code } }', { i: { code: k(code), siteCode: k(site), name } }),
    /** `location`: where it goes (else the default location). */
    receive: (lot: string, sku: string, quantity: number, o: { uom?: string; supplier?: string; at?: string; location?: string } = {}) =>
      must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
        i: {
          eventId: k(`ev${++events}`), lotCode: k(lot), materialSku: k(sku), quantity, uom: o.uom ?? 'kg',
          supplierCode: k(o.supplier ?? 'SUP'), receivedAt: o.at ?? '2026-03-01T08:00:00Z',
          ...(o.location ? { location: k(o.location) } : {}),
        },
      }),
    /** An input's `location` is where it is taken from; `o.location` where the outputs go. */
    produce: (
      wo: string,
      inputs: [lot: string, quantity: number, uom?: string, location?: string][],
      outputs: [lot: string, sku: string, quantity: number, uom?: string][],
      o: { kind?: string; at?: string; location?: string } = {},
    ) =>
      must('mutation P($i: ProductionInput!) { recordProduction(input: $i) { number } }', {
        i: {
          eventId: k(`ev${++events}`), workOrderNumber: k(wo), kind: o.kind ?? 'PRODUCTION', completedAt: o.at ?? '2026-03-02T08:00:00Z',
          ...(o.location ? { location: k(o.location) } : {}),
          inputs: inputs.map(([lot, quantity, uom, location]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg', ...(location ? { location: k(location) } : {}) })),
          outputs: outputs.map(([lot, sku, quantity, uom]) => ({ lotCode: k(lot), materialSku: k(sku), quantity, uom: uom ?? 'kg' })),
        },
      }),
    /** `fromLocation`: where every line is taken from (else the only location each lot sits at). */
    ship: (number: string, customer: string, lines: [lot: string, quantity: number, uom?: string][], at = '2026-03-03T08:00:00Z', fromLocation?: string) =>
      must('mutation H($i: ShipmentInput!) { shipLots(input: $i) { number } }', {
        i: {
          eventId: k(`ev${++events}`), shipmentNumber: k(number), customerCode: k(customer), shippedAt: at,
          ...(fromLocation ? { fromLocation: k(fromLocation) } : {}),
          lines: lines.map(([lot, quantity, uom]) => ({ lotCode: k(lot), quantity, uom: uom ?? 'kg' })),
        },
      }),
    transfer: (lot: string, quantity: number, from: string, to: string, o: { uom?: string; at?: string; reference?: string } = {}) =>
      must('mutation T($i: TransferInput!) { transferLot(input: $i) { code } }', {
        i: {
          eventId: k(`ev${++events}`), lotCode: k(lot), quantity, uom: o.uom ?? 'kg', fromLocation: k(from), toLocation: k(to),
          movedAt: o.at ?? '2026-03-02T12:00:00Z', referenceDocument: o.reference ?? null,
        },
      }),
    count: (lot: string, location: string, countedQuantity: number, reason: string, o: { uom?: string; at?: string } = {}) =>
      must('mutation A($i: AdjustmentInput!) { adjustStock(input: $i) { code } }', {
        i: {
          eventId: k(`ev${++events}`), lotCode: k(lot), location: k(location), countedQuantity, uom: o.uom ?? 'kg',
          countedAt: o.at ?? '2026-03-03T12:00:00Z', reason,
        },
      }),
  };
}

/**
 * The plant both browser recall tests recall A of, in two units: X is 40 kg of A in 50 kg of mix
 * (exposure 0.8), packed in 50 cases. Shipped: C1 20 cases of X; C2 10 cases of X and 5 kg of A.
 * In house: A 100 − 40 − 5 = 55 kg, X 50 − 20 − 10 = 20 cases.
 */
export async function mixedUnitsPlant(f: ReturnType<typeof plant>) {
  await f.supplier('SUP');
  await f.customer('C1');
  await f.customer('C2');
  await f.material('RAW');
  await f.material('OTHER');
  await f.material('MIX', 'INTERMEDIATE', 'case');
  await f.receive('A', 'RAW', 100);
  await f.receive('B', 'OTHER', 50);
  await f.produce('WO1', [['A', 40], ['B', 10]], [['X', 'MIX', 50, 'case']]);
  await f.ship('SH1', 'C1', [['X', 20, 'case']]);
  await f.ship('SH2', 'C2', [['X', 10, 'case'], ['A', 5]]);
}
