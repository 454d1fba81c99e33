import { staffAbusePath } from "../../../machines/staff-abuse";
import type { PathModule } from "../types";
import { staffAbuseDemoStories } from "./demo-stories.server";
import { staffAbuseTemplates } from "./emails.server";
import { StaffAbuseIncident } from "./incident";
import { ABUSE_REPORT_PATH, pagePath } from "./report-schema";
import { settingsSchema, SettingsFieldset } from "./settings";
import { loadSettings, saveSettings } from "./settings.server";
import { isStaffAbuseIntent, STAFF_ABUSE_CONFIRMATIONS, staffAbuseEventFrom, staffAbuseStepSchemas } from "./step-schemas";

export const staffAbuseModule: PathModule<"staff_abuse"> = {
  definition: staffAbusePath,
  report: {
    address: ABUSE_REPORT_PATH,
    title: "Abuse you received online because of your job",
    description: "Threats, harassment or hate. Your line manager and HR and safety are told.",
    linkText: "Report abuse you received",
  },
  uploadAddresses: [pagePath("screenshots")],
  evidenceThumbnails: true,
  IncidentPage: StaffAbuseIncident,
  steps: { isIntent: isStaffAbuseIntent, schemas: staffAbuseStepSchemas, toEvent: (_db, value: Parameters<typeof staffAbuseEventFrom>[0]) => staffAbuseEventFrom(value), confirmations: STAFF_ABUSE_CONFIRMATIONS },
  settings: { load: loadSettings, schema: settingsSchema, save: saveSettings, Fieldset: SettingsFieldset },
  demoStories: staffAbuseDemoStories,
  emails: staffAbuseTemplates,
};
