import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AvroData, AvroReader, AvroWriter, binaryCodec, DEFAULT_AVRO_DATA_CONFIG } from '../converters/avro/index.js';
import { JsonConverter } from '../converters/json/json-converter.js';
import { StringConverter } from '../converters/string-converter.js';
import { ConnectDate, ConnectTime, ConnectTimestamp, Schema, SchemaBuilder, Struct } from './index.js';
import { javaToString } from './java-text.js';
import { isSqlTemporal, SqlDate, SqlTime, SqlTimestamp } from './sql-temporal.js';

// Local getters read process.env.TZ; the tests pin it and restore it.
let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const AUG_1 = Date.UTC(2022, 7, 1);

describe('SqlTimestamp', () => {
  it('prints like java.sql.Timestamp: nanos trimmed, at least one digit', () => {
    expect(new SqlTimestamp(AUG_1).toString()).toBe('2022-08-01 00:00:00.0');
    expect(new SqlTimestamp(AUG_1 + 123).toString()).toBe('2022-08-01 00:00:00.123');
    expect(new SqlTimestamp(AUG_1 + 100).toString()).toBe('2022-08-01 00:00:00.1');
    expect(new SqlTimestamp(AUG_1, 123_456_000).toString()).toBe('2022-08-01 00:00:00.123456');
    expect(new SqlTimestamp(AUG_1, 1).toString()).toBe('2022-08-01 00:00:00.000000001');
    expect(new SqlTimestamp(Date.UTC(999, 0, 2, 3, 4, 5)).toString()).toBe('0999-01-02 03:04:05.0');
  });

  it('keeps nanos and the millisecond part of getTime() in step, also before 1970', () => {
    const ts = new SqlTimestamp(AUG_1 + 5, 987_654_321);
    expect(ts.getTime()).toBe(AUG_1 + 987);
    expect(ts.getNanos()).toBe(987_654_321);
    const before = new SqlTimestamp(-1);
    expect(before.getTime()).toBe(-1);
    expect(before.getNanos()).toBe(999_000_000);
    expect(before.toString()).toBe('1969-12-31 23:59:59.999');
    expect(() => new SqlTimestamp(0, 1_000_000_000)).toThrow(RangeError);
  });

  it('prints in the process time zone', () => {
    process.env.TZ = 'America/New_York';
    expect(new SqlTimestamp(AUG_1).toString()).toBe('2022-07-31 20:00:00.0');
    expect(new SqlDate(AUG_1).toString()).toBe('2022-07-31');
    expect(new SqlTime(5 * 3600_000).toString()).toBe('00:00:00');
  });
});

describe('SqlDate and SqlTime', () => {
  it('print like java.sql.Date and java.sql.Time', () => {
    expect(new SqlDate(AUG_1).toString()).toBe('2022-08-01');
    expect(new SqlTime(13 * 3600_000 + 45 * 60_000 + 1_500).toString()).toBe('13:45:01');
    expect(isSqlTemporal(new SqlDate(0))).toBe(true);
    expect(isSqlTemporal(new Date(0))).toBe(false);
  });
});

describe('in Connect values', () => {
  const schema = SchemaBuilder.struct()
    .name('orders')
    .field('ID', Schema.INT32_SCHEMA)
    .field('NAME', Schema.OPTIONAL_STRING_SCHEMA)
    .field('CREATED', ConnectTimestamp.builder().optional().build())
    .field('DAY', ConnectDate.builder().optional().build())
    .field('AT', ConnectTime.builder().optional().build())
    .field('GONE', Schema.OPTIONAL_STRING_SCHEMA)
    .build();
  const struct = new Struct(schema)
    .put('ID', 2)
    .put('NAME', 'x')
    .put('CREATED', new SqlTimestamp(AUG_1))
    .put('DAY', new SqlDate(AUG_1))
    .put('AT', new SqlTime(3_723_000));

  it('StringConverter writes the Java worker text, null columns left out', () => {
    const expected = 'Struct{ID=2,NAME=x,CREATED=2022-08-01 00:00:00.0,DAY=2022-08-01,AT=01:02:03}';
    expect(javaToString(struct)).toBe(expected);
    const strings = new StringConverter();
    strings.configure({}, false);
    expect(strings.fromConnectData('t', null, schema, struct)?.toString('utf8')).toBe(expected);
  });

  it('JsonConverter and AvroData treat them as Dates', () => {
    const json = new JsonConverter();
    json.configure({ 'schemas.enable': 'false' }, false);
    const bytes = json.fromConnectData('t', null, schema, struct) as Buffer;
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ ID: 2, NAME: 'x', CREATED: AUG_1, DAY: 19205, AT: 3_723_000, GONE: null });

    const data = new AvroData(DEFAULT_AVRO_DATA_CONFIG);
    const avroSchema = data.fromConnectSchema(schema);
    const writer = new AvroWriter();
    binaryCodec(avroSchema).write(writer, data.fromConnectData(schema, avroSchema, struct));
    const back = data.toConnectData(avroSchema, binaryCodec(avroSchema).read(new AvroReader(writer.toBuffer())));
    const value = back?.value as Struct;
    expect((value.get('CREATED') as Date).getTime()).toBe(AUG_1);
    expect((value.get('DAY') as Date).getTime()).toBe(AUG_1);
    expect((value.get('AT') as Date).getTime()).toBe(3_723_000);
  });
});
