/** Avro reader/writer rules and Confluent's compatibility levels, without a broker. */
import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { parseAvroSchema } from '../../src/schema-registry/avro/parse-avro.js';
import { readerWriterIncompatibilities } from '../../src/schema-registry/avro/schema-compatibility.js';
import { compatibilityErrors, type CheckedSchema, type CompatibilityLevel } from '../../src/schema-registry/compatibility.js';

const rec = (fields: unknown[], name = 'User', extra: Record<string, unknown> = {}) => ({ type: 'record', name, namespace: 'com.acme', fields, ...extra });
const id = { name: 'id', type: 'int' };

function schema(json: unknown, version?: number): CheckedSchema {
  const parsed = parseAvroSchema(JSON.stringify(json));
  return { node: parsed.node, text: parsed.canonical, version };
}

/** Can `reader` decode what `writer` wrote? */
function reads(reader: unknown, writer: unknown): boolean {
  return readerWriterIncompatibilities(schema(reader).node, schema(writer).node).length === 0;
}

/** avsc's own resolver, as a second opinion where Avro's rules and avsc agree. */
function avscReads(reader: unknown, writer: unknown): boolean {
  try {
    avsc.Type.forSchema(reader as avsc.Schema).createResolver(avsc.Type.forSchema(writer as avsc.Schema));
    return true;
  } catch {
    return false;
  }
}

function compatible(level: CompatibilityLevel, candidate: unknown, ...previous: unknown[]): boolean {
  return compatibilityErrors(level, schema(candidate), previous.map((p, i) => schema(p, i + 1))).length === 0;
}

describe('reader/writer rules (Avro SchemaCompatibility)', () => {
  const cases: Array<[string, unknown, unknown, boolean]> = [
    ['added field with default', rec([id, { name: 'email', type: 'string', default: '' }]), rec([id]), true],
    ['added field without default', rec([id, { name: 'email', type: 'string' }]), rec([id]), false],
    ['removed field (reader ignores it)', rec([id]), rec([id, { name: 'email', type: 'string' }]), true],
    ['int read as long', rec([{ name: 'id', type: 'long' }]), rec([id]), true],
    ['long read as int', rec([id]), rec([{ name: 'id', type: 'long' }]), false],
    ['int read as float and double', rec([{ name: 'a', type: 'float' }, { name: 'b', type: 'double' }]), rec([{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }]), true],
    ['long read as float', rec([{ name: 'a', type: 'float' }]), rec([{ name: 'a', type: 'long' }]), true],
    ['float read as double', rec([{ name: 'a', type: 'double' }]), rec([{ name: 'a', type: 'float' }]), true],
    ['double read as float', rec([{ name: 'a', type: 'float' }]), rec([{ name: 'a', type: 'double' }]), false],
    ['string read as bytes', rec([{ name: 'a', type: 'bytes' }]), rec([{ name: 'a', type: 'string' }]), true],
    ['bytes read as string', rec([{ name: 'a', type: 'string' }]), rec([{ name: 'a', type: 'bytes' }]), true],
    ['string read as int', rec([{ name: 'a', type: 'int' }]), rec([{ name: 'a', type: 'string' }]), false],
    ['enum symbol added in reader', { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] }, { type: 'enum', name: 'E', symbols: ['A', 'B'] }, true],
    ['enum symbol missing in reader', { type: 'enum', name: 'E', symbols: ['A'] }, { type: 'enum', name: 'E', symbols: ['A', 'B'] }, false],
    ['union widened in reader', rec([{ name: 'a', type: ['null', 'string', 'int'], default: null }]), rec([{ name: 'a', type: ['null', 'string'], default: null }]), true],
    ['union narrowed in reader', rec([{ name: 'a', type: ['null', 'string'], default: null }]), rec([{ name: 'a', type: ['null', 'string', 'int'], default: null }]), false],
    ['plain type read as union containing it', rec([{ name: 'a', type: ['null', 'string'], default: null }]), rec([{ name: 'a', type: 'string' }]), true],
    ['union read as its only possible type', rec([{ name: 'a', type: 'string' }]), rec([{ name: 'a', type: ['null', 'string'], default: null }]), false],
    ['writer union branch promoted in reader union', rec([{ name: 'a', type: ['null', 'long'], default: null }]), rec([{ name: 'a', type: ['null', 'int'], default: null }]), true],
    ['array items promoted', { type: 'array', items: 'long' }, { type: 'array', items: 'int' }, true],
    ['array items narrowed', { type: 'array', items: 'int' }, { type: 'array', items: 'long' }, false],
    ['map values promoted', { type: 'map', values: 'double' }, { type: 'map', values: 'int' }, true],
    ['map read as array', { type: 'array', items: 'int' }, { type: 'map', values: 'int' }, false],
    ['fixed of the same size', { type: 'fixed', name: 'F', size: 4 }, { type: 'fixed', name: 'F', size: 4 }, true],
    ['fixed of another size', { type: 'fixed', name: 'F', size: 8 }, { type: 'fixed', name: 'F', size: 4 }, false],
    ['fixed of another name', { type: 'fixed', name: 'G', size: 4 }, { type: 'fixed', name: 'F', size: 4 }, false],
    ['record renamed', rec([id], 'Person'), rec([id], 'User'), false],
    ['record renamed with an alias for the old name', rec([id], 'Person', { aliases: ['User'] }), rec([id], 'User'), true],
    ['field renamed with an alias for the old name', rec([{ name: 'key', type: 'int', aliases: ['id'] }]), rec([id]), true],
  ];
  for (const [what, reader, writer, expected] of cases) {
    it(`${what}: ${expected ? 'readable' : 'not readable'}`, () => {
      expect(reads(reader, writer)).toBe(expected);
    });
  }

  it('agrees with avsc resolution on the cases where avsc follows the spec', () => {
    for (const [, reader, writer, expected] of cases) {
      // avsc resolves names by full name only and accepts bytes/string both ways like Avro.
      expect(avscReads(reader, writer)).toBe(expected);
    }
  });

  it('enum symbols missing in the reader are fine when the reader enum has a default (Avro 1.9+)', () => {
    expect(reads({ type: 'enum', name: 'E', symbols: ['A', 'UNKNOWN'], default: 'UNKNOWN' }, { type: 'enum', name: 'E', symbols: ['A', 'B'] })).toBe(true);
  });

  it('matches named types by unqualified name, as Java Avro 1.10+ does (avsc wants the full name)', () => {
    const reader = { type: 'record', name: 'User', namespace: 'com.new', fields: [id] };
    const writer = { type: 'record', name: 'User', namespace: 'com.old', fields: [id] };
    expect(reads(reader, writer)).toBe(true);
    expect(avscReads(reader, writer)).toBe(false);
  });

  it('checks recursive schemas without looping', () => {
    const list = (extra: unknown[]) => ({ type: 'record', name: 'Node', fields: [{ name: 'value', type: 'int' }, { name: 'next', type: ['null', 'Node'], default: null }, ...extra] });
    expect(reads(list([{ name: 'label', type: 'string', default: '' }]), list([]))).toBe(true);
    expect(reads(list([{ name: 'label', type: 'string' }]), list([]))).toBe(false);
  });

  it('reports Avro incompatibility types and JSON-pointer locations', () => {
    const found = readerWriterIncompatibilities(schema(rec([id, { name: 'email', type: 'string' }])).node, schema(rec([{ name: 'id', type: 'string' }])).node);
    expect(found).toEqual([
      { type: 'TYPE_MISMATCH', location: '/fields/0/type', message: 'reader type: INT not compatible with writer type: STRING' },
      { type: 'READER_FIELD_MISSING_DEFAULT_VALUE', location: '/fields/1', message: 'email' },
    ]);
    const enums = readerWriterIncompatibilities(schema({ type: 'enum', name: 'E', symbols: ['A'] }).node, schema({ type: 'enum', name: 'E', symbols: ['C', 'A', 'B'] }).node);
    expect(enums).toEqual([{ type: 'MISSING_ENUM_SYMBOLS', location: '/symbols', message: '[B, C]' }]);
  });
});

describe('compatibility levels', () => {
  const v1 = rec([id]);
  const withEmail = rec([id, { name: 'email', type: 'string', default: '' }]);
  const withEmailNoDefault = rec([id, { name: 'email', type: 'string' }]);

  it('BACKWARD: the new schema reads the latest one', () => {
    expect(compatible('BACKWARD', withEmail, v1)).toBe(true);
    expect(compatible('BACKWARD', withEmailNoDefault, v1)).toBe(false);
    expect(compatible('BACKWARD', v1, withEmailNoDefault)).toBe(true); // field removed
  });

  it('FORWARD: the latest schema reads the new one', () => {
    expect(compatible('FORWARD', withEmailNoDefault, v1)).toBe(true); // field added: old readers ignore it
    expect(compatible('FORWARD', v1, withEmailNoDefault)).toBe(false); // removed a field without default
    expect(compatible('FORWARD', v1, withEmail)).toBe(true); // removed a field with default
  });

  it('FULL: both ways', () => {
    expect(compatible('FULL', withEmail, v1)).toBe(true);
    expect(compatible('FULL', withEmailNoDefault, v1)).toBe(false);
    expect(compatible('FULL', v1, withEmail)).toBe(true);
    expect(compatible('FULL', v1, withEmailNoDefault)).toBe(false);
    expect(compatible('FULL', rec([{ name: 'id', type: 'long' }]), v1)).toBe(false); // int→long reads one way only
  });

  it('NONE accepts anything', () => {
    expect(compatible('NONE', { type: 'string' }, v1)).toBe(true);
  });

  it('transitive levels check every version; the others only the latest', () => {
    // v1 {id}, v2 {id, email default ""}, v3 {id, email} without default: v3 reads v2, not v1.
    const history = [v1, withEmail];
    expect(compatible('BACKWARD', withEmailNoDefault, ...history)).toBe(true);
    expect(compatible('BACKWARD_TRANSITIVE', withEmailNoDefault, ...history)).toBe(false);
    expect(compatible('FULL', withEmailNoDefault, ...history)).toBe(true);
    expect(compatible('FULL_TRANSITIVE', withEmailNoDefault, ...history)).toBe(false);
    // Forward: v1 {id, email}, v2 {id, email default}, v3 {id}: v2 reads v3, v1 cannot.
    const forwardHistory = [withEmailNoDefault, withEmail];
    expect(compatible('FORWARD', v1, ...forwardHistory)).toBe(true);
    expect(compatible('FORWARD_TRANSITIVE', v1, ...forwardHistory)).toBe(false);
  });

  it("words messages as Confluent's validator does", () => {
    const errors = compatibilityErrors('BACKWARD', schema(withEmailNoDefault), [schema(v1, 1)]);
    expect(errors).toEqual([
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'email' at path '/fields/1' in the new schema has no default value and is missing in the old schema', additionalInfo:'email'}",
      '{oldSchemaVersion: 1}',
      `{oldSchema: '${schema(v1).text}'}`,
      "{validateFields: 'false', compatibility: 'BACKWARD'}",
    ]);
  });
});

describe('canonical text', () => {
  it("is Java Avro's layout, whatever the spelling", () => {
    const spelled = `{
      "fields": [ {"type": {"type": "array", "items": "string"}, "name": "tags", "default": []},
                  {"name": "kind", "type": {"symbols": ["A"], "name": "Kind", "type": "enum"}} ],
      "namespace": "com.acme", "name": "User", "type": "record", "doc": "a user", "connect.name": "com.acme.User"
    }`;
    expect(parseAvroSchema(spelled).canonical).toBe(
      '{"type":"record","name":"User","namespace":"com.acme","doc":"a user","fields":[{"name":"tags","type":{"type":"array","items":"string"},"default":[]},{"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A"]}}],"connect.name":"com.acme.User"}',
    );
    expect(parseAvroSchema('{"type": "string"}').canonical).toBe('"string"');
    expect(parseAvroSchema('{"type":"string","logicalType":"uuid"}').canonical).toBe('{"type":"string","logicalType":"uuid"}');
  });

  it('writes names relative to the enclosing namespace', () => {
    const nested = { type: 'record', name: 'a.b.Outer', fields: [{ name: 'x', type: { type: 'fixed', name: 'c.F', size: 2 } }, { name: 'y', type: 'c.F' }, { name: 'z', type: { type: 'enum', name: 'E', symbols: ['Q'] } }, { name: 'w', type: 'a.b.E' }] };
    expect(parseAvroSchema(JSON.stringify(nested)).canonical).toBe(
      '{"type":"record","name":"Outer","namespace":"a.b","fields":[{"name":"x","type":{"type":"fixed","name":"F","namespace":"c","size":2}},{"name":"y","type":"c.F"},{"name":"z","type":{"type":"enum","name":"E","symbols":["Q"]}},{"name":"w","type":"E"}]}',
    );
  });

  it('rejects what Java Avro rejects', () => {
    expect(() => parseAvroSchema('{"type":"record","fields":[]}')).toThrow(/Invalid schema/);
    expect(() => parseAvroSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"int","default":"x"}]}')).toThrow(/Invalid schema/);
    expect(() => parseAvroSchema('not json')).toThrow(/Invalid schema/);
    expect(() => parseAvroSchema('{"type":"nope"}')).toThrow(/Invalid schema/);
    expect(() => parseAvroSchema('["int","int"]')).toThrow(/Invalid schema/);
  });
});
