import { facet, milestone, type Assignee, type AwaitedWork, type MachineState, type ReadModel } from "../kit";
import type { MistakenPostContext } from "./machine";

const COMMUNICATIONS: Assignee = { role: "communications" };

/** What each step awaits and from whom, as the step's guards allow; the steps not listed await nobody. */
const STEP_WORK: Record<string, (context: MistakenPostContext) => Omit<AwaitedWork, "key" | "section">> = {
  // The officer asked now, or anyone asked before them (isAskedOfficer).
  awaitingAcknowledgement: (context) => ({
    description: "Acknowledge the report of a post made by mistake",
    toReporter: "acknowledge it",
    assignees: context.escalationChain.slice(0, context.askedIndex + 1).map((officer) => ({ personId: officer.id })),
    deadlineKey: "acknowledgement",
  }),
  deletion: (context) => ({
    description: "Keep a screenshot of the post, then delete it if possible",
    toReporter: "keep a screenshot of the post, then delete it if possible",
    assignees: [{ personId: context.reporter.id }, COMMUNICATIONS],
    deadlineKey: null,
  }),
  riskAssessment: () => communicationsWork("Assess the reputational risk", "decide how serious it is and how to respond"),
  crisisPlan: () => communicationsWork("Make a crisis communication plan", "plan how to handle it as a crisis"),
  leaderAwareness: () => communicationsWork("Make the Leader aware, or record why not", "tell the Leader"),
  responding: () => communicationsWork("Respond as the organisation", "respond as the organisation"),
  standingDown: () => communicationsWork("Stand down the crisis", "stand down the crisis"),
  reviewingHeldPosts: () => communicationsWork("Review the held posts, then resume the schedule", "review the held posts and resume posting"),
  closingReview: () => communicationsWork("Close with a short review", "close it with a short review"),
};

function communicationsWork(description: string, toReporter: string): Omit<AwaitedWork, "key" | "section"> {
  return { description, toReporter, assignees: [COMMUNICATIONS], deadlineKey: null };
}

/** Each crisis task not done while the crisis is live, for its owner and Communications (mayUpdateTask). */
function openTasks(context: MistakenPostContext): AwaitedWork[] {
  if (context.crisisPlan === null || context.standDown !== null) return [];
  return context.tasks.flatMap((task, index): AwaitedWork[] =>
    task.status === "done"
      ? []
      : [{ key: `task-${index}`, description: task.title, toReporter: `see to a task of the crisis plan: ${task.title}`, assignees: [{ personId: task.owner.id }, COMMUNICATIONS], deadlineKey: `task-${index}`, section: null }],
  );
}

export function mistakenPostReadModel(context: MistakenPostContext, state: MachineState): ReadModel {
  const stepWork = STEP_WORK[state.step];
  return {
    milestones: [
      ...milestone("reported", context.reportedAt),
      ...milestone("acknowledged", context.acknowledgedAt),
      ...milestone("assessed", context.assessment?.assessedAt),
      ...milestone("closed", context.closingReview?.at, context.closingReview?.whatHappened),
    ],
    work: [...(stepWork ? [{ key: state.step, section: null, ...stepWork(context) }] : []), ...openTasks(context)],
    facets: [
      ...facet("platform", context.post.platform),
      ...facet("account", context.post.account),
      ...facet("severity", context.assessment?.severity),
      ...facet("decision", context.assessment?.decision),
    ],
  };
}
