import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// This file runs from db/ (tests, tools) and bundled into build/index.js (the server): both sit
// one folder below the project root, so one relative path finds the committed migrations.
const MIGRATIONS_FOLDER = fileURLToPath(new URL("../db/migrations", import.meta.url));

/**
 * Opens (creating if needed) the SQLite file and brings its schema up to date.
 * WAL lets readers carry on while one writer commits; synchronous=FULL makes every commit
 * durable on power loss, which evidence needs; the busy timeout makes a second writer wait
 * rather than fail.
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // Reads come from memory-mapped pages and a 32 MB page cache rather than a read call each.
  sqlite.pragma("mmap_size = 268435456");
  sqlite.pragma("cache_size = -32000");
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return db;
}

/**
 * Opens an existing database only to read it (the verifier): it is never created, migrated or
 * written to, so a copy kept as evidence can be checked as it is (SQLite may add its -wal and
 * -shm files beside it). Throws when the file is not there.
 */
export function openDatabaseForReading(path: string): Db {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return drizzle({ client: sqlite, schema });
}
