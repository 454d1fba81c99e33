import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { and, asc, desc, eq, gt, inArray, like, min, sql } from "drizzle-orm";
import { initialTransition, transition, type AnyMachineSnapshot } from "xstate";
import { DEFAULT_READING_POLICY, effectsOf, explainRefusal, machineStateOf, stepIdOf, type ReadingPolicy, type SetDeadlineParams } from "../machines/kit";
import { escalationPathFor, type IncidentKind } from "../machines/registry";
import type { Db } from "./client";
import { preparedPerDatabase } from "./prepared";
import { resolveRecipients, type Queryable } from "./directory";
import { outboxRowData } from "./outbox-data";
import { ChannelError, editHeldPost, pauseChannels, resumePausesOfIncident, reviewHeldPost } from "./channels";
import {
  deadlines,
  evidenceFiles,
  incidentAccess,
  incidentEvents,
  incidentFacets,
  incidentMilestones,
  incidents,
  incidentWork,
  OPEN_DEADLINE_STATUSES,
  outbox,
  people,
  settings,
  type DeadlineStatus,
  type Incident,
} from "./schema";

/**
 * The workflow core. Every change of an incident's state goes through `openIncident` or
 * `applyEvent`, and each runs as one transaction: load, run the pure machine transition, check
 * the version, store the snapshot, append the hash-chained timeline event, and write the
 * deadlines and outbox emails the transition asked for. If any part fails, nothing is written.
 */

export const GENESIS_HASH = "0".repeat(64);

export interface Actor {
  id: number;
  name: string;
}

export type WorkflowErrorCode = "not_found" | "refused" | "conflict";

export interface ChangeSince {
  sequence: number;
  /** The event's type, so a page can hide the changes a viewer may not know of. */
  type: string;
  label: string;
  /** What the person did, said after their name ("put the crisis plan in force"); null for Holdfast's own events. */
  deed: string | null;
  /** What the path said the event did beyond its label (who was asked next), when it said anything. */
  outcome: string | null;
  actorName: string | null;
  at: string;
}

export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    /** For a conflict: what happened since the version the person was looking at. */
    readonly changesSince: ChangeSince[] = [],
    /** For a conflict: whether the incident as it is now would still take the same event from them. */
    readonly stillPossible = false,
  ) {
    super(message);
    this.name = "WorkflowError";
  }
}

export interface TimelineEventFields {
  incidentId: number;
  sequence: number;
  actorId: number | null;
  type: string;
  fromStep: string | null;
  toStep: string;
  payload: unknown;
  at: string;
  previousHash: string;
}

/**
 * The field of a stored event's payload that holds what the path said the event did (who was
 * asked next, who was away), for the timeline. Events recorded before it was kept lack it.
 */
export const TIMELINE_TEXT_FIELD = "timelineText";

/** The payload stored for an event: its fields, with what the path says it did when the label alone does not. */
function payloadWith(fields: object, timelineText: string | null | undefined): unknown {
  return timelineText ? { ...fields, [TIMELINE_TEXT_FIELD]: timelineText } : fields;
}

/** SHA-256 over the RFC 8785 canonical JSON of the event and the hash before it. */
export function hashTimelineEvent(fields: TimelineEventFields): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error("Timeline event cannot be canonicalised");
  return createHash("sha256").update(canonical).digest("hex");
}

interface MachineEvent {
  type: string;
  at: string;
  [key: string]: unknown;
}

function persistSnapshot(kind: string, snapshot: AnyMachineSnapshot): unknown {
  return escalationPathFor(kind).machine.getPersistedSnapshot(snapshot);
}

function restoreSnapshot(incident: Pick<Incident, "kind" | "snapshot">): AnyMachineSnapshot {
  return escalationPathFor(incident.kind).machine.resolveState(incident.snapshot as never);
}

/** The next reference of the year, e.g. HF-2026-0042. Runs inside the writing transaction. */
export function nextReference(tx: Queryable, at: Date): string {
  const prefix = `HF-${at.getUTCFullYear()}-`;
  // By number, not as text: "HF-2026-10000" sorts before "HF-2026-9999" as text.
  const latest = tx
    .select({ number: sql<number | null>`max(cast(substr(${incidents.reference}, ${prefix.length + 1}) as integer))` })
    .from(incidents)
    .where(like(incidents.reference, `${prefix}%`))
    .get();
  return `${prefix}${String((latest?.number ?? 0) + 1).padStart(4, "0")}`;
}

function appendTimelineEvent(tx: Queryable, fields: Omit<TimelineEventFields, "previousHash">) {
  const [previous] = tx
    .select({ hash: incidentEvents.hash })
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, fields.incidentId))
    .orderBy(desc(incidentEvents.sequence))
    .limit(1)
    .all();
  const withPrevious = { ...fields, previousHash: previous?.hash ?? GENESIS_HASH };
  tx.insert(incidentEvents)
    .values({ ...withPrevious, hash: hashTimelineEvent(withPrevious) })
    .run();
}

type ActionLike = { type: string; params?: unknown };

interface EffectScope {
  incident: { id: number; reference: string; title: string; kind: string };
  context: unknown;
  actorId: number | null;
  now: Date;
}

/**
 * Carries out the effects a transition asked for, inside its transaction: outbox rows, deadline
 * rows, evidence records and channel pauses. A ChannelError (say, held posts not yet reviewed)
 * becomes a refusal and rolls the whole change back.
 */
function writeEffects(tx: Queryable, scope: EffectScope, actions: ActionLike[]) {
  const nowIso = scope.now.toISOString();
  const { incident } = scope;
  const setDeadline = (params: SetDeadlineParams) => {
    // A new due time replaces a waiting one; a deadline that already fired stays open (the step is
    // still late) until the step is done, unless the work is now asked of someone else.
    closeDeadlines(tx, incident.id, { key: params.key, from: params.askedAfresh ? OPEN_DEADLINE_STATUSES : ["pending"], status: "cancelled", at: nowIso });
    tx.insert(deadlines)
      .values({
        incidentId: incident.id,
        key: params.key,
        eventType: params.eventType,
        eventFields: params.eventFields ?? {},
        description: params.description,
        dueAt: params.dueAt,
      })
      .run();
  };
  try {
    for (const effect of effectsOf(actions)) {
      switch (effect.type) {
        case "notify": {
          const recipients = resolveRecipients(tx, effect.params.to);
          if (recipients.length === 0) break;
          const data = outboxRowData(escalationPathFor(incident.kind), incident, {
            template: effect.params.template,
            context: scope.context,
            extra: effect.params.data,
          });
          tx.insert(outbox)
            .values(recipients.map((recipient) => ({ incidentId: incident.id, template: effect.params.template, recipient, data, nextAttemptAt: nowIso })))
            .run();
          break;
        }
        case "setDeadline":
          setDeadline(effect.params);
          break;
        case "setDeadlines":
          for (const params of effect.params.deadlines) setDeadline(params);
          break;
        case "cancelDeadline":
          closeDeadlines(tx, incident.id, { key: effect.params.key, from: OPEN_DEADLINE_STATUSES, status: "met", at: nowIso });
          break;
        case "cancelDeadlines":
          for (const key of effect.params.keys) closeDeadlines(tx, incident.id, { key, from: OPEN_DEADLINE_STATUSES, status: "met", at: nowIso });
          break;
        case "recordEvidence":
          if (scope.actorId === null) throw new Error("Evidence needs a person who uploaded it");
          tx.insert(evidenceFiles)
            .values({ ...effect.params, incidentId: incident.id, uploadedById: scope.actorId, receivedAt: nowIso })
            .run();
          break;
        case "pauseChannels":
          pauseChannels(tx, { channelIds: effect.params.channels, incidentId: incident.id, pausedById: scope.actorId, reason: effect.params.reason, at: nowIso });
          break;
        case "reviewHeldPost":
          reviewHeldPost(tx, { incidentId: incident.id, postId: effect.params.postId, decision: effect.params.decision, body: effect.params.body ?? undefined, at: nowIso });
          break;
        case "editHeldPost":
          editHeldPost(tx, { ...effect.params, incidentId: incident.id, at: nowIso });
          break;
        case "resumeChannels":
          resumePausesOfIncident(tx, { incidentId: incident.id, resumedById: scope.actorId, at: nowIso });
          break;
        default:
          throw new Error(`No handler for the effect ${(effect satisfies never as { type: string }).type}`);
      }
    }
  } catch (error) {
    if (error instanceof ChannelError) throw new WorkflowError("refused", error.message);
    throw error;
  }
}

/** Closes an incident's deadlines in the `from` statuses: those of one key, or (key null) all of them. */
function closeDeadlines(
  tx: Queryable,
  incidentId: number,
  close: { key: string | null; from: readonly DeadlineStatus[]; status: "met" | "cancelled"; at: string },
) {
  tx.update(deadlines)
    .set({ status: close.status, closedAt: close.at })
    .where(
      and(
        eq(deadlines.incidentId, incidentId),
        close.key === null ? undefined : eq(deadlines.key, close.key),
        inArray(deadlines.status, [...close.from]),
      ),
    )
    .run();
}

export interface OpenIncidentOptions {
  kind: IncidentKind;
  title: string;
  reporter: Actor;
  /** The machine's input; the report itself. */
  input: unknown;
  now: Date;
  /** The key of the report form that opened it (one incident per key and reporter). */
  submissionKey?: string;
}

/** Creates an incident at the machine's first step and records the report as event 1. */
export function openIncident(db: Db, options: OpenIncidentOptions): Incident {
  const path = escalationPathFor(options.kind);
  return db.transaction(
    (tx) => {
      const [snapshot, actions] = initialTransition(path.machine, options.input);
      const nowIso = options.now.toISOString();
      const step = stepIdOf(snapshot.value);
      const incident = tx
        .insert(incidents)
        .values({
          reference: nextReference(tx, options.now),
          kind: options.kind,
          title: options.title,
          reporterId: options.reporter.id,
          machineId: path.machine.id,
          machineVersion: path.version,
          snapshot: persistSnapshot(options.kind, snapshot),
          state: step,
          version: 1,
          createdAt: nowIso,
          updatedAt: nowIso,
          submissionKey: options.submissionKey,
        })
        .returning()
        .get();
      appendTimelineEvent(tx, {
        incidentId: incident.id,
        sequence: 1,
        actorId: options.reporter.id,
        type: "REPORTED",
        fromStep: null,
        toStep: step,
        payload: payloadWith(options.input as object, path.eventOutcome?.(null, snapshot.context, "REPORTED")),
        at: nowIso,
      });
      storeAccess(tx, incident, snapshot.context);
      writeEffects(tx, { incident, context: snapshot.context, actorId: options.reporter.id, now: options.now }, actions);
      storeReadModel(tx, incident, snapshot);
      return incident;
    },
    { behavior: "immediate" },
  );
}

/** incident_access rows: `person:<id>` and `role:<role>`; a viewer's own are looked up the same way. */
export function accessGrantees(access: { personIds: readonly number[]; roles: readonly string[] }): string[] {
  return [...new Set([...access.personIds.map((id) => `person:${id}`), ...access.roles.map((role) => `role:${role}`)])];
}

/** The setting (admin settings) for how many levels of managers read an abuse report. */
export const ABUSE_CHAIN_LEVELS_SETTING = "abuse_chain_levels";

/** The machine context kept in an incident's stored snapshot, for the paths' pure rules. */
export function storedContext(incident: Pick<Incident, "snapshot">): unknown {
  return (incident.snapshot as { context: unknown }).context;
}

// Asked for on every page that decides who may read (once per row of the list's safety net).
const chainLevelsSetting = preparedPerDatabase((db: Queryable) =>
  db.select({ value: settings.value }).from(settings).where(eq(settings.key, ABUSE_CHAIN_LEVELS_SETTING)).prepare(),
);

/** The organisation's reading policy, as stored in settings (the default until an administrator sets it). */
export function readingPolicy(db: Queryable): ReadingPolicy {
  const levels = Number(chainLevelsSetting(db).get()?.value);
  return { abuseChainLevels: Number.isInteger(levels) && levels > 0 ? levels : DEFAULT_READING_POLICY.abuseChainLevels };
}

/** Rewrites who may read the incident (incident_access) from the path's rule for its new context. */
function storeAccess(tx: Queryable, incident: { id: number; kind: string }, context: unknown, policy = readingPolicy(tx)) {
  const access = escalationPathFor(incident.kind).accessOf(context, policy);
  tx.delete(incidentAccess).where(eq(incidentAccess.incidentId, incident.id)).run();
  tx.insert(incidentAccess)
    .values(accessGrantees(access).map((grantee) => ({ grantee, incidentId: incident.id })))
    .run();
}

function storeAccessOfEach(tx: Queryable, stored: { id: number; kind: string; snapshot: unknown }[]) {
  const policy = readingPolicy(tx);
  for (const incident of stored) storeAccess(tx, incident, storedContext(incident), policy);
}

/**
 * Fills incident_access for incidents stored before it existed (every incident grants its
 * reporter, so one with no rows has never been filled). Run at start-up; cheap when none are missing.
 */
export function backfillIncidentAccess(db: Db): number {
  const missing = db
    .select({ id: incidents.id, kind: incidents.kind, snapshot: incidents.snapshot })
    .from(incidents)
    .where(sql`not exists (select 1 from incident_access where incident_access.incident_id = ${incidents.id})`)
    .all();
  db.transaction((tx) => storeAccessOfEach(tx, missing));
  return missing.length;
}

/**
 * Rewrites incident_access for every incident of these paths, inside the caller's transaction:
 * when the reading policy changes, in the same transaction as the setting, so the list and the
 * incident page never disagree about who may read.
 */
export function rewriteIncidentAccess(tx: Queryable, kinds: IncidentKind[]) {
  storeAccessOfEach(tx, tx.select({ id: incidents.id, kind: incidents.kind, snapshot: incidents.snapshot }).from(incidents).where(inArray(incidents.kind, kinds)).all());
}

/**
 * Rewrites the incident's read model (milestones, awaited work, facets) from its path's projection.
 * Run after the transition's deadlines are written: each piece of work is due when the earliest
 * open deadline of its key is (a fired one keeps it late, as on the incident page).
 */
function storeReadModel(tx: Queryable, incident: { id: number; kind: string }, snapshot: AnyMachineSnapshot) {
  const model = escalationPathFor(incident.kind).readModel(snapshot.context, machineStateOf(snapshot));
  for (const table of [incidentMilestones, incidentWork, incidentFacets]) tx.delete(table).where(eq(table.incidentId, incident.id)).run();
  const dueTimes = new Map(
    tx
      .select({ key: deadlines.key, dueAt: min(deadlines.dueAt) })
      .from(deadlines)
      .where(and(eq(deadlines.incidentId, incident.id), inArray(deadlines.status, [...OPEN_DEADLINE_STATUSES])))
      .groupBy(deadlines.key)
      .all()
      .map((row) => [row.key, row.dueAt]),
  );
  const work = model.work.flatMap((piece) => {
    const grantees = accessGrantees({
      personIds: piece.assignees.flatMap((assignee) => ("personId" in assignee ? [assignee.personId] : [])),
      roles: piece.assignees.flatMap((assignee) => ("role" in assignee ? [assignee.role] : [])),
    });
    const dueAt = piece.deadlineKey === null ? null : (dueTimes.get(piece.deadlineKey) ?? null);
    return grantees.map((assignee) => ({ incidentId: incident.id, key: piece.key, assignee, description: piece.description, toReporter: piece.toReporter ?? null, dueAt, section: piece.section }));
  });
  // Drizzle refuses an insert of no rows.
  if (model.milestones.length > 0) tx.insert(incidentMilestones).values(model.milestones.map((row) => ({ incidentId: incident.id, ...row }))).run();
  if (work.length > 0) tx.insert(incidentWork).values(work).run();
  if (model.facets.length > 0) tx.insert(incidentFacets).values(model.facets.map((row) => ({ incidentId: incident.id, ...row }))).run();
}

/**
 * Fills the read model for incidents stored before it existed (every incident has the milestone
 * "reported", so one without it has never been filled). Run at start-up, in one transaction;
 * cheap when none are missing.
 */
export function backfillReadModel(db: Db): number {
  return db.transaction((tx) => {
    const missing = tx
      .select({ id: incidents.id, kind: incidents.kind, snapshot: incidents.snapshot })
      .from(incidents)
      .where(sql`not exists (select 1 from incident_milestones where incident_milestones.incident_id = ${incidents.id} and incident_milestones.name = 'reported')`)
      .all();
    for (const incident of missing) storeReadModel(tx, incident, restoreSnapshot(incident));
    return missing.length;
  }, { behavior: "immediate" });
}

/** What the path said an event did, read from its stored payload; null when it said nothing more than the label. */
export const timelineTextSql = sql<string | null>`case when json_type(${incidentEvents.payload}, ${`$.${TIMELINE_TEXT_FIELD}`}) = 'text' then json_extract(${incidentEvents.payload}, ${`$.${TIMELINE_TEXT_FIELD}`}) end`;

export interface ApplyEventOptions {
  incidentId: number;
  /**
   * The version the person was looking at. Omitted for system events (deadlines), and for a
   * change made from another page on the person's behalf, where they never saw the incident's
   * version (a held post cancelled or changed from its channel page).
   */
  expectedVersion?: number;
  /** The machine event, without its time: the time is `now`. */
  event: { type: string; [key: string]: unknown };
  /** Null when the system acts. */
  actor: Actor | null;
  now: Date;
  /** When a deadline fires this event, it is marked fired in the same transaction. */
  deadlineId?: number;
}

function changesSince(tx: Queryable, incident: Incident, sequence: number): ChangeSince[] {
  const path = escalationPathFor(incident.kind);
  return tx
    .select({
      sequence: incidentEvents.sequence,
      type: incidentEvents.type,
      at: incidentEvents.at,
      actorName: people.name,
      timelineText: timelineTextSql,
    })
    .from(incidentEvents)
    .leftJoin(people, eq(people.id, incidentEvents.actorId))
    .where(and(eq(incidentEvents.incidentId, incident.id), gt(incidentEvents.sequence, sequence)))
    .orderBy(asc(incidentEvents.sequence))
    .all()
    .map((row) => ({
      sequence: row.sequence,
      type: row.type,
      label: path.eventLabels[row.type] ?? row.type,
      outcome: row.timelineText,
      deed: row.actorName === null ? null : (path.eventDeeds?.[row.type] ?? null),
      actorName: row.actorName,
      at: row.at,
    }));
}

/**
 * Applies one event to an incident. Throws a WorkflowError, having written nothing, when the
 * incident does not exist, the person was looking at an older version, or the current step
 * does not accept the event.
 */
export function applyEvent(db: Db, options: ApplyEventOptions): Incident {
  return db.transaction(
    (tx) => {
      const incident = tx.select().from(incidents).where(eq(incidents.id, options.incidentId)).get();
      if (!incident) throw new WorkflowError("not_found", "There is no such incident.");
      const path = escalationPathFor(incident.kind);
      const nowIso = options.now.toISOString();
      if (options.expectedVersion !== undefined && options.expectedVersion !== incident.version) {
        throw new WorkflowError(
          "conflict",
          "Someone else changed this incident while you were looking at it. Check what changed, then try again.",
          changesSince(tx, incident, options.expectedVersion),
          restoreSnapshot(incident).can({ ...options.event, at: nowIso } as MachineEvent),
        );
      }
      if (options.deadlineId !== undefined && !isDeadlinePending(tx, options.deadlineId)) {
        throw new WorkflowError("refused", "That deadline has already been met or replaced.");
      }
      const event: MachineEvent = { ...options.event, at: nowIso };
      const snapshot = restoreSnapshot(incident);
      const fromStep = stepIdOf(snapshot.value);
      if (!snapshot.can(event)) {
        throw new WorkflowError("refused", explainRefusal(path, snapshot, event));
      }
      if (options.deadlineId !== undefined) closeDeadline(tx, options.deadlineId, "fired", nowIso);
      const [next, actions] = transition(path.machine, snapshot, event);
      const toStep = stepIdOf(next.value);
      const version = incident.version + 1;
      const updated = tx
        .update(incidents)
        .set({
          snapshot: persistSnapshot(incident.kind, next),
          state: toStep,
          version,
          updatedAt: nowIso,
        })
        .where(and(eq(incidents.id, incident.id), eq(incidents.version, incident.version)))
        .returning()
        .get();
      const { type, at: _at, ...fields } = event;
      appendTimelineEvent(tx, {
        incidentId: incident.id,
        sequence: version,
        actorId: options.actor?.id ?? null,
        type,
        fromStep,
        toStep,
        payload: payloadWith(fields, path.eventOutcome?.(snapshot.context, next.context, type)),
        at: nowIso,
      });
      storeAccess(tx, incident, next.context);
      writeEffects(tx, { incident, context: next.context, actorId: options.actor?.id ?? null, now: options.now }, actions);
      // A closed incident waits for nothing: its open deadlines are closed with it.
      if (next.status === "done") closeDeadlines(tx, incident.id, { key: null, from: OPEN_DEADLINE_STATUSES, status: "cancelled", at: nowIso });
      storeReadModel(tx, incident, next);
      return updated;
    },
    { behavior: "immediate" },
  );
}

function isDeadlinePending(tx: Queryable, deadlineId: number): boolean {
  const deadline = tx
    .select({ status: deadlines.status })
    .from(deadlines)
    .where(eq(deadlines.id, deadlineId))
    .get();
  return deadline?.status === "pending";
}

function closeDeadline(
  tx: Queryable,
  deadlineId: number,
  status: "fired" | "cancelled",
  at: string,
) {
  tx.update(deadlines)
    .set({ status, closedAt: at })
    .where(and(eq(deadlines.id, deadlineId), eq(deadlines.status, "pending")))
    .run();
}

/**
 * Cancels a deadline whose event the incident no longer takes (it has moved on), and rewrites the
 * incident's read model in the same transaction, so no piece of work stays due at its time.
 */
export function dropDeadline(db: Db, deadline: { id: number; incidentId: number }, at: string) {
  db.transaction(
    (tx) => {
      closeDeadline(tx, deadline.id, "cancelled", at);
      const incident = tx.select({ id: incidents.id, kind: incidents.kind, snapshot: incidents.snapshot }).from(incidents).where(eq(incidents.id, deadline.incidentId)).get();
      if (incident) storeReadModel(tx, incident, restoreSnapshot(incident));
    },
    { behavior: "immediate" },
  );
}
