import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/core/csv.js';
import { parseCsv } from '../../src/core/csvimport/csv-format.js';

const line = (cells: (string | number | null)[]) => toCsv(['h'], cells.map((c) => [c])).split('\r\n').slice(1, -1);

describe('toCsv, the one writer of every CSV lotgraph produces', () => {
  it('writes RFC 4180 with a header row and CRLF line ends, quoting only where needed', () => {
    expect(toCsv(['Lot', 'Name', 'Quantity'], [['L-1', 'Salt, fine "grey"', 12.5], ['L-2', null, 3]]))
      .toBe('Lot,Name,Quantity\r\nL-1,"Salt, fine ""grey""",12.5\r\nL-2,,3\r\n');
  });

  it('puts a single quote before text a spreadsheet would run as a formula, and quotes the cell (OWASP)', () => {
    expect(line([
      '=HYPERLINK("http://evil.example","x")', '+1 555 0100', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1',
      '\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(1)',
    ])).toEqual([
      '"\'=HYPERLINK(""http://evil.example"",""x"")"', '"\'+1 555 0100"', '"\'-2+3"', '"\'@SUM(1+1)"', '"\'\t=1+1"', '"\'\r=1+1"',
      '"\'\uFF1D1+1"', '"\'\uFF0B1"', '"\'\uFF0D1"', '"\'\uFF20SUM(1)"',
    ]);
  });

  it('leaves numbers numeric, negative ones included, and text that starts harmlessly as it is', () => {
    expect(line([-5, 0.25, 'a=1', ' =1', "'=1", '2026-03-01T00:00:00Z'])).toEqual(['-5', '0.25', 'a=1', ' =1', "'=1", '2026-03-01T00:00:00Z']);
  });

  it('quotes text holding ";", so a spreadsheet that separates cells by ";" cannot start a cell inside it', () => {
    expect(line(['Crackers;=1+1'])).toEqual(['"Crackers;=1+1"']);
  });

  it('reads back, through any CSV reader, as the text behind the quote', () => {
    const hostile = '=HYPERLINK("http://evil.example","x"), then more';
    expect(parse(toCsv(['Name'], [[hostile]]))).toEqual([['Name'], [`'${hostile}`]]);
  });
});

describe('reading a file to import', () => {
  it('takes a row of empty cells (as a spreadsheet saves the rows below its table) for no row, and still counts every line', () => {
    const parsed = parseCsv([
      'eventId,lotCode,materialSku,quantity,uom,supplierCode,receivedAt,supplierLotCode',
      'r1,L1,FLOUR,10,kg,SUP,2026-04-05T08:00:00Z,',
      ',,,,,,,',
      'r2,L2,FLOUR,12kg,kg,SUP,2026-04-05T08:00:00Z,',
      ',,,,,,,',
      '',
    ].join('\r\n'));
    expect([parsed.kind, parsed.rows, parsed.events.length]).toEqual(['receipts', 2, 1]);
    expect(parsed.problems.map((p) => [p.line, p.column])).toEqual([[4, 'quantity']]);
  });
});
