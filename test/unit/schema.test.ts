import fs from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSdl } from '../../src/api/schema.js';

describe('the emitted schema', () => {
  it('is what is committed in schema/schema.graphql (run `npm run schema:emit` after changing types)', async () => {
    expect(await printSdl()).toBe(fs.readFileSync('schema/schema.graphql', 'utf8'));
  });

  it('has no breaking change against the public contract', async () => {
    const contract = buildSchema(fs.readFileSync('schema/contract.graphql', 'utf8'));
    const ours = buildSchema(await printSdl());
    expect(findBreakingChanges(contract, ours).map((c) => c.description)).toEqual([]);
  });
});
