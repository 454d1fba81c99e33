import type { MistakenPostEmails } from "../../machines/mistaken-post";
import type { EmailTemplates } from "../types";
import { severityLabel } from "./facts";
import { AcknowledgementMissed, AcknowledgementRequested, IncidentAcknowledged, MistakenPostReported } from "./reporting";
import {
  CrisisPlanInForce,
  CrisisStoodDown,
  CrisisTaskAssigned,
  CrisisTaskOverdue,
  IncidentClosed,
  LeaderMadeAware,
  ResponseToneCheck,
  SeniorLeadersNotified,
} from "./steps";

/** Every mistaken post email, by the template name its notify action uses. */
export const mistakenPostTemplates: EmailTemplates<MistakenPostEmails> = {
  "acknowledgement-requested": {
    subject: (data) => `${data.reference}: please acknowledge a post made by mistake`,
    component: AcknowledgementRequested,
  },
  "mistaken-post-reported": {
    subject: (data) => `${data.reference}: a post was made by mistake on ${data.post.account}`,
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
    subject: (data) => `${data.reference}: severity ${severityLabel(data.assessment).toLowerCase()}: senior leaders informed`,
    component: SeniorLeadersNotified,
  },
  "crisis-plan-in-force": {
    subject: (data) => `${data.reference}: crisis plan in force, scheduled posts stopped`,
    component: CrisisPlanInForce,
  },
  "crisis-task-assigned": {
    subject: (data) => `${data.reference}: a crisis task for you: ${data.task.title}`,
    component: CrisisTaskAssigned,
  },
  "crisis-task-overdue": {
    subject: (data) => `${data.reference}: crisis task overdue: ${data.task.title}`,
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
