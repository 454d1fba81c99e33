import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { createMailer, deliverDueEmails, MAX_ATTEMPTS, messageIdFor, type Mailer } from "../../app/workers/outbox.server";
import { outbox } from "../../db/schema";
import type { TestDatabase } from "../helpers/database";
import { startMailRig, stopMailRig } from "../helpers/mail-rig";
import type { SmtpPeer } from "../helpers/smtp";

const NOW = new Date("2026-11-20T16:55:00.000Z");
const APP_URL = "http://holdfast.test";

let test: TestDatabase;
let smtp: SmtpPeer;
let mailer: Mailer;

beforeEach(async () => {
  ({ test, smtp, mailer } = await startMailRig(NOW));
});
afterEach(() => stopMailRig({ test, smtp, mailer }));

function report() {
  return reportMistakenPost(
    test.db,
    test.person("library-assistant"),
    { platform: "X (Twitter)", account: "@EastbridgeCouncil", link: null, postedAt: NOW.toISOString(), whatHappened: "Wrong bin day posted." },
    NOW,
  );
}

const rows = () => test.db.select().from(outbox).orderBy(asc(outbox.id)).all();

describe("the outbox worker over real SMTP", () => {
  it("sends each queued email once, with a Message-ID derived from its row, and records it as sent", async () => {
    const incident = report();
    const { send } = mailer;
    const result = await deliverDueEmails(test.db, { send, from: "Holdfast <holdfast@holdfast.test>", appUrl: APP_URL, now: () => NOW });
    expect(result).toEqual({ sent: 4, failed: 0 });

    const [toManager, toCommunications] = smtp.received;
    expect(toManager.subject).toBe(`${incident.reference}: please acknowledge a post made by mistake`);
    expect(toManager.text).toContain("Owen Price, Jo Lee has reported a post made by mistake");
    expect(toManager.text).toContain(`${APP_URL}/incidents/${incident.reference}`);
    expect(toManager.html).toContain("Open and acknowledge");
    expect(toCommunications.subject).toBe(`${incident.reference}: a post was made by mistake on @EastbridgeCouncil`);

    const stored = rows();
    expect(stored.map((row) => row.status)).toEqual(["sent", "sent", "sent", "sent"]);
    expect(smtp.received.map((mail) => (mail.to as { text: string }).text)).toEqual(stored.map((row) => row.recipient));
    expect(smtp.received.map((mail) => mail.messageId)).toEqual(stored.map((row) => messageIdFor(row, "holdfast.test")));
    expect(stored[0].subject).toBe(toManager.subject);

    // A second pass has nothing to send.
    expect(await deliverDueEmails(test.db, { send, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => NOW })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(4);
  });

  it("retries a refused email with backoff, and gives up after the last attempt", async () => {
    report();
    const { send } = mailer;
    const options = (at: Date) => ({ send, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => at });

    smtp.refuse(1);
    expect(await deliverDueEmails(test.db, options(NOW))).toEqual({ sent: 3, failed: 1 });
    const [refused] = rows().filter((row) => row.status === "pending");
    expect(refused.attempts).toBe(1);
    expect(refused.lastError).toMatch(/Mailbox temporarily unavailable/);
    expect(refused.nextAttemptAt).toBe(new Date(NOW.getTime() + 30_000).toISOString());

    // Not retried before its time; sent once its time comes.
    expect(await deliverDueEmails(test.db, options(new Date(NOW.getTime() + 10_000)))).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDueEmails(test.db, options(new Date(NOW.getTime() + 31_000)))).toEqual({ sent: 1, failed: 0 });
    expect(rows().map((row) => row.status)).toEqual(["sent", "sent", "sent", "sent"]);

    // A row that keeps failing ends as failed, for an admin to see; the others are unaffected.
    report();
    let at = NOW.getTime();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      smtp.refuse(1);
      at += 2 * 60 * 60_000;
      await deliverDueEmails(test.db, options(new Date(at)));
    }
    expect(rows().slice(4).map((row) => [row.status, row.attempts])).toEqual([
      ["failed", MAX_ATTEMPTS],
      ["sent", 1],
      ["sent", 1],
      ["sent", 1],
    ]);
  });

  it("picks up a row left half-sent by a crashed worker once its claim runs out, with the same Message-ID", async () => {
    report();
    const [first] = rows();
    test.db.update(outbox).set({ status: "sending", attempts: 1, claimedUntil: new Date(NOW.getTime() + 60_000).toISOString() }).where(eq(outbox.id, first.id)).run();
    const { send } = mailer;
    expect(await deliverDueEmails(test.db, { send, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => NOW })).toEqual({ sent: 3, failed: 0 });
    const later = new Date(NOW.getTime() + 2 * 60_000);
    expect(await deliverDueEmails(test.db, { send, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => later })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received.map((mail) => mail.messageId)).toContain(messageIdFor(first, "holdfast.test"));
  });
});

describe("the SMTP pool", () => {
  it("sends as many emails at once as SMTP_URL's maxConnections, and a value that is not a whole number from 1 leaves the default", () => {
    const lanes = (query: string) => {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:1/${query}`, sinkDirectory: test.directory });
      mailer.close();
      return mailer.concurrency;
    };
    expect(lanes("")).toBe(5);
    expect(lanes("?maxConnections=2")).toBe(2);
    for (const wrong of ["many", "0", "-3", "2.5", ""]) expect(lanes(`?maxConnections=${wrong}`), wrong).toBe(5);
    expect(lanes("?pool=false")).toBe(1);
  });
});

describe("the embedded mail sink", () => {
  it("writes each message to a file named by its Message-ID, so sending a row again adds nothing", async () => {
    report();
    const sinkDirectory = join(test.directory, "mail");
    const { send } = createMailer({ sinkDirectory });
    await deliverDueEmails(test.db, { send, from: "holdfast@localhost", appUrl: APP_URL, now: () => NOW });
    const files = readdirSync(sinkDirectory);
    expect(files).toHaveLength(4);
    const mail = await simpleParser(readFileSync(join(sinkDirectory, files[0])));
    expect(mail.subject).toMatch(/please acknowledge|made by mistake/);

    // Force the same rows through again, as after a crash: the files are overwritten, not added.
    test.db.update(outbox).set({ status: "pending" }).run();
    await deliverDueEmails(test.db, { send, from: "holdfast@localhost", appUrl: APP_URL, now: () => NOW });
    expect(readdirSync(sinkDirectory)).toHaveLength(4);
  });
});
