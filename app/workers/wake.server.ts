/**
 * Waking the workers, kept apart from them (index.server.ts) and importing nothing: the models
 * and paths that wake them would otherwise import the outbox worker, which finds its templates
 * through the path registry, which imports the paths: a cycle at start-up.
 */

let wakeHandler: () => void = () => {};

/** Asks the running workers to look for work now (after a commit that wrote outbox rows). */
export function wakeWorkers() {
  wakeHandler();
}

/** What waking does: set by the running workers, and back to nothing once they stop. */
export function setWakeHandler(handler: () => void) {
  wakeHandler = handler;
}
