import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { incidents, type Incident } from "../../db/schema";
import { checkLimit, recordActions } from "./limits.server";

/** The hidden key of a report form, made each time the form is shown. */
export const newSubmissionKey = (): string => randomUUID();

/** A report form as it was sent: who sent it, the key the form was shown with, and when. */
export interface ReportForm {
  reporterId: number;
  submissionKey: string;
  now: Date;
}

export interface ReportSent {
  ok: true;
  incident: Incident;
  /** The form had been sent before (a retry, a second press): this is the incident it opened then. */
  repeated: boolean;
}

/**
 * Opens the incident a report form asks for, once per form: one transaction holds the look-up of
 * the form's key, the per-minute limit, everything `open` writes (for an abuse report: the
 * incident, its screenshots and the draft's removal) and the key itself (a unique column of the
 * incident), so it is all stored or none of it, and two sends of one form open one incident.
 * Throws LimitReachedError, having written nothing, when the person has sent too many reports in
 * the last minute. `open` may refuse (an unfinished draft) by returning its refusal.
 */
export function sendReportOnce<Refusal extends { ok: false }>(
  db: Db,
  form: ReportForm,
  open: () => { ok: true; incident: Incident } | Refusal,
): ReportSent | Refusal {
  return db.transaction(
    () => {
      const earlier = db
        .select()
        .from(incidents)
        .where(and(eq(incidents.reporterId, form.reporterId), eq(incidents.submissionKey, form.submissionKey)))
        .get();
      if (earlier) return { ok: true, incident: earlier, repeated: true };
      checkLimit(db, form.reporterId, "report", form.now);
      const opened = open();
      if (!opened.ok) return opened;
      recordActions(db, form.reporterId, "report", 1, form.now);
      return { ok: true, incident: opened.incident, repeated: false };
    },
    { behavior: "immediate" },
  );
}

/**
 * What the person is told once the report is sent (`told`: who now knows). A form sent before (a
 * retry, or a page brought back and filled in again) says so: nothing new was sent, and another
 * report needs a new form, so a second report is never taken for the first without a word.
 */
export function sentNotice(sent: ReportSent, told: string): string {
  const reference = sent.incident.reference;
  return sent.repeated
    ? `This form was already sent, as report ${reference}, so nothing new was sent. To report something else, start a new report.`
    : `Your report ${reference} has been sent. ${told}`;
}
