import { openDatabase, type Db } from "../../db/client";
import { env } from "./env.server";

let database: Db | undefined;

/** The one database connection of this process (routes and workers share it). */
export function db(): Db {
  database ??= openDatabase(env().DATABASE_PATH);
  return database;
}
