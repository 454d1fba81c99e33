import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { readingPolicy } from "../../../db/workflow";
import { organisationDate } from "../../../machines/kit/dates";
import { ABUSE_KINDS, staffAbusePath, type AbuseKind } from "../../../machines/staff-abuse";
import { monthChart } from "../../components/dashboard-charts.server";
import { lastMonths, withVisible, type MonthCounts } from "../../models/dashboard.server";
import { rowShownSql } from "../../models/incident-list.server";
import type { CurrentUser } from "../../utils/auth.server";
import { platformSeries } from "./dashboard";

/** The dashboard's counts of abuse reports per month, by kind of abuse and by platform. */
export interface AbuseCounts {
  /** Oldest month first, DASHBOARD_MONTHS of them, ending with the current month. */
  byKind: { kinds: { key: AbuseKind; label: string }[]; months: MonthCounts[] };
  byPlatform: { platforms: string[]; months: MonthCounts[] };
}

/** One report: when it was made, the kinds of abuse the viewer may see (a JSON array) and its platform. */
interface ReportFacetsRow {
  reportedAt: string;
  kinds: string | null;
  platform: string | null;
}

export function abuseCounts(db: Db, user: CurrentUser, now: Date): AbuseCounts {
  const months = lastMonths(now);
  // A day's margin either side of the window; the exact month is judged below in the organisation's zone.
  const from = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000).toISOString();
  // The kinds are facets of the report's "kind" section: counted only where the viewer may see it.
  const rows = db.all<ReportFacetsRow>(sql`
    ${withVisible(db, user)}
    select reported.at as reportedAt,
      json_group_array(f.value) filter (where f.name = 'kind') as kinds,
      max(case when f.name = 'platform' then f.value end) as platform
    from visible join incidents as i on i.id = visible.id
    join incident_milestones as reported on reported.incident_id = i.id and reported.name = 'reported'
    left join incident_facets as f on f.incident_id = i.id and f.name in ('kind', 'platform') and ${rowShownSql(user, readingPolicy(db), sql`f.section`)}
    where i.kind = ${staffAbusePath.kind} and reported.at >= ${from}
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
    byKind: {
      kinds: kindKeys.map((key) => ({ key, label: ABUSE_KINDS[key] })),
      months: months.map((month) => ({ month, counts: byKind.get(month)! })),
    },
    byPlatform: {
      platforms: platformList,
      months: months.map((month) => ({
        month,
        counts: Object.fromEntries(platformList.map((platform) => [platform, byPlatform.get(month)![platform] ?? 0])),
      })),
    },
  };
}

export function abuseCharts(counts: AbuseCounts): Record<string, string> {
  const platforms = platformSeries(counts);
  return {
    byKind: monthChart("abuse-kind-chart", counts.byKind.kinds, counts.byKind.months),
    byPlatform: platforms.length === 0 ? "" : monthChart("abuse-platform-chart", platforms, counts.byPlatform.months),
  };
}
