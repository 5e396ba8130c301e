// src/api/auth: who is calling (API keys, JWTs) and what each role may do.
import type { AuthChecker } from 'type-graphql';
import { DomainError } from '../../core/errors.js';
import type { Context } from '../context.js';
import type { Principal, Role } from './keys.js';

/**
 * docs/DOMAIN.md's role table. Resolvers declare what an operation needs with
 * `@Authorized(...)`: no roles = any authenticated caller (VIEWER's "every query").
 */
export const WRITERS: Role[] = ['OPERATOR', 'ADMIN'];
export const COORDINATORS: Role[] = ['RECALL_COORDINATOR', 'ADMIN'];
/** Specifications and releases: quality's decisions. */
export const QUALITY_DECIDERS: Role[] = ['QUALITY', 'ADMIN'];
/** Test results: the lab (QUALITY) and the floor (OPERATOR) record them. */
export const RESULT_RECORDERS: Role[] = ['OPERATOR', 'QUALITY', 'ADMIN'];

/**
 * The one place an operation's roles are checked, for GraphQL operations and HTTP routes alike; a
 * token with several roles may do what any of them may.
 */
export function requireRoles(principal: Principal | null, roles: readonly Role[]): void {
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'missing or unknown API key');
  if (roles.length > 0 && !roles.some((r) => principal.roles.includes(r))) {
    throw new DomainError('FORBIDDEN', `role ${principal.roles.join('+')} may not do this (needs ${roles.join(' or ')})`);
  }
}

export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  requireRoles(context.principal, roles);
  return true;
};
