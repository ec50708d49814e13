import type { Converter } from '../converter.js';
import type { AsyncConverter } from './async-converter.js';
import { AvroConverter } from './avro-converter.js';

/**
 * The factory BUILTIN_CONVERTERS registers for `io.confluent.connect.avro.AvroConverter`.
 *
 * The converter registry only knows synchronous Converters, but the AvroConverter is an
 * AsyncConverter: the first record of a new schema (or schema id) answers with a Promise while
 * the Schema Registry is called. The cast is deliberate and temporary: the worker must await
 * converter results before this converter is usable (README.md, "What the runtime must change").
 */
export function newAvroConverter(): Converter {
  return new AvroConverter() satisfies AsyncConverter as unknown as Converter;
}
