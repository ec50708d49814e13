import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { schemaCompilers } from './schema-compilers.js';

describe('schemaCompilers', () => {
  it('checks that a body is an object, with the 400 text clients know', async () => {
    const app = Fastify({ schemaController: { compilersFactory: schemaCompilers } });
    app.post('/', { schema: { body: { type: 'object' } } }, async () => ({ ok: true }));
    const post = (payload: string) => app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, payload });
    expect((await post('{"a":1}')).json()).toEqual({ ok: true });
    for (const body of ['[1]', '"text"', 'null']) {
      const answer = await post(body);
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ message: 'body must be object' });
    }
    await app.close();
  });

  it('refuses response schemas: responses are the entities as built, not filtered', async () => {
    const app = Fastify({ schemaController: { compilersFactory: schemaCompilers } });
    app.get('/', { schema: { response: { 200: { type: 'object', properties: { a: { type: 'string' } } } } } }, async () => ({ a: 'x' }));
    await expect(app.ready()).rejects.toThrow(/Response schema on GET \//);
  });
});
