import fs from 'node:fs';
import { GraphQLError } from 'graphql';
import {
  type CryptoKey,
  type JSONWebKeySet,
  type JWSHeaderParameters,
  type JWTPayload,
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
} from 'jose';
import type { Config } from '../../config.js';
import { refused } from '../errors.js';
import { type Principal, ROLES, type Role } from './keys.js';

/** A compact JWS: three base64url segments. API keys never contain dots, so the two never mix. */
const COMPACT_JWS = /^[\w-]+\.[\w-]+\.[\w-]*$/;

export const looksLikeJwt = (token: string) => COMPACT_JWS.test(token);

/**
 * The claim `name` of a token: a top-level claim of exactly that name if there is one (namespaced
 * claims such as `https://lotgraph.example/roles` contain dots), else a dotted path into nested
 * objects (`realm_access.roles`).
 */
export function claimAt(payload: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(payload, name)) return payload[name];
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * lotgraph's roles named by a claim value: an array of strings, or one string of names separated
 * by spaces or commas (OAuth `scope` style). Case does not matter; other names are ignored, since
 * an identity provider's tokens carry roles for other applications too.
 */
export function rolesOf(value: unknown): Role[] {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const roles = new Set<Role>();
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const role = name.trim().toUpperCase();
    if ((ROLES as readonly string[]).includes(role)) roles.add(role as Role);
  }
  return ROLES.filter((r) => roles.has(r));
}

type KeyResolver = (header: JWSHeaderParameters) => Promise<CryptoKey | Uint8Array>;

/** Why a token was refused, in words a client can act on; never the token or key material. */
function refusal(err: unknown): string {
  if (!(err instanceof errors.JOSEError)) return 'invalid token';
  switch (err.code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = err as errors.JWTClaimValidationFailed;
      return reason === 'missing' ? `token has no "${claim}" claim` : `token "${claim}" claim is not accepted (${reason})`;
    }
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'token signature does not verify';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'token algorithm is not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the configured JWKS matches the token';
    default:
      return 'invalid token';
  }
}

/**
 * Verifies JWT bearer tokens: HS256 with a shared secret (`LOTGRAPH_JWT_SECRET`), and/or RS256 and
 * ES256 against a JWKS file or URL (`LOTGRAPH_JWT_JWKS`; a URL is fetched on demand and cached by
 * jose, so rotated keys are picked up). The algorithm decides the key, and each kind of key only
 * verifies its own algorithms, so a token cannot pass an RSA public key off as an HMAC secret.
 * Issuer, audience, expiry and subject are required.
 */
export class JwtVerifier {
  private constructor(
    private readonly resolveKey: KeyResolver,
    private readonly algorithms: string[],
    private readonly options: { issuer: string; audience: string[]; rolesClaim: string; clockTolerance: number },
  ) {}

  /** Null when neither a secret nor a JWKS is configured: then bearer values are API keys only. */
  static fromConfig(config: Config): JwtVerifier | null {
    const secret = config.LOTGRAPH_JWT_SECRET;
    const jwks = config.LOTGRAPH_JWT_JWKS.trim();
    if (!secret && !jwks) return null;
    if (secret && secret.length < 32) throw new Error('LOTGRAPH_JWT_SECRET: must be at least 32 characters (HS256 needs a 256-bit secret)');
    if (!config.LOTGRAPH_JWT_ISSUER) throw new Error('LOTGRAPH_JWT_ISSUER: required when JWT bearer tokens are enabled');
    const audience = config.LOTGRAPH_JWT_AUDIENCE.split(',').map((a) => a.trim()).filter(Boolean);
    if (audience.length === 0) throw new Error('LOTGRAPH_JWT_AUDIENCE: required when JWT bearer tokens are enabled');

    const hmac = secret ? new TextEncoder().encode(secret) : null;
    let remote = false;
    let keySet: ((header: JWSHeaderParameters) => Promise<CryptoKey>) | null = null;
    if (/^https?:\/\//i.test(jwks)) {
      keySet = createRemoteJWKSet(new URL(jwks));
      remote = true;
    } else if (jwks) {
      let parsed: JSONWebKeySet;
      try {
        parsed = JSON.parse(fs.readFileSync(jwks, 'utf8')) as JSONWebKeySet;
      } catch (err) {
        throw new Error(`LOTGRAPH_JWT_JWKS: cannot read a JWKS from ${jwks}: ${(err as Error).message}`, { cause: err });
      }
      keySet = createLocalJWKSet(parsed);
    }
    const algorithms = [...(hmac ? ['HS256'] : []), ...(keySet ? ['RS256', 'ES256'] : [])];

    // jose refuses an algorithm not in `algorithms` before it asks for a key: HS256 only comes
    // here with a secret configured, RS256/ES256 only with a JWKS.
    const resolveKey: KeyResolver = async (header) => {
      if (header.alg === 'HS256') return hmac!;
      try {
        return await keySet!(header);
      } catch (err) {
        // The identity provider's JWKS endpoint is down or answers nonsense: the token may be
        // fine, the server cannot tell now.
        const tokenFault = err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys || err instanceof errors.JOSEAlgNotAllowed;
        if (remote && !tokenFault) throw refused('SERVICE_UNAVAILABLE', 'the token issuer\'s keys cannot be fetched; try again shortly');
        throw err;
      }
    };
    return new JwtVerifier(resolveKey, algorithms, {
      issuer: config.LOTGRAPH_JWT_ISSUER,
      audience,
      rolesClaim: config.LOTGRAPH_JWT_ROLES_CLAIM,
      clockTolerance: config.LOTGRAPH_JWT_CLOCK_TOLERANCE_S,
    });
  }

  /**
   * The principal a token stands for: its subject, with the lotgraph roles of the roles claim.
   * UNAUTHENTICATED (401) for a token that does not verify; FORBIDDEN (403) for a valid token
   * that grants no lotgraph role.
   */
  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.resolveKey, {
        algorithms: this.algorithms,
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: this.options.clockTolerance,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      throw refused('UNAUTHENTICATED', refusal(err));
    }
    const name = payload.sub!;
    if (!name.trim() || name.length > 200 || /\p{Cc}/u.test(name)) throw refused('UNAUTHENTICATED', 'token "sub" claim is not a usable name');
    const roles = rolesOf(claimAt(payload, this.options.rolesClaim));
    if (roles.length === 0) {
      throw refused('FORBIDDEN', `token grants no lotgraph role (claim "${this.options.rolesClaim}" must name one of ${ROLES.join(', ')})`);
    }
    return { name, roles, validUntil: (payload.exp! + this.options.clockTolerance) * 1000 };
  }
}
