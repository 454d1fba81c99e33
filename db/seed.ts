import { sql } from "drizzle-orm";
import { organisationDate } from "../app/utils/dates";
import type { Db } from "./client";
import { absences, people, personRoles, settings, type Role } from "./schema";

/**
 * The demo organisation: Eastbridge Borough Council, a fictional council with a Communications
 * team, senior leadership, HR and services four to five levels deep. Everyone signs in with the
 * same demo password (see the README). One manager, Helen Ward, is away, so a report from her
 * team shows the fallback to the next most senior officer.
 */

export const DEMO_PASSWORD = "holdfast-demo";

interface DemoPerson {
  key: string;
  name: string;
  jobTitle: string;
  service: string;
  seniority: number;
  manager: string | null;
  roles: Role[];
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { key: "ceo", name: "Ruth Adeyemi", jobTitle: "Chief Executive", service: "Chief Executive's Office", seniority: 1, manager: null, roles: ["staff", "leadership"] },
  { key: "leader", name: "Cllr Tom Reilly", jobTitle: "Leader of the Council", service: "Members", seniority: 1, manager: null, roles: ["leadership"] },
  { key: "ad", name: "Priya Shah", jobTitle: "Assistant Director for Strategy and Communications", service: "Strategy and Communications", seniority: 2, manager: "ceo", roles: ["staff", "leadership"] },
  { key: "headcomms", name: "Dan Okafor", jobTitle: "Head of Communications", service: "Strategy and Communications", seniority: 3, manager: "ad", roles: ["staff", "communications", "leadership"] },
  { key: "comms1", name: "Ellie Marsh", jobTitle: "Communications Officer", service: "Strategy and Communications", seniority: 4, manager: "headcomms", roles: ["staff", "communications"] },
  { key: "comms2", name: "Sam Patel", jobTitle: "Digital Communications Officer", service: "Strategy and Communications", seniority: 4, manager: "headcomms", roles: ["staff", "communications"] },
  { key: "dir-people", name: "Marcus Bell", jobTitle: "Director of Adults and Communities", service: "Adults and Communities", seniority: 2, manager: "ceo", roles: ["staff"] },
  { key: "head-community", name: "Helen Ward", jobTitle: "Head of Community Services", service: "Adults and Communities", seniority: 3, manager: "dir-people", roles: ["staff"] },
  { key: "libraries-manager", name: "Owen Price", jobTitle: "Libraries Manager", service: "Adults and Communities", seniority: 4, manager: "head-community", roles: ["staff"] },
  { key: "library-assistant", name: "Jo Lee", jobTitle: "Library Assistant", service: "Adults and Communities", seniority: 5, manager: "libraries-manager", roles: ["staff"] },
  { key: "hub-officer", name: "Ben Carter", jobTitle: "Community Hub Officer", service: "Adults and Communities", seniority: 4, manager: "head-community", roles: ["staff"] },
  { key: "dir-place", name: "Grace Murphy", jobTitle: "Director of Place", service: "Place", seniority: 2, manager: "ceo", roles: ["staff"] },
  { key: "head-parks", name: "Liam Turner", jobTitle: "Head of Parks and Leisure", service: "Place", seniority: 3, manager: "dir-place", roles: ["staff"] },
  { key: "parks-officer", name: "Chris Doyle", jobTitle: "Parks Engagement Officer", service: "Place", seniority: 4, manager: "head-parks", roles: ["staff"] },
  { key: "hr", name: "Nadia Hussain", jobTitle: "Head of HR and Safety", service: "Resources", seniority: 3, manager: "ad", roles: ["staff", "hr_safety"] },
  { key: "admin", name: "Alex Morgan", jobTitle: "Systems Administrator", service: "Resources", seniority: 4, manager: "hr", roles: ["staff", "admin"] },
];

export function demoEmail(person: Pick<DemoPerson, "name">): string {
  const [first, ...rest] = person.name.replace(/^Cllr /, "").toLowerCase().split(" ");
  return `${first}.${rest.join("-")}@eastbridge.gov.uk`;
}

export const DEFAULT_SETTINGS = {
  acknowledgement_minutes: "15",
};

export function isDatabaseEmpty(db: Db): boolean {
  const row = db.select({ count: sql<number>`count(*)` }).from(people).get();
  return (row?.count ?? 0) === 0;
}

/** Adds the demo organisation. The caller checks the database is empty first. */
export function seedDemoOrganisation(db: Db, options: { passwordHash: string; now: Date }) {
  db.transaction((tx) => {
    const ids = new Map<string, number>();
    for (const person of DEMO_PEOPLE) {
      const row = tx
        .insert(people)
        .values({
          name: person.name,
          email: demoEmail(person),
          jobTitle: person.jobTitle,
          service: person.service,
          seniority: person.seniority,
          lineManagerId: person.manager ? ids.get(person.manager) : null,
          passwordHash: options.passwordHash,
        })
        .returning({ id: people.id })
        .get();
      ids.set(person.key, row.id);
      tx.insert(personRoles)
        .values(person.roles.map((role) => ({ personId: row.id, role })))
        .run();
    }
    const day = 24 * 60 * 60_000;
    tx.insert(absences)
      .values({
        personId: ids.get("head-community")!,
        startsOn: organisationDate(new Date(options.now.getTime() - 2 * day)),
        endsOn: organisationDate(new Date(options.now.getTime() + 13 * day)),
        reason: "Annual leave",
      })
      .run();
    tx.insert(settings)
      .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })))
      .run();
  });
}
