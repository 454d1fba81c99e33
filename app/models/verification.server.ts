import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { evidenceFiles, incidentEvents, incidents, type Incident } from "../../db/schema";
import { describeCounts, verifyRecords } from "../../db/verify";
import type { CurrentUser } from "../utils/auth.server";
import { canViewIncident } from "./incidents.server";

export interface RecordCounts {
  incidentsChecked: number;
  eventsChecked: number;
  filesChecked: number;
}

/** How much there is to check, in words ("3 incidents, 12 events and 2 files"), before the check is run. */
export function recordsOnFile(db: Db): string {
  const total = (table: typeof incidents | typeof incidentEvents | typeof evidenceFiles) => db.select({ n: count() }).from(table).get()?.n ?? 0;
  return describeCounts({ incidentsChecked: total(incidents), eventsChecked: total(incidentEvents), filesChecked: total(evidenceFiles) });
}

export interface ProblemForPerson {
  /** The incident's reference, shown as a link when the person may open the incident. */
  reference: string | null;
  href: string | null;
  /** The rest of the sentence, after the reference. */
  detail: string;
}

export interface VerificationForPerson extends RecordCounts {
  ok: boolean;
  /** "All 3 incidents, 12 events and 2 files check out", or how many problems there are. */
  summary: string;
  problems: ProblemForPerson[];
  finishedAt: string;
}

/**
 * Runs the whole check (db/verify.ts) for the admin page. An incident the person may not open
 * (a staff abuse report, say) is named by its reference only, without a link, and its files'
 * original names are withheld: they may name the people involved.
 */
export async function verifyRecordsFor(db: Db, user: CurrentUser, evidenceDirectory: string): Promise<VerificationForPerson> {
  const report = await verifyRecords(db, evidenceDirectory);
  const mayOpen = new Map<number, boolean>();
  const canOpen = (incidentId: number | null) => {
    if (incidentId === null) return false;
    if (!mayOpen.has(incidentId)) {
      const incident: Incident | undefined = db.select().from(incidents).where(eq(incidents.id, incidentId)).get();
      mayOpen.set(incidentId, incident ? canViewIncident(db, user, incident) : false);
    }
    return mayOpen.get(incidentId)!;
  };
  const problems = report.problems.map((problem): ProblemForPerson => {
    const open = canOpen(problem.incidentId);
    const message = open ? problem.message : problem.messageWithoutNames;
    const prefix = problem.reference ? `${problem.reference}, ` : null;
    if (prefix && message.startsWith(prefix)) {
      return { reference: problem.reference, href: open ? `/incidents/${problem.reference}` : null, detail: message.slice(prefix.length) };
    }
    return { reference: null, href: null, detail: message };
  });
  const nothing = report.incidentsChecked === 0 && report.eventsChecked === 0 && report.filesChecked === 0;
  const summary = report.ok
    ? nothing
      ? "There is nothing to check yet: no incident has been reported."
      : `All ${describeCounts(report)} check out.`
    : `${problems.length === 1 ? "1 problem" : `${problems.length} problems`} found in ${describeCounts(report)}.`;
  return {
    ok: report.ok,
    incidentsChecked: report.incidentsChecked,
    eventsChecked: report.eventsChecked,
    filesChecked: report.filesChecked,
    summary,
    problems,
    finishedAt: report.finishedAt,
  };
}
