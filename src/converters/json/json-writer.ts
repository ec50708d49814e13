import type { JsonNode } from './json-node.js';

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
// Anchored and negated: two to three times faster than searching for the first character to escape.
const NOTHING_TO_ESCAPE = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;

/** Whether quoteJson writes `text` as it is, between quotes. */
export function hasNothingToEscape(text: string): boolean {
  return NOTHING_TO_ESCAPE.test(text);
}

/**
 * A JSON string literal exactly as Jackson's UTF-8 generator writes it: `"` and `\` escaped,
 * \b \t \n \f \r short, other control characters and every UTF-16 surrogate (so each half of
 * an emoji) as uppercase `\uXXXX`; everything else raw.
 */
export function quoteJson(text: string): string {
  if (NOTHING_TO_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) out += short;
    else if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff)) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += text[i];
  }
  return `${out}"`;
}

/** Compact text of a parsed node (used as a cache key and to echo nodes). */
export function writeNode(node: JsonNode): string {
  switch (node.kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
    case 'integer':
      return node.value.toString();
    case 'decimal':
      return node.value.toString();
    case 'string':
      return quoteJson(node.value);
    case 'array':
      return `[${node.items.map(writeNode).join(',')}]`;
    case 'object':
      return `{${[...node.fields].map(([key, value]) => `${quoteJson(key)}:${writeNode(value)}`).join(',')}}`;
  }
}
