import type { Field, Schema, SchemaType } from '../../data/index.js';

/**
 * A reference to a struct schema still being built, so a recursive Avro record can become a
 * Connect schema that contains itself (AvroData's CyclicSchemaWrapper). Two references are
 * equal when they point at the same schema with the same optionality, which keeps equality
 * checks from recursing forever.
 */
export class CyclicSchema implements Schema {
  constructor(
    private readonly target: Schema,
    private readonly optional: boolean,
  ) {}

  type(): SchemaType {
    return this.target.type();
  }

  isOptional(): boolean {
    return this.optional;
  }

  defaultValue(): unknown {
    return this.target.defaultValue();
  }

  name(): string | null {
    return this.target.name();
  }

  version(): number | null {
    return this.target.version();
  }

  doc(): string | null {
    return this.target.doc();
  }

  parameters(): ReadonlyMap<string, string> | null {
    return this.target.parameters();
  }

  keySchema(): Schema | null {
    return this.target.keySchema();
  }

  valueSchema(): Schema | null {
    return this.target.valueSchema();
  }

  fields(): readonly Field[] {
    return this.target.fields();
  }

  field(name: string): Field | null {
    return this.target.field(name);
  }

  schema(): Schema {
    return this.target;
  }

  equals(other: unknown): boolean {
    return other === this || (other instanceof CyclicSchema && other.target === this.target && other.optional === this.optional);
  }

  toString(): string {
    return this.target.toString();
  }
}
