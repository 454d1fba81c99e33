import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startWorkers } from "../../app/workers/index.server";
import { createMailer, deliverDueEmails, messageIdFor, type Mailer } from "../../app/workers/outbox.server";
import { outbox } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { queueEmails } from "../helpers/outbox";
import { startSmtpPeer, type SmtpPeer } from "../helpers/smtp";

const APP_URL = "http://holdfast.test";
const ROOT = join(import.meta.dirname, "../..");
/** Generous for a busy two-core machine: these wait for conditions, and only fail on a hang. */
const WAIT = { timeout: 60_000, interval: 50 };

let test: TestDatabase;
let smtp: SmtpPeer;
const mailers: Mailer[] = [];

beforeEach(async () => {
  test = createTestDatabase();
  smtp = await startSmtpPeer();
});
afterEach(async () => {
  mailers.splice(0).forEach((mailer) => mailer.close());
  await smtp.close();
  test.close();
});

function pooledMailer() {
  const mailer = createMailer({ smtpUrl: smtp.url, sinkDirectory: test.directory });
  mailers.push(mailer);
  return mailer;
}

const rows = () => test.db.select().from(outbox).orderBy(asc(outbox.id)).all();
const countByStatus = () => {
  const counts: Record<string, number> = {};
  for (const row of rows()) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
};

/**
 * Every row sent, and the server holds each row's message under its own Message-ID: at least once,
 * more than once only for sends given up at a stop (at most `repeatsAllowed` of them).
 */
function expectEachDeliveredUnderItsMessageId(repeatsAllowed: number) {
  const stored = rows();
  expect(stored.every((row) => row.status === "sent")).toBe(true);
  const expected = stored.map((row) => messageIdFor(row, "holdfast.test"));
  expect(stored.map((row) => row.messageId)).toEqual(expected);
  expect(new Set(smtp.messageIds)).toEqual(new Set(expected));
  expect(smtp.messageIds.length - expected.length).toBeLessThanOrEqual(repeatsAllowed);
}

function startWorkersWith(mailer: Mailer) {
  return startWorkers({ db: test.db, mailer, from: "holdfast@holdfast.test", appUrl: APP_URL, intervalMs: 60_000 });
}

describe("the outbox over a pool of connections", () => {
  it("sends several rows at once over a few connections, each once under its own Message-ID, every row marked sent", async () => {
    queueEmails(test, 250, new Date());
    // Answering after a moment keeps each connection busy long enough for the others to be used.
    smtp.answerAfter(20);
    const mailer = pooledMailer();
    expect(mailer.concurrency).toBe(5);
    const result = await deliverDueEmails(test.db, { send: mailer.send, concurrency: mailer.concurrency, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => new Date() });
    expect(result).toEqual({ sent: 250, failed: 0 });
    expect(smtp.messageIds).toHaveLength(250);
    expectEachDeliveredUnderItsMessageId(0);
    // 100 messages a connection at the most, so at least three; never more than five at once.
    expect(smtp.connections()).toBeGreaterThanOrEqual(3);
    expect(smtp.connections()).toBeLessThanOrEqual(10);
    expect(smtp.mostAtOnce()).toBeGreaterThan(1);
    expect(smtp.mostAtOnce()).toBeLessThanOrEqual(5);
  }, 60_000);
});

describe("stopping the workers", () => {
  it("claims nothing more and lets the emails being sent finish within the grace", async () => {
    queueEmails(test, 500, new Date());
    smtp.answerAfter(300);
    const workers = startWorkersWith(pooledMailer());
    await vi.waitFor(() => expect(smtp.messageIds.length).toBeGreaterThanOrEqual(10), WAIT);
    await workers.stop(60_000);

    const counts = countByStatus();
    expect(Object.keys(counts).sort()).toEqual(["pending", "sent"]);
    // Whatever the server took was finished and marked sent; nothing was handed back half-sent.
    expect(counts.sent).toBe(smtp.messageIds.length);
    expect(counts.sent + counts.pending).toBe(500);
    expect(rows().filter((row) => row.status === "pending").every((row) => row.attempts === 0 && row.claimedUntil === null)).toBe(true);
  }, 60_000);

  it("hands back as pending the emails a stuck server never answers, which the next start sends under the same Message-ID", async () => {
    queueEmails(test, 200, new Date());
    smtp.answerAfter(Infinity);
    const workers = startWorkersWith(pooledMailer());
    await vi.waitFor(() => expect(smtp.messageIds.length).toBe(5), WAIT);
    await workers.stop(100);
    expect(countByStatus()).toEqual({ pending: 200 });
    expect(rows().every((row) => row.attempts === 0 && row.claimedUntil === null)).toBe(true);

    smtp.answerAll();
    const mailer = pooledMailer();
    await deliverDueEmails(test.db, { send: mailer.send, concurrency: mailer.concurrency, from: "holdfast@holdfast.test", appUrl: APP_URL, now: () => new Date() });
    expectEachDeliveredUnderItsMessageId(5);
  }, 60_000);
});

/** The workers and an HTTP server in a child process, stopped by the same code as the app's server. */
function startWorkerServer() {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "tests/helpers/worker-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: test.path, SMTP_URL: smtp.url, APP_URL },
  });
  let output = "";
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      const port = /ready (\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`The worker server exited (${code}) before it was ready:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

async function stopWithSigterm(server: { child: ChildProcessWithoutNullStreams; exited: Promise<number | null> }) {
  const started = performance.now();
  server.child.kill("SIGTERM");
  const code = await server.exited;
  return { code, seconds: (performance.now() - started) / 1000 };
}

describe("SIGTERM", () => {
  let running: ReturnType<typeof startWorkerServer> | undefined;
  afterEach(() => {
    if (running?.child.exitCode === null) running.child.kill("SIGKILL");
  });

  it(
    "stops the server within 10 s with thousands of emails queued and a mail server slower than the grace, losing none; the next start delivers each once per Message-ID",
    async () => {
      const queued = 2_000;
      queueEmails(test, queued, new Date());
      // Slower than the grace: the emails under way at the stop must be handed back, not waited for.
      smtp.answerAfter(30_000);
      running = startWorkerServer();
      const port = await running.ready;
      await vi.waitFor(() => expect(smtp.messageIds.length).toBeGreaterThanOrEqual(5), WAIT);
      // A keep-alive connection left idle, and a request that never gets its answer.
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
      const hanging = fetch(`http://127.0.0.1:${port}/hang`).catch(() => "cut");
      await vi.waitFor(() => expect(running?.output()).toContain("hanging"), WAIT);

      const stopped = await stopWithSigterm(running);
      expect(stopped.code, running.output()).toBe(0);
      expect(stopped.seconds).toBeLessThan(10);
      expect(await hanging).toBe("cut");
      // Nothing left claimed (sending) and nothing lost or given up (failed).
      const { sent = 0, pending = 0, ...others } = countByStatus();
      expect(others).toEqual({});
      expect(sent + pending).toBe(queued);
      expect(pending).toBeGreaterThan(queued / 2);

      smtp.answerAll();
      running = startWorkerServer();
      await running.ready;
      await vi.waitFor(() => expect(countByStatus()).toEqual({ sent: queued }), { timeout: 150_000, interval: 200 });
      expect((await stopWithSigterm(running)).code).toBe(0);
      expectEachDeliveredUnderItsMessageId(5);
    },
    240_000,
  );
});
