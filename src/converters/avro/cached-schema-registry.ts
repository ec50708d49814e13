import { LruCache } from '../lru-cache.js';
import type { SchemaRegistryClient, SchemaString, SubjectSchema } from './registry-client.js';

/**
 * The registry answers the serde needs, remembered (CachedSchemaRegistryClient): each distinct
 * question goes over the wire once, and concurrent askers share the request in flight. Entries
 * are kept per subject, up to `max.schemas.per.subject` each.
 */
export class CachedSchemaRegistry {
  readonly #client: SchemaRegistryClient;
  readonly #capacity: number;
  readonly #latestTtlMs: number | null;
  readonly #answers = new Map<string, LruCache<string, unknown>>();
  readonly #inFlight = new Map<string, Promise<unknown>>();
  readonly #latest = new Map<string, { schema: SubjectSchema; at: number }>();

  constructor(client: SchemaRegistryClient, options: { capacity: number; latestTtlMs: number | null }) {
    this.#client = client;
    this.#capacity = Math.max(1, options.capacity);
    this.#latestTtlMs = options.latestTtlMs;
  }

  /** The id the subject registers this schema under (auto.register.schemas). */
  register(subject: string, schema: string, normalize: boolean): Promise<number> {
    return this.#remember(subject, `register|${normalize}|${schema}`, async () => {
      const { id } = await this.#client.registerSchema(subject, schema, normalize);
      this.#store(subject, `id|${id}`, { schema } satisfies SchemaString);
      return id;
    });
  }

  /** The id of a schema already registered under the subject (no registration). */
  lookUpId(subject: string, schema: string, normalize: boolean): Promise<number> {
    return this.#remember(subject, `lookup|${normalize}|${schema}`, async () => {
      const found = await this.#client.lookUpSubjectVersion(subject, schema, normalize, false);
      this.#store(subject, `version|${schema}`, found.version);
      return found.id;
    });
  }

  /** The schema with this global id; null subject looks it up outside any subject. */
  schemaById(id: number, subject: string | null): Promise<SchemaString> {
    return this.#remember(subject ?? '', `id|${id}`, () => this.#client.getSchemaById(id, subject));
  }

  schemaByGuid(guid: string): Promise<SchemaString> {
    return this.#remember('', `guid|${guid}`, () => this.#client.getSchemaByGuid(guid));
  }

  /** The subject's version holding this schema, deleted versions included (as the deserializer asks). */
  version(subject: string, schema: string): Promise<number> {
    return this.#remember(subject, `version|${schema}`, async () => (await this.#client.lookUpSubjectVersion(subject, schema, false, true)).version);
  }

  /** The subject's latest version, kept `latest.cache.ttl.sec` (forever when null). */
  async latest(subject: string): Promise<SubjectSchema> {
    const cached = this.#latest.get(subject);
    if (cached !== undefined && (this.#latestTtlMs === null || Date.now() - cached.at < this.#latestTtlMs)) return cached.schema;
    const key = `latest|${subject}`;
    let pending = this.#inFlight.get(key) as Promise<SubjectSchema> | undefined;
    if (pending === undefined) {
      pending = this.#client.getLatestVersion(subject).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    const schema = await pending;
    this.#latest.set(subject, { schema, at: Date.now() });
    return schema;
  }

  async #remember<T>(subject: string, key: string, load: () => Promise<T>): Promise<T> {
    const answers = this.#answersOf(subject);
    const cached = answers.get(key);
    if (cached !== undefined) return cached as T;
    const flightKey = `${subject}\u0000${key}`;
    let pending = this.#inFlight.get(flightKey) as Promise<T> | undefined;
    if (pending === undefined) {
      pending = load().finally(() => this.#inFlight.delete(flightKey));
      this.#inFlight.set(flightKey, pending);
    }
    const value = await pending;
    answers.set(key, value);
    return value;
  }

  #store(subject: string, key: string, value: unknown): void {
    this.#answersOf(subject).set(key, value);
  }

  #answersOf(subject: string): LruCache<string, unknown> {
    let answers = this.#answers.get(subject);
    if (answers === undefined) {
      answers = new LruCache(this.#capacity);
      this.#answers.set(subject, answers);
    }
    return answers;
  }
}
