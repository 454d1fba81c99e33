import type { Server } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import type { Db } from "../../db/client";
import type { Mailer } from "./outbox.server";

/**
 * How long requests under way and emails being handed to the mail server may take to finish
 * once a stop is asked for. What is still going after that is cut: requests lose their
 * connection, emails go back to pending for the next start.
 */
export const SHUTDOWN_GRACE_MS = 5_000;
/**
 * The stop must be over well within the 10 s a service manager (systemd, Docker, Kubernetes)
 * allows before it kills the process. Reaching this limit means something hung that the grace
 * did not cover; exiting anyway leaves at worst a row claimed, which its claim's expiry hands
 * back (decision 4).
 */
const SHUTDOWN_LIMIT_MS = 9_000;

export interface RunningServer {
  server: Server;
  workers: { stop(graceMs: number): Promise<void> };
  mailer: Pick<Mailer, "close">;
  database: Db;
}

/**
 * Stops the server: no new connections and idle keep-alive ones closed at once, no new work
 * claimed by the workers; requests and emails under way get SHUTDOWN_GRACE_MS to finish; then
 * every connection is closed, unfinished emails are handed back, the database is closed.
 */
export async function shutDown({ server, workers, mailer, database }: RunningServer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // A browser's keep-alive connection would otherwise hold close() open until it times out.
  server.closeIdleConnections();
  const grace = new AbortController();
  await Promise.all([
    workers.stop(SHUTDOWN_GRACE_MS),
    Promise.race([closed, delay(SHUTDOWN_GRACE_MS, undefined, { signal: grace.signal }).catch(() => {})]),
  ]);
  grace.abort();
  server.closeAllConnections();
  mailer.close();
  database.$client.close();
}

/**
 * On SIGTERM or SIGINT, shuts down and exits. A second signal during the stop takes the default
 * action (the process ends at once), so a person pressing Ctrl-C twice is obeyed.
 */
export function shutDownOnSignals(running: RunningServer) {
  const stop = (signal: NodeJS.Signals) => {
    process.off("SIGTERM", stop);
    process.off("SIGINT", stop);
    console.log(`${signal}: stopping (at most ${SHUTDOWN_GRACE_MS / 1000} s for requests and emails under way).`);
    setTimeout(() => {
      console.error(`Still stopping after ${SHUTDOWN_LIMIT_MS / 1000} s: exiting anyway.`);
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    shutDown(running).then(
      () => process.exit(0),
      (error) => {
        console.error("Could not stop cleanly:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
