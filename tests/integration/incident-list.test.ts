import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  csvCell,
  CSV_HEADER,
  filterQuery,
  incidentsCsv,
  NO_FILTERS,
  parseFilters,
  referencesVisibleInSql,
  reportsCte,
  searchIncidents,
  visibleTo,
  type IncidentFilters,
  type IncidentListRow,
} from "../../app/models/incident-list.server";
import { canViewIncident } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { abuseSettings, setAbuseSettings } from "../../app/paths/staff-abuse/settings.server";
import { loader as csvLoader } from "../../app/routes/incidents.csv";
import { loader as listLoader } from "../../app/routes/incidents._index";
import { commitSessionCookie, hashPassword, signIn } from "../../app/utils/auth.server";
import { organisationDate } from "../../machines/kit/dates";
import { db as appDb } from "../../app/utils/db.server";
import { channels, deadlines, incidentAccess, incidents, type Incident } from "../../db/schema";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import { applyEvent, backfillIncidentAccess, readingPolicy } from "../../db/workflow";
import type { MistakenPostDetails } from "../../machines/mistaken-post";
import { copyTestDatabase, createTestDatabase, type TestDatabase } from "../helpers/database";
import { reportAbuseAs } from "../helpers/staff-abuse";

/**
 * The incident list, its filters and its CSV export on a real database, with incidents of both
 * paths made through the real models. Privacy is checked per role, and the SQL rule is checked
 * against canViewIncident for every demo person.
 */

const PASSWORD = "incident list test password";
const NOW = new Date();
const minutesFromNow = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let test: TestDatabase;
/** Reported in January, never acknowledged: overdue. */
let old: Incident;
/** Taken through a crisis plan (a task for the Director of Place) and the Leader made aware. */
let crisis: Incident;
/** Its acknowledgement deadline passed five minutes ago: overdue. */
let parks: Incident;
let hub: Incident;
let abuseParks: Incident;
let abuseHub: Incident;

function post(account: string): MistakenPostDetails {
  return { platform: "Facebook", account, link: null, postedAt: NOW.toISOString(), whatHappened: "Posted the wrong notice." };
}

function search(key: string, filters: Partial<IncidentFilters> = {}, page = 1, database = test) {
  return searchIncidents(database.db, database.user(key), { ...NO_FILTERS, ...filters }, page);
}

/** The references a person sees with these filters, in the order shown. */
function references(key: string, filters: Partial<IncidentFilters> = {}, database = test): string[] {
  return search(key, filters, 1, database).rows.map((row) => row.reference);
}

const sorted = (values: string[]) => [...values].sort();
const refsOf = (...list: Incident[]) => list.map((incident) => incident.reference);

function throughCrisisAndLeader(incident: Incident) {
  let version = incident.version;
  const comms = { ...test.person("comms1"), roles: ["staff", "communications"] };
  const reporter = { ...test.person("library-assistant"), roles: ["staff"] };
  const send = (event: { type: string; [field: string]: unknown }, minutes: number, by: { id: number; name: string; roles: string[] } = comms) => {
    version = applyEvent(test.db, { incidentId: incident.id, expectedVersion: version, event: { ...event, by }, actor: by, now: minutesFromNow(minutes) }).version;
  };
  send({ type: "ACKNOWLEDGE" }, 1, { ...test.person("libraries-manager"), roles: ["staff"] });
  send({ type: "ATTACH_SCREENSHOT", file: { originalName: "post.png", mediaType: "image/png", sizeBytes: 10, sha256: "b".repeat(64), storagePath: "2026/11/list" } }, 2, reporter);
  send({ type: "RECORD_DELETED", deletedAt: minutesFromNow(2).toISOString() }, 2, reporter);
  send({ type: "ASSESS_RISK", likelihood: 4, impact: 4, reach: 4, factors: ["media_interest"], decision: "respond", rationale: "Spreading", crisisPlanNeeded: true }, 3);
  const channel = test.db.select().from(channels).where(eq(channels.handle, "@EastbridgeCouncil")).get()!;
  send(
    {
      type: "CREATE_CRISIS_PLAN",
      holdingStatement: "We are correcting a wrong post.",
      spokesperson: "Dan Okafor",
      audiences: "Residents",
      channels: [channel.id],
      channelNames: [channel.handle],
      reviewAt: minutesFromNow(180).toISOString(),
      tasks: [{ title: "Brief the parks team", owner: test.person("dir-place"), dueAt: minutesFromNow(120).toISOString() }],
    },
    4,
  );
  send({ type: "MAKE_LEADER_AWARE", summary: "A wrong post on the council account." }, 5);
}

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  // The routes use the app's own database connection, configured from the environment.
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  // This organisation lets three levels of managers read abuse reports, so the Chief Executive
  // (three above the parks and hub officers) sees every incident and the filters can be tried on
  // all of them; the default reach (two levels) is checked on a copy below.
  setAbuseSettings(test.db, { ...abuseSettings(test.db), chainLevels: 3 });
  old = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeLibraries"), new Date("2026-01-10T10:00:00.000Z"));
  crisis = reportMistakenPost(test.db, test.person("library-assistant"), post("@EastbridgeCouncil"), minutesFromNow(-30));
  parks = reportMistakenPost(test.db, test.person("parks-officer"), post("@EastbridgeParks"), minutesFromNow(-20));
  hub = reportMistakenPost(test.db, test.person("hub-officer"), post("Eastbridge Borough Council"), minutesFromNow(-10));
  abuseParks = reportAbuseAs(test, "parks-officer");
  abuseHub = reportAbuseAs(test, "hub-officer");
  throughCrisisAndLeader(crisis);
});

afterAll(() => {
  appDb().$client.close();
  test.close();
});

describe("who sees which incidents", () => {
  it("shows staff only their own reports", () => {
    expect(sorted(references("library-assistant"))).toEqual(sorted(refsOf(old, crisis)));
    expect(sorted(references("parks-officer"))).toEqual(sorted(refsOf(parks, abuseParks)));
  });

  it("shows a manager the reports of everyone down their management chain, abuse reports included", () => {
    expect(sorted(references("libraries-manager"))).toEqual(sorted(refsOf(old, crisis)));
    expect(sorted(references("head-parks"))).toEqual(sorted(refsOf(parks, abuseParks)));
    // Away today, but still the manager of the libraries and the hub.
    expect(sorted(references("head-community"))).toEqual(sorted(refsOf(old, crisis, hub, abuseHub)));
    expect(sorted(references("ceo"))).toEqual(sorted(refsOf(old, crisis, parks, hub, abuseParks, abuseHub)));
  });

  it("shows Communications every mistaken post but no abuse report they were not asked to help with", () => {
    expect(sorted(references("comms1"))).toEqual(sorted(refsOf(old, crisis, parks, hub)));
  });

  it("shows HR and safety every abuse report and no mistaken post", () => {
    expect(sorted(references("hr"))).toEqual(sorted(refsOf(abuseParks, abuseHub)));
  });

  it("shows an administrator with no other part none of other people's incidents", () => {
    expect(references("admin")).toEqual([]);
  });

  it("shows the participants of a mistaken post: a task owner, the senior leaders told, the Leader made aware", () => {
    expect(sorted(references("dir-place"))).toEqual(sorted(refsOf(crisis, parks, abuseParks)));
    expect(references("ad")).toEqual(refsOf(crisis));
    expect(references("leader")).toEqual(refsOf(crisis));
  });

  it("lets Communications see an abuse report only once the member of staff asks them to help", () => {
    const copy = copyTestDatabase(test);
    try {
      expect(references("comms1", { path: "staff_abuse" }, copy)).toEqual([]);
      const reporter = copy.person("parks-officer");
      applyEvent(copy.db, {
        incidentId: abuseParks.id,
        event: { type: "ASK_COMMUNICATIONS_HELP", by: { ...reporter, roles: ["staff"] } },
        actor: reporter,
        now: new Date(),
      });
      expect(references("comms1", { path: "staff_abuse" }, copy)).toEqual(refsOf(abuseParks));
      expect(references("library-assistant", { path: "staff_abuse" }, copy)).toEqual([]);
      expectSqlAgreesWithCanViewIncident(copy);
    } finally {
      copy.close();
    }
  });

  it("reads abuse reports only as far up the management chain as the organisation's setting reaches", () => {
    const copy = copyTestDatabase(test);
    try {
      // The default: the line manager and the next level up.
      setAbuseSettings(copy.db, { ...abuseSettings(copy.db), chainLevels: 2 });
      expect(sorted(references("ceo", {}, copy))).toEqual(sorted(refsOf(old, crisis, parks, hub)));
      expect(sorted(references("dir-people", {}, copy))).toEqual(sorted(refsOf(old, crisis, hub, abuseHub)));
      expect(sorted(references("dir-place", {}, copy))).toEqual(sorted(refsOf(crisis, parks, abuseParks)));
      expect(sorted(references("head-community", {}, copy))).toEqual(sorted(refsOf(old, crisis, hub, abuseHub)));
      expectSqlAgreesWithCanViewIncident(copy);
      // The line manager only: the stored access is rewritten with the setting.
      setAbuseSettings(copy.db, { ...abuseSettings(copy.db), chainLevels: 1 });
      expect(references("dir-place", { path: "staff_abuse" }, copy)).toEqual([]);
      expect(references("head-parks", { path: "staff_abuse" }, copy)).toEqual(refsOf(abuseParks));
      const grantees = copy.db.select({ grantee: incidentAccess.grantee }).from(incidentAccess).where(eq(incidentAccess.incidentId, abuseParks.id)).all();
      expect(grantees.map((row) => row.grantee).sort()).toEqual([`person:${copy.person("head-parks").id}`, `person:${copy.person("parks-officer").id}`]);
      expectSqlAgreesWithCanViewIncident(copy);
    } finally {
      copy.close();
    }
  });

  it("never widens what someone sees through a filter", () => {
    expect(references("library-assistant", { path: "staff_abuse" })).toEqual([]);
    expect(references("library-assistant", { service: "Place" })).toEqual([]);
    expect(references("comms1", { state: "open" })).toEqual([]);
  });
});

function expectSqlAgreesWithCanViewIncident(database: TestDatabase) {
  const all = database.db.select().from(incidents).all();
  for (const demo of DEMO_PEOPLE) {
    const user = database.user(demo.key);
    const expected = all.filter((incident) => canViewIncident(database.db, user, incident)).map((incident) => incident.reference);
    expect(sorted(referencesVisibleInSql(database.db, user)), demo.key).toEqual(sorted(expected));
    // The same rule looked up incident by incident (the dashboard's overdue steps) admits the same.
    const perRow = database.db.all<{ reference: string }>(sql`with recursive ${reportsCte(user)} select i.reference from incidents as i where ${visibleTo(user, readingPolicy(database.db), "per row")}`);
    expect(sorted(perRow.map((row) => row.reference)), `${demo.key}, per row`).toEqual(sorted(expected));
  }
}

describe("the SQL rule and canViewIncident", () => {
  it("agree for every demo person", () => {
    expectSqlAgreesWithCanViewIncident(test);
  });

  it("still agree for incidents stored before incident_access, once it is filled at start-up", () => {
    const copy = copyTestDatabase(test);
    try {
      const stored = copy.db.select().from(incidentAccess).orderBy(incidentAccess.grantee, incidentAccess.incidentId).all();
      copy.db.delete(incidentAccess).run();
      expect(backfillIncidentAccess(copy.db)).toBe(copy.db.select().from(incidents).all().length);
      expect(copy.db.select().from(incidentAccess).orderBy(incidentAccess.grantee, incidentAccess.incidentId).all()).toEqual(stored);
      expectSqlAgreesWithCanViewIncident(copy);
      expect(backfillIncidentAccess(copy.db)).toBe(0);
    } finally {
      copy.close();
    }
  });
});

describe("the rows", () => {
  it("give the path, the reporter, the step (In progress for parallel work), the times and whether anything is overdue", () => {
    const rows = new Map(search("ceo").rows.map((row) => [row.reference, row]));
    expect(rows.get(crisis.reference)).toMatchObject({
      kindTitle: "Mistaken post",
      title: "Post made by mistake on @EastbridgeCouncil",
      reporterName: "Jo Lee",
      reporterService: "Adults and Communities",
      stepTitle: "Respond as the organisation",
      createdAt: minutesFromNow(-30).toISOString(),
      updatedAt: minutesFromNow(5).toISOString(),
      overdue: false,
    });
    expect(rows.get(abuseParks.reference)).toMatchObject({ kindTitle: "Abuse of a member of staff", reporterName: "Chris Doyle", stepTitle: "In progress", overdue: false });
    expect(rows.get(old.reference)).toMatchObject({ stepTitle: "Tell the line manager and Communications", overdue: true });
    expect(rows.get(parks.reference)?.overdue).toBe(true);
    expect(rows.get(hub.reference)?.overdue).toBe(false);
  });

  it("follow the clock: a step that falls due shows as overdue at once, with nothing written", () => {
    const ceo = test.user("ceo");
    const dueAt = test.db
      .select({ dueAt: deadlines.dueAt })
      .from(deadlines)
      .where(and(eq(deadlines.incidentId, hub.id), eq(deadlines.status, "pending")))
      .orderBy(deadlines.dueAt)
      .get()!.dueAt;
    const afterDue = new Date(Date.parse(dueAt) + 1000);
    const hubRow = (filters: Partial<IncidentFilters>, now: Date) =>
      searchIncidents(test.db, ceo, { ...NO_FILTERS, ...filters }, 1, now).rows.find((row) => row.reference === hub.reference);
    expect(hubRow({}, NOW)?.overdue).toBe(false);
    expect(hubRow({}, NOW)?.overdue).toBe(false);
    expect(hubRow({ overdueOnly: true }, NOW)).toBeUndefined();
    expect(hubRow({}, afterDue)?.overdue).toBe(true);
    expect(hubRow({ overdueOnly: true }, afterDue)?.overdue).toBe(true);
  });
});

describe("filters", () => {
  it("by path and by step", () => {
    expect(sorted(references("ceo", { path: "mistaken_post" }))).toEqual(sorted(refsOf(old, crisis, parks, hub)));
    expect(sorted(references("ceo", { path: "staff_abuse" }))).toEqual(sorted(refsOf(abuseParks, abuseHub)));
    expect(sorted(references("ceo", { state: "awaitingAcknowledgement" }))).toEqual(sorted(refsOf(old, parks, hub)));
    expect(sorted(references("ceo", { state: "open" }))).toEqual(sorted(refsOf(abuseParks, abuseHub)));
  });

  it("by part of the reporter's name, in any case, taking % and _ literally", () => {
    expect(sorted(references("ceo", { person: "doyle" }))).toEqual(sorted(refsOf(parks, abuseParks)));
    expect(references("ceo", { person: "%" })).toEqual([]);
    expect(references("ceo", { person: "_" })).toEqual([]);
  });

  it("by the reporter's service", () => {
    expect(sorted(references("ceo", { service: "Place" }))).toEqual(sorted(refsOf(parks, abuseParks)));
    expect(sorted(references("ceo", { service: "Adults and Communities" }))).toEqual(sorted(refsOf(old, crisis, hub, abuseHub)));
  });

  it("by part of the account the post was made on", () => {
    expect(references("ceo", { channel: "parks" })).toEqual(refsOf(parks));
    expect(sorted(references("ceo", { channel: "eastbridge" }))).toEqual(sorted(refsOf(old, crisis, parks, hub)));
  });

  it("by the day reported, both ends included", () => {
    expect(references("ceo", { to: "2026-01-10" })).toEqual(refsOf(old));
    expect(references("ceo", { from: "2026-01-10", to: "2026-01-10" })).toEqual(refsOf(old));
    expect(references("ceo", { from: "2026-01-11" })).not.toContain(old.reference);
    expect(references("ceo", { from: "2026-01-11" })).toHaveLength(5);
  });

  it("to the overdue only, and several filters together", () => {
    expect(sorted(references("ceo", { overdueOnly: true }))).toEqual(sorted(refsOf(old, parks)));
    expect(references("ceo", { service: "Adults and Communities", path: "staff_abuse" })).toEqual(refsOf(abuseHub));
  });

  it("read from the query string, ignoring anything unknown or malformed", () => {
    const filters = parseFilters(new URLSearchParams("path=staff_abuse&state=nope&person=%20Doyle%20&from=2026-02-30&to=2026-11-01&overdue=1&sort=updated"));
    expect(filters).toEqual({ ...NO_FILTERS, path: "staff_abuse", person: "Doyle", to: "2026-11-01", overdueOnly: true, sort: "updated" });
    expect(parseFilters(new URLSearchParams("path=other&sort=drop table"))).toEqual(NO_FILTERS);
    expect(parseFilters(new URLSearchParams(filterQuery(filters)))).toEqual(filters);
  });
});

describe("sorting", () => {
  it("puts the newest first by default, or the oldest, the most recently updated, or by reference", () => {
    const newestFirst = refsOf(abuseHub, abuseParks, hub, parks, crisis, old);
    expect(references("ceo")).toEqual(newestFirst);
    expect(references("ceo", { sort: "oldest" })).toEqual([...newestFirst].reverse());
    expect(references("ceo", { sort: "updated" })).toEqual(refsOf(crisis, abuseHub, abuseParks, hub, parks, old));
    expect(references("ceo", { sort: "reference" })).toEqual(sorted(newestFirst));
  });
});

function csvRow(overrides: Partial<IncidentListRow>): IncidentListRow {
  return {
    reference: "HF-2026-0001",
    kind: "mistaken_post",
    kindTitle: "Mistaken post",
    title: "A title",
    reporterName: "Jo Lee",
    reporterService: "Libraries",
    state: "deletion",
    stepTitle: "Delete the post if possible",
    createdAt: "2026-11-23T10:00:00.000Z",
    updatedAt: "2026-11-23T10:05:00.000Z",
    overdue: false,
    ...overrides,
  };
}

describe("the CSV", () => {
  it("quotes every cell, doubles quotes, and keeps commas and line breaks inside the cell", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('He said "no", twice\nthen left')).toBe('"He said ""no"", twice\nthen left"');
  });

  it("makes cells a spreadsheet would run as a formula inert with an apostrophe", () => {
    expect(["=SUM(A1:A9)", "+44 20", "-1", "@cmd"].map(csvCell)).toEqual(['"\'=SUM(A1:A9)"', '"\'+44 20"', '"\'-1"', '"\'@cmd"']);
    expect(csvCell("a=b")).toBe('"a=b"');
    const csv = incidentsCsv([csvRow({ title: '=HYPERLINK("http://evil.example","click")', reporterName: "@someone", overdue: true })]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.map((name) => `"${name}"`).join(","));
    expect(lines[1]).toBe(
      '"HF-2026-0001","Mistaken post","\'=HYPERLINK(""http://evil.example"",""click"")","\'@someone","Libraries","Delete the post if possible","2026-11-23T10:00:00.000Z","2026-11-23T10:05:00.000Z","Yes"',
    );
    expect(lines[2]).toBe("");
  });
});

async function cookieFor(key: string): Promise<string> {
  const demo = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
  const result = await signIn(test.db, { email: demoEmail(demo), password: PASSWORD }, new Date());
  if (!result.ok) throw new Error(`Could not sign in as ${key}`);
  return (await commitSessionCookie(result.token)).split(";")[0];
}

describe("the routes", () => {
  it("download the CSV with the filters and the privacy of the list", async () => {
    const cookie = await cookieFor("head-parks");
    const response = await csvLoader({ request: new Request("http://localhost/incidents/csv?service=Place", { headers: { Cookie: cookie } }), params: {}, context: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="holdfast-incidents-${organisationDate(new Date())}.csv"`);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_HEADER.map((name) => `"${name}"`).join(","));
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(refsOf(abuseParks, parks).map((reference) => `"${reference}"`));

    const staff = await csvLoader({ request: new Request("http://localhost/incidents/csv", { headers: { Cookie: await cookieFor("library-assistant") } }), params: {}, context: {} });
    expect((await staff.text()).trimEnd().split("\r\n").slice(1).map((line) => line.split(",")[0])).toEqual(refsOf(crisis, old).map((reference) => `"${reference}"`));
  });

  it("list a page with the filters from the query string", async () => {
    const cookie = await cookieFor("hr");
    const response = await listLoader({ request: new Request("http://localhost/incidents?service=Place&sort=oldest", { headers: { Cookie: cookie } }), params: {}, context: {} });
    const data = (await response.json()) as { rows: IncidentListRow[]; total: number; query: string };
    expect(data.rows.map((row) => row.reference)).toEqual(refsOf(abuseParks));
    expect(data.total).toBe(1);
    expect(data.query).toBe("service=Place&sort=oldest");
  });

  it("send someone not signed in to sign in", async () => {
    await expect(csvLoader({ request: new Request("http://localhost/incidents/csv"), params: {}, context: {} })).rejects.toMatchObject({ status: 302 });
  });
});

describe("ten thousand incidents", () => {
  let big: TestDatabase;

  beforeAll(() => {
    big = copyTestDatabase(test);
    const copyOf = big.db.$client.prepare(`
      insert into incidents (reference, kind, title, reporter_id, machine_id, machine_version, snapshot, state, version, created_at, updated_at)
      select ?, kind, title, reporter_id, machine_id, machine_version, snapshot, state, version, ?, ? from incidents where id = ?`);
    const sources = [parks.id, abuseParks.id, crisis.id, hub.id];
    big.db.$client.transaction(() => {
      for (let n = 0; n < 10_000; n += 1) {
        const at = new Date(Date.parse("2025-06-01T00:00:00.000Z") + n * 60_000).toISOString();
        copyOf.run(`HF-2025-${String(n + 1).padStart(5, "0")}`, at, at, sources[n % sources.length]);
      }
    })();
  });
  afterAll(() => big.close());

  it("returns the first page quickly for HR and safety, a line manager and Communications", () => {
    for (const [key, total] of [["hr", 2_502], ["head-parks", 5_002], ["libraries-manager", 2_502], ["comms1", 7_504]] as const) {
      const started = performance.now();
      const result = search(key, {}, 1, big);
      const elapsed = performance.now() - started;
      expect(result.total, key).toBe(total);
      expect(result.rows, key).toHaveLength(25);
      expect(elapsed, `${key} took ${elapsed.toFixed(0)} ms`).toBeLessThan(300);
    }
  });

  it("pages through 25 at a time, and past the end still counts the matches", () => {
    const first = search("head-parks", {}, 1, big);
    const second = search("head-parks", {}, 2, big);
    expect(second.rows).toHaveLength(25);
    expect(second.rows.map((row) => row.reference)).not.toContain(first.rows[0].reference);
    expect(first.pageCount).toBe(201);
    expect(search("head-parks", {}, 201, big).rows).toHaveLength(2);
    expect(search("head-parks", {}, 202, big)).toMatchObject({ rows: [], total: 5_002 });
  });
});
