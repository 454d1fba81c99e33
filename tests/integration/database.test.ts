import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

let test: TestDatabase;
beforeAll(() => {
  test = createTestDatabase();
});
afterAll(() => test.close());

describe("the SQLite connection", () => {
  it("is in WAL mode with full durability, foreign keys enforced and a busy timeout", () => {
    const sqlite = test.db.$client;
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    // 2 = FULL: every commit reaches the disk before it is reported done.
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("refuses a row that points at nothing", () => {
    expect(() =>
      test.db.$client.prepare("insert into absences (person_id, starts_on, ends_on, reason) values (999999, '2026-01-01', '2026-01-02', 'x')").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });
});
