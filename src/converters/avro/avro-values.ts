import type { AvroEnumSchema, AvroFixedSchema, AvroRecordSchema, AvroSchema } from './avro-schema.js';

/**
 * Generic Avro data, between Connect values and bytes (Avro Java's GenericData): null, boolean,
 * int/float/double as number, long as bigint, bytes as Buffer, string, array, map as Map, and the
 * classes below. A union value is the branch's own value when the union has at most one non-null
 * branch (Connect's optional fields), and an AvroUnionValue otherwise, since a JS number cannot
 * tell int from float the way a Java Integer and Float can.
 */
export class AvroRecord {
  constructor(
    readonly schema: AvroRecordSchema,
    /** In schema field order. */
    readonly values: unknown[],
  ) {}
}

export class AvroEnumSymbol {
  constructor(
    readonly schema: AvroEnumSchema,
    readonly symbol: string,
  ) {}

  toString(): string {
    return this.symbol;
  }
}

export class AvroFixed {
  constructor(
    readonly schema: AvroFixedSchema,
    readonly bytes: Buffer,
  ) {}
}

export class AvroUnionValue {
  constructor(
    /** The chosen branch, a member of the union the value was made for. */
    readonly branch: AvroSchema,
    readonly index: number,
    readonly value: unknown,
  ) {}
}
