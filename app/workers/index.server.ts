import type { Db } from "../../db/client";
import { fireDueDeadlines } from "./deadlines.server";
import { deliverDueEmails, type SendMail } from "./outbox.server";
import { publishDuePosts, recordingAdapter, type PublishingAdapter } from "./publisher.server";

export interface WorkerOptions {
  db: Db;
  send: SendMail;
  from: string;
  appUrl: string;
  intervalMs: number;
  /** Where due posts are published; by default they are only recorded (no network). */
  adapter?: PublishingAdapter;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

let wakeHandler: () => void = () => {};

/** Asks the running workers to look for work now (after a commit that wrote outbox rows). */
export function wakeWorkers() {
  wakeHandler();
}

/**
 * Runs the deadline, outbox and publisher workers inside the server process: on a timer, and at
 * once when woken. One pass at a time; a wake during a pass runs another pass straight after it.
 */
export function startWorkers(options: WorkerOptions) {
  const now = options.now ?? (() => new Date());
  const adapter = options.adapter ?? recordingAdapter;
  const onError = options.onError ?? console.error;
  let running = false;
  let again = false;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();

  async function pass() {
    running = true;
    try {
      do {
        again = false;
        fireDueDeadlines(options.db, now());
        await deliverDueEmails(options.db, {
          send: options.send,
          from: options.from,
          appUrl: options.appUrl,
          now,
        });
        const published = await publishDuePosts(options.db, adapter, now());
        for (const failure of published.failed) {
          onError(new Error(`Publishing scheduled post ${failure.postId} failed; it will be tried again`, { cause: failure.error }));
        }
      } while (again && !stopped);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  }

  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    current = pass();
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  wakeHandler = () => setImmediate(run);
  run();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      wakeHandler = () => {};
      await current;
    },
  };
}
