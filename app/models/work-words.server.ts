import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { people, type Role } from "../../db/schema";
import { formatDateTime } from "../../machines/kit/dates";
import { anyOfNames } from "../../machines/kit/people";
import { ROLE_LABELS } from "../schemas/person";

/** One row of incident_work as the words below need it: what it is, for whom, and when it is due. */
export interface WorkRow {
  description: string;
  /** The same work told to the person who reported the incident; null to tell them the description. */
  toReporter: string | null;
  /** Every grantee it waits for: `person:<id>` or `role:<role>`. */
  assignees: readonly string[];
  dueAt: string | null;
}

/** A piece of work in plain words, and whether it is late (said in the words too, not only in colour). */
export interface WorkWords {
  text: string;
  overdue: boolean;
}

/** Who a piece of work waits for, for this viewer: "you", "Owen Price (your line manager)", "HR and safety". */
export interface WhoWords {
  who: string;
  /** "has" or "have" after it. */
  has: "has" | "have";
}

/** The person a grantee (`person:<id>`) names, or null for a role. */
export function personOfGrantee(grantee: string): number | null {
  return grantee.startsWith("person:") ? Number(grantee.slice("person:".length)) : null;
}

/** A role grantee (`role:<role>`) as the people list names the role, or null for a person. */
export function roleOfGrantee(grantee: string): string | null {
  if (!grantee.startsWith("role:")) return null;
  const role = grantee.slice("role:".length);
  return ROLE_LABELS[role as Role] ?? role;
}

/** The names of the people the grantees name, read in one query. */
export function namesOfGrantees(db: Db, grantees: readonly string[]): Map<number, string> {
  const personIds = [...new Set(grantees.flatMap((grantee) => personOfGrantee(grantee) ?? []))];
  if (personIds.length === 0) return new Map();
  return new Map(db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)).all().map((row) => [row.id, row.name]));
}

/**
 * Names the assignees of work rows for one viewer. The people named across the rows are read in
 * one query; the viewer is "you" and their own line manager is said to be theirs.
 */
export function assigneeNamer(db: Db, viewerId: number, rows: readonly { assignees: readonly string[] }[]): (assignees: readonly string[]) => WhoWords {
  const names = namesOfGrantees(db, rows.flatMap((row) => row.assignees));
  const lineManagerId = names.size > 0 ? (db.select({ id: people.lineManagerId }).from(people).where(eq(people.id, viewerId)).get()?.id ?? null) : null;
  return (assignees) => {
    const persons = assignees.flatMap((grantee) => personOfGrantee(grantee) ?? []);
    const roles = assignees.flatMap((grantee) => roleOfGrantee(grantee) ?? []);
    const includesViewer = persons.includes(viewerId);
    const lineManager = lineManagerId !== null && persons.includes(lineManagerId) ? [`${names.get(lineManagerId) ?? "Your line manager"} (your line manager)`] : [];
    const others = persons.filter((id) => id !== viewerId && id !== lineManagerId).map((id) => names.get(id) ?? "someone no longer listed");
    // A long chain of managers is told as how many, so the sentence stays readable.
    const named = [...(includesViewer ? ["you"] : []), ...lineManager];
    const othersTold = others.length > 2 ? [`${others.length} ${named.length > 0 ? "others" : "people"}`] : others;
    const parts = [...named, ...othersTold, ...roles];
    // A single person "has"; you, a team or a choice of several "have".
    const has = parts.length === 1 && !includesViewer && roles.length === 0 ? "has" : "have";
    return { who: anyOfNames(parts), has };
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function uncapitalise(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function duePhrase(dueAt: string | null, overdue: boolean): string {
  if (dueAt === null) return "";
  return overdue ? `. Overdue since ${formatDateTime(dueAt)}` : `, by ${formatDateTime(dueAt)}`;
}

/**
 * A piece of work told to the person who reported the incident, from where they stand:
 * "Owen Price (your line manager) has been asked to acknowledge it, by Wed, 2 Dec 2026, 16:45."
 */
export function workToldToReporter(row: WorkRow, who: WhoWords, now: Date): WorkWords {
  const overdue = row.dueAt !== null && row.dueAt < now.toISOString();
  const what = row.toReporter ?? uncapitalise(row.description);
  return { text: `${capitalise(who.who)} ${who.has} been asked to ${what}${duePhrase(row.dueAt, overdue)}.`, overdue };
}

/**
 * A piece of work told to someone who supports or handles the incident: what it is and whom it
 * waits for: "Follow up on their wellbeing: waiting for you or HR and safety. Overdue since …".
 */
export function workToldToHelper(row: WorkRow, who: WhoWords, now: Date): WorkWords {
  const overdue = row.dueAt !== null && row.dueAt < now.toISOString();
  return { text: `${row.description}: waiting for ${who.who}${duePhrase(row.dueAt, overdue)}.`, overdue };
}
