import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import neo4j, { Neo4jError } from 'neo4j-driver';
import { CYPHER_DIR } from '../db/cypher.js';
import type { Params } from '../db/db.js';
import { type CliContext, UsageError } from './context.js';
import { toCsv } from '../core/csv.js';
import { type Cell, emit, table } from './output.js';

/**
 * `--param name=value`, repeatable. The value is JSON when it reads as JSON (51, 2.5, true, null,
 * ["A","B"], {"k":1}, "\"0042\""), else the text as it is (PB-CR-260305).
 */
export function parseParam(text: string, previous: Params = {}): Params {
  const eq = text.indexOf('=');
  const name = eq < 0 ? '' : text.slice(0, eq);
  if (!/^[A-Za-z_]\w*$/.test(name)) throw new InvalidArgumentError('must be name=value, e.g. code=PB-CR-260305 or codes=\'["PB-CR-260305","PB-CR-260312"]\'');
  if (name in previous) throw new InvalidArgumentError(`$${name} is given twice`);
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { ...previous, [name]: value };
}

/** Whole numbers go as Cypher INTEGERs, as cypher-shell sends `51` (LIMIT, range() need them); others as FLOATs. */
function toCypher(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(toCypher);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypher(v)]));
  return value;
}

/** The file as given (/dev/stdin too), else the statement of that name in cypher/ (`trace-forward`, `trace-forward.cypher`). */
function statementFile(file: string): string {
  if (fs.existsSync(file) && !fs.statSync(file).isDirectory()) return file;
  const named = path.join(CYPHER_DIR, `${path.basename(file, '.cypher')}.cypher`);
  if (fs.existsSync(named)) return named;
  throw new UsageError(`${file}: no such file, nor a statement of that name in cypher/`);
}

/** Lists and maps in a table or CSV cell as JSON; numbers and text as they are. */
const cell = (value: unknown): Cell =>
  value === null || value === undefined || typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);

/** `lotgraph cypher <file>`: one statement with parameters, in a read-only transaction. */
export async function cypherCommand(ctx: CliContext, file: string, opts: { param: Params; format: 'table' | 'json' | 'csv' }): Promise<void> {
  const found = statementFile(file);
  const text = fs.readFileSync(found, 'utf8');
  const { db } = await ctx.open();
  let result: Awaited<ReturnType<typeof db.readText>>;
  try {
    result = await db.readText(text, toCypher(opts.param) as Params, { op: `cli cypher ${path.basename(found)}`, requestId: ctx.scope.requestId });
  } catch (err) {
    if (!(err instanceof Neo4jError) || !err.code.startsWith('Neo.ClientError.')) throw err;
    // Neo4j's own words (syntax, missing parameters, types), as for a statement typed into cypher-shell.
    const hint = err.code === 'Neo.ClientError.Statement.AccessMode'
      ? ' (lotgraph cypher only reads; the statements that record are run by the API and the import commands, with their checks)'
      : err.code === 'Neo.ClientError.Statement.ParameterMissing' ? ' (give each with --param name=value; the file\'s header names them)' : '';
    throw new UsageError(`${file}: ${err.message.trim()}${hint}`);
  }
  const { columns, rows } = result;
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  if (opts.format === 'json') emit(JSON.stringify(rows, null, 2));
  else if (opts.format === 'csv') emit(toCsv(columns, cells));
  else emit(`${rows.length > 0 ? `${table(columns, cells)}\n\n` : ''}${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`);
}
