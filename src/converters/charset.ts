import { ConverterConfigException } from './converter-config.js';

/**
 * The Java charsets a StringConverter can be configured with (`converter.encoding`), encoded and
 * decoded as Java does: unmappable characters and lone surrogates become `?`, UTF-16 writes a
 * big-endian byte-order mark.
 */
export interface JavaCharset {
  readonly name: string;
  encode(text: string): Buffer;
  decode(bytes: Uint8Array): string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function swapBytes(bytes: Buffer): Buffer {
  const swapped = Buffer.from(bytes);
  for (let i = 0; i + 1 < swapped.length; i += 2) [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
  return swapped;
}

const UTF8_DECODER = new TextDecoder('utf-8', { ignoreBOM: true });

const UTF_8: JavaCharset = {
  name: 'UTF-8',
  encode: (text) => Buffer.from(text.replace(LONE_SURROGATE, '?'), 'utf8'),
  decode: (bytes) => UTF8_DECODER.decode(bytes),
};

const UTF_16BE: JavaCharset = {
  name: 'UTF-16BE',
  encode: (text) => swapBytes(Buffer.from(text.replace(LONE_SURROGATE, '\ufffd'), 'utf16le')),
  decode: (bytes) => new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes),
};

const UTF_16LE: JavaCharset = {
  name: 'UTF-16LE',
  encode: (text) => Buffer.from(text.replace(LONE_SURROGATE, '\ufffd'), 'utf16le'),
  decode: (bytes) => new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes),
};

const UTF_16: JavaCharset = {
  name: 'UTF-16',
  encode: (text) => (text === '' ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0xfe, 0xff]), UTF_16BE.encode(text)])),
  decode: (bytes) => {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return UTF_16LE.decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return UTF_16BE.decode(bytes.subarray(2));
    return UTF_16BE.decode(bytes);
  },
};

function singleByte(name: string, max: number): JavaCharset {
  return {
    name,
    encode: (text) => Buffer.from([...text].map((char) => (char.codePointAt(0) as number) <= max ? (char.codePointAt(0) as number) : 0x3f)),
    decode: (bytes) => [...bytes].map((byte) => (byte <= max ? String.fromCharCode(byte) : '\ufffd')).join(''),
  };
}

const ISO_8859_1 = singleByte('ISO-8859-1', 0xff);
const US_ASCII = singleByte('US-ASCII', 0x7f);

// Java charset names and their common aliases, case-insensitive.
const CHARSETS: ReadonlyMap<string, JavaCharset> = new Map([
  ['utf-8', UTF_8],
  ['utf8', UTF_8],
  ['utf-16', UTF_16],
  ['utf16', UTF_16],
  ['utf-16be', UTF_16BE],
  ['utf_16be', UTF_16BE],
  ['unicodebigunmarked', UTF_16BE],
  ['utf-16le', UTF_16LE],
  ['utf_16le', UTF_16LE],
  ['unicodelittleunmarked', UTF_16LE],
  ['iso-8859-1', ISO_8859_1],
  ['iso8859_1', ISO_8859_1],
  ['iso-latin-1', ISO_8859_1],
  ['latin1', ISO_8859_1],
  ['l1', ISO_8859_1],
  ['us-ascii', US_ASCII],
  ['ascii', US_ASCII],
]);

export function javaCharset(name: string, configName: string): JavaCharset {
  const charset = CHARSETS.get(name.toLowerCase());
  if (charset === undefined) throw new ConverterConfigException(configName, `Unsupported encoding ${name}`);
  return charset;
}
