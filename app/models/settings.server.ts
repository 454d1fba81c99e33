import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Queryable } from "../../db/directory";
import { DEFAULT_SETTINGS } from "../../db/seed";
import { ABUSE_CHAIN_LEVELS_SETTING, readingPolicy, rewriteIncidentAccess } from "../../db/workflow";
import { people, personRoles, settings } from "../../db/schema";
import type { MistakenPostPolicy } from "../../machines/mistaken-post";
import { SEVERITIES, type Severity } from "../../machines/mistaken-post";

function readSetting(db: Queryable, key: string): string | null {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

function writeSetting(db: Queryable, key: string, value: string) {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

/** Minutes an officer has to acknowledge a mistaken-post report before the next one is asked. */
export function acknowledgementMinutes(db: Db): number {
  return positiveWholeNumber(readSetting(db, "acknowledgement_minutes"), Number(DEFAULT_SETTINGS.acknowledgement_minutes));
}

export function setAcknowledgementMinutes(db: Db, minutes: number) {
  writeSetting(db, "acknowledgement_minutes", String(minutes));
}

export interface SeverityRule {
  notifySeniorLeadersFrom: Severity;
  seniorLeaderIds: number[];
  leaderId: number | null;
}

/** Who is told of a mistaken post's risk assessment, and from which severity (Haringey 4.2.5). */
export function severityRule(db: Db): SeverityRule {
  const from = readSetting(db, "notify_senior_leaders_from");
  const leaderId = Number(readSetting(db, "leader_id"));
  return {
    notifySeniorLeadersFrom: SEVERITIES.includes(from as Severity) ? (from as Severity) : "high",
    seniorLeaderIds: JSON.parse(readSetting(db, "senior_leader_ids") ?? "[]") as number[],
    leaderId: Number.isInteger(leaderId) && leaderId > 0 ? leaderId : null,
  };
}

export function setSeverityRule(db: Db, rule: SeverityRule) {
  db.transaction((tx) => {
    writeSetting(tx, "notify_senior_leaders_from", rule.notifySeniorLeadersFrom);
    writeSetting(tx, "senior_leader_ids", JSON.stringify(rule.seniorLeaderIds));
    writeSetting(tx, "leader_id", rule.leaderId === null ? "" : String(rule.leaderId));
  });
}

/** The rule as the machine takes it: the people named, in the order chosen, if still active. */
export function mistakenPostPolicy(db: Db): MistakenPostPolicy {
  const rule = severityRule(db);
  const ids = [...rule.seniorLeaderIds, ...(rule.leaderId ? [rule.leaderId] : [])];
  const found = ids.length
    ? db.select({ id: people.id, name: people.name }).from(people).where(and(inArray(people.id, ids), eq(people.active, true))).all()
    : [];
  const byId = new Map(found.map((person) => [person.id, person]));
  return {
    notifySeniorLeadersFrom: rule.notifySeniorLeadersFrom,
    seniorLeaders: rule.seniorLeaderIds.flatMap((id) => byId.get(id) ?? []),
    leader: (rule.leaderId && byId.get(rule.leaderId)) || null,
  };
}

/** Active people in the senior leadership role, the ones a severity rule can name. */
export function leadershipPeople(db: Db) {
  return db
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, "leadership"), eq(people.active, true)))
    .orderBy(asc(people.seniority), asc(people.name))
    .all();
}

export interface AbuseSettings {
  /** Days after support is recorded that the line manager follows up on wellbeing. */
  wellbeingFollowUpDays: number;
  /** Hours between reminders while no police report (or reason not to) is recorded. */
  policeReminderHours: number;
  /** How many levels of managers above the member of staff read their abuse reports (1: the line manager). */
  chainLevels: number;
}

function positiveWholeNumber(value: string | null, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function abuseSettings(db: Db): AbuseSettings {
  return {
    wellbeingFollowUpDays: positiveWholeNumber(readSetting(db, "wellbeing_follow_up_days"), 7),
    policeReminderHours: positiveWholeNumber(readSetting(db, "police_reminder_hours"), 24),
    chainLevels: readingPolicy(db).abuseChainLevels,
  };
}

/**
 * Saves the abuse settings. Who may read every abuse report already made is rewritten in the
 * same transaction as the reach of the management chain, so the list and the incident page
 * never disagree about it, not even for a moment.
 */
export function setAbuseSettings(db: Db, settingsValue: AbuseSettings) {
  db.transaction(
    (tx) => {
      writeSetting(tx, "wellbeing_follow_up_days", String(settingsValue.wellbeingFollowUpDays));
      writeSetting(tx, "police_reminder_hours", String(settingsValue.policeReminderHours));
      if (readingPolicy(tx).abuseChainLevels === settingsValue.chainLevels) return;
      writeSetting(tx, ABUSE_CHAIN_LEVELS_SETTING, String(settingsValue.chainLevels));
      rewriteIncidentAccess(tx, ["staff_abuse"]);
    },
    { behavior: "immediate" },
  );
}
