import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { Queryable } from "../../../db/directory";
import { people } from "../../../db/schema";
import { DEFAULT_SETTINGS } from "../../../db/seed";
import { SEVERITIES, SEVERITY_LABELS, type MistakenPostPolicy, type Severity } from "../../../machines/mistaken-post";
import { leadershipPeople, positiveWholeNumber, readSetting, writeSetting } from "../../models/settings.server";
import type { SettingsSave } from "../types";
import { DEFAULT_CRISIS_TEMPLATE, dueOffsetFields, LONGEST_DUE_MINUTES, TASK_OWNER_ROLES, type CrisisTemplateSetting, type TaskOwnerRole } from "./crisis-template";
import type { settingsSchema, SettingsShown } from "./settings";

const CRISIS_TEMPLATE_SETTING = "mistaken_post_crisis_template";

/** Spare task rows the template form offers beyond those saved. */
const SPARE_TEMPLATE_ROWS = 3;

/** The template as stored: what the settings form's schema turns a saved form into. */
const storedCrisisTemplate = z.object({
  holdingStatement: z.string().trim().min(1),
  tasks: z.array(
    z.object({
      title: z.string().trim().min(1),
      ownerRole: z.enum(Object.keys(TASK_OWNER_ROLES) as [TaskOwnerRole, ...TaskOwnerRole[]]),
      dueInMinutes: z.number().int().min(1).max(LONGEST_DUE_MINUTES),
    }),
  ),
});

/**
 * The crisis template as an administrator last saved it, or the default until then, and also
 * when what is stored is not a template (written by hand, or by an older version): a crisis
 * plan is never stopped by a broken setting.
 */
export function crisisTemplate(db: Queryable): CrisisTemplateSetting {
  const saved = readSetting(db, CRISIS_TEMPLATE_SETTING);
  if (saved === null) return DEFAULT_CRISIS_TEMPLATE;
  let stored: unknown;
  try {
    stored = JSON.parse(saved);
  } catch {
    return DEFAULT_CRISIS_TEMPLATE;
  }
  const parsed = storedCrisisTemplate.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_CRISIS_TEMPLATE;
}

export function setCrisisTemplate(db: Queryable, template: CrisisTemplateSetting) {
  writeSetting(db, CRISIS_TEMPLATE_SETTING, JSON.stringify(template));
}

/** Minutes an officer has to acknowledge a mistaken-post report before the next one is asked. */
export function acknowledgementMinutes(db: Db): number {
  return positiveWholeNumber(readSetting(db, "acknowledgement_minutes"), Number(DEFAULT_SETTINGS.acknowledgement_minutes));
}

export function setAcknowledgementMinutes(db: Queryable, minutes: number) {
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

/** Writes the rule's three settings, inside the caller's transaction. */
export function setSeverityRule(db: Queryable, rule: SeverityRule) {
  writeSetting(db, "notify_senior_leaders_from", rule.notifySeniorLeadersFrom);
  writeSetting(db, "senior_leader_ids", JSON.stringify(rule.seniorLeaderIds));
  writeSetting(db, "leader_id", rule.leaderId === null ? "" : String(rule.leaderId));
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

/** The settings page's section: the values as saved, and the senior leaders it offers. */
export function loadSettings(db: Db): { current: Record<string, unknown>; shown: SettingsShown } {
  const rule = severityRule(db);
  const template = crisisTemplate(db);
  return {
    current: {
      acknowledgementMinutes: acknowledgementMinutes(db),
      notifySeniorLeadersFrom: rule.notifySeniorLeadersFrom,
      seniorLeaderIds: rule.seniorLeaderIds.map(String),
      leaderId: rule.leaderId === null ? undefined : String(rule.leaderId),
      crisisHoldingStatement: template.holdingStatement,
      crisisTasks: template.tasks.map((task) => ({ title: task.title, ownerRole: task.ownerRole, ...dueOffsetFields(task.dueInMinutes) })),
    },
    shown: { leaders: leadershipPeople(db), templateRows: template.tasks.length + SPARE_TEMPLATE_ROWS },
  };
}

export function saveSettings(db: Db, value: z.output<typeof settingsSchema>): SettingsSave {
  const { acknowledgementMinutes: minutes, notifySeniorLeadersFrom, seniorLeaderIds, leaderId, crisisHoldingStatement, crisisTasks } = value;
  // One transaction: the people chosen are checked and every setting written, or nothing is.
  const saved = db.transaction(
    (tx) => {
      const known = new Set(leadershipPeople(tx).map((person) => person.id));
      if (![...seniorLeaderIds, leaderId].every((id) => known.has(id))) return false;
      setAcknowledgementMinutes(tx, minutes);
      setSeverityRule(tx, { notifySeniorLeadersFrom, seniorLeaderIds, leaderId });
      setCrisisTemplate(tx, { holdingStatement: crisisHoldingStatement, tasks: crisisTasks });
      return true;
    },
    { behavior: "immediate" },
  );
  if (!saved) return { ok: false, formError: "Choose people from the lists: someone chosen is no longer in senior leadership." };
  return {
    ok: true,
    notice: `Settings saved. Line managers now have ${minutes} minute${minutes === 1 ? "" : "s"} to acknowledge a report; senior leaders are told from ${SEVERITY_LABELS[notifySeniorLeadersFrom].toLowerCase()} severity; the crisis template has ${crisisTasks.length} task${crisisTasks.length === 1 ? "" : "s"}.`,
  };
}
