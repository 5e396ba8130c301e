import {
  CONSIGNEE_COLOURS, CONSIGNEE_LABELS, QUALITY_COLOURS, QUALITY_LABELS, STATUS_COLOURS, STATUS_LABELS, exposureColour, fmtExposure,
} from '../format.js';
import type { ConsigneeState, LotStatus, QualityStatus, RecallState } from '../operations.js';

/** A lot status: coloured and named (colour is never the only cue). */
export const StatusBadge = ({ status }: { status: LotStatus }) => (
  <span className="badge" style={{ background: STATUS_COLOURS[status] }}>{STATUS_LABELS[status]}</span>
);

/** A lot's quality: coloured and named, marked as quality so it is not read as a status. */
export const QualityBadge = ({ quality }: { quality: QualityStatus }) => (
  <span className="badge" style={{ background: QUALITY_COLOURS[quality] }} title="Quality">{QUALITY_LABELS[quality]}</span>
);

/** Exposure as a swatch on the graph's colour scale, and as a number. */
export const Exposure = ({ value }: { value: number | null | undefined }) => (
  <span className="exposure">
    <span className="swatch" aria-hidden="true" style={{ background: exposureColour(value) }} />
    {fmtExposure(value)}
  </span>
);

export function Problem({ error }: { error: string | null }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}

/** How far a consignee of a recall has come. */
export const ConsigneeBadge = ({ state }: { state: ConsigneeState }) => (
  <span className="badge" style={{ background: CONSIGNEE_COLOURS[state] }}>{CONSIGNEE_LABELS[state]}</span>
);

/** Open or closed, and a mock recall told apart from a real one by name, not colour alone. */
export const RecallBadges = ({ state, drill }: { state: RecallState; drill: boolean }) => (
  <>
    {drill && <span className="badge drill">Mock recall</span>}
    <span className="badge" style={{ background: state === 'OPEN' ? '#b3261e' : '#555555' }}>{state === 'OPEN' ? 'Open' : 'Closed'}</span>
  </>
);
