import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { openDatabaseForReading } from "./client";
import { storedFiles } from "./evidence-folder";
import { verifyRecords, type VerificationReport } from "./verify";

/**
 * Backups (decision 17): the database copied online by SQLite's backup API, then the evidence
 * folder, into a folder of their own, then the copy checked as it would be after a restore.
 *
 * A backup folder holds `holdfast.db` and `evidence/`, laid out as the data folder is, so
 * restoring is putting the two back where DATABASE_PATH and its evidence folder are.
 */

export const BACKUP_DATABASE = "holdfast.db";
export const BACKUP_EVIDENCE = "evidence";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** An upload still being written (evidence.server.ts): no row names it, so it is not evidence yet. */
const PARTIAL_SUFFIX = ".partial";

/**
 * Copies every file below `from` into `to`, as the evidence check lists them. A file removed
 * while the copy runs (a draft's screenshot discarded) is skipped: the database copy, taken
 * before, is what says which files must be there, and the check afterwards finds any that are not.
 */
async function copyEvidence(from: string, to: string): Promise<number> {
  let copied = 0;
  for (const path of await storedFiles(from)) {
    if (path.endsWith(PARTIAL_SUFFIX)) continue;
    await mkdir(dirname(join(to, path)), { recursive: true });
    try {
      await copyFile(join(from, path), join(to, path));
      copied += 1;
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  return copied;
}

/**
 * Backs up the database at `databasePath` and the `evidenceFolder` into `folder`, which must not
 * exist yet. Safe while the server runs and writes: the backup API copies one consistent state
 * of the database, commits still in the write-ahead log included (a file copy misses those).
 * The database goes first: a file stored after its copy is only an extra file in the backup,
 * whereas files copied first would miss those recorded in between, and the backup would not verify.
 */
export async function makeBackup(source: { databasePath: string; evidenceFolder: string }, folder: string) {
  await mkdir(folder, { recursive: false });
  const target = join(folder, BACKUP_DATABASE);
  const live = openDatabaseForReading(source.databasePath).$client;
  try {
    // After the first step, the rest in one step: each step reads in a transaction of its own,
    // and a write between steps would start the copy again, for ever on a busy server.
    await live.backup(target, { progress: ({ totalPages }) => totalPages });
  } finally {
    live.close();
  }
  // One file, nothing beside it: the copy is left out of WAL mode (the server sets it again on start).
  const copy = new Database(target);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const evidenceFiles = await copyEvidence(source.evidenceFolder, join(folder, BACKUP_EVIDENCE));
  return { databasePath: target, evidenceFiles };
}

export type BackupCheck =
  | { ok: true; report: VerificationReport }
  | { ok: false; problems: string[]; report: VerificationReport | null };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Checks a backup folder as it stands: SQLite's integrity check of its database, then the
 * project's verify (every timeline's hash chain, every evidence file's hash) against the
 * database and evidence in the folder. Only reads.
 */
export async function checkBackup(folder: string): Promise<BackupCheck> {
  let sqlite: Database.Database | undefined;
  try {
    const db = openDatabaseForReading(join(folder, BACKUP_DATABASE));
    sqlite = db.$client;
    const integrity = sqlite.pragma("integrity_check") as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0].integrity_check !== "ok") {
      return { ok: false, problems: integrity.map((row) => `The database copy is damaged: ${row.integrity_check}`), report: null };
    }
    const report = await verifyRecords(db, join(folder, BACKUP_EVIDENCE));
    // A draft's screenshot removed between the database's copy and the folder's ("Start again", a
    // screenshot taken out) is gone by the person's choice; no record names it. Anything else is a problem.
    const problems = report.problems.filter((problem) => problem.kind !== "draft_file_missing");
    return problems.length === 0 ? { ok: true, report } : { ok: false, problems: problems.map((problem) => problem.message), report };
  } catch (error) {
    return { ok: false, problems: [`The database copy cannot be read: ${reasonOf(error)}`], report: null };
  } finally {
    sqlite?.close();
  }
}
