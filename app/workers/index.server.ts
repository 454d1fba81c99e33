import type { Db } from "../../db/client";
import { fireDueDeadlines } from "./deadlines.server";
import { deliverDueEmails, type SendMail } from "./outbox.server";

export interface WorkerOptions {
  db: Db;
  send: SendMail;
  from: string;
  appUrl: string;
  intervalMs: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

let wakeHandler: () => void = () => {};

/** Asks the running workers to look for work now (after a commit that wrote outbox rows). */
export function wakeWorkers() {
  wakeHandler();
}

/**
 * Runs the deadline and outbox workers inside the server process: on a timer, and at once when
 * woken. One pass at a time; a wake during a pass runs another pass straight after it.
 */
export function startWorkers(options: WorkerOptions) {
  const now = options.now ?? (() => new Date());
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
      } while (again && !stopped);
    } catch (error) {
      (options.onError ?? console.error)(error);
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
