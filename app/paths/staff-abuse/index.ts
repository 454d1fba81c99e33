import { staffAbusePath } from "../../../machines/staff-abuse";
import { othersReportsReadableBy } from "../../models/incidents.server";
import type { DashboardSection, PathModule } from "../types";
import { AbuseSection } from "./dashboard";
import { abuseCharts, abuseCounts, type AbuseCounts } from "./dashboard.server";
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
  dashboardSections: [{ id: "abuse", figures: abuseCounts, charts: abuseCharts, Section: AbuseSection } satisfies DashboardSection<AbuseCounts>],
  homeSections: [
    {
      id: "abuse",
      heading: "Abuse reports you support",
      // Abuse reports are private: those of the people this person manages, every one for HR and
      // safety, and those where Communications were asked to help (the list's own rule).
      incidents: (db, user, now) => othersReportsReadableBy(db, user, staffAbusePath.kind, now),
    },
  ],
  demoStories: staffAbuseDemoStories,
  emails: staffAbuseTemplates,
};
