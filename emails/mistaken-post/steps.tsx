import { Text } from "@react-email/components";
import { formatDateTime, formatDuration } from "../../machines/kit/dates";
import { SEVERITY_LABELS } from "../../machines/mistaken-post";
import { EmailLayout, Fact, FactList, Quote } from "../layout";
import {
  AssessmentFacts,
  channelsStopped,
  CrisisPlanFacts,
  PostFacts,
  severityLabel,
  TaskFacts,
  TaskList,
  type MistakenPostEmailProps,
} from "./facts";

/**
 * The emails sent at steps 3 to 5 of the mistaken post procedure (Haringey practice notes
 * 4.2.5) and when it ends: to senior leaders, task owners, the Leader, Communications and the
 * member of staff who reported it.
 */

/** Step 1 and 3: senior leaders are told when the assessed severity calls for it. */
export function SeniorLeadersNotified(data: MistakenPostEmailProps<"senior-leaders-notified">) {
  const severity = severityLabel(data.assessment).toLowerCase();
  return (
    <EmailLayout
      preview={`A post made by mistake on ${data.post.account} has been assessed as ${severity} severity.`}
      reference={data.reference}
      heading={`A post made by mistake has been assessed as ${severity} severity`}
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Communications have assessed the reputational risk of a post made by mistake on {data.post.account}.
        Senior leaders are told of anything assessed as {SEVERITY_LABELS[data.notifySeniorLeadersFrom].toLowerCase()}{" "}
        severity or above (Haringey practice notes 4.2.5, step 1).
      </Text>
      <Text>
        Communications are handling it and you do not need to do anything now.{" "}
        {data.assessment?.crisisPlanNeeded
          ? "They are making a crisis communication plan; you will be sent it as soon as it is in force."
          : "They do not think a crisis plan is needed. Please contact them if you disagree."}
      </Text>
      <AssessmentFacts assessment={data.assessment} scores />
      <PostFacts reporter={data.reporter} post={data.post} />
    </EmailLayout>
  );
}

/** Step 4: the crisis plan is made and the scheduled posts on its channels stop. */
export function CrisisPlanInForce(data: MistakenPostEmailProps<"crisis-plan-in-force">) {
  const plan = data.crisisPlan;
  return (
    <EmailLayout
      preview={`A crisis plan is in force for a post made by mistake on ${data.account}. Scheduled posts have stopped.`}
      reference={data.reference}
      heading="A crisis plan is in force and scheduled posts have stopped"
      actionLabel="See the crisis plan"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {plan?.createdBy.name ?? "Communications"} has made a crisis communication plan for the post made by mistake
        on {data.account}. Scheduled posts on {plan ? channelsStopped(plan) : "the chosen channels"} have stopped
        and will not go out until Communications stand the crisis down and review each one.
      </Text>
      <Text>
        If anyone asks about it, please use only the holding statement below and refer them to the spokesperson. If
        one of the tasks below is yours, please do it by its due time and keep it up to date in Holdfast.
      </Text>
      {plan ? <CrisisPlanFacts plan={plan} /> : null}
      <TaskList tasks={data.tasks} />
      <AssessmentFacts assessment={data.assessment} />
    </EmailLayout>
  );
}

/** Step 4: a task of the crisis plan is given to someone. */
export function CrisisTaskAssigned(data: MistakenPostEmailProps<"crisis-task-assigned">) {
  const { task, holding } = data;
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
        {data.account}. Please do it by {formatDateTime(task.dueAt)}, and mark it in progress or done in
        Holdfast so that everyone can see where it stands. If you cannot do it in time, tell Communications now.
      </Text>
      <TaskFacts task={task} />
      {holding ? (
        <>
          <Text>
            If you are asked about the post, please use only the holding statement and refer questions to{" "}
            {holding.spokesperson}.
          </Text>
          <Quote label="Holding statement" text={holding.statement} />
        </>
      ) : null}
    </EmailLayout>
  );
}

/** Step 4: a crisis task has passed its due time without being marked done. */
export function CrisisTaskOverdue(data: MistakenPostEmailProps<"crisis-task-overdue">) {
  const { task } = data;
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
        {data.alsoSentTo ? ` ${data.alsoSentTo} has been sent this email too, so that it can be followed up.` : ""}
      </Text>
      <TaskFacts task={task} />
    </EmailLayout>
  );
}

/** Step 5: the Leader is made aware because it may become a reputational issue. */
export function LeaderMadeAware(data: MistakenPostEmailProps<"leader-made-aware">) {
  const decision = data.madeAware;
  const plan = data.crisisPlan;
  return (
    <EmailLayout
      preview={`For your awareness: a post made by mistake on ${data.post.account} may become a reputational issue.`}
      reference={data.reference}
      heading="For your awareness: a post made by mistake"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.leader ? `${data.leader}, ` : ""}Communications are letting you know about a post
        made by mistake on {data.post.account}, because it may become a reputational issue for the organisation
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
      <AssessmentFacts assessment={data.assessment} />
      {plan ? (
        <>
          <Quote label="Holding statement" text={plan.holdingStatement} />
          <Fact label="Scheduled posts stopped on" value={channelsStopped(plan)} />
        </>
      ) : null}
      <PostFacts reporter={data.reporter} post={data.post} />
    </EmailLayout>
  );
}

/** Appendix "before you respond": a second member of Communications checks the tone. */
export function ResponseToneCheck(data: MistakenPostEmailProps<"response-tone-check">) {
  const response = data.response;
  const drafter = response?.drafter ?? "A colleague";
  return (
    <EmailLayout
      preview={`${drafter} has drafted a response that needs a second member of Communications to check its tone.`}
      reference={data.reference}
      heading="A response needs its tone checked"
      actionLabel="Check the tone"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {drafter} has drafted the organisation's response to the post made by mistake on {data.account} and
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
          <Fact label="Drafted by" value={`${response.drafter}, ${formatDateTime(response.draftedAt)}`} />
        </>
      ) : null}
      <AssessmentFacts assessment={data.assessment} />
    </EmailLayout>
  );
}

/** Step 4: the crisis is over; held posts are reviewed before the schedule runs again. */
export function CrisisStoodDown(data: MistakenPostEmailProps<"crisis-stood-down">) {
  const { standDown, responseSent } = data;
  const plan = data.crisisPlan;
  return (
    <EmailLayout
      preview={`The crisis over a post made by mistake on ${data.account} has been stood down.`}
      reference={data.reference}
      heading="The crisis has been stood down"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {standDown?.by.name ?? "Communications"} has stood down the crisis over the post made by mistake on{" "}
        {data.account}. The scheduled posts held while it was live are now reviewed one by one (released,
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
      <Fact label="Crisis tasks done" value={`${data.tasksDone} of ${data.tasksCount}`} />
      {responseSent ? (
        <Fact label="Response sent" value={`${formatDateTime(responseSent.at)}${responseSent.where ? ` (${responseSent.where})` : ""}`} />
      ) : null}
    </EmailLayout>
  );
}

/** The end: the member of staff who reported the post hears how it closed. */
export function IncidentClosed(data: MistakenPostEmailProps<"incident-closed">) {
  const review = data.closingReview;
  return (
    <EmailLayout
      preview={`The post made by mistake you reported on ${formatDateTime(data.reportedAt)} has been closed.`}
      reference={data.reference}
      heading="Your report has been closed"
      actionLabel="See the review"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.reporter}, the post made by mistake on {data.account} that you reported on{" "}
        {formatDateTime(data.reportedAt)} has been closed{review ? ` by ${review.by.name}` : ""} with a short review.
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
