import { CaseInsensitiveValidString, ConfigException, ConfigType, Importance, type ConfigDef, type ParsedConfig } from '../../src/config/index.js';
import type { Field, Schema, Struct } from '../../src/data/index.js';
import { requireMapOrNull, requireStructOrNull } from './requirements.js';
import { mapGet, type SchemalessMap } from './schemaless-map.js';

/**
 * KIP-821 field paths. V1: the whole text is one top-level field name (as before KIP-821).
 * V2: dot-separated steps into nested structs/maps; a step in backticks may contain dots.
 */
export type FieldSyntaxVersion = 'V1' | 'V2';

export const FIELD_SYNTAX_VERSION_CONFIG = 'field.syntax.version';
export const FIELD_SYNTAX_VERSION_DEFAULT_VALUE: FieldSyntaxVersion = 'V1';
export const FIELD_SYNTAX_VERSION_DOC =
  'Defines the version of the syntax to access fields. ' +
  'If set to `V1`, then the field paths are limited to access the elements at the root level of the struct or map. ' +
  'If set to `V2`, the syntax will support accessing nested elements. ' +
  'To access nested elements, dotted notation is used. ' +
  'If dots are already included in the field name, ' +
  'then backtick pairs can be used to wrap field names containing dots. ' +
  'E.g. to access the subfield `baz` from a field named "foo.bar" in a struct/map ' +
  'the following format can be used to access its elements: "`foo.bar`.baz".';

/** Adds `field.syntax.version` to a transform's definition (Kafka's FieldSyntaxVersion.appendConfigTo). */
export function appendFieldSyntaxVersionConfig(def: ConfigDef): ConfigDef {
  return def.define({
    name: FIELD_SYNTAX_VERSION_CONFIG,
    type: ConfigType.STRING,
    defaultValue: FIELD_SYNTAX_VERSION_DEFAULT_VALUE,
    validator: CaseInsensitiveValidString.in('V1', 'V2'),
    importance: Importance.HIGH,
    documentation: FIELD_SYNTAX_VERSION_DOC,
  });
}

export function fieldSyntaxVersionFromConfig(config: ParsedConfig): FieldSyntaxVersion {
  const text = config.getString(FIELD_SYNTAX_VERSION_CONFIG);
  const upper = text?.toUpperCase();
  if (upper === 'V1' || upper === 'V2') return upper;
  throw ConfigException.invalidValue(FIELD_SYNTAX_VERSION_CONFIG, text, 'Unrecognized field syntax version');
}

const BACKTICK = '`';
const DOT = '.';
const BACKSLASH = '\\';

/** A path of one or more field names into a Struct or schemaless Map (Kafka's SingleFieldPath). */
export class SingleFieldPath {
  readonly version: FieldSyntaxVersion;
  readonly #steps: readonly string[];

  constructor(pathText: string, version: FieldSyntaxVersion) {
    this.version = version;
    this.#steps = version === 'V1' ? [pathText] : parseV2(pathText);
  }

  steps(): readonly string[] {
    return this.#steps;
  }

  /** The field at this path in `schema`, or null when a step is missing. */
  fieldFrom(schema: Schema | null): Field | null {
    if (schema === null) return null;
    let current = schema;
    for (const step of this.#stepsWithoutLast()) {
      const field = current.field(step);
      if (field === null) return null;
      current = field.schema();
    }
    return current.field(this.#lastStep());
  }

  /** The value at this path, or null when a step is missing or null; `withDefault` applies field defaults. */
  valueFromStruct(struct: Struct | null, withDefault = true): unknown {
    if (struct === null) return null;
    let current: Struct | null = struct;
    for (const step of this.#stepsWithoutLast()) {
      if (current.schema().field(step) === null) return null;
      current = requireStructOrNull(current.get(step), 'nested field access');
      if (current === null) return null;
    }
    const last = this.#lastStep();
    if (current.schema().field(last) === null) return null;
    return withDefault ? current.get(last) : current.getWithoutDefault(last);
  }

  valueFromMap(map: SchemalessMap | null): unknown {
    if (map === null) return null;
    let current: SchemalessMap | null = map;
    for (const step of this.#stepsWithoutLast()) {
      current = requireMapOrNull(mapGet(current, step), 'nested field access');
      if (current === null) return null;
    }
    return mapGet(current, this.#lastStep());
  }

  equals(other: unknown): boolean {
    return other instanceof SingleFieldPath && other.#steps.length === this.#steps.length && other.#steps.every((s, i) => s === this.#steps[i]);
  }

  toString(): string {
    return `SingleFieldPath{version=${this.version}, path=${this.#steps.join('.')}}`;
  }

  #lastStep(): string {
    // An empty V2 path has no steps; Kafka then fails with an IndexOutOfBoundsException.
    if (this.#steps.length === 0) throw new RangeError('Index -1 out of bounds for length 0');
    return this.#steps[this.#steps.length - 1];
  }

  #stepsWithoutLast(): readonly string[] {
    return this.#steps.slice(0, -1);
  }
}

// Mirrors Kafka's buildFieldPathV2 step for step, quirks included: a backtick only closes a quoted
// step when followed by a dot or the end of the path, so `a`b`.c is the step a`b.
function parseV2(path: string): string[] {
  const steps: string[] = [];
  let idx = 0;
  while (idx < path.length && idx >= 0) {
    if (path[idx] !== BACKTICK) {
      const start = idx;
      idx = path.indexOf(DOT, idx);
      if (idx >= 0) {
        steps.push(path.slice(start, idx));
        idx++;
      } else {
        steps.push(path.slice(start));
      }
      continue;
    }
    const backtickAt = idx;
    idx++;
    let field = '';
    let start = idx;
    for (;;) {
      idx = path.indexOf(BACKTICK, idx);
      if (idx === -1) failIncompleteBacktickPair(path, backtickAt);
      const escaped = path[idx - 1] === BACKSLASH;
      if (idx >= path.length - 1) {
        if (escaped) failIncompleteBacktickPair(path, backtickAt);
        field += path.slice(start, idx);
        steps.push(field);
        idx++;
        break;
      }
      if (path[idx + 1] !== DOT) {
        idx++;
        continue;
      }
      if (escaped) {
        field += path.slice(start, idx - 1) + BACKTICK;
        idx++;
        start = idx;
        continue;
      }
      field += path.slice(start, idx);
      steps.push(field);
      idx += 2;
      break;
    }
  }
  if (path.length > 0 && path[path.length - 1] === DOT) steps.push('');
  return steps;
}

function failIncompleteBacktickPair(path: string, backtickAt: number): never {
  throw new ConfigException(
    `Incomplete backtick pair in path: [${path}], consider adding a backslash before backtick at position ${backtickAt} to escape it`,
  );
}
