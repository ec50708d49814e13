/** Confluent's AvroConverter and the AvroData mapping behind it. See README.md. */
export { AvroConverter } from './avro-converter.js';
export { parseAvroConverterConfig, type AvroConverterConfig } from './avro-converter-config.js';
export { AvroData } from './avro-data.js';
export { DEFAULT_AVRO_DATA_CONFIG, parseAvroDataConfig, type AvroDataConfig } from './avro-data-config.js';
export { ANYTHING_SCHEMA, ANYTHING_SCHEMA_TEXT } from './anything-schema.js';
export { AvroDecodeError, AvroReader, AvroTypeError, AvroWriter, binaryCodec, type AvroBinaryCodec } from './avro-binary.js';
export { parseAvroSchema } from './avro-schema-parser.js';
export { avroSchemaText } from './avro-schema-text.js';
export { AvroSchemaException, type AvroField, type AvroSchema } from './avro-schema.js';
export { AvroEnumSymbol, AvroFixed, AvroRecord, AvroUnionValue } from './avro-values.js';
export {
  SchemaRegistryClient,
  SchemaRegistryError,
  SchemaRegistryUnreachableError,
  type CredentialsSource,
  type RegisterSchemaResponse,
  type SchemaRegistryClientOptions,
  type SchemaString,
  type SubjectSchema,
} from './registry-client.js';
export { subjectNameStrategy, type SubjectNameStrategy } from './subject-name-strategy.js';
export { idPrefix, MAGIC_BYTE, readFrame, WireFormatError, type SchemaIdentity } from './wire-format.js';
