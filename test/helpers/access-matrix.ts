import type { GraphQLSchema } from 'graphql';
import { expect, it } from 'vitest';
import type { Role } from '../../src/api/auth/keys.js';
import type { Counts } from './counts.js';
import { type Operation, documentFor, operationsOf, plainLeaf, sampleVariables } from './operations.js';

export const ROLES: Role[] = ['VIEWER', 'OPERATOR', 'RECALL_COORDINATOR', 'QUALITY', 'ADMIN'];
const EVERYONE = ROLES;
const WRITERS: Role[] = ['OPERATOR', 'ADMIN'];
const COORDINATORS: Role[] = ['RECALL_COORDINATOR', 'ADMIN'];
const QUALITY: Role[] = ['QUALITY', 'ADMIN'];
const RESULTS: Role[] = ['OPERATOR', 'QUALITY', 'ADMIN'];

/**
 * docs/DOMAIN.md's role table, operation by operation: VIEWER every query; OPERATOR also upserts,
 * receiving, production, shipping, transfers, stock counts, test results and imports; RECALL_COORDINATOR also setLotStatus,
 * holdAffectedLots, exports and recall cases (open, respond, close); QUALITY also specifications, test results and releases;
 * ADMIN everything. An operation missing here fails the matrix.
 */
export const ROLE_TABLE: Record<string, Role[]> = {
  viewer: EVERYONE,
  lot: EVERYONE,
  lots: EVERYONE,
  material: EVERYONE,
  supplier: EVERYONE,
  customer: EVERYONE,
  workOrder: EVERYONE,
  shipment: EVERYONE,
  trace: EVERYONE,
  recallImpact: EVERYONE,
  massBalance: EVERYONE,
  lotByGs1: EVERYONE,
  site: EVERYONE,
  sites: EVERYONE,
  location: EVERYONE,
  node: EVERYONE,
  nodes: EVERYONE,
  specifications: EVERYONE,
  lotsByQuality: EVERYONE,
  recall: EVERYONE,
  recalls: EVERYONE,
  fsma204Csv: COORDINATORS,
  exportEpcis: COORDINATORS,
  upsertMaterial: WRITERS,
  upsertSupplier: WRITERS,
  upsertCustomer: WRITERS,
  upsertSite: WRITERS,
  upsertLocation: WRITERS,
  transferLot: WRITERS,
  adjustStock: WRITERS,
  receiveLot: WRITERS,
  recordProduction: WRITERS,
  shipLots: WRITERS,
  importEpcis: WRITERS,
  setLotStatus: COORDINATORS,
  holdAffectedLots: COORDINATORS,
  upsertSpecification: QUALITY,
  recordTestResult: RESULTS,
  // Each event in it needs its own type's roles (QUALITY: test results only), checked event by event.
  recordEvents: RESULTS,
  releaseLot: QUALITY,
  openRecall: COORDINATORS,
  recordConsigneeResponse: COORDINATORS,
  closeRecall: COORDINATORS,
};

export interface MatrixTarget {
  /** Sends the operation with the credentials of `role`, or none. */
  send(query: string, variables: Record<string, unknown>, role: Role | null): Promise<{ status: number; codes: (string | undefined)[] }>;
  /** A key under the test's prefix, so that what an allowed call writes stays apart. */
  key(text: string): string;
  /** The test's footprint in the database. */
  footprint(): Promise<Counts>;
}

/**
 * Every operation of the schema x every role x no credentials, with well-typed arguments (keys
 * the database does not know, so an allowed call may well answer NOT_FOUND or BAD_USER_INPUT):
 * a role the table allows is never refused, any other role is FORBIDDEN and writes nothing, and
 * without credentials it is UNAUTHENTICATED (HTTP 401).
 */
export function accessMatrix(schema: GraphQLSchema, target: () => MatrixTarget): void {
  const run = async (op: Operation) => {
    const t = target();
    const allowed = ROLE_TABLE[op.name];
    expect(allowed, `${op.name} is not in ROLE_TABLE (test/helpers/access-matrix.ts): add it with the roles docs/DOMAIN.md gives it`).toBeDefined();
    for (const who of [null, ...ROLES]) {
      const vars = sampleVariables(op, plainLeaf((path) => t.key(`m-${op.name}-${who ?? 'anon'}-${path.join('.')}`)));
      const query = documentFor(op, vars);
      const before = await t.footprint();
      const r = await t.send(query, vars, who);
      if (who === null) {
        expect([r.status, r.codes], 'no credentials').toEqual([401, ['UNAUTHENTICATED']]);
      } else if (allowed.includes(who)) {
        expect(r.codes, `${who} may ${op.name}`).not.toContain('FORBIDDEN');
        expect(r.codes).not.toContain('UNAUTHENTICATED');
        expect(r.codes).not.toContain('INTERNAL_SERVER_ERROR');
        continue;
      } else {
        expect([r.status, r.codes], `${who} may not ${op.name}`).toEqual([200, ['FORBIDDEN']]);
      }
      expect(await t.footprint()).toEqual(before);
    }
  };
  for (const op of operationsOf(schema)) {
    it(`${op.kind} ${op.name}: ${(ROLE_TABLE[op.name] ?? ['?']).join(', ')}; others FORBIDDEN; no credentials UNAUTHENTICATED`, () => run(op));
  }
}
