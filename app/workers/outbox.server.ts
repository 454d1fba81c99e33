import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq, lte, or } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db } from "../../db/client";
import { outbox, type OutboxRow } from "../../db/schema";
import { renderEmail } from "../../emails/index";

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

export type SendMail = (message: OutgoingMessage) => Promise<void>;

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

/** SMTP when SMTP_URL is set; otherwise the embedded sink writes each message to a folder. */
export function createSendMail(options: { smtpUrl?: string; sinkDirectory: string }): SendMail {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    // Time-outs so a stuck server releases the worker long before its claim on the row runs out.
    for (const [name, ms] of [["connectionTimeout", 30_000], ["greetingTimeout", 30_000], ["socketTimeout", 60_000]] as const) {
      if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
    }
    const transport = nodemailer.createTransport(url.toString());
    return async (message) => {
      const info = await transport.sendMail(message);
      if (info.rejected.length > 0) throw new Error(`The mail server refused ${info.rejected.join(", ")}`);
    };
  }
  const sink = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return async (message) => {
    const info = await sink.sendMail(message);
    mkdirSync(options.sinkDirectory, { recursive: true });
    writeFileSync(join(options.sinkDirectory, sinkFileName(message.messageId)), info.message as Buffer);
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
}

/** Takes one due row and marks it as being sent; null when there is nothing to send. */
function claimNext(db: Db, now: Date): OutboxRow | null {
  const nowIso = now.toISOString();
  return db.transaction(
    (tx) => {
      const row = tx
        .select()
        .from(outbox)
        .where(
          or(
            and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, nowIso)),
            and(eq(outbox.status, "sending"), lte(outbox.claimedUntil, nowIso)),
          ),
        )
        .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
        .limit(1)
        .get();
      if (!row) return null;
      return tx
        .update(outbox)
        .set({
          status: "sending",
          attempts: row.attempts + 1,
          claimedUntil: new Date(now.getTime() + CLAIM_MS).toISOString(),
        })
        .where(eq(outbox.id, row.id))
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

/** Sends every due email, one at a time. Returns how many were sent and how many failed. */
export async function deliverDueEmails(db: Db, options: DeliverOptions) {
  const result = { sent: 0, failed: 0 };
  const domain = new URL(options.appUrl).hostname || "localhost";
  for (let row = claimNext(db, options.now()); row; row = claimNext(db, options.now())) {
    const messageId = messageIdFor(row, domain);
    try {
      const data = row.data as Record<string, unknown>;
      const email = await renderEmail(row.template, {
        ...data,
        incidentUrl: `${options.appUrl}${String(data.incidentPath ?? "/")}`,
      });
      await options.send({ from: options.from, to: row.recipient, messageId, ...email });
      db.update(outbox)
        .set({
          status: "sent",
          sentAt: options.now().toISOString(),
          messageId,
          subject: email.subject,
          claimedUntil: null,
          lastError: null,
        })
        .where(eq(outbox.id, row.id))
        .run();
      result.sent += 1;
    } catch (error) {
      const giveUp = row.attempts >= MAX_ATTEMPTS;
      db.update(outbox)
        .set({
          status: giveUp ? "failed" : "pending",
          nextAttemptAt: new Date(options.now().getTime() + retryDelayMs(row.attempts)).toISOString(),
          claimedUntil: null,
          lastError: error instanceof Error ? error.message : String(error),
        })
        .where(eq(outbox.id, row.id))
        .run();
      result.failed += 1;
    }
  }
  return result;
}
