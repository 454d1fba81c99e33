import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordCustody } from "~/models/custody.server";
import { evidencePack, packFileName } from "~/models/evidence-pack.server";
import { findIncidentForUser } from "~/models/incidents.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { evidenceDirectory } from "~/utils/evidence.server";
import { zipStream } from "~/utils/evidence-pack-zip.server";

/**
 * The original evidence files, byte for byte, as a ZIP streamed to the person: each file under
 * `files/<id>-<safe name>`, `manifest.sha256` for `sha256sum -c`, and `manifest.json` with each
 * file's facts. Same access rule and the same 404 as the incident page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  if (!incident) throw new Response("Not found", { status: 404 });
  const now = new Date();
  const directory = evidenceDirectory();
  const { files, incident: facts } = evidencePack(db(), incident, user, now);
  // Every file must be on disk before anything is sent or recorded: a pack is complete or not given.
  const missing = (await Promise.all(files.map((file) => stat(join(directory, file.storagePath)).then(() => null, () => file.id)))).filter((id) => id !== null);
  if (missing.length > 0) {
    console.error(`Evidence pack ${incident.reference}: files ${missing.join(", ")} are missing from storage`);
    throw new Response("An evidence file is missing from storage. Ask an administrator to run the verification.", { status: 500 });
  }
  recordCustody(db(), { incidentId: incident.id, evidenceFileId: null, action: "downloaded_pack_zip", personId: user.id, at: now });

  const manifest = {
    incident: { reference: facts.reference, path: facts.kindTitle, title: facts.title, reporter: facts.reporterName, reportedAt: facts.reportedAt },
    generatedAt: now.toISOString(),
    generatedBy: user.name,
    files: files.map((file) => ({
      id: file.id,
      name: file.originalName,
      path: file.zipPath,
      size: file.sizeBytes,
      type: file.mediaType,
      sha256: file.sha256,
      receivedAt: file.receivedAt,
      uploader: file.uploadedByName,
    })),
  };
  const body = zipStream([
    ...files.map((file) => ({ name: file.zipPath, modified: new Date(file.receivedAt), absolutePath: join(directory, file.storagePath) })),
    { name: "manifest.sha256", modified: now, text: files.map((file) => `${file.sha256}  ${file.zipPath}\n`).join("") },
    { name: "manifest.json", modified: now, text: `${JSON.stringify(manifest, null, 2)}\n` },
  ]);
  return new Response(body, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${packFileName(incident.reference, "evidence-files.zip")}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
