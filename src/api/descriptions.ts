// Schema descriptions several types share, so that one rule reads the same everywhere.

/** An event input's eventId (docs/DOMAIN.md, "Recording events"). */
export const EVENT_ID =
  "The client's id for this event (a receipt number, a work-order id, a UUID): sent again with the same content, " +
  'nothing new is recorded and the answer is the same (safe retries); with other content, CONFLICT.';

/** A quantity consumed or shipped from a lot (README, "Quantities and dates"). */
export const TAKEN_QUANTITY = "How much, in the lot's unit: above 0, at most 1e12, and no more than the lot has on hand.";
