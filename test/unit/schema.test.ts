import fs from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSdl } from '../../src/api/schema.js';

describe('the emitted schema', () => {
  it('is what is committed in schema/schema.graphql (run `npm run schema:emit` after changing types)', async () => {
    expect(await printSdl()).toBe(fs.readFileSync('schema/schema.graphql', 'utf8'));
  });

  it('has no breaking change against the public contract and its additions (contract-next: sites, quality, recall cases)', async () => {
    // contract-next extends the contract's Query, Mutation, Lot and inputs: one document, built together.
    const contract = buildSchema(['schema/contract.graphql', 'schema/contract-next.graphql'].map((f) => fs.readFileSync(f, 'utf8')).join('\n'));
    const ours = buildSchema(await printSdl());
    expect(findBreakingChanges(contract, ours).map((c) => c.description)).toEqual([]);
  });
});
