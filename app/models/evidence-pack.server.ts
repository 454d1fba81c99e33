import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { evidenceFiles, people, type Incident } from "../../db/schema";
import { escalationPathFor } from "../../machines/registry";
import { listSteps, type RecordView, stepStatuses } from "../../machines/kit";
import { listCustody, type CustodyEntry } from "./custody.server";
import type { CurrentUser } from "../utils/auth.server";
import { getTimeline, recordViewFor } from "./incidents.server";

/**
 * Everything an evidence pack states about an incident: its facts, its whole timeline with each
 * event's hash, its evidence files and their chain of custody, as far as the person may see them
 * (need to know: a section hidden on the page is hidden in the pack). Call only after the person
 * has been authorised for the incident, and after recording their download, so the pack lists it.
 */

export interface PackFile {
  id: number;
  originalName: string;
  /** The file's name inside the ZIP: `files/<id>-<safe original name>`. */
  zipPath: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: string;
  uploadedByName: string;
  storagePath: string;
}

export interface PackTimelineEvent {
  sequence: number;
  at: string;
  actorName: string | null;
  label: string;
  /** What the event did beyond its label (who was away, who was asked next), as recorded with it. */
  outcome: string | null;
  stepTitle: string;
  hash: string;
}

export interface EvidencePack {
  incident: {
    reference: string;
    kindTitle: string;
    title: string;
    reporterName: string;
    reportedAt: string;
    currentStep: string;
  };
  timeline: PackTimelineEvent[];
  files: PackFile[];
  custody: CustodyEntry[];
  generatedAt: string;
  generatedBy: string;
}

/** A file name that is safe on every system and in a `sha256sum -c` manifest: letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const safe = name
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[._]+/, "")
    .slice(-100);
  return safe || "file";
}

export function packFileName(reference: string, suffix: string): string {
  return `${safeFileName(reference)}-${suffix}`;
}

/** What the incident is doing now, in words: its step, the pieces of work still open that this person may see, or that it is closed. */
function currentStepOf(incident: Incident, view: RecordView): string {
  const path = escalationPathFor(incident.kind);
  const steps = listSteps(path.machine).filter((step) => view.showsStep(step.id));
  const snapshot = path.machine.resolveState(incident.snapshot as never);
  const statuses = stepStatuses(path.machine, snapshot, new Set());
  const current = steps.filter((step) => statuses[step.id] === "current").map((step) => step.title);
  if (current.length > 0) return current.join(", ");
  const step = steps.find((candidate) => candidate.id === incident.state);
  if (snapshot.status === "done") return step ? `${step.title} (finished)` : "Finished";
  return step?.title ?? incident.state;
}

export function evidencePack(db: Db, incident: Incident, viewer: CurrentUser, now: Date = new Date()): EvidencePack {
  const view = recordViewFor(db, viewer, incident);
  const reporter = db.select({ name: people.name }).from(people).where(eq(people.id, incident.reporterId)).get();
  const files = !view.showsEvidence
    ? []
    : db
        .select({
          id: evidenceFiles.id,
          originalName: evidenceFiles.originalName,
          mediaType: evidenceFiles.mediaType,
          sizeBytes: evidenceFiles.sizeBytes,
          sha256: evidenceFiles.sha256,
          receivedAt: evidenceFiles.receivedAt,
          uploadedByName: people.name,
          storagePath: evidenceFiles.storagePath,
        })
        .from(evidenceFiles)
        .innerJoin(people, eq(people.id, evidenceFiles.uploadedById))
        .where(eq(evidenceFiles.incidentId, incident.id))
        .orderBy(asc(evidenceFiles.receivedAt), asc(evidenceFiles.id))
        .all()
        .map((file) => ({ ...file, zipPath: `files/${file.id}-${safeFileName(file.originalName)}` }));
  return {
    incident: {
      reference: incident.reference,
      kindTitle: escalationPathFor(incident.kind).title,
      title: incident.title,
      reporterName: reporter?.name ?? "Unknown",
      reportedAt: incident.createdAt,
      currentStep: currentStepOf(incident, view),
    },
    timeline: getTimeline(db, incident, view.showsEvent).map((event) => ({
      sequence: event.sequence,
      at: event.at,
      actorName: event.actorName,
      label: event.label,
      outcome: event.timelineText,
      stepTitle: event.stepTitle,
      hash: event.hash,
    })),
    files,
    custody: listCustody(db, incident.id),
    generatedAt: now.toISOString(),
    generatedBy: viewer.name,
  };
}
