import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import argon2 from "argon2";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { people, personRoles, sessions, signInAttempts, type Role } from "../../db/schema";
import { db } from "./db.server";
import { preparedPerDatabase } from "../../db/prepared";
import { env } from "./env.server";

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** Failed sign-ins allowed per account in the window before the account is paused. */
export const MAX_FAILED_SIGN_INS = 5;
/**
 * Failed sign-ins allowed from one client address in the window, whichever accounts they name:
 * enough for an office behind one address to mistype, far too few to spray passwords.
 */
export const MAX_FAILED_SIGN_INS_PER_CLIENT = 20;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** lastSeenAt is written at most this often, so reading a page is not a write every time. */
const TOUCH_EVERY_MS = 60_000;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Checked when the email is unknown, so an unknown address takes as long as a wrong password.
const unknownAccountHash = hashPassword(randomBytes(16).toString("hex"));

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface CurrentUser {
  id: number;
  name: string;
  email: string;
  jobTitle: string;
  roles: Role[];
}

export type SignInResult =
  | { ok: true; token: string; personId: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked" | "client-limited"; retryAfterMinutes: number };

/** Failed attempts in the window, for one account or from one client address. */
function failedAttemptsSince(database: Db, who: { email: string } | { client: string }, since: Date) {
  return database
    .select({ count: sql<number>`count(*)`, oldest: sql<string | null>`min(${signInAttempts.at})` })
    .from(signInAttempts)
    .where(
      and(
        "email" in who ? eq(signInAttempts.email, who.email) : eq(signInAttempts.client, who.client),
        eq(signInAttempts.succeeded, false),
        gte(signInAttempts.at, since.toISOString()),
      ),
    )
    .get() ?? { count: 0, oldest: null };
}

/** Whole minutes until the oldest counted failure leaves the window, when there are too many. */
function minutesUntilFree(failures: { count: number; oldest: string | null }, limit: number, now: Date): number | null {
  if (failures.count < limit || !failures.oldest) return null;
  const freeAt = Date.parse(failures.oldest) + SIGN_IN_WINDOW_MS;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
}

/**
 * Checks an email and password. After MAX_FAILED_SIGN_INS failures within SIGN_IN_WINDOW_MS the
 * account refuses every attempt (even a right one) until the oldest failure leaves the window;
 * after MAX_FAILED_SIGN_INS_PER_CLIENT failures from one client address, so does every account
 * tried from there, so a client cannot spray a few guesses over many accounts.
 */
export async function signIn(
  database: Db,
  credentials: { email: string; password: string },
  now: Date,
  client = "",
): Promise<SignInResult> {
  const email = normaliseEmail(credentials.email);
  const windowStart = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const accountWait = minutesUntilFree(failedAttemptsSince(database, { email }, windowStart), MAX_FAILED_SIGN_INS, now);
  if (accountWait !== null) return { ok: false, reason: "locked", retryAfterMinutes: accountWait };
  const clientWait = client
    ? minutesUntilFree(failedAttemptsSince(database, { client }, windowStart), MAX_FAILED_SIGN_INS_PER_CLIENT, now)
    : null;
  if (clientWait !== null) return { ok: false, reason: "client-limited", retryAfterMinutes: clientWait };
  const person = database
    .select({ id: people.id, passwordHash: people.passwordHash, active: people.active })
    .from(people)
    .where(eq(people.email, email))
    .get();
  const hash = person?.passwordHash ?? (await unknownAccountHash);
  const passwordMatches = await argon2.verify(hash, credentials.password);
  const succeeded = Boolean(person?.active && person.passwordHash && passwordMatches);
  database.insert(signInAttempts).values({ email, at: now.toISOString(), succeeded, client }).run();
  if (!succeeded || !person) return { ok: false, reason: "invalid" };

  const token = randomBytes(32).toString("base64url");
  database
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      personId: person.id,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString(),
    })
    .run();
  return { ok: true, token, personId: person.id };
}

// Every signed-in request runs this: compiled once per connection, not once per request.
const sessionLookup = preparedPerDatabase((database) =>
  database
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      jobTitle: people.jobTitle,
      active: people.active,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      roles: sql<string | null>`(select group_concat(${personRoles.role}) from ${personRoles} where ${personRoles.personId} = ${people.id})`,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare(),
);

/** The person a session token belongs to, or null when it is unknown, expired or idle too long. */
export function userForSessionToken(database: Db, token: string, now: Date): CurrentUser | null {
  return userForTokenHash(database, sha256(token), now);
}

function userForTokenHash(database: Db, tokenHash: string, now: Date): CurrentUser | null {
  const row = sessionLookup(database).get({ tokenHash });
  if (!row) return null;
  const nowMs = now.getTime();
  const expired = Date.parse(row.expiresAt) <= nowMs || Date.parse(row.lastSeenAt) + SESSION_IDLE_MS <= nowMs;
  if (expired || !row.active) {
    deleteSession(database, tokenHash);
    return null;
  }
  if (nowMs - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) {
    database.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.tokenHash, tokenHash)).run();
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    jobTitle: row.jobTitle,
    roles: (row.roles?.split(",") ?? []) as Role[],
  };
}

function deleteSession(database: Db, tokenHash: string) {
  database.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function endSession(database: Db, token: string) {
  deleteSession(database, sha256(token));
}

let sessionCookie: ReturnType<typeof createCookie> | undefined;

function cookie() {
  const production = env().NODE_ENV === "production";
  // In production the __Host- prefix makes the browser refuse the cookie unless it is Secure,
  // for the whole site and set by this host alone: no sibling subdomain can plant or shadow it.
  sessionCookie ??= createCookie(production ? "__Host-holdfast_session" : "holdfast_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: production,
    path: "/",
    secrets: [env().sessionSecret],
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
  return sessionCookie;
}

/** The hash of the token in the request's session cookie, whether or not the session is still valid. */
export async function sessionTokenHash(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const value = await cookie().parse(header);
  return typeof value === "string" ? sha256(value) : null;
}

export function commitSessionCookie(token: string): Promise<string> {
  return cookie().serialize(token);
}

export async function getUser(request: Request): Promise<CurrentUser | null> {
  const tokenHash = await sessionTokenHash(request);
  return tokenHash ? userForTokenHash(db(), tokenHash, new Date()) : null;
}

/** The signed-in person, or a redirect to sign in that brings them back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
}

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.roles.includes(role);
}

/** For pages only people in a role may see: everyone else gets 403. */
export async function requireRole(request: Request, role: Role): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!hasRole(user, role)) {
    throw new Response("You do not have permission to see this page.", { status: 403 });
  }
  return user;
}

/** For pages people in any of several roles may see: everyone else gets 403. */
export async function requireAnyRole(request: Request, roles: readonly Role[]): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!roles.some((role) => hasRole(user, role))) {
    throw new Response("You do not have permission to see this page.", { status: 403 });
  }
  return user;
}

/** Ends the session server-side and clears the cookie. */
export async function signOut(request: Request) {
  const tokenHash = await sessionTokenHash(request);
  if (tokenHash) deleteSession(db(), tokenHash);
  return redirect("/sign-in?signedOut=1", {
    headers: { "Set-Cookie": await cookie().serialize("", { maxAge: 0 }) },
  });
}

// Any origin will do as long as no path can name it: it only tells a same-site path from the rest.
const SAME_SITE_BASE = "http://holdfast.invalid";

/**
 * Where to go after signing in: a path on this site, as the browser would resolve it, or the
 * fallback. Resolving it first is what catches the tricks: a browser drops tabs and new lines
 * from "/\t/evil.test", leaving "//evil.test", another site. What comes back is the resolved
 * path, percent-encoded, so it is also always a valid Location header.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(target, SAME_SITE_BASE);
  } catch {
    return fallback;
  }
  // "/.//evil.test" resolves to the path "//evil.test", which a browser would read as another site.
  if (resolved.origin !== SAME_SITE_BASE || resolved.pathname.startsWith("//")) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
