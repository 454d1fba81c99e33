import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import { organisationDate } from "../machines/kit/dates";
import { type PersonRef, type Recipients } from "../machines/kit";
import type { Db } from "./client";
import { absences, people, personRoles, type Role } from "./schema";

/** Anything that can run a query: the database or a transaction. */
export type Queryable = Pick<Db, "select" | "insert" | "update" | "delete" | "query">;

export function absentPersonIds(db: Queryable, personIds: number[], onDate: string): Set<number> {
  if (personIds.length === 0) return new Set();
  const rows = db
    .select({ personId: absences.personId })
    .from(absences)
    .where(
      and(
        inArray(absences.personId, personIds),
        lte(absences.startsOn, onDate),
        gte(absences.endsOn, onDate),
      ),
    )
    .all();
  return new Set(rows.map((row) => row.personId));
}

/** Who is asked to acknowledge a report, and who was left out of the asking because they are away. */
export interface EscalationChain {
  chain: PersonRef[];
  /** Managers in the reporting line away on the day, each with the place in `chain` of the officer asked instead (`chain.length`: nobody above them is in). */
  away: { officer: PersonRef; askedInstead: number }[];
}

/**
 * Who is asked to acknowledge a report, in order: the reporter's line manager, then each more
 * senior manager up the reporting line (Haringey 4.2.5: "if your line manager is not available
 * speak to the next most senior officer"). Inactive people and people absent today are left out;
 * those absent are named, so the report can say who was asked in their place.
 * Someone at the top of the organisation has nobody above them: the most senior member of
 * Communications who is in today is asked instead, so a report always reaches a person.
 */
export function escalationChainFor(db: Queryable, reporterId: number, at: Date): EscalationChain {
  const everyone = db
    .select({
      id: people.id,
      name: people.name,
      lineManagerId: people.lineManagerId,
      active: people.active,
    })
    .from(people)
    .all();
  const byId = new Map(everyone.map((person) => [person.id, person]));
  const managers = [];
  const seen = new Set<number>([reporterId]);
  let managerId = byId.get(reporterId)?.lineManagerId ?? null;
  while (managerId !== null && !seen.has(managerId)) {
    seen.add(managerId);
    const manager = byId.get(managerId);
    if (!manager) break;
    managers.push(manager);
    managerId = manager.lineManagerId;
  }
  const absent = absentPersonIds(db, managers.map((manager) => manager.id), organisationDate(at));
  const chain: PersonRef[] = [];
  const awayBelow: PersonRef[] = [];
  const away: EscalationChain["away"] = [];
  for (const manager of managers.filter((candidate) => candidate.active)) {
    if (absent.has(manager.id)) {
      awayBelow.push({ id: manager.id, name: manager.name });
      continue;
    }
    away.push(...awayBelow.splice(0).map((officer) => ({ officer, askedInstead: chain.length })));
    chain.push({ id: manager.id, name: manager.name });
  }
  // Those away above the last officer in have nobody above them asked instead, unless nobody in
  // the line is in at all and the Communications officer asked takes their place.
  const fallback = chain.length === 0 ? communicationsFallback(db, reporterId, at) : null;
  if (fallback) chain.push(fallback);
  away.push(...awayBelow.map((officer) => ({ officer, askedInstead: fallback ? 0 : chain.length })));
  return { chain, away };
}

/** The most senior member of Communications in today, other than the reporter. */
function communicationsFallback(db: Queryable, reporterId: number, at: Date): PersonRef | null {
  const communications = peopleWithRole(db, "communications").filter((person) => person.id !== reporterId);
  const absentCommunications = absentPersonIds(db, communications.map((person) => person.id), organisationDate(at));
  const fallback = communications.find((person) => !absentCommunications.has(person.id));
  return fallback ? { id: fallback.id, name: fallback.name } : null;
}

/** Active people holding a role, most senior first. */
export function peopleWithRole(db: Queryable, role: Role) {
  return db
    .select({ id: people.id, name: people.name, email: people.email, seniority: people.seniority })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, role), eq(people.active, true)))
    .orderBy(asc(people.seniority), asc(people.name))
    .all();
}

/** Email addresses for a machine's recipients; inactive people receive nothing. */
export function resolveRecipients(db: Queryable, recipients: Recipients): string[] {
  if (recipients.kind === "role") {
    return peopleWithRole(db, recipients.role).map((person) => person.email);
  }
  if (recipients.personIds.length === 0) return [];
  return db
    .select({ email: people.email })
    .from(people)
    .where(and(inArray(people.id, recipients.personIds), eq(people.active, true)))
    .all()
    .map((person) => person.email);
}
