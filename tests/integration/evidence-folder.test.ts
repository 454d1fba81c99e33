import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { saveScreenshotsPage } from "../../app/paths/staff-abuse/report.server";
import { attachScreenshots } from "../../app/models/incidents.server";
import { receiveEvidenceUpload, type StoredEvidence } from "../../app/utils/evidence.server";
import { checkEvidenceFolder, logEvidenceFolderCheck } from "../../db/evidence-folder";
import { verifyRecords } from "../../db/verify";
import { copyTestDatabase, createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";
import { reportAbuseAs } from "../helpers/staff-abuse";

let source: TestDatabase;
let attached: StoredEvidence[];
let drafted: StoredEvidence;

const evidenceOf = (test: TestDatabase) => join(test.directory, "evidence");

async function store(test: TestDatabase, names: string[]): Promise<StoredEvidence[]> {
  const form = new FormData();
  for (const [index, name] of names.entries()) form.append("evidence", new File([new Uint8Array(makePng(8 + index, 8))], name, { type: "image/png" }));
  const upload = await receiveEvidenceUpload(new Request("http://localhost/upload", { method: "POST", body: form }), { directory: evidenceOf(test) });
  return upload.files;
}

beforeAll(async () => {
  source = createTestDatabase();
  const incident = reportAbuseAs(source, "parks-officer");
  attached = await store(source, ["first.png", "second.png"]);
  const outcome = attachScreenshots(source.db, { incident, expectedVersion: incident.version, user: source.user("parks-officer"), files: attached });
  if (!outcome?.ok) throw new Error("the screenshots were not attached");
  [drafted] = await store(source, ["draft.png"]);
  saveScreenshotsPage(source.db, source.person("hub-officer").id, { screenshots: [drafted], noScreenshotReason: null }, new Date());
});
afterAll(() => source.close());

describe("the evidence folder against the rows", () => {
  it("finds nothing to report when every named file is stored and every stored file is named", async () => {
    const report = await checkEvidenceFolder(source.db, evidenceOf(source));
    // Three files and their three thumbnails.
    expect(report).toEqual({ filesNamed: 3, filesStored: 6, missing: [], orphans: [] });
    expect(readdirSync(join(evidenceOf(source), attached[0].storagePath, ".."))).not.toContainEqual(expect.stringMatching(/\.partial$/));
  });

  it("reports files named but not stored (by an incident or a draft) and files stored but not named", async () => {
    const copy = copyTestDatabase(source);
    try {
      const folder = evidenceOf(copy);
      rmSync(join(folder, attached[1].storagePath));
      rmSync(join(folder, drafted.storagePath));
      mkdirSync(join(folder, "2026", "01"), { recursive: true });
      writeFileSync(join(folder, "2026", "01", "left-by-a-crash"), "bytes");
      writeFileSync(join(folder, "2026", "01", "cut-off.partial"), "half");
      writeFileSync(join(folder, "2026", "01", "left-by-a-crash.thumb.webp"), "preview");

      const report = await checkEvidenceFolder(copy.db, folder);
      expect(report.missing).toEqual([
        { storagePath: attached[1].storagePath, namedBy: expect.stringMatching(/^HF-\d{4}-0001, file 2$/), source: "incident" },
        { storagePath: drafted.storagePath, namedBy: expect.stringMatching(/^the unsent report \(draft \d+\) of person \d+$/), source: "draft" },
      ]);
      expect(report.orphans.sort()).toEqual(["2026/01/cut-off.partial", "2026/01/left-by-a-crash", "2026/01/left-by-a-crash.thumb.webp"]);

      // The start-up check says so in the log, the missing files as an error.
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        await logEvidenceFolderCheck(copy.db, folder);
        const logged = errors.mock.calls.map((call) => String(call[0])).join("\n");
        expect(logged).toContain(`MISSING: 2 files named by the database are not in the evidence folder:`);
        expect(logged).toContain(`  ${drafted.storagePath} (named by the unsent report`);
        expect(logged).toContain("3 files in the evidence folder are not named by the database");
        expect(logged).toContain("  2026/01/left-by-a-crash");
      } finally {
        errors.mockRestore();
      }

      // The full check counts the missing files as problems, and lists the orphans without failing on them.
      const verified = await verifyRecords(copy.db, folder);
      expect(verified.problems.map((problem) => problem.kind).sort()).toEqual(["draft_file_missing", "file_missing"]);
      expect(verified.orphanFiles.sort()).toEqual(report.orphans.sort());
    } finally {
      copy.close();
    }
  });

  it("lets orphans alone in the verdict: a folder with only orphans verifies", async () => {
    const copy = copyTestDatabase(source);
    try {
      writeFileSync(join(evidenceOf(copy), attached[0].storagePath.replace(/[^/]+$/, "never-recorded")), "bytes");
      const verified = await verifyRecords(copy.db, evidenceOf(copy));
      expect(verified.ok).toBe(true);
      expect(verified.orphanFiles).toEqual([attached[0].storagePath.replace(/[^/]+$/, "never-recorded")]);
    } finally {
      copy.close();
    }
  });

  it("logs that all is well when it is", async () => {
    const logs = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await logEvidenceFolderCheck(source.db, evidenceOf(source));
      expect(logs.mock.calls.map((call) => String(call[0])).join("\n")).toContain(
        "Every file the database names is there, and every stored file is named.",
      );
    } finally {
      logs.mockRestore();
    }
  });
});
