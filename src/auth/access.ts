import type { AuthChecker } from 'type-graphql';
import { apiError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import type { Role } from './keys.js';

/**
 * DOMAIN.md's role table. Resolvers declare what an operation needs with
 * `@Authorized(...)`: no roles = any authenticated caller (VIEWER's "every query").
 */
export const WRITERS: Role[] = ['OPERATOR', 'ADMIN'];
export const COORDINATORS: Role[] = ['RECALL_COORDINATOR', 'ADMIN'];

export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.principal) throw apiError('UNAUTHENTICATED', 'missing or unknown API key');
  if (roles.length === 0 || roles.includes(context.principal.role)) return true;
  throw apiError('FORBIDDEN', `role ${context.principal.role} may not do this (needs ${roles.join(' or ')})`);
};
