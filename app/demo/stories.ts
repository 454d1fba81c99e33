import type { Db } from "../../db/client";
import type { Incident } from "../../db/schema";
import type { Actor } from "../../db/workflow";

/**
 * The demo organisation's past (decision 12): what happened at Eastbridge Borough Council over the
 * last six months, told as stories that history.ts plays through the workflow. Each path tells its
 * own in app/paths/<path>/demo-stories.server.ts; this is what every story shares. Nothing in a story is a
 * row: it is a report and the steps people took, in order, and the runner sends them through the
 * same functions the pages use, with the clock set to each step's time.
 *
 * Times are on working days counted back from today in the organisation's zone, so they are
 * always in the past, whatever day the demo is started. Everyone and every account is fictional;
 * links use .example addresses.
 */

/**
 * Who takes a step: the reporter, a demo person (DEMO_PEOPLE key), or someone the incident itself
 * names, under the name the path's `actor` knows them by.
 */
export type StoryActor = "reporter" | string;

/**
 * When a step happens: a number of minutes after the step before it (or after the report), or
 * a working day after the report day (0 is the report day) at a local time.
 */
export type When = number | [workingDaysAfterReport: number, localTime: string];

/** The actions every path's stories use; the runner plays them itself. */
export type SharedAction =
  /** A machine event, as the page's form turns it into one. */
  | { kind: "event"; event: { type: string; [field: string]: unknown } }
  /** A machine event that names a moment shortly before it is recorded. */
  | { kind: "timed"; type: string; field: string; minutesBefore: number; fields: Record<string, unknown> }
  /** A screenshot uploaded and attached, as the evidence form does. */
  | { kind: "screenshot" };

/** An action only one path's stories use, played by that path; its kind is none of the shared ones. */
export interface PathAction {
  kind: string;
}

export type StoryStep<Action extends PathAction = PathAction> = [when: When, by: StoryActor, action: SharedAction | Action];

/** What a story's report carries besides what its path asks: where it happened, and how long before the report. */
export interface StoryReport {
  /** The platform its screenshots are drawn for. */
  platform: string;
  minutesBefore: number;
}

export interface Story<Report extends StoryReport = StoryReport, Action extends PathAction = PathAction> {
  reporter: string;
  /** Working days before today (1 is the last working day). */
  day: number;
  /** Local time of the report. */
  at: string;
  report: Report;
  steps: StoryStep<Action>[];
}

/** What the runner offers a path playing one of its own actions. */
export interface StepPlay {
  incidentId: number;
  /** When the step is taken. */
  at: Date;
  /** Sends an event as the step's person from the page as it is now, at the step's time unless told. */
  send(event: { type: string; [field: string]: unknown }, at?: Date): void;
  /** A moment the action names: minutes after the step, or a working day after the report day at a local time. */
  momentOf(when: When): Date;
  /** The id of a demo person, by DEMO_PEOPLE key. */
  personId(key: string): number;
}

/**
 * A path's part of the demo history: its stories, in the order they are told, and how to play
 * what is its own in them through the app's functions.
 */
export interface DemoStories<Report extends StoryReport = StoryReport, Action extends PathAction = PathAction, Context = unknown> {
  stories: readonly Story<Report, Action>[];
  /** Sends the story's report as its reporter, at the time it was reported, about what happened at `happenedAt`. */
  report(db: Db, reporter: Actor, report: Report, moments: { reportedAt: Date; happenedAt: Date }): Incident;
  /** The id of someone the incident names under `name` (the first asked to acknowledge...), or undefined for a name it does not know. */
  actor(name: string, context: Context): number | undefined;
  /** Plays one of the path's own actions; returns how many events it sent. */
  play(db: Db, action: Action, step: StepPlay): number;
}

// Helpers that read like the steps people take on any path.

export const event = (type: string, fields: Record<string, unknown> = {}): SharedAction => ({ kind: "event", event: { type, ...fields } });

export const timed = (type: string, field: string, minutesBefore: number, fields: Record<string, unknown> = {}): SharedAction => ({
  kind: "timed",
  type,
  field,
  minutesBefore,
  fields,
});

export const screenshot: SharedAction = { kind: "screenshot" };

export function isSharedAction(action: SharedAction | PathAction): action is SharedAction {
  return action.kind === "event" || action.kind === "timed" || action.kind === "screenshot";
}
