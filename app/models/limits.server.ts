import { and, count, eq, gt, lte } from "drizzle-orm";
import type { Queryable } from "../../db/directory";
import { recentActions } from "../../db/schema";
import { env } from "../utils/env.server";

export type LimitedAction = "report" | "upload";

/**
 * How much one person may do in a minute: REPORTS_PER_MINUTE and UPLOADS_PER_MINUTE in the
 * environment, 5 and 30 unless set (env.server.ts says why; only a load test raises them).
 * Read when asked, not when loaded, so a test can set the environment first.
 */
export function perMinuteLimit(action: LimitedAction): number {
  const config = env();
  return action === "report" ? config.REPORTS_PER_MINUTE : config.UPLOADS_PER_MINUTE;
}

const WINDOW_MS = 60_000;

const windowStart = (now: Date) => new Date(now.getTime() - WINDOW_MS).toISOString();

/** The person reached the limit: nothing was recorded, and the page says when to try again. */
export class LimitReachedError extends Error {
  readonly status = 429;
}

const plural = (amount: number, one: string, many: string) => `${amount} ${amount === 1 ? one : many}`;

export function limitMessage(action: LimitedAction, done: number): string {
  const what = action === "report" ? `sent ${plural(done, "report", "reports")}` : `uploaded ${plural(done, "file", "files")}`;
  return `You have ${what} in the last minute. Wait a minute and try again.`;
}

/** How many times the person did this in the minute before `now`. */
function actionsInLastMinute(db: Queryable, personId: number, action: LimitedAction, now: Date): number {
  return (
    db
      .select({ done: count() })
      .from(recentActions)
      .where(and(eq(recentActions.personId, personId), eq(recentActions.action, action), gt(recentActions.at, windowStart(now))))
      .get()?.done ?? 0
  );
}

/** How many more the person may do now (0 at the limit). */
export function allowanceLeft(db: Queryable, personId: number, action: LimitedAction, now: Date): number {
  return Math.max(0, perMinuteLimit(action) - actionsInLastMinute(db, personId, action, now));
}

/** Throws LimitReachedError when the person may not do this once more now. */
export function checkLimit(db: Queryable, personId: number, action: LimitedAction, now: Date): void {
  const done = actionsInLastMinute(db, personId, action, now);
  if (done >= perMinuteLimit(action)) throw new LimitReachedError(limitMessage(action, done));
}

/**
 * Records `times` actions, in the caller's transaction with what they did, and forgets the
 * person's actions that have left the window (nothing else reads them).
 */
export function recordActions(db: Queryable, personId: number, action: LimitedAction, times: number, now: Date): void {
  db.delete(recentActions)
    .where(and(eq(recentActions.personId, personId), eq(recentActions.action, action), lte(recentActions.at, windowStart(now))))
    .run();
  if (times <= 0) return;
  const at = now.toISOString();
  db.insert(recentActions)
    .values(Array.from({ length: times }, () => ({ personId, action, at })))
    .run();
}
