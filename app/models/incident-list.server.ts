import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accessGrantees, readingPolicy } from "../../db/workflow";
import { type IncidentAccess, listSteps, READING_ROLES, type ReadingPolicy, type ViewerRelation } from "../../machines/kit";
import { incidents, people, type Incident } from "../../db/schema";
import { escalationPathFor, isIncidentKind, kindsReadableByRole, PATH_DEFINITIONS, type IncidentKind } from "../../machines/registry";
import type { CurrentUser } from "../utils/auth.server";
import { addCalendarDays, organisationLocalToUtc } from "../../machines/kit/dates";
import { PAGE_SIZE, SORTS, type SortKey } from "../schemas/incident-list";
import { canViewIncident } from "./incidents.server";
import { incidentOverdueSql } from "./deadlines.server";

/**
 * The incident list, its search and its CSV export. Who may see what is decided in SQL (so a
 * page stays fast with thousands of incidents), by the same rule as canViewIncident: the
 * reporter, everyone up the reporter's management chain, and whoever the path's own rule
 * admits. Each row found is then checked with canViewIncident as well, as a safety net.
 */

export { PAGE_SIZE, SORTS, type SortKey };

export interface IncidentFilters {
  path: IncidentKind | null;
  state: string | null;
  /** Part of the reporter's name. */
  person: string | null;
  /** The reporter's service, exactly. */
  service: string | null;
  /** Part of the account the mistaken post was made on. */
  channel: string | null;
  /** Calendar dates (YYYY-MM-DD) in the organisation's time zone, both included. */
  from: string | null;
  to: string | null;
  overdueOnly: boolean;
  sort: SortKey;
}

export const NO_FILTERS: IncidentFilters = {
  path: null,
  state: null,
  person: null,
  service: null,
  channel: null,
  from: null,
  to: null,
  overdueOnly: false,
  sort: "newest",
};

export interface IncidentListRow {
  reference: string;
  kind: IncidentKind;
  kindTitle: string;
  title: string;
  reporterName: string;
  reporterService: string;
  state: string;
  stepTitle: string;
  createdAt: string;
  updatedAt: string;
  overdue: boolean;
}

const MAX_TEXT = 100;

function text(value: string | null): string | null {
  const trimmed = value?.trim().slice(0, MAX_TEXT) ?? "";
  return trimmed === "" ? null : trimmed;
}

function calendarDate(value: string | null): string | null {
  const trimmed = value?.trim() ?? "";
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) && organisationLocalToUtc(`${trimmed}T00:00`) ? trimmed : null;
}

/** Every step id of every path, for checking the state filter. */
function knownStates(): Set<string> {
  return new Set(PATH_DEFINITIONS.flatMap((path) => Object.keys(path.machine.root.states)));
}

/**
 * The filters from the query string of a GET form. Anything unknown or malformed is ignored
 * rather than refused: a filter link should never fail to open.
 */
export function parseFilters(params: URLSearchParams): IncidentFilters {
  const path = params.get("path") ?? "";
  const state = params.get("state") ?? "";
  const sort = params.get("sort") ?? "";
  return {
    path: isIncidentKind(path) ? path : null,
    state: knownStates().has(state) ? state : null,
    person: text(params.get("person")),
    service: text(params.get("service")),
    channel: text(params.get("channel")),
    from: calendarDate(params.get("from")),
    to: calendarDate(params.get("to")),
    overdueOnly: ["1", "on", "yes", "true"].includes(params.get("overdue") ?? ""),
    sort: Object.hasOwn(SORTS, sort) ? (sort as SortKey) : "newest",
  };
}

export function parsePage(params: URLSearchParams): number {
  const page = Number(params.get("page"));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/** The query string for these filters (no page), for pagination and the CSV link. */
export function filterQuery(filters: IncidentFilters): string {
  const params = new URLSearchParams();
  if (filters.path) params.set("path", filters.path);
  if (filters.state) params.set("state", filters.state);
  if (filters.person) params.set("person", filters.person);
  if (filters.service) params.set("service", filters.service);
  if (filters.channel) params.set("channel", filters.channel);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.overdueOnly) params.set("overdue", "1");
  if (filters.sort !== "newest") params.set("sort", filters.sort);
  return params.toString();
}

const stepTitles = new Map<string, Map<string, string>>();

/**
 * The title of the step an incident is on. A path in a parallel state (staff abuse's "open")
 * has several pieces of work at once: it is "In progress".
 */
export function stepTitleOf(kind: string, state: string): string {
  let titles = stepTitles.get(kind);
  if (!titles) {
    titles = new Map(listSteps(escalationPathFor(kind).machine).map((step) => [step.id, step.title]));
    stepTitles.set(kind, titles);
  }
  return titles.get(state) ?? "In progress";
}

/** The steps to filter by: those of one path only under its name, those of both (Closed) apart. */
export function stateOptions(): { label: string; options: { value: string; label: string }[] }[] {
  const byPath = PATH_DEFINITIONS.map((path) => ({
    label: path.title,
    ids: Object.keys(path.machine.root.states),
    kind: path.kind,
  }));
  const count = (id: string) => byPath.filter((group) => group.ids.includes(id)).length;
  const shared = [...new Set(byPath.flatMap((group) => group.ids.filter((id) => count(id) > 1)))];
  return [
    ...byPath.map((group) => ({
      label: group.label,
      options: group.ids.filter((id) => count(id) === 1).map((id) => ({ value: id, label: stepTitleOf(group.kind, id) })),
    })),
    ...(shared.length
      ? [{ label: "Either path", options: shared.map((id) => ({ value: id, label: stepTitleOf(byPath.find((group) => group.ids.includes(id))!.kind, id) })) }]
      : []),
  ];
}

export function pathOptions(): { value: IncidentKind; label: string }[] {
  return PATH_DEFINITIONS.map((path) => ({ value: path.kind, label: path.title }));
}

export function serviceOptions(db: Db): string[] {
  return db.selectDistinct({ service: people.service }).from(people).orderBy(people.service).all().map((row) => row.service);
}

function likeContaining(value: string): string {
  return `%${value.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** Values as a list of SQL parameters, for `in (...)`. */
export const sqlList = (values: readonly string[]) => sql.join(values.map((value) => sql`${value}`), sql`, `);

/** Reports from anyone below the viewer within the path's reach, as SQL over `i` and `reports`. */
function fromBelowWithinReach(kind: IncidentKind, policy: ReadingPolicy, lookup: "sets" | "per row"): SQL {
  const reach = escalationPathFor(kind).chainReach(policy);
  const withinReach = reach === null ? sql`` : sql` and reports.depth <= ${reach}`;
  return lookup === "sets"
    ? sql`i.reporter_id in (select id from reports where 1 = 1${withinReach})`
    : sql`exists (select 1 from reports where reports.id = i.reporter_id${withinReach})`;
}

/**
 * Who may see an incident, as SQL over `i` (incidents) and the CTE `reports` (everyone below
 * the viewer in the reporting line, with how many levels below): every incident of a path their
 * role reads, the incidents whose stored access (incident_access, from each path's `accessOf`)
 * names them or one of their roles, and reports from anyone below them within the path's reach
 * (for abuse reports, the organisation's setting). Mirrors canViewIncident; no snapshot is opened.
 *
 * `lookup`: "sets" gathers the incidents granted and the people below once per query (best when
 * many incidents are checked: the list and its count); "per row" looks each incident up in the
 * indexes (best when only a few are: the dashboard's overdue steps), saving the sets' set-up.
 */
export function visibleTo(user: CurrentUser, policy: ReadingPolicy, lookup: "sets" | "per row" = "sets"): SQL {
  const grantees = accessGrantees({ personIds: [user.id], roles: user.roles });
  const kinds = kindsReadableByRole(user.roles);
  const byRole = kinds.length > 0 ? sql`i.kind in (${sqlList(kinds)}) or ` : sql``;
  // The reporting line, path by path: each reads as far up as its reach.
  const byChain = sql.join(
    PATH_DEFINITIONS.map(({ kind }) => sql`(i.kind = ${kind} and ${fromBelowWithinReach(kind, policy, lookup)})`),
    sql` or `,
  );
  return lookup === "sets"
    ? sql`(${byRole}i.id in (select incident_id from incident_access where grantee in (${sqlList(grantees)}))
    or ${byChain})`
    : sql`(${byRole}exists (select 1 from incident_access as access where access.incident_id = i.id and access.grantee in (${sqlList(grantees)}))
    or ${byChain})`;
}

/**
 * Whether the viewer sees one section of an incident of this path (need to know), as SQL over
 * `i` and `reports`, for incidents visibleTo admits: true when any relation they hold to it
 * allows the section by the path's own table (sectionsOf, relation by relation), the relations
 * found as viewerRelations finds them from the snapshot (reporter; manager, named in the stored
 * access or below them within reach; a role that reads the path or was brought in). Mirrors
 * recordViewFor without opening a snapshot; each incident is looked up in the indexes.
 */
export function seesSectionSql(user: CurrentUser, policy: ReadingPolicy, kind: IncidentKind, section: string): SQL {
  const path = escalationPathFor(kind);
  const needToKnow = path.needToKnow;
  if (!needToKnow) return sql`1 = 1`;
  const allows = (relation: ViewerRelation) => needToKnow.sectionsOf([relation]).includes(section);
  const granted = (access: IncidentAccess) =>
    sql`exists (select 1 from incident_access as access where access.incident_id = i.id and access.grantee in (${sqlList(accessGrantees(access))}))`;
  const roles = READING_ROLES.filter((role) => user.roles.includes(role) && allows(role));
  // A role that reads every incident of the path holds that relation to each of them.
  if (roles.some((role) => path.readersByRole.includes(role))) return sql`1 = 1`;
  const conditions: SQL[] = [];
  if (allows("reporter")) conditions.push(sql`i.reporter_id = ${user.id}`);
  if (allows("manager")) {
    conditions.push(sql`(i.reporter_id <> ${user.id} and ${granted({ personIds: [user.id], roles: [] })})`, fromBelowWithinReach(kind, policy, "per row"));
  }
  if (roles.length > 0) conditions.push(granted({ personIds: [], roles }));
  return conditions.length > 0 ? sql`(${sql.join(conditions, sql` or `)})` : sql`0 = 1`;
}

/**
 * Whether the viewer may see the late step `d` of incident `i`: the section its path gives the
 * deadline's key (need to know), asked of seesSectionSql; a key of no section is seen by all who may read.
 */
export function deadlineShownSql(user: CurrentUser, policy: ReadingPolicy): SQL {
  const cases = PATH_DEFINITIONS.flatMap(({ kind }) => {
    const keysBySection = new Map<string, string[]>();
    for (const [key, section] of Object.entries(escalationPathFor(kind).needToKnow?.deadlineSections ?? {})) {
      keysBySection.set(section, [...(keysBySection.get(section) ?? []), key]);
    }
    return [...keysBySection].map(([section, keys]) => sql`when i.kind = ${kind} and d.key in (${sqlList(keys)}) then ${seesSectionSql(user, policy, kind, section)}`);
  });
  return cases.length > 0 ? sql`(case ${sql.join(cases, sql` `)} else 1 end)` : sql`1 = 1`;
}

const EVERY_RELATION: readonly ViewerRelation[] = ["reporter", "manager", ...READING_ROLES];

/**
 * Whether the viewer sees a read-model row (a piece of work, a facet) of incident `i`, given the
 * row's need-to-know `section` column: asked of seesSectionSql for each section of the path; a
 * row of no section is seen by all who may read.
 */
export function rowShownSql(user: CurrentUser, policy: ReadingPolicy, section: SQL): SQL {
  const cases = PATH_DEFINITIONS.flatMap(({ kind, needToKnow }) =>
    (needToKnow?.sectionsOf(EVERY_RELATION) ?? []).map((name) => sql`when i.kind = ${kind} and ${section} = ${name} then ${seesSectionSql(user, policy, kind, name)}`),
  );
  return sql`(case when ${section} is null then 1 ${sql.join(cases, sql` `)} else 0 end)`;
}

/** Incidents with late work the viewer may know of (a hidden section's late step is not theirs to see). */
function overdueForSql(user: CurrentUser, policy: ReadingPolicy, now: Date): SQL {
  return incidentOverdueSql(now, deadlineShownSql(user, policy));
}

function filterSql(filters: IncidentFilters, overdueForViewer: SQL): SQL[] {
  const conditions: SQL[] = [];
  if (filters.path) conditions.push(sql`i.kind = ${filters.path}`);
  if (filters.state) conditions.push(sql`i.state = ${filters.state}`);
  if (filters.person) conditions.push(sql`reporter.name like ${likeContaining(filters.person)} escape '\\'`);
  if (filters.service) conditions.push(sql`reporter.service = ${filters.service}`);
  if (filters.channel) {
    conditions.push(sql`i.id in (select incident_id from incident_facets where name = 'account' and value like ${likeContaining(filters.channel)} escape '\\')`);
  }
  const from = filters.from ? organisationLocalToUtc(`${filters.from}T00:00`) : null;
  if (from) conditions.push(sql`i.created_at >= ${from.toISOString()}`);
  const before = filters.to ? organisationLocalToUtc(`${addCalendarDays(filters.to, 1)}T00:00`) : null;
  if (before) conditions.push(sql`i.created_at < ${before.toISOString()}`);
  if (filters.overdueOnly) conditions.push(overdueForViewer);
  return conditions;
}

const ORDER: Record<SortKey, SQL> = {
  newest: sql`i.created_at desc, i.id desc`,
  oldest: sql`i.created_at asc, i.id asc`,
  updated: sql`i.updated_at desc, i.id desc`,
  reference: sql`i.reference asc`,
};

/** A row of the list as query() reads it, with the reporter and whether it is overdue for the viewer (0 or 1). */
interface RawRow {
  id: number;
  reference: string;
  kind: string;
  title: string;
  reporterId: number;
  machineId: string;
  machineVersion: number;
  state: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  reporterName: string;
  reporterService: string;
  overdue: number;
}

/** Everyone below the person in the reporting line, as deep as managementChainIds looks up. */
export function reportsCte(user: CurrentUser): SQL {
  return sql`reports(id, depth) as (
      select id, 1 from people where line_manager_id = ${user.id}
      union all
      select people.id, reports.depth + 1 from people join reports on people.line_manager_id = reports.id
      where reports.depth < 20
    )`;
}

/** The person and service filters read the reporter; the others need only the incident. */
function reporterJoin(filters: IncidentFilters): SQL {
  return filters.person || filters.service ? sql`join people as reporter on reporter.id = i.reporter_id` : sql``;
}

/**
 * The page's ids are chosen first, from incidents_list_idx (order, visibility and most filters
 * without reading a snapshot), then only those rows are read in full. The index is named: without
 * statistics SQLite may instead gather every visible row through the other indexes and sort them,
 * reading thousands of snapshots (ten times slower, measured); the cross join keeps the chosen
 * ids as the outer loop.
 */
function query(db: Db, user: CurrentUser, filters: IncidentFilters, now: Date, window: { limit: number; offset: number } | null) {
  const policy = readingPolicy(db);
  const overdue = overdueForSql(user, policy, now);
  const where = sql.join([visibleTo(user, policy), ...filterSql(filters, overdue)], sql` and `);
  return db.all<RawRow>(sql`
    with recursive ${reportsCte(user)},
    chosen as (
      select i.id from incidents as i indexed by incidents_list_idx ${reporterJoin(filters)}
      where ${where}
      order by ${ORDER[filters.sort]}
      ${window ? sql`limit ${window.limit} offset ${window.offset}` : sql``}
    )
    select i.id, i.reference, i.kind, i.title, i.reporter_id as reporterId, i.machine_id as machineId,
      i.machine_version as machineVersion, i.state, i.version, i.created_at as createdAt,
      i.updated_at as updatedAt, reporter.name as reporterName, reporter.service as reporterService,
      ${overdue} as overdue
    from chosen
    cross join incidents as i on i.id = chosen.id
    join people as reporter on reporter.id = i.reporter_id
    order by ${ORDER[filters.sort]}`);
}

function countMatches(db: Db, user: CurrentUser, filters: IncidentFilters, now: Date): number {
  const policy = readingPolicy(db);
  const where = sql.join([visibleTo(user, policy), ...filterSql(filters, overdueForSql(user, policy, now))], sql` and `);
  const row = db.get<{ total: number }>(sql`
    with recursive ${reportsCte(user)}
    select count(*) as total from incidents as i indexed by incidents_list_idx ${reporterJoin(filters)} where ${where}`);
  return row?.total ?? 0;
}

/** The rows the SQL found, each checked again with canViewIncident (they must agree). */
function toListRows(db: Db, user: CurrentUser, rows: RawRow[]): IncidentListRow[] {
  return rows.flatMap((row): IncidentListRow[] => {
    let snapshot: unknown;
    const incident: Incident = {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      title: row.title,
      reporterId: row.reporterId,
      machineId: row.machineId,
      machineVersion: row.machineVersion,
      // Read only if canViewIncident needs the context (not when a role or the chain decides):
      // a long incident's snapshot can be far larger than the rest of its row.
      get snapshot(): unknown {
        snapshot ??= db.select({ snapshot: incidents.snapshot }).from(incidents).where(eq(incidents.id, row.id)).get()!.snapshot;
        return snapshot;
      },
      state: row.state,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      // Not read for the list: who may view an incident does not depend on it.
      submissionKey: null,
    };
    if (!canViewIncident(db, user, incident)) {
      console.warn(`Incident list: ${row.reference} was found for person ${user.id} but canViewIncident refused it`);
      return [];
    }
    return [
      {
        reference: row.reference,
        kind: row.kind as IncidentKind,
        kindTitle: escalationPathFor(row.kind).title,
        title: row.title,
        reporterName: row.reporterName,
        reporterService: row.reporterService,
        state: row.state,
        stepTitle: stepTitleOf(row.kind, row.state),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        overdue: row.overdue === 1,
      },
    ];
  });
}

export interface SearchResult {
  rows: IncidentListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** One page (25 rows) of the incidents this person may see that match the filters, and how many match in all. */
export function searchIncidents(db: Db, user: CurrentUser, filters: IncidentFilters, page = 1, now = new Date()): SearchResult {
  const total = countMatches(db, user, filters, now);
  const rows = toListRows(db, user, query(db, user, filters, now, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Every incident this person may see that matches the filters, for the CSV export. */
export function exportIncidents(db: Db, user: CurrentUser, filters: IncidentFilters, now = new Date()): IncidentListRow[] {
  return toListRows(db, user, query(db, user, filters, now, null));
}

/**
 * The references the SQL rule alone admits, without the canViewIncident safety net: for the
 * test that the two agree.
 */
export function referencesVisibleInSql(db: Db, user: CurrentUser, now = new Date()): string[] {
  return query(db, user, NO_FILTERS, now, null).map((row) => row.reference);
}

/** A CSV cell: quoted, quotes doubled, and text a spreadsheet would run as a formula made inert. */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${guarded.replace(/"/g, '""')}"`;
}

export const CSV_HEADER = ["Reference", "Path", "Title", "Reported by", "Service", "Step", "Reported at", "Last updated", "Overdue"];

/** RFC 4180 CSV (CRLF line ends) of the rows, headed by column names. */
export function incidentsCsv(rows: IncidentListRow[]): string {
  const lines = [
    CSV_HEADER,
    ...rows.map((row) => [
      row.reference,
      row.kindTitle,
      row.title,
      row.reporterName,
      row.reporterService,
      row.stepTitle,
      row.createdAt,
      row.updatedAt,
      row.overdue ? "Yes" : "No",
    ]),
  ];
  return lines.map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
