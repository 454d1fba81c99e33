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
