import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { allRows } from "../utils/statements.server";
import { listChannels } from "./channels.server";
import type { Role } from "../../db/schema";
import { escalationPathFor, isIncidentKind, type IncidentKind } from "../../machines/registry";
import { ABUSE_KINDS, type AbuseKind } from "../../machines/staff-abuse";
import type { CurrentUser } from "../utils/auth.server";
import { cachedUntilDataChanges, viewerCacheKey } from "../utils/data-cache.server";
import { organisationDate } from "../../machines/kit/dates";
import { readingPolicy } from "../../db/workflow";
import { deadlineShownSql, reportsCte, rowShownSql, stepTitleOf, visibleTo } from "./incident-list.server";
import { findIncidentForUser } from "./incidents.server";
import { openDeadlinesSql } from "./deadlines.server";

/**
 * The dashboard for Communications, HR and safety, leadership and administrators: what is open,
 * what is overdue, which channels are paused, and the figures a head of service asks for. Every
 * figure counts only the incidents the viewer may see, by the same SQL rule as the incident list
 * (visibleTo), and reads of each only the sections they may see (rowShownSql: Communications
 * helping with removal are not told the kind of abuse or the police and support steps). The figures
 * are read from the read model (milestones and facets), never from snapshots; percentiles are
 * worked out here from the rows, exactly.
 */

export const DASHBOARD_ROLES = ["communications", "hr_safety", "leadership", "admin"] as const satisfies readonly Role[];

export function mayViewDashboard(user: { roles: readonly string[] }): boolean {
  return DASHBOARD_ROLES.some((role) => user.roles.includes(role));
}

/** How many months the abuse report counts go back, the current month included. */
export const ABUSE_MONTHS = 6;

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

export type TimingKey = "acknowledgement" | "assessment" | "closeMistakenPost" | "closeStaffAbuse" | "closeAll";

export interface TimingRow {
  key: TimingKey;
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
  /** Oldest month first, ABUSE_MONTHS of them, ending with the current month. */
  abuseByKind: { kinds: { key: AbuseKind; label: string }[]; months: MonthCounts[] };
  abuseByPlatform: { platforms: string[]; months: MonthCounts[] };
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
function withVisible(db: Db, user: CurrentUser): SQL {
  return sql`with recursive ${reportsCte(user)},
    visible as materialized (select i.id from incidents as i where ${visibleTo(user, readingPolicy(db))})`;
}

function openByStep(db: Db, user: CurrentUser): OpenStepRow[] {
  const rows = allRows<{ kind: string; state: string; count: number }>(db, sql`
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

function overdue(db: Db, user: CurrentUser, now: Date): OverdueRow[] {
  const policy = readingPolicy(db);
  // Few deadlines are open and late at any time: find those, then keep the ones the viewer may see.
  return allRows<{ reference: string; kind: string; title: string; description: string; dueAt: string }>(db, sql`
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

function timingRow(key: TimingKey, label: string, values: number[]): TimingRow {
  return { key, label, count: values.length, median: median(values), p90: percentile(values, 90) };
}

function timings(db: Db, user: CurrentUser): TimingRow[] {
  const rows = allRows<{ kind: string; reportedAt: string | null; acknowledgedAt: string | null; assessedAt: string | null; closedAt: string | null }>(db, sql`
    ${withVisible(db, user)}
    select i.kind,
      max(case when m.name = 'reported' then m.at end) as reportedAt,
      max(case when m.name = 'acknowledged' then m.at end) as acknowledgedAt,
      max(case when m.name = 'assessed' then m.at end) as assessedAt,
      max(case when m.name = 'closed' then m.at end) as closedAt
    from visible join incidents as i on i.id = visible.id
    join incident_milestones as m on m.incident_id = i.id
    group by i.id`);
  const acknowledgement: number[] = [];
  const assessment: number[] = [];
  const closeMistakenPost: number[] = [];
  const closeStaffAbuse: number[] = [];
  for (const row of rows) {
    if (!row.reportedAt) continue;
    if (row.acknowledgedAt) acknowledgement.push(minutesBetween(row.reportedAt, row.acknowledgedAt));
    if (row.assessedAt) assessment.push(minutesBetween(row.reportedAt, row.assessedAt));
    if (row.closedAt) (row.kind === "staff_abuse" ? closeStaffAbuse : closeMistakenPost).push(minutesBetween(row.reportedAt, row.closedAt));
  }
  return [
    timingRow("acknowledgement", "Report to manager acknowledgement (mistaken post)", acknowledgement),
    timingRow("assessment", "Report to risk assessment (mistaken post)", assessment),
    timingRow("closeMistakenPost", "Report to close (mistaken post)", closeMistakenPost),
    timingRow("closeStaffAbuse", "Report to close (abuse of a member of staff)", closeStaffAbuse),
    timingRow("closeAll", "Report to close (both paths)", [...closeMistakenPost, ...closeStaffAbuse]),
  ];
}

/** The last `count` months (YYYY-MM) in the organisation's time zone, oldest first, ending with the month of `now`. */
export function lastMonths(now: Date, count = ABUSE_MONTHS): string[] {
  const [year, month] = organisationDate(now).split("-").map(Number);
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7);
  });
}

function abuseCounts(db: Db, user: CurrentUser, now: Date): Pick<Dashboard, "abuseByKind" | "abuseByPlatform"> {
  const months = lastMonths(now);
  // A day's margin either side of the window; the exact month is judged below in the organisation's zone.
  const from = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000).toISOString();
  // The kinds are facets of the report's "kind" section: counted only where the viewer may see it.
  const rows = allRows<{ reportedAt: string; kinds: string | null; platform: string | null }>(db, sql`
    ${withVisible(db, user)}
    select reported.at as reportedAt,
      json_group_array(f.value) filter (where f.name = 'kind') as kinds,
      max(case when f.name = 'platform' then f.value end) as platform
    from visible join incidents as i on i.id = visible.id
    join incident_milestones as reported on reported.incident_id = i.id and reported.name = 'reported'
    left join incident_facets as f on f.incident_id = i.id and f.name in ('kind', 'platform') and ${rowShownSql(user, readingPolicy(db), sql`f.section`)}
    where i.kind = 'staff_abuse' and reported.at >= ${from}
    group by i.id`);
  const kindKeys = Object.keys(ABUSE_KINDS) as AbuseKind[];
  const byKind = new Map(months.map((month) => [month, Object.fromEntries(kindKeys.map((kind) => [kind, 0])) as Record<string, number>]));
  const byPlatform = new Map(months.map((month) => [month, {} as Record<string, number>]));
  const platforms = new Set<string>();
  for (const row of rows) {
    const month = organisationDate(new Date(row.reportedAt)).slice(0, 7);
    const kindCounts = byKind.get(month);
    const platformCounts = byPlatform.get(month);
    if (!kindCounts || !platformCounts) continue;
    const kinds = row.kinds ? (JSON.parse(row.kinds) as string[]) : [];
    for (const kind of new Set(kinds)) if (kind in kindCounts) kindCounts[kind] += 1;
    const platform = row.platform?.trim() || "Not given";
    platforms.add(platform);
    platformCounts[platform] = (platformCounts[platform] ?? 0) + 1;
  }
  const platformList = [...platforms].sort((a, b) => a.localeCompare(b));
  return {
    abuseByKind: {
      kinds: kindKeys.map((key) => ({ key, label: ABUSE_KINDS[key] })),
      months: months.map((month) => ({ month, counts: byKind.get(month)! })),
    },
    abuseByPlatform: {
      platforms: platformList,
      months: months.map((month) => ({
        month,
        counts: Object.fromEntries(platformList.map((platform) => [platform, byPlatform.get(month)![platform] ?? 0])),
      })),
    },
  };
}

/** What the cached figures depend on: the viewer (and their roles) and the month of the abuse counts. */
export function dashboardCacheKey(user: CurrentUser, now: Date): string {
  return `dashboard:${viewerCacheKey(user)}:${organisationDate(now).slice(0, 7)}`;
}

/**
 * Everything the dashboard shows, for this viewer, as things stand at `now`. The figures drawn
 * from every visible incident are kept until the database next changes (a desk watched by a few
 * people, changed a few times an hour); what is overdue and what is paused are read every time.
 */
export function getDashboard(db: Db, user: CurrentUser, now: Date): Dashboard {
  const figures = cachedUntilDataChanges(db, dashboardCacheKey(user, now), () => ({
    openByStep: openByStep(db, user),
    timings: timings(db, user),
    ...abuseCounts(db, user, now),
  }));
  return { ...figures, overdue: overdue(db, user, now), pausedChannels: pausedChannels(db, user) };
}
