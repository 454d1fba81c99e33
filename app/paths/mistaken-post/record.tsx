import { DELETION_REASONS, type MistakenPostContext } from "../../../machines/mistaken-post";
import { AGGRAVATING_FACTORS, RISK_DECISIONS, SEVERITY_LABELS } from "../../../machines/mistaken-post";
import { formatDateTime } from "../../../machines/kit/dates";
import { Fact, RecordSection, type WorkView } from "../../components/incident-parts";

export function PostLink({ link }: { link: string | null }) {
  return link ? (
    <a href={link} className="link break-all" rel="noreferrer noopener" target="_blank">
      {link} <span className="sr-only">(opens in a new tab)</span>
    </a>
  ) : (
    "Not given"
  );
}

/** What someone acting on the report needs in front of them: what was posted, where, who reported it, and when their part is due. */
export function ReportFacts({ context, due }: { context: MistakenPostContext; due: WorkView | null }) {
  return (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
      <Fact term="What happened">{context.post.whatHappened}</Fact>
      <Fact term="The post">
        <PostLink link={context.post.link} />
      </Fact>
      <Fact term="Reported by">{`${context.reporter.name}, ${formatDateTime(context.reportedAt)}`}</Fact>
      <Fact term={due?.overdue ? "Overdue since" : "Due"}>{due?.dueAt ? formatDateTime(due.dueAt) : null}</Fact>
    </dl>
  );
}

/** What has been recorded so far on a mistaken post, step by step. */
export function MistakenPostRecord({ context }: { context: MistakenPostContext }) {
  const { deletion, assessment, crisisPlan, leaderDecision, response, standDown, closingReview } = context;
  return (
    <>
      <RecordSection id="report-title" title="The report">
        <Fact term="Reported by">{context.reporter.name}</Fact>
        <Fact term="Reported">{formatDateTime(context.reportedAt)}</Fact>
        <Fact term="Platform">{context.post.platform}</Fact>
        <Fact term="Account">{context.post.account}</Fact>
        <Fact term="Posted">{formatDateTime(context.post.postedAt)}</Fact>
        <Fact term="Link">
          <PostLink link={context.post.link} />
        </Fact>
        <Fact term="What happened">{context.post.whatHappened}</Fact>
        <Fact term="Acknowledged">{context.acknowledgedBy ? `${context.acknowledgedBy.name}, ${formatDateTime(context.acknowledgedAt!)}` : null}</Fact>
      </RecordSection>

      {deletion ? (
        <RecordSection id="deletion-title" title="Deletion">
          {deletion.outcome === "deleted" ? (
            <>
              <Fact term="Deleted">{formatDateTime(deletion.deletedAt)}</Fact>
              <Fact term="Note">{deletion.note}</Fact>
            </>
          ) : (
            <>
              <Fact term="Not deleted">{DELETION_REASONS[deletion.reason]}</Fact>
              <Fact term="Why">{deletion.explanation}</Fact>
            </>
          )}
          <Fact term="Recorded by">{deletion.recordedBy.name}</Fact>
        </RecordSection>
      ) : null}

      {assessment ? (
        <RecordSection id="assessment-record-title" title="Risk assessment">
          <Fact term="Severity">
            <strong>{SEVERITY_LABELS[assessment.severity]}</strong> (likelihood {assessment.likelihood}, impact {assessment.impact}, reach {assessment.reach})
          </Fact>
          <Fact term="Makes it worse">{assessment.factors.map((factor) => AGGRAVATING_FACTORS[factor]).join("; ") || "Nothing noted"}</Fact>
          <Fact term="Decision">{RISK_DECISIONS[assessment.decision]}</Fact>
          <Fact term="Why">{assessment.rationale}</Fact>
          <Fact term="Senior leaders">{assessment.seniorLeadersNotified ? context.policy.seniorLeaders.map((leader) => leader.name).join(", ") + " emailed" : "Not needed at this severity"}</Fact>
          <Fact term="Assessed by">{`${assessment.assessedBy.name}, ${formatDateTime(assessment.assessedAt)}`}</Fact>
        </RecordSection>
      ) : null}

      {crisisPlan ? (
        <RecordSection id="plan-record-title" title="Crisis communication plan">
          <Fact term="Holding statement">{crisisPlan.holdingStatement}</Fact>
          <Fact term="Spokesperson">{crisisPlan.spokesperson}</Fact>
          <Fact term="Audiences">{crisisPlan.audiences}</Fact>
          <Fact term="Scheduled posts stopped on">{crisisPlan.channelNames.join(", ")}</Fact>
          <Fact term="Review">{formatDateTime(crisisPlan.reviewAt)}</Fact>
          <Fact term="Made by">{`${crisisPlan.createdBy.name}, ${formatDateTime(crisisPlan.createdAt)}`}</Fact>
        </RecordSection>
      ) : null}

      {leaderDecision ? (
        <RecordSection id="leader-record-title" title="The Leader">
          <Fact term={leaderDecision.decision === "made_aware" ? "Made aware" : "Not needed"}>
            {leaderDecision.decision === "made_aware" ? leaderDecision.summary : leaderDecision.reason}
          </Fact>
          <Fact term="By">{`${leaderDecision.by.name}, ${formatDateTime(leaderDecision.at)}`}</Fact>
        </RecordSection>
      ) : null}

      {response?.sentAt ? (
        <RecordSection id="response-record-title" title="Our response">
          <Fact term="Response">{response.text}</Fact>
          <Fact term="Drafted by">{response.drafter.name}</Fact>
          <Fact term="Tone signed off by">{response.toneSignedOffBy?.name}</Fact>
          <Fact term="Sent">{`${formatDateTime(response.sentAt)}: ${response.where}`}</Fact>
        </RecordSection>
      ) : null}

      {standDown ? (
        <RecordSection id="stand-down-record-title" title="Stand-down">
          <Fact term="Stood down">{`${standDown.by.name}, ${formatDateTime(standDown.at)}`}</Fact>
          <Fact term="Why">{standDown.summary}</Fact>
          <Fact term="Held posts reviewed">{String(context.heldPostReviews.length)}</Fact>
        </RecordSection>
      ) : null}

      {closingReview ? (
        <RecordSection id="review-record-title" title="Closing review">
          <Fact term="What happened">{closingReview.whatHappened}</Fact>
          <Fact term="What we learned">{closingReview.lessons}</Fact>
          <Fact term="Follow-up actions">
            {closingReview.followUps.length ? (
              <ul className="ml-5 list-disc">
                {closingReview.followUps.map((followUp, index) => (
                  <li key={index}>
                    {followUp.action} ({followUp.owner})
                  </li>
                ))}
              </ul>
            ) : (
              "None"
            )}
          </Fact>
        </RecordSection>
      ) : null}

    </>
  );
}
