/**
 * Confluent's Schema Registry REST API over the registry operations: routes, JSON bodies in any
 * of the content types Confluent clients send, content negotiation and error bodies.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { RegistryError } from './errors.js';
import * as errors from './errors.js';
import type { SchemaRegistry } from './registry.js';

const CONTENT_TYPES = ['application/vnd.schemaregistry.v1+json', 'application/vnd.schemaregistry+json', 'application/json'] as const;

type Query = Record<string, string | undefined>;
type Params = Record<string, string>;
type Req = FastifyRequest<{ Params: Params; Querystring: Query; Body: unknown }>;

export function registerRestApi(app: FastifyInstance, registry: SchemaRegistry, logger: Logger): void {
  app.removeAllContentTypeParsers();
  // Confluent accepts its own types, JSON and octet-stream; curl's default form type too.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new RegistryError(400, 400, `Unexpected JSON in the request body: ${(err as Error).message}`), undefined);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('content-type', negotiate(request.headers.accept));
    return payload;
  });

  app.setErrorHandler((err: unknown, _request, reply) => {
    if (err instanceof RegistryError) return reply.code(err.httpStatus).send(err.toJSON());
    const status = typeof (err as { statusCode?: unknown }).statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    if (status >= 500) logger.error({ err }, 'schema registry request failed');
    return reply.code(status).send({ error_code: status, message: (err as Error).message });
  });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error_code: 404, message: 'HTTP 404 Not Found' }));

  const get = (path: string, handler: (r: Req) => unknown): void => {
    app.get(path, async (r: Req) => handler(r));
  };
  const post = (path: string, handler: (r: Req) => unknown): void => {
    app.post(path, async (r: Req) => handler(r));
  };
  const put = (path: string, handler: (r: Req) => unknown): void => {
    app.put(path, async (r: Req) => handler(r));
  };
  const del = (path: string, handler: (r: Req) => unknown): void => {
    app.delete(path, async (r: Req) => handler(r));
  };

  get('/', () => ({}));

  get('/schemas/types', () => registry.schemaTypes());
  get('/schemas/ids/:id', (r) => registry.schemaById(schemaId(r.params.id)));
  app.get('/schemas/ids/:id/schema', async (r: Req, reply: FastifyReply) => rawSchema(reply, (await registry.schemaById(schemaId(r.params.id))).schema));
  get('/schemas/ids/:id/versions', (r) => registry.subjectVersionsById(schemaId(r.params.id), flag(r.query.deleted)));
  get('/schemas/ids/:id/subjects', (r) => registry.subjectsById(schemaId(r.params.id), flag(r.query.deleted)));

  get('/subjects', (r) => registry.subjects(flag(r.query.deleted), r.query.subjectPrefix ?? ''));
  post('/subjects/:subject', (r) => registry.lookup(r.params.subject, r.body, flag(r.query.deleted)));
  del('/subjects/:subject', (r) => registry.deleteSubject(r.params.subject, flag(r.query.permanent)));
  get('/subjects/:subject/versions', (r) => registry.versions(r.params.subject, flag(r.query.deleted)));
  post('/subjects/:subject/versions', (r) => registry.register(r.params.subject, r.body));
  get('/subjects/:subject/versions/:version', (r) => registry.version(r.params.subject, r.params.version, flag(r.query.deleted)));
  app.get('/subjects/:subject/versions/:version/schema', async (r: Req, reply: FastifyReply) =>
    rawSchema(reply, registry.version(r.params.subject, r.params.version, flag(r.query.deleted)).schema),
  );
  del('/subjects/:subject/versions/:version', (r) => registry.deleteVersion(r.params.subject, r.params.version, flag(r.query.permanent)));

  post('/compatibility/subjects/:subject/versions/:version', (r) =>
    registry.testCompatibility(r.params.subject, r.params.version, r.body, flag(r.query.verbose)),
  );
  post('/compatibility/subjects/:subject/versions', (r) => registry.testCompatibilityWithAll(r.params.subject, r.body, flag(r.query.verbose)));

  get('/config', (r) => registry.config(null, flag(r.query.defaultToGlobal)));
  put('/config', (r) => registry.setConfig(null, r.body));
  del('/config', () => registry.deleteConfig(null));
  get('/config/:subject', (r) => registry.config(r.params.subject, flag(r.query.defaultToGlobal)));
  put('/config/:subject', (r) => registry.setConfig(r.params.subject, r.body));
  del('/config/:subject', (r) => registry.deleteConfig(r.params.subject));

  get('/mode', (r) => registry.mode(null, flag(r.query.defaultToGlobal)));
  put('/mode', (r) => registry.setMode(null, r.body, flag(r.query.force)));
  del('/mode', () => registry.deleteMode(null));
  get('/mode/:subject', (r) => registry.mode(r.params.subject, flag(r.query.defaultToGlobal)));
  put('/mode/:subject', (r) => registry.setMode(r.params.subject, r.body, flag(r.query.force)));
  del('/mode/:subject', (r) => registry.deleteMode(r.params.subject));
}

/** The raw schema text is itself JSON: sent as is, not as a JSON string. */
function rawSchema(reply: FastifyReply, schema: string): FastifyReply {
  return reply.serializer((payload) => String(payload)).send(schema);
}

function schemaId(text: string): number {
  if (!/^\d+$/.test(text)) throw errors.schemaNotFound(text);
  return Number(text);
}

function flag(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/** The first of Confluent's types the client accepts, in the client's order of preference. */
function negotiate(accept: string | undefined): string {
  if (accept === undefined) return CONTENT_TYPES[0];
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { range: range.trim().toLowerCase(), q: q === undefined ? 1 : Number(q.slice(2)) || 0, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { range } of ranges) {
    if (range === '*/*' || range === 'application/*') return CONTENT_TYPES[0];
    const match = CONTENT_TYPES.find((t) => t === range);
    if (match !== undefined) return match;
  }
  return CONTENT_TYPES[0];
}
