import { BigDecimal } from './big-decimal.js';
import { chainReuse, noteFreshValue } from './chain-reuse.js';
import { DataException } from './errors.js';
import { javaToString } from './java-text.js';
import { schemaEquals, type Field, type Schema, type SchemaType } from './schema.js';
import { validateValue } from './validate.js';
import { valuesEqual } from './value-equality.js';

/**
 * A structured record value (org.apache.kafka.connect.data.Struct). Values are checked against
 * their field schema on put; `get` falls back to the field default, `getWithoutDefault` does not.
 */
export class Struct {
  // Changed only when a deriver rebinds a Struct the transformation chain alone holds (see chainReuse).
  #schema: Schema;
  #values: unknown[];

  constructor(schema: Schema) {
    if (schema.type() !== 'STRUCT') throw new DataException(`Not a struct schema: ${schema.toString()}`);
    this.#schema = schema;
    this.#values = nulls(schema.fields().length);
  }

  schema(): Schema {
    return this.#schema;
  }

  /** The field value, or the field schema's default when the value is null. */
  get(field: string | Field): unknown {
    const resolved = typeof field === 'string' ? this.#lookupField(field) : field;
    const value = this.#values[resolved.index()];
    return value === null ? resolved.schema().defaultValue() : value;
  }

  getWithoutDefault(fieldName: string): unknown {
    return this.#values[this.#lookupField(fieldName).index()];
  }

  getInt8(fieldName: string): number | null {
    return this.#getChecked(fieldName, 'INT8') as number | null;
  }

  getInt16(fieldName: string): number | null {
    return this.#getChecked(fieldName, 'INT16') as number | null;
  }

  getInt32(fieldName: string): number | null {
    return this.#getChecked(fieldName, 'INT32') as number | null;
  }

  getInt64(fieldName: string): bigint | null {
    return this.#getChecked(fieldName, 'INT64') as bigint | null;
  }

  getFloat32(fieldName: string): number | null {
    return this.#getChecked(fieldName, 'FLOAT32') as number | null;
  }

  getFloat64(fieldName: string): number | null {
    return this.#getChecked(fieldName, 'FLOAT64') as number | null;
  }

  getBoolean(fieldName: string): boolean | null {
    return this.#getChecked(fieldName, 'BOOLEAN') as boolean | null;
  }

  getString(fieldName: string): string | null {
    return this.#getChecked(fieldName, 'STRING') as string | null;
  }

  getBytes(fieldName: string): Uint8Array | null {
    return this.#getChecked(fieldName, 'BYTES') as Uint8Array | null;
  }

  getArray<T = unknown>(fieldName: string): T[] | null {
    return this.#getChecked(fieldName, 'ARRAY') as T[] | null;
  }

  getMap<K = unknown, V = unknown>(fieldName: string): ReadonlyMap<K, V> | Record<string, V> | null {
    return this.#getChecked(fieldName, 'MAP') as ReadonlyMap<K, V> | Record<string, V> | null;
  }

  getStruct(fieldName: string): Struct | null {
    return this.#getChecked(fieldName, 'STRUCT') as Struct | null;
  }

  /** Sets a field after validating the value against the field's schema; returns this for chaining. */
  put(field: string | Field, value: unknown): this {
    if (field === null || field === undefined) throw new DataException('field cannot be null.');
    const resolved = typeof field === 'string' ? this.#lookupField(field) : field;
    const normalized = value ?? null;
    validateValue(resolved.schema(), normalized, resolved.name());
    this.#values[resolved.index()] = normalized;
    return this;
  }

  /**
   * Sets field `to` to the value of `from`'s field `fromField` (by its index; `get` semantics, or
   * `getWithoutDefault` when `withDefault` is false): what transforms do to carry a field over
   * into a rebuilt Struct, with the result put would give. A stored value was checked against
   * `from`'s field schema when it was put; when `to` has that very schema object and the value
   * cannot have changed since (a scalar, Date, BigDecimal or bytes; not an array, map or struct,
   * whose contents may have), the check is not repeated. Everything else is validated as by put.
   */
  copyFrom(from: Struct, fromField: Field, to: Field, withDefault = true): this {
    const index = fromField.index();
    const stored = from.#values[index];
    // The schema the value was checked against: `fromField` may be the field of an equal schema
    // object (transforms cache their plans by schema equality), not of `from`'s own.
    if (stored !== null && stored !== undefined && from.#schema.fields()[index]?.schema() === to.schema() && isSettled(stored)) {
      this.#values[to.index()] = stored;
      return this;
    }
    return this.put(to, stored === null && withDefault ? fromField.schema().defaultValue() : stored);
  }

  /**
   * copyFrom for a fixed list of fields between Structs of two fixed schemas (a transform's plan
   * for a derived schema), with the schema comparisons made once: `pairs` are fields of
   * `fromSchema` and of the target's schema. A source of another schema object (an equal one) is
   * copied field by field with copyFrom.
   */
  static fieldCopier(fromSchema: Schema, pairs: ReadonlyArray<readonly [Field, Field]>): StructFieldCopier {
    const from = pairs.map(([field]) => field);
    const to = pairs.map(([, field]) => field);
    const fromIndex = from.map((field) => field.index());
    const toIndex = to.map((field) => field.index());
    const sameSchema = pairs.map(([source, target]) => fromSchema.fields()[source.index()]?.schema() === target.schema());
    const count = pairs.length;
    return (source, target, withDefault) => {
      if (source.#schema !== fromSchema) {
        for (let i = 0; i < count; i++) target.copyFrom(source, from[i], to[i], withDefault);
        return;
      }
      const values = source.#values;
      for (let i = 0; i < count; i++) {
        const stored = values[fromIndex[i]];
        if (sameSchema[i] && stored !== null && stored !== undefined && isSettled(stored)) target.#values[toIndex[i]] = stored;
        else target.put(to[i], stored === null && withDefault ? from[i].schema().defaultValue() : stored);
      }
    };
  }

  /**
   * What transforms use to make the Struct of a derived schema from one of `fromSchema`: a new
   * Struct of `toSchema` with each `copies` pair copied as by fieldCopier, and the `filled` pairs
   * left for the caller to put (it may still read them from the source: they are not touched).
   * When the transformation chain offered the source for reuse (chainReuse) and the derived
   * layout is the source's own (every source field at its index) or an order-keeping projection
   * of it (fields dropped or renamed, nothing filled in), with copied fields of the same schema
   * object and values that cannot have changed, the source itself is rebound to `toSchema`
   * instead: the result is the same Struct a copy would be, without the copy.
   */
  static deriver(
    fromSchema: Schema,
    toSchema: Schema,
    copies: ReadonlyArray<readonly [Field, Field]>,
    filled: ReadonlyArray<readonly [Field, Field]> = [],
  ): StructDeriver {
    const copy = Struct.fieldCopier(fromSchema, copies);
    const fromFields = fromSchema.fields();
    const toCount = toSchema.fields().length;
    const pairs = [...copies, ...filled];
    const ownDistinctFields = pairs.every(([from]) => fromFields[from.index()] === from) && new Set(pairs.map(([from]) => from.index())).size === pairs.length;
    const copiesKeepSchemas = copies.every(([from, to]) => from.schema() === to.schema());
    const sameLayout =
      ownDistinctFields && copiesKeepSchemas && toCount >= fromFields.length && pairs.length === fromFields.length && pairs.every(([from, to]) => from.index() === to.index());
    // An order-keeping projection (fields dropped, renamed, none added or filled in): the source's
    // values are moved down in place.
    const byFrom = [...copies].sort((a, b) => a[0].index() - b[0].index());
    const projection = !sameLayout && ownDistinctFields && copiesKeepSchemas && filled.length === 0 && toCount === copies.length && byFrom.every(([, to], i) => to.index() === i);
    const moveFrom = projection ? byFrom.map(([from]) => from.index()) : null;
    const copiedIndexes = copies.map(([from]) => from.index());
    return (source, withDefault) => {
      if (
        (sameLayout || projection) &&
        source === chainReuse.value &&
        source.#schema === fromSchema &&
        source.#rebind(toSchema, toCount, copiedIndexes, withDefault, moveFrom)
      ) {
        chainReuse.value = null;
        return noteFreshValue(source);
      }
      const target = new Struct(toSchema);
      copy(source, target, withDefault);
      return noteFreshValue(target);
    };
  }

  /** The in-place form of a derivation (same layout, or a projection when `moveFrom` is given); false (nothing changed) when a value rules it out. */
  #rebind(toSchema: Schema, toCount: number, copied: readonly number[], withDefault: boolean, moveFrom: readonly number[] | null): boolean {
    const values = this.#values;
    const fields = this.#schema.fields();
    for (let i = 0; i < copied.length; i++) {
      const value = values[copied[i]];
      if (value === null || value === undefined) {
        // A default to apply, or a required field left unset (a copy's put reports it): copy.
        const schema = fields[copied[i]].schema();
        if ((withDefault && schema.defaultValue() !== null) || !schema.isOptional()) return false;
      } else if (!isSettled(value)) {
        return false;
      }
    }
    if (moveFrom !== null) {
      // Ascending, and never from below its target: each value moves down before it is overwritten.
      for (let i = 0; i < moveFrom.length; i++) values[i] = values[moveFrom[i]];
      values.length = toCount;
    } else if (values.length < toCount) {
      // An exact-size list: growing the old one would give it spare capacity for many more fields.
      const grown = nulls(toCount);
      for (let i = 0; i < values.length; i++) grown[i] = values[i];
      this.#values = grown;
    }
    // A filled field keeps the source's value until the caller puts its own: if the caller throws
    // first, the Struct is left half-made, but no one else holds it.
    this.#schema = toSchema;
    return true;
  }

  /** Checks every field: required fields without a default must be set. */
  validate(): void {
    for (const field of this.#schema.fields()) {
      const fieldSchema = field.schema();
      const value = this.#values[field.index()];
      if (value === null && (fieldSchema.isOptional() || fieldSchema.defaultValue() !== null)) continue;
      validateValue(fieldSchema, value, field.name());
    }
  }

  equals(other: unknown): boolean {
    if (other === this) return true;
    if (!(other instanceof Struct)) return false;
    return (
      schemaEquals(this.#schema, other.#schema) &&
      this.#values.length === other.#values.length &&
      this.#values.every((value, i) => valuesEqual(value, other.#values[i]))
    );
  }

  /** Java's form: `Struct{id=1,name=x}`, null fields omitted, values as Java prints them. */
  toString(): string {
    const fields = this.#schema.fields();
    const values = this.#values;
    let text = '';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null) continue;
      text += `${text === '' ? '' : ','}${fields[i].name()}=${typeof value === 'string' ? value : javaToString(value, fields[i].schema())}`;
    }
    return `Struct{${text}}`;
  }

  #lookupField(fieldName: string): Field {
    const field = this.#schema.field(fieldName);
    if (field === null) throw new DataException(`${fieldName} is not a valid field name`);
    return field;
  }

  #getChecked(fieldName: string, type: SchemaType): unknown {
    const field = this.#lookupField(fieldName);
    if (field.schema().type() !== type) throw new DataException(`Field '${fieldName}' is not of type ${type}`);
    return this.#values[field.index()];
  }
}

/** Makes the Struct of a derived schema from a source Struct, as Struct.deriver made it. */
export type StructDeriver = (source: Struct, withDefault: boolean) => Struct;

/** Copies fields from a source Struct into a target Struct as Struct.fieldCopier made it. */
export type StructFieldCopier = (source: Struct, target: Struct, withDefault: boolean) => void;

/** Values whose validity against a schema cannot change after they were checked. */
function isSettled(value: unknown): boolean {
  return typeof value !== 'object' || value instanceof Date || value instanceof BigDecimal || value instanceof Uint8Array;
}

// Cheaper than Array(n).fill(null) for a few fields (and, unlike push, no spare capacity).
function nulls(count: number): unknown[] {
  const values = new Array<unknown>(count);
  for (let i = 0; i < count; i++) values[i] = null;
  return values;
}
