import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { listChannels } from "./channels.server";
import type { Role } from "../../db/schema";
import { escalationPathFor, isIncidentKind, PATH_DEFINITIONS, type IncidentKind } from "../../machines/registry";
import type { MilestoneTiming } from "../../machines/kit";
import type { CurrentUser } from "../utils/auth.server";
import { organisationDate } from "../../machines/kit/dates";
import { readingPolicy } from "../../db/workflow";
import { deadlineShownSql, reportsCte, stepTitleOf, visibleTo } from "./incident-list.server";
import { findIncidentForUser } from "./incidents.server";
import { openDeadlinesSql } from "./deadlines.server";

/**
 * The dashboard for Communications, HR and safety, leadership and administrators: what is open,
 * what is overdue, which channels are paused, and the figures a head of service asks for. Every
 * figure counts only the incidents the viewer may see, by the same SQL rule as the incident list
 * (visibleTo), and reads of each only the sections they may see (rowShownSql: Communications
 * helping with removal are not told the kind of abuse or the police and support steps). The figures
 * are read from the read model (milestones and facets), never from snapshots; percentiles are
 * worked out here from the rows, exactly. Each path may add sections of its own (app/paths/*:
 * dashboardSections), read with the helpers below.
 */

export const DASHBOARD_ROLES = ["communications", "hr_safety", "leadership", "admin"] as const satisfies readonly Role[];

export function mayViewDashboard(user: { roles: readonly string[] }): boolean {
  return DASHBOARD_ROLES.some((role) => user.roles.includes(role));
}

/** How many months a count per month goes back, the current month included. */
export const DASHBOARD_MONTHS = 6;

export interface OpenStepRow {
  kind: IncidentKind;
  kindTitle: string;
  state: string;
  stepTitle: string;
  count: number;
}

export interface OverdueRow {
  reference: string;
  kindTitle: string;
  title: string;
  description: string;
  dueAt: string;
}

export interface PausedChannelRow {
  id: number;
  platform: string;
  handle: string;
  pausedAt: string;
  pausedByName: string | null;
  reason: string;
  /** Null when the pause names no incident, or one the viewer may not see. */
  incidentReference: string | null;
}

export interface TimingRow {
  key: string;
  label: string;
  /** How many incidents the figure is drawn from. */
  count: number;
  /** In minutes; null when there is nothing to measure. */
  median: number | null;
  p90: number | null;
}

export interface MonthCounts {
  /** YYYY-MM in the organisation's time zone. */
  month: string;
  counts: Record<string, number>;
}

export interface Dashboard {
  openByStep: OpenStepRow[];
  overdue: OverdueRow[];
  pausedChannels: PausedChannelRow[];
  timings: TimingRow[];
}

/** The median: the middle value, or the mean of the two middle values. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile by the nearest-rank method: the smallest value at least p% of the values do not exceed. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function minutesBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 60_000;
}

/** The incidents the viewer may see, as a CTE `visible(id)` ready to join on. */
export function withVisible(db: Db, user: CurrentUser): SQL {
  return sql`with recursive ${reportsCte(user)},
    visible as materialized (select i.id from incidents as i where ${visibleTo(user, readingPolicy(db))})`;
}

interface OpenCountRow {
  kind: string;
  state: string;
  count: number;
}

function openByStep(db: Db, user: CurrentUser): OpenStepRow[] {
  const rows = db.all<OpenCountRow>(sql`
    ${withVisible(db, user)}
    select i.kind, i.state, count(*) as count
    from visible join incidents as i on i.id = visible.id
    where i.state <> 'closed'
    group by i.kind, i.state
    order by i.kind, i.state`);
  return rows.flatMap((row): OpenStepRow[] =>
    isIncidentKind(row.kind)
      ? [{ kind: row.kind, kindTitle: escalationPathFor(row.kind).title, state: row.state, stepTitle: stepTitleOf(row.kind, row.state), count: row.count }]
      : [],
  );
}

interface OverdueDeadlineRow {
  reference: string;
  kind: string;
  title: string;
  description: string;
  dueAt: string;
}

function overdue(db: Db, user: CurrentUser, now: Date): OverdueRow[] {
  const policy = readingPolicy(db);
  // Few deadlines are open and late at any time: find those, then keep the ones the viewer may see.
  return db
    .all<OverdueDeadlineRow>(sql`
      with recursive ${reportsCte(user)}, open_deadlines as (${openDeadlinesSql(sql`due_at < ${now.toISOString()}`)})
      select i.reference, i.kind, i.title, d.description, d.dueAt
      from open_deadlines as d
      join incidents as i on i.id = d.incidentId
      where ${visibleTo(user, policy, "per row")} and ${deadlineShownSql(user, policy)}
      order by d.dueAt asc, i.id asc`)
    .map((row) => ({ reference: row.reference, kindTitle: escalationPathFor(row.kind).title, title: row.title, description: row.description, dueAt: row.dueAt }));
}

function pausedChannels(db: Db, user: CurrentUser): PausedChannelRow[] {
  return listChannels(db).flatMap((channel): PausedChannelRow[] => {
    if (!channel.pause) return [];
    const reference = channel.pause.incidentReference;
    // A pause names its incident; the reference is shown only to those who may open it.
    const visibleReference = reference && findIncidentForUser(db, reference, user) ? reference : null;
    return [
      {
        id: channel.id,
        platform: channel.platform,
        handle: channel.handle,
        pausedAt: channel.pause.pausedAt,
        pausedByName: channel.pause.pausedByName,
        reason: channel.pause.reason,
        incidentReference: visibleReference,
      },
    ];
  });
}

/** The shared row: from report to close over every path's incidents. */
const EVERY_CLOSE: MilestoneTiming = { key: "closeAll", label: "Report to close (all paths)", from: "reported", to: "closed" };

/** Each timing figure with the paths it is drawn from: each path's own, then every path's closes. */
const TIMINGS: readonly (MilestoneTiming & { kinds: readonly string[] })[] = [
  ...PATH_DEFINITIONS.flatMap((path) => path.timings.map((timing) => ({ ...timing, kinds: [path.kind] }))),
  { ...EVERY_CLOSE, kinds: PATH_DEFINITIONS.map((path) => path.kind) },
];

/** The milestones the figures are measured between. */
const TIMED_MILESTONES = [...new Set(TIMINGS.flatMap((timing) => [timing.from, timing.to]))];

/** One incident's kind and, in a column named after each timed milestone, when it was reached. */
type MilestoneTimesRow = { kind: string } & Record<string, string | null>;

function timings(db: Db, user: CurrentUser): TimingRow[] {
  const columns = TIMED_MILESTONES.map((name) => sql`max(case when m.name = ${name} then m.at end) as ${sql.identifier(name)}`);
  const rows = db.all<MilestoneTimesRow>(sql`
    ${withVisible(db, user)}
    select i.kind, ${sql.join(columns, sql`, `)}
    from visible join incidents as i on i.id = visible.id
    join incident_milestones as m on m.incident_id = i.id
    group by i.id`);
  return TIMINGS.map(({ key, label, from, to, kinds }) => {
    const values = rows.flatMap((row) => {
      const [start, end] = [row[from], row[to]];
      return kinds.includes(row.kind) && start && end ? [minutesBetween(start, end)] : [];
    });
    return { key, label, count: values.length, median: median(values), p90: percentile(values, 90) };
  });
}

/** The last `count` months (YYYY-MM) in the organisation's time zone, oldest first, ending with the month of `now`. */
export function lastMonths(now: Date, count = DASHBOARD_MONTHS): string[] {
  const [year, month] = organisationDate(now).split("-").map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

/** What the dashboard shows of every path, for this viewer, as things stand at `now`. */
export function getDashboard(db: Db, user: CurrentUser, now: Date): Dashboard {
  return { ...dashboardFigures(db, user), ...liveDashboard(db, user, now) };
}

/** The figures drawn from every incident the viewer may see: what is open, and how long things take. */
export function dashboardFigures(db: Db, user: CurrentUser): Pick<Dashboard, "openByStep" | "timings"> {
  return { openByStep: openByStep(db, user), timings: timings(db, user) };
}

/** What must be as it is now whenever the dashboard is opened: what is overdue, and which channels are paused. */
export function liveDashboard(db: Db, user: CurrentUser, now: Date): Pick<Dashboard, "overdue" | "pausedChannels"> {
  return { overdue: overdue(db, user, now), pausedChannels: pausedChannels(db, user) };
}
