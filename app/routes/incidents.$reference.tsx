import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { MistakenPostIncident, type MistakenPostPage } from "~/components/mistaken-post-incident";
import { StaffAbuseIncident, type StaffAbusePage } from "~/components/staff-abuse-incident";
import type { StepActionData } from "~/components/step-form";
import { receiveEvidenceWithinLimit } from "~/models/evidence.server";
import { attachScreenshots, findIncidentForUser, incidentPage, sendIncidentEvent } from "~/models/incidents.server";
import { mistakenPostEventFrom, mistakenPostPageExtras, STEP_CONFIRMATIONS, StepInputError } from "~/models/mistaken-post.server";
import { isMistakenPostIntent, mistakenPostStepSchemas } from "~/schemas/mistaken-post-steps";
import { isStaffAbuseIntent, STAFF_ABUSE_CONFIRMATIONS, staffAbuseEventFrom, staffAbuseStepSchemas } from "~/schemas/staff-abuse-steps";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { EvidenceRequestError } from "~/utils/evidence.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  if (!data) return [{ title: "Incident · Holdfast" }];
  const { incident, timelinePaging } = data.page;
  // A page of the timeline other than the one shown by default says which it is.
  const which = new URLSearchParams(location.search).has("timeline") && timelinePaging.pageCount > 1 ? ` (timeline page ${timelinePaging.page} of ${timelinePaging.pageCount})` : "";
  return [{ title: `${incident.reference}: ${incident.title}${which} · Holdfast` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const timelinePage = new URL(request.url).searchParams.get("timeline");
  const page = incidentPage(db(), params.reference ?? "", user, { timelinePage });
  // Someone who may not see an incident is told it does not exist, not that it is hidden.
  if (!page) throw new Response("Not found", { status: 404 });
  const extras =
    page.incident.kind === "mistaken_post"
      ? mistakenPostPageExtras(db(), page.incident.id, { allowedEvents: page.allowedEvents })
      : { heldPosts: [], channels: [], taskOwners: [] };
  return json({ page: { ...page, ...extras, userId: user.id } });
}

type ActionData = StepActionData & { refusals?: { name: string; message: string }[] };

/** Each path's forms: how to check them, turn them into an event, and confirm them. */
const PATH_FORMS = {
  mistaken_post: {
    isIntent: isMistakenPostIntent,
    schemas: mistakenPostStepSchemas as Record<string, Parameters<typeof parseWithZod>[1]["schema"]>,
    toEvent: (value: unknown) => mistakenPostEventFrom(db(), value as Parameters<typeof mistakenPostEventFrom>[1]),
    confirmations: STEP_CONFIRMATIONS as Record<string, string>,
  },
  staff_abuse: {
    isIntent: isStaffAbuseIntent,
    schemas: staffAbuseStepSchemas as Record<string, Parameters<typeof parseWithZod>[1]["schema"]>,
    toEvent: (value: unknown) => staffAbuseEventFrom(value as Parameters<typeof staffAbuseEventFrom>[0]),
    confirmations: STAFF_ABUSE_CONFIRMATIONS as Record<string, string>,
  },
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  const here = `/incidents/${incident.reference}`;

  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let upload;
    try {
      upload = await receiveEvidenceWithinLimit(db(), request, user.id);
    } catch (error) {
      if (!(error instanceof EvidenceRequestError)) throw error;
      return json<ActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals: [{ name: "", message: error.message }] }, { status: error.status });
    }
    const outcome = attachScreenshots(db(), { incident, expectedVersion: Number(upload.fields.get("version")), user, files: upload.files });
    if (outcome && !outcome.ok) {
      return json<ActionData>(
        { intent: "ATTACH_SCREENSHOT", result: {}, problem: { message: outcome.message, changes: outcome.changesSince }, refusals: upload.refusals },
        { status: outcome.code === "conflict" ? 409 : 422 },
      );
    }
    if (upload.refusals.length > 0 || upload.files.length === 0) {
      const refusals = upload.refusals.length ? upload.refusals : [{ name: "", message: "Choose a screenshot to upload" }];
      return json<ActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals }, { status: upload.limited ? 429 : 400 });
    }
    return redirectWithNotice(here, `${upload.files.length === 1 ? "Screenshot" : `${upload.files.length} screenshots`} added to the record.`);
  }

  const forms = PATH_FORMS[incident.kind as keyof typeof PATH_FORMS];
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!forms || !forms.isIntent(intent)) throw new Response("That is not a step of this procedure.", { status: 400 });
  const submission = parseWithZod(formData, { schema: forms.schemas[intent] });
  if (submission.status !== "success") {
    return json<ActionData>({ intent, result: submission.reply(), problem: null }, { status: 400 });
  }
  let outcome;
  try {
    outcome = sendIncidentEvent(db(), { incident, expectedVersion: (submission.value as { version: number }).version, user, event: forms.toEvent(submission.value) });
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
  return redirectWithNotice(here, forms.confirmations[intent]);
}

export default function IncidentPage() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return page.incident.kind === "staff_abuse" ? (
    <StaffAbuseIncident page={page as unknown as StaffAbusePage} actionData={actionData} />
  ) : (
    <MistakenPostIncident page={page as unknown as MistakenPostPage} actionData={actionData} />
  );
}
