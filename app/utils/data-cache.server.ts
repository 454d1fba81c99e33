import type { Statement } from "better-sqlite3";
import type { Db } from "../../db/client";
import { setBounded } from "./bounded-map";

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
  /** For a value that follows the clock: the span of time it holds for (ISO times; null: no end). */
  clock: { from: string; until: string | null } | null;
}

const caches = new WeakMap<Db, { stamp: Statement; entries: Map<string, Entry> }>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) {
    cache = { stamp: db.$client.prepare("select total_changes() || ':' || (select data_version from pragma_data_version())").pluck(), entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

export function dataStamp(db: Db): string {
  return cacheOf(db).stamp.get() as string;
}

/** What a viewer's cached figures depend on: who they are and their roles (which decide what they see). */
export function viewerCacheKey(user: { id: number; roles: readonly string[] }): string {
  return `${user.id}:${[...user.roles].sort().join(",")}`;
}

/**
 * The value for this key as last computed, if nothing has been written since; else computes it.
 * A value that also follows the clock (what is overdue) passes `clock`: the time it is computed
 * for, and when it stops holding by the clock alone (say, when the next deadline falls due).
 */
export function cachedUntilDataChanges<T>(
  db: Db,
  key: string,
  compute: () => T,
  clock?: { now: Date; until: (value: T) => string | null },
): T {
  const { entries } = cacheOf(db);
  const stamp = dataStamp(db);
  const entry = entries.get(key);
  const now = clock?.now.toISOString();
  // A value that follows the clock holds only for its span; one that does not, only for callers without a clock.
  const holdsNow = (span: Entry["clock"]) =>
    now === undefined ? span === null : span !== null && span.from <= now && (span.until === null || now < span.until);
  if (entry && entry.stamp === stamp && holdsNow(entry.clock)) {
    setBounded(entries, key, entry, MAX_ENTRIES); // most recently used last
    return entry.value as T;
  }
  const value = compute();
  setBounded(entries, key, { stamp, value, clock: clock && now ? { from: now, until: clock.until(value) } : null }, MAX_ENTRIES);
  return value;
}
