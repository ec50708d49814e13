import { BigDecimal } from '../../data/index.js';
import { decodeJacksonBase64 } from './base64.js';

/**
 * A parsed JSON value, typed as Jackson's tree keeps it: integers exact (IntNode, LongNode or
 * BigIntegerNode by size) and other numbers as BigDecimal (Kafka enables USE_BIG_DECIMAL_FOR_FLOATS).
 * A missing value (empty input, absent object field) is `undefined`. Objects read from text keep
 * their source text, a cheap cache key for schemas.
 */
export type JsonNode =
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'decimal'; readonly value: BigDecimal }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'object'; readonly fields: ReadonlyMap<string, JsonNode>; readonly source?: string };

export const NULL_NODE: JsonNode = Object.freeze({ kind: 'null' });

/** Jackson's JsonNodeType name, used in Kafka's error messages. */
export function nodeType(node: JsonNode | undefined): string {
  switch (node?.kind) {
    case undefined:
      return 'MISSING';
    case 'null':
      return 'NULL';
    case 'boolean':
      return 'BOOLEAN';
    case 'integer':
    case 'decimal':
      return 'NUMBER';
    case 'string':
      return 'STRING';
    case 'array':
      return 'ARRAY';
    case 'object':
      return 'OBJECT';
  }
}

/** IntNode: an integer that fits 32 bits. */
export function isInt(node: JsonNode): boolean {
  return node.kind === 'integer' && node.value === BigInt.asIntN(32, node.value);
}

export function isIntegral(node: JsonNode): boolean {
  return node.kind === 'integer';
}

export function isNumber(node: JsonNode): boolean {
  return node.kind === 'integer' || node.kind === 'decimal';
}

// Jackson's accessors: numeric ones give 0 for non-numbers, like JsonNode's defaults.

export function intValue(node: JsonNode): number {
  if (node.kind === 'integer') return Number(BigInt.asIntN(32, node.value));
  if (node.kind === 'decimal') return node.value.intValue();
  return 0;
}

export function longValue(node: JsonNode): bigint {
  if (node.kind === 'integer') return BigInt.asIntN(64, node.value);
  if (node.kind === 'decimal') return node.value.longValue();
  return 0n;
}

export function doubleValue(node: JsonNode): number {
  if (node.kind === 'integer') return Number(node.value);
  if (node.kind === 'decimal') return node.value.toNumber();
  return 0;
}

export function floatValue(node: JsonNode): number {
  if (node.kind === 'integer' && node.value === BigInt.asIntN(64, node.value)) return Math.fround(Number(node.value));
  return Math.fround(doubleValue(node));
}

export function decimalValue(node: JsonNode): BigDecimal {
  if (node.kind === 'integer') return new BigDecimal(node.value, 0);
  if (node.kind === 'decimal') return node.value;
  return BigDecimal.ZERO;
}

export function booleanValue(node: JsonNode): boolean {
  return node.kind === 'boolean' ? node.value : false;
}

export function textValue(node: JsonNode): string | null {
  return node.kind === 'string' ? node.value : null;
}

/** TextNode.binaryValue: base64 of a string node; null for other nodes; throws on broken base64. */
export function binaryValue(node: JsonNode): Buffer | null {
  return node.kind === 'string' ? decodeJacksonBase64(node.value) : null;
}

/** Iterating a node as Jackson does: array items, object values, nothing for scalars. */
export function childNodes(node: JsonNode): readonly JsonNode[] {
  if (node.kind === 'array') return node.items;
  if (node.kind === 'object') return [...node.fields.values()];
  return [];
}

export function fieldOf(node: JsonNode | undefined, name: string): JsonNode | undefined {
  return node?.kind === 'object' ? node.fields.get(name) : undefined;
}
