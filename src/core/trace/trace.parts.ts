/**
 * What a trace reads beyond the reach statement (the lot codes and depths), so that a client
 * asking for less makes the database do less: a trace of lot codes and depths is the reach
 * statement alone (sent on its own, without a transaction: REACH_ALONE). Each part is one more
 * statement in the trace's READ transaction.
 */
export interface TraceParts {
  /** Lot properties beyond the code (status, quantities, material, supplier, ...). */
  lots: boolean;
  /** Work orders with their inputs and outputs: the workOrders and edges fields, and exposure. */
  workOrders: boolean;
  /** FORWARD: shipment lines with their shipments and customers. */
  lines: boolean;
  /** BACKWARD: the suppliers of the traced lots. */
  suppliers: boolean;
}

export const WHOLE_TRACE: TraceParts = Object.freeze({ lots: true, workOrders: true, lines: true, suppliers: true });

/** Lot codes and depths alone: the reach statement. */
export const REACH_ALONE: TraceParts = Object.freeze({ lots: false, workOrders: false, lines: false, suppliers: false });

/** Whether `parts` asks for nothing beyond the reach (REACH_ALONE), whatever parts there are. */
export const isReachAlone = (parts: TraceParts) => Object.values(parts).every((part) => !part);

