import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProperties, parseProperties } from './properties.js';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parseProperties separators and whitespace', () => {
  it('accepts =, : or whitespace, with whitespace around the separator', () => {
    expect(
      parseProperties(['a=1', 'b:2', 'c 3', 'd\t4', 'e\f5', 'f = 6', 'g : 7', 'h   =   8', '   i=9', '\t j:10'].join('\n')),
    ).toEqual({ a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7', h: '8', i: '9', j: '10' });
  });

  it("reads Java's documented Truth examples alike", () => {
    for (const line of ['Truth = Beauty', '  Truth:Beauty', 'Truth                    :Beauty']) {
      expect(parseProperties(line)).toEqual({ Truth: 'Beauty' });
    }
  });

  it('takes only the first separator; the rest belongs to the value', () => {
    expect(parseProperties('a = = b')).toEqual({ a: '= b' });
    expect(parseProperties('a :=b')).toEqual({ a: '=b' });
    expect(parseProperties('a=:b')).toEqual({ a: ':b' });
    expect(parseProperties('a b c')).toEqual({ a: 'b c' });
    expect(parseProperties('url=jdbc:postgresql://db:5432/x?a=b')).toEqual({ url: 'jdbc:postgresql://db:5432/x?a=b' });
  });

  it('keeps trailing whitespace of values and gives empty values for bare keys', () => {
    expect(parseProperties('a=b  ')).toEqual({ a: 'b  ' });
    expect(parseProperties('k1=\nk2\nk3   \nk4 =\n=v')).toEqual({ k1: '', k2: '', k3: '', k4: '', '': 'v' });
  });
});

describe('parseProperties comments and blank lines', () => {
  it('skips #, ! and indented comments and whitespace-only lines', () => {
    const text = '# comment\n! also comment\n   # indented\n \t \f\n\nkey=value # not a comment\n';
    expect(parseProperties(text)).toEqual({ key: 'value # not a comment' });
  });

  it('does not continue a comment line that ends in a backslash', () => {
    expect(parseProperties('# comment \\\nk=v')).toEqual({ k: 'v' });
  });
});

describe('parseProperties continuation lines', () => {
  it('joins lines ending in a backslash, dropping leading whitespace of the next', () => {
    const text = 'fruits                           apple, banana, pear, \\\n                                  cantaloupe, watermelon, \\\n    kiwi, mango';
    expect(parseProperties(text)).toEqual({ fruits: 'apple, banana, pear, cantaloupe, watermelon, kiwi, mango' });
  });

  it('does not continue after an even number of backslashes', () => {
    expect(parseProperties('path=c:\\\\dir\\\\\nnext=1')).toEqual({ path: 'c:\\dir\\', next: '1' });
    expect(parseProperties('x=a\\\\\\\n   b')).toEqual({ x: 'a\\b' });
  });

  it('ends the logical line at a blank continuation line', () => {
    expect(parseProperties('k=v\\\n\nz=1')).toEqual({ k: 'v', z: '1' });
    expect(parseProperties('k=v\\\n   \nz=1')).toEqual({ k: 'v', z: '1' });
  });

  it('treats # on a continuation line as content, and a backslash at end of input as nothing', () => {
    expect(parseProperties('k=a\\\n  #b')).toEqual({ k: 'a#b' });
    expect(parseProperties('k=v\\')).toEqual({ k: 'v' });
  });

  it('continues keys too', () => {
    expect(parseProperties('long\\\n   .key=1')).toEqual({ 'long.key': '1' });
  });
});

describe('parseProperties escapes', () => {
  it('reads \\t \\n \\r \\f \\\\ \\= \\: \\# \\! and escaped spaces; other letters stand for themselves', () => {
    expect(parseProperties('k=\\t\\n\\r\\f\\\\\\=\\:\\#\\!\\ x\\b\\z')).toEqual({ k: '\t\n\r\f\\=:#! xbz' });
    expect(parseProperties('k=\\ leading')).toEqual({ k: ' leading' });
  });

  it('reads keys with escaped separators', () => {
    expect(parseProperties('a\\=b=c\nd\\:e:f\ng\\ h i\n\\#notcomment=1\n\\!x=2')).toEqual({
      'a=b': 'c',
      'd:e': 'f',
      'g h': 'i',
      '#notcomment': '1',
      '!x': '2',
    });
  });

  it('reads \\uXXXX escapes, surrogate pairs included', () => {
    expect(parseProperties('\\u006B2=\\u0041\\u00e9\\uD83D\\uDE00')).toEqual({ k2: 'Aé😀' });
    expect(parseProperties('k=\\u0020x')).toEqual({ k: ' x' });
  });

  it('rejects a malformed \\u escape, naming the line', () => {
    expect(() => parseProperties('ok=1\nbad=\\u00G1')).toThrow(/Malformed \\uxxxx encoding at line 2/);
    expect(() => parseProperties('bad=\\u12')).toThrow(/line 1/);
    expect(() => parseProperties('a=1\nk=x\\\n  y\\uZZZZ', { source: 'w.properties' })).toThrow(
      /Malformed \\uxxxx encoding at w\.properties line 3/,
    );
  });
});

describe('parseProperties line ends, duplicates, encoding', () => {
  it('accepts LF, CRLF and CR line ends, mixed', () => {
    expect(parseProperties('a=1\r\nb=2\rc=3\nd=4\\\r\n   5')).toEqual({ a: '1', b: '2', c: '3', d: '45' });
  });

  it('lets the last of duplicate keys win', () => {
    expect(parseProperties('k=1\nk=2')).toEqual({ k: '2' });
  });

  it('ignores a byte order mark and keeps non-ASCII text', () => {
    expect(parseProperties('\ufeffname=café')).toEqual({ name: 'café' });
  });

  it('keeps __proto__ as an ordinary key', () => {
    const parsed = parseProperties('__proto__=x');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

describe('formatProperties', () => {
  it('escapes what Properties.store escapes', () => {
    expect(formatProperties({ 'a b': ' x=y: #!', 'ü': 'é\n\t' })).toBe('a\\ b=\\ x\\=y\\: \\#\\!\n\\u00FC=\\u00E9\\n\\t\n');
    expect(formatProperties(new Map([['k', 'v']]), { header: 'Written by Sluice\n' })).toBe('# Written by Sluice\n#\nk=v\n');
  });

  it('round-trips through parseProperties', () => {
    const entries = {
      plain: 'value',
      'with space': '  leading and trailing  ',
      'sep=and:colon': 'a=b:c',
      '#hash': '!bang',
      backslash: 'c:\\dir\\',
      unicode: 'Aé😀\u0001',
      empty: '',
      newline: 'line1\nline2\r\n',
    };
    expect(parseProperties(formatProperties(entries))).toEqual(entries);
  });
});

describe("Kafka's quickstart files", () => {
  it('parses connect-standalone.properties', () => {
    expect(parseProperties(fixture('connect-standalone.properties'))).toEqual({
      'bootstrap.servers': 'localhost:9092',
      'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
      'key.converter.schemas.enable': 'true',
      'value.converter.schemas.enable': 'true',
      'offset.storage.file.filename': '/tmp/connect.offsets',
      'offset.flush.interval.ms': '10000',
    });
  });

  it('parses connect-file-source.properties and connect-file-sink.properties', () => {
    expect(parseProperties(fixture('connect-file-source.properties'))).toEqual({
      name: 'local-file-source',
      'connector.class': 'FileStreamSource',
      'tasks.max': '1',
      file: 'test.txt',
      topic: 'connect-test',
    });
    expect(parseProperties(fixture('connect-file-sink.properties'))).toEqual({
      name: 'local-file-sink',
      'connector.class': 'FileStreamSink',
      'tasks.max': '1',
      file: 'test.sink.txt',
      topics: 'connect-test',
    });
  });
});
