import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { evidenceFiles, people, type EvidenceFile } from "../../db/schema";

/** One evidence file, only when it belongs to this incident (so an id from another incident finds nothing). */
export function findEvidenceForIncident(db: Db, incidentId: number, evidenceId: number): EvidenceFile | null {
  return (
    db
      .select()
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.id, evidenceId), eq(evidenceFiles.incidentId, incidentId)))
      .get() ?? null
  );
}

/** An incident's evidence in the order it was received, with who uploaded each file. */
export function listEvidence(db: Db, incidentId: number) {
  return db
    .select({
      id: evidenceFiles.id,
      originalName: evidenceFiles.originalName,
      mediaType: evidenceFiles.mediaType,
      sizeBytes: evidenceFiles.sizeBytes,
      sha256: evidenceFiles.sha256,
      description: evidenceFiles.description,
      receivedAt: evidenceFiles.receivedAt,
      uploadedByName: people.name,
    })
    .from(evidenceFiles)
    .innerJoin(people, eq(people.id, evidenceFiles.uploadedById))
    .where(eq(evidenceFiles.incidentId, incidentId))
    .orderBy(asc(evidenceFiles.receivedAt), asc(evidenceFiles.id))
    .all();
}
