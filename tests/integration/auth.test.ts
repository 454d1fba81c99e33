import { createHash } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitSessionCookie,
  endSession,
  getUser,
  hashPassword,
  MAX_FAILED_SIGN_INS,
  MAX_FAILED_SIGN_INS_PER_CLIENT,
  SESSION_IDLE_MS,
  signIn,
  SIGN_IN_WINDOW_MS,
  userForSessionToken,
} from "../../app/utils/auth.server";
import { getPerson, updatePerson } from "../../app/models/people.server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const PASSWORD = "correct horse battery staple";
const NOW = new Date("2026-11-20T09:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let test: TestDatabase;

beforeAll(async () => {
  test = createTestDatabase({ now: NOW, passwordHash: await hashPassword(PASSWORD) });
});
afterAll(() => test.close());

/** What the person form holds for someone now, to save unchanged. */
function personDetails(id: number) {
  const person = getPerson(test.db, id);
  if (!person) throw new Error(`No person ${id}`);
  const { id: _id, ...details } = person;
  return details;
}

async function signedInToken(email: string, at = NOW) {
  const result = await signIn(test.db, { email, password: PASSWORD }, at);
  if (!result.ok) throw new Error(`Could not sign in: ${result.reason}`);
  return result.token;
}

describe("signing in", () => {
  it("accepts the right password, whatever the case of the email, and knows the person and their roles", async () => {
    const token = await signedInToken("  Ellie.Marsh@Eastbridge.gov.uk ");
    expect(userForSessionToken(test.db, token, NOW)).toMatchObject({
      name: "Ellie Marsh",
      roles: expect.arrayContaining(["staff", "communications"]),
    });
  });

  it("refuses a wrong password and an unknown account with the same answer", async () => {
    expect(await signIn(test.db, { email: "sam.patel@eastbridge.gov.uk", password: "wrong" }, NOW)).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(test.db, { email: "nobody@eastbridge.gov.uk", password: PASSWORD }, NOW)).toEqual({ ok: false, reason: "invalid" });
  });

  it("pauses an account after repeated failures, even for the right password, and only that account", async () => {
    const email = "chris.doyle@eastbridge.gov.uk";
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt += 1) {
      await signIn(test.db, { email, password: `guess ${attempt}` }, later(attempt * 1000));
    }
    expect(await signIn(test.db, { email, password: PASSWORD }, later(10_000))).toEqual({
      ok: false,
      reason: "locked",
      retryAfterMinutes: 15,
    });
    expect((await signIn(test.db, { email: "liam.turner@eastbridge.gov.uk", password: PASSWORD }, later(10_000))).ok).toBe(true);
    expect((await signIn(test.db, { email, password: PASSWORD }, later(SIGN_IN_WINDOW_MS + 5_000))).ok).toBe(true);
  });
});

describe("one client guessing over many accounts", () => {
  it("is stopped after MAX_FAILED_SIGN_INS_PER_CLIENT failures, though no account reached its own limit; other clients are not", async () => {
    const sprayer = "203.0.113.7";
    const accounts = ["jo.lee", "owen.price", "ben.carter", "marcus.bell", "ellie.marsh", "sam.patel", "grace.murphy"].map(
      (name) => `${name}@eastbridge.gov.uk`,
    );
    const start = later(60 * 60_000);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS_PER_CLIENT; attempt += 1) {
      const email = accounts[attempt % accounts.length];
      const result = await signIn(test.db, { email, password: `guess ${attempt}` }, new Date(start.getTime() + attempt * 1000), sprayer);
      expect(result).toEqual({ ok: false, reason: "invalid" });
    }
    const after = new Date(start.getTime() + 60_000);
    // Every account refused from that client, even with the right password...
    expect(await signIn(test.db, { email: "dan.okafor@eastbridge.gov.uk", password: PASSWORD }, after, sprayer)).toEqual({
      ok: false,
      reason: "client-limited",
      retryAfterMinutes: 14,
    });
    // ...while the people themselves, from their own connections, still sign in.
    expect((await signIn(test.db, { email: "jo.lee@eastbridge.gov.uk", password: PASSWORD }, after, "198.51.100.20")).ok).toBe(true);
    // And the client is free again once its failures leave the window.
    const free = new Date(start.getTime() + SIGN_IN_WINDOW_MS + MAX_FAILED_SIGN_INS_PER_CLIENT * 1000);
    expect((await signIn(test.db, { email: "dan.okafor@eastbridge.gov.uk", password: PASSWORD }, free, sprayer)).ok).toBe(true);
    // Each wrong guess is a real argon2 check, about a second apiece on a busy machine.
  }, 120_000);
});

describe("sessions", () => {
  it("end after 30 minutes without activity", async () => {
    const token = await signedInToken("jo.lee@eastbridge.gov.uk");
    expect(userForSessionToken(test.db, token, later(SESSION_IDLE_MS - 60_000))).not.toBeNull();
    // Activity at 29 minutes moves the idle limit on.
    expect(userForSessionToken(test.db, token, later(2 * SESSION_IDLE_MS - 120_000))).not.toBeNull();
    expect(userForSessionToken(test.db, token, later(3 * SESSION_IDLE_MS))).toBeNull();
    // Once ended, the session does not come back.
    expect(userForSessionToken(test.db, token, later(SESSION_IDLE_MS - 120_000))).toBeNull();
  });

  it("end 12 hours after sign-in however active the person is", async () => {
    const token = await signedInToken("owen.price@eastbridge.gov.uk");
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(userForSessionToken(test.db, token, later(minutes * 60_000))).not.toBeNull();
    }
    expect(userForSessionToken(test.db, token, later(12 * 60 * 60_000))).toBeNull();
  });

  it("all end when an administrator sets a new password, except the administrator's own when they set their own", async () => {
    const onPhone = await signedInToken("grace.murphy@eastbridge.gov.uk");
    const onDesktop = await signedInToken("grace.murphy@eastbridge.gov.uk");
    const grace = test.person("dir-place");
    const details = personDetails(grace.id);
    expect(updatePerson(test.db, grace.id, details).ok).toBe(true);
    expect(userForSessionToken(test.db, onPhone, NOW)).not.toBeNull();
    expect(updatePerson(test.db, grace.id, details, await hashPassword("a new password for Grace")).ok).toBe(true);
    expect(userForSessionToken(test.db, onPhone, NOW)).toBeNull();
    expect(userForSessionToken(test.db, onDesktop, NOW)).toBeNull();

    const admin = test.person("admin");
    const adminHere = await signedInToken("alex.morgan@eastbridge.gov.uk");
    const adminElsewhere = await signedInToken("alex.morgan@eastbridge.gov.uk");
    const keep = createHash("sha256").update(adminHere).digest("hex");
    expect(updatePerson(test.db, admin.id, personDetails(admin.id), await hashPassword(PASSWORD), keep).ok).toBe(true);
    expect(userForSessionToken(test.db, adminHere, NOW)).not.toBeNull();
    expect(userForSessionToken(test.db, adminElsewhere, NOW)).toBeNull();
  });

  it("end on the server at sign-out", async () => {
    const token = await signedInToken("dan.okafor@eastbridge.gov.uk");
    endSession(test.db, token);
    expect(userForSessionToken(test.db, token, NOW)).toBeNull();
  });
});

describe("the session cookie", () => {
  it("has its signature checked once per Cookie header, and its session on every request", async () => {
    process.env.DATABASE_PATH = test.path;
    process.env.SESSION_SECRET = "s".repeat(32);
    const token = await signedInToken("priya.shah@eastbridge.gov.uk", new Date());
    const cookie = (await commitSessionCookie(token)).split(";")[0];
    const page = (cookieHeader: string) => new Request("http://localhost/incidents", { headers: { Cookie: cookieHeader } });
    expect((await getUser(page(cookie)))?.email).toBe("priya.shah@eastbridge.gov.uk");
    expect((await getUser(page(cookie)))?.email).toBe("priya.shah@eastbridge.gov.uk");

    // The same token signed with another secret is refused, though its genuine cookie was seen.
    const forged = (await createCookie("holdfast_session", { secrets: ["not the server's secret"] }).serialize(token)).split(";")[0];
    expect(forged).not.toBe(cookie);
    expect(await getUser(page(forged))).toBeNull();
    expect(await getUser(page("holdfast_session=nonsense"))).toBeNull();

    // A cookie already checked does not outlive its session.
    endSession(test.db, token);
    expect(await getUser(page(cookie))).toBeNull();
  });
});
