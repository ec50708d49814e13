import { describe, expect, it } from 'vitest';
import { entityWriter } from './entity-json.js';
import { connectorListSchema, connectorOffsetsSchema, connectorStateInfoSchema, healthSchema, tasksConfigSchema } from './schemas.js';

describe('entityWriter', () => {
  it('writes declared properties in schema order and drops the others', () => {
    const write = entityWriter(healthSchema);
    expect(write({ message: 'ok', extra: 1, status: 'healthy' })).toBe('{"status":"healthy","message":"ok"}');
    expect(write({ status: 'x', message: undefined })).toBe('{"status":"x"}');
  });

  it('coerces as fast-json-stringify does', () => {
    const write = entityWriter({
      type: 'object',
      properties: { s: { type: 'string' }, i: { type: 'integer' }, b: { type: 'boolean' }, n: { type: ['string', 'null'] }, o: { type: 'object', properties: {} }, a: { type: 'array', items: { type: 'string' } } },
    });
    expect(write({ s: null, i: '12', b: 0, n: null, o: null, a: null })).toBe('{"s":"","i":12,"b":false,"n":null,"o":{},"a":[]}');
    expect(write({ s: 5, i: 7.9, b: 'yes', n: 'x"y', a: [1, 'z'] })).toBe('{"s":"5","i":7,"b":true,"n":"x\\"y","a":["1","z"]}');
    expect(write({ s: { toString: () => '[hidden]' } })).toBe('{"s":"[hidden]"}');
    expect(() => write({ i: Number.NaN })).toThrow(/cannot be converted to an integer/);
  });

  it('writes additionalProperties after the declared ones, any JSON for true', () => {
    expect(entityWriter(tasksConfigSchema)({ 'a-0': { 'tasks.max': 1, file: 'f' } })).toBe('{"a-0":{"tasks.max":"1","file":"f"}}');
    const offsets = { offsets: [{ partition: { filename: 'f' }, offset: { position: 5 }, extra: 1 }, { partition: { kafka_topic: 't', kafka_partition: 0 }, offset: null }] };
    expect(entityWriter(connectorOffsetsSchema)(offsets)).toBe(
      '{"offsets":[{"partition":{"filename":"f"},"offset":{"position":5}},{"partition":{"kafka_topic":"t","kafka_partition":0},"offset":null}]}',
    );
  });

  it('picks the anyOf alternative of the value type', () => {
    const write = entityWriter(connectorListSchema);
    expect(write(['a', 'b'])).toBe('["a","b"]');
    expect(write({ a: { status: { name: 'a', tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w', x: 1 }], type: 'sink' } } })).toBe(
      '{"a":{"status":{"name":"a","tasks":[{"id":0,"state":"RUNNING","worker_id":"w"}],"type":"sink"}}}',
    );
    expect(() => write('text')).toThrow(/does not match/);
  });

  it('nests object schemas and honours toJSON', () => {
    const write = entityWriter(connectorStateInfoSchema);
    const status = { toJSON: () => ({ type: 'source', name: 'c', connector: { worker_id: 'w', state: 'FAILED', trace: 't', restart_attempts: 2 } }) };
    expect(write(status)).toBe('{"name":"c","connector":{"state":"FAILED","worker_id":"w","trace":"t","restart_attempts":2},"type":"source"}');
  });

  it('refuses schema features it does not implement', () => {
    expect(() => entityWriter({ type: 'object', properties: { d: { type: 'date' } } })).toThrow(/Unsupported response schema type date/);
    expect(() => entityWriter({ type: ['string', 'integer'] })).toThrow(/Unsupported/);
  });
});
