// What the Recall explorer's recall case page asks (issue 14: the progress bars, the consignee
// checklist, the frozen impact, the lots it held) in one request, and what opening a recall asks
// back; bench/recall.ts times them, bench/profile.ts profiles the case page.
import { IMPACT } from '../web/src/operations.js';

const ACCOUNTED = 'uom quantityShipped exposedQuantity returned destroyed onHandReported soldOn accounted accountedShare';

export const CASE_PAGE = /* GraphQL */ `
query RecallCase($id: ID!) {
  recall(id: $id) {
    id recallId state drill hold reason classification openedAt openedBy closedAt closedBy closeNote elapsedSeconds
    suspectLots { ...LotRow }
    heldLots { ...LotRow }
    effectiveness {
      consignees notified acknowledged completed massBalanceAccounted shippedAccounted
      shippedByUnit { ${ACCOUNTED} }
      massBalanceByUnit { uom quantity accounted accountedShare }
      suspectLots { lot { code } uom quantity consumed shipped inHouse destroyed accounted accountedShare }
    }
    consignees {
      id state notifiedAt acknowledgedAt completedAt notes overAccounted accountedShare
      quantityShipped exposedQuantity returned destroyed onHandReported soldOn
      customer { code name gln contact }
      accountedByUnit { ${ACCOUNTED} }
    }
    impact { ...Impact }
  }
}
${IMPACT}`;

/** "What changed since opening", the case page's other panel: the genealogy engine run again. */
export const CHANGED_SINCE = /* GraphQL */ `
query RecallChangedSince($id: ID!) {
  recall(id: $id) { changedSince { added { code } removed { code } addedShipments { number } addedCustomers { code } } }
}`;

export const OPEN_RECALL = /* GraphQL */ `
mutation OpenRecall($input: OpenRecallInput!) {
  openRecall(input: $input) {
    recallId state drill
    impact { totals { affectedLots inHouseLots shipments customers } }
    heldLots { code }
  }
}`;
