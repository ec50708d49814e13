import type { ColumnDefinition, JdbcType } from './db.js';

/** MySQL protocol column types (field packet `columnType`). */
const T = {
  DECIMAL: 0, TINY: 1, SHORT: 2, LONG: 3, FLOAT: 4, DOUBLE: 5, NULL: 6, TIMESTAMP: 7, LONGLONG: 8,
  INT24: 9, DATE: 10, TIME: 11, DATETIME: 12, YEAR: 13, NEWDATE: 14, VARCHAR: 15, BIT: 16,
  JSON: 245, NEWDECIMAL: 246, ENUM: 247, SET: 248, TINY_BLOB: 249, MEDIUM_BLOB: 250, LONG_BLOB: 251,
  BLOB: 252, VAR_STRING: 253, STRING: 254, GEOMETRY: 255,
} as const;

/** Field packet flags. */
const NOT_NULL = 1;
const UNSIGNED = 32;
const ENUM_FLAG = 256;
const AUTO_INCREMENT = 512;
const SET_FLAG = 2048;

const BINARY_CHARSET = 63;
/** Fraction digits at or above this mean "not fixed" (MySQL 31, MariaDB 39). */
const NOT_FIXED_DECIMALS = 31;

/** The parts of a mysql2 field packet the mapping reads. */
export interface MySqlField {
  name: string;
  columnType?: number;
  flags: number | string[];
  columnLength?: number;
  decimals: number;
  characterSet?: number;
  extendedFormat?: string;
  extendedTypeName?: string;
}

/**
 * A result-set column as MySQL Connector/J describes it (tinyInt1isBit, yearIsDateType defaults):
 * TINYINT(1) and BIT(1) → BIT, DATETIME/TIMESTAMP → TIMESTAMP, YEAR → DATE, DECIMAL → DECIMAL,
 * ENUM/SET → CHAR, TEXT/JSON → (LONG)VARCHAR, BLOB → (LONG)VARBINARY.
 */
export function mysqlColumnDefinition(field: MySqlField): ColumnDefinition {
  const type = field.columnType ?? T.VAR_STRING;
  const flags = typeof field.flags === 'number' ? field.flags : 0;
  const unsigned = (flags & UNSIGNED) !== 0;
  const length = field.columnLength ?? 0;
  const binary = field.characterSet === BINARY_CHARSET;
  const decimals = field.decimals >= NOT_FIXED_DECIMALS ? 0 : field.decimals;
  const base = {
    name: field.name,
    nullability: (flags & NOT_NULL) !== 0 ? 'NO_NULLS' : 'NULLABLE',
    autoIncrement: (flags & AUTO_INCREMENT) !== 0,
    elementTypeName: null,
  } as const;
  const numeric = (jdbcType: JdbcType, typeName: string, precision: number, scale = 0): ColumnDefinition => ({
    ...base,
    jdbcType,
    typeName: unsigned ? `${typeName} UNSIGNED` : typeName,
    precision,
    scale,
    signed: !unsigned,
  });
  const other = (jdbcType: JdbcType, typeName: string, precision: number, scale = 0): ColumnDefinition => ({
    ...base,
    jdbcType,
    typeName,
    precision,
    scale,
    signed: false,
  });
  const chars = Math.floor(length / maxBytesPerChar(field.characterSet));

  switch (type) {
    case T.DECIMAL:
    case T.NEWDECIMAL:
      return numeric('DECIMAL', 'DECIMAL', length - (unsigned ? 0 : 1) - (decimals > 0 ? 1 : 0), decimals);
    case T.TINY:
      return length === 1 ? numeric('BIT', 'TINYINT', 1) : numeric('TINYINT', 'TINYINT', length);
    case T.SHORT:
      return numeric('SMALLINT', 'SMALLINT', length);
    case T.INT24:
      return numeric('INTEGER', 'MEDIUMINT', length);
    case T.LONG:
      return numeric('INTEGER', 'INT', length);
    case T.LONGLONG:
      return numeric('BIGINT', 'BIGINT', length);
    case T.FLOAT:
      return numeric('REAL', 'FLOAT', length, decimals);
    case T.DOUBLE:
      return numeric('DOUBLE', 'DOUBLE', length, decimals);
    case T.NULL:
      return other('NULL', 'NULL', 0);
    case T.TIMESTAMP:
      return other('TIMESTAMP', 'TIMESTAMP', length, decimals);
    case T.DATETIME:
      return other('TIMESTAMP', 'DATETIME', length, decimals);
    case T.DATE:
    case T.NEWDATE:
      return other('DATE', 'DATE', length);
    case T.TIME:
      return other('TIME', 'TIME', length, decimals);
    case T.YEAR:
      return other('DATE', 'YEAR', length);
    case T.BIT:
      return other('BIT', 'BIT', length);
    case T.JSON:
      return other('LONGVARCHAR', 'JSON', length);
    case T.ENUM:
      return other('CHAR', 'ENUM', chars);
    case T.SET:
      return other('CHAR', 'SET', chars);
    case T.GEOMETRY:
      return other('BINARY', 'GEOMETRY', length);
    case T.TINY_BLOB:
    case T.MEDIUM_BLOB:
    case T.LONG_BLOB:
    case T.BLOB:
      if (field.extendedFormat === 'json') return other('LONGVARCHAR', 'JSON', chars);
      return binary ? blobColumn(other, length) : textColumn(other, chars);
    case T.STRING:
      if ((flags & ENUM_FLAG) !== 0) return other('CHAR', 'ENUM', chars);
      if ((flags & SET_FLAG) !== 0) return other('CHAR', 'SET', chars);
      return binary ? other('BINARY', 'BINARY', length) : other('CHAR', extendedName(field, 'CHAR'), chars);
    case T.VARCHAR:
    case T.VAR_STRING:
    default:
      return binary ? other('VARBINARY', 'VARBINARY', length) : other('VARCHAR', extendedName(field, 'VARCHAR'), chars);
  }
}

type Make = (jdbcType: JdbcType, typeName: string, precision: number) => ColumnDefinition;

/** Connector/J tells the BLOB sizes apart by length: TINYBLOB VARBINARY, larger ones LONGVARBINARY. */
function blobColumn(make: Make, length: number): ColumnDefinition {
  if (length <= 255) return make('VARBINARY', 'TINYBLOB', length);
  if (length <= 65535) return make('LONGVARBINARY', 'BLOB', length);
  if (length <= 16777215) return make('LONGVARBINARY', 'MEDIUMBLOB', length);
  return make('LONGVARBINARY', 'LONGBLOB', length);
}

function textColumn(make: Make, chars: number): ColumnDefinition {
  if (chars <= 255) return make('VARCHAR', 'TINYTEXT', chars);
  if (chars <= 65535) return make('LONGVARCHAR', 'TEXT', chars);
  if (chars <= 16777215) return make('LONGVARCHAR', 'MEDIUMTEXT', chars);
  return make('LONGVARCHAR', 'LONGTEXT', chars);
}

/** MariaDB names types such as UUID and INET6 in its extended metadata. */
function extendedName(field: MySqlField, fallback: string): string {
  return field.extendedTypeName !== undefined && field.extendedTypeName !== '' ? field.extendedTypeName.toUpperCase() : fallback;
}

const UTF8MB3_COLLATIONS = new Set([33, 76, 83, 223, ...range(192, 215)]);
const SINGLE_BYTE_COLLATIONS = new Set([5, 8, 11, 15, 31, 47, 48, 49, 63, 65, 94]);

/** Field packets give lengths in bytes; Connector/J divides by the charset's widest character. */
function maxBytesPerChar(collation: number | undefined): number {
  if (collation === undefined || SINGLE_BYTE_COLLATIONS.has(collation)) return 1;
  if (UTF8MB3_COLLATIONS.has(collation)) return 3;
  return 4;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** One row of information_schema.COLUMNS, as the describeTable query selects it. */
export interface MySqlColumnRow {
  name: string;
  /** DATA_TYPE, e.g. `tinyint`, `varchar`. */
  dataType: string;
  /** COLUMN_TYPE, e.g. `tinyint(1)`, `bigint(20) unsigned`, `enum('a','b')`. */
  columnType: string;
  nullable: boolean;
  autoIncrement: boolean;
  numericPrecision: number | null;
  numericScale: number | null;
  charMaxLength: number | null;
  datetimePrecision: number | null;
}

const INFO_TYPES: Record<string, JdbcType> = {
  tinyint: 'TINYINT', smallint: 'SMALLINT', mediumint: 'INTEGER', int: 'INTEGER', integer: 'INTEGER', bigint: 'BIGINT',
  float: 'REAL', double: 'DOUBLE', real: 'DOUBLE', decimal: 'DECIMAL', numeric: 'DECIMAL',
  bit: 'BIT', date: 'DATE', time: 'TIME', datetime: 'TIMESTAMP', timestamp: 'TIMESTAMP', year: 'DATE',
  char: 'CHAR', varchar: 'VARCHAR', tinytext: 'VARCHAR', text: 'LONGVARCHAR', mediumtext: 'LONGVARCHAR',
  longtext: 'LONGVARCHAR', json: 'LONGVARCHAR', enum: 'CHAR', set: 'CHAR',
  binary: 'BINARY', varbinary: 'VARBINARY', tinyblob: 'VARBINARY', blob: 'LONGVARBINARY',
  mediumblob: 'LONGVARBINARY', longblob: 'LONGVARBINARY', geometry: 'BINARY', point: 'BINARY',
  linestring: 'BINARY', polygon: 'BINARY', multipoint: 'BINARY', multilinestring: 'BINARY',
  multipolygon: 'BINARY', geometrycollection: 'BINARY', uuid: 'CHAR', inet4: 'CHAR', inet6: 'CHAR',
};

const NUMERIC_TYPES = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'float', 'double', 'real', 'decimal', 'numeric']);
const TIME_TYPES = new Set(['time', 'datetime', 'timestamp']);

/** A table column from information_schema.COLUMNS, with the same meaning as a result-set column. */
export function mysqlTableColumnDefinition(row: MySqlColumnRow): ColumnDefinition {
  const dataType = row.dataType.toLowerCase();
  const columnType = row.columnType.toLowerCase();
  const unsigned = /\bunsigned\b/.test(columnType);
  const numeric = NUMERIC_TYPES.has(dataType);
  let jdbcType: JdbcType = INFO_TYPES[dataType] ?? 'OTHER';
  if (dataType === 'tinyint' && /^tinyint\(1\)/.test(columnType)) jdbcType = 'BIT';
  let precision: number;
  let scale = 0;
  if (numeric || dataType === 'bit') {
    precision = jdbcType === 'BIT' && dataType === 'tinyint' ? 1 : (row.numericPrecision ?? 0);
    scale = dataType === 'decimal' || dataType === 'numeric' ? (row.numericScale ?? 0) : 0;
  } else if (TIME_TYPES.has(dataType)) {
    scale = row.datetimePrecision ?? 0;
    precision = (dataType === 'time' ? 8 : 19) + (scale > 0 ? scale + 1 : 0);
  } else if (dataType === 'date') {
    precision = 10;
  } else if (dataType === 'year') {
    precision = 4;
  } else {
    precision = row.charMaxLength ?? 0;
  }
  const upper = dataType.toUpperCase();
  return {
    name: row.name,
    jdbcType,
    typeName: numeric && unsigned ? `${upper} UNSIGNED` : upper,
    precision,
    scale,
    nullability: row.nullable ? 'NULLABLE' : 'NO_NULLS',
    signed: numeric && !unsigned,
    autoIncrement: row.autoIncrement,
    elementTypeName: null,
  };
}
