import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/graphiql.css';
import { Kind, parse } from 'graphql';
import { createRoot } from 'react-dom/client';
import readme from '../../README.md?raw';
import { readmeExamples } from './readme-examples.js';
import { session } from './session.js';

/**
 * GraphiQL, bundled (no CDN), on the API's own /graphql. The Authorization header starts as the
 * Recall explorer's sign-in (same tab) and can be edited in the Headers pane; headers are never
 * saved in local storage. The tabs are the README's example operations.
 */
const endpoint = new URL('graphql', document.baseURI).toString();

/**
 * Right after a tab switch GraphiQL can still send the previous tab's operation name with the new
 * tab's document ("Unknown operation named …"). A document with one operation needs no name, so a
 * name it does not define is dropped; with several operations the name is sent as chosen.
 */
function operationNameFor(query: string, name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  try {
    const operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length === 1 && !operations.some((o) => o.name?.value === name)) return undefined;
  } catch {
    // Not parseable: the server answers with the syntax error.
  }
  return name;
}

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options?.headers as Record<string, string> | undefined) },
    body: JSON.stringify({ ...params, operationName: operationNameFor(params.query, params.operationName) }),
  });
  return res.json();
};

const headers = JSON.stringify({ authorization: `Bearer ${session.get() ?? '<your API key or token>'}` }, null, 2);
const tabs = readmeExamples(readme).map(({ query, variables }) => ({ query, variables, headers }));

createRoot(document.getElementById('root')!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs}
    defaultHeaders={headers}
    shouldPersistHeaders={false}
    isHeadersEditorEnabled
    defaultEditorToolsVisibility="headers"
  >
    <GraphiQL.Logo>
      <a href="./" className="graphiql-home">lotgraph</a> GraphiQL
    </GraphiQL.Logo>
  </GraphiQL>,
);
