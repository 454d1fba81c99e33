import type { ReactNode } from "react";
import {
  ABUSE_KINDS,
  PLATFORM_ANSWERS,
  POLICE_ROUTES,
  PROTECTED_CHARACTERISTICS,
  type StaffAbuseView,
} from "../../../machines/staff-abuse";
import { GENERAL_PRIVACY_GUIDANCE, PLATFORM_PRIVACY_GUIDANCE } from "../../content/platform-guidance";
import { BLOCKING_STEPS, staffAbuseStepSchemas, type StaffAbuseIntent } from "./step-schemas";
import { formatDateTime } from "../../../machines/kit/dates";
import { ChoiceField, TextAreaField, TextField, labelOptions } from "../../components/forms";
import {
  EvidenceSection,
  Fact,
  IncidentLayout,
  RecordSection,
  Timeline,
  type EvidenceEntry,
  type TimelineEntry,
  type TimelinePaging,
  type WorkView,
} from "../../components/incident-parts";
import { ScreenshotUpload, screenshotRefusals } from "../../components/screenshot-upload";
import { StepForm } from "../../components/step-form";
import type { StepView } from "../../components/stepper";
import type { IncidentActionData, IncidentPageData } from "../types";

/** The UK Safer Internet Centre's service that steps in when a platform has not acted. */
const REPORT_HARMFUL_CONTENT = "https://reportharmfulcontent.com/";

interface StaffAbusePage {
  incident: { reference: string; title: string; kindTitle: string; version: number; state: string };
  /** Only the sections of the report this person may see (need to know): the others are never sent. */
  context: StaffAbuseView;
  steps: StepView[];
  deadlines: { description: string; dueAt: string; overdue: boolean }[];
  work: WorkView[];
  now: string;
  timeline: TimelineEntry[];
  timelinePaging: TimelinePaging;
  allowedEvents: string[];
  evidence: EvidenceEntry[];
  evidenceCount: number;
  userId: number;
}

/** The statuses of the GOV.UK task list. */
type TaskStatus = "Not started" | "In progress" | "Done" | "Cannot start yet" | "Not needed";

const STATUS_STYLE: Record<TaskStatus, string> = {
  "Not started": "bg-blue-100 text-brand-dark",
  "In progress": "bg-yellow-100 text-ink",
  Done: "bg-green-100 text-success",
  "Cannot start yet": "bg-gray-200 text-ink",
  "Not needed": "bg-gray-200 text-ink",
};

/** A piece of work of the report: its status, when its next part is due, and, when this person may act, its forms. */
interface TaskEntry {
  id: string;
  title: string;
  status: TaskStatus;
  /** The read model's work for it, when some is awaited. */
  work: WorkView | undefined;
  /** This person's forms for it, with what they need to know; null when they have none now. */
  form: ReactNode;
}

/** The GOV.UK task list: each piece of work with one status; a task this person can do links to its form below. */
function TaskList({ tasks }: { tasks: TaskEntry[] }) {
  return (
    <ul aria-label="Tasks" className="mt-3 border-t border-gray-300">
      {tasks.map((task) => (
        <li key={task.id} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 border-b border-gray-300 py-3">
          <div className="min-w-0">
            {task.form ? (
              <a href={`#task-${task.id}`} className="link font-semibold" aria-describedby={`task-${task.id}-status`}>
                {task.title}
              </a>
            ) : (
              <span className="font-semibold">{task.title}</span>
            )}
            {task.work?.dueAt && task.status !== "Done" ? (
              <span className={`block text-sm ${task.work.overdue ? "font-semibold text-danger" : "text-muted"}`}>
                {task.work.overdue ? "Overdue since " : "Due "}
                {formatDateTime(task.work.dueAt)}
              </span>
            ) : null}
          </div>
          <strong id={`task-${task.id}-status`} className={`tag ${STATUS_STYLE[task.status]}`}>
            {task.status}
          </strong>
        </li>
      ))}
    </ul>
  );
}

/** One task's forms, below the list, where the list's link lands. */
function TaskForms({ task, children }: { task: TaskEntry; children: ReactNode }) {
  return (
    <section id={`task-${task.id}`} tabIndex={-1} aria-labelledby={`task-${task.id}-title`} className="panel mt-4 scroll-mt-2">
      <h3 id={`task-${task.id}-title`} className="text-lg font-bold">
        {task.title}
      </h3>
      {children}
    </section>
  );
}

/** Where a task stands, from the step's status and what is recorded in its section. */
function regionStatus(step: StepView["status"] | undefined, started: boolean, notNeeded = false): TaskStatus {
  if (step === "done") return notNeeded ? "Not needed" : "Done";
  if (step === "skipped") return "Not needed";
  if (step === "upcoming" || step === undefined) return "Cannot start yet";
  return started ? "In progress" : "Not started";
}

export function StaffAbuseIncident(props: { page: IncidentPageData; actionData: IncidentActionData | undefined }) {
  // The loader sent this path's page: its context is the view declared above.
  const page = props.page as unknown as StaffAbusePage;
  const actionData = props.actionData;
  const { incident, context } = page;
  const { content, removal, support } = context;
  const may = (type: StaffAbuseIntent) => page.allowedEvents.includes(type);
  const form = (intent: StaffAbuseIntent) => ({ intent, schema: staffAbuseStepSchemas[intent], version: incident.version, actionData });
  const stepStatus = (region: string) => page.steps.find((step) => step.id === `open.${region}`)?.status;
  const workFor = (...keys: string[]) => page.work.find((piece) => keys.includes(piece.key));
  const platform = content?.platform ?? "the platform";
  const platformGuidance = (content && PLATFORM_PRIVACY_GUIDANCE[content.platform]) ?? GENERAL_PRIVACY_GUIDANCE;
  const isReporter = page.userId === context.reporter.id;
  const closed = incident.state === "closed";

  const tasks: TaskEntry[] = [];
  if (context.screenshots) {
    const kept = context.screenshots.screenshotCount > 0;
    tasks.push({
      id: "screenshots",
      title: "Keep screenshots of what was posted",
      status: kept ? "Done" : context.screenshots.noScreenshotReason ? "Not needed" : closed ? "Not needed" : "Not started",
      work: undefined,
      form: page.allowedEvents.includes("ATTACH_SCREENSHOT") ? (
        <>
          <p className="mt-2">Before the content is removed, so there is a record of it. {kept ? "You can add more." : ""}</p>
          {context.screenshots.noScreenshotReason ? <p className="mt-2">No screenshot when reported: {context.screenshots.noScreenshotReason}</p> : null}
          <ScreenshotUpload version={incident.version} refusals={screenshotRefusals(actionData)} />
        </>
      ) : null,
    });
  }
  if (context.blocking) {
    tasks.push({
      id: "blocking",
      title: "Block the person and check your privacy settings",
      status: regionStatus(stepStatus("blocking"), false),
      work: workFor("blocking"),
      form: may("RECORD_BLOCKING") ? (
        <>
          <ul className="ml-5 mt-2 list-disc">
            {platformGuidance.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <StepForm {...form("RECORD_BLOCKING")} submitLabel="Save" pendingText="Saving…">
            {(fields) => <ChoiceField field={fields.steps} legend="What have you done?" type="checkbox" options={labelOptions(BLOCKING_STEPS)} />}
          </StepForm>
        </>
      ) : null,
    });
  }
  if (context.police) {
    tasks.push({
      id: "police",
      title: "Tell the police",
      status: regionStatus(stepStatus("police"), false),
      work: workFor("police"),
      form: may("RECORD_POLICE_REPORT") ? (
        <>
          <p className="mt-2">
            Call <strong>999</strong> if anyone is in immediate danger or a life is threatened. Otherwise call <strong>101</strong> or report online to your local
            force. Hate can also be reported through True Vision, which passes it to the right force.
          </p>
          <StepForm {...form("RECORD_POLICE_REPORT")} defaultValue={{ reportedAt: page.now }} submitLabel="Record the police report" pendingText="Saving…">
            {(fields) => (
              <>
                <ChoiceField field={fields.route} legend="How did you report it?" type="radio" options={labelOptions(POLICE_ROUTES)} />
                <TextField field={fields.reportedAt} label="When did you report it?" type="datetime-local" className="max-w-xs" />
                <TextField field={fields.crimeReference} label="Crime reference number (if given)" />
                <TextField field={fields.officer} label="Officer's name (if given)" />
              </>
            )}
          </StepForm>
          <details className="mt-4">
            <summary className="link cursor-pointer">Not reporting it to the police?</summary>
            <StepForm {...form("RECORD_NO_POLICE_REPORT")} submitLabel="Record why not" pendingText="Saving…" secondary>
              {(fields) => <TextAreaField field={fields.reason} label="Why it is not being reported" rows={3} />}
            </StepForm>
          </details>
        </>
      ) : null,
    });
  }
  if (support) {
    const followUpDays = support.wellbeingFollowUpDays === 1 ? "1 day" : `${support.wellbeingFollowUpDays} days`;
    tasks.push({
      id: "support",
      title: "Support from the line manager",
      status: regionStatus(stepStatus("support"), support.support !== null),
      work: workFor("support", "wellbeing"),
      form:
        may("RECORD_SUPPORT") || may("RECORD_WELLBEING_FOLLOW_UP") ? (
          <>
            {support.support ? (
              <p className="mt-2">
                Support offered by {support.support.by.name}, {formatDateTime(support.support.at)}: “{support.support.offered}”. A wellbeing follow-up is due {followUpDays} later.
              </p>
            ) : (
              <p className="mt-2">{support.supportingManager ? `${support.supportingManager.name} has been told and is asked to act straight away.` : "No line manager is in today: HR and safety have the report."}</p>
            )}
            {may("RECORD_SUPPORT") ? (
              <StepForm {...form("RECORD_SUPPORT")} submitLabel="Record the support offered" pendingText="Saving…">
                {(fields) => <TextAreaField field={fields.offered} label="What support have you offered?" hint="For example, time out, a change to lone visits, counselling through the employee assistance programme." rows={3} />}
              </StepForm>
            ) : null}
            {may("RECORD_WELLBEING_FOLLOW_UP") ? (
              <StepForm {...form("RECORD_WELLBEING_FOLLOW_UP")} submitLabel="Record the follow-up" pendingText="Saving…">
                {(fields) => <TextAreaField field={fields.notes} label="How is the member of staff now?" rows={3} />}
              </StepForm>
            ) : null}
          </>
        ) : null,
    });
  }
  if (removal) {
    const removalForms = may("REQUEST_REMOVAL") || may("ASK_COMMUNICATIONS_HELP") || may("RECORD_PLATFORM_ANSWER") || may("NO_REMOVAL_NEEDED");
    tasks.push({
      id: "removal",
      title: "Get the content removed",
      status: regionStatus(stepStatus("removal"), removal.requestedAt !== null, removal.answer === null),
      work: workFor("removal", "platform"),
      form: removalForms ? (
        <>
          <p className="mt-2">Ask {platform} to remove it first, using its own report button. Communications can help if you ask.</p>
          {removal.requestedAt ? <p className="mt-2">Asked of the platform {formatDateTime(removal.requestedAt)}.</p> : null}
          {removal.harmfulContentRouteOffered ? (
            <div className="mt-3 border-l-8 border-brand bg-blue-50 p-3">
              <p className="font-semibold">The platform has not acted after 48 hours.</p>
              <p>
                <a href={REPORT_HARMFUL_CONTENT} className="link font-semibold">
                  Report Harmful Content
                </a>{" "}
                (UK Safer Internet Centre) can now step in with the platform. Have the date you reported it, or the platform&apos;s answer, ready. Criminal content
                goes to the police instead.
              </p>
            </div>
          ) : null}
          {may("REQUEST_REMOVAL") ? (
            <StepForm {...form("REQUEST_REMOVAL")} defaultValue={{ requestedAt: page.now }} submitLabel="I have asked the platform" pendingText="Saving…">
              {(fields) => <TextField field={fields.requestedAt} label="When did you ask the platform?" type="datetime-local" className="max-w-xs" />}
            </StepForm>
          ) : null}
          {may("ASK_COMMUNICATIONS_HELP") ? (
            <StepForm {...form("ASK_COMMUNICATIONS_HELP")} submitLabel="Ask Communications to help" pendingText="Asking…" secondary>
              {() => <p className="mb-3 text-sm">Communications will then be able to see this report, so they can help.</p>}
            </StepForm>
          ) : null}
          {may("RECORD_PLATFORM_ANSWER") ? (
            <StepForm {...form("RECORD_PLATFORM_ANSWER")} submitLabel="Record the platform's answer" pendingText="Saving…">
              {(fields) => (
                <>
                  <ChoiceField field={fields.outcome} legend="What did the platform do?" type="radio" options={labelOptions(PLATFORM_ANSWERS)} />
                  <TextAreaField field={fields.notes} label="What did they say?" rows={3} />
                </>
              )}
            </StepForm>
          ) : null}
          {may("NO_REMOVAL_NEEDED") ? (
            <details className="mt-4">
              <summary className="link cursor-pointer">Removal not needed?</summary>
              <StepForm {...form("NO_REMOVAL_NEEDED")} submitLabel="Record why not" pendingText="Saving…" secondary>
                {(fields) => <TextAreaField field={fields.reason} label="Why removal is not needed" rows={3} />}
              </StepForm>
            </details>
          ) : null}
        </>
      ) : null,
    });
  }
  tasks.push({
    id: "close",
    title: "Close the report",
    status: closed ? "Done" : incident.state === "readyToClose" ? "Not started" : "Cannot start yet",
    work: workFor("close"),
    form: may("CLOSE") ? (
      <StepForm {...form("CLOSE")} submitLabel="Close the report" pendingText="Closing…">
        {(fields) => <TextAreaField field={fields.summary} label="Outcome" rows={3} />}
      </StepForm>
    ) : null,
  });
  const mine = tasks.filter((task) => task.form);

  return (
    <IncidentLayout
      page={page}
      actionData={actionData}
      stepSummary={false}
      warning={
        context.impact?.inDanger && !closed ? (
          <div role="alert" className="mb-4 border-l-8 border-danger bg-red-50 p-3">
            <p className="font-bold">If anyone is in immediate danger, call 999 now.</p>
            <p>{isReporter ? "You told us you were in danger when you reported this." : `${context.reporter.name} said they were in immediate danger when reporting.`}</p>
          </div>
        ) : null
      }
      actions={
        mine.length ? (
          <>
            <TaskList tasks={tasks} />
            {mine.map((task) => (
              <TaskForms key={task.id} task={task}>
                {task.form}
              </TaskForms>
            ))}
          </>
        ) : null
      }
    >
      {mine.length ? null : (
        <section aria-labelledby="tasks-title" className="mt-6">
          <h2 id="tasks-title" className="text-xl font-bold">
            Where each task stands
          </h2>
          <TaskList tasks={tasks} />
        </section>
      )}
      <p className="mt-6 border-l-4 border-gray-400 pl-3 text-sm">
        This report is private: only {context.reporter.name}, their nearest managers and HR and safety can see it
        {removal?.communicationsHelpAsked ? ", and Communications, who were asked to help with removal and see only what was posted, the screenshots and the removal" : ""}.
      </p>

      <EvidenceSection reference={incident.reference} evidence={page.evidence} total={page.evidenceCount} canAdd={false} version={incident.version} actionData={actionData} thumbnails />

      {/* Each fact only when its section was sent: a Fact with nothing to show is left out. */}
      <RecordSection id="abuse-report-title" title="The report">
        <Fact term="Reported by">{`${context.reporter.name}, ${formatDateTime(context.reportedAt)}`}</Fact>
        <Fact term="In danger when reporting">{context.impact ? (context.impact.inDanger ? "Yes" : "No") : null}</Fact>
        <Fact term="Kind of abuse">{context.kind?.kinds.map((kind) => ABUSE_KINDS[kind]).join("; ")}</Fact>
        <Fact term="Protected characteristic">{context.kind?.protectedCharacteristics.map((item) => PROTECTED_CHARACTERISTICS[item]).join("; ") || null}</Fact>
        <Fact term="Because of their job">{context.kind ? { yes: "Yes", no: "No", not_sure: "Not sure" }[context.kind.connectedToRole] : null}</Fact>
        <Fact term="Where">{content?.platform}</Fact>
        <Fact term="Link">{content?.link ? <span className="break-all">{content.link}</span> : null}</Fact>
        <Fact term="When">{content ? formatDateTime(content.happenedAt) : null}</Fact>
        <Fact term="Who">{content?.perpetrator}</Fact>
        <Fact term="What happened">{content?.whatHappened}</Fact>
        <Fact term="How it affects them">{context.impact?.impact}</Fact>
        <Fact term="No screenshot">{context.screenshots?.noScreenshotReason}</Fact>
      </RecordSection>

      <RecordSection id="abuse-done-title" title="What has been done">
        <Fact term="Blocked and privacy checked">{context.blocking?.blocking ? `${context.blocking.blocking.by.name}, ${formatDateTime(context.blocking.blocking.at)}` : null}</Fact>
        <Fact term="Police">
          {context.police?.police
            ? context.police.police.outcome === "reported"
              ? `Reported by ${POLICE_ROUTES[context.police.police.route]} on ${formatDateTime(context.police.police.reportedAt)}${context.police.police.crimeReference ? `, crime reference ${context.police.police.crimeReference}` : ""}${context.police.police.officer ? `, officer ${context.police.police.officer}` : ""}.`
              : `Not reported: ${context.police.police.reason}`
            : null}
        </Fact>
        <Fact term="Support offered">{support?.support ? `“${support.support.offered}” (${support.support.by.name}, ${formatDateTime(support.support.at)})` : null}</Fact>
        <Fact term="Wellbeing follow-up">{support?.wellbeing ? "Recorded" : null}</Fact>
        <Fact term="Removal">
          {removal?.answer ? `${PLATFORM_ANSWERS[removal.answer.outcome]}: ${removal.answer.notes}` : removal?.notNeededReason ? `Not needed: ${removal.notNeededReason}` : null}
        </Fact>
        <Fact term="Outcome">{context.outcome?.outcome ? `${context.outcome.outcome.summary} (${context.outcome.outcome.by.name}, ${formatDateTime(context.outcome.outcome.at)})` : null}</Fact>
      </RecordSection>
      <Timeline reference={incident.reference} timeline={page.timeline} paging={page.timelinePaging} />
    </IncidentLayout>
  );
}
