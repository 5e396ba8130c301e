import type { Config } from '../../config.js';
import { refused } from '../errors.js';
import { JwtVerifier, looksLikeJwt } from './jwt.js';
import { KeyRing, type Principal, bearerToken } from './keys.js';

export type Authenticate = (authorization: string | undefined) => Promise<Principal>;

/**
 * `Authorization: Bearer <credential>`, where the credential is an API key or, when JWT is
 * configured, a JWT (told apart by its shape). Throws UNAUTHENTICATED (401) otherwise.
 */
export function createAuthenticator(config: Config): { authenticate: Authenticate; keys: number; jwt: boolean } {
  const keys = KeyRing.fromConfig(config.LOTGRAPH_API_KEYS, config.LOTGRAPH_API_KEYS_FILE);
  const jwt = JwtVerifier.fromConfig(config);
  const what = jwt ? 'API key or token' : 'API key';
  return {
    keys: keys.size,
    jwt: jwt !== null,
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      if (!token) throw refused('UNAUTHENTICATED', `missing ${what}: send Authorization: Bearer <${jwt ? 'key or token' : 'key'}>`);
      if (jwt && looksLikeJwt(token)) return jwt.verify(token);
      const principal = keys.lookup(token);
      if (!principal) throw refused('UNAUTHENTICATED', `unknown ${what}`);
      return principal;
    },
  };
}
