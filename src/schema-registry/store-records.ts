/**
 * Records of the `_schemas` topic in Confluent's JSON format, so a Confluent registry can read a
 * topic written here and the other way round. Keys: SchemaKey, ConfigKey, ModeKey, NoopKey,
 * DeleteSubjectKey, ClearSubjectKey (null members are left out, as Jackson's NON_EMPTY does);
 * values: SchemaValue, ConfigValue, ModeValue, DeleteSubjectValue, ClearSubjectValue. Keys of
 * other types (ASSOC, CONTEXT) are read as `ignored`.
 */

export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface SchemaValue {
  subject: string;
  version: number;
  id: number;
  schema: string;
  schemaType: string;
  references: SchemaReference[];
  deleted: boolean;
}

export type StoreRecord =
  | { type: 'schema'; subject: string; version: number; value: SchemaValue | null }
  | { type: 'config'; subject: string | null; compatibilityLevel: string | null }
  | { type: 'mode'; subject: string | null; mode: string | null }
  | { type: 'delete-subject'; subject: string; version: number }
  | { type: 'clear-subject'; subject: string }
  | { type: 'noop' }
  | { type: 'ignored' };

export interface EncodedRecord {
  key: string;
  value: string | null;
}

export function encodeRecord(record: StoreRecord): EncodedRecord {
  switch (record.type) {
    case 'schema':
      return {
        key: JSON.stringify({ keytype: 'SCHEMA', subject: record.subject, version: record.version, magic: 1 }),
        value: record.value === null ? null : JSON.stringify(schemaValueJson(record.value)),
      };
    case 'config':
      return {
        key: subjectKey('CONFIG', record.subject),
        value: record.compatibilityLevel === null ? null : JSON.stringify(withSubject(record.subject, { compatibilityLevel: record.compatibilityLevel })),
      };
    case 'mode':
      return {
        key: subjectKey('MODE', record.subject),
        value: record.mode === null ? null : JSON.stringify(withSubject(record.subject, { mode: record.mode })),
      };
    case 'delete-subject':
      return { key: subjectKey('DELETE_SUBJECT', record.subject), value: JSON.stringify({ subject: record.subject, version: record.version }) };
    case 'clear-subject':
      return { key: subjectKey('CLEAR_SUBJECT', record.subject), value: JSON.stringify({ subject: record.subject }) };
    case 'noop':
      return { key: JSON.stringify({ keytype: 'NOOP', magic: 0 }), value: null };
    case 'ignored':
      throw new Error('an ignored record is never written');
  }
}

function subjectKey(keytype: string, subject: string | null): string {
  return JSON.stringify(subject === null ? { keytype, magic: 0 } : { keytype, subject, magic: 0 });
}

function withSubject(subject: string | null, value: Record<string, unknown>): Record<string, unknown> {
  return subject === null ? value : { subject, ...value };
}

function schemaValueJson(value: SchemaValue): Record<string, unknown> {
  const json: Record<string, unknown> = { subject: value.subject, version: value.version, id: value.id };
  if (value.schemaType !== 'AVRO') json.schemaType = value.schemaType;
  if (value.references.length > 0) json.references = value.references;
  json.schema = value.schema;
  json.deleted = value.deleted;
  return json;
}

/** Decodes one topic record; throws on bytes that are not a registry record. */
export function decodeRecord(key: Buffer | string, value: Buffer | string | null): StoreRecord {
  const k = asObject(JSON.parse(key.toString()), 'key');
  const v = value === null || value.length === 0 ? null : asObject(JSON.parse(value.toString()), 'value');
  const subject = typeof k.subject === 'string' ? k.subject : null;
  switch (k.keytype) {
    case 'SCHEMA': {
      if (k.magic !== 1) throw new Error(`Can't deserialize schema for the magic byte ${String(k.magic)}`);
      if (subject === null || typeof k.version !== 'number') throw new Error('schema key without subject or version');
      return { type: 'schema', subject, version: k.version, value: v === null ? null : decodeSchemaValue(v, subject, k.version) };
    }
    case 'CONFIG':
      return { type: 'config', subject, compatibilityLevel: v === null ? null : typeof v.compatibilityLevel === 'string' ? v.compatibilityLevel : null };
    case 'MODE':
      return { type: 'mode', subject, mode: v === null ? null : typeof v.mode === 'string' ? v.mode : null };
    case 'DELETE_SUBJECT':
      if (v === null || subject === null) return { type: 'ignored' };
      return { type: 'delete-subject', subject, version: Number(v.version) };
    case 'CLEAR_SUBJECT':
      if (v === null) return { type: 'ignored' };
      return { type: 'clear-subject', subject: typeof v.subject === 'string' ? v.subject : (subject ?? '') };
    case 'NOOP':
      return { type: 'noop' };
    default:
      return { type: 'ignored' };
  }
}

function decodeSchemaValue(v: Record<string, unknown>, subject: string, version: number): SchemaValue {
  if (typeof v.id !== 'number' || typeof v.schema !== 'string') throw new Error('schema value without id or schema');
  const references = Array.isArray(v.references) ? v.references.map((r) => decodeReference(asObject(r, 'reference'))) : [];
  return {
    subject: typeof v.subject === 'string' ? v.subject : subject,
    version: typeof v.version === 'number' ? v.version : version,
    id: v.id,
    schema: v.schema,
    schemaType: typeof v.schemaType === 'string' ? v.schemaType : 'AVRO',
    references,
    deleted: v.deleted === true,
  };
}

function decodeReference(r: Record<string, unknown>): SchemaReference {
  return { name: String(r.name), subject: String(r.subject), version: Number(r.version) };
}

function asObject(json: unknown, what: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`registry record ${what} is not a JSON object`);
  return json as Record<string, unknown>;
}
