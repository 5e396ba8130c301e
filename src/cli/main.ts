import fs from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isUnavailable } from '../db/db.js';
import { codeOf } from '../core/errors.js';
import { CsvProblems } from '../core/csvimport/csv-format.js';
import { CliContext, UsageError } from './context.js';
import { cypherCommand, parseParam } from './cypher.js';
import { exportEpcisCommand, exportFsma204Command, exportGlossaryCommand } from './export.js';
import { importCsvCommand, importEpcisCommand } from './import.js';
import { releaseCommand, resultsCommand } from './quality.js';
import { historyCommand, whereCommand } from './stock.js';
import { recallCloseCommand, recallOpenCommand, recallReportCommand, recallRespondCommand, recallStatusCommand } from './recall.js';
import { recallCommand, traceCommand } from './trace.js';
import { ConsigneeState } from '../core/enums.js';

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, badInput: 1, unavailable: 2, internal: 3 } as const;

// QUERY_TOO_COMPLEX: refused at a server limit (a recall past LOTGRAPH_TRACE_NODE_LIMIT), which the message names; no stack to show.
const BAD_INPUT_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'QUERY_TOO_COMPLEX']);

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode;
  const code = codeOf(err);
  if (code === 'SERVICE_UNAVAILABLE' || isUnavailable(err)) return EXIT.unavailable;
  if ((code && BAD_INPUT_CODES.has(code)) || err instanceof UsageError || err instanceof CsvProblems) return EXIT.badInput;
  return EXIT.internal;
}

/** A quantity a consignee reports: zero or more. */
const reported = (text: string) => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number of zero or more');
  return n;
};

const whole = (min: number) => (text: string) => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`);
  return n;
};

// The seeders and the bulk loader are big: loaded only by the commands that use them.
const seedCommands = () => import('./seed.js');

const { version } = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(ctx: CliContext, setExit: (code: number) => void): Command {
  const program = new Command('lotgraph')
    .description('Lot traceability from the command line: trace, recall, imports and exports, straight against Neo4j\n' +
      '(NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, as the API reads them; unset ones from .env.local,\n' +
      'where npm run quickstart remembers its local Neo4j), with the API\'s own validation.')
    .version(version)
    // Options after a subcommand are that subcommand's (recall has --reason, and so has recall open).
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('(lotgraph --help shows the commands)')
    .addHelpText('after', [
      '',
      'Exit codes: 0 done; 1 bad input (usage, unknown lot, refused file, conflict); 2 Neo4j unavailable; 3 unexpected error.',
      'Events recorded here carry the actor cli:<your user name>.',
    ].join('\n'));

  program.command('trace <lot>')
    .description('every lot, work order, shipment and customer downstream of a lot (or, with --backward, upstream, with suppliers)')
    .option('--backward', 'where the lot came from, instead of where it went')
    .option('--depth <n>', 'follow at most this many work orders (default LOTGRAPH_TRACE_DEFAULT_DEPTH)', whole(1))
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .action((lot: string, opts) => traceCommand(ctx, lot, opts));

  const recall = program.command('recall')
    .usage('<lots...> [options] | open|status|respond|close|report ...')
    .description('recall impact of suspect lots (lotgraph recall <lots...>), and recall cases and mock recalls (open, status, respond, close, report)')
    .argument('<lots...>', 'the suspect lots (a first argument that names a subcommand runs it instead)')
    .option('--hold', 'put every affected lot still in house ON_HOLD (needs --reason)')
    .option('--reason <text>', 'why, recorded with the hold')
    .option('--csv <file>', 'write one row per shipment line of an affected lot (customer, contact, quantity, exposure) to this file')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .action((lots: string[], opts) => recallCommand(ctx, lots, opts));
  const caseFormat = () => new Option('--format <format>', 'output').choices(['table', 'json']).default('table');
  recall.command('open <recallId> <lots...>')
    .description('open a recall case on suspect lots: freeze the impact, hold what is in house (not with --drill or --no-hold), one consignee per customer')
    .requiredOption('--reason <text>', 'why (recorded with the recall and its holds)')
    .option('--classification <class>', 'FDA class I, II or III')
    .option('--drill', 'a mock recall: timed and scored, nothing on any lot changes')
    .option('--no-hold', 'do not put the affected lots in house ON_HOLD')
    .addOption(caseFormat())
    .action((recallId: string, lots: string[], opts) => recallOpenCommand(ctx, recallId, lots, opts));
  recall.command('status <recallId>')
    .description('a recall case: its clock, consignees, effectiveness, and what changed since it opened')
    .addOption(caseFormat())
    .action((recallId: string, opts) => recallStatusCommand(ctx, recallId, opts));
  recall.command('respond <recallId> <customer>')
    .description("record a consignee's response (an event: --event-id makes a retry safe)")
    .addOption(new Option('--state <state>', 'where the consignee stands now').choices(Object.keys(ConsigneeState)).makeOptionMandatory())
    .option('--returned <n>', 'returned to us', reported)
    .option('--destroyed <n>', 'destroyed there', reported)
    .option('--on-hand <n>', 'still on hand there', reported)
    .option('--sold-on <n>', 'already sold on', reported)
    .option('--uom <unit>', 'the unit of the quantities (needed when the consignee was shipped more than one)')
    .option('--note <text>', 'a note kept with the consignee')
    .option('--at <date-time>', 'when it responded (default: now)')
    .option('--event-id <id>', 'the event id (default: a new one); with --at, running the same command again records nothing new')
    .option('--allow-over-accounted', 'record quantities adding up to more than the consignee was shipped')
    .addOption(caseFormat())
    .action((recallId: string, customer: string, opts) => recallRespondCommand(ctx, recallId, customer, opts));
  recall.command('close <recallId>')
    .description('close a recall case (it is read-only from then on; its clock stops)')
    .option('--note <text>', 'why or how it closed')
    .action((recallId: string, opts) => recallCloseCommand(ctx, recallId, opts));
  recall.command('report <recallId>')
    .description('the report: elapsed time, mass balance of the suspect lots, shipped quantity accounted, consignee by consignee')
    .addOption(new Option('--format <format>', 'output').choices(['csv', 'html']).default('csv'))
    .option('--out <file>', 'write it here instead of stdout')
    .action((recallId: string, opts) => recallReportCommand(ctx, recallId, opts));

  program.command('results <lot>')
    .description('a lot\'s quality, and each of its test results against its material\'s specification')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .action((lot: string, opts) => resultsCommand(ctx, lot, opts));

  program.command('release <lot>')
    .description('release a held lot after review (QA): RELEASED, refused while a test\'s latest result failed or a required test has none')
    .requiredOption('--reason <text>', 'why, recorded with the release')
    .action((lot: string, opts) => releaseCommand(ctx, lot, opts));

  program.command('where <lot>')
    .description('where a lot sits now: its stock site by site and location by location')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .action((lot: string, opts) => whereCommand(ctx, lot, opts));

  program.command('history <lot>')
    .description('every event on a lot, oldest first: quantities, locations, statuses, reasons, who recorded it')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .action((lot: string, opts) => historyCommand(ctx, lot, opts));

  program.command('cypher <file>')
    .description('run one statement of cypher/ (by name: trace-forward) or a .cypher file of yours, with parameters, in a read-only transaction')
    .option('--param <name=value>', 'a parameter (repeatable); the value is JSON when it reads as JSON (51, 2.5, null, \'["A","B"]\', \'"0042"\'), else text; whole numbers go as integers', parseParam, {})
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .action((file: string, opts) => cypherCommand(ctx, file, opts));

  const importCmd = program.command('import').description('record events from files, each file all or nothing');
  importCmd.command('csv <path>')
    .description('receipts, test results, productions, shipments, transfers and stock counts from CSV files (README, "CSV import"): a file, or a directory\'s *.csv files')
    .action((target: string) => importCsvCommand(ctx, target));
  importCmd.command('epcis <path>')
    .description('EPCIS 2.0 documents, JSON(-LD) or XML (receiving, shipping, transformation events): a file, or a directory\'s *.json, *.jsonld and *.xml files')
    .option('--strict', 'refuse a document with a receiving, shipping or transformation event lotgraph cannot represent, instead of skipping that event')
    .action((target: string, opts: { strict?: boolean }) => importEpcisCommand(ctx, target, opts));

  const exportCmd = program.command('export').description('spreadsheets and documents for others');
  exportCmd.command('fsma204')
    .description('the FSMA 204 electronic sortable spreadsheet (CSV) of the events touching lots or products, or in a period')
    .option('--lot <codes...>', 'events touching these lots')
    .option('--trace', 'widen --lot to every lot upstream and downstream of them first')
    .option('--recall <id>', 'events touching the lots this recall froze as it opened (instead of --lot)')
    .option('--sku <skus...>', 'events whose lot or input lot is of these products (material SKUs)')
    .option('--from <date>', 'events on or after this date (2026-03-01) or date-time (2026-03-01T08:00:00Z)')
    .option('--to <date>', 'events on or before this date (the whole day) or date-time')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .option('--glossary <file>', 'also write the glossary of the columns (CSV) here')
    .action((opts) => exportFsma204Command(ctx, opts));
  exportCmd.command('epcis')
    .description('an EPCIS 2.0 JSON-LD document of a lot\'s trace (its events and their origins) or of a period')
    .option('--lot <code>', 'the lot whose trace to export')
    .option('--backward', 'its backward trace (default: forward)')
    .option('--from <date>', 'events on or after this date or date-time')
    .option('--to <date>', 'events on or before this date (the whole day) or date-time')
    .option('--out <file>', 'write the document here instead of stdout')
    .action((opts) => exportEpcisCommand(ctx, opts));
  exportCmd.command('fsma204-glossary')
    .description('what the FSMA 204 columns mean (docs/fsma204-glossary.md is its markdown)')
    .addOption(new Option('--format <format>', 'output').choices(['csv', 'markdown']).default('csv'))
    .option('--out <file>', 'write it here instead of stdout')
    .action((opts) => exportGlossaryCommand(opts));

  const seedCmd = program.command('seed').description('example data');
  seedCmd.command('demo')
    .description('load the demo plant (README, "The demo plant"); loading it again writes nothing')
    .action(async () => (await seedCommands()).seedDemoCommand(ctx));
  seedCmd.command('generate')
    .description('generate a synthetic genealogy as a data set for lotgraph load (deterministic for a seed)')
    .option('--lots <n>', 'lots to make', whole(100), 100_000)
    .option('--seed <n>', 'random seed', whole(0), 1)
    .option('--out <dir>', 'where to write it (default data/genealogy-<lots>-s<seed>)')
    .option('--prefix <text>', 'put before every key, to keep a data set apart in a shared database', '')
    .option('--customers <n>', 'customers (default lots/100, within 1000..10000)', whole(1))
    .action(async (opts) => (await seedCommands()).seedGenerateCommand(opts));

  program.command('load <dir>')
    .description('bulk-load a generated data set (resumable: Ctrl-C, then the same command again)')
    .option('--batch-size <n>', 'records per transaction', whole(1))
    .action(async (dir: string, opts) => setExit(await (await seedCommands()).loadCommand(ctx, dir, opts)));

  return program;
}

/** Runs the command line and resolves with the exit code; every error is reported on stderr. */
export async function run(argv: string[]): Promise<number> {
  const ctx = new CliContext();
  let exit: number = EXIT.ok;
  try {
    await buildProgram(ctx, (code) => { exit = code; }).parseAsync(argv);
  } catch (err) {
    exit = exitCodeOf(err);
    // Commander has already said what was wrong with the command line (or shown the help).
    if (!(err instanceof CommanderError)) {
      const message = err instanceof Error ? err.message : String(err);
      if (exit === EXIT.unavailable) process.stderr.write(`lotgraph: ${message} (NEO4J_URI ${ctx.config.NEO4J_URI})\n`);
      else if (exit === EXIT.internal) process.stderr.write(`lotgraph: unexpected error: ${err instanceof Error ? err.stack : message}\n`);
      else process.stderr.write(`lotgraph: ${message}\n`);
    }
  } finally {
    await ctx.close();
  }
  return exit;
}

process.exitCode = await run(process.argv);
