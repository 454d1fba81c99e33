import type { Db } from "../../db/client";
import type { CurrentUser } from "./auth.server";

/**
 * The part of a kept page's key that says whose it is: the database (tests open many), the
 * viewer and their roles (which decide what they may see).
 */
export function viewerKey(database: Db, user: CurrentUser): string {
  return `${database.$client.name}:${user.id}:${[...user.roles].sort().join(",")}`;
}
