import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type Cell = string | number | null | undefined;

/** What a person reads: numbers to 4 decimals at most (json and csv carry them in full), nothing as '-'. */
export function human(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'number') return String(Number(value.toFixed(4)));
  return value;
}

/** A plain-text table: a header, a rule, one line per row; numbers right-aligned (a column with none is text). */
export function table(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => r.map(human));
  const right = headers.map((_, i) => rows.some((r) => typeof r[i] === 'number') && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined));
  const width = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (right[i] ? c.padStart(width[i]) : c.padEnd(width[i]))).join('  ').trimEnd();
  return [line(headers), line(width.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Writes to a file, or to stdout when none is given. */
export function emit(text: string, file?: string): void {
  if (file) fs.writeFileSync(file, text);
  else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes text as it comes (an export, a page at a time) to a file, or to stdout when none is given. */
export async function emitStream(chunks: AsyncIterable<string>, file?: string): Promise<void> {
  if (file) await pipeline(Readable.from(chunks), fs.createWriteStream(file));
  else await pipeline(Readable.from(chunks), process.stdout, { end: false });
}

/** Writes a line on stderr: progress notes and summaries that must not mix with machine output on stdout. */
export const note = (text: string) => process.stderr.write(`${text}\n`);
