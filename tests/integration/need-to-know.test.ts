import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "../../app/models/dashboard.server";
import { openDeadlinesOf } from "../../app/models/deadlines.server";
import { evidencePack } from "../../app/models/evidence-pack.server";
import { parseFilters, referencesVisibleInSql, searchIncidents } from "../../app/models/incident-list.server";
import { canViewIncident, recordViewFor } from "../../app/models/incidents.server";
import { abuseCounts } from "../../app/paths/staff-abuse/dashboard.server";
import { abuseSettings, setAbuseSettings } from "../../app/paths/staff-abuse/settings.server";
import { action as settingsAction } from "../../app/routes/admin.settings";
import { loader as evidenceListLoader } from "../../app/routes/incidents.$reference_.evidence";
import { loader as packPdfLoader } from "../../app/routes/incidents.$reference.evidence-pack.pdf";
import { action as incidentAction, loader as incidentLoader } from "../../app/routes/incidents.$reference";
import { hashPassword } from "../../app/utils/auth.server";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import { db as appDb } from "../../app/utils/db.server";
import { incidents, outbox, type Incident } from "../../db/schema";
import { DEMO_PEOPLE } from "../../db/seed";
import { applyEvent } from "../../db/workflow";
import { STAFF_ABUSE_SECTIONS, type AbuseReport, type StaffAbuseView } from "../../machines/staff-abuse";
import { createTestDatabase, sessionCookieFor, type TestDatabase } from "../helpers/database";
import { addScreenshot, reportAbuseAs, SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";

/**
 * Need to know on an abuse report, role by role, through the real loaders on a real database:
 * which sections of the record each person is sent on the incident page and given in the
 * evidence pack, and how far up the management chain the report is read as the setting changes.
 * Jo Lee (library assistant) reports; her chain is the Libraries Manager, the Head of Community
 * Services, the Director of Adults and Communities, then the Chief Executive.
 */

const PASSWORD = "need to know test password";
const HATE_REPORT: AbuseReport = {
  ...SAMPLE_ABUSE_REPORT,
  kinds: ["hate", "threat"],
  protectedCharacteristics: ["religion"],
  impact: "I cannot sleep and I am frightened to walk to my car.",
};
const SUPPORT_OFFERED = "Working from the Town Hall this week, referred to the assistance programme.";
const CRIME_REFERENCE = "14/88231/26";
/** Words that belong to sections Communications may not see. */
const HIDDEN_FROM_COMMUNICATIONS = [HATE_REPORT.impact, "religion", '"hate"', CRIME_REFERENCE, SUPPORT_OFFERED, "Blocked the account", "Reported to the police", "Support offered"];

let test: TestDatabase;
let incident: Incident;

const cookieFor = (key: string) => sessionCookieFor(test, key, PASSWORD);

const request = async (key: string, path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, { ...init, headers: { Cookie: await cookieFor(key), ...init.headers } });

/** The incident page's loader data for this person, or the status it refused them with. */
async function pageFor(key: string): Promise<{ status: number; page?: any }> {
  try {
    const response = await incidentLoader({ request: await request(key, `/incidents/${incident.reference}`), params: { reference: incident.reference }, context: {} });
    return { status: response.status, page: (await response.json()).page };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

/** The sections this person's page was sent (the report's keys besides who reported it and when). */
function sectionsSent(page: any): string[] {
  return Object.keys(page.context).filter((key) => key !== "reporter" && key !== "reportedAt").sort();
}

function act(key: string, event: { type: string; [field: string]: unknown }) {
  const person = test.user(key);
  applyEvent(test.db, { incidentId: incident.id, event: { ...event, by: { ...person, roles: person.roles } }, actor: person, now: new Date() });
}

const current = () => test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!;
const everySection = [...STAFF_ABUSE_SECTIONS].sort();
const removalOnly = ["content", "removal", "screenshots"];

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  incident = reportAbuseAs(test, "library-assistant", HATE_REPORT);
  await addScreenshot(test, incident, "library-assistant");
  act("library-assistant", { type: "RECORD_BLOCKING", steps: ["Blocked the account"] });
  act("libraries-manager", { type: "RECORD_SUPPORT", offered: SUPPORT_OFFERED });
  act("hr", { type: "RECORD_POLICE_REPORT", route: "101", reportedAt: new Date().toISOString(), crimeReference: CRIME_REFERENCE });
});

afterAll(() => {
  appDb().$client.close();
  test.close();
});

describe("the incident page and the evidence pack, role by role", () => {
  it.each([
    ["library-assistant", "the member of staff who reported it"],
    ["libraries-manager", "their line manager"],
    ["head-community", "their manager's manager"],
    ["hr", "HR and safety"],
  ])("give %s (%s) every section", async (key) => {
    const { status, page } = await pageFor(key);
    expect(status).toBe(200);
    expect(sectionsSent(page)).toEqual(everySection);
    expect(page.context.impact.impact).toBe(HATE_REPORT.impact);
    expect(page.context.kind.protectedCharacteristics).toEqual(["religion"]);
    expect(page.steps.map((step: { id: string }) => step.id)).toEqual(["open.blocking", "open.police", "open.support", "open.removal", "readyToClose", "closed"]);
    const pack = evidencePack(test.db, current(), test.user(key));
    expect(pack.files).toHaveLength(1);
    expect(pack.timeline.map((event) => event.label)).toContain("Reported to the police");
  });

  it.each([
    ["dir-people", "a manager three levels up"],
    ["ceo", "the Chief Executive, four levels up"],
    ["comms1", "Communications, not yet asked to help"],
    ["hub-officer", "a colleague"],
  ])("give %s (%s) the 404 of an incident that does not exist, for the page, the pack and the evidence list", async (key) => {
    expect((await pageFor(key)).status).toBe(404);
    const params = { reference: incident.reference };
    await expect(packPdfLoader({ request: await request(key, `/incidents/${incident.reference}/evidence-pack.pdf`), params, context: {} })).rejects.toMatchObject({ status: 404 });
    await expect(evidenceListLoader({ request: await request(key, `/incidents/${incident.reference}/evidence`), params, context: {} })).rejects.toMatchObject({ status: 404 });
  });

  it("gives Communications, once asked to help with removal, what was posted, the screenshots and the removal only", async () => {
    act("library-assistant", { type: "ASK_COMMUNICATIONS_HELP" });
    const { status, page } = await pageFor("comms1");
    expect(status).toBe(200);
    expect(sectionsSent(page)).toEqual(removalOnly);
    expect(page.context.content).toMatchObject({ platform: HATE_REPORT.platform, link: HATE_REPORT.link, perpetrator: HATE_REPORT.perpetrator, whatHappened: HATE_REPORT.whatHappened });
    expect(page.steps.map((step: { id: string }) => step.id)).toEqual(["open.removal", "readyToClose", "closed"]);
    // Only the removal's deadlines: the police reminder is not theirs to see.
    expect(page.deadlines).toEqual([]);
    expect(page.evidence).toHaveLength(1);
    expect(page.allowedEvents).toEqual(["REQUEST_REMOVAL", "NO_REMOVAL_NEEDED"]);
    // The timeline keeps every event's place, but not what a hidden one was or who did it.
    const labels = page.timeline.map((entry: { label: string }) => entry.label);
    expect(labels).toContain("Communications asked to help with removal");
    expect(labels.filter((label: string) => label === "A private step of the report (not shown to you)")).toHaveLength(3);
    const sent = JSON.stringify(page);
    for (const hidden of HIDDEN_FROM_COMMUNICATIONS) expect(sent, hidden).not.toContain(hidden);

    const pack = evidencePack(test.db, current(), test.user("comms1"));
    expect(pack.files).toHaveLength(1);
    expect(pack.incident.currentStep).toBe("Get the content removed");
    expect(pack.timeline).toHaveLength(current().version);
    expect(JSON.stringify(pack)).not.toContain("Reported to the police");
    expect(JSON.stringify(pack)).not.toContain("Support offered");
  });

  it("tells each person the work awaited that they may see: their own, and whom the rest waits for, in words", async () => {
    const byKey = (page: any) => Object.fromEntries(page.work.map((piece: { key: string; assignees: string[] }) => [piece.key, { ...piece, assignees: [...piece.assignees].sort() }]));
    const removal = { description: "Ask the platform to remove the content, or record why not", assignees: ["Communications team", "Jo Lee (who reported it)"], dueAt: null, overdue: false };
    // Communications see only the removal's work, which is theirs once asked to help.
    const communications = byKey((await pageFor("comms1")).page);
    expect(Object.keys(communications)).toEqual(["removal"]);
    expect(communications.removal).toMatchObject({ ...removal, mine: true });
    // The line manager's own work is the wellbeing follow-up; the removal waits for others.
    const manager = byKey((await pageFor("libraries-manager")).page);
    expect(manager.removal).toMatchObject({ ...removal, mine: false });
    expect(manager.wellbeing).toMatchObject({ mine: true, assignees: expect.arrayContaining(["HR and safety", "Owen Price (line manager)", "Helen Ward (senior manager)"]) });
    expect(manager.wellbeing.dueAt).not.toBeNull();
  });

  it("still gives a colleague the 404 after Communications were asked", async () => {
    expect((await pageFor("hub-officer")).status).toBe(404);
  });

  it("tells Communications, acting from a page out of date, what changed since only as far as they may know", async () => {
    const form = new URLSearchParams({ intent: "REQUEST_REMOVAL", version: "1", requestedAt: toOrganisationLocalInput(new Date(Date.now() - 60_000)) });
    const response = await incidentAction({
      request: await request("comms1", `/incidents/${incident.reference}`, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      params: { reference: incident.reference },
      context: {},
    });
    expect(response.status).toBe(409);
    const { problem } = await response.json();
    const changes: Array<{ label: string; actorName: string | null }> = problem?.changes ?? [];
    expect(changes.map((change) => change.label)).toContain("Communications asked to help with removal");
    expect(changes.filter((change) => change.label === "A private step of the report (not shown to you)")).toHaveLength(3);
    const told = JSON.stringify(problem);
    for (const hidden of [...HIDDEN_FROM_COMMUNICATIONS, "RECORD_POLICE_REPORT", test.person("hr").name]) expect(told, hidden).not.toContain(hidden);
  });
});

describe("how far up the management chain abuse reports are read", () => {
  const visibleTo = (key: string) => canViewIncident(test.db, test.user(key), current());
  const inList = (key: string) => referencesVisibleInSql(test.db, test.user(key)).includes(incident.reference);

  it("changes who reads every report at once, on the page and in the list alike", async () => {
    setAbuseSettings(test.db, { ...abuseSettings(test.db), chainLevels: 4 });
    for (const key of ["dir-people", "ceo"]) {
      expect([visibleTo(key), inList(key)], key).toEqual([true, true]);
      expect(sectionsSent((await pageFor(key)).page)).toEqual(everySection);
    }
    setAbuseSettings(test.db, { ...abuseSettings(test.db), chainLevels: 1 });
    for (const key of ["head-community", "dir-people", "ceo"]) expect([visibleTo(key), inList(key)], key).toEqual([false, false]);
    expect([visibleTo("libraries-manager"), inList("libraries-manager")]).toEqual([true, true]);
    expect((await pageFor("head-community")).status).toBe(404);
    setAbuseSettings(test.db, { ...abuseSettings(test.db), chainLevels: 2 });
    expect([visibleTo("head-community"), visibleTo("dir-people")]).toEqual([true, false]);
  });

  it("is set by an administrator, with a clear error for anything but a whole number from 1 to 10", async () => {
    const post = async (chainLevels: string) => {
      const form = new URLSearchParams({ section: "staff_abuse", wellbeingFollowUpDays: "7", policeReminderHours: "24", chainLevels });
      return settingsAction({ request: await request("admin", "/admin/settings", { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params: {}, context: {} });
    };
    for (const bad of ["0", "11", "2.5", "two", ""]) {
      const answer = await post(bad);
      expect(answer.status, bad).toBe(400);
      expect(JSON.stringify(await answer.json()), bad).toContain("Enter how many levels of managers can read abuse reports");
      expect(abuseSettings(test.db).chainLevels).toBe(2);
    }
    const saved = await post("3");
    expect(saved.status).toBe(302);
    expect(abuseSettings(test.db).chainLevels).toBe(3);
    expect([visibleTo("dir-people"), inList("dir-people"), visibleTo("ceo")]).toEqual([true, true, false]);
  });
});

describe("the emails of the abuse report", () => {
  it("store no kind of abuse, protected characteristic, impact or words of a step in their outbox rows", () => {
    const rows = test.db.select({ template: outbox.template, data: outbox.data }).from(outbox).where(eq(outbox.incidentId, incident.id)).all();
    expect(rows.map((row) => row.template)).toEqual(expect.arrayContaining(["abuse-reported-manager", "abuse-reported-hr", "abuse-support-recorded", "abuse-removal-help"]));
    for (const row of rows) {
      const stored = JSON.stringify(row.data);
      for (const secret of [HATE_REPORT.impact, HATE_REPORT.whatHappened, HATE_REPORT.perpetrator!, '"hate"', '"threat"', "religion", '"kinds"', SUPPORT_OFFERED, CRIME_REFERENCE]) {
        expect(stored, `${row.template}: ${secret}`).not.toContain(secret);
      }
    }
  });
});

describe("the dashboard, role by role", () => {
  // A month on, every step still awaited is late: the wellbeing follow-up and the removal of Jo
  // Lee's report; the support and police steps of a second report, by a Communications officer.
  const later = new Date(Date.now() + 30 * 24 * 60 * 60_000);
  let second: Incident;

  beforeAll(() => {
    setAbuseSettings(test.db, { ...abuseSettings(test.db), chainLevels: 2 });
    act("comms1", { type: "REQUEST_REMOVAL", requestedAt: new Date().toISOString() });
    second = reportAbuseAs(test, "comms2", { ...SAMPLE_ABUSE_REPORT, kinds: ["harassment"] });
    const reporter = test.user("comms2");
    applyEvent(test.db, { incidentId: second.id, event: { type: "ASK_COMMUNICATIONS_HELP", by: reporter }, actor: reporter, now: new Date() });
  });

  const dashboardOf = (key: string) => getDashboard(test.db, test.user(key), later);
  const lateSteps = (key: string) => dashboardOf(key).overdue.map((row) => `${row.reference}: ${row.description}`).sort();
  /** Each kind of abuse counted, over the six months. */
  const kindTotals = (key: string) => {
    const totals: Record<string, number> = {};
    for (const month of abuseCounts(test.db, test.user(key), later).byKind.months) for (const [kind, count] of Object.entries(month.counts)) if (count > 0) totals[kind] = (totals[kind] ?? 0) + count;
    return totals;
  };
  const step = (report: Incident, description: string) => `${report.reference}: ${description}`;
  const removal = () => step(incident, "The platform's answer to the removal request");
  const secondReportSteps = () => [step(second, "Dan Okafor to record the support offered"), step(second, "A police report, or the reason not to make one, to be recorded")];

  it("gives Communications helping with removal no kind of abuse and only the removal's late step", () => {
    expect(kindTotals("comms1")).toEqual({});
    expect(abuseCounts(test.db, test.user("comms1"), later).byPlatform.months.reduce((sum, month) => sum + (month.counts[SAMPLE_ABUSE_REPORT.platform] ?? 0), 0)).toBe(2);
    expect(lateSteps("comms1")).toEqual([removal()]);
  });

  it("marks a report overdue in the list and its filter only for late work the viewer may know of", () => {
    const overdueIn = (key: string, overdueOnly: boolean) =>
      searchIncidents(test.db, test.user(key), parseFilters(new URLSearchParams(overdueOnly ? "overdue=1" : "")), 1, later)
        .rows.filter((row) => row.overdue)
        .map((row) => row.reference)
        .sort();
    // Only the second report's support and police steps are late, and Communications helping do not know of them.
    for (const overdueOnly of [false, true]) {
      expect(overdueIn("comms1", overdueOnly), "comms1").toEqual([incident.reference]);
      expect(overdueIn("hr", overdueOnly), "hr").toEqual([incident.reference, second.reference].sort());
    }
    expect(searchIncidents(test.db, test.user("comms1"), parseFilters(new URLSearchParams("overdue=1")), 1, later).total).toBe(1);
  });

  it("gives a line manager who is also in Communications every section of their own team's report", () => {
    // Dan Okafor manages the second reporter and is in Communications: helping on Jo Lee's report.
    expect(kindTotals("headcomms")).toEqual({ harassment: 1 });
    expect(lateSteps("headcomms")).toEqual([removal(), ...secondReportSteps()].sort());
    // The next level up, a leader with no other reason to read it, sees all of it too; the Chief Executive, out of reach, nothing.
    expect(kindTotals("ad")).toEqual({ harassment: 1 });
    expect(lateSteps("ad")).toEqual(secondReportSteps().sort());
    expect([kindTotals("ceo"), lateSteps("ceo")]).toEqual([{}, []]);
  });

  it("gives HR and safety and Jo Lee's managers the kinds and every late step", () => {
    expect(kindTotals("hr")).toEqual({ hate: 1, threat: 1, harassment: 1 });
    expect(lateSteps("hr")).toEqual([removal(), step(incident, "Owen Price to follow up on Jo Lee's wellbeing"), ...secondReportSteps()].sort());
    for (const key of ["libraries-manager", "head-community"]) {
      expect(kindTotals(key), key).toEqual({ hate: 1, threat: 1 });
      expect(lateSteps(key), key).toEqual([removal(), step(incident, "Owen Price to follow up on Jo Lee's wellbeing")].sort());
    }
  });

  it.each(DEMO_PEOPLE.map((person) => person.key))("shows %s what the incident page would, from the SQL alone", (key) => {
    const user = test.user(key);
    const readable = test.db.select().from(incidents).all().filter((each) => canViewIncident(test.db, user, each));
    const fromPages = readable.flatMap((each) => {
      const view = recordViewFor(test.db, user, each);
      return openDeadlinesOf(test.db, each.id).filter((deadline) => deadline.dueAt < later.toISOString() && view.showsDeadline(deadline.key)).map((deadline) => step(each, deadline.description));
    });
    expect(lateSteps(key)).toEqual(fromPages.sort());
    const kinds = readable.flatMap((each) => (each.kind === "staff_abuse" ? ((recordViewFor(test.db, user, each).context as StaffAbuseView).kind?.kinds ?? []) : []));
    expect(kindTotals(key)).toEqual(Object.fromEntries([...new Set(kinds)].map((kind) => [kind, kinds.filter((each) => each === kind).length])));
  });
});
