import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { receiveEvidenceWithinLimit } from "~/models/evidence.server";
import { attachScreenshots, findIncidentForUser, incidentPage, sendIncidentEvent } from "~/models/incidents.server";
import { pathModuleFor } from "~/paths/registry";
import { StepInputError, type IncidentActionData } from "~/paths/types";
import { requireUser, type CurrentUser } from "~/utils/auth.server";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { dataVersion } from "../../db/data-version";
import { db } from "~/utils/db.server";
import { viewerKey } from "~/utils/viewer-key.server";
import { EvidenceRequestError } from "~/utils/evidence.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import { NEXT_TO_DO } from "~/components/incident-parts";

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  if (!data) return [{ title: "Incident · Holdfast" }];
  const { incident, timelinePaging } = data.page;
  // A page of the timeline other than the one shown by default says which it is.
  const which = new URLSearchParams(location.search).has("timeline") && timelinePaging.pageCount > 1 ? ` (timeline page ${timelinePaging.page} of ${timelinePaging.pageCount})` : "";
  return [{ title: `${incident.reference}: ${incident.title}${which} · Holdfast` }];
};

/** What the page shows this person of the incident, or null when they may not see it. */
function readPage(database: Db, reference: string, user: CurrentUser, timelinePage: string | null) {
  const page = incidentPage(database, reference, user, { timelinePage });
  if (!page) return { page: null };
  const extras = pathModuleFor(page.incident.kind).pageExtras?.(database, page.incident.id, { allowedEvents: page.allowedEvents, now: new Date() });
  return { page: { ...page, ...extras, userId: user.id } };
}

/**
 * Kept while nothing in the database changes, for at most half a minute (what is overdue follows
 * the clock): rereading or paging through an incident reads nothing twice. Decision 21 gives the
 * measurements with and without it.
 */
export const PAGE_KEPT_SECONDS = 30;

const keptPages = new LRUCache<string, ReturnType<typeof readPage>, { database: Db; reference: string; user: CurrentUser; timelinePage: string | null }>({
  max: 500,
  ttl: PAGE_KEPT_SECONDS * 1000,
  memoMethod: (_key, _stale, { context }) => readPage(context.database, context.reference, context.user, context.timelinePage),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const database = db();
  const reference = params.reference ?? "";
  const timelinePage = new URL(request.url).searchParams.get("timeline");
  const key = [viewerKey(database, user), dataVersion(database), reference, timelinePage ?? ""].join(":");
  const { page } = keptPages.memo(key, { context: { database, reference, user, timelinePage } });
  // Someone who may not see an incident is told it does not exist, not that it is hidden.
  if (!page) throw new Response("Not found", { status: 404 });
  // "Now" for the fields that ask when something happened: the server's clock, so it is there without JavaScript.
  return json({ page: { ...page, now: toOrganisationLocalInput(new Date()) } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  // After a change the person lands on what there is to do next, with or without JavaScript.
  const next = `/incidents/${incident.reference}#${NEXT_TO_DO}`;

  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    let upload;
    try {
      upload = await receiveEvidenceWithinLimit(db(), request, user.id);
    } catch (error) {
      if (!(error instanceof EvidenceRequestError)) throw error;
      return json<IncidentActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals: [{ name: "", message: error.message }] }, { status: error.status });
    }
    const outcome = attachScreenshots(db(), { incident, expectedVersion: Number(upload.fields.get("version")), user, files: upload.files });
    if (outcome && !outcome.ok) {
      // A change made meanwhile is told at the top with what changed; a refusal, by the upload like any other.
      const conflict = outcome.code === "conflict";
      return json<IncidentActionData>(
        {
          intent: "ATTACH_SCREENSHOT",
          result: {},
          problem: conflict ? { message: outcome.message, changes: outcome.changesSince } : null,
          refusals: conflict ? upload.refusals : [...upload.refusals, { name: "", message: outcome.message }],
        },
        { status: conflict ? 409 : 422 },
      );
    }
    if (upload.refusals.length > 0 || upload.files.length === 0) {
      const refusals = upload.refusals.length ? upload.refusals : [{ name: "", message: "Choose a screenshot to upload" }];
      return json<IncidentActionData>({ intent: "ATTACH_SCREENSHOT", result: {}, problem: null, refusals }, { status: upload.limited ? 429 : 400 });
    }
    return redirectWithNotice(next, `${upload.files.length === 1 ? "Screenshot" : `${upload.files.length} screenshots`} added to the record.`);
  }

  const forms = pathModuleFor(incident.kind).steps;
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!forms.isIntent(intent)) throw new Response("That is not a step of this procedure.", { status: 400 });
  const submission = parseWithZod(formData, { schema: forms.schemas[intent] });
  if (submission.status !== "success") {
    return json<IncidentActionData>({ intent, result: submission.reply(), problem: null }, { status: 400 });
  }
  let outcome;
  try {
    outcome = sendIncidentEvent(db(), { incident, expectedVersion: (submission.value as { version: number }).version, user, event: forms.toEvent(db(), submission.value) });
  } catch (error) {
    if (!(error instanceof StepInputError)) throw error;
    return json<IncidentActionData>({ intent, result: submission.reply({ formErrors: [error.message] }), problem: null }, { status: 400 });
  }
  if (!outcome.ok) {
    return json<IncidentActionData>(
      { intent, result: submission.reply(), problem: { message: outcome.message, changes: outcome.changesSince } },
      { status: outcome.code === "conflict" ? 409 : 422 },
    );
  }
  return redirectWithNotice(next, forms.confirmations[intent]);
}

export default function IncidentPage() {
  const { page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { IncidentPage: PathIncidentPage } = pathModuleFor(page.incident.kind);
  return <PathIncidentPage page={page} actionData={actionData} />;
}
