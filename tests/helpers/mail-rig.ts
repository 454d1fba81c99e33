import { createMailer, type Mailer } from "../../app/workers/outbox.server";
import { createTestDatabase, type TestDatabase } from "./database";
import { startSmtpPeer, type SmtpPeer } from "./smtp";

/** A fresh database, a real SMTP peer on loopback that parses what it receives, and a mailer to it. */
export interface MailRig {
  test: TestDatabase;
  smtp: SmtpPeer;
  mailer: Mailer;
}

export async function startMailRig(now: Date): Promise<MailRig> {
  const test = createTestDatabase({ now });
  const smtp = await startSmtpPeer({ parse: true });
  return { test, smtp, mailer: createMailer({ smtpUrl: smtp.url, sinkDirectory: test.directory }) };
}

export async function stopMailRig(rig: MailRig) {
  rig.mailer.close();
  await rig.smtp.close();
  rig.test.close();
}
