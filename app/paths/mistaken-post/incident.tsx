import type { OfferedEvent } from "../../../machines/kit";
import type { MistakenPostContext } from "../../../machines/mistaken-post";
import {
  DeadlineList,
  EvidenceSection,
  IncidentLayout,
  Timeline,
  type EvidenceEntry,
  type TimelineEntry,
  type TimelinePaging,
} from "../../components/incident-parts";
import { MistakenPostRecord } from "./record";
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
  currentStep: { title: string; guidance: string; actor: string; source: string } | null;
  deadlines: { description: string; dueAt: string; overdue: boolean }[];
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

/** The forms for the step the incident is on, as the machine allows this person. */
function CurrentStepActions({ page, data }: { page: MistakenPostPage; data: StepPageData }) {
  const may = (type: string) => data.allowed.includes(type);
  switch (page.incident.state) {
    case "awaitingAcknowledgement":
      return may("ACKNOWLEDGE") ? <AcknowledgeStep data={data} /> : null;
    case "deletion":
      return may("RECORD_NOT_DELETED") ? <DeletionStep data={data} hasScreenshot={page.context.screenshotCount > 0} /> : null;
    case "riskAssessment":
      return may("ASSESS_RISK") ? <RiskAssessmentStep data={data} /> : null;
    case "crisisPlan":
      return may("CREATE_CRISIS_PLAN") ? <CrisisPlanStep data={data} context={page.context} /> : null;
    case "leaderAwareness":
      return may("MAKE_LEADER_AWARE") ? <LeaderStep data={data} leaderName={page.context.policy.leader?.name ?? null} /> : null;
    case "responding":
      return may("DRAFT_RESPONSE") ? <RespondStep context={page.context} data={data} userId={page.userId} /> : null;
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
  const { incident, context, currentStep } = page;
  const data: StepPageData = {
    version: incident.version,
    allowed: page.allowedEvents,
    updatableTasks: page.offers.flatMap((event) => (event.type === "UPDATE_TASK" ? [event.taskIndex as number] : [])),
    actionData,
    taskOwners: page.taskOwners,
    channels: page.channels,
    heldPosts: page.heldPosts,
  };
  return (
    <IncidentLayout kindTitle={incident.kindTitle} reference={incident.reference} title={incident.title} steps={page.steps} problem={actionData?.problem}>
      {currentStep ? (
        <section aria-labelledby="current-step-title" className="panel border-l-8 border-l-brand">
          <p className="text-sm font-semibold uppercase tracking-wide text-muted">Current step</p>
          <h2 id="current-step-title" className="text-xl font-bold">
            {currentStep.title}
          </h2>
          <p className="mt-2">{currentStep.guidance}</p>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="font-semibold">Who acts</dt>
            <dd>{currentStep.actor}</dd>
            {context.acknowledgedBy ? null : (
              <>
                <dt className="font-semibold">Asked now</dt>
                <dd>{context.escalationChain[context.askedIndex]?.name}</dd>
              </>
            )}
            <dt className="font-semibold">Source</dt>
            <dd>{currentStep.source}</dd>
          </dl>
          <DeadlineList deadlines={page.deadlines} />
          {context.chainExhausted ? (
            <p className="mt-3 font-semibold text-danger">Nobody in the reporting line acknowledged in time. Communications have been told.</p>
          ) : null}
        </section>
      ) : null}
      <CurrentStepActions page={page} data={data} />
      <CrisisTaskList context={context} data={data} />
      <EvidenceSection reference={incident.reference} evidence={page.evidence} total={page.evidenceCount} canAdd={page.allowedEvents.includes("ATTACH_SCREENSHOT")} version={incident.version} actionData={actionData} />
      <MistakenPostRecord context={context} />
      <Timeline reference={incident.reference} timeline={page.timeline} paging={page.timelinePaging} />
    </IncidentLayout>
  );
}
