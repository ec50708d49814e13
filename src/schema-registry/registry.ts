/**
 * The registry's operations behind the REST API: registration, look-ups, deletes, compatibility
 * configuration and modes. State is read from RegistryState; every change is a record written
 * to the log and applied when read back, so this process and any other on the same topic see
 * the same history.
 */
import type { Logger } from 'pino';
import { parseAvroSchema, AvroSchemaError, type ParsedAvroSchema, type ResolvedReference } from './avro/parse-avro.js';
import {
  compatibilityErrors,
  DEFAULT_COMPATIBILITY_LEVEL,
  parseCompatibilityLevel,
  type CheckedSchema,
  type CompatibilityLevel,
} from './compatibility.js';
import * as errors from './errors.js';
import { RegistryError } from './errors.js';
import { parseMode, RegistryState, schemaIdentity, storedIdentity, type Mode, type StoredSchema } from './registry-state.js';
import { parseSchemaRequest, SUPPORTED_SCHEMA_TYPES, type SchemaRequest } from './schema-request.js';
import type { SchemaReference, StoreRecord } from './store-records.js';

/** Where changes go: written records come back through RegistryState.apply. */
export interface RegistryLog {
  /** Resolves once the record has been applied; false when it was ignored. */
  write(record: StoreRecord): Promise<boolean>;
  /** Resolves once every record written before the call has been applied. */
  sync(): Promise<void>;
}

export interface SchemaEntity {
  subject: string;
  version: number;
  id: number;
  schemaType?: string;
  references?: SchemaReference[];
  schema: string;
}

export interface SchemaString {
  schemaType?: string;
  references?: SchemaReference[];
  schema: string;
}

export interface CompatibilityCheck {
  is_compatible: boolean;
  messages?: string[];
}

const LATEST = -1;
const MAX_REGISTER_ATTEMPTS = 10;

export class SchemaRegistry {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly parsed = new WeakMap<StoredSchema, ParsedAvroSchema>();

  constructor(
    private readonly state: RegistryState,
    private readonly log: RegistryLog,
    private readonly logger: Logger,
  ) {}

  schemaTypes(): string[] {
    return [...SUPPORTED_SCHEMA_TYPES];
  }

  // ---- schemas by id -------------------------------------------------------------------

  async schemaById(id: number): Promise<SchemaString> {
    const schema = (await this.holdersOf(id))[0];
    if (schema === undefined) throw errors.schemaNotFound(id);
    return schemaString(schema);
  }

  async subjectVersionsById(id: number, includeDeleted: boolean): Promise<Array<{ subject: string; version: number }>> {
    const holders = await this.holdersOf(id);
    if (holders.length === 0) throw errors.schemaNotFound();
    return holders.filter((s) => includeDeleted || !s.deleted).map((s) => ({ subject: s.subject, version: s.version }));
  }

  async subjectsById(id: number, includeDeleted: boolean): Promise<string[]> {
    const versions = await this.subjectVersionsById(id, includeDeleted);
    return [...new Set(versions.map((v) => v.subject))];
  }

  /** An id registered a moment ago through another process may not be applied here yet. */
  private async holdersOf(id: number): Promise<StoredSchema[]> {
    let holders = this.state.schemasWithId(id);
    if (holders.length === 0 && id > 0 && id <= this.state.maxId + 1) {
      await this.log.sync();
      holders = this.state.schemasWithId(id);
    }
    return holders;
  }

  // ---- subjects and versions -----------------------------------------------------------

  subjects(includeDeleted: boolean, prefix = ''): string[] {
    return this.state.subjects(includeDeleted).filter((s) => s.startsWith(prefix));
  }

  versions(subject: string, includeDeleted: boolean): number[] {
    const versions = this.state.versions(subject, includeDeleted);
    if (versions.length === 0) throw errors.subjectNotFound(subject);
    return versions.map((s) => s.version);
  }

  version(subject: string, versionText: string, includeDeleted: boolean): SchemaEntity {
    const version = parseVersion(versionText);
    const versions = this.state.versions(subject, includeDeleted);
    const schema = version === LATEST ? versions.at(-1) : versions.find((s) => s.version === version);
    if (schema === undefined) {
      if (versions.length === 0) throw errors.subjectNotFound(subject);
      throw errors.versionNotFound(version);
    }
    return schemaEntity(schema);
  }

  lookup(subject: string, body: unknown, includeDeleted: boolean): SchemaEntity {
    const request = parseSchemaRequest(body);
    const parsed = this.parseRequest(request);
    const versions = this.state.versions(subject, includeDeleted);
    if (versions.length === 0) throw errors.subjectNotFound(subject);
    const identity = schemaIdentity(request.schemaType, parsed.canonical, request.references);
    const match = [...versions].reverse().find((s) => storedIdentity(s) === identity);
    if (match === undefined) throw errors.schemaNotFound();
    return schemaEntity(match);
  }

  // ---- registration --------------------------------------------------------------------

  async register(subject: string, body: unknown): Promise<{ id: number }> {
    validateSubject(subject);
    const request = parseSchemaRequest(body);
    return this.exclusive(async () => {
      for (let attempt = 1; attempt <= MAX_REGISTER_ATTEMPTS; attempt++) {
        await this.sync();
        const outcome = await this.tryRegister(subject, request);
        if (outcome !== undefined) return { id: outcome };
        this.logger.info({ subject, attempt }, 'schema registration lost a race with another registry process; retrying');
      }
      throw errors.storeError('Error while registering the schema due to generating an ID that is already in use.');
    });
  }

  /** The id, or undefined when another process's record won and this one was ignored. */
  private async tryRegister(subject: string, request: SchemaRequest): Promise<number | undefined> {
    const mode = this.modeInScope(subject);
    if (mode === 'READONLY') throw errors.operationNotPermitted(`Subject ${subject} is in read-only mode`);
    const importing = request.id !== undefined;
    if (importing && mode !== 'IMPORT') throw errors.operationNotPermitted(`Subject ${subject} is not in import mode`);
    if (!importing && mode !== 'READWRITE') throw errors.operationNotPermitted(`Subject ${subject} is not in read-write mode`);

    const parsed = this.parseRequest(request);
    const identity = schemaIdentity(request.schemaType, parsed.canonical, request.references);
    const all = this.state.versions(subject, true);
    const live = all.filter((s) => !s.deleted);
    const existingId = this.state.idOf(identity);

    if (!importing && existingId !== undefined) {
      const registered = live.find((s) => s.id === existingId);
      if (registered !== undefined) return existingId;
    }
    if (importing) {
      const holder = this.state.schemasWithId(request.id as number)[0];
      if (holder !== undefined && storedIdentity(holder) !== identity) {
        throw errors.idDoesNotMatch(`Overwrite new schema with id ${String(request.id)} is not permitted.`);
      }
    } else {
      const problems = compatibilityErrors(
        this.compatibilityInScope(subject),
        { node: parsed.node, text: parsed.canonical },
        live.map((s) => this.checked(s)),
      );
      if (problems.length > 0) throw errors.incompatibleSchema(subject, problems);
    }

    const nextVersion = all.reduce((max, s) => Math.max(max, s.version), 0) + 1;
    const version = importing ? (request.version ?? nextVersion) : nextVersion;
    const id = request.id ?? existingId ?? this.state.maxId + 1;
    // Confluent drops soft-deleted earlier versions of the same schema when it comes back.
    for (const stale of all.filter((s) => s.deleted && s.id === id && s.version < version)) {
      await this.write({ type: 'schema', subject, version: stale.version, value: null });
    }
    const applied = await this.write({
      type: 'schema',
      subject,
      version,
      value: { subject, version, id, schema: parsed.canonical, schemaType: request.schemaType, references: request.references, deleted: false },
    });
    return applied ? id : undefined;
  }

  // ---- deletes -------------------------------------------------------------------------

  async deleteSubject(subject: string, permanent: boolean): Promise<number[]> {
    return this.exclusive(async () => {
      await this.sync();
      const all = this.state.versions(subject, true);
      if (all.length === 0) throw errors.subjectNotFound(subject);
      const live = all.filter((s) => !s.deleted);
      if (!permanent && live.length === 0) throw errors.subjectSoftDeleted(subject);
      this.assertWritable(subject);
      if (!permanent) {
        await this.write({ type: 'delete-subject', subject, version: (live.at(-1) as StoredSchema).version });
        return live.map((s) => s.version);
      }
      if (live.length > 0) throw errors.subjectNotSoftDeleted(subject);
      for (const schema of [...all].reverse()) await this.write({ type: 'schema', subject, version: schema.version, value: null });
      await this.dropSubjectSettings(subject);
      return all.map((s) => s.version);
    });
  }

  async deleteVersion(subject: string, versionText: string, permanent: boolean): Promise<number> {
    const requested = parseVersion(versionText);
    return this.exclusive(async () => {
      await this.sync();
      const all = this.state.versions(subject, true);
      const candidates = permanent ? all : all.filter((s) => !s.deleted);
      const version = requested === LATEST ? (candidates.at(-1)?.version ?? LATEST) : requested;
      const schema = this.state.version(subject, version);
      if (schema !== undefined && schema.deleted && !permanent) throw errors.versionSoftDeleted(subject, version);
      if (schema === undefined) {
        if (all.length === 0) throw errors.subjectNotFound(subject);
        throw errors.versionNotFound(version);
      }
      this.assertWritable(subject);
      if (!permanent) {
        await this.write({ type: 'schema', subject, version, value: { ...schema, deleted: true } });
        return version;
      }
      if (!schema.deleted) throw errors.versionNotSoftDeleted(subject, version);
      await this.write({ type: 'schema', subject, version, value: null });
      if (this.state.versions(subject, true).length === 0) await this.dropSubjectSettings(subject);
      return version;
    });
  }

  private async dropSubjectSettings(subject: string): Promise<void> {
    if (this.state.compatibility(subject) !== undefined) await this.write({ type: 'config', subject, compatibilityLevel: null });
    if (this.state.mode(subject) !== undefined) await this.write({ type: 'mode', subject, mode: null });
  }

  // ---- compatibility -------------------------------------------------------------------

  compatibilityInScope(subject: string | null): CompatibilityLevel {
    return (subject === null ? undefined : this.state.compatibility(subject)) ?? this.state.compatibility(null) ?? DEFAULT_COMPATIBILITY_LEVEL;
  }

  config(subject: string | null, defaultToGlobal: boolean): { compatibilityLevel: CompatibilityLevel } {
    if (subject === null || defaultToGlobal) return { compatibilityLevel: this.compatibilityInScope(subject) };
    const level = this.state.compatibility(subject);
    if (level === undefined) throw errors.subjectCompatibilityNotConfigured(subject);
    return { compatibilityLevel: level };
  }

  async setConfig(subject: string | null, body: unknown): Promise<{ compatibility: CompatibilityLevel }> {
    if (subject !== null) validateSubject(subject);
    const level = parseCompatibilityLevel(isObject(body) ? body.compatibility : undefined);
    if (level === undefined) throw errors.invalidCompatibilityLevel();
    await this.exclusive(() => this.write({ type: 'config', subject, compatibilityLevel: level }));
    return { compatibility: level };
  }

  async deleteConfig(subject: string | null): Promise<{ compatibilityLevel: CompatibilityLevel }> {
    return this.exclusive(async () => {
      await this.sync();
      const current = this.state.compatibility(subject);
      if (subject !== null && current === undefined) throw errors.subjectNotFound(subject);
      if (current !== undefined) await this.write({ type: 'config', subject, compatibilityLevel: null });
      return { compatibilityLevel: current ?? DEFAULT_COMPATIBILITY_LEVEL };
    });
  }

  async testCompatibility(subject: string, versionText: string, body: unknown, verbose: boolean): Promise<CompatibilityCheck> {
    const version = parseVersion(versionText);
    const live = this.state.versions(subject, false);
    const target = version === LATEST ? live.at(-1) : live.find((s) => s.version === version);
    if (target === undefined && version !== LATEST) throw errors.versionNotFound(version);
    return this.check(subject, body, target === undefined ? [] : [target], verbose);
  }

  async testCompatibilityWithAll(subject: string, body: unknown, verbose: boolean): Promise<CompatibilityCheck> {
    return this.check(subject, body, this.state.versions(subject, false), verbose);
  }

  private check(subject: string, body: unknown, previous: StoredSchema[], verbose: boolean): CompatibilityCheck {
    let problems: string[];
    try {
      const parsed = this.parseRequest(parseSchemaRequest(body));
      problems = compatibilityErrors(this.compatibilityInScope(subject), { node: parsed.node, text: parsed.canonical }, previous.map((s) => this.checked(s)));
    } catch (err) {
      if (!(err instanceof RegistryError) || err.errorCode !== 42201 || !verbose) throw err;
      problems = [err.message];
    }
    return verbose ? { is_compatible: problems.length === 0, messages: problems } : { is_compatible: problems.length === 0 };
  }

  // ---- modes ---------------------------------------------------------------------------

  modeInScope(subject: string | null): Mode {
    return (subject === null ? undefined : this.state.mode(subject)) ?? this.state.mode(null) ?? 'READWRITE';
  }

  mode(subject: string | null, defaultToGlobal: boolean): { mode: Mode } {
    if (subject === null || defaultToGlobal) return { mode: this.modeInScope(subject) };
    const mode = this.state.mode(subject);
    if (mode === undefined) throw errors.subjectModeNotConfigured(subject);
    return { mode };
  }

  async setMode(subject: string | null, body: unknown, force: boolean): Promise<{ mode: Mode }> {
    if (subject !== null) validateSubject(subject);
    const mode = parseMode(isObject(body) ? body.mode : undefined);
    if (mode === undefined) throw errors.invalidMode();
    return this.exclusive(async () => {
      await this.sync();
      if (mode === 'IMPORT' && this.modeInScope(subject) !== 'IMPORT' && !force) {
        const matching = subject === null ? this.state.subjects(true) : this.state.subjects(true).filter((s) => s === subject);
        if (matching.some((s) => this.state.versions(s, false).length > 0)) {
          throw errors.operationNotPermitted('Cannot import since found existing subjects');
        }
        // Soft-deleted versions would collide with imported ones: drop them, as Confluent does.
        for (const s of matching) {
          for (const schema of this.state.versions(s, true)) await this.write({ type: 'schema', subject: s, version: schema.version, value: null });
        }
        await this.write({ type: 'clear-subject', subject: subject ?? '' });
      }
      await this.write({ type: 'mode', subject, mode });
      return { mode };
    });
  }

  async deleteMode(subject: string | null): Promise<{ mode: Mode }> {
    return this.exclusive(async () => {
      await this.sync();
      const current = this.state.mode(subject);
      if (subject !== null && current === undefined) throw errors.subjectNotFound(subject);
      if (current !== undefined) await this.write({ type: 'mode', subject, mode: null });
      return { mode: current ?? 'READWRITE' };
    });
  }

  // ---- helpers -------------------------------------------------------------------------

  private assertWritable(subject: string): void {
    if (this.modeInScope(subject) === 'READONLY') throw errors.operationNotPermitted(`Subject ${subject} is in read-only mode`);
  }

  private parseRequest(request: SchemaRequest): ParsedAvroSchema {
    const references = request.references.map((r) => this.resolveReference(r, new Set()));
    try {
      return parseAvroSchema(request.schema, references);
    } catch (err) {
      if (err instanceof AvroSchemaError) throw errors.invalidSchema(err.message);
      throw err;
    }
  }

  private resolveReference(reference: SchemaReference, path: Set<string>): ResolvedReference {
    const versions = this.state.versions(reference.subject, true);
    const target = reference.version === LATEST ? versions.filter((s) => !s.deleted).at(-1) : versions.find((s) => s.version === reference.version);
    if (target === undefined) {
      throw errors.invalidSchema(`Invalid schema: reference ${reference.name} to subject '${reference.subject}' version ${reference.version} not found`);
    }
    const key = `${target.subject}\u0000${target.version}`;
    if (path.has(key)) throw errors.invalidSchema(`Invalid schema: circular reference through subject '${target.subject}'`);
    const inner = new Set(path).add(key);
    return { key, schema: target.schema, references: target.references.map((r) => this.resolveReference(r, inner)) };
  }

  private checked(schema: StoredSchema): CheckedSchema {
    let parsed = this.parsed.get(schema);
    if (parsed === undefined) {
      const references = schema.references.map((r) => this.resolveReference(r, new Set()));
      try {
        parsed = parseAvroSchema(schema.schema, references);
      } catch (err) {
        throw errors.storeError(`Stored schema ${schema.subject} version ${schema.version} cannot be parsed: ${(err as Error).message}`);
      }
      this.parsed.set(schema, parsed);
    }
    return { node: parsed.node, text: schema.schema, version: schema.version };
  }

  private async sync(): Promise<void> {
    await this.guardStore(() => this.log.sync());
  }

  private async write(record: StoreRecord): Promise<boolean> {
    return this.guardStore(() => this.log.write(record));
  }

  private async guardStore<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof RegistryError) throw err;
      if (err instanceof Error && err.name === 'StoreTimeoutError') throw errors.storeTimeout(`Write to the Kafka store timed out: ${err.message}`);
      throw errors.storeError(`Error while writing to the Kafka store: ${(err as Error).message}`);
    }
  }

  /** One change at a time in this process; other processes are reconciled through the log. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function schemaEntity(schema: StoredSchema): SchemaEntity {
  return { subject: schema.subject, version: schema.version, id: schema.id, ...typeAndReferences(schema), schema: schema.schema };
}

function schemaString(schema: StoredSchema): SchemaString {
  return { ...typeAndReferences(schema), schema: schema.schema };
}

function typeAndReferences(schema: StoredSchema): { schemaType?: string; references?: SchemaReference[] } {
  return {
    ...(schema.schemaType !== 'AVRO' ? { schemaType: schema.schemaType } : {}),
    ...(schema.references.length > 0 ? { references: [...schema.references] } : {}),
  };
}

/** Confluent's VersionId: "latest" or -1, else 1..2^31-1. */
export function parseVersion(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'latest') return LATEST;
  if (!/^-?\d+$/.test(trimmed)) throw errors.invalidVersion(text);
  const version = Number(trimmed);
  if (version === LATEST) return LATEST;
  if (version < 1 || version > 2 ** 31 - 1) throw errors.invalidVersion(text);
  return version;
}

function validateSubject(subject: string): void {
  if (subject.trim() === '' || /[\u0000-\u001f\u007f-\u009f]/.test(subject)) throw errors.invalidSubject(subject);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
