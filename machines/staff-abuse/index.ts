import { once, type EventOffers, type PathDefinition } from "../kit";
import { staffAbuseEmails } from "./emails";
import {
  STAFF_ABUSE_DEADLINE_SECTIONS,
  STAFF_ABUSE_EVENT_SECTIONS,
  STAFF_ABUSE_STEP_SECTIONS,
  staffAbuseAccess,
  staffAbuseEventDeeds,
  staffAbuseEventLabels,
  staffAbuseEventOutcome,
  staffAbuseMachine,
  staffAbuseSections,
  staffAbuseView,
  type StaffAbuseContext,
  type StaffAbuseEvent,
} from "./machine";
import { staffAbuseReadModel } from "./read-model";

export * from "./emails";
export * from "./machine";
export * from "./read-model";

const offers: EventOffers<StaffAbuseContext, StaffAbuseEvent> = {
  ATTACH_SCREENSHOT: once,
  RECORD_BLOCKING: once,
  RECORD_POLICE_REPORT: once,
  RECORD_NO_POLICE_REPORT: once,
  RECORD_SUPPORT: once,
  RECORD_WELLBEING_FOLLOW_UP: once,
  REQUEST_REMOVAL: once,
  ASK_COMMUNICATIONS_HELP: once,
  RECORD_PLATFORM_ANSWER: once,
  NO_REMOVAL_NEEDED: once,
  CLOSE: once,
};

/** Abuse of a member of staff online because of their job (Barnsley section 5, B3 3.5.11). */
export const staffAbusePath = {
  kind: "staff_abuse",
  version: 2,
  title: "Abuse of a member of staff",
  machine: staffAbuseMachine,
  eventLabels: staffAbuseEventLabels,
  eventDeeds: staffAbuseEventDeeds,
  eventOutcome: staffAbuseEventOutcome,
  offers,
  readersByRole: ["hr_safety"],
  accessOf: staffAbuseAccess,
  chainReach: (policy) => policy.abuseChainLevels,
  needToKnow: {
    sectionsOf: staffAbuseSections,
    view: staffAbuseView,
    eventSections: STAFF_ABUSE_EVENT_SECTIONS,
    stepSections: STAFF_ABUSE_STEP_SECTIONS,
    deadlineSections: STAFF_ABUSE_DEADLINE_SECTIONS,
  },
  emails: staffAbuseEmails,
  readModel: staffAbuseReadModel,
  timings: [{ key: "closeStaffAbuse", label: "Report to close (abuse of a member of staff)", from: "reported", to: "closed" }],
} as const satisfies PathDefinition<StaffAbuseContext>;
