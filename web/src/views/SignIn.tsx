import { type FormEvent, useState } from 'react';
import { describe, gql } from '../api.js';
import { PING } from '../operations.js';

/** An API key or a token, checked against the API before it is kept (for this tab only). */
export function SignIn({ onSignedIn }: { onSignedIn: (credential: string) => void }) {
  const [credential, setCredential] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = credential.trim();
    if (!value) return setError('Enter an API key or a token.');
    setBusy(true);
    setError(null);
    try {
      await gql(PING, {}, value);
      onSignedIn(value);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="signin card" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>
        Use the API key or the token (JWT) you were given. It is kept in this browser tab only (session storage) and sent
        to this server as <code>Authorization: Bearer …</code>.
      </p>
      <form onSubmit={submit}>
        <label htmlFor="credential">API key or token</label>
        <input
          id="credential" name="credential" type="password" autoComplete="off" spellCheck={false} autoFocus
          value={credential} onChange={(e) => setCredential(e.target.value)} aria-describedby={error ? 'signin-error' : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Sign in'}</button>
      </form>
      {error && <p id="signin-error" className="error" role="alert">{error}</p>}
    </section>
  );
}
