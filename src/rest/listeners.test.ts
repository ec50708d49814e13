import { describe, expect, it } from 'vitest';
import { bindHost, parseListener } from './listeners.js';

describe('parseListener', () => {
  it("reads Kafka Connect's listener URLs", () => {
    expect(parseListener('http://:8083')).toEqual({ protocol: 'http', host: '', port: 8083 });
    expect(parseListener('HTTP://localhost:0/')).toEqual({ protocol: 'http', host: 'localhost', port: 0 });
    expect(parseListener('http://[::1]:8083')).toEqual({ protocol: 'http', host: '::1', port: 8083 });
    expect(bindHost(parseListener('http://:8083'))).toBe('::');
    expect(bindHost(parseListener('http://10.0.0.5:8083'))).toBe('10.0.0.5');
  });

  it('rejects what it cannot serve', () => {
    expect(() => parseListener('https://:8443')).toThrow('HTTPS listeners are not supported yet: https://:8443');
    expect(() => parseListener('ftp://:21')).toThrow('Listener protocol must be either "http" or "https"');
    expect(() => parseListener('localhost:8083')).toThrow('Could not parse listener URL');
    expect(() => parseListener('http://:99999')).toThrow('Invalid port');
  });
});
