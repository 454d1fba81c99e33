import { formatDateTime } from "../../machines/kit/dates";
import type { CrisisPlan, CrisisTask, MistakenPostContext, MistakenPostDetails, MistakenPostEmails } from "../../machines/mistaken-post";
import { AGGRAVATING_FACTORS, RISK_DECISIONS, RISK_SCALES, SEVERITY_LABELS, TASK_STATUSES } from "../../machines/mistaken-post";
import { Fact, FactList, Quote } from "../layout";
import type { EmailProps } from "../types";

/** The props of one mistaken post template. */
export type MistakenPostEmailProps<Name extends keyof MistakenPostEmails> = EmailProps<MistakenPostEmails, Name>;

type Assessment = MistakenPostContext["assessment"];

/** "High", or "Not assessed yet" before the risk assessment. */
export function severityLabel(assessment: Assessment): string {
  return assessment ? SEVERITY_LABELS[assessment.severity] : "Not assessed yet";
}

/** The channels whose scheduled posts the crisis plan stopped, in words. */
export function channelsStopped(plan: CrisisPlan): string {
  if (plan.channels === "all") return "all channels";
  return plan.channelNames.length > 0 ? plan.channelNames.join(", ") : "no channels";
}

/** "Ellie Marsh, Fri 20 Nov 2026, 17:25". */
const byAt = (by: { name: string }, at: string) => `${by.name}, ${formatDateTime(at)}`;

const scale = (words: readonly string[], score: number) => `${words[score - 1] ?? "?"} (${score} of 5)`;

export function PostFacts({ reporter, post }: { reporter: string; post: MistakenPostDetails }) {
  return (
    <>
      <Fact label="Reported by" value={reporter} />
      <Fact label="Account" value={`${post.account} (${post.platform})`} />
      <Fact label="Posted" value={formatDateTime(post.postedAt)} />
      {post.link ? <Fact label="Link" value={post.link} /> : null}
      <Fact label="What happened" value={post.whatHappened} />
    </>
  );
}

/** Communications' risk assessment: the severity, the decision and why. */
export function AssessmentFacts({ assessment, scores = false }: { assessment: Assessment; scores?: boolean }) {
  if (!assessment) return <Fact label="Severity" value={severityLabel(assessment)} />;
  return (
    <>
      <Fact label="Severity" value={SEVERITY_LABELS[assessment.severity]} />
      <Fact label="Decision" value={RISK_DECISIONS[assessment.decision]} />
      <Fact label="Why" value={assessment.rationale} />
      {scores ? (
        <>
          <Fact label="Likelihood of spreading" value={scale(RISK_SCALES.likelihood, assessment.likelihood)} />
          <Fact label="Impact" value={scale(RISK_SCALES.impact, assessment.impact)} />
          <Fact label="Reach" value={scale(RISK_SCALES.reach, assessment.reach)} />
          {assessment.factors.length > 0 ? (
            <Fact label="What makes it worse" value={assessment.factors.map((factor) => AGGRAVATING_FACTORS[factor]).join("; ")} />
          ) : null}
          <Fact label="Assessed by" value={byAt(assessment.assessedBy, assessment.assessedAt)} />
        </>
      ) : null}
    </>
  );
}

/** The crisis plan: what to say, who says it, which channels are stopped and when it is reviewed. */
export function CrisisPlanFacts({ plan }: { plan: CrisisPlan }) {
  return (
    <>
      <Quote label="Holding statement" text={plan.holdingStatement} />
      <Fact label="Spokesperson" value={plan.spokesperson} />
      <Fact label="Audiences" value={plan.audiences} />
      <Fact label="Scheduled posts stopped on" value={channelsStopped(plan)} />
      <Fact label="Plan to be reviewed" value={formatDateTime(plan.reviewAt)} />
      <Fact label="Plan made by" value={byAt(plan.createdBy, plan.createdAt)} />
    </>
  );
}

export function TaskFacts({ task }: { task: CrisisTask }) {
  return (
    <>
      <Fact label="Task" value={task.title} />
      <Fact label="Owner" value={task.owner.name} />
      <Fact label="Due" value={formatDateTime(task.dueAt)} />
      <Fact label="Status" value={TASK_STATUSES[task.status]} />
    </>
  );
}

/** Every task of the crisis plan, one line each. */
export function TaskList({ tasks }: { tasks: CrisisTask[] }) {
  return (
    <FactList
      label="Crisis tasks"
      empty="none yet."
      items={tasks.map((task) => {
        const status = TASK_STATUSES[task.status] + (task.overdue && task.status !== "done" ? ", overdue" : "");
        return `${task.title}: ${task.owner.name}, due ${formatDateTime(task.dueAt)} (${status})`;
      })}
    />
  );
}
