/**
 * Emails per second through the outbox worker to a real SMTP server on loopback, with a few
 * thousand emails queued: over the connection pool, and over one connection per email as the
 * outbox sent before the pool (so the two can be compared on the same machine).
 *
 * Part of `npm run bench`; on its own, without building the app: `npx tsx tests/bench/outbox-throughput.ts`.
 */
import { pathToFileURL } from "node:url";
import { count, eq } from "drizzle-orm";
import { createMailer, deliverDueEmails } from "../../app/workers/outbox.server";
import { outbox } from "../../db/schema";
import { createTestDatabase } from "../helpers/database";
import { queueEmails } from "../helpers/outbox";
import { startSmtpPeer } from "../helpers/smtp";

const POOLED_EMAILS = 3_000;
/** Fewer without the pool: at a few emails a second, thousands would take minutes. */
const UNPOOLED_EMAILS = 200;

interface OutboxThroughput {
  emails: number;
  connections: number;
  seconds: number;
  emailsPerSecond: number;
}

/** Queues `emails` emails, then times the outbox worker sending all of them. */
async function measureOutboxThroughput(options: { emails: number; pooled: boolean }): Promise<OutboxThroughput> {
  const test = createTestDatabase();
  const smtp = await startSmtpPeer();
  const mailer = createMailer({ smtpUrl: `${smtp.url}/?pool=${options.pooled}`, sinkDirectory: test.directory });
  try {
    queueEmails(test, options.emails, new Date());
    const started = performance.now();
    const result = await deliverDueEmails(test.db, {
      send: mailer.send,
      concurrency: mailer.concurrency,
      from: "Holdfast <holdfast@holdfast.test>",
      appUrl: "http://holdfast.test",
      now: () => new Date(),
    });
    const seconds = (performance.now() - started) / 1000;
    const sent = test.db.select({ n: count() }).from(outbox).where(eq(outbox.status, "sent")).get()!.n;
    if (result.failed > 0 || sent !== options.emails || smtp.messageIds.length !== options.emails) {
      throw new Error(`Outbox bench: ${sent} of ${options.emails} marked sent, ${smtp.messageIds.length} received, ${result.failed} failed`);
    }
    return { emails: options.emails, connections: mailer.concurrency, seconds, emailsPerSecond: options.emails / seconds };
  } finally {
    mailer.close();
    await smtp.close();
    test.close();
  }
}

function describeThroughput(name: string, measured: OutboxThroughput): string {
  return `${name}: ${measured.emailsPerSecond.toFixed(1)} emails/s (${measured.emails.toLocaleString("en-GB")} emails in ${measured.seconds.toFixed(1)} s over ${measured.connections} connection${measured.connections === 1 ? "" : "s"})`;
}

/** Both figures, pooled first. */
export async function measureOutbox(): Promise<string[]> {
  const pooled = await measureOutboxThroughput({ emails: POOLED_EMAILS, pooled: true });
  const unpooled = await measureOutboxThroughput({ emails: UNPOOLED_EMAILS, pooled: false });
  return [
    describeThroughput("Outbox to SMTP on loopback, pooled", pooled),
    describeThroughput("Outbox to SMTP on loopback, one connection per email", unpooled),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const line of await measureOutbox()) console.log(line);
}
