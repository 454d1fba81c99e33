import { z } from "zod";
import { requiredText } from "../../schemas/fields";
import { withoutBlankRows } from "./step-schemas";

/**
 * The crisis template an administrator keeps on the settings page: a holding statement and the
 * tasks most crises need, each owned by a role and due some minutes or hours after the template
 * is used on a crisis plan. Shared by the settings form (browser) and the server.
 */

/** The roles a template task may be owned by: whoever holds it is chosen when the template is used. */
export const TASK_OWNER_ROLES = {
  communications: "Communications team",
  leadership: "Senior leadership",
  hr_safety: "HR and safety",
} as const;

export type TaskOwnerRole = keyof typeof TASK_OWNER_ROLES;

export const DUE_UNITS = { minutes: "minutes", hours: "hours" } as const;

export interface TemplateTask {
  title: string;
  ownerRole: TaskOwnerRole;
  dueInMinutes: number;
}

export interface CrisisTemplateSetting {
  holdingStatement: string;
  tasks: TemplateTask[];
}

/** What a new organisation starts with, until an administrator changes it. */
export const DEFAULT_CRISIS_TEMPLATE: CrisisTemplateSetting = {
  holdingStatement:
    "We are aware of a post on one of our accounts that should not have been published. It has been removed and we are looking into what happened. We will share more as soon as we can.",
  tasks: [
    { title: "Send the holding statement to the contact centre and reception", ownerRole: "communications", dueInMinutes: 30 },
    { title: "Watch replies and mentions, and note anything that needs an answer", ownerRole: "communications", dueInMinutes: 60 },
    { title: "Brief the senior leadership team", ownerRole: "leadership", dueInMinutes: 120 },
  ],
};

/** Longest a template task may be due after the template is used: one week. */
export const LONGEST_DUE_MINUTES = 7 * 24 * 60;
const dueMessage = "Enter when the task is due as a whole number from 1, up to one week";

export const templateTaskSchema = z
  .object({
    title: requiredText("Say what the task is", 300),
    ownerRole: z.enum(Object.keys(TASK_OWNER_ROLES) as [TaskOwnerRole, ...TaskOwnerRole[]], {
      errorMap: () => ({ message: "Choose the role that owns the task" }),
    }),
    dueIn: z.number({ required_error: "Enter when the task is due", invalid_type_error: dueMessage }).int(dueMessage).min(1, dueMessage),
    dueUnit: z.enum(["minutes", "hours"], { required_error: "Choose minutes or hours" }),
  })
  .refine((task) => task.dueIn * (task.dueUnit === "hours" ? 60 : 1) <= LONGEST_DUE_MINUTES, { message: dueMessage, path: ["dueIn"] })
  .transform(({ title, ownerRole, dueIn, dueUnit }): TemplateTask => ({ title, ownerRole, dueInMinutes: dueIn * (dueUnit === "hours" ? 60 : 1) }));

/** The template's fields on the settings form; a task row with only its unit chosen is blank. */
export const crisisTemplateFields = {
  crisisHoldingStatement: requiredText("Write the template's holding statement"),
  crisisTasks: z.preprocess((rows) => withoutBlankRows(rows, ["dueUnit"]), z.array(templateTaskSchema).max(20, "A template can have up to 20 tasks").default([])),
};

/** A task's due offset as the form shows it: in hours when whole hours, otherwise in minutes. */
export function dueOffsetFields(minutes: number): { dueIn: string; dueUnit: keyof typeof DUE_UNITS } {
  return minutes % 60 === 0 ? { dueIn: String(minutes / 60), dueUnit: "hours" } : { dueIn: String(minutes), dueUnit: "minutes" };
}

/** "30 minutes", "2 hours", "1 hour" */
export function describeOffset(minutes: number): string {
  const { dueIn, dueUnit } = dueOffsetFields(minutes);
  return `${dueIn} ${dueIn === "1" ? dueUnit.slice(0, -1) : dueUnit}`;
}
