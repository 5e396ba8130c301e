import type { Scope } from '../core/scope.js';
import type { Context } from './context.js';

/** The authChecker has run before any resolver that calls this, so the principal is set. */
export const scopeOf = (ctx: Context): Scope => ({ actor: ctx.principal!.name, requestId: ctx.requestId });
