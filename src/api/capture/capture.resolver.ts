// src/api/capture: recordEvents, many events of any type in one request, over src/core/capture.
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CaptureKind } from '../../core/capture/capture.service.js';
import { RESULT_RECORDERS, WRITERS, requireRoles } from '../auth/access.js';
import type { Context } from '../context.js';
import { scopeOf } from '../scope.js';
import { EventInput } from './capture.input.js';
import { RecordEventsResult } from './capture.type.js';

/** Each event type needs the roles of its single mutation. */
const ROLES_OF: Record<CaptureKind, typeof WRITERS> = {
  receipt: WRITERS, production: WRITERS, shipment: WRITERS, transfer: WRITERS, adjustment: WRITERS, testResult: RESULT_RECORDERS,
};

@Resolver()
export class CaptureResolver {
  // Whoever may record some type of event; each event is checked against its own type's roles.
  @Authorized(RESULT_RECORDERS)
  @Mutation(() => RecordEventsResult, {
    description: [
      'Records many events of any type in one request (at most LOTGRAPH_CAPTURE_MAX_EVENTS), in the order sent: a later event may use',
      'a lot an earlier one made or moved. Each has its own outcome: RECORDED, ALREADY_RECORDED (the same eventId with the same',
      'content: nothing written, as a retry of its single mutation), or REFUSED with the code, field (input[i].…) and message its',
      'single mutation would answer; a refused event writes nothing, the others are recorded all the same. Each event needs the',
      'roles of its single mutation (QUALITY: test results only; another type is REFUSED with FORBIDDEN). When the request fails',
      'as a whole (SERVICE_UNAVAILABLE), some events may be recorded: send it again, they answer ALREADY_RECORDED.',
      'OPERATOR, QUALITY or ADMIN.',
    ].join('\n'),
  })
  recordEvents(
    @Arg('input', () => [EventInput], { description: 'The events, in the order to record them.' }) input: EventInput[],
    @Ctx() ctx: Context,
  ) {
    return ctx.services.capture.capture(input, scopeOf(ctx), { permit: (kind) => requireRoles(ctx.principal, ROLES_OF[kind]) });
  }
}
