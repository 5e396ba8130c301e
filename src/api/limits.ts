import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { type DocumentNode, GraphQLError, type GraphQLSchema, type ValidationContext, type ValidationRule, getNullableType, isListType } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { Config } from '../config.js';
import { refused } from './errors.js';
import type { Context } from './context.js';

/**
 * Query limits: every request is measured before any resolver runs, so an abusive query is
 * refused in microseconds instead of holding the database. Over a limit: QUERY_TOO_DEEP or
 * QUERY_TOO_COMPLEX (HTTP 400). The limits and their defaults are in src/config.ts
 * (LOTGRAPH_MAX_DEPTH, LOTGRAPH_MAX_COMPLEXITY, LOTGRAPH_MAX_ALIASES, LOTGRAPH_MAX_TOKENS).
 */

/**
 * Operations whose cost does not show in their selection: each reads a whole genealogy
 * (up to LOTGRAPH_TRACE_NODE_LIMIT lots) or a whole document, whatever the client asks for back.
 */
export const HEAVY_FIELDS: Record<string, number> = {
  'Query.trace': 1000,
  'Query.recallImpact': 1000,
  'Mutation.holdAffectedLots': 1000,
  'Query.exportEpcis': 1000,
  'Query.fsma204Csv': 1000,
  'Mutation.importEpcis': 1000,
  'Mutation.openRecall': 1000,
  'Recall.changedSince': 1000,
};

/** A root mutation field: one write transaction. */
export const MUTATION_COST = 10;

export interface CostModel {
  /** `first`, `last` and the ids of nodes(ids) are counted as at most this (more is BAD_USER_INPUT from the resolver, not a cost). */
  maxPageSize: number;
  /** How many items a list without `first` is assumed to hold. */
  listSize: number;
}

/**
 * The cost of a field: its own weight plus its selection's cost times how many items it returns.
 * Own weight: the field's `complexity` extension if its resolver declares one
 * (`@Query(() => X, { complexity: 50 })`; a function there takes over the whole estimate), else
 * HEAVY_FIELDS, else MUTATION_COST for a mutation, else 1. Items: `last` or else `first` for a field
 * that takes them (a connection: `first: null` is its default page), the number of ids for
 * nodes(ids), LOTGRAPH_COMPLEXITY_LIST_SIZE
 * for any other list, except a connection's `edges`, already counted by `first` or `last`. Introspection costs nothing (it is answered from memory). So a new
 * operation is priced sensibly without being listed here.
 */
export function costEstimator(model: CostModel): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    const declared = field.extensions?.complexity;
    if (typeof declared === 'function') return declared({ type, field, args, childComplexity });
    const own = typeof declared === 'number'
      ? declared
      : (HEAVY_FIELDS[`${type.name}.${field.name}`] ?? (type.name === 'Mutation' ? MUTATION_COST : 1));
    let items = 1;
    const number = (value: unknown) => (typeof value === 'number' ? value : null);
    // A page's size is `last` when given (it wins over first's default), else `first`, else (first:
    // null) first's default: the page the resolver answers. A list whose `first` has no default
    // (Lot.history) is all of it without one, counted as any other list. nodes(ids) answers one per id.
    const first = number(field.args.find((a) => a.name === 'first')?.defaultValue);
    const size = number(args.last) ?? number(args.first) ?? first ?? (Array.isArray(args.ids) ? args.ids.length : null);
    if (size !== null) items = Math.min(Math.max(size, 0), model.maxPageSize);
    else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) items = model.listSize;
    return own + items * childComplexity;
  };
}

const tooDeep = (message: string) => refused('QUERY_TOO_DEEP', message);
const tooComplex = (message: string) => refused('QUERY_TOO_COMPLEX', message);

/** Depth and alias limits as validation rules (graphql-armor), reported with the contract's codes. */
export function limitRules(config: Config): ValidationRule[] {
  const report = (make: (m: string) => GraphQLError, setting: string) =>
    (context: ValidationContext | null, err: GraphQLError) =>
      context?.reportError(make(`${err.message.replace(/^Syntax Error: /, '')} (${setting})`));
  return [
    maxDepthRule({ n: config.LOTGRAPH_MAX_DEPTH, propagateOnRejection: false, onReject: [report(tooDeep, 'LOTGRAPH_MAX_DEPTH')] }),
    maxAliasesRule({ n: config.LOTGRAPH_MAX_ALIASES, propagateOnRejection: false, onReject: [report(tooComplex, 'LOTGRAPH_MAX_ALIASES')] }),
  ];
}

/** Codes a limit rule reports; Apollo files them under GRAPHQL_VALIDATION_FAILED, formatError restores them. */
export const LIMIT_CODES = new Set(['QUERY_TOO_DEEP', 'QUERY_TOO_COMPLEX']);

/** Nodes the complexity walk visits at most: bounds fragment fan-out ("fragment bombs"). */
const MAX_QUERY_NODES = 10_000;

/**
 * Refuses (QUERY_TOO_COMPLEX) an operation that costs more than LOTGRAPH_MAX_COMPLEXITY with its
 * variables; checked once the document is valid and before it runs, over HTTP and WebSocket alike.
 * Variables that do not fit their types are left to execution, which refuses them as BAD_USER_INPUT.
 */
export function complexityCheck(config: Config) {
  const estimators = [costEstimator({ maxPageSize: config.LOTGRAPH_MAX_PAGE_SIZE, listSize: config.LOTGRAPH_COMPLEXITY_LIST_SIZE })];
  const max = config.LOTGRAPH_MAX_COMPLEXITY;
  return (schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): void => {
    let cost: number;
    try {
      cost = getComplexity({ schema, query, variables, operationName, estimators, maxQueryNodes: MAX_QUERY_NODES });
    } catch (err) {
      if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
        throw tooComplex(`the query expands to more than ${MAX_QUERY_NODES} fields`);
      }
      return;
    }
    if (cost > max) throw tooComplex(`query cost ${cost} exceeds the limit of ${max} (LOTGRAPH_MAX_COMPLEXITY); ask for smaller pages or fewer nested lists`);
  };
}

/** complexityCheck for Apollo: every HTTP operation. */
export function complexityPlugin(config: Config): ApolloServerPlugin<Context> {
  const check = complexityCheck(config);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          check(schema, document, request.variables ?? {}, operationName ?? undefined);
        },
      };
    },
  };
}
