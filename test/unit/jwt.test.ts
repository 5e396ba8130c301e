import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { type CryptoKey, SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { JwtVerifier, claimAt, looksLikeJwt, rolesOf } from '../../src/api/auth/jwt.js';
import { loadConfig } from '../../src/config.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const ISSUER = 'https://idp.example.test/';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lotgraph-jwt-'));
afterAll(() => fs.rmSync(dir, { recursive: true }));

const config = (env: Record<string, string>) =>
  loadConfig({ LOTGRAPH_JWT_ISSUER: ISSUER, LOTGRAPH_JWT_AUDIENCE: 'lotgraph', ...env });

const now = () => Math.floor(Date.now() / 1000);

/** An HS256 token with the usual claims, any of which `claims` may override or (undefined) drop. */
function hs256(claims: Record<string, unknown> = {}, secret = SECRET) {
  const body = Object.fromEntries(Object.entries({
    sub: 'alice@plant', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, roles: ['OPERATOR'], ...claims,
  }).filter(([, v]) => v !== undefined));
  return new SignJWT(body).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

/** The error code and message a verification ends with. */
async function refusal(verifier: JwtVerifier, token: string) {
  try {
    await verifier.verify(token);
  } catch (err) {
    expect(err).toBeInstanceOf(GraphQLError);
    return { code: (err as GraphQLError).extensions.code, message: (err as GraphQLError).message };
  }
  throw new Error('the token was accepted');
}

describe('claimAt', () => {
  it('takes a top-level claim of that exact name first, dots and all', () => {
    expect(claimAt({ 'https://lotgraph.example/roles': ['ADMIN'] }, 'https://lotgraph.example/roles')).toEqual(['ADMIN']);
  });
  it('else follows a dotted path into nested objects', () => {
    expect(claimAt({ realm_access: { roles: ['VIEWER'] } }, 'realm_access.roles')).toEqual(['VIEWER']);
    expect(claimAt({ realm_access: { roles: ['VIEWER'] } }, 'realm_access.groups')).toBeUndefined();
    expect(claimAt({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
    expect(claimAt({}, 'roles')).toBeUndefined();
  });
  it('does not walk into inherited properties', () => {
    expect(claimAt({}, 'constructor')).toBeUndefined();
    expect(claimAt({ a: {} }, 'a.toString')).toBeUndefined();
  });
});

describe('rolesOf', () => {
  it.each([
    [['operator', 'Recall_Coordinator'], ['OPERATOR', 'RECALL_COORDINATOR']],
    ['VIEWER ADMIN', ['VIEWER', 'ADMIN']],
    ['viewer,operator', ['VIEWER', 'OPERATOR']],
    [['OPERATOR', 'OPERATOR', 'billing-admin', 42, null], ['OPERATOR']],
    [['SUPERUSER'], []],
    ['', []],
    [undefined, []],
    [{ ADMIN: true }, []],
  ])('%j -> %j', (claim, roles) => {
    expect(rolesOf(claim)).toEqual(roles);
  });
});

describe('looksLikeJwt', () => {
  it('tells a compact JWS from an API key', async () => {
    expect(looksLikeJwt(await hs256())).toBe(true);
    expect(looksLikeJwt('k3y-with_no.dots')).toBe(false);
    expect(looksLikeJwt('0f3a9c2d7e')).toBe(false);
  });
});

describe('JwtVerifier.fromConfig', () => {
  it('is null without a secret or a JWKS: bearer values are then API keys only', () => {
    expect(JwtVerifier.fromConfig(loadConfig({}))).toBeNull();
  });
  it.each([
    [{ LOTGRAPH_JWT_SECRET: 'short' }, /LOTGRAPH_JWT_SECRET: must be at least 32 characters/],
    [{ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_ISSUER: '' }, /LOTGRAPH_JWT_ISSUER: required/],
    [{ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_AUDIENCE: ' , ' }, /LOTGRAPH_JWT_AUDIENCE: required/],
    [{ LOTGRAPH_JWT_JWKS: path.join(dir, 'missing.json') }, /LOTGRAPH_JWT_JWKS: cannot read a JWKS from .*missing\.json/],
  ])('refuses %j at start', (env, message) => {
    expect(() => JwtVerifier.fromConfig(config(env))).toThrow(message);
  });
});

describe('JwtVerifier.verify (HS256)', () => {
  const verifier = JwtVerifier.fromConfig(config({ LOTGRAPH_JWT_SECRET: SECRET, LOTGRAPH_JWT_AUDIENCE: 'other-app, lotgraph' }))!;

  it('gives the subject as the name, with the roles of the roles claim, valid until exp and the clock tolerance', async () => {
    const exp = now() + 300;
    expect(await verifier.verify(await hs256({ exp, roles: ['operator', 'RECALL_COORDINATOR', 'payroll'] })))
      .toEqual({ name: 'alice@plant', roles: ['OPERATOR', 'RECALL_COORDINATOR'], validUntil: (exp + 30) * 1000 });
  });

  it('accepts any of the configured audiences, and an audience list that holds one', async () => {
    expect((await verifier.verify(await hs256({ aud: ['crm', 'lotgraph'] }))).name).toBe('alice@plant');
  });

  it('allows LOTGRAPH_JWT_CLOCK_TOLERANCE_S (30 s) of clock skew, no more', async () => {
    expect((await verifier.verify(await hs256({ exp: now() - 10 }))).name).toBe('alice@plant');
    expect(await refusal(verifier, await hs256({ exp: now() - 60 }))).toEqual({ code: 'UNAUTHENTICATED', message: 'token expired' });
    expect(await refusal(verifier, await hs256({ nbf: now() + 120 }))).toEqual({ code: 'UNAUTHENTICATED', message: 'token "nbf" claim is not accepted (check_failed)' });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example/' }, 'token "iss" claim is not accepted (check_failed)'],
    ['no issuer', { iss: undefined }, 'token has no "iss" claim'],
    ['another audience', { aud: 'crm' }, 'token "aud" claim is not accepted (check_failed)'],
    ['no subject', { sub: undefined }, 'token has no "sub" claim'],
    ['no expiry', { exp: undefined }, 'token has no "exp" claim'],
    ['a blank subject', { sub: '  ' }, 'token "sub" claim is not a usable name'],
    ['a subject with a control character', { sub: 'a\nb' }, 'token "sub" claim is not a usable name'],
  ])('refuses %s: UNAUTHENTICATED', async (_what, claims, message) => {
    expect(await refusal(verifier, await hs256(claims))).toEqual({ code: 'UNAUTHENTICATED', message });
  });

  it('refuses a token signed with another secret, an unsigned token, and a tampered one', async () => {
    expect(await refusal(verifier, await hs256({}, `${SECRET}-not`))).toEqual({ code: 'UNAUTHENTICATED', message: 'token signature does not verify' });
    const unsigned = new UnsecuredJWT({ sub: 'mallory', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, roles: ['ADMIN'] }).encode();
    expect(await refusal(verifier, unsigned)).toEqual({ code: 'UNAUTHENTICATED', message: 'token algorithm is not accepted' });
    const [h, , s] = (await hs256()).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'alice@plant', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, roles: ['ADMIN'] })).toString('base64url');
    expect(await refusal(verifier, `${h}.${forged}.${s}`)).toEqual({ code: 'UNAUTHENTICATED', message: 'token signature does not verify' });
  });

  it('refuses an RS256 token when only a secret is configured', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ sub: 'x', iss: ISSUER, aud: 'lotgraph', exp: now() + 60, roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(await refusal(verifier, token)).toEqual({ code: 'UNAUTHENTICATED', message: 'token algorithm is not accepted' });
  });

  it('is FORBIDDEN (HTTP 403) for a valid token that grants no lotgraph role', async () => {
    expect(await refusal(verifier, await hs256({ roles: ['payroll'] }))).toEqual({
      code: 'FORBIDDEN', message: 'token grants no lotgraph role (claim "roles" must name one of VIEWER, OPERATOR, RECALL_COORDINATOR, QUALITY, ADMIN)',
    });
    expect(await refusal(verifier, await hs256({ roles: undefined }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('JwtVerifier.verify (RS256 and ES256 from a JWKS file)', async () => {
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('RS256');
  const file = path.join(dir, 'jwks.json');
  fs.writeFileSync(file, JSON.stringify({
    keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256' }, { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256' }],
  }));
  const verifier = JwtVerifier.fromConfig(config({ LOTGRAPH_JWT_JWKS: file, LOTGRAPH_JWT_ROLES_CLAIM: 'realm_access.roles' }))!;
  const sign = (alg: string, kid: string, key: CryptoKey, claims: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'svc-scanner', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, realm_access: { roles: ['viewer'] }, ...claims })
      .setProtectedHeader({ alg, kid }).sign(key);

  it('verifies RS256 and ES256 tokens against their keys, roles from a nested claim', async () => {
    expect(await verifier.verify(await sign('RS256', 'rsa-1', rsa.privateKey))).toEqual({ name: 'svc-scanner', roles: ['VIEWER'], validUntil: expect.any(Number) });
    expect(await verifier.verify(await sign('ES256', 'ec-1', ec.privateKey))).toEqual({ name: 'svc-scanner', roles: ['VIEWER'], validUntil: expect.any(Number) });
  });

  it('refuses a key the JWKS does not hold, and HS256 signed with the public key (algorithm confusion)', async () => {
    expect(await refusal(verifier, await sign('RS256', 'rsa-1', stranger.privateKey))).toEqual({ code: 'UNAUTHENTICATED', message: 'token signature does not verify' });
    expect(await refusal(verifier, await sign('RS256', 'rsa-9', stranger.privateKey))).toEqual({ code: 'UNAUTHENTICATED', message: 'no key of the configured JWKS matches the token' });
    const publicJwk = JSON.stringify(await exportJWK(rsa.publicKey));
    const confused = await new SignJWT({ sub: 'mallory', iss: ISSUER, aud: 'lotgraph', exp: now() + 300, realm_access: { roles: ['ADMIN'] } })
      .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).sign(new TextEncoder().encode(publicJwk));
    expect(await refusal(verifier, confused)).toEqual({ code: 'UNAUTHENTICATED', message: 'token algorithm is not accepted' });
  });
});
