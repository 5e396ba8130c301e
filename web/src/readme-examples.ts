import { Kind, type OperationDefinitionNode, type ValueNode, parse, print } from 'graphql';

/**
 * The README's example operations, for GraphiQL's tabs: its ```graphql blocks and the JSON bodies
 * of its curl examples (`-d '{…}'` and `-d @- <<'EOF' … EOF`). Read from the README at build time,
 * so GraphiQL offers what the README shows. Anonymous operations get a name from their first field
 * and its literal arguments, so each tab has a title. Unit-tested in test/unit/web-readme-examples.test.ts.
 */
export interface Example {
  /** The README line that introduces the example. */
  title: string;
  query: string;
  /** JSON text, when the example has variables. */
  variables?: string;
}

const FENCE = /^```(\w*)\s*$/;

export function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let context = '';
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (!fence) {
      if (lines[i].trim()) context = lines[i];
      continue;
    }
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
    const title = cleanTitle(context);
    if (fence[1] === 'graphql') examples.push({ title, query: body.join('\n') });
    if (fence[1] === 'sh') {
      for (const request of requestBodies(body.join('\n'))) {
        examples.push({ title, query: request.query, ...(request.variables ? { variables: JSON.stringify(request.variables, null, 2) } : {}) });
      }
    }
  }
  const names = new Set<string>();
  return examples.map((e) => ({ ...e, query: `# ${e.title}\n${named(e.query, names)}` }));
}

/** The GraphQL request bodies of a shell script's curl commands (also read by the README walk-through test). */
export function requestBodies(script: string): { query: string; variables?: Record<string, unknown> }[] {
  const texts = [
    ...[...script.matchAll(/<<'EOF'\n([\s\S]*?)\nEOF/g)].map((m) => m[1]),
    ...[...script.matchAll(/-d '(\{[^']*\})'/g)].map((m) => m[1]),
  ];
  return texts.flatMap((text) => {
    try {
      const body = JSON.parse(text) as { query?: unknown; variables?: Record<string, unknown> };
      return typeof body.query === 'string' ? [{ query: body.query, variables: body.variables }] : [];
    } catch {
      return []; // not a GraphQL request body
    }
  });
}

const cleanTitle = (line: string) =>
  line.replace(/^#+\s*/, '').replace(/[*`]/g, '').replace(/^\d+\.\s*/, '').replace(/[:.]\s*$/, '').trim().slice(0, 120);

const pascal = (text: string) =>
  text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join('');

/** Codes and enum values name an example well; a barcode or a document does not. */
function literals(value: ValueNode): string[] {
  if (value.kind === Kind.ENUM) return [value.value];
  if (value.kind === Kind.STRING) return /^[\w.-]{1,30}$/.test(value.value) ? [value.value] : [];
  if (value.kind === Kind.LIST) return value.values.flatMap(literals);
  return [];
}

/** `{ trace(lotCode: "SALT-260302", direction: FORWARD) … }` becomes `query TraceSalt260302Forward { … }`. */
function named(query: string, taken: Set<string>): string {
  const document = parse(query);
  const definitions = document.definitions.map((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION || d.name) return d;
    const [first] = d.selectionSet.selections;
    const base = first?.kind === Kind.FIELD
      ? pascal(first.name.value.replace(/[A-Z]/g, (c) => ` ${c}`)) + pascal(first.arguments?.flatMap((a) => literals(a.value)).join(' ') ?? '')
      : 'Example';
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    return { ...d, name: { kind: Kind.NAME, value: name } } satisfies OperationDefinitionNode;
  });
  return print({ ...document, definitions });
}
