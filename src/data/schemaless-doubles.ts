/**
 * A JS number cannot tell a Java Double from a Long, and a schemaless value has no schema to say.
 * Sluice writes an integral number as an integer (as Java prints Integer/Long), which is what code
 * building values expects. But a Java worker that reads schemaless JSON `20.0` gets a Double and
 * writes `20.0` back. So readers mark, per container, the entries that held an integral double;
 * writers print a marked entry as a double while it still holds the same number. A container
 * rebuilt by a transform loses its marks (such entries then print as integers).
 */
const marks = new WeakMap<object, Map<unknown, number>>();

/** Records that `container[key]` (a Map key, array index or object property) was read as a Java Double. */
export function markSchemalessDouble(container: object, key: unknown, value: number): void {
  // Non-integral values print as doubles anyway.
  if (!Number.isInteger(value)) return;
  let entries = marks.get(container);
  if (entries === undefined) {
    entries = new Map();
    marks.set(container, entries);
  }
  entries.set(key, value);
}

/** Forgets the mark of `container[key]` (its value is no longer a Java Double). */
export function unmarkSchemalessDouble(container: object, key: unknown): void {
  marks.get(container)?.delete(key);
}

/** Whether `container[key]` still holds the integral double a reader marked. */
export function isSchemalessDouble(container: object, key: unknown, value: unknown): boolean {
  if (typeof value !== 'number') return false;
  const marked = marks.get(container)?.get(key);
  return marked !== undefined && Object.is(marked, value);
}

/** Whether any entry of `container` was marked (when not, its entries need no checks when copied). */
export function hasSchemalessDoubles(container: object): boolean {
  return marks.has(container);
}
