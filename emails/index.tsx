import { render } from "@react-email/render";
import type { ReactElement } from "react";
import {
  AcknowledgementMissed,
  AcknowledgementRequested,
  IncidentAcknowledged,
  MistakenPostReported,
} from "./mistaken-post";
import { severityLabel, taskFor } from "./mistaken-post-facts";
import {
  CrisisPlanInForce,
  CrisisStoodDown,
  CrisisTaskAssigned,
  CrisisTaskOverdue,
  IncidentClosed,
  LeaderMadeAware,
  ResponseToneCheck,
  SeniorLeadersNotified,
} from "./mistaken-post-steps";
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
} from "./staff-abuse";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Template = {
  subject: (data: any) => string;
  component: (data: any) => ReactElement;
};

/** Every email Holdfast sends, by the template name a machine's notify action uses. */
export const templates: Record<string, Template> = {
  "acknowledgement-requested": {
    subject: (data) => `${data.reference}: please acknowledge a post made by mistake`,
    component: AcknowledgementRequested,
  },
  "mistaken-post-reported": {
    subject: (data) => `${data.reference}: a post was made by mistake on ${data.context.post.account}`,
    component: MistakenPostReported,
  },
  "incident-acknowledged": {
    subject: (data) => `${data.reference}: your report has been acknowledged`,
    component: IncidentAcknowledged,
  },
  "acknowledgement-missed": {
    subject: (data) => `${data.reference}: nobody has acknowledged this report`,
    component: AcknowledgementMissed,
  },
  "senior-leaders-notified": {
    subject: (data) => `${data.reference}: severity ${severityLabel(data.context).toLowerCase()}: senior leaders informed`,
    component: SeniorLeadersNotified,
  },
  "crisis-plan-in-force": {
    subject: (data) => `${data.reference}: crisis plan in force, scheduled posts stopped`,
    component: CrisisPlanInForce,
  },
  "crisis-task-assigned": {
    subject: (data) => `${data.reference}: a crisis task for you: ${taskFor(data).title}`,
    component: CrisisTaskAssigned,
  },
  "crisis-task-overdue": {
    subject: (data) => `${data.reference}: crisis task overdue: ${taskFor(data).title}`,
    component: CrisisTaskOverdue,
  },
  "leader-made-aware": {
    subject: (data) => `${data.reference}: for the Leader's awareness`,
    component: LeaderMadeAware,
  },
  "response-tone-check": {
    subject: (data) => `${data.reference}: a response needs its tone checked`,
    component: ResponseToneCheck,
  },
  "crisis-stood-down": {
    subject: (data) => `${data.reference}: crisis stood down`,
    component: CrisisStoodDown,
  },
  "incident-closed": {
    subject: (data) => `${data.reference}: closed`,
    component: IncidentClosed,
  },
  // Staff abuse: subjects name no one and say nothing of what happened (see emails/staff-abuse.tsx).
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
    subject: (data) => `${data.reference}: help asked to get abusive content removed from ${data.context.report.platform}`,
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

export async function renderEmail(template: string, data: Record<string, unknown>): Promise<RenderedEmail> {
  const definition = templates[template];
  if (!definition) throw new Error(`No email template called "${template}"`);
  const element = definition.component(data);
  return {
    subject: definition.subject(data),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
