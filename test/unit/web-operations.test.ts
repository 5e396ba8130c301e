import fs from 'node:fs';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { costEstimator, limitRules } from '../../src/api/limits.js';
import { EVERY_TABLE, HISTORY_PAGE_SIZE, LOTS_PAGE_SIZE, OPERATIONS, QUALITY_PAGE_SIZE, RECALLS_PAGE_SIZE } from '../../web/src/operations.js';

/**
 * The Recall explorer's operations (web/src/operations.ts) against the emitted schema and the
 * server's default query limits: a schema or limit change that would break the page fails here.
 */
const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));
const config = loadConfig({});

/** Variables as the page sends them, at their largest (a page of lots is LOTS_PAGE_SIZE, of history HISTORY_PAGE_SIZE, of the Quality view QUALITY_PAGE_SIZE, of recalls RECALLS_PAGE_SIZE). */
const VARIABLES: Record<keyof typeof OPERATIONS, Record<string, unknown>> = {
  LOT: { code: 'L', historyFirst: HISTORY_PAGE_SIZE },
  LOT_HISTORY: { code: 'L', last: HISTORY_PAGE_SIZE, after: 'a', before: 'b' },
  LOT_BY_GS1: { barcode: '(01)19520001000117(10)PB-CR-260305' },
  LOTS: { where: { materialSku: 'M' }, first: LOTS_PAGE_SIZE },
  TRACE: { lotCode: 'L', direction: 'FORWARD' },
  RECALL_IMPACT: { lotCodes: ['A', 'B'], ...EVERY_TABLE },
  RECALL_LIST: { lotCodes: ['A', 'B'] },
  HOLD_AFFECTED_LOTS: { lotCodes: ['A'], reason: 'r', ...EVERY_TABLE },
  RELEASE_LOT: { lotCode: 'L', reason: 'r' },
  LOTS_BY_QUALITY: { first: QUALITY_PAGE_SIZE, failedAfter: 'a', pendingAfter: 'b' },
  QUALITY_BLOCKS: { lotCode: 'L' },
  PING: {},
  RECALLS: { first: RECALLS_PAGE_SIZE, after: 'a', state: 'OPEN', drill: true },
  RECALL_CASE: { id: 'R' },
  RECALL_PROGRESS: { id: 'R' },
  RECALL_CHANGED_SINCE: { id: 'R' },
  OPEN_RECALL: { input: { recallId: 'R', suspectLotCodes: ['A'], reason: 'r', classification: null, drill: true, hold: false } },
  RECORD_CONSIGNEE_RESPONSE: { input: { eventId: 'e', recallId: 'R', customerCode: 'C', state: 'NOTIFIED', at: '2026-03-01T00:00:00Z', allowOverAccounted: false } },
  CLOSE_RECALL: { recallId: 'R', note: 'n' },
  RECALL_CASE_UPDATED: { id: 'R' },
  VIEWER: {},
};

describe('the Recall explorer operations', () => {
  for (const [name, text] of Object.entries(OPERATIONS) as [keyof typeof OPERATIONS, string][]) {
    it(`${name} is valid and within the default depth, alias and cost limits`, () => {
      const document = parse(text);
      expect(validate(schema, document, [...specifiedRules, ...limitRules(config)]).map((e) => e.message)).toEqual([]);
      const cost = getComplexity({
        schema, query: document, variables: VARIABLES[name],
        estimators: [costEstimator({ maxPageSize: config.LOTGRAPH_MAX_PAGE_SIZE, listSize: config.LOTGRAPH_COMPLEXITY_LIST_SIZE })],
      });
      expect(cost).toBeLessThanOrEqual(config.LOTGRAPH_MAX_COMPLEXITY);
    });
  }
});
