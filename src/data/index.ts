/** The Connect data model: schemas, structs, logical types, headers and records. */
export { BigDecimal } from './big-decimal.js';
export { bigIntFromBytes, bigIntToBytes } from './twos-complement.js';
export { ConnectDate, MILLIS_PER_DAY } from './date.js';
export { ConnectTime } from './time.js';
export { ConnectTimestamp } from './timestamp.js';
export { Decimal, decimalScale } from './decimal.js';
export { DataException, SchemaBuilderException } from './errors.js';
export { ConnectHeader, ConnectHeaders, type HeaderTransform } from './headers.js';
export { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
export { javaToString } from './java-text.js';
export { detachedCopy, javaHashMapTableSize, javaHashCode, javaHashMapOrder, orderLikeJavaHashMap } from './java-hash-order.js';
export { DATE_LOGICAL_NAME, DECIMAL_LOGICAL_NAME, TIME_LOGICAL_NAME, TIMESTAMP_LOGICAL_NAME } from './logical-names.js';
export {
  CONSUMES_INPUT_RECORD,
  ConnectRecord,
  restoreRecordFields,
  SavedRecordFields,
  saveRecordFields,
  SinkRecord,
  SourceRecord,
  type ConnectRecordFields,
  type SinkRecordFields,
  type SourceMap,
  type SourceRecordFields,
  type TimestampType,
} from './records.js';
export {
  ConnectSchema,
  Field,
  isPrimitiveType,
  Schema,
  SCHEMA_TYPES,
  schemaEquals,
  type ConnectSchemaProperties,
  type SchemaType,
} from './schema.js';
export { NULL_SCHEMA_AND_VALUE, type SchemaAndValue } from './schema-and-value.js';
export { SchemaBuilder } from './schema-builder.js';
export { chainReuse, noteFreshValue } from './chain-reuse.js';
export { Struct, type StructDeriver, type StructFieldCopier } from './struct.js';
export { describeValue, validateValue } from './validate.js';
export { isMapLike, mapEntries, valuesEqual } from './value-equality.js';
export { hasSchemalessDoubles, isSchemalessDouble, markSchemalessDouble, unmarkSchemalessDouble } from './schemaless-doubles.js';
export { asDouble, asLong, convertTo, convertToString, formatDateValue, inferSchema, parseString } from './values.js';
