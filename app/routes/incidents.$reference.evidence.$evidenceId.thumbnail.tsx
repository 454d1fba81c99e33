import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCustody } from "~/models/custody.server";
import { findEvidenceForIncident } from "~/models/evidence.server";
import { findIncidentForUser } from "~/models/incidents.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { storedThumbnailResponse } from "~/utils/evidence.server";
import { idParam } from "~/utils/params";

/**
 * The metadata-free thumbnail of one evidence picture, shown inline, to people who may see its
 * incident. The original is only ever offered by the download route beside this one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  const evidenceId = idParam(params.evidenceId);
  const evidence = incident && evidenceId !== null ? findEvidenceForIncident(db(), incident.id, evidenceId) : null;
  // The same answer whether the incident is hidden, missing, or does not hold this file, and for
  // a file with no thumbnail (a PDF, or a picture that could not be previewed).
  const response = evidence ? await storedThumbnailResponse(evidence) : null;
  if (!evidence || !response) throw new Response("Not found", { status: 404 });
  recordCustody(db(), { incidentId: evidence.incidentId, evidenceFileId: evidence.id, action: "viewed_thumbnail", personId: user.id });
  return response;
}
