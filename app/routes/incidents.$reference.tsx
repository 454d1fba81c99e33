import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { IncidentRecord } from "~/components/incident-record";
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
  ScreenshotUpload,
  StandDownStep,
  type StepPageData,
} from "~/components/mistaken-post-steps";
import type { StepActionData } from "~/components/step-form";
import { Stepper } from "~/components/stepper";
import { findIncidentForUser, incidentPage, sendIncidentEvent } from "~/models/incidents.server";
import { attachScreenshots, mistakenPostEventFrom, mistakenPostPageExtras, STEP_CONFIRMATIONS, StepInputError } from "~/models/mistaken-post.server";
import { isMistakenPostIntent, mistakenPostStepSchemas } from "~/schemas/mistaken-post-steps";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { EvidenceRequestError, receiveEvidenceUpload } from "~/utils/evidence.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.incident.reference}: ${data.incident.title} · Holdfast` : "Incident · Holdfast" },
];

/** Every event a person can send on this path; the machine says which are open to whom, now. */
const PERSON_EVENTS = ["ATTACH_SCREENSHOT", ...Object.keys(mistakenPostStepSchemas)];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = incidentPage(db(), params.reference ?? "", user, PERSON_EVENTS);
  // Someone who may not see an incident is told it does not exist, not that it is hidden.
  if (!page) throw new Response("Not found", { status: 404 });
  return json({ ...page, ...mistakenPostPageExtras(db(), page.incident.id), userId: user.id });
}

type ActionData = StepActionData & { refusals?: { name: string; message: string }[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  const here = `/incidents/${incident.reference}`;

  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let upload;
    try {
      upload = await receiveEvidenceUpload(request);
    } catch (error) {
      if (!(error instanceof EvidenceRequestError)) throw error;
      return json<ActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals: [{ name: "", message: error.message }] }, { status: error.status });
    }
    const outcome = attachScreenshots(db(), {
      incident,
      expectedVersion: Number(upload.fields.get("version")),
      user,
      files: upload.files,
    });
    if (outcome && !outcome.ok) {
      return json<ActionData>(
        { intent: "ATTACH_SCREENSHOT", result: {}, problem: { message: outcome.message, changes: outcome.changesSince }, refusals: upload.refusals },
        { status: outcome.code === "conflict" ? 409 : 422 },
      );
    }
    if (upload.refusals.length > 0 || upload.files.length === 0) {
      const refusals = upload.refusals.length ? upload.refusals : [{ name: "", message: "Choose a screenshot to upload" }];
      return json<ActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals }, { status: 400 });
    }
    return redirectWithNotice(here, `${upload.files.length === 1 ? "Screenshot" : `${upload.files.length} screenshots`} added to the record.`);
  }

  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isMistakenPostIntent(intent)) throw new Response("That is not a step of this procedure.", { status: 400 });
  const submission = parseWithZod(formData, { schema: mistakenPostStepSchemas[intent] });
  if (submission.status !== "success") {
    return json<ActionData>({ intent, result: submission.reply(), problem: null }, { status: 400 });
  }
  let outcome;
  try {
    outcome = sendIncidentEvent(db(), {
      incident,
      expectedVersion: submission.value.version,
      user,
      event: mistakenPostEventFrom(db(), submission.value),
    });
  } catch (error) {
    if (!(error instanceof StepInputError)) throw error;
    return json<ActionData>({ intent, result: submission.reply({ formErrors: [error.message] }), problem: null }, { status: 400 });
  }
  if (!outcome.ok) {
    return json<ActionData>(
      { intent, result: submission.reply(), problem: { message: outcome.message, changes: outcome.changesSince } },
      { status: outcome.code === "conflict" ? 409 : 422 },
    );
  }
  return redirectWithNotice(here, STEP_CONFIRMATIONS[intent]);
}

/**
 * Why the last action was not carried out: refused by the procedure, or overtaken by someone
 * else's change. Shown above everything, so it stays when the page reloads its data and the
 * form that was used is no longer offered.
 */
function EventProblem() {
  const problem = useActionData<typeof action>()?.problem;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} autoFocus className="mb-6 border-4 border-danger p-4">
      <h2 className="text-xl font-bold">That was not done</h2>
      <p className="mt-1 font-semibold">{problem.message}</p>
      {problem.changes.length ? (
        <>
          <p className="mt-3 font-semibold">What changed since you opened this page:</p>
          <ul className="ml-5 list-disc">
            {problem.changes.map((change) => (
              <li key={change.sequence}>
                {change.label} by {change.actorName ?? "Holdfast (automatic)"}, {formatDateTime(change.at)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-2">The page below shows the incident as it is now.</p>
    </div>
  );
}

/** The forms for the step the incident is on, as the machine allows this person. */
function CurrentStepActions({ step, data, page }: { step: string; data: StepPageData; page: ReturnType<typeof useLoaderData<typeof loader>> }) {
  const may = (type: string) => data.allowed.includes(type);
  switch (step) {
    case "awaitingAcknowledgement":
      return may("ACKNOWLEDGE") ? <AcknowledgeStep data={data} /> : null;
    case "deletion":
      return may("RECORD_NOT_DELETED") ? <DeletionStep data={data} hasScreenshot={page.context.screenshots.length > 0} /> : null;
    case "riskAssessment":
      return may("ASSESS_RISK") ? <RiskAssessmentStep data={data} /> : null;
    case "crisisPlan":
      return may("CREATE_CRISIS_PLAN") ? <CrisisPlanStep data={data} /> : null;
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

export default function IncidentPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { incident, context, currentStep } = page;
  const data: StepPageData = {
    version: incident.version,
    allowed: page.allowedEvents,
    actionData,
    taskOwners: page.taskOwners,
    channels: page.channels,
    heldPosts: page.heldPosts,
  };
  return (
    <div>
      <EventProblem />
      <p className="text-muted">
        {incident.kindTitle} · {incident.reference}
      </p>
      <h1 className="text-3xl font-bold">{incident.title}</h1>
      <div className="mt-6 grid gap-8 md:grid-cols-[16rem_1fr]">
        <aside>
          <h2 className="mb-3 text-lg font-bold">Where this stands</h2>
          <Stepper steps={page.steps} />
        </aside>
        <div className="min-w-0">
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
              {page.deadlines.map((deadline) => (
                <p key={deadline.dueAt + deadline.description} className={`mt-3 font-semibold ${deadline.overdue ? "text-danger" : ""}`}>
                  {deadline.overdue ? "Overdue: " : "Due: "}
                  {deadline.description} by {formatDateTime(deadline.dueAt)}
                </p>
              ))}
              {context.chainExhausted ? (
                <p className="mt-3 font-semibold text-danger">Nobody in the reporting line acknowledged in time. Communications have been told.</p>
              ) : null}
            </section>
          ) : null}

          <CurrentStepActions step={incident.state} data={data} page={page} />
          <CrisisTaskList context={context} data={data} />

          <section aria-labelledby="evidence-title" className="mt-8">
            <h2 id="evidence-title" className="text-xl font-bold">
              Evidence
            </h2>
            {page.evidence.length === 0 ? <p className="mt-2 text-muted">No screenshots yet.</p> : null}
            <ul className="mt-2 space-y-2">
              {page.evidence.map((file) => (
                <li key={file.id}>
                  <a href={`/incidents/${incident.reference}/evidence/${file.id}`} className="link font-semibold" download>
                    {file.originalName}
                  </a>
                  <span className="block text-sm text-muted">
                    {file.mediaType}, {(file.sizeBytes / 1024).toFixed(0)} KB, added by {file.uploadedByName} {formatDateTime(file.receivedAt)}
                  </span>
                  <span className="block break-all font-mono text-xs text-muted">SHA-256 {file.sha256}</span>
                </li>
              ))}
            </ul>
            {page.allowedEvents.includes("ATTACH_SCREENSHOT") ? (
              <ScreenshotUpload version={incident.version} refusals={actionData?.intent === "ATTACH_SCREENSHOT" ? (actionData.refusals ?? []) : []} />
            ) : null}
          </section>

          <IncidentRecord context={context} timeline={page.timeline} />
        </div>
      </div>
    </div>
  );
}
