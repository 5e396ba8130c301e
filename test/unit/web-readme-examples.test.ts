import fs from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readmeExamples } from '../../web/src/readme-examples.js';

const schema = buildSchema(fs.readFileSync('schema/schema.graphql', 'utf8'));

describe("GraphiQL's example tabs", () => {
  it('come from a README section: ```graphql blocks and curl request bodies, named after their first field', () => {
    const markdown = [
      '## Example',
      'Receive a lot:',
      '```sh',
      `curl -s $LG -d @- <<'EOF'`,
      '{"query": "mutation($i: ReceiveLotInput!) { receiveLot(input: $i) { code } }", "variables": {"i": {"lotCode": "L1"}}}',
      'EOF',
      'curl -s $LG -d \'{"query":"{ lot(code: \\"PB-CR-260305\\") { code } }"}\'',
      '```',
      '**2. `X`, forward: a trace.**',
      '```graphql',
      '{ trace(lotCode: "PEANUT-260309-TX", direction: FORWARD) { maxDepthReached } }',
      '```',
      '```json',
      '{"query": "not an example"}',
      '```',
    ].join('\n');
    expect(readmeExamples(markdown)).toEqual([
      { title: 'Receive a lot', query: '# Receive a lot\nmutation ReceiveLot($i: ReceiveLotInput!) {\n  receiveLot(input: $i) {\n    code\n  }\n}', variables: '{\n  "i": {\n    "lotCode": "L1"\n  }\n}' },
      { title: 'Receive a lot', query: '# Receive a lot\nquery LotPbCr260305 {\n  lot(code: "PB-CR-260305") {\n    code\n  }\n}' },
      { title: 'X, forward: a trace', query: '# X, forward: a trace\nquery TracePeanut260309TxForward {\n  trace(lotCode: "PEANUT-260309-TX", direction: FORWARD) {\n    maxDepthReached\n  }\n}' },
    ]);
  });

  it("are the README's, each valid against the schema, with distinct names", () => {
    const examples = readmeExamples(fs.readFileSync('README.md', 'utf8'));
    // The README walks through recording (4 mutations), lookups (2 queries) and 4 demo traces at least.
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const e of examples) expect(validate(schema, parse(e.query)).map((x) => `${e.title}: ${x.message}`)).toEqual([]);
    const names = examples.map((e) => /^(?:query|mutation) (\w+)/m.exec(e.query)?.[1]);
    expect(new Set(names).size).toBe(examples.length);
  });
});
