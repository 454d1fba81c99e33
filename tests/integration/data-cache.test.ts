import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDashboard } from "../../app/models/dashboard.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { cachedUntilDataChanges } from "../../app/utils/data-cache.server";
import { allRows, oneRow } from "../../app/utils/statements.server";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { settings } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

let test: TestDatabase;
beforeEach(() => {
  test = createTestDatabase();
});
afterEach(() => test.close());

describe("values cached until the database changes", () => {
  it("are worked out once while nothing is written", () => {
    let computed = 0;
    const compute = () => ++computed;
    expect(cachedUntilDataChanges(test.db, "key", compute)).toBe(1);
    expect(cachedUntilDataChanges(test.db, "key", compute)).toBe(1);
    expect(cachedUntilDataChanges(test.db, "other", compute)).toBe(2);
  });

  it("are worked out afresh after a write on the same connection", () => {
    let computed = 0;
    cachedUntilDataChanges(test.db, "key", () => ++computed);
    test.db.insert(settings).values({ key: "cache-test", value: "1" }).run();
    expect(cachedUntilDataChanges(test.db, "key", () => ++computed)).toBe(2);
  });

  it("are worked out afresh after another connection commits", () => {
    let computed = 0;
    cachedUntilDataChanges(test.db, "key", () => ++computed);
    const other = openDatabase(test.path);
    try {
      other.insert(settings).values({ key: "cache-test", value: "1" }).run();
    } finally {
      other.$client.close();
    }
    expect(cachedUntilDataChanges(test.db, "key", () => ++computed)).toBe(2);
  });

  it("that follow the clock hold only from the time they were worked out for until the time they gave", () => {
    let computed = 0;
    const at = (iso: string) => ({ now: new Date(iso), until: () => "2026-11-23T10:00:00.000Z" });
    const cached = (iso: string) => cachedUntilDataChanges(test.db, "clock", () => ++computed, at(iso));
    expect(cached("2026-11-23T09:00:00.000Z")).toBe(1);
    expect(cached("2026-11-23T09:59:59.999Z")).toBe(1);
    // At the time given, and for a time before the one it was worked out for, it is worked out again.
    expect(cached("2026-11-23T10:00:00.000Z")).toBe(2);
    expect(cached("2026-11-23T08:00:00.000Z")).toBe(3);
    // A value kept without a clock is never taken for one that follows it, nor the other way round.
    expect(cachedUntilDataChanges(test.db, "clock", () => ++computed)).toBe(4);
    expect(cached("2026-11-23T09:00:00.000Z")).toBe(5);
  });

  it("keep at most 200 keys, dropping the least recently used", () => {
    let computed = 0;
    for (let index = 0; index < 201; index += 1) cachedUntilDataChanges(test.db, `key-${index}`, () => ++computed);
    expect(cachedUntilDataChanges(test.db, "key-200", () => ++computed)).toBe(201);
    expect(cachedUntilDataChanges(test.db, "key-0", () => ++computed)).toBe(202);
  });

  it("never show the dashboard's figures from before a new report", () => {
    const comms = test.user("comms1");
    const before = getDashboard(test.db, comms, new Date());
    expect(before.openByStep).toEqual([]);
    reportMistakenPost(test.db, test.person("library-assistant"), {
      platform: "Facebook",
      account: "@EastbridgeLibraries",
      link: null,
      postedAt: new Date().toISOString(),
      whatHappened: "Wrong opening hours.",
    }, new Date());
    expect(getDashboard(test.db, comms, new Date()).openByStep.map((row) => row.count)).toEqual([1]);
  });
});

describe("statements compiled once per connection", () => {
  it("run again with each call's own values", () => {
    const names = (like: string) => allRows<{ name: string }>(test.db, sql`select name from people where name like ${like} order by name`).map((row) => row.name);
    expect(names("%Patel%")).toEqual(["Sam Patel"]);
    expect(names("J%")).toEqual(["Jo Lee"]);
    expect(oneRow<{ count: number }>(test.db, sql`select count(*) as count from people where name like ${"%a%"}`)?.count).toBeGreaterThan(1);
    expect(oneRow<{ name: string }>(test.db, sql`select name from people where id = ${-1}`)).toBeUndefined();
  });

  it("see rows written since they were compiled", () => {
    const count = () => oneRow<{ count: number }>(test.db, sql`select count(*) as count from settings where key = ${"cache-test"}`)!.count;
    expect(count()).toBe(0);
    test.db.insert(settings).values({ key: "cache-test", value: "1" }).run();
    expect(count()).toBe(1);
  });
});
