/**
 * The signed-in credential (an API key or a token), in session storage only: it is gone when the
 * tab closes, and never written to local storage or a cookie. GraphiQL (same origin) reads it too.
 */
const KEY = 'lotgraph.credential';

export const session = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (credential: string) => sessionStorage.setItem(KEY, credential),
  clear: () => sessionStorage.removeItem(KEY),
};
