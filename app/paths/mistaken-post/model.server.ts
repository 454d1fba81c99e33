import { and, asc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import { heldPostsForIncident } from "../../../db/channels";
import { escalationChainFor } from "../../../db/directory";
import { channels, people, personRoles, type Incident } from "../../../db/schema";
import { storedContext, type Actor } from "../../../db/workflow";
import { mistakenPostToldAtReport, type MistakenPostContext, type MistakenPostDetails, type MistakenPostInput } from "../../../machines/mistaken-post";
import { listChannels } from "../../models/channels.server";
import { NoOneToNotifyError, reportIncident } from "../../models/incidents.server";
import { sendReportOnce, type ReportSent } from "../../models/report-sending.server";
import { ANOTHER_ACCOUNT, type mistakenPostReportSchema } from "./report-schema";
import { StepInputError } from "../types";
import { TASK_OWNER_ROLES, type TaskOwnerRole } from "./crisis-template";
import { acknowledgementMinutes, crisisTemplate, mistakenPostPolicy } from "./settings.server";
import type { MistakenPostIntent } from "./step-schemas";
import { mistakenPostStepSchemas } from "./step-schemas";

type StepValue<Intent extends MistakenPostIntent> = z.output<(typeof mistakenPostStepSchemas)[Intent]>;
type AnyStepValue = { [Intent in MistakenPostIntent]: StepValue<Intent> }[MistakenPostIntent];

function activePeopleByIds(db: Db, ids: number[]) {
  const rows = ids.length
    ? db.select({ id: people.id, name: people.name }).from(people).where(and(inArray(people.id, ids), eq(people.active, true))).all()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (id: number) => {
    const person = byId.get(id);
    if (!person) throw new StepInputError("Choose a task owner from the list: that person is no longer in the directory.");
    return person;
  };
}

function tasksWithOwners(db: Db, tasks: { title: string; ownerId: number; dueAt: Date }[]) {
  const ownerOf = activePeopleByIds(db, tasks.map((task) => task.ownerId));
  return tasks.map((task) => ({ title: task.title, owner: ownerOf(task.ownerId), dueAt: task.dueAt.toISOString() }));
}

/**
 * Who owns a template task of each role: the most senior active person holding it (then by
 * name). Communications change any owner on the plan's form before putting it in force.
 */
function ownersByRole(db: Db, roles: TaskOwnerRole[]) {
  const rows = roles.length
    ? db
        .select({ role: personRoles.role, id: people.id, name: people.name })
        .from(people)
        .innerJoin(personRoles, eq(personRoles.personId, people.id))
        .where(and(inArray(personRoles.role, roles), eq(people.active, true)))
        .orderBy(asc(people.seniority), asc(people.name))
        .all()
    : [];
  return (role: TaskOwnerRole) => {
    const owner = rows.find((row) => row.role === role);
    if (!owner) throw new StepInputError(`Nobody active holds the role “${TASK_OWNER_ROLES[role]}” that owns a task of the crisis template. Ask an administrator to change the template.`);
    return { id: owner.id, name: owner.name };
  };
}

/** The crisis template, as the event that fills the plan from it takes it. */
function crisisTemplateEvent(db: Db) {
  const template = crisisTemplate(db);
  const ownerOf = ownersByRole(db, [...new Set(template.tasks.map((task) => task.ownerRole))]);
  return {
    holdingStatement: template.holdingStatement,
    tasks: template.tasks.map((task) => ({ title: task.title, owner: ownerOf(task.ownerRole), dueInMinutes: task.dueInMinutes })),
  };
}

/**
 * Turns a checked form into the machine event: times to ISO strings, chosen ids to the names the
 * record keeps. Throws a StepInputError when a chosen person or channel no longer exists.
 */
export function mistakenPostEventFrom(db: Db, value: AnyStepValue): { type: string; [field: string]: unknown } {
  switch (value.intent) {
    case "RECORD_DELETED":
      return { type: value.intent, deletedAt: value.deletedAt.toISOString(), note: value.note };
    case "ASSESS_RISK": {
      const { intent, version: _version, crisisPlanNeeded, ...fields } = value;
      return { type: intent, ...fields, crisisPlanNeeded: crisisPlanNeeded === "yes" };
    }
    case "CREATE_CRISIS_PLAN": {
      const all = value.channels.includes("all");
      const ids = all ? [] : value.channels.map(Number).filter(Number.isInteger);
      const chosen = all
        ? db.select({ handle: channels.handle }).from(channels).where(eq(channels.active, true)).orderBy(asc(channels.handle)).all()
        : db.select({ handle: channels.handle }).from(channels).where(inArray(channels.id, ids)).all();
      if (!all && chosen.length !== ids.length) throw new StepInputError("Choose the channels from the list.");
      return {
        type: value.intent,
        holdingStatement: value.holdingStatement,
        spokesperson: value.spokesperson,
        audiences: value.audiences,
        channels: all ? "all" : ids,
        channelNames: all ? ["All channels"] : chosen.map((channel) => channel.handle),
        reviewAt: value.reviewAt.toISOString(),
        tasks: tasksWithOwners(db, value.tasks),
      };
    }
    case "USE_CRISIS_TEMPLATE":
      return { type: value.intent, ...crisisTemplateEvent(db) };
    case "DECIDE_REMAINING_HELD_POSTS":
      return { type: value.intent, decision: value.decision, postIds: value.postIds };
    case "ADD_TASK": {
      const [task] = tasksWithOwners(db, [value]);
      return { type: value.intent, ...task };
    }
    case "CONFIRM_CHECKS":
      return { type: value.intent, transparent: true, sourcesCited: true, notRushed: true, focused: true };
    default: {
      const { intent, version: _version, ...fields } = value;
      return { type: intent, ...fields };
    }
  }
}

/**
 * What the mistaken-post page needs beyond the incident itself. Each list is read only when the
 * machine lets this person send the event of a form that shows it (as the page decides which
 * forms to show): the channels for the crisis plan, the held posts for their review, the possible
 * task owners for the crisis plan and for adding a task.
 */
export function mistakenPostPageExtras(db: Db, incidentId: number, page: { allowedEvents: string[]; now: Date }) {
  const may = (type: string) => page.allowedEvents.includes(type);
  const now = page.now.toISOString();
  return {
    // Overdue by the server's clock: a post whose time has passed is published the moment it is released and the schedule resumes.
    heldPosts: may("RESUME_SCHEDULE") ? heldPostsForIncident(db, incidentId).map((post) => ({ ...post, overdue: post.scheduledFor <= now })) : [],
    channels:
      may("CREATE_CRISIS_PLAN")
        ? listChannels(db)
            .filter((channel) => channel.active)
            .map((channel) => ({ id: channel.id, label: `${channel.handle} (${channel.platform})`, paused: channel.pause !== null }))
        : [],
    taskOwners:
      may("CREATE_CRISIS_PLAN") || may("ADD_TASK")
        ? db.select({ id: people.id, name: people.name, jobTitle: people.jobTitle }).from(people).where(eq(people.active, true)).orderBy(asc(people.name)).all()
        : [],
  };
}

/** An active channel of the register, as a report names the account that posted. */
function registeredChannel(db: Db, channelId: number) {
  return (
    db
      .select({ id: channels.id, platform: channels.platform, handle: channels.handle })
      .from(channels)
      .where(and(eq(channels.id, channelId), eq(channels.active, true)))
      .get() ?? null
  );
}

/** The confirmation shown after each step, in the words of the person who took it. */
export const STEP_CONFIRMATIONS: Record<MistakenPostIntent, string> = {
  ACKNOWLEDGE: "You have acknowledged this report. The member of staff has been told.",
  RECORD_DELETED: "Recorded that the post was deleted. Communications will now assess the risk.",
  RECORD_NOT_DELETED: "Recorded why the post was not deleted. Communications will now assess the risk.",
  ASSESS_RISK: "The risk assessment is saved.",
  USE_CRISIS_TEMPLATE: "The plan's holding statement and tasks are filled from the crisis template. Check them, choose the rest, then put the plan in force.",
  CREATE_CRISIS_PLAN: "The crisis plan is in force and the scheduled posts on the chosen channels have stopped.",
  ADD_TASK: "Task added. Its owner has been emailed.",
  UPDATE_TASK: "Task updated.",
  MAKE_LEADER_AWARE: "The Leader has been emailed.",
  LEADER_NOT_NEEDED: "Recorded why the Leader does not need to know.",
  DRAFT_RESPONSE: "Draft saved. Do the “before you respond” checks next.",
  CONFIRM_CHECKS: "Checks done. A second member of Communications has been asked to check the tone.",
  SIGN_OFF_TONE: "You have signed off the tone. The response can now be sent.",
  MARK_RESPONSE_SENT: "Recorded that the response was sent.",
  STAND_DOWN: "The crisis is stood down. Review each held post before the schedule runs again.",
  REVIEW_HELD_POST: "Post reviewed.",
  DECIDE_REMAINING_HELD_POSTS: "The held posts left are decided.",
  RESUME_SCHEDULE: "The schedule is running again.",
  CLOSE: "The incident is closed. The member of staff has been told.",
};

/**
 * A member of staff reports a post made by mistake (Haringey 4.2.5). `submissionKey` is the key
 * of the form it came from (see sendReportOnce).
 */
export function reportMistakenPost(db: Db, reporter: Actor, post: MistakenPostDetails, now: Date, submissionKey?: string): Incident {
  const { chain: escalationChain, away } = escalationChainFor(db, reporter.id, now);
  if (escalationChain.length === 0) {
    throw new NoOneToNotifyError(
      "Nobody can be asked to acknowledge this report: you have no line manager in the directory and no one in Communications is in today. Phone your Communications team now, and ask an administrator to set your line manager.",
    );
  }
  const input: MistakenPostInput = {
    reportedAt: now.toISOString(),
    reporter,
    escalationChain,
    away,
    acknowledgementMinutes: acknowledgementMinutes(db),
    post,
    policy: mistakenPostPolicy(db),
  };
  return reportIncident(db, {
    kind: "mistaken_post",
    title: `Post made by mistake on ${post.account}`,
    reporter,
    input,
    now,
    submissionKey,
  });
}

/** Who the report was sent to, as the machine decided when it was opened, for the member of staff. */
export function mistakenPostTold(incident: Incident): string {
  return mistakenPostToldAtReport(storedContext(incident) as MistakenPostContext);
}

/** The report form as checked by its schema. */
export type MistakenPostReport = z.output<typeof mistakenPostReportSchema>;

/** A report refused because of one of its fields, with what to do instead. */
export interface ReportFieldRefusal {
  ok: false;
  field: "channel";
  message: string;
}

/**
 * The post as the report names it: the account chosen from the register (as the register names
 * it), or the other account written in. A refusal when the chosen account has left the register
 * since the form was shown.
 */
function reportedPost(db: Db, report: MistakenPostReport): MistakenPostDetails | ReportFieldRefusal {
  const { postedAt, link, channel: chosen, platform, account, whatHappened } = report;
  const told = { link: link ?? null, postedAt: postedAt.toISOString(), whatHappened };
  if (chosen === ANOTHER_ACCOUNT) return { ...told, platform: platform!, account: account!, channelId: null };
  const channel = registeredChannel(db, Number(chosen));
  if (!channel) return { ok: false, field: "channel", message: "Choose the account again: that one is no longer in the register" };
  return { ...told, platform: channel.platform, account: channel.handle, channelId: channel.id };
}

/** The report form, sent once (see sendReportOnce); the account is looked up in the same transaction. */
export function sendMistakenPostReport(db: Db, reporter: Actor, report: MistakenPostReport, now: Date): ReportSent | ReportFieldRefusal {
  return sendReportOnce<ReportFieldRefusal>(db, { reporterId: reporter.id, submissionKey: report.submissionKey, now }, () => {
    const post = reportedPost(db, report);
    if ("ok" in post) return post;
    return { ok: true, incident: reportMistakenPost(db, reporter, post, now, report.submissionKey) };
  });
}
