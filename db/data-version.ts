import type { Db } from "./client";
import { preparedPerDatabase } from "./prepared";

// This connection's writes (total_changes) and other connections' commits (data_version).
const stamp = preparedPerDatabase((db: Db) => db.$client.prepare("select total_changes() || ':' || (select data_version from pragma_data_version())").pluck());

/**
 * A stamp that changes whenever anything in the database does, whoever wrote it: a value read
 * under one stamp is still true while the stamp is the same.
 */
export function dataVersion(db: Db): string {
  return stamp(db).get() as string;
}
