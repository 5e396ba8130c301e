// src/core: the domain, free of GraphQL, HTTP and DataLoaders: records, rules, the event recorder, the genealogy engine, a service per aggregate.
// The browser build of csv-stringify: the Recall explorer bundles this module too (web/src/recall-csv.ts),
// and the Node build needs Node's Buffer.
import { stringify } from 'csv-stringify/browser/esm/sync';

export type CsvCell = string | number | null | undefined;

/**
 * First characters that make Excel, LibreOffice Calc or Google Sheets read a cell as a formula
 * (OWASP, "CSV Injection"): = + - @, TAB and CR, and the full-width = + - @ that some locales
 * (and Apple Numbers) take for them.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * A text cell as written. One that would start a formula gets a single quote in front (a spreadsheet
 * then shows it as text) and is quoted; one holding ";" is quoted, so that a spreadsheet separating
 * cells by ";" (its list separator in many locales) cannot start a cell inside it. Numbers are left
 * as they are: a negative quantity is a number, not a formula.
 */
function textCell(text: string) {
  if (FORMULA_START.test(text)) return { value: `'${text}`, quoted: true };
  return text.includes(';') ? { value: text, quoted: true } : text;
}

/**
 * Every CSV lotgraph writes: the FSMA 204 sheet and its glossary, the recall list (the Recall explorer's
 * and the CLI's), the CLI's trace. RFC 4180: a header row, CRLF line ends, fields quoted where they
 * need it; null and undefined as empty cells.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return csvLines([header, ...rows]);
}

/** Rows without a header, as toCsv writes them: what a streamed export sends after its header, page by page. */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], { record_delimiter: 'windows', cast: { string: textCell } });
}
