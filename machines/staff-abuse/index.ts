import type { PathDefinition } from "../kit";
import { staffAbuseEmails } from "./emails";
import {
  explainStaffAbuseRefusal,
  STAFF_ABUSE_DEADLINE_SECTIONS,
  STAFF_ABUSE_EVENT_SECTIONS,
  STAFF_ABUSE_STEP_SECTIONS,
  staffAbuseAccess,
  staffAbuseEventLabels,
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

/** Abuse of a member of staff online because of their job (Barnsley section 5, B3 3.5.11). */
export const staffAbusePath = {
  kind: "staff_abuse",
  version: 2,
  title: "Abuse of a member of staff",
  machine: staffAbuseMachine,
  eventLabels: staffAbuseEventLabels,
  explainRefusal: (context: StaffAbuseContext, event: StaffAbuseEvent, accepted: boolean) => explainStaffAbuseRefusal(context, event, accepted),
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
} as const satisfies PathDefinition;
