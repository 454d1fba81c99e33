import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DUPLICATE_EMAIL_MESSAGE,
  createPerson,
  getPerson,
  listAbsences,
  listPeople,
  recordAbsence,
  removeAbsence,
  updatePerson,
  type PersonDetails,
} from "../../app/models/people.server";
import { END_BEFORE_START_MESSAGE } from "../../app/schemas/person";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const NOW = new Date("2026-11-20T09:00:00.000Z");

let test: TestDatabase;

beforeAll(() => {
  test = createTestDatabase({ now: NOW, passwordHash: "x" });
});
afterAll(() => test.close());

function details(overrides: Partial<PersonDetails> = {}): PersonDetails {
  return {
    name: "Kim Taylor",
    email: "kim.taylor@eastbridge.gov.uk",
    jobTitle: "Events Officer",
    service: "Place",
    seniority: 5,
    lineManagerId: test.person("head-parks").id,
    roles: ["staff"],
    active: true,
    ...overrides,
  };
}

/** The details of an existing person, as the edit form would send them back unchanged. */
function current(id: number): PersonDetails {
  const { id: _id, ...rest } = getPerson(test.db, id)!;
  return rest;
}

describe("adding a person", () => {
  it("stores them with a lower-case email, their roles and their line manager", () => {
    const outcome = createPerson(test.db, details({ name: "Ana Silva", email: "  Ana.Silva@Eastbridge.gov.uk " }), "hash");
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(getPerson(test.db, outcome.id)).toMatchObject({
      name: "Ana Silva",
      email: "ana.silva@eastbridge.gov.uk",
      roles: ["staff"],
      lineManagerId: test.person("head-parks").id,
      active: true,
    });
    const listed = listPeople(test.db, NOW).find((person) => person.id === outcome.id);
    expect(listed).toMatchObject({ lineManagerName: "Liam Turner", awayToday: false });
  });

  it("refuses an email address someone already has, whatever its case", () => {
    const outcome = createPerson(test.db, details({ email: "Ellie.Marsh@eastbridge.gov.uk" }), "hash");
    expect(outcome).toEqual({ ok: false, field: "email", message: DUPLICATE_EMAIL_MESSAGE });
  });

  it("refuses another person's email address when editing", () => {
    const sam = test.person("comms2").id;
    const outcome = updatePerson(test.db, sam, { ...current(sam), email: "ellie.marsh@eastbridge.gov.uk" });
    expect(outcome).toMatchObject({ ok: false, field: "email" });
  });
});

describe("line management", () => {
  it("refuses someone who reports to the person, directly or further down, as their manager", () => {
    const marcus = test.person("dir-people").id;
    for (const report of ["head-community", "library-assistant"]) {
      const { id, name } = test.person(report);
      const outcome = updatePerson(test.db, marcus, { ...current(marcus), lineManagerId: id });
      expect(outcome).toEqual({
        ok: false,
        field: "lineManagerId",
        message: `${name} reports to this person, so they cannot be their line manager`,
      });
    }
    expect(getPerson(test.db, marcus)?.lineManagerId).toBe(test.person("ceo").id);
  });

  it("refuses the person as their own manager", () => {
    const jo = test.person("library-assistant").id;
    expect(updatePerson(test.db, jo, { ...current(jo), lineManagerId: jo })).toMatchObject({
      ok: false,
      field: "lineManagerId",
    });
  });

  it("accepts a manager from elsewhere in the organisation", () => {
    const jo = test.person("library-assistant").id;
    const owen = test.person("libraries-manager").id;
    expect(updatePerson(test.db, owen, { ...current(owen), lineManagerId: test.person("head-parks").id }).ok).toBe(true);
    // Jo still reports to Owen, so Owen cannot now report to Jo.
    expect(updatePerson(test.db, owen, { ...current(owen), lineManagerId: jo })).toMatchObject({ ok: false });
  });
});

describe("roles", () => {
  it("replaces the whole set when a person is saved", () => {
    const ben = test.person("hub-officer").id;
    expect(updatePerson(test.db, ben, { ...current(ben), roles: ["communications", "hr_safety"] }).ok).toBe(true);
    expect(getPerson(test.db, ben)?.roles).toEqual(["communications", "hr_safety"]);
    expect(updatePerson(test.db, ben, { ...current(ben), roles: ["staff"] }).ok).toBe(true);
    expect(getPerson(test.db, ben)?.roles).toEqual(["staff"]);
  });

  it("keeps at least one active administrator", () => {
    const alex = test.person("admin").id;
    expect(updatePerson(test.db, alex, { ...current(alex), roles: ["staff"] })).toMatchObject({ ok: false, field: "roles" });
    expect(updatePerson(test.db, alex, { ...current(alex), active: false })).toMatchObject({ ok: false, field: "roles" });
    expect(getPerson(test.db, alex)).toMatchObject({ active: true, roles: ["staff", "admin"] });
  });

  it("keeps the password unless a new hash is given", () => {
    const chris = test.person("parks-officer").id;
    const hashOf = () => test.db.$client.prepare("select password_hash from people where id = ?").pluck().get(chris);
    updatePerson(test.db, chris, current(chris));
    expect(hashOf()).toBe("x");
    updatePerson(test.db, chris, current(chris), "new-hash");
    expect(hashOf()).toBe("new-hash");
  });
});

describe("absences", () => {
  it("records an absence, shows the person as away on those days, and removes it", () => {
    const chris = test.person("parks-officer").id;
    const outcome = recordAbsence(test.db, chris, { startsOn: "2026-11-19", endsOn: "2026-11-20", reason: " Training " });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(listAbsences(test.db, chris)).toEqual([
      { id: outcome.id, startsOn: "2026-11-19", endsOn: "2026-11-20", reason: "Training" },
    ]);
    const away = (at: Date) => listPeople(test.db, at).find((person) => person.id === chris)?.awayToday;
    expect(away(NOW)).toBe(true);
    expect(away(new Date("2026-11-21T09:00:00.000Z"))).toBe(false);

    // Only the person's own absences can be removed through them.
    expect(removeAbsence(test.db, test.person("ceo").id, outcome.id)).toBe(false);
    expect(removeAbsence(test.db, chris, outcome.id)).toBe(true);
    expect(listAbsences(test.db, chris)).toEqual([]);
  });

  it("refuses an absence that ends before it starts", () => {
    const chris = test.person("parks-officer").id;
    expect(recordAbsence(test.db, chris, { startsOn: "2026-11-20", endsOn: "2026-11-19", reason: "Leave" })).toEqual({
      ok: false,
      field: "endsOn",
      message: END_BEFORE_START_MESSAGE,
    });
    expect(recordAbsence(test.db, chris, { startsOn: "2026-02-30", endsOn: "2026-03-01", reason: "Leave" })).toMatchObject({
      ok: false,
      field: "startsOn",
    });
    expect(listAbsences(test.db, chris)).toEqual([]);
  });
});
