/**
 * A small Confluent Schema Registry REST client over fetch, with the Java client's request and
 * response shapes (RestService): the calls the Avro serializer and deserializer make, failover
 * across the configured URLs and retries of throttled or unavailable responses.
 */

export const SCHEMA_REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json';
/** Confluent's code for an error body that is not JSON. */
const JSON_PARSE_ERROR_CODE = 50005;
const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** A registry error response (RestClientException): the message ends with "; error code: N". */
export class SchemaRegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorCode: number,
  ) {
    super(`${message}; error code: ${errorCode}`);
    this.name = 'RestClientException';
  }

  /** Worth trying again later: throttling, timeouts and unavailable servers. */
  isRetriable(): boolean {
    return RETRIABLE_STATUSES.has(this.status);
  }
}

/** No registry URL could be reached (connection refused, DNS, timeout). */
export class SchemaRegistryUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaRegistryUnreachableError';
  }
}

export interface SchemaReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/** GET /schemas/ids/{id} (SchemaString). */
export interface SchemaString {
  readonly schema: string;
  readonly schemaType?: string;
  readonly references?: readonly SchemaReference[];
}

/** A subject's schema version (Schema entity). */
export interface SubjectSchema {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schema: string;
  readonly schemaType?: string;
  readonly references?: readonly SchemaReference[];
}

/** POST /subjects/{subject}/versions (RegisterSchemaResponse). */
export interface RegisterSchemaResponse {
  readonly id: number;
  readonly version?: number;
  readonly guid?: string;
}

export type CredentialsSource =
  /** From each URL's user info. */
  | { readonly kind: 'url' }
  | { readonly kind: 'basic'; readonly userInfo: string }
  | { readonly kind: 'bearer'; readonly token: string };

export interface SchemaRegistryClientOptions {
  /** Base URLs, tried in order; a failing one rotates to the next for later requests too. */
  readonly urls: readonly string[];
  readonly credentials?: CredentialsSource;
  /** Extra headers (`request.header.*`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per request (`http.read.timeout.ms`). */
  readonly timeoutMs?: number;
  /** Retries of a retriable response on one URL (`max.retries`). */
  readonly maxRetries?: number;
  /** First retry wait, doubled each time up to retryMaxWaitMs (`retries.wait.ms`, `retries.max.wait.ms`). */
  readonly retryWaitMs?: number;
  readonly retryMaxWaitMs?: number;
  readonly fetch?: typeof fetch;
}

interface BaseUrl {
  /** Without user info and trailing slash. */
  readonly url: string;
  readonly userInfo: string | null;
}

export class SchemaRegistryClient {
  readonly #baseUrls: readonly BaseUrl[];
  #current = 0;
  readonly #options: SchemaRegistryClientOptions;
  readonly #fetch: typeof fetch;

  constructor(options: SchemaRegistryClientOptions) {
    if (options.urls.length === 0) throw new Error('Expected at least one URL to be passed in constructor');
    this.#options = options;
    this.#baseUrls = options.urls.map(parseBaseUrl);
    this.#fetch = options.fetch ?? fetch;
  }

  /** POST /subjects/{subject}/versions: registers (or finds) the schema, answering its global id. */
  registerSchema(subject: string, schema: string, normalize: boolean): Promise<RegisterSchemaResponse> {
    return this.#request('POST', `/subjects/${encodeURIComponent(subject)}/versions?normalize=${normalize}`, { schema });
  }

  /** POST /subjects/{subject}: the version of the subject holding this schema. */
  lookUpSubjectVersion(subject: string, schema: string, normalize: boolean, lookupDeleted: boolean): Promise<SubjectSchema> {
    return this.#request('POST', `/subjects/${encodeURIComponent(subject)}?normalize=${normalize}&deleted=${lookupDeleted}`, { schema });
  }

  /** GET /schemas/ids/{id}; the subject narrows the lookup to that subject's context. */
  getSchemaById(id: number, subject: string | null): Promise<SchemaString> {
    const query = subject === null ? '' : `&subject=${encodeURIComponent(subject)}`;
    return this.#request('GET', `/schemas/ids/${id}?fetchMaxId=false${query}`);
  }

  /** GET /schemas/guids/{guid}, for payloads framed with a schema GUID. */
  getSchemaByGuid(guid: string): Promise<SchemaString> {
    return this.#request('GET', `/schemas/guids/${encodeURIComponent(guid)}`);
  }

  /** GET /subjects/{subject}/versions/latest. */
  getLatestVersion(subject: string): Promise<SubjectSchema> {
    return this.#request('GET', `/subjects/${encodeURIComponent(subject)}/versions/latest`);
  }

  async #request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    let lastError: unknown;
    for (let attempt = 0; attempt < this.#baseUrls.length; attempt++) {
      const index = this.#current;
      const base = this.#baseUrls[index];
      try {
        return await this.#withRetries<T>(base, method, path, payload);
      } catch (error) {
        if (error instanceof SchemaRegistryError && !error.isRetriable()) throw error;
        lastError = error;
        // Later requests start from the next URL too (Confluent's UrlList.fail).
        if (this.#current === index) this.#current = (index + 1) % this.#baseUrls.length;
      }
    }
    throw lastError;
  }

  async #withRetries<T>(base: BaseUrl, method: string, path: string, payload: string | undefined): Promise<T> {
    const maxRetries = this.#options.maxRetries ?? 3;
    let wait = this.#options.retryWaitMs ?? 1000;
    for (let retry = 0; ; retry++) {
      try {
        return await this.#send<T>(base, method, path, payload);
      } catch (error) {
        if (!(error instanceof SchemaRegistryError) || !error.isRetriable() || retry >= maxRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, wait));
        wait = Math.min(wait * 2, this.#options.retryMaxWaitMs ?? 20_000);
      }
    }
  }

  async #send<T>(base: BaseUrl, method: string, path: string, payload: string | undefined): Promise<T> {
    const url = base.url + path;
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers: this.#headers(base),
        body: payload,
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new SchemaRegistryUnreachableError(`Request to ${url} failed: ${describeCause(error)}`, { cause: error });
    }
    const text = await response.text();
    if (response.status === 200 || response.status === 207) {
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new SchemaRegistryError(`Unable to parse response from schema registry: '(${text})'`, response.status, JSON_PARSE_ERROR_CODE);
      }
    }
    throw errorFromResponse(response.status, text);
  }

  #headers(base: BaseUrl): Record<string, string> {
    const headers: Record<string, string> = { 'Content-Type': SCHEMA_REGISTRY_CONTENT_TYPE, Accept: ACCEPT };
    const credentials = this.#options.credentials ?? { kind: 'url' };
    const userInfo = credentials.kind === 'basic' ? credentials.userInfo : credentials.kind === 'url' ? base.userInfo : null;
    if (userInfo !== null) headers.Authorization = `Basic ${Buffer.from(userInfo, 'utf8').toString('base64')}`;
    if (credentials.kind === 'bearer') headers.Authorization = `Bearer ${credentials.token}`;
    return { ...headers, ...this.#options.headers };
  }
}

/** The registry's {"error_code","message"} body, or Confluent's stand-in when it is not JSON. */
function errorFromResponse(status: number, text: string): SchemaRegistryError {
  if (text === '') return new SchemaRegistryError('Error', status, JSON_PARSE_ERROR_CODE);
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    const code = typeof body.error_code === 'number' ? body.error_code : status;
    return new SchemaRegistryError(typeof body.message === 'string' ? body.message : 'null', status, code);
  } catch {
    return new SchemaRegistryError(`Unable to parse error message from schema registry: '(${text})'`, status, JSON_PARSE_ERROR_CODE);
  }
}

function parseBaseUrl(text: string): BaseUrl {
  const parsed = new URL(text.trim());
  const userInfo = parsed.username === '' && parsed.password === '' ? null : parsed.password === '' ? parsed.username : `${parsed.username}:${parsed.password}`;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString().replace(/\/+$/, ''), userInfo };
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
