import { DataException, describeValue, Schema, type ConnectHeaders, type SchemaAndValue } from '../data/index.js';
import type { Converter, HeaderConverter } from './converter.js';

interface NumberCodec {
  /** Java's type name, used in messages ("long", "integer", ...). */
  readonly typeName: string;
  /** The name Kafka's deserializer uses in its size error. */
  readonly deserializerName: string;
  readonly schema: Schema;
  readonly size: number;
  /** Whether the JS value is of the Java type (no conversion, as Java's cast allows none). */
  accepts(value: unknown): boolean;
  write(view: DataView, value: unknown): void;
  read(view: DataView): unknown;
}

/**
 * Kafka's NumberConverter: one fixed-size big-endian number per record (Long 8 bytes, Integer 4,
 * Short 2, Float 4, Double 8), schema OPTIONAL_INT64/INT32/INT16/FLOAT32/FLOAT64; null stays null.
 * Like Java's cast, the value must already be of the type: a bigint for Long, an integer number
 * in range for Integer/Short, a number for Float/Double.
 */
abstract class NumberConverter implements Converter, HeaderConverter {
  readonly #codec: NumberCodec;

  protected constructor(codec: NumberCodec) {
    this.#codec = codec;
  }

  configure(): void {}

  fromConnectData(topic: string, _headers: ConnectHeaders | null, _schema: Schema | null, value: unknown): Buffer | null {
    if (value === null || value === undefined) return null;
    if (!this.#codec.accepts(value)) {
      throw new DataException(`Failed to serialize to ${this.#codec.typeName} (was ${describeValue(value)}): `, { topic });
    }
    const bytes = Buffer.alloc(this.#codec.size);
    this.#codec.write(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), value);
    return bytes;
  }

  toConnectData(topic: string, _headers: ConnectHeaders | null, bytes: Uint8Array | null): SchemaAndValue {
    if (bytes === null || bytes === undefined) return { schema: this.#codec.schema, value: null };
    if (bytes.length !== this.#codec.size) {
      throw new DataException(`Failed to deserialize ${this.#codec.typeName}: `, {
        topic,
        cause: new Error(`Size of data received by ${this.#codec.deserializerName} is not ${this.#codec.size}`),
      });
    }
    return { schema: this.#codec.schema, value: this.#codec.read(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  }

  fromConnectHeader(topic: string, _headerKey: string, schema: Schema | null, value: unknown): Buffer | null {
    return this.fromConnectData(topic, null, schema, value);
  }

  toConnectHeader(topic: string, _headerKey: string, bytes: Uint8Array | null): SchemaAndValue {
    return this.toConnectData(topic, null, bytes);
  }
}

function integerIn(min: number, max: number): (value: unknown) => boolean {
  return (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** org.apache.kafka.connect.converters.LongConverter */
export class LongConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'long',
      deserializerName: 'LongDeserializer',
      schema: Schema.OPTIONAL_INT64_SCHEMA,
      size: 8,
      accepts: (value) => typeof value === 'bigint' && value === BigInt.asIntN(64, value),
      write: (view, value) => view.setBigInt64(0, value as bigint),
      read: (view) => view.getBigInt64(0),
    });
  }
}

/** org.apache.kafka.connect.converters.IntegerConverter */
export class IntegerConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'integer',
      deserializerName: 'IntegerDeserializer',
      schema: Schema.OPTIONAL_INT32_SCHEMA,
      size: 4,
      accepts: integerIn(-2147483648, 2147483647),
      write: (view, value) => view.setInt32(0, value as number),
      read: (view) => view.getInt32(0),
    });
  }
}

/** org.apache.kafka.connect.converters.ShortConverter */
export class ShortConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'short',
      deserializerName: 'ShortDeserializer',
      schema: Schema.OPTIONAL_INT16_SCHEMA,
      size: 2,
      accepts: integerIn(-32768, 32767),
      write: (view, value) => view.setInt16(0, value as number),
      read: (view) => view.getInt16(0),
    });
  }
}

/** org.apache.kafka.connect.converters.FloatConverter */
export class FloatConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'float',
      deserializerName: 'Deserializer',
      schema: Schema.OPTIONAL_FLOAT32_SCHEMA,
      size: 4,
      accepts: (value) => typeof value === 'number',
      write: (view, value) => view.setFloat32(0, value as number),
      read: (view) => view.getFloat32(0),
    });
  }
}

/** org.apache.kafka.connect.converters.DoubleConverter */
export class DoubleConverter extends NumberConverter {
  constructor() {
    super({
      typeName: 'double',
      deserializerName: 'Deserializer',
      schema: Schema.OPTIONAL_FLOAT64_SCHEMA,
      size: 8,
      accepts: (value) => typeof value === 'number',
      write: (view, value) => view.setFloat64(0, value as number),
      read: (view) => view.getFloat64(0),
    });
  }
}
