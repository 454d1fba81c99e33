import { and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { incidentEvents, incidentMilestones, incidents, incidentWork, people, type Incident } from "../../db/schema";
import { formatCalendarDate, formatTimeSaid, organisationDate } from "../../machines/kit/dates";
import {
  accessGrantees,
  applyEvent,
  readingPolicy,
  storedContext,
  timelineTextSql,
  WorkflowError,
  type ChangeSince,
  type WorkflowErrorCode,
  openIncident,
  type OpenIncidentOptions,
} from "../../db/workflow";
import { type EvidenceFacts, eventsAllowed, evidenceFactsOf, listSteps, pathAllows, type ReadingPolicy, recordView, type RecordView, stepStatuses, type ViewerRelation, viewerRelations } from "../../machines/kit";
import { escalationPathFor, kindsReadableByRole } from "../../machines/registry";
import type { CurrentUser } from "../utils/auth.server";
import { wakeWorkers } from "../workers/wake.server";
import { listPackDownloads, type CustodyEntry } from "./custody.server";
import { choosePage, type PageChoice } from "../utils/params";
import { preparedPerDatabase } from "../../db/prepared";
import { discardUnrecordedEvidence, latestEvidence } from "./evidence.server";
import { recordActions } from "./limits.server";
import { openDeadlinesOf } from "./deadlines.server";
import { reportsCte, rowShownSql, sqlList, visibleTo } from "./incident-list.server";
import { assigneeNamer, namesOfGrantees, personOfGrantee, roleOfGrantee, workToldToHelper, workToldToReporter, type WorkWords } from "./work-words.server";

export class NoOneToNotifyError extends Error {}

/** A change made since the person's page was drawn, as they may know of it. */
export type ChangeShown = Omit<ChangeSince, "type" | "deed" | "outcome">;

export type EventOutcome =
  | { ok: true; incident: Incident }
  | { ok: false; code: WorkflowErrorCode; message: string; changesSince: ChangeShown[] };

/**
 * Opens an incident from a report (one transaction, see openIncident), then lets the workers pick
 * up the emails it asked for. Every path's report goes through here.
 */
export function reportIncident(db: Db, options: OpenIncidentOptions): Incident {
  const incident = openIncident(db, options);
  wakeWorkers();
  return incident;
}

/**
 * Sends one event from a person to an incident, then lets the workers pick up any emails.
 * A refusal or a version conflict comes back as an outcome the page can explain.
 */
export function sendIncidentEvent(
  db: Db,
  options: { incident: Incident; expectedVersion: number; user: CurrentUser; event: { type: string; [key: string]: unknown } },
): EventOutcome {
  const now = new Date();
  try {
    const incident = applyPersonEvent(db, { ...options, now });
    wakeWorkers();
    return { ok: true, incident };
  } catch (error) {
    if (!(error instanceof WorkflowError)) throw error;
    return refusedOutcome(db, error, options, now);
  }
}

/**
 * A refusal the page can explain. "What changed since you opened this page" names only the
 * changes the person may know of: a hidden section's events are told as a private step, as on
 * the timeline, or a page that is out of date would show what the page itself hides.
 */
function refusedOutcome(db: Db, error: WorkflowError, viewer: { user: CurrentUser; incident: Incident }, now: Date): EventOutcome {
  const { showsEvent } = recordViewFor(db, viewer.user, viewer.incident);
  const changes = error.changesSince.map(({ type, ...change }) =>
    showsEvent(type) ? change : { ...change, label: PRIVATE_EVENT_LABEL, actorName: null, deed: null, outcome: null },
  );
  return {
    ok: false,
    code: error.code,
    message: error.code === "conflict" ? overtakenMessage(changes, error.stillPossible, now) : error.message,
    changesSince: changes.map(({ deed: _deed, outcome: _outcome, ...change }) => change),
  };
}

/** One change that overtook someone, as a sentence: "Ellie Marsh put the crisis plan in force at 16:58." */
function changeSaid(change: Omit<ChangeSince, "type">, now: Date): string {
  const at = `at ${formatTimeSaid(change.at, now)}`;
  if (change.actorName && change.deed) return `${change.actorName} ${change.deed} ${at}.`;
  if (change.actorName) return `${change.actorName}: ${change.label}, ${at}.`;
  if (change.label === PRIVATE_EVENT_LABEL) return `Someone took a private step of the report ${at}.`;
  // Holdfast's own events, as a deadline passed: what the path said they did, else their label.
  return `${at[0].toUpperCase()}${at.slice(1)}: ${change.outcome ?? `${change.label}.`}`;
}

/**
 * Why what someone sent was not done when the incident changed while they were looking at it:
 * who did what and when, in the organisation's time; and to send it again only when the incident
 * as it is now would still take it from them.
 */
export function overtakenMessage(changes: Omit<ChangeSince, "type">[], stillPossible: boolean, now: Date): string {
  const what = changes.length > 0 ? changes.map((change) => changeSaid(change, now)).join(" ") : "This incident changed while you were looking at it.";
  return stillPossible
    ? `${what} Check the incident as it is now, then send yours again if it is still needed.`
    : `${what} So yours was not needed, and there is nothing more for you to do here.`;
}

function applyPersonEvent(
  db: Db,
  options: { incident: Incident; expectedVersion: number; user: CurrentUser; event: { type: string; [key: string]: unknown }; now: Date },
): Incident {
  const actor = { id: options.user.id, name: options.user.name };
  return applyEvent(db, {
    incidentId: options.incident.id,
    expectedVersion: options.expectedVersion,
    // The roles go with the event: the machine's guards decide who may take each step.
    event: { ...options.event, by: { ...actor, roles: options.user.roles } },
    actor,
    now: options.now,
  });
}

/** The people above someone in the reporting line, nearest first. */
export function managementChainIds(db: Db, personId: number): number[] {
  const rows = db.all<{ id: number }>(sql`
    with recursive chain(id, depth) as (
      select line_manager_id, 1 from people where id = ${personId} and line_manager_id is not null
      union all
      select people.line_manager_id, chain.depth + 1 from people join chain on people.id = chain.id
      where people.line_manager_id is not null and chain.depth < 20
    )
    select id from chain order by depth`);
  return rows.map((row) => row.id);
}

/** The reporter's managers in today's reporting line who may read the incident: as far up as its path reaches. */
function chainWithinReach(db: Db, incident: Incident, policy: ReadingPolicy): number[] {
  const chain = managementChainIds(db, incident.reporterId);
  const reach = escalationPathFor(incident.kind).chainReach(policy);
  return reach === null ? chain : chain.slice(0, reach);
}

/**
 * Who may see an incident: the reporter, their management chain (for an abuse report, only as
 * far up as the organisation's setting reaches), and whoever the path's own rule admits (for
 * example Communications on a mistaken post, HR and safety on a staff abuse report). Everyone
 * else is told it does not exist.
 */
export function canViewIncident(db: Db, user: CurrentUser, incident: Incident): boolean {
  if (incident.reporterId === user.id) return true;
  const policy = readingPolicy(db);
  if (pathAllows(escalationPathFor(incident.kind), () => storedContext(incident), user, policy)) return true;
  return chainWithinReach(db, incident, policy).includes(user.id);
}

/** How this person comes to read the incident: none when canViewIncident refuses them. */
export function relationsToIncident(db: Db, user: CurrentUser, incident: Incident): ViewerRelation[] {
  const policy = readingPolicy(db);
  return viewerRelations(escalationPathFor(incident.kind), storedContext(incident), user, {
    isReporter: incident.reporterId === user.id,
    inChain: chainWithinReach(db, incident, policy).includes(user.id),
    policy,
  });
}

/** The sections of the incident this person may see (need to know): used by every page and pack that shows the record. */
export function recordViewFor(db: Db, user: CurrentUser, incident: Incident): RecordView {
  return recordView(escalationPathFor(incident.kind), storedContext(incident), relationsToIncident(db, user, incident));
}

// Every incident page, evidence page and step taken starts here.
const incidentByReference = preparedPerDatabase((db) =>
  db.select().from(incidents).where(eq(incidents.reference, sql.placeholder("reference"))).prepare(),
);

export function findIncidentForUser(db: Db, reference: string, user: CurrentUser): Incident | null {
  const incident = incidentByReference(db).get({ reference });
  if (!incident || !canViewIncident(db, user, incident)) return null;
  return incident;
}

const timelineColumns = {
  sequence: incidentEvents.sequence,
  type: incidentEvents.type,
  at: incidentEvents.at,
  fromStep: incidentEvents.fromStep,
  toStep: incidentEvents.toStep,
  // Of the payload only a note is ever shown: read in SQL, so the rest (a file's facts, a plan)
  // is not parsed for every row.
  note: sql<string | null>`case when json_type(${incidentEvents.payload}, '$.note') = 'text' then json_extract(${incidentEvents.payload}, '$.note') end`,
  hash: incidentEvents.hash,
  actorName: people.name,
  // Who was asked next, who was away: what the path said the event did, when the label does not say it.
  timelineText: timelineTextSql,
};

/** Timeline events with who acted (no one when Holdfast itself did, as a deadline passed). */
function selectTimeline(db: Db) {
  return db.select(timelineColumns).from(incidentEvents).leftJoin(people, eq(people.id, incidentEvents.actorId));
}

/** The events of an incident's timeline, oldest first, as people read them. */
function timelineQuery(db: Db, incidentId: number) {
  return selectTimeline(db).where(eq(incidentEvents.incidentId, incidentId)).orderBy(asc(incidentEvents.sequence));
}

// The incident page's queries, prepared once (see preparedPerDatabase). Event n is the one that
// produced version n (db/schema.ts), so a page is a range of sequences found through the index on
// (incident_id, sequence), and the incident's version is how many events there are.
const eventsPageQuery = preparedPerDatabase((db) =>
  selectTimeline(db)
    .where(and(eq(incidentEvents.incidentId, sql.placeholder("incidentId")), gte(incidentEvents.sequence, sql.placeholder("fromSequence"))))
    .orderBy(asc(incidentEvents.sequence))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/**
 * The steps an incident ever reached, for the stepper: a skip scan of the index on (incident_id,
 * to_step), one seek per step rather than a read of every event (1,000 on the bench's incident).
 */
function stepsReached(db: Db, incidentId: number): Set<string> {
  const rows = db.all<{ step: string }>(sql`
    with recursive reached(step) as (
      select min(to_step) from incident_events where incident_id = ${incidentId}
      union all
      select (select min(to_step) from incident_events where incident_id = ${incidentId} and to_step > reached.step)
      from reached where reached.step is not null
    )
    select step from reached where step is not null`);
  return new Set(rows.map((row) => row.step));
}

type TimelineRow = Awaited<ReturnType<ReturnType<typeof timelineQuery>["all"]>>[number];

/** How an event of a section the viewer may not see is listed: that something happened, not what or who. */
export const PRIVATE_EVENT_LABEL = "A private step of the report (not shown to you)";

/** Events as people read them; those of sections this viewer may not see keep only their number, time and hash. */
function describeEvents(incident: Incident, rows: TimelineRow[], showsEvent: RecordView["showsEvent"]) {
  const path = escalationPathFor(incident.kind);
  const titles = new Map(listSteps(path.machine).map((step) => [step.id, step.title]));
  return rows.map((event) =>
    showsEvent(event.type)
      ? {
          ...event,
          label: path.eventLabels[event.type] ?? event.type,
          // A path in a parallel state records the state, not one of its pieces of work.
          stepTitle: titles.get(event.toStep) ?? "",
        }
      : { ...event, type: "", actorName: null, note: null, timelineText: null, label: PRIVATE_EVENT_LABEL, stepTitle: "" },
  );
}

/** The whole timeline as this viewer may see it (the evidence pack lists every event with its hash). */
export function getTimeline(db: Db, incident: Incident, showsEvent: RecordView["showsEvent"]) {
  return describeEvents(incident, timelineQuery(db, incident.id).all(), showsEvent);
}

/**
 * How many events a page of the incident page's timeline shows: two screens or so, so the way to
 * the other pages is never far; each page costs the server little whatever the incident's size.
 */
export const TIMELINE_PAGE_SIZE = 25;

export interface TimelinePaging extends PageChoice {
  pageCount: number;
  /** Events in the whole timeline (evidence pack downloads are not counted: they are not steps). */
  total: number;
  /** The numbers of the first and last event on this page, counting from 1 for the report. */
  firstNumber: number;
  lastNumber: number;
  /** When the entry just before this page's first happened, for "… after the previous event". */
  previousAt: string | null;
}

/**
 * One page of the timeline, with the evidence pack downloads that happened among its events.
 *
 * Events are numbered oldest first, so `?timeline=3` always shows events 51 to 75, and each
 * page reads in order like the story it tells. Without a page asked for, the page shows the
 * latest page: a manager opening an incident, or coming back to it after taking a step, wants
 * to see what has just happened; "Start from the first event" is one link away.
 *
 * Events are stored in time order (each is recorded when it is applied), so one event either
 * side of the page is enough: the one before for the time since the previous entry, the one
 * after to know which pack downloads belong here rather than on the next page.
 */
export function getTimelinePage(db: Db, incident: Incident, requested: string | null, showsEvent: RecordView["showsEvent"]) {
  const total = incident.version;
  const pageCount = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
  const choice = choosePage(requested, pageCount, pageCount);
  const start = (choice.page - 1) * TIMELINE_PAGE_SIZE;
  // The event before the page (it times the first entry) and the one after it come too.
  const rows = eventsPageQuery(db).all({ incidentId: incident.id, fromSequence: Math.max(1, start), limit: TIMELINE_PAGE_SIZE + (start > 0 ? 2 : 1) });
  const before = start > 0 ? (rows.shift() ?? null) : null;
  const events = rows.slice(0, TIMELINE_PAGE_SIZE);
  const after = rows[TIMELINE_PAGE_SIZE] ?? null;
  // A download belongs after the last event at or before its time: the same order as one
  // timeline sorted by time, where an event comes before a download at the same moment.
  const packs = listPackDownloads(db, incident.id, { from: before?.at ?? null, before: after?.at ?? null });
  const firstAt = events[0]?.at;
  const belongsEarlier = (at: string) => before !== null && firstAt !== undefined && at < firstAt;
  const previousAt = before ? packs.filter((entry) => belongsEarlier(entry.at)).reduce((latest, entry) => (entry.at > latest ? entry.at : latest), before.at) : null;
  const paging: TimelinePaging = {
    ...choice,
    pageCount,
    total,
    firstNumber: events.length ? start + 1 : 0,
    lastNumber: start + events.length,
    previousAt,
  };
  return {
    timeline: withPackDownloads(
      describeEvents(incident, events, showsEvent),
      packs.filter((entry) => !belongsEarlier(entry.at)),
    ),
    timelinePaging: paging,
  };
}

/** An incident in a home page list: what it is, and where it stands in plain words. */
export interface IncidentSummary {
  reference: string;
  title: string;
  createdAt: string;
  /** Each piece of work awaited now and from whom, overdue first; or how it was closed; or that nothing waits. */
  status: WorkWords[];
}

const summaryColumns = {
  id: incidents.id,
  reference: incidents.reference,
  reporterId: incidents.reporterId,
  title: incidents.title,
  createdAt: incidents.createdAt,
};

type SummaryRow = Pick<Incident, keyof typeof summaryColumns>;

/**
 * Where each incident stands for this viewer, from the read model: the work awaited now (of the
 * sections they may see), told to the reporter as what others were asked to do and to anyone else
 * as what is to be done and by whom; or when it was closed, with its outcome for the reporter.
 */
function summarise(db: Db, user: CurrentUser, rows: SummaryRow[], now: Date): IncidentSummary[] {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const work = db.all<{ incidentId: number; description: string; toReporter: string | null; dueAt: string | null; assignees: string }>(sql`
    with recursive ${reportsCte(user)}
    select w.incident_id as incidentId, w.description, w.to_reporter as toReporter, min(w.due_at) as dueAt, group_concat(w.assignee, ' ') as assignees
    from incident_work as w join incidents as i on i.id = w.incident_id
    where w.incident_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) and ${rowShownSql(user, readingPolicy(db), sql`w.section`)}
    group by w.incident_id, w.key
    order by min(w.due_at) is null, min(w.due_at), w.key`);
  const workRows = work.map((row) => ({ ...row, assignees: row.assignees.split(" ").sort() }));
  const closed = new Map(
    db
      .select({ incidentId: incidentMilestones.incidentId, at: incidentMilestones.at, summary: incidentMilestones.summary })
      .from(incidentMilestones)
      .where(and(eq(incidentMilestones.name, "closed"), inArray(incidentMilestones.incidentId, ids)))
      .all()
      .map((row) => [row.incidentId, row]),
  );
  const nameOf = assigneeNamer(db, user.id, workRows);
  return rows.map((incident) => {
    const isReporter = incident.reporterId === user.id;
    const ended = closed.get(incident.id);
    const awaited = workRows
      .filter((row) => row.incidentId === incident.id)
      .map((row) => (isReporter ? workToldToReporter : workToldToHelper)(row, nameOf(row.assignees), now))
      // Overdue first; otherwise soonest due first, as read.
      .sort((a, b) => Number(b.overdue) - Number(a.overdue));
    const status: WorkWords[] = ended
      ? [{ text: `Closed on ${formatCalendarDate(organisationDate(new Date(ended.at)))}${isReporter && ended.summary ? `: ${ended.summary}` : "."}`, overdue: false }]
      : awaited.length > 0
        ? awaited
        : [{ text: "Nothing is waiting on anyone just now.", overdue: false }];
    return { reference: incident.reference, title: incident.title, createdAt: incident.createdAt, status };
  });
}

/** The home page's lists of every path: the work that waits for the person, what they reported, and Communications' recent incidents. */
/** A piece of work awaited from someone, as their home page lists it. */
export interface WorkItem {
  reference: string;
  title: string;
  /** What is awaited, in plain words (from the path's read model). */
  description: string;
  dueAt: string | null;
  overdue: boolean;
}

/** How many pieces of work the home page lists at most; the count in the header counts them all. */
export const WORK_LISTED = 50;

/**
 * Work asked of this person or of one of their roles, one row per piece of work, on incidents
 * they may read, where they may see its section (the read model's incident_work).
 */
function workAwaitedFrom(user: CurrentUser, policy: ReadingPolicy): SQL {
  return sql`from incident_work as w join incidents as i on i.id = w.incident_id
    where w.assignee in (${sqlList(accessGrantees({ personIds: [user.id], roles: user.roles }))})
      and ${visibleTo(user, policy, "per row")} and ${rowShownSql(user, policy, sql`w.section`)}
    group by w.incident_id, w.key`;
}

/** The work awaited from this person: what is overdue first, then what falls due soonest, then the rest, oldest first. */
export function workAwaited(db: Db, user: CurrentUser, now: Date): WorkItem[] {
  const rows = db.all<Omit<WorkItem, "overdue">>(sql`
    with recursive ${reportsCte(user)}
    select i.reference, i.title, w.description, min(w.due_at) as dueAt
    ${workAwaitedFrom(user, readingPolicy(db))}
    order by min(w.due_at) is null, min(w.due_at), i.created_at, i.id
    limit ${WORK_LISTED}`);
  const nowIso = now.toISOString();
  return rows.map((row) => ({ ...row, overdue: row.dueAt !== null && row.dueAt < nowIso }));
}

/** How much work waits for someone: every piece, and those of them already late. */
export interface WorkCount {
  waiting: number;
  overdue: number;
}

/**
 * How many pieces of work are awaited from this person or one of their roles, and how many of
 * them are late, for the header of every page: the same pieces as the home page's list, on
 * incidents they may read and of sections they may see (a path may name someone its reading
 * policy no longer reaches, such as a manager above the abuse report's reach). A closed incident
 * awaits nothing.
 */
export function workAwaitedCount(db: Db, user: CurrentUser, now: Date): WorkCount {
  return (
    db.get<WorkCount>(sql`
      with recursive ${reportsCte(user)}
      select count(*) as waiting, coalesce(sum(dueAt < ${now.toISOString()}), 0) as overdue
      from (select min(w.due_at) as dueAt ${workAwaitedFrom(user, readingPolicy(db))})`) ?? { waiting: 0, overdue: 0 }
  );
}

/** What the home page lists besides the work awaited: what they reported, and for Communications the latest incidents. */
export function homeLists(db: Db, user: CurrentUser, now: Date) {
  const latest = (where: SQL | undefined) => db.select(summaryColumns).from(incidents).where(where).orderBy(desc(incidents.createdAt)).limit(20).all();
  // Communications read every incident of the paths their role reads.
  const communications = user.roles.includes("communications") ? latest(inArray(incidents.kind, kindsReadableByRole(["communications"]))) : [];
  return {
    reported: summarise(db, user, latest(eq(incidents.reporterId, user.id)), now),
    communications: summarise(db, user, communications, now),
  };
}

/** For a path's list on the home page: the latest 20 of its incidents reported by others that this person may read. */
export function othersReportsReadableBy(db: Db, user: CurrentUser, kind: string, now: Date): IncidentSummary[] {
  const rows = db.all<SummaryRow>(sql`
    with recursive ${reportsCte(user)}
    select i.id, i.reference, i.reporter_id as reporterId, i.title, i.created_at as createdAt from incidents as i
    where i.kind = ${kind} and i.reporter_id <> ${user.id} and ${visibleTo(user, readingPolicy(db))}
    order by i.created_at desc, i.id desc
    limit 20`);
  return summarise(db, user, rows, now);
}

/** A piece of work awaited on one incident, as the incident page tells it: for this person, or whom it waits for. */
export interface IncidentWork {
  key: string;
  /** What is awaited, in plain words (from the path's read model). */
  description: string;
  /** Who may do it, in words: "Owen Price (line manager)", "Communications". */
  assignees: string[];
  /** Whether this person may do it (named, or by one of their roles). */
  mine: boolean;
  dueAt: string | null;
  overdue: boolean;
}

/**
 * The work awaited on the incident (the read model's incident_work), as this viewer may see it:
 * rows of a section they may not see are left out; people are named with how they stand to the
 * reporter, and roles by their name.
 */
function workOnIncident(db: Db, incident: Incident, user: CurrentUser, view: RecordView, now: string): IncidentWork[] {
  const rows = db
    .select({ key: incidentWork.key, assignee: incidentWork.assignee, description: incidentWork.description, dueAt: incidentWork.dueAt, section: incidentWork.section })
    .from(incidentWork)
    .where(eq(incidentWork.incidentId, incident.id))
    .all()
    .filter((row) => view.showsSection(row.section));
  if (rows.length === 0) return [];
  const names = namesOfGrantees(db, rows.map((row) => row.assignee));
  const chain = managementChainIds(db, incident.reporterId);
  const personWords = (id: number) => {
    const name = names.get(id) ?? "Someone no longer in the directory";
    if (id === incident.reporterId) return `${name} (who reported it)`;
    const level = chain.indexOf(id);
    return level === 0 ? `${name} (line manager)` : level > 0 ? `${name} (senior manager)` : name;
  };
  const mine = new Set(accessGrantees({ personIds: [user.id], roles: user.roles }));
  const byKey = new Map<string, IncidentWork>();
  for (const row of rows) {
    const person = personOfGrantee(row.assignee);
    const words = person === null ? (roleOfGrantee(row.assignee) ?? row.assignee) : personWords(person);
    const work = byKey.get(row.key) ?? { key: row.key, description: row.description, assignees: [], mine: false, dueAt: row.dueAt, overdue: row.dueAt !== null && row.dueAt < now };
    work.assignees.push(words);
    work.mine ||= mine.has(row.assignee);
    byKey.set(row.key, work);
  }
  return [...byKey.values()];
}

/**
 * Everything the incident page shows, or null when the person may not see the incident. The
 * steps come from the machine definition; which actions to offer, from asking the machine
 * whether it would accept each event from this person now. `timelinePage` is the `?timeline=`
 * of the address: one page of the timeline is read, never the whole of it.
 */
export function incidentPage(db: Db, reference: string, user: CurrentUser, options: { timelinePage?: string | null } = {}) {
  const incident = findIncidentForUser(db, reference, user);
  if (!incident) return null;
  const path = escalationPathFor(incident.kind);
  const snapshot = path.machine.resolveState(incident.snapshot as never);
  // Need to know: only the sections this person's relation to the incident allows reach the browser.
  const view = recordViewFor(db, user, incident);
  // The stepper needs the steps ever reached, not the timeline.
  const visited = stepsReached(db, incident.id);
  const openDeadlines = openDeadlinesOf(db, incident.id).filter((deadline) => view.showsDeadline(deadline.key));
  const definedSteps = listSteps(path.machine).filter((step) => view.showsStep(step.id));
  const statuses = stepStatuses(path.machine, snapshot, visited);
  const now = new Date().toISOString();
  const offers = eventsAllowed(path, snapshot, { by: { id: user.id, name: user.name, roles: user.roles }, at: now, showsEvent: view.showsEvent });
  return {
    incident: {
      id: incident.id,
      kind: incident.kind,
      state: incident.state,
      reference: incident.reference,
      title: incident.title,
      kindTitle: path.title,
      version: incident.version,
      createdAt: incident.createdAt,
    },
    context: view.context as Record<string, unknown>,
    steps: definedSteps.map((step) => ({ id: step.id, title: step.title, status: statuses[step.id], guidance: step.guidance, source: step.source })),
    deadlines: openDeadlines.map(({ description, dueAt }) => ({ description, dueAt, overdue: dueAt < now })),
    work: workOnIncident(db, incident, user, view, now),
    ...(view.showsEvidence ? latestEvidence(db, incident.id) : { evidence: [], evidenceCount: 0 }),
    ...getTimelinePage(db, incident, options.timelinePage ?? null, view.showsEvent),
    // Not even which events a hidden section would take now reaches the browser.
    allowedEvents: [...new Set(offers.map((event) => event.type))],
    // The same events, each with the item it is for: a task's update only for the tasks this person may update.
    offers,
  };
}

/**
 * The timeline as the page shows it: the incident's events with each evidence pack download
 * woven in by time. The custody log is its own append-only record (custody_events), not a step
 * of the procedure, so it never goes through the machines or the events' hash chain: it is only
 * merged here, for reading. Only what the page shows goes to the browser (no hashes or payloads).
 */
function withPackDownloads(timeline: ReturnType<typeof describeEvents>, packDownloads: CustodyEntry[]) {
  const entries = [
    ...timeline.map((event) => ({
      key: `event-${event.sequence}`,
      sequence: event.sequence as number | null,
      label: event.label,
      at: event.at,
      actorName: event.actorName,
      stepTitle: event.stepTitle,
      note: event.note,
      outcome: event.timelineText,
    })),
    ...packDownloads.map((entry) => ({
      key: `custody-${entry.id}`,
      sequence: null,
      label: entry.label,
      at: entry.at,
      actorName: entry.personName as string | null,
      stepTitle: "",
      note: null,
      outcome: null,
    })),
  ];
  // A stable sort: at the same moment, the procedure's event comes first.
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * Records stored files on the incident, one timeline event each, inside the caller's transaction;
 * throws a WorkflowError if one is refused. Returns the incident as it is after the last.
 */
export function recordScreenshots(
  db: Db,
  options: { incident: Incident; expectedVersion: number; user: CurrentUser; files: readonly EvidenceFacts[]; now: Date },
): Incident {
  let incident = options.incident;
  let expectedVersion = options.expectedVersion;
  for (const file of options.files) {
    incident = applyPersonEvent(db, { ...options, incident, expectedVersion, event: { type: "ATTACH_SCREENSHOT", file: evidenceFactsOf(file) } });
    expectedVersion = incident.version;
  }
  return incident;
}

/**
 * Attaches files just uploaded to the incident, all in one transaction with the person's count
 * of uploads: all are recorded or none. If they are not, the files are deleted from disk.
 */
export function attachScreenshots(
  db: Db,
  options: { incident: Incident; expectedVersion: number; user: CurrentUser; files: (EvidenceFacts & { absolutePath: string })[]; now?: Date },
): EventOutcome | null {
  if (options.files.length === 0) return null;
  const now = options.now ?? new Date();
  try {
    const incident = db.transaction(
      () => {
        const attached = recordScreenshots(db, { ...options, now });
        recordActions(db, options.user.id, "upload", options.files.length, now);
        return attached;
      },
      { behavior: "immediate" },
    );
    wakeWorkers();
    return { ok: true, incident };
  } catch (error) {
    void discardUnrecordedEvidence(db, options.files);
    if (!(error instanceof WorkflowError)) throw error;
    return refusedOutcome(db, error, options, now);
  }
}

