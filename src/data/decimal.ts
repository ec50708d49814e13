import { DECIMAL_LOGICAL_NAME } from './logical-names.js';
import { BigDecimal } from './big-decimal.js';
import { DataException } from './errors.js';
import type { Schema } from './schema.js';
import { SchemaBuilder } from './schema-builder.js';

const LOGICAL_NAME = DECIMAL_LOGICAL_NAME;
const SCALE_FIELD = 'scale';

/**
 * The Decimal logical type (org.apache.kafka.connect.data.Decimal): BYTES holding the
 * big-endian two's-complement unscaled value, with the scale as the `scale` parameter.
 * Values are BigDecimal.
 */
export const Decimal = Object.freeze({
  LOGICAL_NAME,
  SCALE_FIELD,

  builder(scale: number): SchemaBuilder {
    return SchemaBuilder.bytes().name(LOGICAL_NAME).parameter(SCALE_FIELD, String(scale)).version(1);
  },

  schema(scale: number): Schema {
    return Decimal.builder(scale).build();
  },

  /** The unscaled bytes; the value's scale must be the schema's. */
  fromLogical(schema: Schema, value: BigDecimal): Buffer {
    const schemaScale = decimalScale(schema);
    if (value.scale() !== schemaScale) {
      throw new DataException(
        `Decimal value has mismatching scale for given Decimal schema. Schema has scale ${schemaScale}, value has scale ${value.scale()}.`,
      );
    }
    return value.toBytes();
  },

  toLogical(schema: Schema, bytes: Uint8Array): BigDecimal {
    return BigDecimal.fromBytes(bytes, decimalScale(schema));
  },
});

/** The `scale` parameter of a Decimal schema. */
export function decimalScale(schema: Schema): number {
  const text = schema.parameters()?.get(SCALE_FIELD);
  if (text === undefined) throw new DataException('Invalid Decimal schema: scale parameter not found.');
  // Integer.parseInt: optional sign and ASCII digits, within 32 bits.
  const scale = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(scale) || scale > 2147483647 || scale < -2147483648) {
    throw new DataException('Invalid scale parameter found in Decimal schema: ', { cause: new SyntaxError(`For input string: "${text}"`) });
  }
  return scale;
}
