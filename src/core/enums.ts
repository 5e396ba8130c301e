// The domain's closed sets of values: what a material, a lot's status and quality, a work order, a trace and
// an edge of its genealogy can be. Plain TypeScript enums; src/api/enums.ts registers them as GraphQL enums of the same names.

export enum MaterialKind { RAW = 'RAW', INGREDIENT = 'INGREDIENT', PACKAGING = 'PACKAGING', INTERMEDIATE = 'INTERMEDIATE', FINISHED = 'FINISHED' }
export enum LotStatus { AVAILABLE = 'AVAILABLE', ON_HOLD = 'ON_HOLD', QUARANTINED = 'QUARANTINED', RELEASED = 'RELEASED', RECALLED = 'RECALLED', DESTROYED = 'DESTROYED' }
export enum WorkOrderKind { PRODUCTION = 'PRODUCTION', REWORK = 'REWORK', REPACK = 'REPACK', SPLIT = 'SPLIT', MERGE = 'MERGE' }
export enum TraceDirection { FORWARD = 'FORWARD', BACKWARD = 'BACKWARD' }
/** What an event did to one lot: the kinds of entry in a lot's history. */
export enum LotEventType {
  RECEIVED = 'RECEIVED', PRODUCED = 'PRODUCED', CONSUMED = 'CONSUMED', SHIPPED = 'SHIPPED', TRANSFERRED = 'TRANSFERRED',
  STATUS_CHANGED = 'STATUS_CHANGED', TEST_RESULT = 'TEST_RESULT', ADJUSTED = 'ADJUSTED', REVERSED = 'REVERSED',
}
/** Where a lot stands with its quality tests (docs/DOMAIN.md, "Quality"). */
export enum QualityStatus { NOT_REQUIRED = 'NOT_REQUIRED', PENDING = 'PENDING', PASSED = 'PASSED', FAILED = 'FAILED' }
/** The relationship a trace edge draws, named as in the graph (docs/DOMAIN.md, "Graph model"). */
export enum TraceEdgeType { CONSUMED_BY = 'CONSUMED_BY', PRODUCED = 'PRODUCED', SHIPPED_IN = 'SHIPPED_IN' }

/** Where a recall case stands: worked while OPEN; read-only once CLOSED. */
export enum RecallState { OPEN = 'OPEN', CLOSED = 'CLOSED' }
/** How far a consignee of a recall has come, in order: each response may move it on, never back. */
export enum ConsigneeState { TO_NOTIFY = 'TO_NOTIFY', NOTIFIED = 'NOTIFIED', ACKNOWLEDGED = 'ACKNOWLEDGED', COMPLETED = 'COMPLETED' }

/** Lots in these states may be neither consumed nor shipped: this is what makes a hold hold. */
export const BLOCKED_STATUSES: ReadonlySet<string> = new Set([
  LotStatus.ON_HOLD, LotStatus.QUARANTINED, LotStatus.RECALLED, LotStatus.DESTROYED,
]);

/** What became of one event of a batch (recordEvents). */
export enum CaptureStatus {
  RECORDED = 'RECORDED',
  ALREADY_RECORDED = 'ALREADY_RECORDED',
  REFUSED = 'REFUSED',
}
