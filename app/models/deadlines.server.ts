import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { OPEN_DEADLINE_STATUSES } from "../../db/schema";

export interface OpenDeadline {
  incidentId: number;
  /** The piece of work (a path shows some only to those who need to know). */
  key: string;
  description: string;
  /** The earliest open due time for this piece of work: a fired deadline keeps it late. */
  dueAt: string;
}

const openStatuses = sql.join(
  OPEN_DEADLINE_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/**
 * SQL that is true when the incident aliased `i` has a step past its due time and still undone,
 * among the steps `deadlineShown` (over `d` and `i`) lets the viewer know of. Few deadlines are
 * open and late at once, so they are found first (deadlines_status_due_idx).
 */
export function incidentOverdueSql(now: Date, deadlineShown: SQL): SQL {
  // Its own `i`, so `deadlineShown` may read the incident and the set is still found once.
  return sql`i.id in (select d.incident_id from deadlines as d join incidents as i on i.id = d.incident_id
    where d.status in (${openStatuses}) and d.due_at < ${now.toISOString()} and ${deadlineShown})`;
}

/**
 * One row per piece of work still awaited (deadline key): the latest wording and the earliest due
 * time still open (when it became late: a police report still unrecorded after its reminder). Work
 * asked afresh of someone else (the next officer up) closed the earlier deadline, so it is due at theirs.
 */
export function openDeadlinesSql(where: SQL = sql`1 = 1`): SQL {
  return sql`select grouped.incident_id as incidentId, grouped.key, latest.description, grouped.due_at as dueAt
    from (
      select incident_id, key, min(due_at) as due_at, max(id) as latest_id
      from deadlines where status in (${openStatuses}) and ${where}
      group by incident_id, key
    ) as grouped
    join deadlines as latest on latest.id = grouped.latest_id`;
}

export function openDeadlinesOf(db: Db, incidentId: number): OpenDeadline[] {
  return db.all<OpenDeadline>(sql`${openDeadlinesSql(sql`incident_id = ${incidentId}`)} order by dueAt asc`);
}
