/**
 * Kafka API messages described as data, in the manner of Kafka's own `common/message/*.json`:
 * each field carries the version range it exists in, and one generic codec (codec.ts) walks
 * the description for any version. Adding a version is editing a range.
 */

export type Primitive =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint16'
  | 'float64'
  | 'bool'
  | 'uuid'
  | 'string'
  | 'bytes'
  /** A record set: a (nullable) bytes field whose value may be a list of chunks on write. */
  | 'records';

/** Inclusive version range; `max` undefined means "and every later version". */
export interface VersionRange {
  min: number;
  max?: number;
}

export interface FieldSpec {
  name: string;
  type: Primitive | FieldSpec[];
  /** True when `type` is an array (of the primitive, or of structs when `type` is a field list). */
  array: boolean;
  versions: VersionRange;
  nullableVersions?: VersionRange;
  /** Tag number for a tagged field (flexible versions only). */
  tag?: number;
  /** Value used when the field does not exist in the version being read. */
  default?: unknown;
}

export interface MessageSpec {
  apiKey: number;
  name: string;
  /** Versions this broker implements. */
  validVersions: VersionRange;
  /** First flexible (KIP-482) version, or undefined if none in range. */
  flexibleFrom?: number;
  request: FieldSpec[];
  response: FieldSpec[];
}

/** Parses Kafka's range notation: "0+", "3-7", "5". */
export function range(text: string): VersionRange {
  if (text.endsWith('+')) return { min: Number(text.slice(0, -1)) };
  const dash = text.indexOf('-');
  if (dash < 0) {
    const v = Number(text);
    return { min: v, max: v };
  }
  return { min: Number(text.slice(0, dash)), max: Number(text.slice(dash + 1)) };
}

export function inRange(r: VersionRange | undefined, version: number): boolean {
  return r !== undefined && version >= r.min && (r.max === undefined || version <= r.max);
}

interface FieldOptions {
  nullable?: string;
  tag?: number;
  default?: unknown;
}

/** A scalar field: `field('throttleTimeMs', 'int32', '1+')`. */
export function field(name: string, type: Primitive, versions: string, opts: FieldOptions = {}): FieldSpec {
  return build(name, type, false, versions, opts);
}

/** An array of scalars: `array('members', 'string', '0+')`. */
export function array(name: string, type: Primitive, versions: string, opts: FieldOptions = {}): FieldSpec {
  return build(name, type, true, versions, opts);
}

/** An array of structs: `structs('topics', '0+', [field(...), ...])`. */
export function structs(name: string, versions: string, fields: FieldSpec[], opts: FieldOptions = {}): FieldSpec {
  return build(name, fields, true, versions, opts);
}

/** A single nested struct. */
export function struct(name: string, versions: string, fields: FieldSpec[], opts: FieldOptions = {}): FieldSpec {
  return build(name, fields, false, versions, opts);
}

function build(
  name: string,
  type: Primitive | FieldSpec[],
  isArray: boolean,
  versions: string,
  opts: FieldOptions,
): FieldSpec {
  return {
    name,
    type,
    array: isArray,
    versions: range(versions),
    nullableVersions: opts.nullable === undefined ? undefined : range(opts.nullable),
    tag: opts.tag,
    default: opts.default,
  };
}
