import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { outbox, type OutboxRow } from "../../db/schema";
import { renderEmail } from "../../emails/index";
import { emailTemplateFor } from "../paths/registry";

/**
 * The outbox worker: sends the emails that state changes wrote to the outbox table. Requests
 * never talk to SMTP; they only add rows, in the same transaction as the change.
 */

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
}

/** Hands a message over; an abort of `signal` gives up on a hand-over still under way. */
export type SendMail = (message: OutgoingMessage, signal?: AbortSignal) => Promise<void>;

export interface Mailer {
  send: SendMail;
  /** How many messages may be handed over at once: the pool's connections (one for the sink). */
  concurrency: number;
  /** Closes the connections at once, cutting any hand-over still under way. */
  close(): void;
}

/** After this many failed attempts a row is marked failed and shown to admins. */
export const MAX_ATTEMPTS = 8;
/** How long a worker holds a row it is sending before another run may try it again. */
const CLAIM_MS = 5 * 60_000;

/** 30 s, 1 min, 2 min, ... capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 60 * 60_000);
}

/**
 * The Message-ID is derived from the row, so the same row always produces the same message:
 * a receiving server (and the mail sink, which names files by it) sees a repeat as a repeat.
 */
export function messageIdFor(row: Pick<OutboxRow, "id" | "createdAt">, domain: string): string {
  const created = row.createdAt.replace(/\D/g, "");
  return `<holdfast.outbox.${row.id}.${created}@${domain}>`;
}

const POOL_CONNECTIONS = 5;

/** maxConnections as SMTP_URL gives it; anything but a whole number from 1 is the default, not no email at all. */
function connectionsAsked(value: string | null): number {
  const asked = Number(value);
  return Number.isInteger(asked) && asked >= 1 ? asked : POOL_CONNECTIONS;
}

/**
 * SMTP when SMTP_URL is set; otherwise the embedded sink writes each message to a folder.
 * SMTP goes through a pool of connections, each carrying many messages: opening a connection
 * (and its TLS and login) per message is what held the outbox to a few emails a second.
 * SMTP_URL may set pool, maxConnections and maxMessages itself, as Nodemailer reads them.
 */
export function createMailer(options: { smtpUrl?: string; sinkDirectory: string }): Mailer {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    // Time-outs so a stuck server releases the worker long before its claim on the row runs out.
    const defaults = {
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      pool: "true",
      maxConnections: POOL_CONNECTIONS,
      maxMessages: 100,
    };
    for (const [name, value] of Object.entries(defaults)) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(value));
    }
    const pooled = url.searchParams.get("pool") === "true";
    const transport = nodemailer.createTransport(url.toString());
    return {
      async send(message, signal) {
        const info = await transport.sendMail({ ...message, signal });
        if (info.rejected.length > 0) throw new Error(`The mail server refused ${info.rejected.join(", ")}`);
      },
      // One message per connection at a time: more would only queue inside the pool.
      concurrency: pooled ? connectionsAsked(url.searchParams.get("maxConnections")) : 1,
      close: () => transport.close({ force: true }),
    };
  }
  const sink = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    async send(message) {
      const info = await sink.sendMail(message);
      mkdirSync(options.sinkDirectory, { recursive: true });
      writeFileSync(join(options.sinkDirectory, sinkFileName(message.messageId)), info.message as Buffer);
    },
    concurrency: 1,
    close: () => sink.close(),
  };
}

/** The sink's file for a message: one file per Message-ID, so a repeat overwrites, never adds. */
export function sinkFileName(messageId: string): string {
  return `${messageId.replace(/[<>]/g, "").replace(/[^A-Za-z0-9.-]/g, "_")}.eml`;
}

export interface DeliverOptions {
  send: SendMail;
  from: string;
  appUrl: string;
  now: () => Date;
  /** How many claimed rows are sent at once (default one, in order). */
  concurrency?: number;
  /** Once aborted, no further row is claimed; the rows already claimed are still sent. */
  stopClaiming?: AbortSignal;
  /**
   * Once aborted, the sends still under way are given up and their rows handed back as pending,
   * the attempt not counted: the next start sends them under the same Message-ID.
   */
  release?: AbortSignal;
}

/** Rows claimed per transaction for each message sent at once (see deliverDueEmails). */
const CLAIM_BATCH_PER_LANE = 4;

/** Takes up to `limit` due rows and marks them as being sent, oldest due first. */
function claimDue(db: Db, now: Date, limit: number): OutboxRow[] {
  const nowIso = now.toISOString();
  return db.transaction(
    (tx) => {
      const due = tx
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          or(
            and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, nowIso)),
            and(eq(outbox.status, "sending"), lte(outbox.claimedUntil, nowIso)),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(limit)
        .all()
        .map((row) => row.id);
      if (due.length === 0) return [];
      const claimed = tx
        .update(outbox)
        .set({ status: "sending", attempts: sql`${outbox.attempts} + 1`, claimedUntil: new Date(now.getTime() + CLAIM_MS).toISOString() })
        .where(inArray(outbox.id, due))
        .returning()
        .all();
      // In the order they fell due: RETURNING gives no order of its own.
      return claimed.sort((a, b) => due.indexOf(a.id) - due.indexOf(b.id));
    },
    { behavior: "immediate" },
  );
}

/**
 * Hands a claimed row back as pending, due as before and its attempt not counted: used for rows
 * given up at shutdown, not refused by the server.
 */
const releaseClaim = (db: Db, row: OutboxRow) =>
  db.update(outbox).set({ status: "pending", attempts: row.attempts - 1, claimedUntil: null }).where(eq(outbox.id, row.id)).run();

/**
 * Sends every due email, `concurrency` at a time. Returns how many were sent and how many failed;
 * rows handed back at shutdown count as neither.
 *
 * Each commit waits for the disk (synchronous=FULL), and one per row to claim it and one to mark
 * it took longer than the SMTP hand-over itself: rows are claimed a few per lane at a time, and
 * the marks of the sends that finish meanwhile are committed together on the next turn of the
 * event loop. A crash can then leave a few more rows claimed but sent, which go again under the
 * same Message-ID once their claim runs out (decision 4), and never a row marked sent unsent.
 */
export async function deliverDueEmails(db: Db, options: DeliverOptions) {
  const result = { sent: 0, failed: 0 };
  const domain = new URL(options.appUrl).hostname || "localhost";
  const lanes = Math.max(1, options.concurrency ?? 1);

  let batch: { writes: (() => void)[]; committed: Promise<void> } | null = null;
  /** Commits `write` with the others recorded in this turn; resolves once it is committed. */
  function record(write: () => void): Promise<void> {
    if (!batch) {
      const writes: (() => void)[] = [];
      const committed = new Promise((resolve) => setImmediate(resolve)).then(() => {
        batch = null;
        db.transaction(() => writes.forEach((each) => each()), { behavior: "immediate" });
      });
      batch = { writes, committed };
    }
    batch.writes.push(write);
    return batch.committed;
  }

  async function deliver(row: OutboxRow) {
    const messageId = messageIdFor(row, domain);
    let subject: string;
    try {
      const data = row.data as Record<string, unknown>;
      const email = await renderEmail(emailTemplateFor(row.template), {
        ...data,
        incidentUrl: `${options.appUrl}${String(data.incidentPath ?? "/")}`,
      });
      await options.send({ from: options.from, to: row.recipient, messageId, ...email }, options.release);
      subject = email.subject;
    } catch (error) {
      if (options.release?.aborted) {
        // Given up at shutdown, not refused: whether the server kept it is unknown, so the next
        // start sends it again; a copy the server did keep has the same Message-ID (decision 4).
        return record(() => releaseClaim(db, row));
      }
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      const nextAttemptAt = new Date(options.now().getTime() + retryDelayMs(row.attempts)).toISOString();
      const lastError = error instanceof Error ? error.message : String(error);
      result.failed += 1;
      return record(() =>
        db.update(outbox)
          .set({ status: giveUp ? "failed" : "pending", nextAttemptAt, claimedUntil: null, lastError })
          .where(eq(outbox.id, row.id))
          .run(),
      );
    }
    // Marked sent only once the server has taken it, even when a release came meanwhile.
    const sentAt = options.now().toISOString();
    result.sent += 1;
    return record(() =>
      db.update(outbox)
        .set({ status: "sent", sentAt, messageId, subject, claimedUntil: null, lastError: null })
        .where(eq(outbox.id, row.id))
        .run(),
    );
  }

  const claimed: OutboxRow[] = [];
  let failure = null as { error: unknown } | null;
  function nextRow(): OutboxRow | undefined {
    if (failure || options.stopClaiming?.aborted || options.release?.aborted) return undefined;
    if (claimed.length === 0) claimed.push(...claimDue(db, options.now(), lanes * CLAIM_BATCH_PER_LANE));
    return claimed.shift();
  }
  // A lane that fails (the database refusing a commit) stops the others taking more, and the
  // pass ends only once every lane has, so two passes never send at the same time.
  async function lane() {
    try {
      for (let row = nextRow(); row; row = nextRow()) await deliver(row);
    } catch (error) {
      failure ??= { error };
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane));
  // Rows claimed but not begun when a stop came are handed back.
  const unbegun = claimed.splice(0);
  if (unbegun.length > 0) db.transaction(() => unbegun.forEach((row) => releaseClaim(db, row)), { behavior: "immediate" });
  if (failure) throw failure.error;
  return result;
}
