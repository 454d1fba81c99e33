import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCustody } from "~/models/custody.server";
import { evidencePack, packFileName } from "~/models/evidence-pack.server";
import { findIncidentForUser } from "~/models/incidents.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { renderEvidencePackPdf } from "~/models/evidence-pack-pdf.server";

/**
 * The evidence pack as a PDF: the incident's facts, its whole timeline with hashes, every
 * evidence file with its SHA-256, and the chain of custody, this download included. Only for
 * people who may see the incident; everyone else gets the same 404 as for one that does not exist.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  const now = new Date();
  // Recorded first, so the pack lists its own download.
  recordCustody(db(), { incidentId: incident.id, evidenceFileId: null, action: "downloaded_pack_pdf", personId: user.id, at: now });
  const pdf = await renderEvidencePackPdf(evidencePack(db(), incident, user, now));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${packFileName(incident.reference, "evidence-pack.pdf")}"`,
      "Content-Length": String(pdf.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
