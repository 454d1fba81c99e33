import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/directory";
import { people, personRoles, settings } from "../../db/schema";

/** What each path's settings are kept as: one text value per key. */
export function readSetting(db: Queryable, key: string): string | null {
  return db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

export function writeSetting(db: Queryable, key: string, value: string) {
  db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}

export function positiveWholeNumber(value: string | null, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** Active people in the senior leadership role, the ones a path's settings can name. */
export function leadershipPeople(db: Queryable) {
  return db
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle })
    .from(people)
    .innerJoin(personRoles, eq(personRoles.personId, people.id))
    .where(and(eq(personRoles.role, "leadership"), eq(people.active, true)))
    .orderBy(asc(people.seniority), asc(people.name))
    .all();
}
