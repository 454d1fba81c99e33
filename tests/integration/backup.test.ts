import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, cpSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateDraftScreenshots } from "../../app/paths/staff-abuse/report.server";
import { receiveEvidenceUpload } from "../../app/utils/evidence.server";
import { BACKUP_DATABASE, BACKUP_EVIDENCE, checkBackup, makeBackup } from "../../db/backup";
import { openDatabase } from "../../db/client";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";
import { addScreenshot, reportAbuseAs } from "../helpers/staff-abuse";

const ROOT = join(import.meta.dirname, "../..");

let test: TestDatabase;
let scratch: string;

beforeAll(async () => {
  test = createTestDatabase();
  // The upload code finds the evidence folder beside DATABASE_PATH.
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  scratch = mkdtempSync(join(tmpdir(), "holdfast-backups-"));
  for (let index = 0; index < 3; index += 1) await addScreenshot(test, reportAbuseAs(test, "library-assistant"), "library-assistant");
});
afterAll(() => {
  test.close();
  rmSync(scratch, { recursive: true, force: true });
});

const source = () => ({ databasePath: test.path, evidenceFolder: join(test.directory, "evidence") });
const incidentCount = (sqlite: Database.Database) => (sqlite.prepare("select count(*) as n from incidents").get() as { n: number }).n;

function run(script: string, args: string[], databasePath: string) {
  const result = spawnSync(join(ROOT, "node_modules/.bin/tsx"), [script, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, NODE_ENV: "test" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("backing up", () => {
  it("copies the database, then the evidence, while reports with screenshots keep coming; the copy restores and verifies", async () => {
    const before = incidentCount(test.db.$client);
    let writing = true;
    const writes = (async () => {
      let written = 0;
      while (writing) {
        await addScreenshot(test, reportAbuseAs(test, "library-assistant"), "library-assistant");
        written += 1;
      }
      return written;
    })();
    const folder = join(scratch, "under-load");
    const made = await makeBackup(source(), folder);
    writing = false;
    expect(await writes).toBeGreaterThan(0);
    expect(made.evidenceFiles).toBeGreaterThanOrEqual(3);

    const check = await checkBackup(folder);
    expect(check.ok, check.ok ? "" : check.problems.join("\n")).toBe(true);
    const copy = new Database(join(folder, BACKUP_DATABASE), { readonly: true });
    const copied = incidentCount(copy);
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(incidentCount(test.db.$client));

    // Restored as the README says: the database and the evidence folder put back, the server
    // started (it opens and migrates the database), then `npm run verify`.
    const restored = join(scratch, "restored");
    cpSync(join(folder, BACKUP_EVIDENCE), join(restored, "evidence"), { recursive: true });
    copyFileSync(join(folder, BACKUP_DATABASE), join(restored, "holdfast.db"));
    openDatabase(join(restored, "holdfast.db")).$client.close();
    const verified = run("app/tools/verify-cli.ts", [], join(restored, "holdfast.db"));
    expect(verified.output).toContain("All records check out");
    expect(verified.status).toBe(0);
  }, 120_000);

  it("does not check out when an evidence file recorded in the copied database is missing from the copy", async () => {
    const folder = join(scratch, "missing-file");
    await makeBackup(source(), folder);
    const { storagePath } = test.db.$client.prepare("select storage_path as storagePath from evidence_files order by id limit 1").get() as { storagePath: string };
    rmSync(join(folder, BACKUP_EVIDENCE, storagePath));
    const check = await checkBackup(folder);
    expect(check.ok).toBe(false);
    expect(check.ok ? [] : check.problems).toEqual([expect.stringMatching(/missing|no longer there|not there/i)]);
  }, 60_000);

  it("checks out when a draft's screenshot was taken out between the database's copy and the folder's, and copies no upload still being written", async () => {
    const person = test.person("parks-officer").id;
    const form = new FormData();
    form.append("evidence", new File([new Uint8Array(makePng(20, 20))], "draft.png", { type: "image/png" }));
    const [screenshot] = (await receiveEvidenceUpload(new Request("http://localhost/upload", { method: "POST", body: form }))).files;
    updateDraftScreenshots(test.db, person, { added: [screenshot], removing: null, noScreenshotReason: null }, new Date());
    const beingWritten = join(test.directory, "evidence", "upload-in-progress.png.partial");
    writeFileSync(beingWritten, "half a file");

    const folder = join(scratch, "draft-removed");
    await makeBackup(source(), folder);
    expect(existsSync(join(folder, BACKUP_EVIDENCE, "upload-in-progress.png.partial"))).toBe(false);
    // As if "Start again" had removed it just after the database was copied.
    rmSync(join(folder, BACKUP_EVIDENCE, screenshot.storagePath));
    const check = await checkBackup(folder);
    expect(check.ok, check.ok ? "" : check.problems.join("\n")).toBe(true);
    rmSync(beingWritten);
  }, 60_000);

  it("npm run backup makes a backup that checks out, and its --check exits non-zero with a clear message once the copy is damaged", () => {
    const folder = join(scratch, "by-command");
    const backedUp = run("app/tools/backup-cli.ts", [folder], test.path);
    expect(backedUp.output).toContain("The backup checks out");
    expect(backedUp.status).toBe(0);

    // Damage the page holding the timeline, as a failing disk or a bad copy would.
    const copyPath = join(folder, BACKUP_DATABASE);
    const copy = new Database(copyPath, { readonly: true });
    const pageSize = copy.pragma("page_size", { simple: true }) as number;
    const { rootpage } = copy.prepare("select rootpage from sqlite_master where name = 'incident_events'").get() as { rootpage: number };
    copy.close();
    const file = openSync(copyPath, "r+");
    writeSync(file, Buffer.alloc(pageSize, 0xff), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(file);

    const checked = run("app/tools/backup-cli.ts", ["--check", folder], test.path);
    expect(checked.output).toContain("The backup does NOT check out");
    expect(checked.output).toMatch(/damaged|cannot be read/);
    expect(checked.status).toBe(1);
  }, 120_000);
});
