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
  DeadlineList,
  EvidenceSection,
  Fact,
  IncidentLayout,
  RecordSection,
  Timeline,
  type EvidenceEntry,
  type TimelineEntry,
  type TimelinePaging,
} from "../../components/incident-parts";
import { StepForm } from "../../components/step-form";
import type { StepView } from "../../components/stepper";
import type { IncidentActionData, IncidentPageData } from "../types";

interface StaffAbusePage {
  incident: { reference: string; title: string; kindTitle: string; version: number; state: string };
  /** Only the sections of the report this person may see (need to know): the others are never sent. */
  context: StaffAbuseView;
  steps: StepView[];
  deadlines: { description: string; dueAt: string; overdue: boolean }[];
  timeline: TimelineEntry[];
  timelinePaging: TimelinePaging;
  allowedEvents: string[];
  evidence: EvidenceEntry[];
  evidenceCount: number;
}

/** A piece of work of the task list, with its status and, when this person may act, its forms. */
function Task(props: { id: string; title: string; status: StepView["status"] | undefined; children: ReactNode; done: ReactNode }) {
  const finished = props.status === "done";
  return (
    <section aria-labelledby={`${props.id}-title`} className="panel mt-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={`${props.id}-title`} className="text-lg font-bold">
          {props.title}
        </h3>
        <span className={`tag ${finished ? "bg-green-100 text-success" : "bg-blue-100 text-brand-dark"}`}>{finished ? "Done" : "To do"}</span>
      </div>
      {finished ? props.done : props.children}
    </section>
  );
}

export function StaffAbuseIncident(props: { page: IncidentPageData; actionData: IncidentActionData | undefined }) {
  // The loader sent this path's page: its context is the view declared above.
  const page = props.page as unknown as StaffAbusePage;
  const actionData = props.actionData;
  const { incident, context } = page;
  const { content, removal, support } = context;
  const may = (type: StaffAbuseIntent) => page.allowedEvents.includes(type);
  const form = (intent: StaffAbuseIntent) => ({ intent, schema: staffAbuseStepSchemas[intent], version: incident.version, actionData });
  const status = (region: string) => page.steps.find((step) => step.id === `open.${region}`)?.status;
  const platform = content?.platform ?? "the platform";
  const platformGuidance = (content && PLATFORM_PRIVACY_GUIDANCE[content.platform]) ?? GENERAL_PRIVACY_GUIDANCE;
  return (
    <IncidentLayout kindTitle={incident.kindTitle} reference={incident.reference} title={incident.title} steps={page.steps} problem={actionData?.problem}>
      {context.impact?.inDanger && incident.state !== "closed" ? (
        <div role="alert" className="mb-6 border-l-8 border-danger bg-red-50 p-4">
          <p className="text-lg font-bold">If you or anyone is in immediate danger, call 999 now.</p>
          <p>You told us you were in danger when you reported this.</p>
        </div>
      ) : null}
      <p className="mb-4 border-l-4 border-gray-400 pl-3 text-sm">
        This report is private: only {context.reporter.name}, their nearest managers and HR and safety can see it
        {removal?.communicationsHelpAsked ? ", and Communications, who were asked to help with removal and see only what was posted, the screenshots and the removal" : ""}.
      </p>
      <DeadlineList deadlines={page.deadlines} />

      <h2 className="mt-6 text-xl font-bold">What needs doing</h2>

      {context.blocking ? (
        <Task id="blocking" title="Block the person and check your privacy settings" status={status("blocking")} done={<p className="mt-2">Done by {context.blocking.blocking?.by.name}, {context.blocking.blocking ? formatDateTime(context.blocking.blocking.at) : ""}.</p>}>
          <ul className="ml-5 mt-2 list-disc">
            {platformGuidance.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          {may("RECORD_BLOCKING") ? (
            <StepForm {...form("RECORD_BLOCKING")} submitLabel="Save" pendingText="Saving…">
              {(fields) => <ChoiceField field={fields.steps} legend="What have you done?" type="checkbox" options={labelOptions(BLOCKING_STEPS)} />}
            </StepForm>
          ) : null}
        </Task>
      ) : null}

      {context.police ? (
        <Task
          id="police"
          title="Tell the police"
          status={status("police")}
          done={
            <p className="mt-2">
              {context.police.police?.outcome === "reported"
                ? `Reported by ${POLICE_ROUTES[context.police.police.route]} on ${formatDateTime(context.police.police.reportedAt)}${context.police.police.crimeReference ? `, crime reference ${context.police.police.crimeReference}` : ""}${context.police.police.officer ? `, officer ${context.police.police.officer}` : ""}.`
                : `Not reported: ${context.police.police?.outcome === "not_reported" ? context.police.police.reason : ""}`}
            </p>
          }
        >
          <p className="mt-2">
            Call <strong>999</strong> if anyone is in immediate danger or a life is threatened. Otherwise call <strong>101</strong> or report online to your local
            force. Hate can also be reported through True Vision, which passes it to the right force.
          </p>
          {may("RECORD_POLICE_REPORT") ? (
            <>
              <StepForm {...form("RECORD_POLICE_REPORT")} submitLabel="Record the police report" pendingText="Saving…">
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
          ) : null}
        </Task>
      ) : null}

      {support ? (
        <Task
          id="support"
          title="Support from the line manager"
          status={status("support")}
          done={<p className="mt-2">Support and the wellbeing follow-up are recorded.</p>}
        >
          {support.support ? (
            <p className="mt-2">
              Support offered by {support.support.by.name}, {formatDateTime(support.support.at)}: “{support.support.offered}”. A wellbeing follow-up is due{" "}
              {support.wellbeingFollowUpDays === 1 ? "1 day" : `${support.wellbeingFollowUpDays} days`} later.
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
        </Task>
      ) : null}

      {removal ? (
        <Task
          id="removal"
          title="Get the content removed"
          status={status("removal")}
          done={
            <p className="mt-2">
              {removal.answer ? `${PLATFORM_ANSWERS[removal.answer.outcome]}: ${removal.answer.notes}` : `Not needed: ${removal.notNeededReason ?? ""}`}
            </p>
          }
        >
          <p className="mt-2">Ask {platform} to remove it first, using its own report button. Communications can help if you ask.</p>
          {removal.requestedAt ? <p className="mt-2">Asked of the platform {formatDateTime(removal.requestedAt)}.</p> : null}
          {removal.harmfulContentRouteOffered ? (
            <div className="mt-3 border-l-8 border-brand bg-blue-50 p-3">
              <p className="font-semibold">The platform has not acted after 48 hours.</p>
              <p>
                Report Harmful Content (UK Safer Internet Centre) can now step in with the platform. Have the date you reported it, or the platform's answer,
                ready. Criminal content goes to the police instead.
              </p>
            </div>
          ) : null}
          {may("REQUEST_REMOVAL") ? (
            <StepForm {...form("REQUEST_REMOVAL")} submitLabel="I have asked the platform" pendingText="Saving…">
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
        </Task>
      ) : null}

      {may("CLOSE") ? (
        <section aria-labelledby="close-title" className="panel mt-6 border-l-8 border-l-brand">
          <h2 id="close-title" className="text-xl font-bold">
            Close the report
          </h2>
          <StepForm {...form("CLOSE")} submitLabel="Close the report" pendingText="Closing…">
            {(fields) => <TextAreaField field={fields.summary} label="Outcome" rows={3} />}
          </StepForm>
        </section>
      ) : null}

      <EvidenceSection reference={incident.reference} evidence={page.evidence} total={page.evidenceCount} canAdd={page.allowedEvents.includes("ATTACH_SCREENSHOT")} version={incident.version} actionData={actionData} thumbnails />
      {context.screenshots?.noScreenshotReason ? <p className="mt-2">No screenshot: {context.screenshots.noScreenshotReason}</p> : null}

      {/* Each fact only when its section was sent: a Fact with nothing to show is left out. */}
      <RecordSection id="abuse-report-title" title="The report">
        <Fact term="Reported by">{`${context.reporter.name}, ${formatDateTime(context.reportedAt)}`}</Fact>
        <Fact term="In danger when reporting">{context.impact ? (context.impact.inDanger ? "Yes" : "No") : null}</Fact>
        <Fact term="Kind of abuse">{context.kind?.kinds.map((kind) => ABUSE_KINDS[kind]).join("; ")}</Fact>
        <Fact term="Protected characteristic">{context.kind?.protectedCharacteristics.map((item) => PROTECTED_CHARACTERISTICS[item]).join("; ") || null}</Fact>
        <Fact term="Because of their job">{context.kind ? { yes: "Yes", no: "No", not_sure: "Not sure" }[context.kind.connectedToRole] : null}</Fact>
        <Fact term="Where">{content?.platform}</Fact>
        <Fact term="Link">{content?.link}</Fact>
        <Fact term="When">{content ? formatDateTime(content.happenedAt) : null}</Fact>
        <Fact term="Who">{content?.perpetrator}</Fact>
        <Fact term="What happened">{content?.whatHappened}</Fact>
        <Fact term="How it affects them">{context.impact?.impact}</Fact>
        <Fact term="Outcome">{context.outcome?.outcome ? `${context.outcome.outcome.summary} (${context.outcome.outcome.by.name}, ${formatDateTime(context.outcome.outcome.at)})` : null}</Fact>
      </RecordSection>
      <Timeline reference={incident.reference} timeline={page.timeline} paging={page.timelinePaging} />
    </IncidentLayout>
  );
}
