/** The Connect schema of a result set and the conversion of its rows to Structs (Confluent's SchemaMapping). */
import { SchemaBuilder, Struct, type Field, type Schema } from '../../../src/data/index.js';
import type { ColumnDefinition, DbValue } from '../common/db.js';
import { columnReader, type ColumnReader, type TypeMappingOptions } from './column-types.js';

interface BoundReader {
  /** Position of the column in the row. */
  index: number;
  field: Field;
  read: ColumnReader['read'];
  instant: ColumnReader['instant'];
}

export class SchemaMapping {
  readonly #readers: BoundReader[];

  private constructor(
    readonly schema: Schema,
    readers: BoundReader[],
    /** Identifies the column metadata the mapping was built from. */
    readonly signature: string,
  ) {
    this.#readers = readers;
  }

  /**
   * @param schemaName the value schema's name: the bare table name, or null in query mode
   * @param onSkipped told of each column whose type has no Connect mapping (left out of the schema)
   */
  static create(schemaName: string | null, columns: readonly ColumnDefinition[], options: TypeMappingOptions, onSkipped: (column: ColumnDefinition) => void = () => {}): SchemaMapping {
    const builder = SchemaBuilder.struct();
    if (schemaName !== null) builder.name(schemaName);
    const readers: Array<{ index: number; reader: ColumnReader }> = [];
    columns.forEach((column, index) => {
      const reader = columnReader(column, options);
      if (reader === null) {
        onSkipped(column);
        return;
      }
      builder.field(reader.name, reader.schema);
      readers.push({ index, reader });
    });
    const schema = builder.build();
    const bound = readers.map(({ index, reader }) => ({ index, field: schema.field(reader.name) as Field, read: reader.read, instant: reader.instant }));
    return new SchemaMapping(schema, bound, SchemaMapping.signatureOf(schemaName, columns));
  }

  static signatureOf(schemaName: string | null, columns: readonly ColumnDefinition[]): string {
    return JSON.stringify([schemaName, columns.map((c) => [c.name, c.jdbcType, c.typeName, c.precision, c.scale, c.nullability, c.signed])]);
  }

  toStruct(row: readonly DbValue[]): Struct {
    const struct = new Struct(this.schema);
    for (const reader of this.#readers) {
      const value = row[reader.index];
      if (value !== null && value !== undefined) struct.put(reader.field, reader.read(value));
    }
    return struct;
  }

  /** A function reading one field's instant from rows, resolved once. */
  instantReader(fieldName: string): ((row: readonly DbValue[]) => ReturnType<NonNullable<ColumnReader['instant']>> | null) | null {
    const reader = this.#readers.find((r) => r.field.name() === fieldName);
    if (reader === undefined || reader.instant === undefined) return null;
    const { index, instant } = reader;
    return (row) => {
      const value = row[index];
      return value === null || value === undefined ? null : instant(value);
    };
  }
}
