// The domain's enums (src/core/enums.ts) as GraphQL enums of the same names; imported once by the schema build.
import { registerEnumType } from 'type-graphql';
import {
  CaptureStatus, ConsigneeState, HoldChange, LotEventType, LotStatus, MaterialKind, QualityStatus, RecallState, RecallUpdate, TraceDirection,
  TraceEdgeType, WorkOrderKind,
} from '../core/enums.js';
import { ROLES, type Role } from './auth/keys.js';

registerEnumType(MaterialKind, {
  name: 'MaterialKind',
  description: "What a material is in the plant's flow, from what comes in to what goes out.",
  valuesConfig: {
    RAW: { description: 'A bought-in raw material the plant processes (peanuts).' },
    INGREDIENT: { description: 'A bought-in ingredient added to recipes (sugar, salt, oil, flour).' },
    PACKAGING: {
      description: 'Jars, lids, cartons, labels: traced like any input, but not food, so it carries no exposure (see TracedLot.exposure).',
    },
    INTERMEDIATE: { description: 'Made here and used again here (roasted peanuts, paste, dough).' },
    FINISHED: { description: 'Made here to be shipped to customers.' },
  },
});

registerEnumType(LotStatus, {
  name: 'LotStatus',
  description: 'Where a lot stands. ON_HOLD, QUARANTINED, RECALLED and DESTROYED lots may be neither consumed nor shipped.',
  valuesConfig: {
    AVAILABLE: { description: 'Free to use: every lot starts so when it is received or produced.' },
    ON_HOLD: { description: 'Held, e.g. by holdAffectedLots during a recall: may be neither consumed nor shipped.' },
    QUARANTINED: { description: 'Set apart, e.g. awaiting a test result: may be neither consumed nor shipped.' },
    RELEASED: { description: 'Free to use again after a hold or quarantine.' },
    RECALLED: { description: 'Part of a recall: may be neither consumed nor shipped.' },
    DESTROYED: { description: 'Disposed of: may be neither consumed nor shipped.' },
  },
});

registerEnumType(WorkOrderKind, {
  name: 'WorkOrderKind',
  description: 'Every transformation is a work order: lots consumed, lots produced. The kind says which sort.',
  valuesConfig: {
    PRODUCTION: { description: 'Making a product from its inputs (the default).' },
    REWORK: { description: 'Reprocessing product that did not meet its specification.' },
    REPACK: { description: 'Putting product into other packaging or pack sizes.' },
    SPLIT: { description: 'One input lot divided into several output lots.' },
    MERGE: { description: 'Several input lots commingled into one output lot.' },
  },
});

registerEnumType(TraceDirection, {
  name: 'TraceDirection',
  description: 'Which way a trace follows the genealogy.',
  valuesConfig: {
    FORWARD: { description: 'Downstream, where-used: the lots made from the root, their shipments and customers.' },
    BACKWARD: { description: 'Upstream, where-from: the lots the root was made from, and their suppliers.' },
  },
});

registerEnumType(TraceEdgeType, {
  name: 'TraceEdgeType',
  description: 'The relationship a TraceEdge draws.',
  valuesConfig: {
    CONSUMED_BY: { description: 'From a lot to the work order that consumed it.' },
    PRODUCED: { description: 'From a work order to a lot it produced.' },
    SHIPPED_IN: { description: 'From a lot to a shipment that carried it.' },
  },
});

registerEnumType(LotEventType, {
  name: 'LotEventType',
  description: 'What one event did to a lot: the kinds of entry in Lot.history.',
  valuesConfig: {
    RECEIVED: { description: 'The lot came in from a supplier (receiveLot, a CSV or EPCIS receipt).' },
    PRODUCED: { description: 'A work order made the lot.' },
    CONSUMED: { description: 'A work order used some of the lot.' },
    SHIPPED: { description: 'Some of the lot left in a shipment to a customer.' },
    TRANSFERRED: { description: 'Some of the lot moved from one location to another (transferLot).' },
    STATUS_CHANGED: { description: "The lot's status changed (setLotStatus, holdAffectedLots), with the reason." },
    TEST_RESULT: { description: 'A quality test result was recorded for the lot (recordTestResult): reference is the test, reason the result judged.' },
    ADJUSTED: { description: 'A stock count differed from the books: the difference, with the reason (adjustStock).' },
    REVERSED: { description: 'An EPCIS error declaration undid the event of an earlier entry: its quantity comes back where it was taken.' },
  },
});

registerEnumType(QualityStatus, {
  name: 'QualityStatus',
  description: "Where a lot stands with its material's quality tests (Lot.quality). Positive release: a lot may be neither consumed nor shipped while a test required for release is PENDING or FAILED.",
  valuesConfig: {
    NOT_REQUIRED: { description: 'No specification of its material requires a test before release, and the lot has no results.' },
    PENDING: { description: 'A test required for release has no result yet.' },
    PASSED: { description: 'Every required test has a result, and no failure is outstanding.' },
    FAILED: { description: 'A result failed, and no release has answered it since: a later passing retest does not erase a failure; releaseLot does.' },
  },
});

registerEnumType(RecallState, {
  name: 'RecallState',
  description: 'Where a recall case or mock recall stands.',
  valuesConfig: {
    OPEN: { description: 'Being worked: consignees respond; its clock runs.' },
    CLOSED: { description: 'Closed (closeRecall): read-only, its clock stopped.' },
  },
});

registerEnumType(ConsigneeState, {
  name: 'ConsigneeState',
  description: 'How far a consignee of a recall has come, in this order: a response moves it on, never back.',
  valuesConfig: {
    TO_NOTIFY: { description: 'Not yet told (every consignee starts so when the recall opens).' },
    NOTIFIED: { description: 'Told of the recall.' },
    ACKNOWLEDGED: { description: 'Confirmed it received the notice.' },
    COMPLETED: { description: 'Done: what it had is returned, destroyed, on hand there or sold on, as it reported.' },
  },
});

registerEnumType(HoldChange, {
  name: 'HoldChange',
  description: 'What a status change did to a lot\'s hold (Subscription.lotHoldChanged).',
  valuesConfig: {
    HELD: { description: 'The lot went ON_HOLD (holdAffectedLots, a failed test result, openRecall, setLotStatus).' },
    RELEASED: { description: 'The lot left ON_HOLD: released (releaseLot), or set to another status (setLotStatus); LotHoldChanged.to says which.' },
  },
});

registerEnumType(RecallUpdate, {
  name: 'RecallUpdate',
  description: 'What happened to a recall case (Subscription.recallCaseUpdated).',
  valuesConfig: {
    OPENED: { description: 'It was opened (openRecall), its holds placed.' },
    CONSIGNEE_RESPONDED: { description: "A consignee's response was recorded (recordConsigneeResponse): RecallCaseUpdated.customerCode names it." },
    CLOSED: { description: 'It was closed (closeRecall): read-only from now on.' },
  },
});

registerEnumType(CaptureStatus, {
  name: 'CaptureStatus',
  description: 'What became of one event of a recordEvents request.',
  valuesConfig: {
    RECORDED: { description: 'Recorded by this request.' },
    ALREADY_RECORDED: { description: 'Recorded before under the same eventId with the same content: nothing new written.' },
    REFUSED: { description: 'Refused (code, field, message say why): nothing of it written.' },
  },
});

/** The roles of src/api/auth/keys.ts as the enum object registerEnumType wants (Viewer.roles). */
export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [R in Role]: R };

registerEnumType(RoleEnum, {
  name: 'Role',
  description: "What a caller may do (docs/DOMAIN.md's role table): an API key has one role, a token may grant several.",
  valuesConfig: {
    VIEWER: { description: 'Every query and every subscription.' },
    OPERATOR: { description: 'VIEWER, and the master data, receipts, production, shipments, transfers, stock counts, test results and imports.' },
    RECALL_COORDINATOR: { description: 'VIEWER, and setLotStatus, holdAffectedLots, the exports and recall cases (openRecall, recordConsigneeResponse, closeRecall).' },
    QUALITY: { description: 'VIEWER, and specifications, test results and releases.' },
    ADMIN: { description: 'Everything.' },
  },
});
