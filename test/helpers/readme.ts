import fs from 'node:fs';
import path from 'node:path';

/** README.md as the user reads it: tests hold it to what the code does. */
export const readme = (): string => fs.readFileSync(path.resolve('README.md'), 'utf8');

/** A section's text: from its heading line to the next heading of the same or a higher level. */
export function readmeSection(heading: string): string {
  const text = readme();
  const start = text.split('\n').findIndex((line) => line === heading);
  if (start < 0) throw new Error(`the README has no "${heading}"`);
  const level = /^#+/.exec(heading)![0].length;
  const lines = text.split('\n').slice(start);
  const end = lines.findIndex((line, i) => i > 0 && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
}

/** The row of an error code in the README's error table (### Errors). */
export function errorTableRow(code: string): string {
  const row = readmeSection('### Errors').split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
  if (!row) throw new Error(`the README's error table has no ${code}`);
  return row;
}

/** What the README shows after `$ <command>` in a console block, up to the next prompt or the block's end. */
export function readmeConsole(command: string): string {
  const text = readme();
  const start = text.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`the README shows no "$ ${command}"`);
  const rest = text.slice(start + command.length + 3);
  return `${rest.slice(0, Math.min(...['\n$ ', '\n```'].map((end) => rest.indexOf(end)).filter((i) => i >= 0)))}\n`;
}
