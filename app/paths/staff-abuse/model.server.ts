import { inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { absentPersonIds } from "../../../db/directory";
import { people, type Incident } from "../../../db/schema";
import { storedContext, type Actor } from "../../../db/workflow";
import { staffAbuseToldAtReport, type AbuseReport, type StaffAbuseContext, type StaffAbuseInput } from "../../../machines/staff-abuse";
import { organisationDate } from "../../../machines/kit/dates";
import { managementChainIds, reportIncident } from "../../models/incidents.server";
import { abuseSettings } from "./settings.server";

/**
 * A member of staff reports abuse they received because of their job (Barnsley section 5). The
 * nearest line manager who is in today is told at once and asked to record support; HR and
 * safety receive the report. `submissionKey` is the key of the form it came from (see sendReportOnce).
 */
export function reportStaffAbuse(db: Db, reporter: Actor, report: AbuseReport, now: Date, submissionKey?: string): Incident {
  const chainIds = managementChainIds(db, reporter.id);
  const rows = chainIds.length
    ? db.select({ id: people.id, name: people.name, active: people.active }).from(people).where(inArray(people.id, chainIds)).all()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const managers = chainIds.flatMap((id) => {
    const manager = byId.get(id);
    return manager?.active ? [{ id: manager.id, name: manager.name }] : [];
  });
  const away = absentPersonIds(db, managers.map((manager) => manager.id), organisationDate(now));
  const settings = abuseSettings(db);
  const input: StaffAbuseInput = {
    reportedAt: now.toISOString(),
    reporter,
    managers,
    supportingManager: managers.find((manager) => !away.has(manager.id)) ?? null,
    report,
    wellbeingFollowUpDays: settings.wellbeingFollowUpDays,
    policeReminderHours: settings.policeReminderHours,
  };
  return reportIncident(db, {
    kind: "staff_abuse",
    title: `Abuse of ${reporter.name} on ${report.platform}`,
    reporter,
    input,
    now,
    submissionKey,
  });
}

/** Who the report was sent to, as the machine decided when it was opened, for the member of staff. */
export function staffAbuseTold(incident: Incident): string {
  return staffAbuseToldAtReport(storedContext(incident) as StaffAbuseContext);
}
