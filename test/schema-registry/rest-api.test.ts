/** Every endpoint of the embedded registry, success and error paths, over real HTTP and Kafka. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, http, record, startHarness, V1, type Harness } from './harness.js';

let h: Harness;
let c: ReturnType<typeof client>;
let url: string;

beforeAll(async () => {
  h = await startHarness();
  const registry = await h.startRegistry();
  url = registry.url;
  c = client(url);
});
afterAll(async () => h?.close());

const user = (...extra: unknown[]) => record('User', [{ name: 'id', type: 'int' }, ...extra], { namespace: 'com.acme' });
const email = { name: 'email', type: 'string', default: '' };

describe('registration and schemas by id', () => {
  it('registers, answers the same id for the same schema however it is spelled, and serves it by id', async () => {
    const first = await c.register('reg-value', user());
    expect(first.status).toBe(200);
    expect(first.contentType).toBe(V1);
    const id = first.body.id as number;
    expect(Number.isInteger(id)).toBe(true);

    const again = await c.register('reg-value', JSON.stringify(user(), null, 2));
    expect(again.body).toEqual({ id });
    expect((await c.get('/subjects/reg-value/versions')).body).toEqual([1]);

    const byId = await c.get(`/schemas/ids/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ schema: '{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"id","type":"int"}]}' });
    const raw = await c.get(`/schemas/ids/${id}/schema`);
    expect(JSON.parse(raw.text)).toEqual(user());
  });

  it('reuses the global id when the same schema is registered under another subject', async () => {
    const schema = record('Shared', [{ name: 'x', type: 'long' }]);
    const a = await c.register('shared-a', schema);
    const b = await c.register('shared-b', schema);
    expect(b.body.id).toBe(a.body.id);
    expect((await c.get(`/schemas/ids/${a.body.id}/versions`)).body).toEqual([
      { subject: 'shared-a', version: 1 },
      { subject: 'shared-b', version: 1 },
    ]);
    expect((await c.get(`/schemas/ids/${a.body.id}/subjects`)).body).toEqual(['shared-a', 'shared-b']);
    const other = await c.register('shared-c', record('Other', [{ name: 'y', type: 'long' }]));
    expect(other.body.id).not.toBe(a.body.id);
  });

  it('accepts every Confluent content type and answers in the one asked for', async () => {
    for (const type of ['application/vnd.schemaregistry.v1+json', 'application/vnd.schemaregistry+json', 'application/json', 'application/octet-stream']) {
      const res = await http(url, 'POST', '/subjects/ct/versions', JSON.stringify({ schema: '"string"' }), { 'content-type': type });
      expect(res.status).toBe(200);
    }
    expect((await c.get('/subjects/ct/versions', { accept: 'application/json' })).contentType).toBe('application/json');
    expect((await c.get('/subjects/ct/versions', { accept: 'application/vnd.schemaregistry+json' })).contentType).toBe('application/vnd.schemaregistry+json');
    expect((await c.get('/subjects/ct/versions', { accept: '*/*' })).contentType).toBe(V1);
  });

  it('rejects invalid schemas and schema types with 42201', async () => {
    const invalid = await c.register('bad', '{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}');
    expect(invalid.status).toBe(422);
    expect(invalid.body.error_code).toBe(42201);
    expect((await c.register('bad', 'not json')).body.error_code).toBe(42201);
    expect((await c.post('/subjects/bad/versions', {})).body.error_code).toBe(42201);
    const proto = await c.register('bad', 'syntax = "proto3";', { schemaType: 'PROTOBUF' });
    expect(proto.status).toBe(422);
    expect(proto.body.error_code).toBe(42201);
    expect((await c.get('/subjects/bad/versions')).status).toBe(404);
  });

  it('lists the supported schema types', async () => {
    expect((await c.get('/schemas/types')).body).toEqual(['AVRO']);
  });

  it('answers 40403 for unknown ids', async () => {
    const missing = await c.get('/schemas/ids/99999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 40403, message: 'Schema 99999 not found' });
    expect((await c.get('/schemas/ids/99999/versions')).body.error_code).toBe(40403);
    expect((await c.get('/schemas/ids/abc')).body.error_code).toBe(40403);
  });

  it('rejects a body that is not JSON with 400 and unknown paths with 404', async () => {
    const res = await http(url, 'POST', '/subjects/x/versions', '{nope', { 'content-type': V1 });
    expect(res.status).toBe(400);
    expect((await c.get('/nowhere')).body).toEqual({ error_code: 404, message: 'HTTP 404 Not Found' });
  });

  it('registers schemas with references to other subjects', async () => {
    const address = record('Address', [{ name: 'street', type: 'string' }], { namespace: 'com.acme' });
    await c.register('address-value', address);
    const customer = record('Customer', [{ name: 'home', type: 'com.acme.Address' }], { namespace: 'com.acme' });
    const references = [{ name: 'com.acme.Address', subject: 'address-value', version: 1 }];
    const res = await c.register('customer-value', customer, { references });
    expect(res.status).toBe(200);
    expect((await c.get('/subjects/customer-value/versions/1')).body.references).toEqual(references);
    expect((await c.get(`/schemas/ids/${res.body.id}`)).body.references).toEqual(references);
    const unresolved = await c.register('customer2-value', customer);
    expect(unresolved.body.error_code).toBe(42201);
  });
});

describe('subjects and versions', () => {
  it('lists subjects and versions, and gets versions by number, latest and raw schema', async () => {
    await c.register('sv', user());
    await c.register('sv', user(email));
    expect((await c.get('/subjects')).body).toEqual(expect.arrayContaining(['sv']));
    expect((await c.get('/subjects?subjectPrefix=sv')).body).toEqual(['sv']);
    expect((await c.get('/subjects/sv/versions')).body).toEqual([1, 2]);
    const v1 = await c.get('/subjects/sv/versions/1');
    expect(v1.body).toMatchObject({ subject: 'sv', version: 1 });
    expect(JSON.parse(v1.body.schema)).toEqual(user());
    const latest = await c.get('/subjects/sv/versions/latest');
    expect(latest.body).toMatchObject({ subject: 'sv', version: 2 });
    expect((await c.get('/subjects/sv/versions/-1')).body.version).toBe(2);
    expect(JSON.parse((await c.get('/subjects/sv/versions/2/schema')).text)).toEqual(user(email));
    expect(JSON.parse((await c.get('/subjects/sv/versions/latest/schema')).text)).toEqual(user(email));
  });

  it('answers 40401, 40402 and 42202 for missing subjects, missing versions and bad version ids', async () => {
    expect((await c.get('/subjects/none/versions')).body).toEqual({ error_code: 40401, message: "Subject 'none' not found." });
    expect((await c.get('/subjects/none/versions/1')).body.error_code).toBe(40401);
    await c.register('sv-err', '"string"');
    expect((await c.get('/subjects/sv-err/versions/7')).body).toEqual({ error_code: 40402, message: 'Version 7 not found.' });
    for (const bad of ['0', 'abc', '-2', '2147483648']) {
      const res = await c.get(`/subjects/sv-err/versions/${bad}`);
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe(42202);
    }
  });

  it('looks a schema up under a subject', async () => {
    const { body } = await c.register('look', user());
    const found = await c.post('/subjects/look', { schema: JSON.stringify(user()) });
    expect(found.body).toMatchObject({ subject: 'look', id: body.id, version: 1 });
    expect(JSON.parse(found.body.schema)).toEqual(user());
    const notThere = await c.post('/subjects/look', { schema: JSON.stringify(user(email)) });
    expect(notThere.status).toBe(404);
    expect(notThere.body).toEqual({ error_code: 40403, message: 'Schema not found' });
    expect((await c.post('/subjects/nobody', { schema: '"int"' })).body.error_code).toBe(40401);
    expect((await c.post('/subjects/look', { schema: '{' })).body.error_code).toBe(42201);
  });

  it('keeps subject names with reserved URL characters', async () => {
    const subject = 'topic.with/slash-value';
    expect((await c.register(subject, '"int"')).status).toBe(200);
    expect((await c.get(`/subjects/${encodeURIComponent(subject)}/versions`)).body).toEqual([1]);
  });
});

describe('deletes', () => {
  it('soft-deletes a subject, hides it unless ?deleted=true, then deletes it permanently', async () => {
    const deleted = (...extra: unknown[]) => record('Deleted', [{ name: 'id', type: 'int' }, ...extra]);
    const { body } = await c.register('del', deleted());
    await c.register('del', deleted(email));
    expect((await c.delete('/subjects/del?permanent=true')).body.error_code).toBe(40405);

    const soft = await c.delete('/subjects/del');
    expect(soft.body).toEqual([1, 2]);
    expect((await c.get('/subjects')).body).not.toContain('del');
    expect((await c.get('/subjects?deleted=true')).body).toContain('del');
    expect((await c.get('/subjects/del/versions')).body.error_code).toBe(40401);
    expect((await c.get('/subjects/del/versions?deleted=true')).body).toEqual([1, 2]);
    expect((await c.get('/subjects/del/versions/1?deleted=true')).body.version).toBe(1);
    expect((await c.get('/subjects/del/versions/1')).body.error_code).toBe(40401);
    expect((await c.post('/subjects/del?deleted=true', { schema: JSON.stringify(deleted()) })).body.version).toBe(1);
    // The id stays readable: data written with it must stay decodable.
    expect((await c.get(`/schemas/ids/${body.id}`)).status).toBe(200);
    expect((await c.get(`/schemas/ids/${body.id}/versions`)).body).toEqual([]);
    expect((await c.get(`/schemas/ids/${body.id}/versions?deleted=true`)).body).toEqual([{ subject: 'del', version: 1 }]);

    const again = await c.delete('/subjects/del');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ error_code: 40404, message: "Subject 'del' was soft deleted.Set permanent=true to delete permanently" });

    expect((await c.delete('/subjects/del?permanent=true')).body).toEqual([1, 2]);
    expect((await c.get('/subjects?deleted=true')).body).not.toContain('del');
    expect((await c.delete('/subjects/del')).body.error_code).toBe(40401);
    expect((await c.get(`/schemas/ids/${body.id}`)).body.error_code).toBe(40403);
  });

  it('re-registering after a soft delete continues the version numbers', async () => {
    const { body } = await c.register('del-again', user());
    await c.delete('/subjects/del-again');
    const back = await c.register('del-again', user());
    expect(back.body.id).toBe(body.id);
    expect((await c.get('/subjects/del-again/versions')).body).toEqual([2]);
  });

  it('soft-deletes a version, then deletes it permanently', async () => {
    await c.register('delv', user());
    await c.register('delv', user(email));
    expect((await c.delete('/subjects/delv/versions/1?permanent=true')).body).toEqual({
      error_code: 40407,
      message: "Subject 'delv' Version 1 was not deleted first before being permanently deleted",
    });
    expect((await c.delete('/subjects/delv/versions/1')).body).toBe(1);
    expect((await c.get('/subjects/delv/versions')).body).toEqual([2]);
    expect((await c.get('/subjects/delv/versions?deleted=true')).body).toEqual([1, 2]);
    expect((await c.delete('/subjects/delv/versions/1')).body.error_code).toBe(40406);
    expect((await c.delete('/subjects/delv/versions/1?permanent=true')).body).toBe(1);
    expect((await c.get('/subjects/delv/versions?deleted=true')).body).toEqual([2]);
    expect((await c.delete('/subjects/delv/versions/9')).body.error_code).toBe(40402);
    expect((await c.delete('/subjects/nobody/versions/1')).body.error_code).toBe(40401);
    expect((await c.delete('/subjects/delv/versions/x')).body.error_code).toBe(42202);
    expect((await c.delete('/subjects/delv/versions/latest')).body).toBe(2);
    expect((await c.get('/subjects/delv/versions')).body.error_code).toBe(40401);
  });
});

describe('config', () => {
  it('reads and sets the global level', async () => {
    expect((await c.get('/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await c.put('/config', { compatibility: 'full' })).body).toEqual({ compatibility: 'FULL' });
    expect((await c.get('/config')).body).toEqual({ compatibilityLevel: 'FULL' });
    const bad = await c.put('/config', { compatibility: 'SIDEWAYS' });
    expect(bad.status).toBe(422);
    expect(bad.body.error_code).toBe(42203);
    expect((await c.delete('/config')).body).toEqual({ compatibilityLevel: 'FULL' });
    expect((await c.get('/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
  });

  it('reads and sets subject levels, falling back to the global one only when asked', async () => {
    const missing = await c.get('/config/cfg');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error_code: 40408, message: "Subject 'cfg' does not have subject-level compatibility configured" });
    expect((await c.get('/config/cfg?defaultToGlobal=true')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await c.put('/config/cfg', { compatibility: 'NONE' })).body).toEqual({ compatibility: 'NONE' });
    expect((await c.get('/config/cfg')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await c.put('/config/cfg', { compatibility: 'nope' })).body.error_code).toBe(42203);
    expect((await c.delete('/config/cfg')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await c.get('/config/cfg')).body.error_code).toBe(40408);
    expect((await c.delete('/config/cfg')).body.error_code).toBe(40401);
  });

  it('applies the subject level to registration', async () => {
    await c.register('cfg-reg', user());
    const breaking = user({ name: 'email', type: 'string' });
    const rejected = await c.register('cfg-reg', breaking);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error_code).toBe(409);
    expect(rejected.body.message).toMatch(/^Schema being registered is incompatible with an earlier schema for subject "cfg-reg", details: \[\{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'/);
    await c.put('/config/cfg-reg', { compatibility: 'NONE' });
    expect((await c.register('cfg-reg', breaking)).status).toBe(200);
  });
});

describe('mode', () => {
  it('READONLY rejects registration and deletes with 42205, READWRITE restores them', async () => {
    expect((await c.get('/mode')).body).toEqual({ mode: 'READWRITE' });
    await c.register('ro', '"int"');
    expect((await c.put('/mode', { mode: 'READONLY' })).body).toEqual({ mode: 'READONLY' });
    expect((await c.get('/mode')).body).toEqual({ mode: 'READONLY' });
    const rejected = await c.register('ro', '"long"');
    expect(rejected.status).toBe(422);
    expect(rejected.body.error_code).toBe(42205);
    expect((await c.delete('/subjects/ro')).body.error_code).toBe(42205);
    expect((await c.get('/subjects/ro/versions')).body).toEqual([1]); // reads still work
    await c.put('/mode', { mode: 'READWRITE' });
    expect((await c.register('ro', '"long"')).status).toBe(200);
  });

  it('rejects unknown modes with 42204 and IMPORT over existing subjects with 42205', async () => {
    expect((await c.put('/mode', { mode: 'SOMETIMES' })).body.error_code).toBe(42204);
    expect((await c.put('/mode', { mode: 'IMPORT' })).body).toEqual({ error_code: 42205, message: 'Cannot import since found existing subjects' });
  });

  it('subject modes: IMPORT takes explicit ids and versions, READWRITE refuses them', async () => {
    expect((await c.get('/mode/imp')).body.error_code).toBe(40409);
    expect((await c.get('/mode/imp?defaultToGlobal=true')).body).toEqual({ mode: 'READWRITE' });
    expect((await c.register('imp', '"string"', { id: 5000, version: 3 })).body.error_code).toBe(42205);
    expect((await c.put('/mode/imp', { mode: 'IMPORT' })).body).toEqual({ mode: 'IMPORT' });
    expect((await c.register('imp', '"bytes"', { id: 5000, version: 3 })).body).toEqual({ id: 5000 });
    expect((await c.get('/subjects/imp/versions/3')).body).toMatchObject({ id: 5000, version: 3 });
    expect((await c.register('imp', '"boolean"')).body.error_code).toBe(42205);
    expect((await c.delete('/mode/imp')).body).toEqual({ mode: 'IMPORT' });
    expect((await c.register('imp', '"string"', { schemaType: 'AVRO' })).status).toBe(200);
  });
});

describe('compatibility endpoint', () => {
  it('tests a schema against a version or latest, with messages when verbose', async () => {
    await c.register('compat', user());
    expect((await c.post('/compatibility/subjects/compat/versions/latest', { schema: JSON.stringify(user(email)) })).body).toEqual({ is_compatible: true });
    const breaking = { schema: JSON.stringify(user({ name: 'email', type: 'string' })) };
    expect((await c.post('/compatibility/subjects/compat/versions/1', breaking)).body).toEqual({ is_compatible: false });
    const verbose = await c.post('/compatibility/subjects/compat/versions/1?verbose=true', breaking);
    expect(verbose.body.is_compatible).toBe(false);
    expect(verbose.body.messages[0]).toContain("errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'");
    expect((await c.post('/compatibility/subjects/compat/versions/latest?verbose=true', { schema: JSON.stringify(user(email)) })).body).toEqual({ is_compatible: true, messages: [] });
    expect((await c.post('/compatibility/subjects/compat/versions', breaking)).body).toEqual({ is_compatible: false });
  });

  it('answers 40402, 42202 and 42201 on bad input, and compatible for a subject with no versions', async () => {
    expect((await c.post('/compatibility/subjects/compat2/versions/latest', { schema: '"int"' })).body).toEqual({ is_compatible: true });
    expect((await c.post('/compatibility/subjects/compat2/versions/3', { schema: '"int"' })).body.error_code).toBe(40402);
    expect((await c.post('/compatibility/subjects/compat2/versions/zero', { schema: '"int"' })).body.error_code).toBe(42202);
    await c.register('compat2', '"int"');
    expect((await c.post('/compatibility/subjects/compat2/versions/latest', { schema: '{"type":"bad"}' })).body.error_code).toBe(42201);
    const verbose = await c.post('/compatibility/subjects/compat2/versions/latest?verbose=true', { schema: '{"type":"bad"}' });
    expect(verbose.body.is_compatible).toBe(false);
  });
});
