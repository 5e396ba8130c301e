import fs from 'node:fs';
import path from 'node:path';
import { type CsvKind, CsvProblems, KIND_ORDER, csvKindOf } from '../core/csvimport/csv-format.js';
import { DomainError } from '../core/errors.js';
import { type CliContext, UsageError } from './context.js';
import { emit } from './output.js';
import { progressBar } from './progress.js';

/** The files of a target: the file itself, or a directory's files with one of the extensions (not recursive), by name. */
export function filesOf(target: string, ...extensions: string[]): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new UsageError(`${target}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [target];
  const files = fs.readdirSync(target).filter((f) => extensions.some((e) => f.toLowerCase().endsWith(e))).sort().map((f) => path.join(target, f));
  if (files.length === 0) throw new UsageError(`${target}: no ${extensions.join(' or ')} files in this directory`);
  return files;
}

/** An error about one file of several says which file. */
function aboutFile(err: unknown, file: string): unknown {
  if (err instanceof DomainError || err instanceof CsvProblems) err.message = `${file}: ${err.message}`;
  return err;
}

/**
 * `lotgraph import csv <file|dir>`: each file all or nothing, in one transaction. A directory's
 * files go receipts first, then productions, transfers, stock counts and shipments (KIND_ORDER: each
 * refers to what the ones before made or moved), by name within a kind; the first file refused stops the import, the files before it stay
 * imported (re-running is safe: events already recorded are skipped).
 */
export async function importCsvCommand(ctx: CliContext, target: string): Promise<void> {
  const texts = filesOf(target, '.csv').map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const kinds = new Map<string, CsvKind>();
  for (const { file, text } of texts) {
    try {
      kinds.set(file, csvKindOf(text));
    } catch (err) {
      throw aboutFile(err, file);
    }
  }
  texts.sort((a, b) => KIND_ORDER.indexOf(kinds.get(a.file)!) - KIND_ORDER.indexOf(kinds.get(b.file)!) || (a.file < b.file ? -1 : 1));
  const { services } = await ctx.open({ schema: true });
  for (const { file, text } of texts) {
    const bar = progressBar(`${path.basename(file)} {bar} {percentage}% | {value}/{total} events | ETA {eta_formatted}`);
    try {
      const r = await services.csvImport.importText(text, ctx.scope, { onProgress: (done, total) => bar.update(done, total) });
      bar.stop();
      emit(`${file}: ${r.kind}, ${r.rows} rows, ${r.events} events: ${r.recorded} recorded, ${r.alreadyRecorded} already recorded`);
    } catch (err) {
      bar.stop();
      throw aboutFile(err, file);
    }
  }
}

interface EpcisProblem {
  index: number | null;
  field: string | null;
  reason: string;
}

/**
 * `lotgraph import epcis <file|dir> [--strict]`: EPCIS 2.0 documents (JSON-LD or XML), each all or
 * nothing (the EPCIS service's rules); a directory's *.json, *.jsonld and *.xml files by name. Every problem of a
 * refused document is listed, by its event's place in eventList; so is every event skipped.
 */
export async function importEpcisCommand(ctx: CliContext, target: string, opts: { strict?: boolean } = {}): Promise<void> {
  const files = filesOf(target, '.json', '.jsonld', '.xml');
  const { services } = await ctx.open({ schema: true });
  const bar = progressBar('epcis {bar} {percentage}% | {value}/{total} documents | ETA {eta_formatted}');
  try {
    for (const [i, file] of files.entries()) {
      let r;
      try {
        r = await services.epcis.importDocument(fs.readFileSync(file, 'utf8'), ctx.scope, { strict: opts.strict ?? false });
      } catch (err) {
        if (err instanceof DomainError && Array.isArray(err.extra.problems)) {
          const problems = err.extra.problems as EpcisProblem[];
          err.message = [`${file}: the document was refused (${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was recorded):`,
            ...problems.map((x) => `${x.index === null ? 'document' : `event ${x.index}`}${x.field ? `, ${x.field}` : ''}: ${x.reason}`)].join('\n');
          throw err;
        }
        throw aboutFile(err, file);
      }
      bar.update(i + 1, files.length);
      const reversing = r.reversed > 0 ? ` (${r.reversed} error declaration${r.reversed === 1 ? '' : 's'}, reversing what was recorded)` : '';
      emit([`${file}: ${r.events} events: ${r.recorded} recorded${reversing}, ${r.alreadyRecorded} already recorded, ${r.skipped.length} skipped`,
        ...r.skipped.map((x) => `  event ${x.index} (${x.type}) skipped: ${x.reason}`)].join('\n'));
    }
  } finally {
    bar.stop();
  }
}
