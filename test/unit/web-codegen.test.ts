import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED, generate } from '../../web/codegen.js';

/**
 * The Recall explorer's types come from GraphQL Code Generator (web/codegen.ts): a schema or
 * operation changed without regenerating them leaves the page type-checked against what is no
 * longer sent or answered, so a stale web/src/gql/graphql.ts fails CI here.
 */
describe('the generated operation types of the Recall explorer', () => {
  it(`${GENERATED} is what codegen makes of schema/schema.graphql and web/src/operations.ts`, async () => {
    const fresh = await generate();
    expect(fs.readFileSync(GENERATED, 'utf8'), `${GENERATED} is out of date: run npm run codegen`).toBe(fresh);
  });

  it('maps every custom scalar: no field of an answer or variable is unknown or any', async () => {
    // Leaving out codegen's generic helpers (Exact<T extends { [key: string]: unknown }>).
    const types = (await generate()).split('\n').filter((line) => !/^(export )?type \w+</.test(line)).join('\n');
    expect(types).not.toMatch(/:\s*(unknown|any)\b/);
    // DateTime, the schema's custom scalar the page reads (Lot.createdAt), is an ISO string.
    expect(types).toMatch(/createdAt: string/);
  });
});
