import type { StaffAbuseEmails } from "../../machines/staff-abuse";
import type { EmailTemplates } from "../types";
import {
  AbuseClosed,
  AbuseHarmfulContentRoute,
  AbusePoliceReminder,
  AbuseRemovalHelp,
  AbuseReportedHr,
  AbuseReportedManager,
  AbuseSupportOverdue,
  AbuseSupportRecorded,
  AbuseWellbeingDue,
} from "./messages";

/** Every staff abuse email, by template name. Subjects name no one and say nothing of what happened (see messages.tsx). */
export const staffAbuseTemplates: EmailTemplates<StaffAbuseEmails> = {
  "abuse-reported-manager": {
    subject: (data) => `${data.reference}: a member of your team has been abused online`,
    component: AbuseReportedManager,
  },
  "abuse-reported-hr": {
    subject: (data) => `${data.reference}: violence and aggression report: online abuse of a member of staff`,
    component: AbuseReportedHr,
  },
  "abuse-police-reminder": {
    subject: (data) => `${data.reference}: police report not yet recorded`,
    component: AbusePoliceReminder,
  },
  "abuse-support-recorded": {
    subject: (data) => `${data.reference}: the support offered to you has been recorded`,
    component: AbuseSupportRecorded,
  },
  "abuse-support-overdue": {
    subject: (data) => `${data.reference}: support not yet recorded by the line manager`,
    component: AbuseSupportOverdue,
  },
  "abuse-wellbeing-due": {
    subject: (data) => `${data.reference}: wellbeing follow-up due`,
    component: AbuseWellbeingDue,
  },
  "abuse-removal-help": {
    subject: (data) => `${data.reference}: help asked to get abusive content removed from ${data.platform}`,
    component: AbuseRemovalHelp,
  },
  "abuse-harmful-content-route": {
    subject: (data) => `${data.reference}: the platform has not acted, Report Harmful Content can help`,
    component: AbuseHarmfulContentRoute,
  },
  "abuse-closed": {
    subject: (data) => `${data.reference}: report closed`,
    component: AbuseClosed,
  },
};
