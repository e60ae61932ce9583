import { readFileSync } from 'node:fs';
import { UsageError } from './usage.js';

/**
 * Readable validation errors for the files smtpspec reads (config, baseline, results.json):
 * `<file>: <key path>: expected <what>, got <what was found>`, one line, exit code 2.
 */
export class FileError extends UsageError {
  constructor(file: string, key: string, message: string) {
    super(key === '' ? `${file}: ${message}` : `${file}: ${key}: ${message}`);
  }
}

/** What was found, short enough for one line: `"http://x"`, `42`, `an array`, `an object`, `null`. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `targets.postfix.url`, `include[2]`, `targets["my target"]`. */
export function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const part = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return parent === '' ? part : /^[A-Za-z_$]/.test(part) ? `${parent}.${part}` : `${parent}[${part}]`;
}

/** Parses JSON with the error reduced to one line that names the file. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new FileError(file, '', `not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
}

/** Reads a file the user named (`shown` is how the message names it); failing is one line, exit 2. */
export function readUserFile(file: string, shown: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${shown}: cannot read the ${what}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}
