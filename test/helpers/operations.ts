import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/**
 * Every operation of the schema, read from the schema itself, so that tests which must cover
 * "every operation" (the role matrix, injection, fuzzing) cover the ones added later too.
 */
export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const of = (kind: Operation['kind'], fields: Record<string, GraphQLField<unknown, unknown>> = {}) =>
    Object.values(fields).map((field) => ({ kind, name: field.name, field }));
  return [...of('query', schema.getQueryType()?.getFields()), ...of('mutation', schema.getMutationType()?.getFields())];
}

/** `query Op($a: T!, ...) { op(a: $a, ...) { __typename } }`: the arguments given in `vars`, the smallest selection. */
export function documentFor(op: Operation, vars: Record<string, unknown>): string {
  const given = op.field.args.filter((a) => a.name in vars);
  const defs = given.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const args = given.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(op.field.type)) ? '' : ' { __typename }';
  return `${op.kind} Op${defs ? `(${defs})` : ''} { ${op.name}${args ? `(${args})` : ''}${selection} }`;
}

/** A path into an operation's variables: an argument name, then input-field names and list indexes. */
export type Path = (string | number)[];

/**
 * A well-typed value for `type`: required input fields only, one-item lists, the first enum
 * value; `leaf(path, scalarName)` gives each scalar (e.g. prefixed keys, so writes stay apart).
 */
export function sampleValue(type: GraphQLInputType, path: Path, leaf: (path: Path, scalar: string) => unknown): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, path, leaf);
  if (isListType(type)) return [sampleValue(type.ofType, [...path, 0], leaf)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sampleValue(f.type, [...path, f.name], leaf);
    }
    return out;
  }
  return leaf(path, isScalarType(type) ? type.name : String(type));
}

export function sampleVariables(op: Operation, leaf: (path: Path, scalar: string) => unknown): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const a of op.field.args as readonly GraphQLArgument[]) {
    if (isNonNullType(a.type) && a.defaultValue === undefined) vars[a.name] = sampleValue(a.type, [a.name], leaf);
  }
  return vars;
}

/** A plain value for each built-in scalar and DateTime; any other scalar gets a string. */
export function plainLeaf(key: (path: Path) => string) {
  return (path: Path, scalar: string): unknown => {
    switch (scalar) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2026-03-01T08:00:00Z';
      default:
        return key(path);
    }
  };
}

/** Every place a text value can go in an operation's arguments, optional input fields included. */
export function textPaths(op: Operation): { path: Path; scalar: string }[] {
  const found: { path: Path; scalar: string }[] = [];
  const walk = (type: GraphQLInputType, path: Path) => {
    if (isNonNullType(type)) return walk(type.ofType, path);
    if (isListType(type)) return walk(type.ofType, [...path, 0]);
    if (isInputObjectType(type)) {
      for (const f of Object.values(type.getFields())) walk(f.type, [...path, f.name]);
      return;
    }
    if (isScalarType(type) && !['Int', 'Float', 'Boolean'].includes(type.name)) found.push({ path, scalar: type.name });
  };
  for (const a of op.field.args) walk(a.type, [a.name]);
  return found;
}

/** `vars` with the value at `path` replaced (lists and objects on the way created as needed). */
export function withValue(vars: Record<string, unknown>, path: Path, value: unknown): Record<string, unknown> {
  const copy = structuredClone(vars);
  let at: any = copy;
  for (const [i, step] of path.entries()) {
    if (i === path.length - 1) at[step] = value;
    else {
      at[step] ??= typeof path[i + 1] === 'number' ? [] : {};
      at = at[step];
    }
  }
  return copy;
}
