const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((char, i) => [char, i]));

/**
 * Base64 as Jackson's default variant reads it (MIME_NO_LINEFEEDS): standard alphabet, padding
 * required, whitespace allowed between 4-character groups, surrounding whitespace trimmed.
 */
export function decodeJacksonBase64(text: string): Buffer {
  const input = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const bytes: number[] = [];
  let i = 0;
  const fail = (reason: string): never => {
    throw new SyntaxError(`Cannot access contents of TextNode as binary due to broken Base64 encoding: ${reason}`);
  };
  const valueAt = (index: number): number => {
    if (index >= input.length) fail('Unexpected end of base64-encoded String: base64 variant \'MIME-NO-LINEFEEDS\' expects padding (one or more \'=\' characters) at the end');
    const value = VALUES.get(input[index]);
    if (value === undefined) fail(`Illegal character '${input[index]}' (code 0x${input.charCodeAt(index).toString(16)}) in base64 content`);
    return value as number;
  };
  while (i < input.length) {
    if (input.charCodeAt(i) <= 0x20) {
      i++;
      continue;
    }
    const first = valueAt(i);
    const second = valueAt(i + 1);
    bytes.push((first << 2) | (second >> 4));
    if (input[i + 2] === '=') {
      if (input[i + 3] !== '=') fail("expected padding character '='");
      i += 4;
      continue;
    }
    const third = valueAt(i + 2);
    bytes.push(((second & 0x0f) << 4) | (third >> 2));
    if (input[i + 3] === '=') {
      i += 4;
      continue;
    }
    const fourth = valueAt(i + 3);
    bytes.push(((third & 0x03) << 6) | fourth);
    i += 4;
  }
  return Buffer.from(bytes);
}

// Padded standard base64 with nothing else in it: Node's decoder gives the same bytes as
// decodeJacksonBase64 (both ignore the unused low bits of the last character).
const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** decodeJacksonBase64, with Node's native decoder for the canonical form Jackson and Kafka write. */
export function fastBase64Decode(text: string): Buffer {
  return CANONICAL_BASE64.test(text) ? Buffer.from(text, 'base64') : decodeJacksonBase64(text);
}
