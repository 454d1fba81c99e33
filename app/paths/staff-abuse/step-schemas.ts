import { z } from "zod";
import { PLATFORM_ANSWERS, POLICE_ROUTES } from "../../../machines/staff-abuse";
import { keysOf, optionalText, organisationMoment, requiredText, versionField } from "../../schemas/fields";

/** One schema per event a person sends on a staff abuse report; `intent` names the event. */

const step = <Intent extends string, Shape extends z.ZodRawShape>(intent: Intent, shape: Shape) =>
  z.object({ intent: z.literal(intent), version: versionField, ...shape });

const pastMoment = (required: string) => organisationMoment({ required, when: "past", wrongSide: "The time must be in the past" });

/** The privacy checks a member of staff ticks, in our own words. */
export const BLOCKING_STEPS = {
  blocked: "I have blocked the account that did it",
  visibility: "I have checked who can see my posts and photos",
  personal_details: "I have checked my profile does not show my workplace, home area or family",
  tagging: "I have turned off location sharing and who can tag me",
} as const;

export const staffAbuseStepSchemas = {
  RECORD_BLOCKING: step("RECORD_BLOCKING", {
    steps: z
      .array(z.enum(keysOf(BLOCKING_STEPS)), { required_error: "Tick what you have done; come back for the rest later" })
      .min(1, "Tick what you have done; come back for the rest later"),
  }),
  RECORD_POLICE_REPORT: step("RECORD_POLICE_REPORT", {
    route: z.enum(keysOf(POLICE_ROUTES), { required_error: "Choose how you reported it" }),
    reportedAt: pastMoment("Enter when you reported it"),
    crimeReference: optionalText(100, "The crime reference number"),
    officer: optionalText(200, "The officer's name"),
  }),
  RECORD_NO_POLICE_REPORT: step("RECORD_NO_POLICE_REPORT", { reason: requiredText("Say why it is not being reported to the police", 2000) }),
  RECORD_SUPPORT: step("RECORD_SUPPORT", { offered: requiredText("Say what support you have offered", 2000) }),
  RECORD_WELLBEING_FOLLOW_UP: step("RECORD_WELLBEING_FOLLOW_UP", { notes: requiredText("Say how the follow-up went", 2000) }),
  REQUEST_REMOVAL: step("REQUEST_REMOVAL", { requestedAt: pastMoment("Enter when you asked the platform") }),
  ASK_COMMUNICATIONS_HELP: step("ASK_COMMUNICATIONS_HELP", {}),
  RECORD_PLATFORM_ANSWER: step("RECORD_PLATFORM_ANSWER", {
    outcome: z.enum(keysOf(PLATFORM_ANSWERS), { required_error: "Choose what the platform did" }),
    notes: requiredText("Say what the platform told you", 2000),
  }),
  NO_REMOVAL_NEEDED: step("NO_REMOVAL_NEEDED", { reason: requiredText("Say why removal is not needed", 2000) }),
  CLOSE: step("CLOSE", { summary: requiredText("Write the outcome", 2000) }),
};

export type StaffAbuseIntent = keyof typeof staffAbuseStepSchemas;

export function isStaffAbuseIntent(value: unknown): value is StaffAbuseIntent {
  return typeof value === "string" && Object.hasOwn(staffAbuseStepSchemas, value);
}

type StepValue = { [Intent in StaffAbuseIntent]: z.output<(typeof staffAbuseStepSchemas)[Intent]> }[StaffAbuseIntent];

/** The machine event for a checked form: times as ISO strings. */
export function staffAbuseEventFrom(value: StepValue): { type: string; [field: string]: unknown } {
  const { intent, version: _version, ...fields } = value;
  const event: Record<string, unknown> = { type: intent };
  for (const [name, field] of Object.entries(fields)) event[name] = field instanceof Date ? field.toISOString() : field;
  return event as { type: string };
}

export const STAFF_ABUSE_CONFIRMATIONS: Record<StaffAbuseIntent, string> = {
  RECORD_BLOCKING: "Recorded. Well done for checking your settings.",
  RECORD_POLICE_REPORT: "Your police report is recorded.",
  RECORD_NO_POLICE_REPORT: "Recorded why it is not being reported to the police.",
  RECORD_SUPPORT: "The support you offered is recorded. The member of staff has been told.",
  RECORD_WELLBEING_FOLLOW_UP: "The wellbeing follow-up is recorded.",
  REQUEST_REMOVAL: "Recorded. If the platform has not acted in 48 hours, we will tell you about Report Harmful Content.",
  ASK_COMMUNICATIONS_HELP: "The Communications team have been asked to help, and can now see this report.",
  RECORD_PLATFORM_ANSWER: "The platform's answer is recorded.",
  NO_REMOVAL_NEEDED: "Recorded why removal is not needed.",
  CLOSE: "The report is closed.",
};
