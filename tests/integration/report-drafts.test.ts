import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportDrafts } from "../../db/schema";
import { deleteDraft, loadDraft, saveDraft } from "../../app/models/report-drafts.server";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const NOW = new Date("2026-11-20T09:00:00.000Z");
const LATER = new Date("2026-11-20T09:05:00.000Z");

let test: TestDatabase;

beforeAll(() => {
  test = createTestDatabase({ now: NOW, passwordHash: "x" });
});
afterAll(() => test.close());

describe("report drafts", () => {
  it("has no draft until the first page is saved", () => {
    expect(loadDraft(test.db, test.person("library-assistant").id, "staff_abuse")).toBeUndefined();
  });

  it("creates the draft on the first save and merges each later page into it", () => {
    const personId = test.person("library-assistant").id;
    const first = saveDraft(test.db, personId, "staff_abuse", { inDanger: "no" }, NOW);
    expect(first.data).toEqual({ inDanger: "no" });
    expect(first.updatedAt).toBe(NOW.toISOString());

    const second = saveDraft(test.db, personId, "staff_abuse", { kinds: ["threat", "hate"], protectedCharacteristics: ["race"] }, LATER);
    expect(second.id).toBe(first.id);
    expect(second.updatedAt).toBe(LATER.toISOString());
    expect(loadDraft(test.db, personId, "staff_abuse")?.data).toEqual({
      inDanger: "no",
      kinds: ["threat", "hate"],
      protectedCharacteristics: ["race"],
    });
  });

  it("replaces a page's answers when it is saved again: lists whole, cleared answers (null) removed", () => {
    const personId = test.person("library-assistant").id;
    saveDraft(test.db, personId, "staff_abuse", { kinds: ["harassment"], protectedCharacteristics: null, inDanger: "yes" }, LATER);
    expect(loadDraft(test.db, personId, "staff_abuse")?.data).toEqual({ inDanger: "yes", kinds: ["harassment"] });
  });

  it("keeps lists of objects (the stored screenshots) exactly", () => {
    const personId = test.person("library-assistant").id;
    const screenshots = [
      { originalName: "post.png", mediaType: "image/png", sizeBytes: 1234, sha256: "a".repeat(64), storagePath: "2026/11/x", absolutePath: "/tmp/x" },
    ];
    saveDraft(test.db, personId, "staff_abuse", { screenshots }, LATER);
    expect(loadDraft(test.db, personId, "staff_abuse")?.data.screenshots).toEqual(screenshots);
    saveDraft(test.db, personId, "staff_abuse", { screenshots: [] }, LATER);
    expect(loadDraft(test.db, personId, "staff_abuse")?.data.screenshots).toEqual([]);
  });

  it("does not store nulls in a new draft", () => {
    const personId = test.person("hub-officer").id;
    saveDraft(test.db, personId, "staff_abuse", { link: null, platform: "Facebook" }, NOW);
    expect(loadDraft(test.db, personId, "staff_abuse")?.data).toEqual({ platform: "Facebook" });
  });

  it("keeps one draft per person and kind", () => {
    const personId = test.person("library-assistant").id;
    saveDraft(test.db, personId, "another_kind", { note: "separate" }, NOW);
    expect(loadDraft(test.db, personId, "another_kind")?.data).toEqual({ note: "separate" });
    expect(loadDraft(test.db, personId, "staff_abuse")?.data.inDanger).toBe("yes");
    const rows = test.db.select().from(reportDrafts).all().filter((row) => row.personId === personId);
    expect(rows.map((row) => row.kind).sort()).toEqual(["another_kind", "staff_abuse"]);
  });

  it("deletes a draft and hands back what it held, leaving the others", () => {
    const personId = test.person("library-assistant").id;
    const deleted = deleteDraft(test.db, personId, "staff_abuse");
    expect(deleted?.data.inDanger).toBe("yes");
    expect(loadDraft(test.db, personId, "staff_abuse")).toBeUndefined();
    expect(loadDraft(test.db, personId, "another_kind")).toBeDefined();
    expect(deleteDraft(test.db, personId, "staff_abuse")).toBeUndefined();
  });
});
