import { describe, expect, it } from 'vitest';
import { Reader, Writer } from './buffers.js';
import { decodeRequest, decodeRequestHeader, decodeResponse, encodeRequestFrame, encodeResponseFrame } from './codec.js';
import { ApiVersions, type ApiVersionsRequest, type ApiVersionsResponse } from './messages/api-versions.js';

describe('primitive encoding', () => {
  it('round-trips int64 including negatives', () => {
    for (const v of [0, 1, -1, 2 ** 40 + 7, -(2 ** 40) - 3, Number.MAX_SAFE_INTEGER, -2]) {
      const w = new Writer();
      w.int64(v);
      expect(new Reader(w.toBuffer()).int64()).toBe(v);
    }
  });

  it('round-trips zig-zag varints and varlongs', () => {
    for (const v of [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31)]) {
      const w = new Writer();
      w.varint(v).varlong(v * 1000);
      const r = new Reader(w.toBuffer());
      expect(r.varint()).toBe(v);
      expect(r.varlong()).toBe(v * 1000);
    }
  });

  it('encodes unsigned varints seven bits at a time', () => {
    const w = new Writer();
    w.uvarint(300);
    expect([...w.toBuffer()]).toEqual([0xac, 0x02]);
  });

  it('rejects truncated input instead of reading past the end', () => {
    expect(() => new Reader(Buffer.from([0, 0, 0])).int32()).toThrow(/truncated/);
  });
});

describe('ApiVersions', () => {
  it('decodes a flexible v3 request as librdkafka sends it', () => {
    const frame = encodeRequestFrame(ApiVersions, 3, { correlationId: 7, clientId: 'rdkafka' }, {
      clientSoftwareName: 'librdkafka',
      clientSoftwareVersion: '2.0.2',
    });
    const r = new Reader(frame, 4);
    const header = decodeRequestHeader(r);
    expect(header).toEqual({ apiKey: 18, apiVersion: 3, correlationId: 7, clientId: 'rdkafka' });
    const body = decodeRequest<ApiVersionsRequest>(ApiVersions, r, 3);
    expect(body.clientSoftwareName).toBe('librdkafka');
    expect(r.remaining()).toBe(0);
  });

  it('writes the v3 response with a v0 header and compact arrays', () => {
    const body: ApiVersionsResponse = { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }], throttleTimeMs: 0 };
    const frame = Buffer.concat(encodeResponseFrame(ApiVersions, 3, 9, body));
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    // correlation id, then directly the error code: no header tag buffer.
    expect(frame.readInt32BE(4)).toBe(9);
    expect(frame.readInt16BE(8)).toBe(0);
    expect(frame[10]).toBe(2); // compact array length 1 + 1
    const decoded = decodeResponse<ApiVersionsResponse>(ApiVersions, frame.subarray(4), 3);
    expect(decoded.body.apiKeys).toEqual(body.apiKeys);
  });
});
