import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAbuseDraft } from "../../app/paths/staff-abuse/report.server";
import { receiveEvidenceWithinLimit } from "../../app/models/evidence.server";
import { attachScreenshots } from "../../app/models/incidents.server";
import { LimitReachedError } from "../../app/models/limits.server";
import { sendMistakenPostReport, type MistakenPostReport } from "../../app/paths/mistaken-post/model.server";
import { action as screenshotsAction } from "../../app/paths/staff-abuse/routes/report.abuse.screenshots";
import { action as mistakenPostAction } from "../../app/paths/mistaken-post/routes/report.mistaken-post";
import { commitSessionCookie, hashPassword, signIn } from "../../app/utils/auth.server";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import { db as appDb } from "../../app/utils/db.server";
import { takeNotice } from "../../app/utils/notice.server";
import {
  DEFAULT_REPORTS_PER_MINUTE as REPORTS_PER_MINUTE,
  DEFAULT_UPLOADS_PER_MINUTE as UPLOADS_PER_MINUTE,
} from "../../app/utils/env.server";
import { channels, evidenceFiles, incidentFacets, incidents, recentActions } from "../../db/schema";
import { storedContext } from "../../db/workflow";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import type { MistakenPostContext } from "../../machines/mistaken-post";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";
import { reportAbuseAs } from "../helpers/staff-abuse";

const PASSWORD = "limits test password";
let test: TestDatabase;

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  // The routes use the app's own database connection and evidence folder, configured from the environment.
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
});
afterAll(() => {
  appDb().$client.close();
  test.close();
});

async function cookieFor(key: string): Promise<string> {
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
  const result = await signIn(test.db, { email: demoEmail(person), password: PASSWORD }, new Date());
  if (!result.ok) throw new Error(`Could not sign in as ${key}`);
  return (await commitSessionCookie(result.token)).split(";")[0];
}

/** The mistaken-post form as its schema gives it, with the key it was sent with. */
const report = (submissionKey: string): MistakenPostReport => ({
  channel: "other",
  platform: "Facebook",
  account: "@EastbridgeLibraries",
  postedAt: new Date("2026-11-20T08:00:00.000Z"),
  whatHappened: "The wrong opening hours were posted.",
  submissionKey,
});

/** The mistaken-post form's fields as the page sends them, with a new key. */
const formFields = (account: string, whatHappened: string) => ({
  channel: "other",
  platform: "Facebook",
  account,
  postedAt: toOrganisationLocalInput(new Date(Date.now() - 30 * 60_000)),
  whatHappened,
  submissionKey: randomUUID(),
});

/** The mistaken-post form posted by a signed-in browser, through the route's action. */
function postReportForm(cookie: string, fields: Record<string, string>) {
  const request = new Request("http://localhost/report/mistaken-post", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } });
  return mistakenPostAction({ request, params: {}, context: {} });
}

/** The confirmation a redirect carries to the next page. */
async function noticeOf(response: Response): Promise<string | null> {
  const cookie = (response.headers.get("Set-Cookie") ?? "").split(";")[0];
  return (await takeNotice(new Request("http://localhost/", { headers: { Cookie: cookie } }))).notice;
}

const reportsBy = (personId: number) => test.db.select().from(incidents).where(eq(incidents.reporterId, personId)).all();

/** Files as a browser sends them from a file input, with the form's other fields. */
function uploadRequest(url: string, files: number, fields: Record<string, string> = {}, cookie?: string): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (let index = 0; index < files; index += 1) {
    form.append("evidence", new File([new Uint8Array(makePng(4 + index, 4))], `shot-${index}.png`, { type: "image/png" }));
  }
  return new Request(url, { method: "POST", body: form, headers: cookie ? { Cookie: cookie } : {} });
}

describe("a report form sent twice", () => {
  it("opens one incident, and the second send goes to the same incident", async () => {
    const cookie = await cookieFor("comms1");
    const reporter = test.person("comms1");
    const fields = formFields("@EastbridgeEvents", "The fireworks post went out a day early.");
    const first = await postReportForm(cookie, fields);
    const second = await postReportForm(cookie, fields);
    expect(first.status).toBe(302);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    const opened = reportsBy(reporter.id);
    expect(opened).toHaveLength(1);
    expect(first.headers.get("Location")).toBe(`/incidents/${opened[0].reference}`);
    // The person is told which: a form brought back and filled in again must not pass for a new report.
    expect(await noticeOf(first)).toBe(`Your report ${opened[0].reference} has been sent. Dan Okafor has been asked to acknowledge it, and the Communications team have been emailed.`);
    expect(await noticeOf(second)).toBe(
      `This form was already sent, as report ${opened[0].reference}, so nothing new was sent. To report something else, start a new report.`,
    );
  });

  it("is refused without the key the page gives it, keeping what was typed", async () => {
    const { submissionKey: _left, ...fields } = formFields("@EastbridgeEvents", "Posted early by mistake.");
    const response = await postReportForm(await cookieFor("comms1"), fields);
    expect(response.status).toBe(400);
    const reply = await response.json();
    expect(reply.error?.submissionKey).toEqual(["This form is out of date. Send it again: your answers are still here"]);
    expect(reply.initialValue).toMatchObject({ account: "@EastbridgeEvents" });
  });
});

describe("the account that posted", () => {
  it("is chosen from the channel register and kept as a reference to it, named as the register names it", async () => {
    const channel = test.db.select().from(channels).where(eq(channels.handle, "@eastbridgecouncil")).get()!;
    const { platform: _platform, account: _account, ...fields } = formFields("", "A holiday story went to the council's account.");
    const response = await postReportForm(await cookieFor("comms1"), { ...fields, channel: String(channel.id) });
    expect(response.status).toBe(302);
    const incident = reportsBy(test.person("comms1").id).at(-1)!;
    expect((storedContext(incident) as MistakenPostContext).post).toMatchObject({ platform: "Instagram", account: "@eastbridgecouncil", channelId: channel.id });
    const facets = test.db.select().from(incidentFacets).where(eq(incidentFacets.incidentId, incident.id)).all();
    expect(facets.find((facet) => facet.name === "account")?.value).toBe("@eastbridgecouncil");
  });

  it("is chosen again, with nothing opened, when it has left the register since the form was shown", async () => {
    const channel = test.db.select().from(channels).where(eq(channels.handle, "@EastbridgeParks")).get()!;
    test.db.update(channels).set({ active: false }).where(eq(channels.id, channel.id)).run();
    try {
      const before = reportsBy(test.person("comms1").id).length;
      const { platform: _platform, account: _account, ...fields } = formFields("", "The park run post had the wrong date.");
      const response = await postReportForm(await cookieFor("comms1"), { ...fields, channel: String(channel.id) });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toEqual({ channel: ["Choose the account again: that one is no longer in the register"] });
      expect(reportsBy(test.person("comms1").id)).toHaveLength(before);
    } finally {
      test.db.update(channels).set({ active: true }).where(eq(channels.id, channel.id)).run();
    }
  });

  it("may be another account, written in with its platform, which then has no reference", async () => {
    const response = await postReportForm(await cookieFor("comms1"), formFields("@EastbridgeEvents", "The fireworks post went out a day early."));
    expect(response.status).toBe(302);
    const incident = reportsBy(test.person("comms1").id).at(-1)!;
    expect((storedContext(incident) as MistakenPostContext).post).toMatchObject({ platform: "Facebook", account: "@EastbridgeEvents", channelId: null });
  });

  it("needs the other account's platform and name when another account is chosen, and an account chosen at all", async () => {
    const cookie = await cookieFor("comms1");
    const before = reportsBy(test.person("comms1").id).length;
    const { platform: _platform, account: _account, ...fields } = formFields("", "Posted early by mistake.");
    const reply = await (await postReportForm(cookie, fields)).json();
    expect(reply.error).toMatchObject({ platform: ["Choose the platform of the other account"], account: ["Enter the name or handle of the other account"] });
    // Told with the other fields' errors, not only once those are put right.
    const together = await (await postReportForm(cookie, { ...fields, whatHappened: "Short" })).json();
    expect(Object.keys(together.error ?? {}).sort()).toEqual(["account", "platform", "whatHappened"]);
    const { channel: _channel, ...noChoice } = formFields("@EastbridgeEvents", "Posted early by mistake.");
    expect((await (await postReportForm(cookie, noChoice)).json()).error).toMatchObject({ channel: ["Choose the account that posted it"] });
    expect(reportsBy(test.person("comms1").id)).toHaveLength(before);
  });
});

describe("the limit on reports", () => {
  it(`opens ${REPORTS_PER_MINUTE} reports a minute, refuses the next with nothing written, and opens again a minute later`, () => {
    const reporter = test.person("library-assistant");
    const start = new Date("2026-11-20T09:00:00.000Z");
    const keys = Array.from({ length: REPORTS_PER_MINUTE }, () => randomUUID());
    keys.forEach((submissionKey, index) => {
      sendMistakenPostReport(test.db, reporter, report(submissionKey), new Date(start.getTime() + index * 5_000));
    });
    const late = new Date(start.getTime() + 59_000);
    expect(() => sendMistakenPostReport(test.db, reporter, report(randomUUID()), late)).toThrowError(
      new LimitReachedError(`You have sent ${REPORTS_PER_MINUTE} reports in the last minute. Wait a minute and try again.`),
    );
    expect(reportsBy(reporter.id)).toHaveLength(REPORTS_PER_MINUTE);
    // A form already sent is not a new report: its retry still finds its incident.
    expect(sendMistakenPostReport(test.db, reporter, report(keys[0]), late)).toMatchObject({ repeated: true });
    // Someone else is not held back by it.
    sendMistakenPostReport(test.db, test.person("hub-officer"), report(randomUUID()), late);
    // Once the first has left the minute, one more may be sent.
    const minuteLater = new Date(start.getTime() + 60_001);
    expect(sendMistakenPostReport(test.db, reporter, report(randomUUID()), minuteLater)).toMatchObject({ repeated: false });
    expect(() => sendMistakenPostReport(test.db, reporter, report(randomUUID()), minuteLater)).toThrowError(LimitReachedError);
    // Actions that have left the minute are forgotten as new ones are recorded.
    const kept = test.db.select().from(recentActions).where(eq(recentActions.personId, reporter.id)).all();
    expect(kept.every((row) => row.at > start.toISOString())).toBe(true);
  });

  it("answers 429 on the report form with the message in the error summary, keeping what was typed", async () => {
    const cookie = await cookieFor("parks-officer");
    const reporter = test.person("parks-officer");
    const send = () => postReportForm(cookie, formFields("@EastbridgeParks", "Posted the wrong closing time for the park."));
    for (let sent = 0; sent < REPORTS_PER_MINUTE; sent += 1) expect((await send()).status).toBe(302);
    const refused = await send();
    expect(refused.status).toBe(429);
    const reply = await refused.json();
    expect(reply.error?.[""]).toEqual([`You have sent ${REPORTS_PER_MINUTE} reports in the last minute. Wait a minute and try again.`]);
    expect(reply.initialValue).toMatchObject({ account: "@EastbridgeParks", whatHappened: "Posted the wrong closing time for the park." });
    expect(reportsBy(reporter.id)).toHaveLength(REPORTS_PER_MINUTE);
  });
});

describe("the limit on uploads", () => {
  it(`keeps ${UPLOADS_PER_MINUTE} files a minute, refusing the rest by name with the limit, and keeps them again a minute later`, async () => {
    const uploader = test.user("hr");
    const incident = reportAbuseAs(test, "hub-officer");
    const start = new Date("2026-11-21T09:00:00.000Z");
    const upload = async (files: number, now: Date) => {
      const received = await receiveEvidenceWithinLimit(test.db, uploadRequest("http://localhost/upload", files, { version: "1" }), uploader.id, { now });
      const current = test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!;
      attachScreenshots(test.db, { incident: current, expectedVersion: current.version, user: uploader, files: received.files, now });
      return received;
    };
    for (let batch = 0; batch < 2; batch += 1) expect((await upload(10, start)).limited).toBe(false);
    const partly = await upload(10, new Date(start.getTime() + 30_000));
    expect(partly.files).toHaveLength(UPLOADS_PER_MINUTE - 20);
    expect(partly.limited).toBe(false);
    const over = await upload(2, new Date(start.getTime() + 40_000));
    expect(over.limited).toBe(true);
    expect(over.files).toEqual([]);
    expect(over.refusals.map((refusal) => refusal.message)).toEqual([0, 1].map(
      (index) => `“shot-${index}.png” was not saved. You have uploaded ${UPLOADS_PER_MINUTE} files in the last minute. Wait a minute and try again.`,
    ));
    // The rest of the form still arrives whole.
    expect(over.fields.get("version")).toBe("1");
    expect(test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).all()).toHaveLength(UPLOADS_PER_MINUTE);
    const later = await upload(1, new Date(start.getTime() + 61_000));
    expect(later.files).toHaveLength(1);
  });

  it("answers 429 on the screenshots page with the files refused and the reason typed kept", async () => {
    const cookie = await cookieFor("comms2");
    const person = test.person("comms2");
    const send = (files: number, reason: string) =>
      screenshotsAction({
        request: uploadRequest("http://localhost/report/abuse/screenshots", files, { intent: "upload", noScreenshotReason: reason }, cookie),
        params: {},
        context: {},
      });
    for (let batch = 0; batch < UPLOADS_PER_MINUTE / 10; batch += 1) expect((await send(10, "")).status).toBe(302);
    const refused = await send(1, "It was a voice message.");
    expect(refused.status).toBe(429);
    const reply = await refused.json();
    expect(reply.error?.evidence).toEqual([
      `“shot-0.png” was not saved. You have uploaded ${UPLOADS_PER_MINUTE} files in the last minute. Wait a minute and try again.`,
    ]);
    const draft = loadAbuseDraft(test.db, person.id)?.data;
    expect(draft?.noScreenshotReason).toBe("It was a voice message.");
    expect(draft?.screenshots).toHaveLength(UPLOADS_PER_MINUTE);
  });
});
