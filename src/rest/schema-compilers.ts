/**
 * Fastify's schema compilers for the REST routes, in place of its defaults (ajv and
 * fast-json-stringify): loading those and compiling every route's schemas cost the worker about
 * 9 MiB of idle memory and a tenth of its start-up CPU, for schemas that only say "the body is an
 * object" and which fields the entities have, in which order. Given in the Fastify options (not
 * set later), fastify does not load its defaults at all.
 */
import type { FastifySchemaCompiler, FastifySerializerCompiler, FastifyServerOptions } from 'fastify';
import { BadRequestError } from '../runtime/errors.js';
import { entityWriter, type EntitySchema } from './entity-json.js';

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

const compileSerializer: FastifySerializerCompiler<unknown> = ({ schema }) => entityWriter(schema as EntitySchema);

// Fastify types the factories after ajv's and fast-json-stringify's own; it calls them as below.
export const schemaCompilers = {
  buildValidator: () => compileValidator,
  buildSerializer: () => compileSerializer,
} as unknown as CompilersFactory;
