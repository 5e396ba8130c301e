import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/graphiql.css';
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

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options?.headers as Record<string, string> | undefined) },
    body: JSON.stringify(params),
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
