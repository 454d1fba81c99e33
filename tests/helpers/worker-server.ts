/**
 * The server's workers and an HTTP server in a process of their own, stopped on SIGTERM by the
 * same shutDownOnSignals as app/server.ts: the shutdown test runs it as a child process (the app
 * itself needs a build). Reads DATABASE_PATH, SMTP_URL and APP_URL; prints "ready <port>" once listening.
 * GET /hang never answers (and says "hanging" when it arrives), like a request still under way when
 * the stop comes.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { startWorkers } from "../../app/workers/index.server";
import { createMailer } from "../../app/workers/outbox.server";
import { shutDownOnSignals } from "../../app/workers/shutdown.server";
import { openDatabase } from "../../db/client";

const { DATABASE_PATH: databasePath, SMTP_URL: smtpUrl, APP_URL: appUrl } = process.env;
if (!databasePath || !smtpUrl || !appUrl) throw new Error("DATABASE_PATH, SMTP_URL and APP_URL must be set");
const database = openDatabase(databasePath);
const mailer = createMailer({ smtpUrl, sinkDirectory: join(dirname(databasePath), "mail") });
const workers = startWorkers({ db: database, mailer, from: "holdfast@holdfast.test", appUrl, intervalMs: 1_000 });
const server = createServer((request, response) => {
  if (request.url === "/hang") console.log("hanging");
  else response.end("ok");
});
// As long as a proxy in front would keep a connection open: only the shutdown may close it.
server.keepAliveTimeout = 120_000;
server.listen(0, "127.0.0.1", () => console.log(`ready ${(server.address() as AddressInfo).port}`));
shutDownOnSignals({ server, workers, mailer, database });
