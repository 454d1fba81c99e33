/**
 * Sets a key of a Map kept as a bounded cache: when it is full, the entry set longest ago goes
 * first (a Map keeps the order keys were set in, and a key set again moves to the end, so a
 * caller that sets an entry again when it is used keeps the most recently used).
 */
export function setBounded<Key, Value>(map: Map<Key, Value>, key: Key, value: Value, maxSize: number): void {
  map.delete(key);
  if (map.size >= maxSize) map.delete(map.keys().next().value!);
  map.set(key, value);
}
