import fs from 'node:fs';
import path from 'node:path';
import { requestBodies } from '../../web/src/readme-examples.js';

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

export interface ReadmeRequest {
  query: string;
  variables?: Record<string, unknown>;
  /** The key variable its curl sends (`OPERATOR_KEY`, `QUALITY_KEY`, …), if any. */
  key?: string;
  /** The answer the README shows right after it (a ```json block), if any. */
  shown?: unknown;
}

/**
 * A section's GraphQL requests in the README's order (the curl bodies of its ```sh blocks), each
 * with the answer shown right after its block. An answer that follows no request is an error: the
 * reader could not reproduce it.
 */
export function readmeRequests(heading: string): ReadmeRequest[] {
  const requests: ReadmeRequest[] = [];
  let afterRequest = false;
  for (const block of readmeSection(heading).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, lang, body] = block;
    if (lang === 'sh') {
      const key = /Bearer \$(\w+_KEY)\b/.exec(body)?.[1];
      const bodies = requestBodies(body).map((r) => (key ? { ...r, key } : r));
      requests.push(...bodies);
      afterRequest = bodies.length > 0;
    } else if (lang === 'json') {
      if (!afterRequest) throw new Error(`${heading}: the README shows an answer to no request: ${body.slice(0, 120)}`);
      requests[requests.length - 1].shown = JSON.parse(body);
      afterRequest = false;
    } else {
      afterRequest = false;
    }
  }
  return requests;
}

/**
 * The code block right after the ```sh block of a section that holds `text`: what the README shows
 * that command answering.
 */
export function readmeAnswer(heading: string, text: string): string {
  const blocks = [...readmeSection(heading).matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)];
  const i = blocks.findIndex(([, lang, body]) => lang === 'sh' && body.includes(text));
  if (i < 0 || i + 1 >= blocks.length) throw new Error(`${heading}: no command with "${text}" and an answer after it`);
  return blocks[i + 1][2];
}
