import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { people } from "../../db/schema";
import { commitSessionCookie, signIn, type CurrentUser } from "../../app/utils/auth.server";
import { DEMO_PEOPLE, demoEmail, seedDemoOrganisation } from "../../db/seed";

export interface TestDatabase {
  db: Db;
  path: string;
  directory: string;
  /** The id and name of a demo person, by their seed key ("library-assistant", "ceo"...). */
  person: (key: string) => { id: number; name: string };
  /** A demo person as the signed-in user the models receive. */
  user: (key: string) => CurrentUser;
  close: () => void;
}

/** A real SQLite file in a fresh temporary folder, migrated and holding the demo organisation. */
export function createTestDatabase(options: { now?: Date; passwordHash?: string } = {}): TestDatabase {
  const directory = mkdtempSync(join(tmpdir(), "holdfast-test-"));
  const path = join(directory, "holdfast.db");
  const db = openDatabase(path);
  seedDemoOrganisation(db, { passwordHash: options.passwordHash ?? "not-a-real-hash", now: options.now ?? new Date() });
  return testDatabaseAt(db, path, directory);
}

/**
 * A copy of a test database as it is now, with the evidence folder beside it, in a fresh
 * temporary folder: one set of incidents and files made once, then changed differently by each test.
 */
export function copyTestDatabase(source: TestDatabase): TestDatabase {
  const directory = mkdtempSync(join(tmpdir(), "holdfast-test-"));
  const path = join(directory, "holdfast.db");
  // A consistent copy even while the source is open in WAL mode.
  source.db.$client.prepare("vacuum into ?").run(path);
  const evidence = join(source.directory, "evidence");
  if (existsSync(evidence)) cpSync(evidence, join(directory, "evidence"), { recursive: true });
  return testDatabaseAt(openDatabase(path), path, directory);
}

function testDatabaseAt(db: Db, path: string, directory: string): TestDatabase {
  const demoPerson = (key: string) => {
    const demo = DEMO_PEOPLE.find((candidate) => candidate.key === key);
    if (!demo) throw new Error(`No demo person ${key}`);
    return demo;
  };
  const person = (key: string) => {
    const row = db.select({ id: people.id, name: people.name }).from(people).where(eq(people.email, demoEmail(demoPerson(key)))).get();
    if (!row) throw new Error(`Demo person ${key} is not in the database`);
    return row;
  };
  return {
    db,
    path,
    directory,
    person,
    user(key) {
      const demo = demoPerson(key);
      return { ...person(key), email: demoEmail(demo), jobTitle: demo.jobTitle, roles: demo.roles };
    },
    close() {
      db.$client.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The Cookie header of a fresh session for a demo person (the database seeded with this password's hash). */
export async function sessionCookieFor(test: TestDatabase, key: string, password: string): Promise<string> {
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key);
  const result = person ? await signIn(test.db, { email: demoEmail(person), password }, new Date()) : null;
  if (!result?.ok) throw new Error(`Could not sign in as ${key}`);
  return (await commitSessionCookie(result.token)).split(";")[0];
}
