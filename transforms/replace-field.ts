/**
 * ReplaceField (org.apache.kafka.connect.transforms.ReplaceField$Key / $Value): keeps, drops and
 * renames top-level fields of the key or value.
 *
 * Exports for registration: `descriptors` (ReplaceField$Key, ReplaceField$Value); also `ReplaceField`, `CONFIG_DEF`.
 */
import { ConfigDef, ConfigException, ConfigType, Importance, LambdaValidator, type ParsedValue } from '../src/config/index.js';
import type { Transformation } from '../src/connect/index.js';
import { CONSUMES_INPUT_RECORD, DataException, SchemaBuilder, Struct, hasSchemalessDoubles, type ConnectRecord, type Schema, type StructDeriver } from '../src/data/index.js';
import {
  JavaHashMapCapacity,
  REPLACE_NULL_WITH_DEFAULT_CONFIG,
  REPLACE_NULL_WITH_DEFAULT_DEFINITION,
  SchemaCache,
  SimpleConfig,
  asJavaHashMap,
  carryDoubleMark,
  copySchemaBasics,
  describeKeyAndValue,
  MapDraft,
  mapEntriesOf,
  mapSize,
  requireMap,
  requireStruct,
  splitLikeJava,
  type KeyOrValue,
  type TransformDescriptor,
} from './util/index.js';

const EXCLUDE = 'exclude';
const INCLUDE = 'include';
const RENAMES = 'renames';
// Deprecated aliases of include/exclude, as in Kafka up to 3.9 (removed in 4.0).
const BLACKLIST = 'blacklist';
const WHITELIST = 'whitelist';

export const CONFIG_DEF: ConfigDef = new ConfigDef()
  .define({
    name: EXCLUDE,
    type: ConfigType.LIST,
    defaultValue: [],
    importance: Importance.MEDIUM,
    documentation: 'Fields to exclude. This takes precedence over the fields to include.',
  })
  .define({ name: BLACKLIST, type: ConfigType.LIST, defaultValue: null, importance: Importance.LOW, documentation: `Deprecated. Use ${EXCLUDE} instead.` })
  .define({
    name: INCLUDE,
    type: ConfigType.LIST,
    defaultValue: [],
    importance: Importance.MEDIUM,
    documentation: 'Fields to include. If specified, only these fields will be used.',
  })
  .define({ name: WHITELIST, type: ConfigType.LIST, defaultValue: null, importance: Importance.LOW, documentation: `Deprecated. Use ${INCLUDE} instead.` })
  .define({
    name: RENAMES,
    type: ConfigType.LIST,
    defaultValue: [],
    validator: LambdaValidator.with(
      (_name, value) => {
        parseRenameMappings(asList(value));
      },
      () => 'list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>',
    ),
    importance: Importance.MEDIUM,
    documentation: 'Field rename mappings.',
  })
  .define(REPLACE_NULL_WITH_DEFAULT_DEFINITION);

const PURPOSE = 'field replacement';

function asList(value: ParsedValue): readonly string[] {
  return Array.isArray(value) ? (value as readonly string[]) : [];
}

/** `old:new` pairs; anything but exactly one colon (Java's split rules) is a config error. */
export function parseRenameMappings(mappings: readonly string[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const mapping of mappings) {
    const parts = splitLikeJava(mapping, ':');
    if (parts.length !== 2) throw ConfigException.invalidValue(RENAMES, mappings, `Invalid rename mapping: ${mapping}`);
    renames.set(parts[0], parts[1]);
  }
  return renames;
}

/** Kafka's ConfigUtils.translateDeprecatedConfigs: an alias counts only when its target is not set. */
function translateDeprecated(props: Record<string, string>): Record<string, string> {
  const translated: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key !== BLACKLIST && key !== WHITELIST && value !== undefined && value !== null) translated[key] = value;
  }
  for (const [target, alias] of [
    [INCLUDE, WHITELIST],
    [EXCLUDE, BLACKLIST],
  ] as const) {
    if (!Object.hasOwn(props, target) && Object.hasOwn(props, alias)) translated[target] = props[alias];
  }
  return translated;
}

interface Selection {
  readonly exclude: ReadonlySet<string>;
  readonly include: ReadonlySet<string>;
  readonly renames: ReadonlyMap<string, string>;
  readonly reverseRenames: ReadonlyMap<string, string>;
}

/** The updated schema for an input schema, and where each of its fields comes from. */
interface UpdatePlan {
  readonly schema: Schema;
  /** The updated Struct, with the input fields copied into the fields they become. */
  readonly derive: StructDeriver;
}

export class ReplaceField implements Transformation {
  readonly [CONSUMES_INPUT_RECORD] = true;
  readonly #side: KeyOrValue;
  #selection: Selection = { exclude: new Set(), include: new Set(), renames: new Map(), reverseRenames: new Map() };
  #replaceNullWithDefault = true;
  #schemaUpdateCache = new SchemaCache<UpdatePlan>();

  constructor(side: KeyOrValue) {
    this.#side = side;
  }

  config(): ConfigDef {
    return CONFIG_DEF;
  }

  configure(props: Record<string, string>): void {
    const config = new SimpleConfig(CONFIG_DEF, translateDeprecated(props));
    const renames = parseRenameMappings(config.requireList(RENAMES));
    this.#selection = {
      exclude: new Set(config.requireList(EXCLUDE)),
      include: new Set(config.requireList(INCLUDE)),
      renames,
      reverseRenames: new Map([...renames].map(([from, to]) => [to, from])),
    };
    this.#replaceNullWithDefault = config.requireBoolean(REPLACE_NULL_WITH_DEFAULT_CONFIG);
    this.#schemaUpdateCache = new SchemaCache<UpdatePlan>();
  }

  apply<R extends ConnectRecord<R>>(record: R): R | null {
    if (this.#side.value(record) === null) return record;
    if (this.#side.schema(record) === null) return this.#applySchemaless(record);
    return this.#applyWithSchema(record);
  }

  close(): void {
    this.#schemaUpdateCache.clear();
  }

  #keeps(fieldName: string): boolean {
    const { exclude, include } = this.#selection;
    return !exclude.has(fieldName) && (include.size === 0 || include.has(fieldName));
  }

  #renamed(fieldName: string): string {
    return this.#selection.renames.get(fieldName) ?? fieldName;
  }

  #reverseRenamed(fieldName: string): string {
    return this.#selection.reverseRenames.get(fieldName) ?? fieldName;
  }

  #applySchemaless<R extends ConnectRecord<R>>(record: R): R {
    const value = requireMap(this.#side.value(record), PURPOSE);
    const updated = new MapDraft(JavaHashMapCapacity.withInitialCapacity(mapSize(value)));
    const marked = hasSchemalessDoubles(value);
    for (const [key, fieldValue] of mapEntriesOf(value)) {
      const fieldName = String(key);
      if (!this.#keeps(fieldName)) continue;
      const newName = this.#renamed(fieldName);
      updated.set(newName, fieldValue);
      if (marked) carryDoubleMark(value, key, updated, newName, fieldValue);
    }
    return this.#side.newRecord(record, null, asJavaHashMap(updated));
  }

  #applyWithSchema<R extends ConnectRecord<R>>(record: R): R {
    const value = requireStruct(this.#side.value(record), PURPOSE);
    const plan = this.#schemaUpdateCache.computeIfAbsent(value.schema(), this.#makePlan);
    return this.#side.newRecord(record, plan.schema, plan.derive(value, this.#replaceNullWithDefault));
  }

  readonly #makePlan = (schema: Schema): UpdatePlan => {
    const updatedSchema = this.#makeUpdatedSchema(schema);
    const copies = updatedSchema.fields().map((to) => {
      const original = this.#reverseRenamed(to.name());
      const from = schema.field(original);
      if (from === null) throw new DataException(`${original} is not a valid field name`);
      return [from, to] as const;
    });
    return { schema: updatedSchema, derive: Struct.deriver(schema, updatedSchema, copies) };
  };

  #makeUpdatedSchema(schema: Schema): Schema {
    const builder = copySchemaBasics(schema, SchemaBuilder.struct());
    for (const field of schema.fields()) {
      if (this.#keeps(field.name())) builder.field(this.#renamed(field.name()), field.schema());
    }
    return builder.build();
  }
}

export const descriptors: TransformDescriptor[] = describeKeyAndValue('ReplaceField', (side) => new ReplaceField(side));
