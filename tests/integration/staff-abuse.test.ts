import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as incidentLoader } from "../../app/routes/incidents.$reference";
import { loader as downloadEvidence } from "../../app/routes/incidents.$reference.evidence.$evidenceId";
import { loader as evidenceThumbnail } from "../../app/routes/incidents.$reference.evidence.$evidenceId.thumbnail";
import { hashPassword } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import { deadlines, evidenceFiles, outbox, type Incident } from "../../db/schema";
import { applyEvent } from "../../db/workflow";
import { fireDueDeadlines } from "../../app/workers/deadlines.server";
import { openDeadlinesOf } from "../../app/models/deadlines.server";
import { createTestDatabase, sessionCookieFor, type TestDatabase } from "../helpers/database";
import { addScreenshot, reportAbuseAs } from "../helpers/staff-abuse";

/**
 * A staff abuse report is personal, sometimes special-category, data. Each role is checked on
 * the incident page, the file download and the thumbnail: allowed people get them, everyone
 * else gets the same 404 as for an incident that does not exist.
 */

const PASSWORD = "abuse privacy test password";
let test: TestDatabase;
let incident: Incident;
let evidenceId: number;

const cookieFor = (key: string) => sessionCookieFor(test, key, PASSWORD);

/** What a loader answered, or the Response it threw (a 404, or the redirect to sign in). */
async function statusOf(call: () => Promise<Response> | Response): Promise<number> {
  try {
    return (await call()).status;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function statuses(key: string) {
  const cookie = await cookieFor(key);
  const reference = incident.reference;
  const request = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
  const params = { reference, evidenceId: String(evidenceId) };
  return {
    page: await statusOf(() => incidentLoader({ request: request(`/incidents/${reference}`), params: { reference }, context: {} })),
    file: await statusOf(() => downloadEvidence({ request: request(`/incidents/${reference}/evidence/${evidenceId}`), params, context: {} })),
    thumbnail: await statusOf(() => evidenceThumbnail({ request: request(`/incidents/${reference}/evidence/${evidenceId}/thumbnail`), params, context: {} })),
  };
}

const ALLOWED = { page: 200, file: 200, thumbnail: 200 };
const HIDDEN = { page: 404, file: 404, thumbnail: 404 };

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  // The routes use the app's own database connection, configured from the environment.
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  incident = reportAbuseAs(test, "parks-officer");
  evidenceId = await addScreenshot(test, incident, "parks-officer");
});
afterAll(() => {
  appDb().$client.close();
  test.close();
});

describe("reporting abuse", () => {
  it("tells the nearest line manager and HR and safety at once, and sets the support and police deadlines", () => {
    const emails = test.db.select({ template: outbox.template, recipient: outbox.recipient }).from(outbox).where(eq(outbox.incidentId, incident.id)).orderBy(asc(outbox.id)).all();
    expect(emails).toEqual([
      { template: "abuse-reported-manager", recipient: "liam.turner@eastbridge.gov.uk" },
      { template: "abuse-reported-hr", recipient: "nadia.hussain@eastbridge.gov.uk" },
    ]);
    const pending = test.db.select({ key: deadlines.key }).from(deadlines).where(and(eq(deadlines.incidentId, incident.id), eq(deadlines.status, "pending"))).all();
    expect(pending.map((deadline) => deadline.key).sort()).toEqual(["police", "support"]);
    expect(test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all()).toHaveLength(1);
  });
});

describe("who can see an abuse report, on every page and file link", () => {
  it("shows it to the reporter, their line manager and the next level up, and HR and safety", async () => {
    for (const key of ["parks-officer", "head-parks", "dir-place", "hr"]) expect(await statuses(key), key).toEqual(ALLOWED);
  });

  it("hides it from colleagues, other managers, managers beyond the line manager and the next level, Communications, leadership and administrators", async () => {
    for (const key of ["library-assistant", "libraries-manager", "ceo", "comms1", "headcomms", "ad", "leader", "admin"]) {
      expect(await statuses(key), key).toEqual(HIDDEN);
    }
  });

  it("lets Communications in only once the member of staff asks them to help with removal", async () => {
    const reporter = test.person("parks-officer");
    applyEvent(test.db, {
      incidentId: incident.id,
      event: { type: "ASK_COMMUNICATIONS_HELP", by: { ...reporter, roles: ["staff"] } },
      actor: reporter,
      now: new Date(),
    });
    expect(await statuses("comms1")).toEqual(ALLOWED);
    expect(await statuses("library-assistant")).toEqual(HIDDEN);
  });
});

describe("the deadlines of an abuse report", () => {
  it("tell HR when support is not recorded in time, and keep reminding about the police", () => {
    const report = reportAbuseAs(test, "library-assistant");
    const hours = (count: number) => new Date(Date.parse(report.createdAt) + count * 60 * 60_000);
    // Other reports in this database have deadlines too; only this report's effects are checked.
    for (const at of [5, 25, 49]) fireDueDeadlines(test.db, hours(at));
    const sent = test.db.select({ template: outbox.template, recipient: outbox.recipient }).from(outbox).where(eq(outbox.incidentId, report.id)).orderBy(asc(outbox.id)).all();
    expect(sent.filter((row) => row.template === "abuse-support-overdue").map((row) => row.recipient)).toEqual(["nadia.hussain@eastbridge.gov.uk"]);
    expect(sent.filter((row) => row.template === "abuse-police-reminder").map((row) => row.recipient).sort()).toEqual([
      "jo.lee@eastbridge.gov.uk",
      "jo.lee@eastbridge.gov.uk",
      "owen.price@eastbridge.gov.uk",
      "owen.price@eastbridge.gov.uk",
    ]);
    const police = test.db.select().from(deadlines).where(and(eq(deadlines.incidentId, report.id), eq(deadlines.key, "police"), eq(deadlines.status, "pending"))).get();
    expect(police?.dueAt).toBe(hours(73).toISOString());
    // Two police reminders have fired: the page shows the work once, late since the first.
    expect(openDeadlinesOf(test.db, report.id).map(({ description, dueAt }) => [description, dueAt])).toEqual([
      ["Owen Price to record the support offered", hours(4).toISOString()],
      ["A police report, or the reason not to make one, to be recorded", hours(24).toISOString()],
    ]);
  });
});
