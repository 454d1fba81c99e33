import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import { simpleParser, type AddressObject } from "mailparser";
import type { Db } from "../../db/client";
import { outbox, type OutboxRow, type OutboxStatus } from "../../db/schema";
import { sinkFileName } from "../workers/outbox.server";

export const MAILBOX_PAGE_SIZE = 50;

/** Each outbox status in words for admins. */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "Pending",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  // Written by the demo history's made-up past (app/demo/history.ts): never sent, never to be.
  not_sent_demo: "Not sent: demo history",
};

export function outboxStatusLabel(status: string): string {
  return OUTBOX_STATUS_LABELS[status as OutboxStatus] ?? status;
}

/** One page of the outbox, newest first. A page past the end shows the last page. */
export function listOutbox(db: Db, requestedPage: number) {
  const total = db.select({ count: sql<number>`count(*)` }).from(outbox).get()?.count ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const rows = db
    .select({
      id: outbox.id,
      status: outbox.status,
      recipient: outbox.recipient,
      subject: outbox.subject,
      template: outbox.template,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(MAILBOX_PAGE_SIZE)
    .offset((page - 1) * MAILBOX_PAGE_SIZE)
    .all()
    .map((row) => ({ ...row, statusLabel: outboxStatusLabel(row.status) }));
  return { rows, total, page, pageCount };
}

export function getOutboxRow(db: Db, id: number): OutboxRow | null {
  return db.select().from(outbox).where(eq(outbox.id, id)).get() ?? null;
}

export interface StoredMessage {
  from: string;
  to: string;
  subject: string;
  date: string | null;
  text: string;
}

function addressText(addresses: AddressObject | AddressObject[] | undefined): string {
  if (!addresses) return "";
  return (Array.isArray(addresses) ? addresses : [addresses]).map((address) => address.text).join(", ");
}

/**
 * The message as the mail sink wrote it to disk. Null when it went to an SMTP server instead
 * (nothing is kept but the outbox row) or when its file is no longer there.
 */
export async function readStoredMessage(
  row: Pick<OutboxRow, "status" | "messageId">,
  mail: { smtpUrl?: string; sinkDirectory: string },
): Promise<StoredMessage | null> {
  if (mail.smtpUrl || row.status !== "sent" || !row.messageId) return null;
  let source: Buffer;
  try {
    source = await readFile(join(mail.sinkDirectory, sinkFileName(row.messageId)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = await simpleParser(source);
  return {
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? "",
    date: parsed.date?.toISOString() ?? null,
    text: parsed.text ?? "",
  };
}
