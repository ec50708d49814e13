import type { DbValue } from './db.js';

/**
 * Parses PostgreSQL's text form of an array (`{1,NULL,"a,b"}`, nested `{{1,2},{3,4}}`, with an
 * optional `[1:2]=` bounds prefix) into JS arrays, converting each element with `parseElement`.
 */
export function parsePgArray(text: string, parseElement: (text: string) => DbValue, delimiter = ','): DbValue[] {
  let i = 0;
  if (text.charAt(0) === '[') {
    const eq = text.indexOf('=');
    if (eq >= 0) i = eq + 1;
  }
  const parser = new ArrayTextParser(text, parseElement, delimiter);
  const result = parser.parseArray(i);
  return result.value;
}

class ArrayTextParser {
  constructor(
    private readonly text: string,
    private readonly parseElement: (text: string) => DbValue,
    private readonly delimiter: string,
  ) {}

  parseArray(start: number): { value: DbValue[]; end: number } {
    const text = this.text;
    if (text.charAt(start) !== '{') throw new Error(`Malformed array literal: ${text}`);
    const values: DbValue[] = [];
    let i = start + 1;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '}') return { value: values, end: i + 1 };
      if (c === this.delimiter || c === ' ') {
        i += 1;
      } else if (c === '{') {
        const nested = this.parseArray(i);
        values.push(nested.value);
        i = nested.end;
      } else if (c === '"') {
        const quoted = this.readQuoted(i);
        values.push(this.parseElement(quoted.value));
        i = quoted.end;
      } else {
        const unquoted = this.readUnquoted(i);
        values.push(unquoted.value.toUpperCase() === 'NULL' ? null : this.parseElement(unquoted.value));
        i = unquoted.end;
      }
    }
    throw new Error(`Malformed array literal: ${text}`);
  }

  private readQuoted(start: number): { value: string; end: number } {
    const text = this.text;
    let value = '';
    let i = start + 1;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === '\\') {
        value += text.charAt(i + 1);
        i += 2;
      } else if (c === '"') {
        return { value, end: i + 1 };
      } else {
        value += c;
        i += 1;
      }
    }
    throw new Error(`Malformed array literal: ${text}`);
  }

  private readUnquoted(start: number): { value: string; end: number } {
    const text = this.text;
    let value = '';
    let i = start;
    while (i < text.length) {
      const c = text.charAt(i);
      if (c === this.delimiter || c === '}') break;
      if (c === '\\') {
        value += text.charAt(i + 1);
        i += 2;
      } else {
        value += c;
        i += 1;
      }
    }
    return { value: value.trim(), end: i };
  }
}
