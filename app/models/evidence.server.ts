import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { pathsNamed } from "../../db/evidence-folder";
import { evidenceFiles, people, type EvidenceFile } from "../../db/schema";
import {
  discardStoredEvidence,
  EVIDENCE_MAX_FILES,
  receiveEvidenceUpload,
  type EvidenceUpload,
  type StoredEvidence,
} from "../utils/evidence.server";
import { choosePage } from "../utils/params";
import { preparedPerDatabase } from "../../db/prepared";
import { allowanceLeft, limitMessage, perMinuteLimit } from "./limits.server";

/**
 * Deletes stored files, with their thumbnails, unless a committed row names them: a file is
 * evidence from the moment a row records it, whatever asked for it to go (a screenshot removed
 * from a draft, a draft started again, an upload whose recording failed).
 */
export async function discardUnrecordedEvidence(db: Db, files: readonly Pick<StoredEvidence, "storagePath" | "absolutePath">[]) {
  const named = pathsNamed(db, files.map((file) => file.storagePath));
  await discardStoredEvidence(files.filter((file) => !named.has(file.storagePath)));
}

/**
 * Receives an upload (see receiveEvidenceUpload) within the person's per-minute allowance: files
 * past it are read through but not kept, each refused with the limit's message, and `limited`
 * says so. The other fields of the form arrive whole, so nothing typed is lost. The caller records
 * the kept files as uploads (recordActions) in the transaction that records them.
 */
export async function receiveEvidenceWithinLimit(
  db: Db,
  request: Request,
  personId: number,
  options: { fieldName?: string; now?: Date } = {},
): Promise<EvidenceUpload & { limited: boolean }> {
  const allowance = allowanceLeft(db, personId, "upload", options.now ?? new Date());
  let turnedAway = 0;
  const upload = await receiveEvidenceUpload(request, {
    fieldName: options.fieldName,
    ...(allowance < EVIDENCE_MAX_FILES && {
      maxFiles: allowance,
      tooMany: (name: string) => {
        turnedAway += 1;
        return `“${name}” was not saved. ${limitMessage("upload", perMinuteLimit("upload"))}`;
      },
    }),
  });
  return { ...upload, limited: turnedAway > 0 };
}

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

function evidenceQuery(db: Db, incidentId: number | ReturnType<typeof sql.placeholder>) {
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
    .where(eq(evidenceFiles.incidentId, incidentId));
}

/** An incident's evidence in the order it was received, with who uploaded each file. */
export function listEvidence(db: Db, incidentId: number) {
  return evidenceQuery(db, incidentId).orderBy(asc(evidenceFiles.receivedAt), asc(evidenceFiles.id)).all();
}

const countQuery = preparedPerDatabase((db) =>
  db.select({ files: count() }).from(evidenceFiles).where(eq(evidenceFiles.incidentId, sql.placeholder("incidentId"))).prepare(),
);

export function countEvidence(db: Db, incidentId: number): number {
  return countQuery(db).get({ incidentId })?.files ?? 0;
}

/** How many files the incident page lists; the rest are on the incident's evidence page. */
export const EVIDENCE_ON_INCIDENT_PAGE = 10;

// The pages of evidence go by id: files are numbered as they are added to the record (the pack
// calls them "File 123"), and the index on the incident gives them in that order without reading
// and sorting every file of the incident by time.
const latestQuery = preparedPerDatabase((db) =>
  evidenceQuery(db, sql.placeholder("incidentId")).orderBy(desc(evidenceFiles.id)).limit(sql.placeholder("limit")).prepare(),
);

/**
 * The incident page's evidence: the most recent files, in the order they were added, and how
 * many there are in all (an incident can gather hundreds of screenshots).
 */
export function latestEvidence(db: Db, incidentId: number, limit = EVIDENCE_ON_INCIDENT_PAGE) {
  const files = latestQuery(db).all({ incidentId, limit }).reverse();
  // Fewer than asked for means these are all of them: no need to count.
  return { evidence: files, evidenceCount: files.length < limit ? files.length : countEvidence(db, incidentId) };
}

export const EVIDENCE_PAGE_SIZE = 50;

/** One page of every file of an incident, in the order they were added: page 1 unless asked for. */
export function evidencePage(db: Db, incidentId: number, requested: string | null) {
  const total = countEvidence(db, incidentId);
  const pageCount = Math.max(1, Math.ceil(total / EVIDENCE_PAGE_SIZE));
  const { page, notFound } = choosePage(requested, pageCount, 1);
  const offset = (page - 1) * EVIDENCE_PAGE_SIZE;
  const files = evidenceQuery(db, incidentId).orderBy(asc(evidenceFiles.id)).limit(EVIDENCE_PAGE_SIZE).offset(offset).all();
  return { files, total, page, pageCount, notFound, firstNumber: offset + 1, lastNumber: offset + files.length };
}
