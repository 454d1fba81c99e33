import type { Db } from "../../db/client";
import { fireDueDeadlines } from "./deadlines.server";
import { deliverDueEmails, type Mailer } from "./outbox.server";
import { publishDuePosts, recordingAdapter, type PublishingAdapter } from "./publisher.server";
import { setWakeHandler } from "./wake.server";

export interface WorkerOptions {
  db: Db;
  mailer: Pick<Mailer, "send" | "concurrency">;
  from: string;
  appUrl: string;
  intervalMs: number;
  /** Where due posts are published; by default they are only recorded (no network). */
  adapter?: PublishingAdapter;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/**
 * Runs the deadline, outbox and publisher workers inside the server process: on a timer, and at
 * once when woken. One pass at a time; a wake during a pass runs another pass straight after it.
 * The outbox sends over several connections at once (the mailer's concurrency).
 */
export function startWorkers(options: WorkerOptions) {
  const now = options.now ?? (() => new Date());
  const adapter = options.adapter ?? recordingAdapter;
  const onError = options.onError ?? console.error;
  let running = false;
  let again = false;
  let current: Promise<void> = Promise.resolve();
  const stopClaiming = new AbortController();
  const release = new AbortController();
  const stopped = () => stopClaiming.signal.aborted;

  async function pass() {
    running = true;
    try {
      do {
        again = false;
        fireDueDeadlines(options.db, now());
        if (stopped()) return;
        await deliverDueEmails(options.db, {
          send: options.mailer.send,
          concurrency: options.mailer.concurrency,
          from: options.from,
          appUrl: options.appUrl,
          now,
          stopClaiming: stopClaiming.signal,
          release: release.signal,
        });
        if (stopped()) return;
        const published = await publishDuePosts(options.db, adapter, now(), stopClaiming.signal);
        for (const failure of published.failed) {
          onError(new Error(`Publishing scheduled post ${failure.postId} failed; it will be tried again`, { cause: failure.error }));
        }
      } while (again && !stopped());
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }

  const run = () => {
    if (stopped()) return;
    if (running) {
      again = true;
      return;
    }
    current = pass();
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  setWakeHandler(() => setImmediate(run));
  run();

  return {
    /**
     * Stops claiming work at once and waits for the pass under way: the emails it is sending
     * may finish for `graceMs`, then they are given up and their rows handed back as pending.
     * Once this resolves, no row is claimed by this process and the database may be closed.
     */
    async stop(graceMs: number) {
      stopClaiming.abort();
      clearInterval(timer);
      setWakeHandler(() => {});
      const grace = setTimeout(() => release.abort(), graceMs);
      await current;
      clearTimeout(grace);
    },
  };
}
