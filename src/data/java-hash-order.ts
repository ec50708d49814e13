import { BigDecimal } from './big-decimal.js';
import type { SchemaType } from './schema.js';

/**
 * Java's HashMap iteration order. Kafka Connect reads JSON objects and maps into HashMaps, so a
 * Java worker writes them back (and prints them) in hash-bucket order, not in input order.
 * Reproducing that order keeps Sluice's re-serialized maps byte-identical.
 */
export function orderLikeJavaHashMap<V>(entries: ReadonlyArray<readonly [unknown, V]>, keyType: SchemaType | null): Array<[unknown, V]> {
  if (entries.every(([key]) => typeof key === 'string')) {
    const order = javaHashMapOrder(
      entries.map(([key]) => key as string),
      javaHashMapTableSize(entries.length),
    );
    return order.map((i) => [entries[i][0], entries[i][1]]);
  }
  const hashes: number[] = [];
  for (const [key] of entries) {
    const hash = javaHashCode(key, keyType);
    // Keys whose Java hash we cannot know (structs, lists, bytes): keep the input order.
    if (hash === null) return entries.map(([key, value]) => [key, value]);
    hashes.push(hash ^ (hash >>> 16));
  }
  const capacity = javaHashMapTableSize(entries.length);
  return entries
    .map(([key, value], i) => ({ key, value, bucket: hashes[i] & (capacity - 1), i }))
    .sort((a, b) => a.bucket - b.bucket || a.i - b.i)
    .map(({ key, value }) => [key, value]);
}

// The orders most recently used (a chain of transforms asks for several in turn, record after
// record), then a bounded map of the others by their key list.
interface RememberedOrder {
  readonly keys: readonly string[];
  readonly tableSize: number;
  readonly order: readonly number[];
}
const RECENT_ORDERS = 8;
const recentOrders: RememberedOrder[] = [];
const MAX_REMEMBERED_ORDERS = 256;
const rememberedOrders = new Map<string, RememberedOrder>();

/**
 * The iteration order of a java.util.HashMap whose table has `tableSize` buckets (a power of two)
 * after these distinct string keys were put in this order: positions into `keys`, by hash bucket,
 * then insertion order. Records of a stream share their key lists, so orders are remembered.
 */
export function javaHashMapOrder(keys: readonly string[], tableSize: number): readonly number[] {
  if (keys.length < 2) return keys.length === 0 ? NO_POSITIONS : FIRST_POSITION;
  for (let i = 0; i < recentOrders.length; i++) {
    const recent = recentOrders[i];
    if (recent.tableSize === tableSize && sameKeys(keys, recent.keys)) return recent.order;
  }
  // NUL may occur in keys, so the id can be shared by two key lists: the entry says which it is.
  const id = `${tableSize}\u0000${keys.join('\u0000')}`;
  let entry = rememberedOrders.get(id);
  if (entry === undefined || !sameKeys(entry.keys, keys)) {
    entry = { keys: keys.map(detachedCopy), tableSize, order: bucketOrder(keys, tableSize) };
    if (rememberedOrders.size >= MAX_REMEMBERED_ORDERS) rememberedOrders.clear();
    rememberedOrders.set(id, entry);
  }
  if (recentOrders.length >= RECENT_ORDERS) recentOrders.pop();
  recentOrders.unshift(entry);
  return entry.order;
}

const NO_POSITIONS: readonly number[] = Object.freeze([]);
const FIRST_POSITION: readonly number[] = Object.freeze([0]);

/**
 * The same text in memory of its own: V8 keeps a slice of 13 or more characters as a view of the
 * whole string it was cut from (a key read from a record would keep the record's text alive).
 */
export function detachedCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bucketOrder(keys: readonly string[], tableSize: number): readonly number[] {
  const buckets = keys.map((key) => {
    const hash = stringHashCode(key);
    return (hash ^ (hash >>> 16)) & (tableSize - 1);
  });
  // Array.prototype.sort is stable: equal buckets keep the insertion order.
  return Object.freeze(keys.map((_, i) => i).sort((a, b) => buckets[a] - buckets[b]));
}

/** Table size of a default HashMap after `size` puts: starts at 16, doubles past 3/4 full. */
export function javaHashMapTableSize(size: number): number {
  let capacity = 16;
  while (size > capacity * 0.75) capacity *= 2;
  return capacity;
}

/** Java's hashCode() of a Connect key of the given type, or null when it cannot be known. */
export function javaHashCode(key: unknown, keyType: SchemaType | null): number | null {
  if (typeof key === 'string') return stringHashCode(key);
  if (typeof key === 'boolean') return key ? 1231 : 1237;
  if (typeof key === 'bigint') return longHashCode(key);
  if (key instanceof Date) return Number.isFinite(key.getTime()) ? longHashCode(BigInt(key.getTime())) : null;
  if (key instanceof BigDecimal) return (Math.imul(31, bigIntegerHashCode(key.unscaledValue())) + key.scale()) | 0;
  if (typeof key === 'number') {
    switch (keyType) {
      case 'INT8':
      case 'INT16':
      case 'INT32':
        return key | 0;
      case 'FLOAT32': {
        const view = new DataView(new ArrayBuffer(4));
        view.setFloat32(0, Number.isNaN(key) ? NaN : key);
        return view.getInt32(0);
      }
      case 'FLOAT64': {
        const view = new DataView(new ArrayBuffer(8));
        view.setFloat64(0, key);
        return longHashCode(view.getBigInt64(0));
      }
      default:
        return null;
    }
  }
  return null;
}

function stringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** BigInteger.hashCode: over the 32-bit words of the magnitude, most significant first, times the sign. */
function bigIntegerHashCode(value: bigint): number {
  let magnitude = value < 0n ? -value : value;
  const words: number[] = [];
  while (magnitude > 0n) {
    words.unshift(Number(magnitude & 0xffffffffn));
    magnitude >>= 32n;
  }
  let hash = 0;
  for (const word of words) hash = (Math.imul(31, hash) + word) | 0;
  return value < 0n ? -hash | 0 : hash;
}

function longHashCode(value: bigint): number {
  const bits = BigInt.asUintN(64, value);
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}
