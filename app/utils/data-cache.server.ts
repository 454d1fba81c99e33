import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/client";

/**
 * Values worked out from the database, kept until anything is written to it. The stamp is this
 * connection's total_changes() (every route and worker in the server shares the connection) with
 * SQLite's data_version (which moves when another connection commits), so a cached value is never
 * older than the data: a sign-in, an email sent or an incident changed all start afresh.
 */

const MAX_ENTRIES = 200;

interface Entry {
  stamp: string;
  value: unknown;
}

const caches = new WeakMap<Db, { changes: Statement; entries: Map<string, Entry> }>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = { changes: db.$client.prepare("select total_changes()").pluck(), entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

export function dataStamp(db: Db): string {
  const cache = cacheOf(db);
  return `${cache.changes.get() as number}:${db.$client.pragma("data_version", { simple: true }) as number}`;
}

/** What a viewer's cached figures depend on: who they are and their roles (which decide what they see). */
export function viewerCacheKey(user: { id: number; roles: readonly string[] }): string {
  return `${user.id}:${[...user.roles].sort().join(",")}`;
}

/** The value for this key as last computed, if nothing has been written since; else computes it. */
export function cachedUntilDataChanges<T>(db: Db, key: string, compute: () => T): T {
  const { entries } = cacheOf(db);
  const stamp = dataStamp(db);
  const entry = entries.get(key);
  entries.delete(key);
  if (entry && entry.stamp === stamp) {
    entries.set(key, entry); // most recently used last
    return entry.value as T;
  }
  const value = compute();
  entries.set(key, { stamp, value });
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return value;
}
