import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { whenUnauthenticated } from './api.js';
import { href, useRoute } from './router.js';
import { session } from './session.js';
import './styles.css';
import { Find } from './views/Find.js';
import { LotPage } from './views/LotPage.js';
import { QualityPage } from './views/QualityPage.js';
import { RecallCasePage } from './views/RecallCasePage.js';
import { RecallPage } from './views/RecallPage.js';
import { RecallsPage } from './views/RecallsPage.js';
import { SignIn } from './views/SignIn.js';
import { TracePage } from './views/TracePage.js';

function App() {
  const [credential, setCredential] = useState(session.get);
  const route = useRoute();

  useEffect(() => whenUnauthenticated(() => {
    session.clear();
    setCredential(null);
  }), []);

  const signIn = (value: string) => {
    session.set(value);
    setCredential(value);
  };
  const signOut = () => {
    session.clear();
    setCredential(null);
  };

  const current = (view: string) => (route.view === view ? 'page' : undefined);
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <a className="brand" href={href({ view: 'find' })}>lotgraph <span>Recall explorer</span></a>
        {credential && (
          <nav aria-label="Main">
            <a href={href({ view: 'find' })} aria-current={current('find')}>Find lots</a>
            <a href={href({ view: 'recall', codes: route.view === 'recall' ? route.codes : [] })} aria-current={current('recall')}>Recall</a>
            <a href={href({ view: 'recalls' })} aria-current={route.view === 'recalls' || route.view === 'case' ? 'page' : undefined}>Recalls</a>
            <a href={href({ view: 'quality' })} aria-current={current('quality')}>Quality</a>
            <a href="graphiql">GraphiQL</a>
            <button type="button" className="link" onClick={signOut}>Sign out</button>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {!credential ? <SignIn onSignedIn={signIn} />
          : route.view === 'lot' ? <LotPage code={route.code} />
          : route.view === 'trace' ? <TracePage key={`${route.direction}:${route.code}`} code={route.code} direction={route.direction} />
          : route.view === 'recall' ? <RecallPage key={route.codes.join(',')} codes={route.codes} />
          : route.view === 'recalls' ? <RecallsPage />
          : route.view === 'case' ? <RecallCasePage recallId={route.recallId} />
          : route.view === 'quality' ? <QualityPage />
          : <Find />}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
