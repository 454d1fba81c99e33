import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCustody } from "~/models/custody.server";
import { findEvidenceForIncident } from "~/models/evidence.server";
import { findIncidentForUser } from "~/models/incidents.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { storedEvidenceResponse } from "~/utils/evidence.server";
import { idParam } from "~/utils/params";

/** Downloads one evidence file, exactly as stored, to people who may see its incident. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  const evidenceId = idParam(params.evidenceId);
  const evidence = incident && evidenceId !== null ? findEvidenceForIncident(db(), incident.id, evidenceId) : null;
  // The same answer whether the incident is hidden, missing, or does not hold this file.
  if (!evidence) throw new Response("Not found", { status: 404 });
  const response = await storedEvidenceResponse(evidence);
  // Only once the file is found on disk and about to be sent.
  recordCustody(db(), { incidentId: evidence.incidentId, evidenceFileId: evidence.id, action: "downloaded_file", personId: user.id });
  return response;
}
