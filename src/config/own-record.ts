/**
 * Sets a key as an own, enumerable property. Plain assignment would treat a config key named
 * `__proto__` as the prototype; configs come from files and REST bodies, so any key is possible.
 */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
