import { describe, expect, it } from 'vitest';
import { parseResponseHeaderRules } from './response-headers.js';

describe('parseResponseHeaderRules', () => {
  it('reads comma-separated rules, quotes protecting commas', () => {
    expect(parseResponseHeaderRules('set X-Frame-Options: DENY, "add Cache-Control: no-cache, no-store", addDate Expires: 1000')).toEqual([
      { action: 'set', name: 'X-Frame-Options', value: 'DENY' },
      { action: 'add', name: 'Cache-Control', value: 'no-cache, no-store' },
      { action: 'addDate', name: 'Expires', value: '1000' },
    ]);
    expect(parseResponseHeaderRules('')).toEqual([]);
    expect(parseResponseHeaderRules(undefined)).toEqual([]);
  });

  it("rejects malformed rules with Kafka's messages", () => {
    expect(() => parseResponseHeaderRules('X-Frame-Options:DENY')).toThrow(
      "Invalid format of header config 'X-Frame-Options:DENY'. Expected: '[action] [header name]:[header value]'",
    );
    expect(() => parseResponseHeaderRules('put X-A: b')).toThrow("Invalid header config action: 'put'. Expected one of [set, add, setDate, addDate]");
    expect(() => parseResponseHeaderRules('set X-A')).toThrow(
      "Invalid format of header name and header value pair 'X-A'. Expected: '[header name]:[header value]'",
    );
    expect(() => parseResponseHeaderRules('set X A: b')).toThrow("Invalid header name 'X A'. The '[header name]' cannot contain whitespace");
    expect(() => parseResponseHeaderRules('setDate Expires: tomorrow')).toThrow(/milliseconds/);
  });
});
