import pg from 'pg';
import type { DbValue, JdbcType } from './db.js';
import { parsePgArray } from './pg-array.js';

/** What a PostgreSQL type OID means to Sluice: its name, JDBC type (as pgjdbc reports it) and value parser. */
export interface PgType {
  oid: number;
  /** `int4`, `_int4`, `jsonb`, … */
  name: string;
  jdbcType: JdbcType;
  /** Element type of an array type, else null. */
  element: PgType | null;
  /** Parses the server's text form of a non-null value. */
  parse: (text: string) => DbValue;
}

const text = (value: string): DbValue => value;
const toNumber = (value: string): DbValue => Number(value);
const toBigInt = (value: string): DbValue => BigInt(value);
const toBoolean = (value: string): DbValue => value === 't';
const parseBytea = pg.types.getTypeParser(17, 'text') as (value: string) => Buffer;
const toBuffer = (value: string): DbValue => parseBytea(value);
/** `money` prints with the locale's currency symbol and grouping, e.g. `-$1,234.50` or `($1.00)`. */
const moneyToNumber = (value: string): DbValue => {
  const negative = value.includes('-') || value.startsWith('(');
  const magnitude = Number(value.replace(/[^0-9.]/g, ''));
  return negative ? -magnitude : magnitude;
};

type Scalar = [oid: number, name: string, jdbcType: JdbcType, parse: (text: string) => DbValue, arrayOid: number];

const SCALARS: Scalar[] = [
  [16, 'bool', 'BIT', toBoolean, 1000],
  [17, 'bytea', 'BINARY', toBuffer, 1001],
  [18, 'char', 'CHAR', text, 1002],
  [19, 'name', 'VARCHAR', text, 1003],
  [20, 'int8', 'BIGINT', toBigInt, 1016],
  [21, 'int2', 'SMALLINT', toNumber, 1005],
  [23, 'int4', 'INTEGER', toNumber, 1007],
  [25, 'text', 'VARCHAR', text, 1009],
  [26, 'oid', 'BIGINT', toBigInt, 1028],
  [114, 'json', 'OTHER', text, 199],
  [142, 'xml', 'SQLXML', text, 143],
  [600, 'point', 'OTHER', text, 1017],
  [650, 'cidr', 'OTHER', text, 651],
  [700, 'float4', 'REAL', toNumber, 1021],
  [701, 'float8', 'DOUBLE', toNumber, 1022],
  [790, 'money', 'DOUBLE', moneyToNumber, 791],
  [829, 'macaddr', 'OTHER', text, 1040],
  [869, 'inet', 'OTHER', text, 1041],
  [1042, 'bpchar', 'CHAR', text, 1014],
  [1043, 'varchar', 'VARCHAR', text, 1015],
  [1082, 'date', 'DATE', text, 1182],
  [1083, 'time', 'TIME', text, 1183],
  [1114, 'timestamp', 'TIMESTAMP', text, 1115],
  [1184, 'timestamptz', 'TIMESTAMP', text, 1185],
  [1186, 'interval', 'OTHER', text, 1187],
  [1266, 'timetz', 'TIME', text, 1270],
  [1560, 'bit', 'BIT', text, 1561],
  [1562, 'varbit', 'OTHER', text, 1563],
  [1700, 'numeric', 'NUMERIC', text, 1231],
  [2950, 'uuid', 'OTHER', text, 2951],
  [3802, 'jsonb', 'OTHER', text, 3807],
  [705, 'unknown', 'OTHER', text, 0],
  [2249, 'record', 'OTHER', text, 2287],
  [1790, 'refcursor', 'OTHER', text, 2201],
  [3614, 'tsvector', 'OTHER', text, 3643],
  [4072, 'jsonpath', 'OTHER', text, 4073],
  [774, 'macaddr8', 'OTHER', text, 775],
];

/** The same text for every array type: elements parsed by the element type's parser. */
export function arrayType(oid: number, name: string, element: PgType, delimiter = ','): PgType {
  const parseElement = element.parse;
  return {
    oid,
    name,
    jdbcType: 'ARRAY',
    element,
    parse: (value) => parsePgArray(value, parseElement, delimiter),
  };
}

function buildBuiltins(): Map<number, PgType> {
  const types = new Map<number, PgType>();
  for (const [oid, name, jdbcType, parse, arrayOid] of SCALARS) {
    const type: PgType = { oid, name, jdbcType, element: null, parse };
    types.set(oid, type);
    if (arrayOid !== 0) types.set(arrayOid, arrayType(arrayOid, `_${name}`, type));
  }
  return types;
}

/** Built-in types, identical in every PostgreSQL database. */
export const BUILTIN_PG_TYPES: ReadonlyMap<number, PgType> = buildBuiltins();

/** A type the catalog lookup found: base types not in the table above, enums, composites, arrays of them. */
export interface PgTypeRow {
  oid: number;
  name: string;
  /** pg_type.typtype: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  kind: string;
  /** pg_type.typcategory; 'A' for arrays. */
  category: string;
  elementOid: number;
  baseOid: number;
  delimiter: string;
}

/** JDBC type for a type not built in, following pgjdbc: arrays ARRAY, enums VARCHAR, composites STRUCT, else OTHER. */
export function typeFromRow(row: PgTypeRow, lookup: (oid: number) => PgType | undefined): PgType {
  if (row.kind === 'd') {
    const base = lookup(row.baseOid);
    // Result sets describe domain columns by their base type; the catalog lookups do the same.
    if (base !== undefined) return base;
  }
  if (row.category === 'A' && row.elementOid !== 0) {
    const element = lookup(row.elementOid) ?? { oid: row.elementOid, name: 'unknown', jdbcType: 'OTHER', element: null, parse: text };
    return arrayType(row.oid, row.name, element, row.delimiter);
  }
  const jdbcType: JdbcType = row.kind === 'e' ? 'VARCHAR' : row.kind === 'c' ? 'STRUCT' : 'OTHER';
  return { oid: row.oid, name: row.name, jdbcType, element: null, parse: text };
}
