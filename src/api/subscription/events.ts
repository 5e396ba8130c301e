// src/api/subscription: live updates over graphql-ws (ws.ts), fed by the core's notification port (src/core/notify.ts).
import { type PubSub, createPubSub } from '@graphql-yoga/subscription';
import type { LotHoldChange, LotStatusChange, Notifier, RecallCaseUpdate } from '../../core/notify.js';

/** The topics, one per kind of notification, each with its plain domain payload. */
export type Events = PubSub<{
  lotStatusChanged: [LotStatusChange];
  lotHoldChanged: [LotHoldChange];
  recallCaseUpdated: [RecallCaseUpdate];
}>;

/** One app's in-process pub/sub: what its services tell (notifierOf) reaches its subscribers. */
export const createEvents = (): Events => createPubSub();

/** The core's port, published on the app's topics. */
export const notifierOf = (events: Events): Notifier => ({
  lotStatusChanged: (change) => events.publish('lotStatusChanged', change),
  lotHoldChanged: (change) => events.publish('lotHoldChanged', change),
  recallCaseUpdated: (update) => events.publish('recallCaseUpdated', update),
});
