import type { EmailContracts } from "../kit";
import { awayBefore, type CrisisTask, type MistakenPostContext } from "./machine";

/**
 * What each mistaken post email carries (stored with its outbox row): the facts it shows, by
 * name rather than by person, and nothing else of the incident.
 */

/** Who reported it and the post itself, as the emails that describe the post show them. */
const postFacts = (context: MistakenPostContext) => ({ reporter: context.reporter.name, post: context.post });

/** The crisis task a task email is about; a missing one is an error, never a blank email. */
function taskAt(context: MistakenPostContext, taskIndex: number): CrisisTask {
  const task = context.tasks[taskIndex];
  if (!task) throw new Error(`The incident has no crisis task ${taskIndex}`);
  return task;
}

export const mistakenPostEmails = {
  // Why it came to this officer: who before them did not acknowledge in time, and who is away.
  "acknowledgement-requested": (context: MistakenPostContext, { escalated }: { escalated: boolean }) => ({
    ...postFacts(context),
    asked: context.escalationChain[context.askedIndex]?.name ?? null,
    escalated,
    notAcknowledgedBy: escalated ? (context.escalationChain[context.askedIndex - 1]?.name ?? null) : null,
    acknowledgementMinutes: context.acknowledgementMinutes,
    away: awayBefore(context, context.askedIndex).map((officer) => officer.name),
  }),
  "mistaken-post-reported": postFacts,
  "incident-acknowledged": (context: MistakenPostContext) => ({
    account: context.post.account,
    acknowledgedBy: context.acknowledgedBy?.name ?? null,
  }),
  "acknowledgement-missed": postFacts,
  "senior-leaders-notified": (context: MistakenPostContext) => ({
    ...postFacts(context),
    assessment: context.assessment,
    notifySeniorLeadersFrom: context.policy.notifySeniorLeadersFrom,
  }),
  "crisis-plan-in-force": (context: MistakenPostContext) => ({
    account: context.post.account,
    crisisPlan: context.crisisPlan,
    tasks: context.tasks,
    assessment: context.assessment,
  }),
  "crisis-task-assigned": (context: MistakenPostContext, { taskIndex }: { taskIndex: number }) => ({
    account: context.post.account,
    task: taskAt(context, taskIndex),
    holding: context.crisisPlan ? { statement: context.crisisPlan.holdingStatement, spokesperson: context.crisisPlan.spokesperson } : null,
  }),
  "crisis-task-overdue": (context: MistakenPostContext, { taskIndex }: { taskIndex: number }) => {
    const task = taskAt(context, taskIndex);
    // The first senior leader is sent it too, to follow it up, unless the task is theirs.
    const chaser = context.policy.seniorLeaders[0];
    return { task, alsoSentTo: chaser && chaser.id !== task.owner.id ? chaser.name : null };
  },
  "leader-made-aware": (context: MistakenPostContext) => ({
    ...postFacts(context),
    leader: context.policy.leader?.name ?? null,
    madeAware: context.leaderDecision?.decision === "made_aware" ? context.leaderDecision : null,
    assessment: context.assessment,
    crisisPlan: context.crisisPlan,
  }),
  "response-tone-check": (context: MistakenPostContext) => ({
    account: context.post.account,
    response: context.response ? { text: context.response.text, drafter: context.response.drafter.name, draftedAt: context.response.draftedAt } : null,
    assessment: context.assessment,
  }),
  "crisis-stood-down": (context: MistakenPostContext) => ({
    account: context.post.account,
    standDown: context.standDown,
    crisisPlan: context.crisisPlan,
    tasksDone: context.tasks.filter((task) => task.status === "done").length,
    tasksCount: context.tasks.length,
    responseSent: context.response?.sentAt ? { at: context.response.sentAt, where: context.response.where } : null,
  }),
  "incident-closed": (context: MistakenPostContext) => ({
    reporter: context.reporter.name,
    account: context.post.account,
    reportedAt: context.reportedAt,
    closingReview: context.closingReview,
  }),
} satisfies EmailContracts<MistakenPostContext>;

export type MistakenPostEmails = typeof mistakenPostEmails;
