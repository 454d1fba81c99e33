import { json } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { db } from "~/utils/db.server";

/** For load balancers and the fresh-clone check: 200 when the database answers, 503 when not. */
export async function loader() {
  try {
    db().get(sql`select 1`);
    return json({ status: "ok", database: "reachable" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return json(
      { status: "error", database: error instanceof Error ? error.message : "unreachable" },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
