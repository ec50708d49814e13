import type { ColumnDefinition, Nullability } from './db.js';
import type { PgType } from './pg-type-catalog.js';

/** What pg_attribute says about a table column. */
export interface PgAttribute {
  notNull: boolean;
  /** serial/bigserial (a nextval default) or an identity column. */
  autoIncrement: boolean;
}

const SIGNED = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'money']);

/** Fixed precisions pgjdbc reports. */
const FIXED_PRECISION: Record<string, number> = {
  int2: 5,
  int4: 10,
  oid: 10,
  int8: 19,
  float4: 8,
  float8: 17,
  money: 19,
  bool: 1,
  date: 10,
  uuid: 36,
  char: 1,
};

const VARHDRSZ = 4;

/**
 * A column as JDBC metadata describes it, from its type and type modifier (atttypmod, or the
 * RowDescription's dataTypeModifier) and, for table columns, pg_attribute.
 */
export function pgColumnDefinition(name: string, type: PgType, typmod: number, attribute: PgAttribute | null): ColumnDefinition {
  const { precision, scale } = precisionAndScale(type.name, typmod);
  const nullability: Nullability = attribute === null ? 'UNKNOWN' : attribute.notNull ? 'NO_NULLS' : 'NULLABLE';
  return {
    name,
    jdbcType: type.jdbcType,
    typeName: type.name,
    precision,
    scale,
    nullability,
    signed: SIGNED.has(type.name),
    autoIncrement: attribute?.autoIncrement ?? false,
    elementTypeName: type.element?.name ?? null,
  };
}

function precisionAndScale(typeName: string, typmod: number): { precision: number; scale: number } {
  switch (typeName) {
    case 'numeric':
      if (typmod < VARHDRSZ) return { precision: 0, scale: 0 };
      // Since PostgreSQL 15 the scale is an 11-bit signed field (numeric(5,-2) is allowed).
      return {
        precision: ((typmod - VARHDRSZ) >> 16) & 0xffff,
        scale: (((typmod - VARHDRSZ) & 0x7ff) ^ 1024) - 1024,
      };
    case 'bpchar':
    case 'varchar':
      return { precision: typmod >= VARHDRSZ ? typmod - VARHDRSZ : 0, scale: 0 };
    case 'bit':
    case 'varbit':
      return { precision: typmod > 0 ? typmod : 0, scale: 0 };
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz': {
      const fraction = typmod >= 0 ? typmod : 6;
      const base = typeName.startsWith('time') && !typeName.startsWith('timestamp') ? 8 : 19;
      const zone = typeName.endsWith('tz') ? 6 : 0;
      return { precision: base + (fraction > 0 ? fraction + 1 : 0) + zone, scale: fraction };
    }
    default:
      return { precision: FIXED_PRECISION[typeName] ?? 0, scale: 0 };
  }
}
