import type { Db } from "./client";

/**
 * A query built and prepared once per database connection, then run with its placeholders
 * (`sql.placeholder("name")`). Drizzle builds the SQL text and SQLite compiles it on every call
 * of an ordinary query: a quarter of a millisecond each, which adds up on a page that runs a
 * dozen of them per request (the incident page). Tests open many databases: one each.
 */
export function preparedPerDatabase<Query, Connection extends object = Db>(prepare: (db: Connection) => Query): (db: Connection) => Query {
  const prepared = new WeakMap<Connection, Query>();
  return (db) => {
    let query = prepared.get(db);
    if (query === undefined) {
      query = prepare(db);
      prepared.set(db, query);
    }
    return query;
  };
}
