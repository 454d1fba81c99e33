import { z } from "zod";
import { DELETION_REASONS, TASK_STATUSES } from "../../../machines/mistaken-post";
import { AGGRAVATING_FACTORS, RISK_DECISIONS } from "../../../machines/mistaken-post";
import { keysOf, optionalText, organisationMoment, requiredText, scalePoint, versionField } from "../../schemas/fields";

/**
 * One schema per event a person sends on a mistaken-post incident; the form's hidden `intent`
 * names the event. The browser and the server check the same schema.
 */

const step = <Intent extends string, Shape extends z.ZodRawShape>(intent: Intent, shape: Shape) =>
  z.object({ intent: z.literal(intent), version: versionField, ...shape });

const futureMoment = (required: string) =>
  organisationMoment({ required, when: "future", wrongSide: "Choose a time from now on" });

const ownerId = z.coerce.number({ required_error: "Choose who owns this task", invalid_type_error: "Choose who owns this task" }).int().positive("Choose who owns this task");

const task = z.object({
  title: requiredText("Say what the task is", 300),
  ownerId,
  dueAt: futureMoment("Enter when the task is due"),
});

/**
 * Rows left blank are dropped, so a form can offer spare rows without JavaScript. `ignoring`
 * names fields that always have a value (a unit chosen by default), which do not make a row filled.
 */
export function withoutBlankRows(value: unknown, ignoring: readonly string[] = []) {
  if (!Array.isArray(value)) return value;
  return value.filter(
    (row) =>
      row &&
      typeof row === "object" &&
      Object.entries(row).some(([name, field]) => !ignoring.includes(name) && field !== undefined && field !== ""),
  );
}

export const mistakenPostStepSchemas = {
  ACKNOWLEDGE: step("ACKNOWLEDGE", { note: optionalText(2000) }),
  RECORD_DELETED: step("RECORD_DELETED", {
    deletedAt: organisationMoment({
      required: "Enter when the post was deleted",
      when: "past",
      wrongSide: "The time it was deleted must be in the past",
    }),
    note: optionalText(2000),
  }),
  RECORD_NOT_DELETED: step("RECORD_NOT_DELETED", {
    reason: z.enum(keysOf(DELETION_REASONS), { required_error: "Choose why the post was not deleted" }),
    explanation: requiredText("Explain why the post was not deleted", 2000),
  }),
  ASSESS_RISK: step("ASSESS_RISK", {
    likelihood: scalePoint("Choose how likely it is to spread"),
    impact: scalePoint("Choose how much harm it could do"),
    reach: scalePoint("Choose how far it could reach"),
    factors: z.array(z.enum(keysOf(AGGRAVATING_FACTORS))).default([]),
    decision: z.enum(keysOf(RISK_DECISIONS), { required_error: "Choose what we do: respond, investigate or do not engage" }),
    rationale: requiredText("Give the reasons for the decision"),
    crisisPlanNeeded: z.enum(["yes", "no"], { required_error: "Say whether a crisis communication plan is needed" }),
  }),
  USE_CRISIS_TEMPLATE: step("USE_CRISIS_TEMPLATE", {}),
  CREATE_CRISIS_PLAN: step("CREATE_CRISIS_PLAN", {
    holdingStatement: requiredText("Write the holding statement"),
    spokesperson: requiredText("Name the spokesperson", 200),
    audiences: requiredText("List the audiences and stakeholders", 2000),
    channels: z
      .array(z.string(), { required_error: "Choose the channels whose scheduled posts stop, or all channels" })
      .min(1, "Choose the channels whose scheduled posts stop, or all channels"),
    reviewAt: futureMoment("Enter when the plan will be reviewed"),
    tasks: z.preprocess((rows) => withoutBlankRows(rows), z.array(task).default([])),
  }),
  ADD_TASK: step("ADD_TASK", task.shape),
  UPDATE_TASK: step("UPDATE_TASK", {
    taskIndex: z.coerce.number().int().min(0),
    status: z.enum(keysOf(TASK_STATUSES), { required_error: "Choose the task's status" }),
  }),
  MAKE_LEADER_AWARE: step("MAKE_LEADER_AWARE", { summary: requiredText("Write what the Leader needs to know", 2000) }),
  LEADER_NOT_NEEDED: step("LEADER_NOT_NEEDED", { reason: requiredText("Say why the Leader does not need to know", 2000) }),
  DRAFT_RESPONSE: step("DRAFT_RESPONSE", { text: requiredText("Write the response", 5000) }),
  CONFIRM_CHECKS: step("CONFIRM_CHECKS", {
    transparent: z.literal("on", { errorMap: () => ({ message: "Confirm the response is open about our connection" }) }),
    sourcesCited: z.literal("on", { errorMap: () => ({ message: "Confirm the sources are cited" }) }),
    notRushed: z.literal("on", { errorMap: () => ({ message: "Confirm the response has not been rushed" }) }),
    focused: z.literal("on", { errorMap: () => ({ message: "Confirm the response stays focused" }) }),
  }),
  SIGN_OFF_TONE: step("SIGN_OFF_TONE", {}),
  MARK_RESPONSE_SENT: step("MARK_RESPONSE_SENT", { where: requiredText("Say where the response was posted", 500) }),
  STAND_DOWN: step("STAND_DOWN", { summary: requiredText("Say why the crisis can be stood down", 2000) }),
  REVIEW_HELD_POST: step("REVIEW_HELD_POST", {
    postId: z.coerce.number().int().positive(),
    decision: z.enum(["release", "edit-and-release", "cancel"], { required_error: "Choose what happens to this post" }),
    body: optionalText(5000),
  }).refine((value) => value.decision !== "edit-and-release" || Boolean(value.body), {
    message: "Write the new text of the post",
    path: ["body"],
  }),
  DECIDE_REMAINING_HELD_POSTS: step("DECIDE_REMAINING_HELD_POSTS", {
    decision: z.enum(["release", "cancel"], { required_error: "Choose whether to release or cancel all the posts left" }),
    // The posts the page listed: a post held since is left for its own decision.
    postIds: z.array(z.coerce.number().int().positive()).min(1, "There are no held posts left to decide"),
    confirm: z.literal("on", { errorMap: () => ({ message: "Confirm that you have checked every post listed" }) }),
  }),
  RESUME_SCHEDULE: step("RESUME_SCHEDULE", {}),
  CLOSE: step("CLOSE", {
    whatHappened: requiredText("Say what happened"),
    lessons: requiredText("Say what we learned"),
    followUps: z.preprocess(
      (rows) => withoutBlankRows(rows),
      z
        .array(z.object({ action: requiredText("Say what the follow-up action is", 500), owner: requiredText("Name who owns the follow-up", 200) }))
        .default([]),
    ),
  }),
};

export type MistakenPostIntent = keyof typeof mistakenPostStepSchemas;

export function isMistakenPostIntent(value: unknown): value is MistakenPostIntent {
  return typeof value === "string" && Object.hasOwn(mistakenPostStepSchemas, value);
}
