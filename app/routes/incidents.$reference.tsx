import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextAreaField, useValidatedForm } from "~/components/forms";
import { Stepper } from "~/components/stepper";
import { findIncidentForUser, incidentPage, sendIncidentEvent } from "~/models/incidents.server";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime, formatDuration } from "~/utils/dates";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.incident.reference}: ${data.incident.title} · Holdfast` : "Incident · Holdfast" },
];

/** The events a person can send from this page, each with its own small form below. */
const PERSON_EVENTS = ["ACKNOWLEDGE"] as const;

const acknowledgeSchema = z.object({
  intent: z.literal("ACKNOWLEDGE"),
  version: z.coerce.number().int().positive(),
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters or fewer").optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = incidentPage(db(), params.reference ?? "", user, PERSON_EVENTS);
  // Someone who may not see an incident is told it does not exist, not that it is hidden.
  if (!page) throw new Response("Not found", { status: 404 });
  return json(page);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  const submission = parseWithZod(await request.formData(), { schema: acknowledgeSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply(), problem: null }, { status: 400 });
  }
  const outcome = sendIncidentEvent(db(), {
    incident,
    expectedVersion: submission.value.version,
    user,
    event: { type: submission.value.intent, note: submission.value.note },
  });
  if (!outcome.ok) {
    return json(
      { result: submission.reply(), problem: { message: outcome.message, changes: outcome.changesSince } },
      { status: outcome.code === "conflict" ? 409 : 422 },
    );
  }
  return redirectWithNotice(`/incidents/${incident.reference}`, "You have acknowledged this report. The member of staff has been told.");
}

function AcknowledgeForm({ version }: { version: number }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(acknowledgeSchema, actionData?.result);
  return (
    <section aria-labelledby="acknowledge-title" className="panel mt-6">
      <h2 id="acknowledge-title" className="text-xl font-bold">
        Acknowledge this report
      </h2>
      <p className="mb-4 mt-1">
        This tells the member of staff and Communications that you have it in hand. If you do not,
        the next most senior officer will be asked.
      </p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value="ACKNOWLEDGE" />
        <input type="hidden" name="version" value={version} />
        <TextAreaField field={fields.note} label="Note (optional)" hint="For example, what you have already done or who you have spoken to." rows={3} />
        <SubmitButton pendingText="Acknowledging…">Acknowledge</SubmitButton>
      </Form>
    </section>
  );
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

export default function IncidentPage() {
  const data = useLoaderData<typeof loader>();
  const { incident, context, currentStep } = data;
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
          <Stepper steps={data.steps} />
        </aside>
        <div>
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
              {data.deadlines.map((deadline) => (
                <p
                  key={deadline.dueAt + deadline.description}
                  className={`mt-3 font-semibold ${deadline.overdue ? "text-danger" : ""}`}
                >
                  {deadline.overdue ? "Overdue: " : "Due: "}
                  {deadline.description} by {formatDateTime(deadline.dueAt)}
                </p>
              ))}
              {context.chainExhausted ? (
                <p className="mt-3 font-semibold text-danger">
                  Nobody in the reporting line acknowledged in time. Communications have been told.
                </p>
              ) : null}
            </section>
          ) : null}

          {data.allowedEvents.includes("ACKNOWLEDGE") ? <AcknowledgeForm version={incident.version} /> : null}

          <section aria-labelledby="report-title" className="mt-8">
            <h2 id="report-title" className="text-xl font-bold">
              The report
            </h2>
            <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
              <dt className="font-semibold">Reported by</dt>
              <dd>{context.reporter.name}</dd>
              <dt className="font-semibold">Reported</dt>
              <dd>{formatDateTime(context.reportedAt)}</dd>
              <dt className="font-semibold">Platform</dt>
              <dd>{context.post.platform}</dd>
              <dt className="font-semibold">Account</dt>
              <dd>{context.post.account}</dd>
              <dt className="font-semibold">Posted</dt>
              <dd>{formatDateTime(context.post.postedAt)}</dd>
              <dt className="font-semibold">Link</dt>
              <dd className="break-all">
                {context.post.link ? (
                  <a href={context.post.link} className="link" rel="noreferrer noopener" target="_blank">
                    {context.post.link} <span className="sr-only">(opens in a new tab)</span>
                  </a>
                ) : (
                  "Not given"
                )}
              </dd>
              <dt className="font-semibold">What happened</dt>
              <dd className="whitespace-pre-wrap">{context.post.whatHappened}</dd>
            </dl>
          </section>

          <section aria-labelledby="timeline-title" className="mt-8">
            <h2 id="timeline-title" className="text-xl font-bold">
              Timeline
            </h2>
            <ol className="mt-3 border-l-2 border-gray-300">
              {data.timeline.map((event, index) => (
                <li key={event.sequence} className="relative mb-4 ml-4">
                  <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 h-3 w-3 rounded-full bg-gray-600" />
                  <p className="font-semibold">
                    {event.label}
                    <span className="font-normal"> by {event.actorName ?? "Holdfast (automatic)"}</span>
                  </p>
                  <p className="text-sm text-muted">
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                    {index > 0 ? ` · ${formatDuration(data.timeline[index - 1].at, event.at)} after the previous event` : null}
                    {` · step: ${event.stepTitle}`}
                  </p>
                  {event.note ? <p className="mt-1 whitespace-pre-wrap">“{event.note}”</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </div>
  );
}
