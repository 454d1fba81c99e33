import { join } from "node:path";
import { describeCounts } from "../../db/verify";
import { checkBackup, makeBackup } from "../../db/backup";
import { readToolEnvironment } from "./tool-environment";

/**
 * `npm run backup [-- <folder>]`: backs up the database named by DATABASE_PATH (default
 * data/holdfast.db) and its evidence folder into <folder>, by default a new folder named by the
 * time under backups/ beside the database, then checks the copy (see db/backup.ts).
 * `npm run backup -- --check <folder>` checks a backup made earlier, before restoring it.
 *
 * Exit codes: 0 the backup is made and checks out, 1 the backup does not check out (each problem
 * is listed), 2 no backup could be made or read.
 */

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_CANNOT_BACK_UP = 2;

async function check(folder: string): Promise<number> {
  console.log(`Checking ${folder}: SQLite's integrity check, then every timeline and evidence file.`);
  const result = await checkBackup(folder);
  if (result.ok) {
    console.log(`The backup checks out: ${describeCounts(result.report)}, the database intact.`);
    return EXIT_OK;
  }
  console.error(["The backup does NOT check out; do not rely on it:", ...result.problems.map((problem, index) => `  ${index + 1}. ${problem}`)].join("\n"));
  return EXIT_BROKEN;
}

async function main(args: string[]): Promise<number> {
  const environment = readToolEnvironment();
  if (!environment.ok) {
    console.error(environment.message);
    return EXIT_CANNOT_BACK_UP;
  }
  if (args[0] === "--check") {
    if (!args[1]) {
      console.error("Say which backup folder to check: npm run backup -- --check <folder>");
      return EXIT_CANNOT_BACK_UP;
    }
    return check(args[1]);
  }
  const { databasePath, dataDirectory, evidenceFolder } = environment;
  const folder = args[0] ?? join(dataDirectory, "backups", `holdfast-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  console.log(["Holdfast backup", `  Database: ${databasePath}`, `  Evidence: ${evidenceFolder}`, `  Into:     ${folder}`, ""].join("\n"));
  try {
    const made = await makeBackup({ databasePath, evidenceFolder }, folder);
    console.log(`Copied the database, then ${made.evidenceFiles} evidence files.`);
  } catch (error) {
    console.error(`No backup was made: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_CANNOT_BACK_UP;
  }
  return check(folder);
}

process.exitCode = await main(process.argv.slice(2));
