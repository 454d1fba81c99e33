import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client";
import { absentPersonIds } from "../../db/directory";
import { absences, people, personRoles, sessions, type Role } from "../../db/schema";
import { END_BEFORE_START_MESSAGE, ROLE_OPTIONS, isCalendarDate } from "../schemas/person";
import { normaliseEmail } from "../utils/auth.server";
import { organisationDate } from "../../machines/kit/dates";

type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** What the person form edits; everything about a person except their password. */
export interface PersonDetails {
  name: string;
  email: string;
  jobTitle: string;
  service: string;
  seniority: number;
  lineManagerId: number | null;
  roles: Role[];
  active: boolean;
}

/** A refusal names the form field it belongs to, so the page can show it beside that field. */
export type SaveOutcome<Field extends string> = { ok: true; id: number } | { ok: false; field: Field; message: string };

export type PersonField = "email" | "lineManagerId" | "roles";

export const DUPLICATE_EMAIL_MESSAGE = "A person with this email address already exists";

const rolesOfPerson = sql<string | null>`(select group_concat(${personRoles.role}) from ${personRoles} where ${personRoles.personId} = ${people.id})`;

/** group_concat gives no order; the roles are shown in the form's order. */
function toRoles(list: string | null): Role[] {
  const held = new Set(list?.split(",") ?? []);
  return ROLE_OPTIONS.filter((role) => held.has(role));
}

/** Everyone, by service, then most senior first, then name; with who is away on the day of `at`. */
export function listPeople(db: Db, at: Date) {
  const lineManager = alias(people, "line_manager");
  const rows = db
    .select({
      id: people.id,
      name: people.name,
      jobTitle: people.jobTitle,
      service: people.service,
      seniority: people.seniority,
      active: people.active,
      lineManagerName: lineManager.name,
      roles: rolesOfPerson,
    })
    .from(people)
    .leftJoin(lineManager, eq(lineManager.id, people.lineManagerId))
    .orderBy(asc(people.service), asc(people.seniority), asc(people.name))
    .all();
  const away = absentPersonIds(
    db,
    rows.map((row) => row.id),
    organisationDate(at),
  );
  return rows.map((row) => ({ ...row, roles: toRoles(row.roles), awayToday: away.has(row.id) }));
}

export function getPerson(db: Db, id: number): (PersonDetails & { id: number }) | null {
  const row = db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      jobTitle: people.jobTitle,
      service: people.service,
      seniority: people.seniority,
      lineManagerId: people.lineManagerId,
      active: people.active,
      roles: rolesOfPerson,
    })
    .from(people)
    .where(eq(people.id, id))
    .get();
  return row ? { ...row, roles: toRoles(row.roles) } : null;
}

/**
 * Who can be chosen as someone's line manager: other active people, and their current manager
 * even if inactive, so saving the form never changes the manager without being asked to.
 */
export function lineManagerOptions(db: Db, personId: number | null) {
  const currentManager = personId === null ? null : (getPerson(db, personId)?.lineManagerId ?? null);
  return db
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle })
    .from(people)
    .where(
      and(
        personId === null ? undefined : ne(people.id, personId),
        currentManager === null ? eq(people.active, true) : or(eq(people.active, true), eq(people.id, currentManager)),
      ),
    )
    .orderBy(asc(people.name))
    .all();
}

/** Everyone who reports to the person, directly or further down. */
function reportIds(tx: Transaction, personId: number): Set<number> {
  // UNION (not UNION ALL) stops at people already found, so bad data with a loop still ends.
  const rows = tx.all<{ id: number }>(sql`
    with recursive reports(id) as (
      select id from people where line_manager_id = ${personId}
      union
      select people.id from people join reports on people.line_manager_id = reports.id
    )
    select id from reports`);
  return new Set(rows.map((row) => row.id));
}

function isOnlyActiveAdministrator(tx: Transaction, personId: number): boolean {
  const admins = tx
    .select({ id: people.id })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, "admin"), eq(people.active, true)))
    .all();
  return admins.length === 1 && admins[0].id === personId;
}

/** Why these details cannot be saved for the person (null when new), or null when they can. */
function problemWith(
  tx: Transaction,
  personId: number | null,
  details: PersonDetails,
): { field: PersonField; message: string } | null {
  const email = normaliseEmail(details.email);
  const sameEmail = tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.email, email), personId === null ? undefined : ne(people.id, personId)))
    .get();
  if (sameEmail) return { field: "email", message: DUPLICATE_EMAIL_MESSAGE };

  if (details.roles.length === 0) return { field: "roles", message: "Choose at least one role" };
  const staysAdministrator = details.active && details.roles.includes("admin");
  if (personId !== null && !staysAdministrator && isOnlyActiveAdministrator(tx, personId)) {
    return {
      field: "roles",
      message: "This is the only active administrator, so they must stay an active Administrator. Make someone else an administrator first.",
    };
  }

  if (details.lineManagerId === null) return null;
  if (details.lineManagerId === personId) return { field: "lineManagerId", message: "A person cannot be their own line manager" };
  const manager = tx
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(eq(people.id, details.lineManagerId))
    .get();
  if (!manager) return { field: "lineManagerId", message: "Choose a line manager from the list" };
  if (personId !== null && reportIds(tx, personId).has(manager.id)) {
    return { field: "lineManagerId", message: `${manager.name} reports to this person, so they cannot be their line manager` };
  }
  return null;
}

function columnsFor(details: PersonDetails) {
  const { roles: _roles, email, ...rest } = details;
  return { ...rest, email: normaliseEmail(email) };
}

function replaceRoles(tx: Transaction, personId: number, roles: Role[]) {
  tx.delete(personRoles).where(eq(personRoles.personId, personId)).run();
  tx.insert(personRoles)
    .values([...new Set(roles)].map((role) => ({ personId, role })))
    .run();
}

export function createPerson(db: Db, details: PersonDetails, passwordHash: string): SaveOutcome<PersonField> {
  return db.transaction((tx) => {
    const problem = problemWith(tx, null, details);
    if (problem) return { ok: false, ...problem };
    const { id } = tx
      .insert(people)
      .values({ ...columnsFor(details), passwordHash })
      .returning({ id: people.id })
      .get();
    replaceRoles(tx, id, details.roles);
    return { ok: true, id };
  });
}

/**
 * Saves the details and replaces the roles; the password changes only when a new hash is given.
 * A new password ends every session the person has (someone who learnt the old one is signed
 * out with it), except `keepSessionTokenHash`: the administrator's own, when they set their own.
 */
export function updatePerson(
  db: Db,
  id: number,
  details: PersonDetails,
  passwordHash?: string,
  keepSessionTokenHash?: string,
): SaveOutcome<PersonField> {
  return db.transaction((tx) => {
    const problem = problemWith(tx, id, details);
    if (problem) return { ok: false, ...problem };
    tx.update(people)
      .set({ ...columnsFor(details), ...(passwordHash ? { passwordHash } : {}) })
      .where(eq(people.id, id))
      .run();
    if (passwordHash) {
      tx.delete(sessions)
        .where(and(eq(sessions.personId, id), ne(sessions.tokenHash, keepSessionTokenHash ?? "")))
        .run();
    }
    replaceRoles(tx, id, details.roles);
    return { ok: true, id };
  });
}

export interface AbsenceDetails {
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** The person's absences, latest first. */
export function listAbsences(db: Db, personId: number) {
  return db
    .select({ id: absences.id, startsOn: absences.startsOn, endsOn: absences.endsOn, reason: absences.reason })
    .from(absences)
    .where(eq(absences.personId, personId))
    .orderBy(desc(absences.startsOn), desc(absences.id))
    .all();
}

export function recordAbsence(
  db: Db,
  personId: number,
  absence: AbsenceDetails,
): SaveOutcome<"startsOn" | "endsOn" | "reason"> {
  if (!isCalendarDate(absence.startsOn)) return { ok: false, field: "startsOn", message: "The start date must be a real date" };
  if (!isCalendarDate(absence.endsOn)) return { ok: false, field: "endsOn", message: "The end date must be a real date" };
  // ISO dates compare correctly as text.
  if (absence.endsOn < absence.startsOn) return { ok: false, field: "endsOn", message: END_BEFORE_START_MESSAGE };
  const reason = absence.reason.trim();
  if (!reason) return { ok: false, field: "reason", message: "Enter the reason for the absence" };
  const { id } = db
    .insert(absences)
    .values({ personId, startsOn: absence.startsOn, endsOn: absence.endsOn, reason })
    .returning({ id: absences.id })
    .get();
  return { ok: true, id };
}

/** Removes one of the person's absences. False when the person has no such absence. */
export function removeAbsence(db: Db, personId: number, absenceId: number): boolean {
  const result = db
    .delete(absences)
    .where(and(eq(absences.id, absenceId), eq(absences.personId, personId)))
    .run();
  return result.changes > 0;
}
