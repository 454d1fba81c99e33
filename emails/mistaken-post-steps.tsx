import { Text } from "@react-email/components";
import { formatDateTime, formatDuration } from "../machines/kit/dates";
import { SEVERITY_LABELS } from "../machines/mistaken-post";
import { EmailLayout, Fact, FactList, Quote } from "./layout";
import {
  AssessmentFacts,
  channelsStopped,
  CrisisPlanFacts,
  PostFacts,
  severityLabel,
  TaskFacts,
  taskFor,
  TaskList,
  type MistakenPostEmailData,
} from "./mistaken-post-facts";

/**
 * The emails sent at steps 3 to 5 of the mistaken post procedure (Haringey practice notes
 * 4.2.5) and when it ends: to senior leaders, task owners, the Leader, Communications and the
 * member of staff who reported it.
 */

type Data = MistakenPostEmailData;
type TaskData = Data & { taskIndex: number };

/** Step 1 and 3: senior leaders are told when the assessed severity calls for it. */
export function SeniorLeadersNotified(data: Data) {
  const { context } = data;
  const severity = severityLabel(context).toLowerCase();
  return (
    <EmailLayout
      preview={`A post made by mistake on ${context.post.account} has been assessed as ${severity} severity.`}
      reference={data.reference}
      heading={`A post made by mistake has been assessed as ${severity} severity`}
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Communications have assessed the reputational risk of a post made by mistake on {context.post.account}.
        Senior leaders are told of anything assessed as {SEVERITY_LABELS[context.policy.notifySeniorLeadersFrom].toLowerCase()}{" "}
        severity or above (Haringey practice notes 4.2.5, step 1).
      </Text>
      <Text>
        Communications are handling it and you do not need to do anything now.{" "}
        {context.assessment?.crisisPlanNeeded
          ? "They are making a crisis communication plan; you will be sent it as soon as it is in force."
          : "They do not think a crisis plan is needed. Please contact them if you disagree."}
      </Text>
      <AssessmentFacts context={context} scores />
      <PostFacts context={context} />
    </EmailLayout>
  );
}

/** Step 4: the crisis plan is made and the scheduled posts on its channels stop. */
export function CrisisPlanInForce(data: Data) {
  const { context } = data;
  const plan = context.crisisPlan;
  return (
    <EmailLayout
      preview={`A crisis plan is in force for a post made by mistake on ${context.post.account}. Scheduled posts have stopped.`}
      reference={data.reference}
      heading="A crisis plan is in force and scheduled posts have stopped"
      actionLabel="See the crisis plan"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {plan?.createdBy.name ?? "Communications"} has made a crisis communication plan for the post made by mistake
        on {context.post.account}. Scheduled posts on {plan ? channelsStopped(plan) : "the chosen channels"} have stopped
        and will not go out until Communications stand the crisis down and review each one.
      </Text>
      <Text>
        If anyone asks about it, please use only the holding statement below and refer them to the spokesperson. If
        one of the tasks below is yours, please do it by its due time and keep it up to date in Holdfast.
      </Text>
      {plan ? <CrisisPlanFacts plan={plan} /> : null}
      <TaskList tasks={context.tasks} />
      <AssessmentFacts context={context} />
    </EmailLayout>
  );
}

/** Step 4: a task of the crisis plan is given to someone. */
export function CrisisTaskAssigned(data: TaskData) {
  const { context } = data;
  const task = taskFor(data);
  return (
    <EmailLayout
      preview={`A crisis task for you: ${task.title}, due ${formatDateTime(task.dueAt)}.`}
      reference={data.reference}
      heading="A crisis task for you"
      actionLabel="Open your task"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {task.owner.name}, Communications have given you a task in the crisis plan for a post made by mistake on{" "}
        {context.post.account}. Please do it by {formatDateTime(task.dueAt)}, and mark it in progress or done in
        Holdfast so that everyone can see where it stands. If you cannot do it in time, tell Communications now.
      </Text>
      <TaskFacts task={task} />
      {context.crisisPlan ? (
        <>
          <Text>
            If you are asked about the post, please use only the holding statement and refer questions to{" "}
            {context.crisisPlan.spokesperson}.
          </Text>
          <Quote label="Holding statement" text={context.crisisPlan.holdingStatement} />
        </>
      ) : null}
    </EmailLayout>
  );
}

/** Step 4: a crisis task has passed its due time without being marked done. */
export function CrisisTaskOverdue(data: TaskData) {
  const { context } = data;
  const task = taskFor(data);
  const chaser = context.policy.seniorLeaders[0];
  return (
    <EmailLayout
      preview={`The crisis task "${task.title}" was due at ${formatDateTime(task.dueAt)} and is not done.`}
      reference={data.reference}
      heading="A crisis task is overdue"
      actionLabel="Update the task"
      actionUrl={data.incidentUrl}
    >
      <Text>
        The crisis task “{task.title}”, owned by {task.owner.name}, was due at {formatDateTime(task.dueAt)} and is not
        marked as done.
      </Text>
      <Text>
        {task.owner.name}, if it is done, please mark it done in Holdfast. If it is not, please tell Communications when
        it will be, or what you need to finish it.
        {chaser && chaser.id !== task.owner.id ? ` ${chaser.name} has been sent this email too, so that it can be followed up.` : ""}
      </Text>
      <TaskFacts task={task} />
    </EmailLayout>
  );
}

/** Step 5: the Leader is made aware because it may become a reputational issue. */
export function LeaderMadeAware(data: Data) {
  const { context } = data;
  const decision = context.leaderDecision?.decision === "made_aware" ? context.leaderDecision : null;
  const plan = context.crisisPlan;
  return (
    <EmailLayout
      preview={`For your awareness: a post made by mistake on ${context.post.account} may become a reputational issue.`}
      reference={data.reference}
      heading="For your awareness: a post made by mistake"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {context.policy.leader ? `${context.policy.leader.name}, ` : ""}Communications are letting you know about a post
        made by mistake on {context.post.account}, because it may become a reputational issue for the organisation
        (Haringey practice notes 4.2.5, step 5).
      </Text>
      <Text>
        You do not need to do anything.{" "}
        {plan
          ? `If you are asked about it, please keep to the holding statement below; the spokesperson is ${plan.spokesperson}.`
          : "If you are asked about it, please refer the question to Communications."}
      </Text>
      {decision ? (
        <>
          <Quote label="Summary from Communications" text={decision.summary} />
          <Fact label="Sent by" value={`${decision.by.name}, ${formatDateTime(decision.at)}`} />
        </>
      ) : null}
      <AssessmentFacts context={context} />
      {plan ? (
        <>
          <Quote label="Holding statement" text={plan.holdingStatement} />
          <Fact label="Scheduled posts stopped on" value={channelsStopped(plan)} />
        </>
      ) : null}
      <PostFacts context={context} />
    </EmailLayout>
  );
}

/** Appendix "before you respond": a second member of Communications checks the tone. */
export function ResponseToneCheck(data: Data & { drafter: string }) {
  const { context } = data;
  const response = context.response;
  const drafter = data.drafter || response?.drafter.name || "A colleague";
  return (
    <EmailLayout
      preview={`${drafter} has drafted a response that needs a second member of Communications to check its tone.`}
      reference={data.reference}
      heading="A response needs its tone checked"
      actionLabel="Check the tone"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {drafter} has drafted the organisation's response to the post made by mistake on {context.post.account} and
        done the “before you respond” checks. Before it can go out, a second member of Communications must read it and
        sign off the tone.
      </Text>
      <Text>
        If you are free to, please read the draft below and sign it off in Holdfast, or talk to {drafter} about
        changes. The sign-off must come from someone other than {drafter}, who drafted it.
      </Text>
      {response ? (
        <>
          <Quote label="Draft response" text={response.text} />
          <Fact label="Drafted by" value={`${response.drafter.name}, ${formatDateTime(response.draftedAt)}`} />
        </>
      ) : null}
      <AssessmentFacts context={context} />
    </EmailLayout>
  );
}

/** Step 4: the crisis is over; held posts are reviewed before the schedule runs again. */
export function CrisisStoodDown(data: Data) {
  const { context } = data;
  const standDown = context.standDown;
  const plan = context.crisisPlan;
  const done = context.tasks.filter((task) => task.status === "done").length;
  return (
    <EmailLayout
      preview={`The crisis over a post made by mistake on ${context.post.account} has been stood down.`}
      reference={data.reference}
      heading="The crisis has been stood down"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {standDown?.by.name ?? "Communications"} has stood down the crisis over the post made by mistake on{" "}
        {context.post.account}. The scheduled posts held while it was live are now reviewed one by one (released,
        edited or cancelled) before the schedule runs again. You do not need to do anything.
      </Text>
      {standDown ? (
        <>
          <Quote label="Summary" text={standDown.summary} />
          <Fact label="Stood down" value={formatDateTime(standDown.at)} />
          {plan ? <Fact label="Crisis plan in force for" value={formatDuration(plan.createdAt, standDown.at)} /> : null}
        </>
      ) : null}
      {plan ? <Fact label="Scheduled posts held on" value={channelsStopped(plan)} /> : null}
      <Fact label="Crisis tasks done" value={`${done} of ${context.tasks.length}`} />
      {context.response?.sentAt ? (
        <Fact
          label="Response sent"
          value={`${formatDateTime(context.response.sentAt)}${context.response.where ? ` (${context.response.where})` : ""}`}
        />
      ) : null}
    </EmailLayout>
  );
}

/** The end: the member of staff who reported the post hears how it closed. */
export function IncidentClosed(data: Data) {
  const { context } = data;
  const review = context.closingReview;
  return (
    <EmailLayout
      preview={`The post made by mistake you reported on ${formatDateTime(context.reportedAt)} has been closed.`}
      reference={data.reference}
      heading="Your report has been closed"
      actionLabel="See the review"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {context.reporter.name}, the post made by mistake on {context.post.account} that you reported on{" "}
        {formatDateTime(context.reportedAt)} has been closed{review ? ` by ${review.by.name}` : ""} with a short review.
        Thank you for reporting it straight away. There is nothing more you need to do, unless one of the follow-up
        actions below is yours.
      </Text>
      {review ? (
        <>
          <Quote label="What happened" text={review.whatHappened} />
          <Quote label="What we learned" text={review.lessons} />
          <FactList
            label="Follow-up actions"
            empty="none."
            items={review.followUps.map((followUp) => `${followUp.action} (${followUp.owner})`)}
          />
        </>
      ) : null}
    </EmailLayout>
  );
}
