import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GS, withCheckDigit } from '../../src/core/gs1/gs1.js';
import { type TestApi, codes, startApi, uniquePrefix } from '../helpers/api.js';

const LOT_BY_GS1 = 'query G($b: String!) { lotByGs1(barcode: $b) { code quantity material { sku gtin } supplierLotCode } }';

let api: TestApi;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

async function must(query: string, variables: Record<string, unknown>) {
  const r = await api.gql(query, variables, 'ADMIN');
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

/**
 * A finished good whose GTIN is stored as a GTIN-13 (as entered), one of its lots, and a raw
 * material with a GTIN-14 received twice under one supplier lot code and once under another.
 */
async function plant() {
  const prefix = uniquePrefix('g'); // "g-xxxxxxxx-": codes stay GS1 lot numbers (at most 20 characters)
  const k = (s: string) => `${prefix}${s}`;
  const gtin13 = withCheckDigit(`952${String(randomInt(0, 1e9)).padStart(9, '0')}`);
  const rawGtin14 = withCheckDigit(`1952${String(randomInt(0, 1e9)).padStart(9, '0')}`);
  const material = (sku: string, gtin: string, uom: string) =>
    must('mutation M($i: MaterialInput!) { upsertMaterial(input: $i) { sku } }', { i: { sku: k(sku), name: sku, kind: 'RAW', uom, gtin } });
  await material('FG', gtin13, 'case');
  await material('RAW', rawGtin14, 'kg');
  await must('mutation S($i: PartyInput!) { upsertSupplier(input: $i) { code } }', { i: { code: k('SUP'), name: 'SUP' } });
  const receive = (lot: string, sku: string, uom: string, supplierLotCode: string) =>
    must('mutation R($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }', {
      i: { eventId: k(`ev-${lot}`), lotCode: k(lot), materialSku: k(sku), quantity: 10, uom, supplierCode: k('SUP'), supplierLotCode, receivedAt: '2026-03-01T08:00:00Z' },
    });
  await receive('L1', 'FG', 'case', 'irrelevant');
  await receive('R1', 'RAW', 'kg', `${prefix}S9`);
  await receive('R2', 'RAW', 'kg', `${prefix}S8`);
  await receive('R3', 'RAW', 'kg', `${prefix}S8`);
  return { k, gtin14: `0${gtin13}`, rawGtin14 };
}

describe('lotByGs1: a scanned label to its lot', () => {
  it('finds the lot by GTIN (compared as GTIN-14) and lot, whatever the label syntax', async () => {
    const { k, gtin14 } = await plant();
    const labels = [
      `(01)${gtin14}(17)261231(10)${k('L1')}`,
      `]d2${'01'}${gtin14}${'10'}${k('L1')}${GS}17261231`,
      `]C1${'01'}${gtin14}${'17'}261231${'10'}${k('L1')}`,
      `https://id.gs1.org/01/${gtin14}/10/${k('L1')}?17=261231`,
      `https://example.com/p/01/${gtin14.slice(1)}/10/${k('L1')}`, // a Digital Link with the GTIN-13
    ];
    for (const b of labels) {
      expect((await must(LOT_BY_GS1, { b })).lotByGs1, b).toMatchObject({ code: k('L1'), material: { sku: k('FG'), gtin: gtin14.slice(1) } });
    }
  });

  it('finds a received lot by the supplier\'s lot code on the supplier\'s label, refuses an ambiguous one', async () => {
    const { k, rawGtin14 } = await plant();
    expect((await must(LOT_BY_GS1, { b: `(01)${rawGtin14}(10)${k('S9')}` })).lotByGs1).toMatchObject({ code: k('R1'), supplierLotCode: k('S9') });
    const r = await api.gql(LOT_BY_GS1, { b: `(01)${rawGtin14}(10)${k('S8')}` }, 'VIEWER');
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0].message).toContain(`was received as several lots (${k('R2')}, ${k('R3')})`);
  });

  it('is null for a label of no lot lotgraph knows', async () => {
    const { k, gtin14, rawGtin14 } = await plant();
    expect((await api.gql(LOT_BY_GS1, { b: `(01)${gtin14}(10)${k('NONE')}` }, 'VIEWER')).data.lotByGs1).toBeNull();
    // a lot that exists, but of another material
    expect((await api.gql(LOT_BY_GS1, { b: `(01)${rawGtin14}(10)${k('L1')}` }, 'VIEWER')).data.lotByGs1).toBeNull();
  });

  it('refuses malformed labels and labels that name no lot, saying why', async () => {
    const refused = async (b: string) => {
      const r = await api.gql(LOT_BY_GS1, { b }, 'VIEWER');
      expect(codes(r), b).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].extensions!.field).toBe('barcode');
      return r.errors![0].message;
    };
    expect(await refused('(01)09506000134353(10)ABC')).toContain('(01) 09506000134353: check digit should be 2, not 3');
    expect(await refused('(00)106141411234567897')).toContain('names no lot');
    expect(await refused('(01)09506000134352')).toContain('names no lot');
    expect(await refused('hello')).toContain('no GS1 Application Identifier');
  });

  it('needs a key', async () => {
    expect(codes(await api.gql(LOT_BY_GS1, { b: '(01)09506000134352(10)A' }, null))).toEqual(['UNAUTHENTICATED']);
  });
});
