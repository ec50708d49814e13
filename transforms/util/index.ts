/**
 * Shared pieces of the built-in transforms (Kafka's transforms/util and transforms/field).
 * Stable API: other transform modules import from here; add, do not change.
 */
export { describeKeyAndValue, describeTransform, type TransformDescriptor } from './descriptor.js';
export {
  FIELD_SYNTAX_VERSION_CONFIG,
  FIELD_SYNTAX_VERSION_DEFAULT_VALUE,
  FIELD_SYNTAX_VERSION_DOC,
  SingleFieldPath,
  appendFieldSyntaxVersionConfig,
  fieldSyntaxVersionFromConfig,
  type FieldSyntaxVersion,
} from './field-path.js';
export { javaClassName } from './java-class-name.js';
export { KEY, VALUE, type KeyOrValue } from './key-or-value.js';
export { REPLACE_NULL_WITH_DEFAULT_CONFIG, REPLACE_NULL_WITH_DEFAULT_DEFINITION, fieldValue } from './replace-null-with-default.js';
export { requireMap, requireMapOrNull, requireSchema, requireSinkRecord, requireStruct, requireStructOrNull } from './requirements.js';
export { SchemaCache } from './schema-cache.js';
export { copySchemaBasics } from './schema-util.js';
export { asJavaHashMap, carryDoubleMark, copyForNewValues, copyToMap, finishMap, MapDraft, mapEntriesOf, mapGet, mapHas, mapSize, type SchemalessMap } from './schemaless-map.js';
export { SimpleConfig } from './simple-config.js';
export { NonEmptyListValidator } from './validators.js';
export { JavaHashMapCapacity, orderLikeJavaHashMapOf } from './java-hash-map.js';
export { splitLikeJava } from './java-split.js';
export { encodeLogicalValue, isLogicalSchema } from './logical-values.js';
export { schemalessTypeOf } from './schemaless-type.js';
export { NumberFormatError, doubleToInt, doubleToLong, parseJavaDouble, parseJavaFloat, parseJavaInt, parseJavaInteger, parseShortJavaInt, wrapInteger } from './java-numbers.js';
