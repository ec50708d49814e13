// Java .properties files, read by java.util.Properties.load rules so that any Kafka worker or
// connector file means the same here.
import { ConfigException } from './config-exception.js';
import { setOwn } from './own-record.js';

export interface PropertiesParseOptions {
  /** Named in error messages, e.g. the file path. */
  readonly source?: string;
}

interface NaturalLine {
  readonly text: string;
  readonly number: number;
}

/** A logical line: natural lines joined at continuations, with where each piece came from. */
interface LogicalLine {
  readonly text: string;
  /** [offset in text, natural line number], ascending. */
  readonly pieces: ReadonlyArray<readonly [number, number]>;
}

const isWhitespace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';

/**
 * Parses .properties text. Duplicate keys: the last wins. A UTF-8 byte order mark is ignored.
 * Throws ConfigException, with the line number, on a malformed `\uXXXX` escape.
 */
export function parseProperties(text: string, options: PropertiesParseOptions = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of logicalLines(naturalLines(text))) {
    const [rawKey, rawValue, valueOffset] = splitKeyValue(line.text);
    const key = unescape(rawKey, line, 0, options);
    setOwn(result, key, unescape(rawValue, line, valueOffset, options));
  }
  return result;
}

function naturalLines(text: string): NaturalLine[] {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/).map((line, index) => ({ text: line, number: index + 1 }));
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (count < text.length && text[text.length - 1 - count] === '\\') count++;
  return count;
}

function stripLeadingWhitespace(text: string): string {
  let start = 0;
  while (isWhitespace(text[start])) start++;
  return text.slice(start);
}

function* logicalLines(lines: readonly NaturalLine[]): Generator<LogicalLine> {
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index]!;
    const start = stripLeadingWhitespace(first.text);
    // Only the first natural line of a logical line can be blank or a comment.
    if (start === '' || start[0] === '#' || start[0] === '!') continue;
    let text = start;
    const pieces: Array<readonly [number, number]> = [[0, first.number]];
    // An odd run of trailing backslashes escapes the line end; an even run is escaped backslashes.
    while (trailingBackslashes(text) % 2 === 1) {
      text = text.slice(0, -1);
      index++;
      const next = lines[index];
      if (next === undefined) break;
      pieces.push([text.length, next.number]);
      text += stripLeadingWhitespace(next.text);
    }
    yield { text, pieces };
  }
}

/** The key ends at the first unescaped `=`, `:` or whitespace; then whitespace and one `=`/`:` are skipped. */
function splitKeyValue(line: string): [string, string, number] {
  let keyEnd = 0;
  let valueStart = line.length;
  let hasSeparator = false;
  let escaped = false;
  while (keyEnd < line.length) {
    const c = line[keyEnd];
    if (!escaped && (c === '=' || c === ':')) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    }
    if (!escaped && isWhitespace(c)) {
      valueStart = keyEnd + 1;
      break;
    }
    escaped = c === '\\' ? !escaped : false;
    keyEnd++;
  }
  while (valueStart < line.length) {
    const c = line[valueStart];
    if (!isWhitespace(c)) {
      if (hasSeparator || (c !== '=' && c !== ':')) break;
      hasSeparator = true;
    }
    valueStart++;
  }
  return [line.slice(0, keyEnd), line.slice(valueStart), valueStart];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

function unescape(raw: string, line: LogicalLine, offset: number, options: PropertiesParseOptions): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    i++;
    const escaped = raw[i];
    if (escaped === undefined) break;
    if (escaped === 'u') {
      const hex = raw.slice(i + 1, i + 5);
      if (!HEX4.test(hex)) throw malformedUnicode(line, offset + i - 1, options);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += SIMPLE_ESCAPES[escaped] ?? escaped;
    }
  }
  return out;
}

function malformedUnicode(line: LogicalLine, offset: number, options: PropertiesParseOptions): ConfigException {
  let lineNumber = line.pieces[0]?.[1] ?? 0;
  for (const [start, number] of line.pieces) if (start <= offset) lineNumber = number;
  const where = options.source === undefined ? `line ${lineNumber}` : `${options.source} line ${lineNumber}`;
  const sample = line.text.slice(offset, offset + 6);
  return new ConfigException(`Malformed \\uxxxx encoding at ${where}: '${sample}'`);
}

export interface PropertiesFormatOptions {
  /** Comment lines written first, each prefixed with `# `. */
  readonly header?: string;
}

/**
 * Writes properties that java.util.Properties reads back to the same map. As Properties.store
 * does for byte streams, characters outside printable ASCII become `\uXXXX`, so the file reads
 * the same whether it is decoded as UTF-8 (Sluice) or ISO-8859-1 (Kafka's own tools).
 */
export function formatProperties(entries: Readonly<Record<string, string>> | ReadonlyMap<string, string>, options: PropertiesFormatOptions = {}): string {
  const lines: string[] = [];
  if (options.header !== undefined) {
    for (const line of options.header.split(/\r\n|\r|\n/)) lines.push(line === '' ? '#' : `# ${escapeText(line, false, true)}`);
  }
  const pairs = entries instanceof Map ? [...entries.entries()] : Object.entries(entries);
  for (const [key, value] of pairs) lines.push(`${escapeText(key, true, false)}=${escapeText(value, false, false)}`);
  return lines.map((line) => `${line}\n`).join('');
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f' };

function escapeText(text: string, isKey: boolean, isComment: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) {
      out += named;
      continue;
    }
    if (code < 0x20 || code > 0x7e) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
      continue;
    }
    if (isComment) {
      out += c;
      continue;
    }
    switch (c) {
      case '\\':
        out += '\\\\';
        break;
      case ' ':
        out += i === 0 || isKey ? '\\ ' : ' ';
        break;
      case '=':
      case ':':
      case '#':
      case '!':
        out += `\\${c}`;
        break;
      default:
        out += c;
    }
  }
  return out;
}
