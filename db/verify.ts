import { stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "./client";
import { checkEvidenceFolder, rehashStoredEvidence } from "./evidence-folder";
import { GENESIS_HASH, hashTimelineEvent, type TimelineEventFields } from "./workflow";

/**
 * The verifier (decision 3): walks every incident's hash-chained timeline and re-hashes every
 * stored evidence file, and says precisely what does not match. It only reads.
 *
 * It reads the stored rows as they are on disk (raw SQL, the payload as text), so a row someone
 * changed by hand, even into something that is no longer JSON, is reported rather than crashing
 * the check. Incidents are read a page at a time and each incident's events and files on their
 * own, so memory follows the largest incident, not the database.
 */

export type VerificationProblemKind =
  /** An event's stored fields no longer give its stored hash. */
  | "event_changed"
  /** One or more events are not there (a gap in the numbers, or after the last one). */
  | "event_missing"
  /** Two events carry each other's numbers. */
  | "events_out_of_order"
  /** An event carries a number other than the one it was written with. */
  | "event_out_of_place"
  /** Two events were written with the same number. */
  | "event_duplicated"
  /** An event does not link to the hash of the event before it. */
  | "link_broken"
  /** The incident's version is lower than its last event. */
  | "version_behind"
  /** An incident reference in the middle of the year's run is not there. */
  | "incident_missing"
  /** Events or files belong to an incident id that does not exist. */
  | "incident_deleted"
  | "file_missing"
  | "file_changed"
  | "file_unreadable"
  /** The file's record disagrees with what the timeline recorded when it was attached. */
  | "file_record_changed"
  /** A file record that no event of the timeline records being attached. */
  | "file_not_in_timeline"
  /** The timeline records a file being attached, but there is no record of it. */
  | "file_record_missing"
  /** A screenshot kept in a report not yet sent is not in the evidence folder. */
  | "draft_file_missing";

export interface VerificationProblem {
  kind: VerificationProblemKind;
  /** Null when the incident itself is gone. */
  incidentId: number | null;
  reference: string | null;
  /** The event concerned (the first of a pair or range), as numbered in the database. */
  sequence: number | null;
  /** The other event of a pair, or the last of a range of missing events. */
  relatedSequence: number | null;
  evidenceId: number | null;
  originalName: string | null;
  /** Plain English, starting with the reference: "HF-2026-0003, event 4: its contents were changed…". */
  message: string;
  /**
   * The same without any file's original name, which may name the people involved: for people
   * who may not open the incident itself.
   */
  messageWithoutNames: string;
}

export interface VerificationReport {
  /** True when nothing at all is wrong. */
  ok: boolean;
  incidentsChecked: number;
  eventsChecked: number;
  filesChecked: number;
  problems: VerificationProblem[];
  /**
   * Files in the evidence folder that no row names (uploads never recorded, such as one cut off
   * by a crash before its row committed): listed, but not a problem, since no record refers to them.
   */
  orphanFiles: string[];
  startedAt: string;
  finishedAt: string;
}

interface IncidentRow {
  id: number;
  reference: string;
  version: number;
}

interface EventRow {
  id: number;
  incidentId: number;
  sequence: number;
  actorId: number | null;
  type: string;
  fromStep: string | null;
  toStep: string;
  /** As stored: JSON text, unless someone changed it into something else. */
  payload: string;
  at: string;
  previousHash: string;
  hash: string;
}

interface EvidenceRow {
  id: number;
  incidentId: number;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storagePath: string;
}

/** What the timeline recorded about a file when it was attached (the ATTACH_SCREENSHOT payload). */
interface AttachedFile {
  sequence: number;
  originalName: string | null;
  mediaType: unknown;
  sizeBytes: unknown;
  sha256: unknown;
  storagePath: string;
}

interface CheckedEvent {
  row: EventRow;
  /** The number it was written with: its own, unless it was renumbered afterwards. */
  written: number;
  state: "intact" | "renumbered" | "changed";
  /** The hash of its stored fields, when they could be read. */
  recomputed: string | null;
  /** Why its fields could not be hashed at all. */
  unreadable: string | null;
  /** Set when only the stored hash was changed: the next event still links to the recomputed one. */
  onlyHashChanged: boolean;
  payload: unknown;
}

const INCIDENT_PAGE_SIZE = 100;
/** How many re-hashes may be spent per incident looking for the number a moved event was written with. */
const RENUMBER_SEARCH_BUDGET = 20_000;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The subject of a file problem, with or without its original name. */
function fileSubject(evidenceId: number, originalName: string | null, showNames: boolean): string {
  if (originalName === null) return `file ${evidenceId}`;
  return showNames ? `file ${evidenceId} (“${originalName}”)` : `file ${evidenceId} (name withheld)`;
}

type ProblemFields = Omit<VerificationProblem, "message" | "messageWithoutNames" | "incidentId" | "reference" | "relatedSequence" | "evidenceId" | "originalName"> &
  Partial<Pick<VerificationProblem, "incidentId" | "reference" | "relatedSequence" | "evidenceId" | "originalName">>;

/** A problem whose text is made twice: with file names, and without them. */
function problem(fields: ProblemFields, describe: (showNames: boolean) => string): VerificationProblem {
  const prefix = fields.reference && fields.kind !== "incident_missing" ? `${fields.reference}, ` : "";
  return {
    incidentId: null,
    reference: null,
    relatedSequence: null,
    evidenceId: null,
    originalName: null,
    ...fields,
    message: prefix + describe(true),
    messageWithoutNames: prefix + describe(false),
  };
}

function fieldsOf(row: EventRow, payload: unknown, sequence = row.sequence): TimelineEventFields {
  return {
    incidentId: row.incidentId,
    sequence,
    actorId: row.actorId,
    type: row.type,
    fromStep: row.fromStep,
    toStep: row.toStep,
    payload,
    at: row.at,
    previousHash: row.previousHash,
  };
}

function checkEventContents(row: EventRow, candidates: () => Iterable<number>, budget: { left: number }): CheckedEvent {
  const base = { row, written: row.sequence, onlyHashChanged: false };
  let payload: unknown;
  let recomputed: string;
  try {
    payload = JSON.parse(row.payload);
    recomputed = hashTimelineEvent(fieldsOf(row, payload));
  } catch {
    return { ...base, state: "changed", recomputed: null, unreadable: "its details are no longer readable", payload: undefined };
  }
  if (recomputed === row.hash) return { ...base, state: "intact", recomputed, unreadable: null, payload };
  // The number is part of the hash: an event moved to another place still hashes right with the
  // number it was written with.
  for (const sequence of candidates()) {
    if (budget.left <= 0) break;
    if (sequence === row.sequence) continue;
    budget.left -= 1;
    if (hashTimelineEvent(fieldsOf(row, payload, sequence)) === row.hash) {
      return { ...base, written: sequence, state: "renumbered", recomputed, unreadable: null, payload };
    }
  }
  return { ...base, state: "changed", recomputed, unreadable: null, payload };
}

function missingEvents(incident: IncidentRow, first: number, last: number, explanation: string): VerificationProblem {
  const what =
    first === last ? `event ${first} is missing` : last === first + 1 ? `events ${first} and ${last} are missing` : `events ${first} to ${last} are missing`;
  return problem(
    { kind: "event_missing", incidentId: incident.id, reference: incident.reference, sequence: first, relatedSequence: first === last ? null : last },
    () => `${what}: ${explanation}`,
  );
}

/**
 * Checks one incident's timeline: each event's hash against its stored fields, the numbers
 * 1..n with no gap, each link to the event before, and the incident's version against the last
 * event. Pure: the rows are passed in, in the order of their numbers.
 */
export function checkTimeline(incident: IncidentRow, rows: EventRow[]): { problems: VerificationProblem[]; attachedFiles: AttachedFile[] } {
  const found: { order: number; problem: VerificationProblem }[] = [];
  const add = (order: number, item: VerificationProblem) => found.push({ order, problem: item });
  const where = { incidentId: incident.id, reference: incident.reference };

  const highest = rows.reduce((most, row) => Math.max(most, row.sequence), Math.max(incident.version, rows.length)) + 1;
  const budget = { left: RENUMBER_SEARCH_BUDGET };
  const candidates = function* () {
    for (let sequence = 1; sequence <= highest; sequence += 1) yield sequence;
  };
  const checked = rows.map((row) => checkEventContents(row, candidates, budget));

  // Events that carry another event's number: a swapped pair is told as one problem.
  const bySequence = new Map(checked.map((event) => [event.row.sequence, event]));
  for (const event of checked) {
    if (event.state !== "renumbered") continue;
    const [a, b] = [event.row.sequence, event.written];
    const partner = bySequence.get(b);
    if (partner?.state === "renumbered" && partner.written === a) {
      if (a > b) continue;
      add(
        a,
        problem({ kind: "events_out_of_order", ...where, sequence: a, relatedSequence: b }, () =>
          b === a + 1
            ? `events ${a} and ${b} are out of order: event ${b} does not follow from event ${a} (the two have swapped places)`
            : `events ${a} and ${b} are out of order: they have swapped places (event ${a} was written as event ${b}, and event ${b} as event ${a})`,
        ),
      );
    } else {
      add(a, problem({ kind: "event_out_of_place", ...where, sequence: a, relatedSequence: b }, () => `event ${a} is out of place: it was written as event ${b}`));
    }
  }

  // The chain, in the order the events were written. Once events were renumbered, missing ones
  // are named by the numbers they were written with, which the message says.
  const byWrittenNumbers = checked.some((event) => event.state === "renumbered") ? " (counting events by the numbers they were written with)" : "";
  const inWrittenOrder = [...checked].sort((x, y) => x.written - y.written || x.row.sequence - y.row.sequence);
  let expected = 1;
  let previous: CheckedEvent | null = null;
  for (const event of inWrittenOrder) {
    const { row } = event;
    if (event.written < expected) {
      add(row.sequence, problem({ kind: "event_duplicated", ...where, sequence: row.sequence }, () => `event ${row.sequence}: there is more than one event ${event.written}`));
      continue;
    }
    const afterGap = event.written > expected;
    if (afterGap) {
      add(
        expected,
        missingEvents(
          incident,
          expected,
          event.written - 1,
          (expected === 1 ? `the timeline starts at event ${event.written}` : `the timeline goes from event ${expected - 1} to event ${event.written}`) +
            byWrittenNumbers,
        ),
      );
    }
    // Across a gap the link cannot be checked: the gap is the finding.
    if (!afterGap) {
      const linksTo = previous ? previous.row.hash : GENESIS_HASH;
      if (row.previousHash !== linksTo) {
        if (previous && previous.state === "changed" && row.previousHash === previous.recomputed) {
          // The event before is as it was written; only its stored hash was changed.
          previous.onlyHashChanged = true;
        } else {
          add(row.sequence, brokenLink(incident, event, previous, checked));
        }
      }
    }
    previous = event;
    expected = event.written + 1;
  }
  const last = expected - 1;
  if (incident.version > last) {
    add(
      last + 1,
      missingEvents(
        incident,
        last + 1,
        incident.version,
        last === 0
          ? `the incident is at version ${incident.version}, but it has no events at all`
          : `the incident is at version ${incident.version}, but its timeline ends at event ${last}${byWrittenNumbers}`,
      ),
    );
  } else if (incident.version < last) {
    add(
      last,
      problem(
        { kind: "version_behind", ...where, sequence: last },
        () => `the incident is at version ${incident.version}, but its timeline goes up to event ${last}${byWrittenNumbers}: the incident record was changed`,
      ),
    );
  }

  for (const event of checked) {
    if (event.state !== "changed") continue;
    const { row } = event;
    const next = `event ${event.written + 1}`;
    add(
      row.sequence,
      problem({ kind: "event_changed", ...where, sequence: row.sequence }, () =>
        event.unreadable
          ? `event ${row.sequence}: its contents were changed after it was written (${event.unreadable})`
          : event.onlyHashChanged
            ? `event ${row.sequence}: its stored hash was changed after it was written (stored hash ${row.hash}, but its contents still give ${event.recomputed}, which ${next} links to)`
            : `event ${row.sequence}: its contents were changed after it was written (stored hash ${row.hash}, recomputed ${event.recomputed})`,
      ),
    );
  }

  const attachedFiles: AttachedFile[] = [];
  for (const event of checked) {
    const file = (event.payload as { file?: Record<string, unknown> } | null | undefined)?.file;
    if (!file || typeof file !== "object" || typeof file.storagePath !== "string") continue;
    attachedFiles.push({
      sequence: event.row.sequence,
      originalName: typeof file.originalName === "string" ? file.originalName : null,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      storagePath: file.storagePath,
    });
  }

  found.sort((x, y) => x.order - y.order);
  return { problems: found.map((item) => item.problem), attachedFiles };
}

function brokenLink(incident: IncidentRow, event: CheckedEvent, previous: CheckedEvent | null, all: CheckedEvent[]): VerificationProblem {
  const { row } = event;
  const where = { incidentId: incident.id, reference: incident.reference, sequence: row.sequence };
  if (!previous) {
    return problem(
      { kind: "link_broken", ...where },
      () => `event ${row.sequence} does not start the timeline: it links to ${row.previousHash} rather than to the start of the chain, so the events before it were removed or it was replaced`,
    );
  }
  const p = previous.row.sequence;
  const actual = all.find((candidate) => candidate !== event && candidate.row.hash === row.previousHash);
  if (actual) {
    return problem(
      { kind: "link_broken", ...where, relatedSequence: p },
      () => `events ${p} and ${row.sequence} are out of order: event ${row.sequence} does not follow from event ${p}, but from event ${actual.row.sequence}`,
    );
  }
  return problem(
    { kind: "link_broken", ...where, relatedSequence: p },
    () =>
      `event ${row.sequence} does not follow from event ${p}: it was written after an event whose hash is ${row.previousHash}, but event ${p}'s hash is ${previous.row.hash}, so event ${p} was replaced or events between them were removed`,
  );
}

function withinFolder(directory: string, storagePath: string): string | null {
  const root = resolve(directory);
  const absolutePath = resolve(root, storagePath);
  return absolutePath.startsWith(root + sep) ? absolutePath : null;
}

/** Re-hashes one stored file (streamed) and compares it with its record. */
async function checkStoredFile(incident: IncidentRow, file: EvidenceRow, directory: string): Promise<VerificationProblem | null> {
  const where = { incidentId: incident.id, reference: incident.reference, sequence: null, evidenceId: file.id, originalName: file.originalName };
  const subject = (showNames: boolean) => fileSubject(file.id, file.originalName, showNames);
  const absolutePath = withinFolder(directory, file.storagePath);
  if (!absolutePath) {
    return problem(
      { kind: "file_record_changed", ...where },
      (showNames) => `${subject(showNames)} cannot be checked: its recorded place (${file.storagePath}) is outside the evidence folder, so its record was changed`,
    );
  }
  let sha256: string;
  let sizeBytes = 0;
  try {
    sha256 = await rehashStoredEvidence(absolutePath);
    sizeBytes = (await stat(absolutePath)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      return problem(
        { kind: "file_missing", ...where },
        (showNames) => `${subject(showNames)} is missing: nothing is stored at ${file.storagePath} in the evidence folder`,
      );
    }
    return problem(
      { kind: "file_unreadable", ...where },
      (showNames) => `${subject(showNames)} could not be read (${code ?? (error instanceof Error ? error.message : String(error))}), so it could not be checked`,
    );
  }
  if (sha256 === file.sha256) return null;
  const sizes = sizeBytes === file.sizeBytes ? "" : `; it was ${plural(file.sizeBytes, "byte")} and is now ${plural(sizeBytes, "byte")}`;
  return problem(
    { kind: "file_changed", ...where },
    (showNames) => `${subject(showNames)} has changed since it was received: its SHA-256 was recorded as ${file.sha256}, and is now ${sha256}${sizes}`,
  );
}

/** Compares the file records of an incident with what its timeline recorded when each was attached. */
function checkFileRecords(incident: IncidentRow, files: EvidenceRow[], attached: AttachedFile[], eventsMissing: boolean): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const where = { incidentId: incident.id, reference: incident.reference };
  const byPath = new Map(attached.map((file) => [file.storagePath, file]));
  const recorded = new Set<string>();
  for (const file of files) {
    recorded.add(file.storagePath);
    const subject = (showNames: boolean) => fileSubject(file.id, file.originalName, showNames);
    const fileWhere = { ...where, evidenceId: file.id, originalName: file.originalName };
    const timeline = byPath.get(file.storagePath);
    if (!timeline) {
      problems.push(
        problem(
          { kind: "file_not_in_timeline", ...fileWhere, sequence: null },
          (showNames) =>
            `${subject(showNames)} is not in the timeline: no event records it being attached, ` +
            (eventsMissing ? "so it was attached by an event that is missing, or its record was added or changed afterwards" : "so its record was added or changed afterwards"),
        ),
      );
      continue;
    }
    const differences = (showNames: boolean) => {
      const list: string[] = [];
      if (timeline.sha256 !== file.sha256) list.push(`SHA-256 ${String(timeline.sha256)} (the record says ${file.sha256})`);
      if (timeline.sizeBytes !== file.sizeBytes) list.push(`size ${String(timeline.sizeBytes)} bytes (the record says ${file.sizeBytes})`);
      if (timeline.mediaType !== file.mediaType) list.push(`type ${String(timeline.mediaType)} (the record says ${file.mediaType})`);
      if (timeline.originalName !== file.originalName) {
        list.push(showNames ? `name “${timeline.originalName ?? ""}” (the record says “${file.originalName}”)` : "a different name");
      }
      return list;
    };
    if (differences(true).length > 0) {
      problems.push(
        problem(
          { kind: "file_record_changed", ...fileWhere, sequence: timeline.sequence },
          (showNames) =>
            `${subject(showNames)}: its record was changed after it was received; event ${timeline.sequence}, which attached it, recorded ${differences(showNames).join(", ")}`,
        ),
      );
    }
  }
  for (const timeline of attached) {
    if (recorded.has(timeline.storagePath)) continue;
    problems.push(
      problem(
        { kind: "file_record_missing", ...where, sequence: timeline.sequence, originalName: timeline.originalName },
        (showNames) =>
          `event ${timeline.sequence} records ${timeline.originalName !== null && showNames ? `“${timeline.originalName}”` : "a file"} being attached (stored at ${timeline.storagePath}), but there is no record of that file: it was removed`,
      ),
    );
  }
  return problems;
}

const REFERENCE = /^HF-(\d{4})-(\d+)$/;

/**
 * References run HF-<year>-0001, 0002… with no gap (each is the year's highest plus one, taken in
 * the transaction that opens the incident), so a gap is an incident that was deleted.
 */
function referenceGaps(reference: string, lastByYear: Map<string, number>): VerificationProblem[] {
  const match = REFERENCE.exec(reference);
  if (!match) return [];
  const [, year, digits] = match;
  const number = Number(digits);
  const last = lastByYear.get(year) ?? 0;
  if (number <= last) return [];
  lastByYear.set(year, number);
  const problems: VerificationProblem[] = [];
  for (let missing = last + 1; missing < number; missing += 1) {
    const missingReference = `HF-${year}-${String(missing).padStart(digits.length, "0")}`;
    problems.push(
      problem(
        { kind: "incident_missing", reference: missingReference, sequence: null },
        () => `${missingReference} is missing: ${reference} comes after it, so it was deleted`,
      ),
    );
  }
  return problems;
}

/**
 * Walks every incident's timeline and re-hashes every stored evidence file under
 * `evidenceDirectory`, reporting each problem with the incident, the event or the file.
 */
export async function verifyRecords(db: Db, evidenceDirectory: string): Promise<VerificationReport> {
  const sqlite = db.$client;
  const startedAt = new Date().toISOString();
  const incidentPage = sqlite.prepare<[number, number], { id: number }>("select id from incidents where id > ? order by id limit ?");
  const incidentById = sqlite.prepare<[number], IncidentRow>("select id, reference, version from incidents where id = ?");
  const eventsOf = sqlite.prepare<[number], EventRow>(
    `select id, incident_id as incidentId, sequence, actor_id as actorId, type, from_step as fromStep, to_step as toStep,
            payload, at, previous_hash as previousHash, hash
       from incident_events where incident_id = ? order by sequence, id`,
  );
  const filesOf = sqlite.prepare<[number], EvidenceRow>(
    `select id, incident_id as incidentId, original_name as originalName, media_type as mediaType, size_bytes as sizeBytes,
            sha256, storage_path as storagePath
       from evidence_files where incident_id = ? order by id`,
  );
  // One read transaction per incident, so its version, events and files are one consistent view
  // even while the app (or another process) is writing.
  const readIncident = sqlite.transaction((incidentId: number) => {
    const incident = incidentById.get(incidentId);
    return incident ? { incident, events: eventsOf.all(incidentId), files: filesOf.all(incidentId) } : null;
  });

  const problems: VerificationProblem[] = [];
  let incidentsChecked = 0;
  let eventsChecked = 0;
  let filesChecked = 0;
  const lastReferenceByYear = new Map<string, number>();

  let after = 0;
  while (true) {
    const page = incidentPage.all(after, INCIDENT_PAGE_SIZE);
    if (page.length === 0) break;
    for (const listed of page) {
      after = listed.id;
      const fresh = readIncident(listed.id);
      if (!fresh) continue;
      const { incident, events, files } = fresh;
      incidentsChecked += 1;
      eventsChecked += events.length;
      problems.push(...referenceGaps(incident.reference, lastReferenceByYear));
      const timeline = checkTimeline(incident, events);
      problems.push(...timeline.problems);
      const eventsMissing = timeline.problems.some((found) => found.kind === "event_missing" || found.kind === "link_broken");
      problems.push(...checkFileRecords(incident, files, timeline.attachedFiles, eventsMissing));
      for (const file of files) {
        filesChecked += 1;
        const found = await checkStoredFile(incident, file, evidenceDirectory);
        if (found) problems.push(found);
      }
    }
    // Lets a server answer other requests between pages of a long check.
    await nextTurn();
  }

  for (const orphan of sqlite
    .prepare<[], { incidentId: number; count: number }>(
      `select incident_id as incidentId, count(*) as count from incident_events
        where incident_id not in (select id from incidents) group by incident_id order by incident_id`,
    )
    .all()) {
    eventsChecked += orphan.count;
    problems.push(
      problem(
        { kind: "incident_deleted", incidentId: orphan.incidentId, sequence: null },
        () => `${plural(orphan.count, "event")} belong to incident ${orphan.incidentId}, which is no longer there: the incident was deleted`,
      ),
    );
  }
  for (const orphan of sqlite
    .prepare<[], EvidenceRow>(
      `select id, incident_id as incidentId, original_name as originalName from evidence_files
        where incident_id not in (select id from incidents) order by id`,
    )
    .all()) {
    problems.push(
      problem(
        { kind: "incident_deleted", incidentId: orphan.incidentId, sequence: null, evidenceId: orphan.id, originalName: orphan.originalName },
        (showNames) => `${fileSubject(orphan.id, orphan.originalName, showNames)} belongs to incident ${orphan.incidentId}, which is no longer there: the incident was deleted`,
      ),
    );
  }

  // The incidents' files were re-hashed above; the drafts' files and the orphans come from the folder.
  const folder = await checkEvidenceFolder(db, evidenceDirectory);
  for (const file of folder.missing) {
    if (file.source !== "draft") continue;
    problems.push(
      problem(
        { kind: "draft_file_missing", sequence: null },
        () => `A screenshot of ${file.namedBy} is missing: nothing is stored at ${file.storagePath} in the evidence folder`,
      ),
    );
  }

  return {
    ok: problems.length === 0,
    incidentsChecked,
    eventsChecked,
    filesChecked,
    problems,
    orphanFiles: folder.orphans,
    startedAt,
    finishedAt: new Date().toISOString(),
  };
}

/** "3 incidents, 41 events and 2 files". */
export function describeCounts(report: Pick<VerificationReport, "incidentsChecked" | "eventsChecked" | "filesChecked">): string {
  return `${plural(report.incidentsChecked, "incident")}, ${plural(report.eventsChecked, "event")} and ${plural(report.filesChecked, "file")}`;
}
