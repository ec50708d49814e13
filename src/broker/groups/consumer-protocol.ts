/**
 * Topics of a "consumer" protocol Subscription. Every version starts with int16 version and a classic
 * (non-flexible) array of topic strings, so the prefix is enough. Undefined when the bytes do not parse:
 * the caller must then assume the member may consume anything.
 */
export function subscriptionTopics(metadata: Buffer): string[] | undefined {
  if (metadata.length < 6 || metadata.readInt16BE(0) < 0) return undefined;
  const count = metadata.readInt32BE(2);
  if (count < 0) return undefined;
  const topics: string[] = [];
  let pos = 6;
  for (let i = 0; i < count; i++) {
    if (pos + 2 > metadata.length) return undefined;
    const len = metadata.readInt16BE(pos);
    pos += 2;
    if (len < 0 || pos + len > metadata.length) return undefined;
    topics.push(metadata.toString('utf8', pos, pos + len));
    pos += len;
  }
  return topics;
}
