import { createCookie } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commitSessionCookie,
  endSession,
  getUser,
  hashPassword,
  MAX_FAILED_SIGN_INS,
  SESSION_IDLE_MS,
  signIn,
  SIGN_IN_WINDOW_MS,
  userForSessionToken,
} from "../../app/utils/auth.server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const PASSWORD = "correct horse battery staple";
const NOW = new Date("2026-11-20T09:00:00.000Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);

let test: TestDatabase;

beforeAll(async () => {
  test = createTestDatabase({ now: NOW, passwordHash: await hashPassword(PASSWORD) });
});
afterAll(() => test.close());

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
