/**
 * Fastify's schema compilers for the REST routes, in place of its defaults (ajv and
 * fast-json-stringify), which fastify then never loads: about 9 MiB of a worker's idle memory and a
 * tenth of its start-up CPU. The only request schema is "the body is an object"; responses have no
 * schema, they are JSON.stringify of the entities built in entities.ts.
 */
import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyServerOptions } from 'fastify';
import { BadRequestError } from '../runtime/errors.js';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/** Request schemas may only be `{ type: 'object' }`: the error text is ajv's, which clients have seen so far. */
const compileValidator: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const keys = schema !== null && typeof schema === 'object' ? Object.keys(schema) : [];
  if (keys.length !== 1 || (schema as { type?: unknown }).type !== 'object') {
    throw new Error(`Unsupported ${httpPart ?? 'request'} schema ${JSON.stringify(schema)}: only { type: 'object' } is checked`);
  }
  const error = `${httpPart ?? 'body'} must be object`;
  return (data: unknown) => (data !== null && typeof data === 'object' && !Array.isArray(data) ? true : { error: new BadRequestError(error) });
};

const refuseResponseSchema: FastifySerializerCompiler<unknown> = ({ method, url }) => {
  throw new Error(`Response schema on ${method} ${url}: responses are not filtered by schemas; build the entity in entities.ts`);
};

// Fastify types the factories after ajv's and fast-json-stringify's own; it calls them as below.
export const schemaCompilers = {
  buildValidator: () => compileValidator,
  buildSerializer: () => refuseResponseSchema,
} as unknown as CompilersFactory;
