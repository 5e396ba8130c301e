import type { AuthChecker } from 'type-graphql';
import { apiError } from '../../core/errors.js';
import type { Context } from '../context.js';
import type { Role } from './keys.js';

/**
 * docs/DOMAIN.md's role table. Resolvers declare what an operation needs with
 * `@Authorized(...)`: no roles = any authenticated caller (VIEWER's "every query").
 */
export const WRITERS: Role[] = ['OPERATOR', 'ADMIN'];
export const COORDINATORS: Role[] = ['RECALL_COORDINATOR', 'ADMIN'];

/** The one place an operation's roles are checked; a token with several roles may do what any of them may. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  const { principal } = context;
  if (!principal) throw apiError('UNAUTHENTICATED', 'missing or unknown API key');
  if (roles.length === 0 || roles.some((r) => principal.roles.includes(r))) return true;
  throw apiError('FORBIDDEN', `role ${principal.roles.join('+')} may not do this (needs ${roles.join(' or ')})`);
};
