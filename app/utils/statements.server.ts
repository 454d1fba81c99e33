import type { Statement } from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { setBounded } from "./bounded-map";

/**
 * Raw SQL (drizzle's `sql` template) run through a per-connection cache of compiled statements,
 * keyed by the SQL text. Drizzle's `db.all(sql)` has SQLite compile the text on every call, which
 * for the list's and the dashboard's queries cost more than running them. The text depends only
 * on the query's shape (the filters used, the viewer's roles); every value is a bound parameter.
 */

const MAX_STATEMENTS = 100;
const dialect = new SQLiteSyncDialect();
const caches = new WeakMap<Db, Map<string, Statement>>();

function statementFor(db: Db, query: SQL): { statement: Statement; params: unknown[] } {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const statement = cache.get(text) ?? db.$client.prepare(text);
  setBounded(cache, text, statement, MAX_STATEMENTS); // most recently used last
  return { statement, params };
}

export function allRows<Row>(db: Db, query: SQL): Row[] {
  const { statement, params } = statementFor(db, query);
  return statement.all(...params) as Row[];
}

export function oneRow<Row>(db: Db, query: SQL): Row | undefined {
  const { statement, params } = statementFor(db, query);
  return statement.get(...params) as Row | undefined;
}
