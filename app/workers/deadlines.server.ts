import { and, asc, eq, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deadlines } from "../../db/schema";
import { applyEvent, dropDeadline, WorkflowError } from "../../db/workflow";

/**
 * Fires the timeout events of deadlines that have fallen due, through the same applyEvent as
 * every other change. Deadlines live in the database, not in XState `after` timers, because a
 * restored machine does not re-arm its timers.
 */
export function fireDueDeadlines(db: Db, now: Date): { fired: number; dropped: number } {
  const due = db
    .select()
    .from(deadlines)
    .where(and(eq(deadlines.status, "pending"), lte(deadlines.dueAt, now.toISOString())))
    .orderBy(asc(deadlines.dueAt))
    .limit(100)
    .all();
  const result = { fired: 0, dropped: 0 };
  for (const deadline of due) {
    try {
      applyEvent(db, {
        incidentId: deadline.incidentId,
        event: { ...deadline.eventFields, type: deadline.eventType },
        actor: null,
        now,
        deadlineId: deadline.id,
      });
      result.fired += 1;
    } catch (error) {
      if (!(error instanceof WorkflowError)) throw error;
      // The incident has moved on and no longer waits for this deadline.
      dropDeadline(db, deadline, now.toISOString());
      result.dropped += 1;
    }
  }
  return result;
}
