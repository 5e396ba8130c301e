import type { Caller } from '../core/events.js';
import type { Context } from './context.js';

/** The authChecker has run before any resolver that calls this, so the principal is set. */
export const callerOf = (ctx: Context): Caller => ({ actor: ctx.principal!.name, requestId: ctx.requestId });
