import type { ReactNode } from "react";
import type { OfferedEvent } from "../../../machines/kit";
import type { MistakenPostContext } from "../../../machines/mistaken-post";
import {
  EvidenceSection,
  IncidentLayout,
  Timeline,
  type EvidenceEntry,
  type TimelineEntry,
  type TimelinePaging,
  type WorkView,
} from "../../components/incident-parts";
import { ScreenshotUpload, screenshotRefusals } from "../../components/screenshot-upload";
import { MistakenPostRecord, PostLink, ReportFacts } from "./record";
import {
  AcknowledgeStep,
  ClosingReviewStep,
  CrisisPlanStep,
  CrisisTaskList,
  DeletionStep,
  HeldPostsStep,
  LeaderStep,
  RespondStep,
  RiskAssessmentStep,
  StandDownStep,
  type StepPageData,
} from "./steps";
import type { StepView } from "../../components/stepper";
import type { IncidentActionData, IncidentPageData } from "../types";

interface MistakenPostPage {
  incident: { reference: string; title: string; kindTitle: string; version: number; state: string };
  context: MistakenPostContext;
  steps: StepView[];
  deadlines: { description: string; dueAt: string; overdue: boolean }[];
  work: WorkView[];
  now: string;
  timeline: TimelineEntry[];
  timelinePaging: TimelinePaging;
  allowedEvents: string[];
  offers: OfferedEvent[];
  evidence: EvidenceEntry[];
  evidenceCount: number;
  heldPosts: StepPageData["heldPosts"];
  channels: StepPageData["channels"];
  taskOwners: StepPageData["taskOwners"];
  userId: number;
}

/**
 * What this person may do now, as the machine allows them, with what they need to know to do it;
 * null when they may do nothing (the page then says whom the incident waits for).
 */
function currentStepActions(page: MistakenPostPage, data: StepPageData): ReactNode {
  const may = (type: string) => data.allowed.includes(type);
  const { context } = page;
  const mine = page.work.find((piece) => piece.mine && piece.key === page.incident.state) ?? null;
  switch (page.incident.state) {
    case "awaitingAcknowledgement":
      return may("ACKNOWLEDGE") ? (
        <>
          <ReportFacts context={context} due={mine} />
          <AcknowledgeStep data={data} />
        </>
      ) : null;
    case "deletion":
      return may("RECORD_NOT_DELETED") ? (
        <DeletionStep
          data={data}
          post={<PostLink link={context.post.link} />}
          screenshotUpload={
            context.screenshotCount === 0 ? <ScreenshotUpload version={data.version} refusals={screenshotRefusals(data.actionData)} label="Screenshot of the post" /> : null
          }
        />
      ) : null;
    case "riskAssessment":
      return may("ASSESS_RISK") ? <RiskAssessmentStep data={data} /> : null;
    case "crisisPlan":
      return may("CREATE_CRISIS_PLAN") ? <CrisisPlanStep data={data} context={page.context} /> : null;
    case "leaderAwareness":
      return may("MAKE_LEADER_AWARE") ? <LeaderStep data={data} leaderName={context.policy.leader?.name ?? null} /> : null;
    case "responding":
      return may("DRAFT_RESPONSE") ? <RespondStep context={context} data={data} userId={page.userId} /> : null;
    case "standingDown":
      return may("STAND_DOWN") ? <StandDownStep data={data} /> : null;
    case "reviewingHeldPosts":
      return may("RESUME_SCHEDULE") ? <HeldPostsStep data={data} /> : null;
    case "closingReview":
      return may("CLOSE") ? <ClosingReviewStep data={data} /> : null;
    default:
      return null;
  }
}

export function MistakenPostIncident(props: { page: IncidentPageData; actionData: IncidentActionData | undefined }) {
  // The loader sent this path's page: its context and extras are the ones declared above.
  const page = props.page as unknown as MistakenPostPage;
  const actionData = props.actionData;
  const { incident, context } = page;
  const data: StepPageData = {
    version: incident.version,
    allowed: page.allowedEvents,
    updatableTasks: page.offers.flatMap((event) => (event.type === "UPDATE_TASK" ? [event.taskIndex as number] : [])),
    actionData,
    taskOwners: page.taskOwners,
    channels: page.channels,
    heldPosts: page.heldPosts,
    now: page.now,
  };
  // Before a deletion is recorded, the screenshot is asked for in the deletion step itself.
  const screenshotFirst = incident.state === "deletion" && context.screenshotCount === 0;
  return (
    <IncidentLayout
      page={page}
      actionData={actionData}
      warning={
        context.chainExhausted && !context.acknowledgedBy ? (
          <p className="mb-4 border-l-8 border-danger bg-red-50 p-3 font-semibold">Nobody in the reporting line acknowledged in time. Communications have been told.</p>
        ) : null
      }
      actions={currentStepActions(page, data)}
    >
      <CrisisTaskList context={context} data={data} />
      <EvidenceSection
        reference={incident.reference}
        evidence={page.evidence}
        total={page.evidenceCount}
        canAdd={page.allowedEvents.includes("ATTACH_SCREENSHOT") && !screenshotFirst}
        version={incident.version}
        actionData={actionData}
      />
      <MistakenPostRecord context={context} />
      <Timeline reference={incident.reference} timeline={page.timeline} paging={page.timelinePaging} />
    </IncidentLayout>
  );
}
