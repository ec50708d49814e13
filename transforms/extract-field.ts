/**
 * ExtractField (org.apache.kafka.connect.transforms.ExtractField$Key / $Value): replaces the key
 * or value with one of its fields, reached by a KIP-821 path (`field.syntax.version`).
 *
 * Exports for registration: `descriptors` (ExtractField$Key, ExtractField$Value); also `ExtractField`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigType, Importance } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, type ConnectRecord } from '../src/data/index.js';
import {
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SimpleConfig,
  SingleFieldPath,
  appendFieldSyntaxVersionConfig,
  describeKeyAndValue,
  fieldSyntaxVersionFromConfig,
  requireMapOrNull,
  requireStructOrNull,
  type KeyOrValue,
  type TransformDescriptor,
} from './util/index.js';

const FIELD_CONFIG = 'field';

export const CONFIG_DEF: ConfigDef = appendFieldSyntaxVersionConfig(
  new ConfigDef()
    .define({ name: FIELD_CONFIG, type: ConfigType.STRING, importance: Importance.MEDIUM, documentation: 'Field name to extract.' })
    .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION),
);

const PURPOSE = 'field extraction';

export class ExtractField implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #fieldPath: SingleFieldPath | null = null;
  #originalPath = '';
  #replaceNullWithDefault = true;

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, props);
    this.#originalPath = config.requireString(FIELD_CONFIG);
    this.#fieldPath = new SingleFieldPath(this.#originalPath, fieldSyntaxVersionFromConfig(config));
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    const path = this.#path();
    const schema = this.#side.schema(record);
    if (schema === null) {
      const value = requireMapOrNull(this.#side.value(record), PURPOSE);
      return this.#side.newRecord(record, null, value === null ? null : path.valueFromMap(value));
    }
    const value = requireStructOrNull(this.#side.value(record), PURPOSE);
    const field = path.fieldFrom(schema);
    // Kafka throws IllegalArgumentException here; RangeError is what Sluice reports as that class.
    if (field === null) throw new RangeError(`Unknown field: ${this.#originalPath}`);
    return this.#side.newRecord(record, field.schema(), value === null ? null : path.valueFromStruct(value, this.#replaceNullWithDefault));
  }

  close(): void {}

  #path(): SingleFieldPath {
    if (this.#fieldPath === null) throw new Error('ExtractField used before configure()');
    return this.#fieldPath;
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('ExtractField', (side) => new ExtractField(side));
