import { DomainError } from './errors.js';

/**
 * A GraphQL export answers one string, which the API holds whole: past LOTGRAPH_GRAPHQL_EXPORT_LIMIT
 * it is refused, naming the setting and the route that streams an export of any size.
 */
export function exportTooLarge(what: 'events' | 'rows', limit: number, route: string, count?: number) {
  return new DomainError('QUERY_TOO_COMPLEX',
    `the export has ${count === undefined ? '' : `${count} ${what}, `}more than the ${limit} ${what} a GraphQL answer holds `
    + `(LOTGRAPH_GRAPHQL_EXPORT_LIMIT): download it from ${route}, which streams an export of any size, or ask for less `
    + '(a shorter period, fewer lots)',
    { limit });
}

/** The whole text of a streamed export, for the GraphQL answer. */
export async function joinText(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}
