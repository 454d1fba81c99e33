import type { AddressInfo } from "node:net";
import type { Readable } from "node:stream";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface SmtpPeer {
  url: string;
  /** Every message taken, parsed (only when started with `parse: true`). */
  received: ParsedMail[];
  /** The Message-ID of every message taken, in the order taken, repeats included. */
  messageIds: string[];
  /** How many connections senders opened. */
  connections(): number;
  /** The most messages that were being taken at the same moment. */
  mostAtOnce(): number;
  /** Refuses the next `count` recipients with a temporary failure. */
  refuse(count: number): void;
  /**
   * Answers each message `ms` after it has arrived: a slow server. Infinity never answers (a
   * stuck server) until `answerAll` or `close`.
   */
  answerAfter(ms: number): void;
  /** Answers every message held back so far and from now on at once. */
  answerAll(): void;
  close(): Promise<void>;
}

const MESSAGE_ID = /^Message-ID:\s*(<[^>\r\n]+>)/im;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A real SMTP server on loopback that keeps what it receives and can be told to refuse or to
 * answer slowly. A message counts as taken once its data has arrived, whether or not the sender
 * stays for the answer: a sender that gives up then sends it again, a duplicate the Message-ID
 * lets a receiver recognise.
 */
export async function startSmtpPeer(options: { parse?: boolean } = {}): Promise<SmtpPeer> {
  const received: ParsedMail[] = [];
  const messageIds: string[] = [];
  const heldBack = new Set<() => void>();
  let refuseNext = 0;
  let delayMs = 0;
  let connections = 0;
  let atOnce = 0;
  let mostAtOnce = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        const error = new Error("Mailbox temporarily unavailable") as Error & { responseCode: number };
        error.responseCode = 450;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      atOnce += 1;
      mostAtOnce = Math.max(mostAtOnce, atOnce);
      const done = (error?: Error) => {
        atOnce -= 1;
        callback(error);
      };
      readAll(stream)
        .then(async (raw) => {
          messageIds.push(MESSAGE_ID.exec(raw.toString("latin1"))?.[1] ?? "");
          if (options.parse) received.push(await simpleParser(raw));
          if (delayMs === 0) return done();
          const answer = () => {
            heldBack.delete(answer);
            clearTimeout(timer);
            done();
          };
          heldBack.add(answer);
          const timer = Number.isFinite(delayMs) ? setTimeout(answer, delayMs) : undefined;
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const answerAll = () => {
    delayMs = 0;
    for (const answer of [...heldBack]) answer();
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    messageIds,
    connections: () => connections,
    mostAtOnce: () => mostAtOnce,
    refuse(count) {
      refuseNext = count;
    },
    answerAfter(ms) {
      delayMs = ms;
    },
    answerAll,
    close() {
      answerAll();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
