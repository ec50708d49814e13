import { describe, expect, it } from 'vitest';
import { ConfigException } from '../src/config/index.js';
import { RegexValidator } from './regex-validator.js';

describe('RegexValidator', () => {
  const validator = new RegexValidator();

  it('accepts Java regular expressions', () => {
    expect(() => validator.ensureValid('regex', '(?<topic>.*)-raw')).not.toThrow();
    expect(() => validator.ensureValid('regex', 'a*+b')).not.toThrow();
  });

  it("rejects a bad one with Kafka's message", () => {
    expect(() => validator.ensureValid('regex', '(')).toThrow(ConfigException);
    expect(() => validator.ensureValid('regex', '(')).toThrow('Invalid value ( for configuration regex: Invalid regex: Unclosed group near index 1\n(');
    expect(() => validator.ensureValid('regex', '*')).toThrow("Invalid regex: Dangling meta character '*' near index 0\n*\n^");
  });

  it('describes itself as Kafka does', () => {
    expect(validator.toString()).toBe('valid regex');
  });
});
