import { csvText, glossaryCsv, glossaryMarkdown } from '../core/fsma/fsma.columns.js';
import { parseBound } from '../core/fsma/fsma.service.js';
import { TraceDirection } from '../core/enums.js';
import type { CliContext } from './context.js';
import { emit, emitStream, note } from './output.js';

export interface Fsma204Options {
  lot?: string[];
  sku?: string[];
  from?: string;
  to?: string;
  trace?: boolean;
  recall?: string;
  out?: string;
  glossary?: string;
}

/** `lotgraph export fsma204`: the FSMA 204 sortable spreadsheet, on stdout or into --out. */
export async function exportFsma204Command(ctx: CliContext, opts: Fsma204Options): Promise<void> {
  const filter = {
    lotCodes: opts.lot ?? null,
    materialSkus: opts.sku ?? null,
    from: opts.from === undefined ? null : parseBound('from', opts.from),
    to: opts.to === undefined ? null : parseBound('to', opts.to),
    includeTrace: opts.trace ?? false,
    recallId: opts.recall ?? null,
  };
  const { services } = await ctx.open();
  const pages = await services.fsma.pages(filter, ctx.scope);
  let rows = 0;
  async function* counted() {
    for await (const page of pages) {
      rows += page.length;
      yield page;
    }
  }
  await emitStream(csvText(counted()), opts.out);
  if (opts.glossary) emit(glossaryCsv(), opts.glossary);
  if (opts.out) note(`${rows} rows written to ${opts.out}${opts.glossary ? `, the glossary to ${opts.glossary}` : ''}`);
}

/** `lotgraph export fsma204-glossary`: what the columns mean, as CSV or as docs/fsma204-glossary.md. */
export function exportGlossaryCommand(opts: { format: 'csv' | 'markdown'; out?: string }): void {
  emit(opts.format === 'csv' ? glossaryCsv() : glossaryMarkdown(), opts.out);
}

/** `lotgraph export epcis`: an EPCIS 2.0 JSON-LD document of a lot's trace or of a period (the EPCIS service's export). */
export async function exportEpcisCommand(ctx: CliContext, opts: { lot?: string; backward?: boolean; from?: string; to?: string; out?: string }): Promise<void> {
  const { services } = await ctx.open();
  const text = await services.epcis.exportText({
    lotCode: opts.lot ?? null,
    direction: opts.backward ? TraceDirection.BACKWARD : TraceDirection.FORWARD,
    from: opts.from ?? null,
    to: opts.to ?? null,
  }, ctx.scope);
  async function* line() {
    yield* text;
    yield '\n';
  }
  await emitStream(line(), opts.out);
  if (opts.out) note(`EPCIS document written to ${opts.out}`);
}
