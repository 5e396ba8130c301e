import { QUALITY_COLOURS, QUALITY_LABELS, STATUS_COLOURS, STATUS_LABELS, exposureColour, fmtExposure } from '../format.js';
import type { LotStatus, QualityStatus } from '../operations.js';

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
