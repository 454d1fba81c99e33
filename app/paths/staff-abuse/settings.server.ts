import type { z } from "zod";
import type { Db } from "../../../db/client";
import { ABUSE_CHAIN_LEVELS_SETTING, readingPolicy, rewriteIncidentAccess } from "../../../db/workflow";
import { staffAbusePath } from "../../../machines/staff-abuse";
import { positiveWholeNumber, readSetting, writeSetting } from "../../models/settings.server";
import type { SettingsSave } from "../types";
import type { settingsSchema } from "./settings";

export interface AbuseSettings {
  /** Days after support is recorded that the line manager follows up on wellbeing. */
  wellbeingFollowUpDays: number;
  /** Hours between reminders while no police report (or reason not to) is recorded. */
  policeReminderHours: number;
  /** How many levels of managers above the member of staff read their abuse reports (1: the line manager). */
  chainLevels: number;
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
      rewriteIncidentAccess(tx, [staffAbusePath.kind]);
    },
    { behavior: "immediate" },
  );
}

export function loadSettings(db: Db) {
  return { current: { ...abuseSettings(db) }, shown: null };
}

export function saveSettings(db: Db, value: z.output<typeof settingsSchema>): SettingsSave {
  setAbuseSettings(db, value);
  const levels = value.chainLevels;
  return { ok: true, notice: `Settings saved. Abuse reports are read by managers up to ${levels} level${levels === 1 ? "" : "s"} above the member of staff.` };
}
