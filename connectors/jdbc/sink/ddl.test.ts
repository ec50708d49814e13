import { describe, expect, it } from 'vitest';
import { BigDecimal, ConnectDate, ConnectTime, ConnectTimestamp, Decimal, Schema, SchemaBuilder } from '../../../src/data/index.js';
import type { DialectName } from '../common/db.js';
import { alterTableStatements, createTableStatement, defaultLiteral, sqlType, type DdlContext } from './ddl.js';
import type { SinkField } from './fields-metadata.js';
import { UTC, zoneOf } from '../common/time-zone.js';

const PG = 'PostgreSqlDatabaseDialect';
const MY = 'MySqlDatabaseDialect';

function ctx(dialect: DialectName, timestampFields: string[] = []): DdlContext {
  const q = dialect === PG ? '"' : '`';
  const column = (n: string): string => `${q}${n}${q}`;
  return { dialect, table: column('orders'), column, timestampFields: new Set(timestampFields), dbZone: UTC, dateZone: UTC };
}

const field = (name: string, schema: Schema, isPrimaryKey = false): SinkField => ({ name, schema, isPrimaryKey });

describe('JDBC sink DDL', () => {
  it('CREATE TABLE: one column per line, DEFAULT / NULL / NOT NULL, then the key (spec 2.8)', () => {
    const fields = [field('id', Schema.INT64_SCHEMA, true), field('name', Schema.OPTIONAL_STRING_SCHEMA), field('qty', SchemaBuilder.int32().defaultValue(0).build())];
    expect(createTableStatement(ctx(PG), fields)).toBe('CREATE TABLE "orders" (\n"id" BIGINT NOT NULL,\n"name" TEXT NULL,\n"qty" INT DEFAULT 0,\nPRIMARY KEY("id"))');
    expect(createTableStatement(ctx(MY), fields.slice(1))).toBe('CREATE TABLE `orders` (\n`name` TEXT NULL,\n`qty` INT DEFAULT 0)');
  });

  it('key columns are NOT NULL even when their schema is optional', () => {
    expect(createTableStatement(ctx(PG), [field('k', Schema.OPTIONAL_INT32_SCHEMA, true), field('a', Schema.OPTIONAL_INT32_SCHEMA, true)])).toBe(
      'CREATE TABLE "orders" (\n"k" INT NOT NULL,\n"a" INT NOT NULL,\nPRIMARY KEY("k","a"))',
    );
  });

  it('ALTER TABLE: one ADD inline, several on their own lines (spec 2.9)', () => {
    expect(alterTableStatements(ctx(PG), [field('note', Schema.OPTIONAL_STRING_SCHEMA)])).toEqual(['ALTER TABLE "orders" ADD "note" TEXT NULL']);
    expect(alterTableStatements(ctx(MY), [field('a', Schema.OPTIONAL_INT8_SCHEMA), field('b', Schema.OPTIONAL_BOOLEAN_SCHEMA)])).toEqual(['ALTER TABLE `orders` \nADD `a` TINYINT NULL,\nADD `b` TINYINT NULL']);
  });

  it('maps Connect types per dialect (spec 2.8 table)', () => {
    const cases: Array<[Schema, string, string]> = [
      [Schema.INT8_SCHEMA, 'SMALLINT', 'TINYINT'],
      [Schema.INT16_SCHEMA, 'SMALLINT', 'SMALLINT'],
      [Schema.INT32_SCHEMA, 'INT', 'INT'],
      [Schema.INT64_SCHEMA, 'BIGINT', 'BIGINT'],
      [Schema.FLOAT32_SCHEMA, 'REAL', 'FLOAT'],
      [Schema.FLOAT64_SCHEMA, 'DOUBLE PRECISION', 'DOUBLE'],
      [Schema.BOOLEAN_SCHEMA, 'BOOLEAN', 'TINYINT'],
      [Schema.STRING_SCHEMA, 'TEXT', 'TEXT'],
      [Schema.BYTES_SCHEMA, 'BYTEA', 'VARBINARY(1024)'],
      [Decimal.schema(3), 'DECIMAL', 'DECIMAL(65,3)'],
      [ConnectDate.SCHEMA, 'DATE', 'DATE'],
      [ConnectTime.SCHEMA, 'TIME', 'TIME(3)'],
      [ConnectTimestamp.SCHEMA, 'TIMESTAMP', 'DATETIME(3)'],
    ];
    for (const [schema, pg, my] of cases) {
      expect(sqlType(ctx(PG), 'f', schema)).toBe(pg);
      expect(sqlType(ctx(MY), 'f', schema)).toBe(my);
    }
    expect(sqlType(ctx(PG, ['ts']), 'ts', Schema.INT64_SCHEMA)).toBe('TIMESTAMP');
    expect(sqlType(ctx(MY, ['ts']), 'ts', Schema.STRING_SCHEMA)).toBe('DATETIME(6)');
    expect(sqlType(ctx(PG), 'a', SchemaBuilder.array(Schema.INT32_SCHEMA).build())).toBe('INT[]');
    // Sluice's one departure from Confluent's mapping: MySQL cannot index TEXT, so string keys are VARCHAR.
    expect(sqlType(ctx(MY), 'k', Schema.STRING_SCHEMA, true)).toBe('VARCHAR(255)');
    expect(sqlType(ctx(PG), 'k', Schema.STRING_SCHEMA, true)).toBe('TEXT');
  });

  it('has no column type for STRUCT, MAP, or arrays in MySQL', () => {
    const struct = SchemaBuilder.struct().field('x', Schema.INT32_SCHEMA).build();
    expect(() => sqlType(ctx(PG), 's', struct)).toThrow("null (STRUCT) type doesn't have a mapping to the SQL database column type");
    expect(() => sqlType(ctx(MY), 'a', SchemaBuilder.array(Schema.INT32_SCHEMA).build())).toThrow('null (ARRAY) type');
    expect(() => sqlType(ctx(PG), 'm', SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())).toThrow('(MAP)');
  });

  it('formats default literals as Confluent does', () => {
    const instant = new Date(Date.UTC(2024, 1, 29, 23, 30, 5, 7));
    expect(defaultLiteral(ctx(PG), Schema.BOOLEAN_SCHEMA, true)).toBe('TRUE');
    expect(defaultLiteral(ctx(MY), Schema.BOOLEAN_SCHEMA, false)).toBe('0');
    expect(defaultLiteral(ctx(MY), Schema.STRING_SCHEMA, "it's")).toBe("'it''s'");
    expect(defaultLiteral(ctx(MY), Schema.FLOAT64_SCHEMA, 1)).toBe('1.0');
    expect(defaultLiteral(ctx(MY), Schema.INT64_SCHEMA, 5n)).toBe('5');
    expect(defaultLiteral(ctx(PG), Decimal.schema(2), new BigDecimal(1234n, 2))).toBe('12.34');
    expect(defaultLiteral(ctx(PG), ConnectTimestamp.SCHEMA, instant)).toBe("'2024-02-29 23:30:05.007'");
    expect(defaultLiteral(ctx(PG), ConnectTime.SCHEMA, new Date(Date.UTC(1970, 0, 1, 8, 1, 2, 300)))).toBe("'08:01:02.300'");
    expect(defaultLiteral(ctx(PG), ConnectDate.SCHEMA, new Date(Date.UTC(2024, 1, 29)))).toBe("'2024-02-29'");
    expect(defaultLiteral({ ...ctx(PG), dbZone: zoneOf('Asia/Kolkata') }, ConnectTimestamp.SCHEMA, instant)).toBe("'2024-03-01 05:00:05.007'");
    expect(defaultLiteral(ctx(MY), Schema.BYTES_SCHEMA, Buffer.from([1, 171]))).toBe("x'01AB'");
    expect(defaultLiteral(ctx(PG), Schema.BYTES_SCHEMA, Buffer.from([1, 171]))).toBe("'\\x01AB'");
  });
});
