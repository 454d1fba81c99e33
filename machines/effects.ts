/**
 * The effects a machine asks for. Machines never perform I/O: a transition returns these as
 * action objects and db/ turns them into outbox rows and deadline rows inside the same
 * transaction that stores the new snapshot.
 */

/** Who an email goes to, described without addresses: db/ resolves them from the directory. */
export type Recipients =
  | { kind: "people"; personIds: number[] }
  | { kind: "role"; role: "communications" | "hr_safety" | "leadership" | "admin" };

export interface NotifyParams {
  /** The name of a template in emails/. */
  template: string;
  to: Recipients;
  /** Plain data the template needs, beyond the incident itself. */
  data?: Record<string, string | number | boolean | null>;
}

export interface SetDeadlineParams {
  /** One pending deadline per key and incident: setting it again replaces the earlier one. */
  key: string;
  /** The event the deadline worker sends when the deadline falls due. */
  eventType: string;
  dueAt: string;
  /** What is due, in plain words, for the dashboard and the incident page. */
  description: string;
}

export interface CancelDeadlineParams {
  key: string;
}

/** Placeholders for the action implementations: the server reads their params, never runs them. */
export const effectActions = {
  notify: (_: unknown, _params: NotifyParams) => {},
  setDeadline: (_: unknown, _params: SetDeadlineParams) => {},
  cancelDeadline: (_: unknown, _params: CancelDeadlineParams) => {},
};

export function addMinutes(isoTime: string, minutes: number): string {
  return new Date(Date.parse(isoTime) + minutes * 60_000).toISOString();
}
