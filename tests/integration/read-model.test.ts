import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard, lastMonths, median, percentile } from "../../app/models/dashboard.server";
import { reportsCte, seesSectionSql, visibleTo } from "../../app/models/incident-list.server";
import { workAwaited, workAwaitedCount } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { abuseCounts } from "../../app/paths/staff-abuse/dashboard.server";
import { organisationDate } from "../../machines/kit/dates";
import { seedDemoHistory } from "../../app/demo/history";
import { deadlines, incidentFacets, incidentMilestones, incidents, incidentWork } from "../../db/schema";
import { DEMO_PEOPLE } from "../../db/seed";
import { applyEvent, backfillReadModel, readingPolicy } from "../../db/workflow";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import type { CurrentUser } from "../../app/utils/auth.server";
import { copyTestDatabase, createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The read model on a real database: written with each change in the same transaction, filled
 * at start-up for incidents stored without it, and, on the demo history, giving the dashboard and
 * the home page the same figures and lists as the snapshot JSON they were read from before.
 */

const NOW = new Date("2026-11-23T12:30:00.000Z");

function readModelRows(database: TestDatabase, incidentId?: number) {
  const where = <T extends { incidentId: any }>(table: T) => (incidentId === undefined ? undefined : eq(table.incidentId, incidentId));
  return {
    milestones: database.db.select().from(incidentMilestones).where(where(incidentMilestones)).orderBy(incidentMilestones.incidentId, incidentMilestones.name).all(),
    work: database.db.select().from(incidentWork).where(where(incidentWork)).orderBy(incidentWork.incidentId, incidentWork.key, incidentWork.assignee).all(),
    facets: database.db.select().from(incidentFacets).where(where(incidentFacets)).orderBy(incidentFacets.incidentId, incidentFacets.name, incidentFacets.value).all(),
  };
}

describe("the read model, written with each change", () => {
  let test: TestDatabase;
  beforeAll(() => {
    test = createTestDatabase({ now: NOW });
  });
  afterAll(() => test?.close());

  const actor = (key: string) => ({ ...test.person(key), roles: DEMO_PEOPLE.find((person) => person.key === key)!.roles as string[] });

  it("times the awaited work by its open deadline, writes nothing when an event is refused, and keeps no work once closed", () => {
    const reportedAt = new Date("2026-11-20T09:00:00.000Z");
    const post = { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: reportedAt.toISOString(), whatHappened: "Wrong notice." };
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, reportedAt);
    const first = test.db.select().from(deadlines).where(eq(deadlines.incidentId, incident.id)).get()!;
    const opened = readModelRows(test, incident.id);
    expect(opened.milestones).toEqual([{ incidentId: incident.id, name: "reported", at: reportedAt.toISOString(), summary: null }]);
    expect(opened.work).toEqual([
      {
        incidentId: incident.id,
        key: "awaitingAcknowledgement",
        assignee: `person:${test.person("libraries-manager").id}`,
        description: "Acknowledge the report of a post made by mistake",
        toReporter: "acknowledge it",
        dueAt: first.dueAt,
        section: null,
      },
    ]);
    expect(opened.facets.map(({ name, value }) => [name, value])).toEqual([["account", "@EastbridgeLibraries"], ["platform", "Facebook"]]);

    const stranger = actor("comms1");
    expect(() =>
      applyEvent(test.db, { incidentId: incident.id, expectedVersion: 1, event: { type: "ACKNOWLEDGE", by: stranger }, actor: stranger, now: reportedAt }),
    ).toThrow(/Only Owen Price/);
    expect(readModelRows(test, incident.id)).toEqual(opened);

    // The line manager's deadline fires: the head of service is asked too, and the work is due by their own deadline, not late from the start.
    applyEvent(test.db, { incidentId: incident.id, event: { type: "ACKNOWLEDGEMENT_OVERDUE" }, actor: null, now: new Date(first.dueAt), deadlineId: first.id });
    const headsDue = new Date(Date.parse(first.dueAt) + 15 * 60_000).toISOString();
    expect(readModelRows(test, incident.id).work.map(({ assignee, dueAt }) => ({ assignee, dueAt }))).toEqual([
      { assignee: `person:${test.person("head-community").id}`, dueAt: headsDue },
      { assignee: `person:${test.person("libraries-manager").id}`, dueAt: headsDue },
    ]);

    let version = 2;
    const steps: [string, { type: string; [field: string]: unknown }][] = [
      ["libraries-manager", { type: "ACKNOWLEDGE" }],
      ["comms1", { type: "RECORD_NOT_DELETED", reason: "not_possible", explanation: "Locked." }],
      ["comms1", { type: "ASSESS_RISK", likelihood: 1, impact: 1, reach: 1, factors: [], decision: "do_not_engage", rationale: "Few saw it.", crisisPlanNeeded: false }],
      ["comms1", { type: "LEADER_NOT_NEEDED", reason: "Contained." }],
      ["comms1", { type: "CLOSE", whatHappened: "Wrong notice.", lessons: "Check twice.", followUps: [] }],
    ];
    for (const [index, [key, event]] of steps.entries()) {
      const by = actor(key);
      version = applyEvent(test.db, { incidentId: incident.id, expectedVersion: version, event: { ...event, by }, actor: by, now: new Date(reportedAt.getTime() + (index + 30) * 60_000) }).version;
    }
    const closed = readModelRows(test, incident.id);
    expect(closed.work).toEqual([]);
    expect(closed.milestones.map(({ name }) => name)).toEqual(["acknowledged", "assessed", "closed", "reported"]);
    expect(closed.milestones.find(({ name }) => name === "closed")?.at).toBe(new Date(reportedAt.getTime() + 34 * 60_000).toISOString());
    expect(closed.milestones.find(({ name }) => name === "closed")?.summary).toBe("Wrong notice.");
    expect(closed.facets.map(({ name, value }) => [name, value])).toContainEqual(["decision", "do_not_engage"]);
  });

  it("is rewritten when a deadline the incident no longer takes is dropped, so no work stays due at its time", () => {
    const reportedAt = new Date("2026-11-21T09:00:00.000Z");
    const post = { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: reportedAt.toISOString(), whatHappened: "Wrong notice." };
    const incident = reportMistakenPost(test.db, test.person("library-assistant"), post, reportedAt);
    const acknowledgement = test.db.select().from(deadlines).where(eq(deadlines.incidentId, incident.id)).get()!;
    // A deadline of the same key whose event the step does not take, due before the real one.
    const earlier = new Date(reportedAt.getTime() + 5 * 60_000).toISOString();
    test.db.insert(deadlines).values({ incidentId: incident.id, key: acknowledgement.key, eventType: "CLOSE", eventFields: {}, description: "Not taken", dueAt: earlier }).run();
    test.db.delete(incidentMilestones).where(eq(incidentMilestones.incidentId, incident.id)).run();
    backfillReadModel(test.db);
    expect(readModelRows(test, incident.id).work.map(({ dueAt }) => dueAt)).toEqual([earlier]);

    expect(fireDueDeadlines(test.db, new Date(earlier))).toEqual({ fired: 0, dropped: 1 });
    expect(readModelRows(test, incident.id).work.map(({ dueAt }) => dueAt)).toEqual([acknowledgement.dueAt]);
  });
});

describe("the read model on the demo history", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = createTestDatabase({ now: NOW });
    await seedDemoHistory(test.db, { now: NOW, evidenceDirectory: join(test.directory, "evidence") });
  }, 60_000);
  afterAll(() => test?.close());

  it("keeps no work for a closed incident", () => {
    const rows = test.db.all<{ count: number }>(sql`select count(*) as count from incident_work join incidents on incidents.id = incident_work.incident_id where incidents.state = 'closed'`);
    expect(rows[0].count).toBe(0);
  });

  it("is filled at start-up for incidents stored without it, with the same rows as written live", () => {
    const copy = copyTestDatabase(test);
    try {
      const live = readModelRows(copy);
      const count = copy.db.select().from(incidents).all().length;
      for (const table of [incidentMilestones, incidentWork, incidentFacets]) copy.db.delete(table).run();
      expect(backfillReadModel(copy.db)).toBe(count);
      expect(readModelRows(copy)).toEqual(live);
      expect(backfillReadModel(copy.db)).toBe(0);
      console.log(`Backfill: ${count} incidents, ${live.milestones.length} milestones, ${live.work.length} work rows, ${live.facets.length} facets, the same as written live`);
    } finally {
      copy.close();
    }
  });

  /** The incidents the viewer may see, as the dashboard gathers them. */
  const visible = (user: CurrentUser) =>
    sql`with recursive ${reportsCte(user)}, visible as materialized (select i.id from incidents as i where ${visibleTo(user, readingPolicy(test.db))})`;

  /** The dashboard's timings, read from the snapshots' JSON and the CLOSE events as they were before the read model. */
  function timingsFromSnapshots(user: CurrentUser) {
    const rows = test.db.all<{ kind: string; reportedAt: string | null; acknowledgedAt: string | null; assessedAt: string | null; closedAt: string | null }>(sql`
      ${visible(user)}
      select i.kind,
        json_extract(i.snapshot, '$.context.reportedAt') as reportedAt,
        case when i.kind = 'mistaken_post' then json_extract(i.snapshot, '$.context.acknowledgedAt') end as acknowledgedAt,
        case when i.kind = 'mistaken_post' then json_extract(i.snapshot, '$.context.assessment.assessedAt') end as assessedAt,
        (select min(e.at) from incident_events as e where e.incident_id = i.id and e.type = 'CLOSE') as closedAt
      from visible join incidents as i on i.id = visible.id`);
    const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
    const series = (pick: (row: (typeof rows)[number]) => string | null, kind?: string) =>
      rows.flatMap((row) => (row.reportedAt && pick(row) && (!kind || row.kind === kind) ? [minutes(row.reportedAt, pick(row)!)] : []));
    const figures = (values: number[]) => ({ count: values.length, median: median(values), p90: percentile(values, 90) });
    return [
      figures(series((row) => row.acknowledgedAt)),
      figures(series((row) => row.assessedAt)),
      figures(series((row) => row.closedAt, "mistaken_post")),
      figures(series((row) => row.closedAt, "staff_abuse")),
      figures([...series((row) => row.closedAt, "mistaken_post"), ...series((row) => row.closedAt, "staff_abuse")]),
    ];
  }

  /** The abuse counts by month, kind and platform, read from the snapshots' JSON as before. */
  function abuseCountsFromSnapshots(user: CurrentUser) {
    const months = lastMonths(NOW);
    const from = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000).toISOString();
    const rows = test.db.all<{ reportedAt: string; kinds: string | null; platform: string | null }>(sql`
      ${visible(user)}
      select json_extract(i.snapshot, '$.context.reportedAt') as reportedAt,
        case when ${seesSectionSql(user, readingPolicy(test.db), "staff_abuse", "kind")} then json_extract(i.snapshot, '$.context.report.kinds') end as kinds,
        json_extract(i.snapshot, '$.context.report.platform') as platform
      from visible join incidents as i on i.id = visible.id
      where i.kind = 'staff_abuse' and json_extract(i.snapshot, '$.context.reportedAt') >= ${from}`);
    const byKind: Record<string, Record<string, number>> = {};
    const byPlatform: Record<string, Record<string, number>> = {};
    for (const row of rows) {
      const month = organisationDate(new Date(row.reportedAt)).slice(0, 7);
      if (!months.includes(month)) continue;
      for (const kind of new Set(row.kinds ? (JSON.parse(row.kinds) as string[]) : [])) (byKind[month] ??= {})[kind] = (byKind[month]?.[kind] ?? 0) + 1;
      const platform = row.platform?.trim() || "Not given";
      (byPlatform[month] ??= {})[platform] = (byPlatform[month]?.[platform] ?? 0) + 1;
    }
    return { byKind, byPlatform };
  }

  /** Only the months' non-zero counts, to compare with the reference above. */
  const nonZero = (months: { month: string; counts: Record<string, number> }[]) =>
    Object.fromEntries(
      months.flatMap(({ month, counts }) => {
        const kept = Object.entries(counts).filter(([, count]) => count > 0);
        return kept.length > 0 ? [[month, Object.fromEntries(kept)]] : [];
      }),
    );

  it.each(["comms1", "hr", "ceo", "ad", "head-parks"])("gives %s the same dashboard figures as the snapshots did", (key) => {
    const user = test.user(key);
    const dashboard = getDashboard(test.db, user, NOW);
    expect(dashboard.timings.map(({ count, median, p90 }) => ({ count, median, p90 }))).toEqual(timingsFromSnapshots(user));
    const reference = abuseCountsFromSnapshots(user);
    const abuse = abuseCounts(test.db, user, NOW);
    expect(nonZero(abuse.byKind.months)).toEqual(reference.byKind);
    expect(nonZero(abuse.byPlatform.months)).toEqual(reference.byPlatform);
    const openByStep = test.db.all<{ kind: string; state: string; count: number }>(sql`
      ${visible(user)}
      select i.kind, i.state, count(*) as count from visible join incidents as i on i.id = visible.id
      where i.state <> 'closed' group by i.kind, i.state order by i.kind, i.state`);
    expect(dashboard.openByStep.map(({ kind, state, count }) => ({ kind, state, count }))).toEqual(openByStep);
    const abuseReports = Object.values(reference.byPlatform).flatMap((counts) => Object.values(counts)).reduce((sum, count) => sum + count, 0);
    console.log(`Dashboard for ${key}: timings from ${dashboard.timings.map((row) => row.count).join("/")} incidents, ${abuseReports} abuse reports counted by platform, ${dashboard.openByStep.length} open steps`);
  });

  it("lists each person's work overdue first, then by when it falls due, and counts it all", () => {
    let listed = 0;
    for (const { key } of DEMO_PEOPLE) {
      const user = test.user(key);
      const work = workAwaited(test.db, user, NOW);
      expect(workAwaitedCount(test.db, user, NOW).waiting, key).toBe(work.length);
      const dues = work.map((item) => item.dueAt);
      const timed = dues.filter((due): due is string => due !== null);
      // Timed work before untimed, soonest first; overdue is what fell due before now.
      expect(dues.slice(0, timed.length), key).toEqual(timed);
      expect(timed, key).toEqual([...timed].sort());
      for (const item of work) expect(item.overdue, `${key} ${item.reference}`).toBe(item.dueAt !== null && item.dueAt < NOW.toISOString());
      listed += work.length;
    }
    expect(listed).toBeGreaterThan(0);
  });

  it("shows each officer asked to acknowledge the same reports waiting for them as the snapshots did", () => {
    let asked = 0;
    for (const { key } of DEMO_PEOPLE) {
      const user = test.user(key);
      const before = test.db.all<{ reference: string }>(sql`
        select reference from incidents
        where state = 'awaitingAcknowledgement'
          and exists (select 1 from json_each(snapshot, '$.context.escalationChain') as officer
            where json_extract(officer.value, '$.id') = ${user.id} and officer.key <= json_extract(snapshot, '$.context.askedIndex'))
        order by reference`).map((row) => row.reference);
      const now = workAwaited(test.db, user, NOW)
        .filter((item) => item.description === "Acknowledge the report of a post made by mistake")
        .map((item) => item.reference)
        .sort();
      expect(now, key).toEqual(before);
      asked += before.length;
    }
    expect(asked).toBeGreaterThan(0);
    console.log(`Waiting to be acknowledged: ${asked} (officer, report) pairs, the same as before`);
  });

  it("names no one in the work of an abuse report's hidden section: Communications helping see only the removal", () => {
    const helping = test.db.all<{ key: string; section: string | null }>(sql`
      select w.key, w.section from incident_work as w join incidents as i on i.id = w.incident_id
      where i.kind = 'staff_abuse' and w.assignee = 'role:communications'`);
    expect(helping.every((row) => row.section === "removal")).toBe(true);
    expect(test.db.select().from(incidentFacets).where(eq(incidentFacets.name, "kind")).all().every((row) => row.section === "kind")).toBe(true);
  });
});
