/**
 * The registry's view of the `_schemas` topic: every record read is applied here, in topic
 * order, by every registry process alike. Two rules make concurrent writers converge without a
 * leader: a schema record that reuses an id already bound to a different schema is ignored
 * (Confluent's rule), and so is one that overwrites a live subject version with another schema.
 * The writer whose record lost sees it ignored and retries with fresh numbers.
 */
import { parseCompatibilityLevel, type CompatibilityLevel } from './compatibility.js';
import type { SchemaReference, SchemaValue, StoreRecord } from './store-records.js';

export const MODES = ['READWRITE', 'READONLY', 'IMPORT'] as const;
export type Mode = (typeof MODES)[number];

export function parseMode(text: unknown): Mode | undefined {
  if (typeof text !== 'string') return undefined;
  const upper = text.toUpperCase();
  return (MODES as readonly string[]).includes(upper) ? (upper as Mode) : undefined;
}

export type StoredSchema = Readonly<SchemaValue>;

/** Identity of a schema across subjects: same type, text and references share one id. */
export function schemaIdentity(schemaType: string, schema: string, references: readonly SchemaReference[]): string {
  return JSON.stringify([schemaType, schema, references.map((r) => [r.name, r.subject, r.version])]);
}

const identities = new WeakMap<StoredSchema, string>();

export function storedIdentity(schema: StoredSchema): string {
  let identity = identities.get(schema);
  if (identity === undefined) {
    identity = schemaIdentity(schema.schemaType, schema.schema, schema.references);
    identities.set(schema, identity);
  }
  return identity;
}

export class RegistryState {
  private readonly subjectVersions = new Map<string, Map<number, StoredSchema>>();
  private readonly byId = new Map<number, StoredSchema[]>();
  private readonly configs = new Map<string | null, CompatibilityLevel>();
  private readonly modes = new Map<string | null, Mode>();
  private highestId = 0;

  /** Applies one record; false when the record was ignored. */
  apply(record: StoreRecord): boolean {
    switch (record.type) {
      case 'schema':
        return record.value === null ? this.removeVersion(record.subject, record.version) : this.putSchema(record.value);
      case 'config':
        return this.putSetting(this.configs, record.subject, record.compatibilityLevel === null ? null : parseCompatibilityLevel(record.compatibilityLevel));
      case 'mode':
        return this.putSetting(this.modes, record.subject, record.mode === null ? null : parseMode(record.mode));
      case 'delete-subject':
        this.softDeleteUpTo(record.subject, record.version);
        return true;
      case 'clear-subject':
        this.clearDeleted(record.subject);
        return true;
      case 'noop':
      case 'ignored':
        return true;
    }
  }

  get maxId(): number {
    return this.highestId;
  }

  subjects(includeDeleted: boolean): string[] {
    return [...this.subjectVersions.keys()].filter((s) => this.versions(s, includeDeleted).length > 0).sort();
  }

  /** Versions of a subject, oldest first. */
  versions(subject: string, includeDeleted: boolean): StoredSchema[] {
    const versions = this.subjectVersions.get(subject);
    if (versions === undefined) return [];
    return [...versions.values()].filter((s) => includeDeleted || !s.deleted).sort((a, b) => a.version - b.version);
  }

  version(subject: string, version: number): StoredSchema | undefined {
    return this.subjectVersions.get(subject)?.get(version);
  }

  /** Every subject version that holds the id, soft-deleted ones included. */
  schemasWithId(id: number): StoredSchema[] {
    return [...(this.byId.get(id) ?? [])].sort((a, b) => (a.subject === b.subject ? a.version - b.version : a.subject < b.subject ? -1 : 1));
  }

  /** The id a schema identity already has, if any. */
  idOf(identity: string): number | undefined {
    for (const [id, schemas] of this.byId) {
      const first = schemas[0];
      if (first !== undefined && storedIdentity(first) === identity) return id;
    }
    return undefined;
  }

  compatibility(subject: string | null): CompatibilityLevel | undefined {
    return this.configs.get(subject);
  }

  mode(subject: string | null): Mode | undefined {
    return this.modes.get(subject);
  }

  private putSchema(value: SchemaValue): boolean {
    const holders = this.byId.get(value.id) ?? [];
    const identity = schemaIdentity(value.schemaType, value.schema, value.references);
    const bound = holders.find((s) => !(s.subject === value.subject && s.version === value.version));
    if (bound !== undefined && storedIdentity(bound) !== identity) return false;
    const current = this.version(value.subject, value.version);
    if (current !== undefined && !current.deleted && (current.id !== value.id || storedIdentity(current) !== identity)) {
      return false;
    }

    if (current !== undefined) this.unindex(current);
    let versions = this.subjectVersions.get(value.subject);
    if (versions === undefined) {
      versions = new Map();
      this.subjectVersions.set(value.subject, versions);
    }
    const stored: StoredSchema = Object.freeze({ ...value, references: [...value.references] });
    versions.set(value.version, stored);
    this.byId.set(value.id, [...(this.byId.get(value.id) ?? []), stored]);
    this.highestId = Math.max(this.highestId, value.id);
    return true;
  }

  private removeVersion(subject: string, version: number): boolean {
    const versions = this.subjectVersions.get(subject);
    const current = versions?.get(version);
    if (versions === undefined || current === undefined) return true;
    versions.delete(version);
    if (versions.size === 0) this.subjectVersions.delete(subject);
    this.unindex(current);
    return true;
  }

  private unindex(schema: StoredSchema): void {
    const remaining = (this.byId.get(schema.id) ?? []).filter((s) => s !== schema);
    if (remaining.length === 0) this.byId.delete(schema.id);
    else this.byId.set(schema.id, remaining);
  }

  private softDeleteUpTo(subject: string, lastVersion: number): void {
    for (const schema of this.versions(subject, false)) {
      if (schema.version <= lastVersion) this.putSchema({ ...schema, deleted: true });
    }
  }

  private clearDeleted(subjectPrefix: string): void {
    for (const subject of this.subjects(true)) {
      if (!subject.startsWith(subjectPrefix)) continue;
      for (const schema of this.versions(subject, true)) {
        if (schema.deleted) this.removeVersion(subject, schema.version);
      }
    }
  }

  private putSetting<T>(settings: Map<string | null, T>, subject: string | null, value: T | null | undefined): boolean {
    if (value === undefined) return false;
    if (value === null) settings.delete(subject);
    else settings.set(subject, value);
    return true;
  }
}
