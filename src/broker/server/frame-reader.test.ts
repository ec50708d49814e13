import { describe, expect, it } from 'vitest';
import { FrameReader, FrameTooLargeError } from './frame-reader.js';

function frame(body: string): Buffer {
  const b = Buffer.from(body);
  const head = Buffer.alloc(4);
  head.writeInt32BE(b.length);
  return Buffer.concat([head, b]);
}

describe('FrameReader', () => {
  it('splits several frames in one chunk and frames across chunks', () => {
    const r = new FrameReader(1000);
    const all = Buffer.concat([frame('one'), frame('two'), frame('three')]);
    const got: string[] = [];
    for (let i = 0; i < all.length; i += 3) got.push(...r.push(all.subarray(i, i + 3)).map((f) => f.toString()));
    expect(got).toEqual(['one', 'two', 'three']);
    expect(r.bufferedBytes).toBe(0);
  });

  it('rejects frames above the limit and negative sizes', () => {
    expect(() => new FrameReader(10).push(frame('this is too long'))).toThrow(FrameTooLargeError);
    expect(() => new FrameReader(10).push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(FrameTooLargeError);
  });
});
