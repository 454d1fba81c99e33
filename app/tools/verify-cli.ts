import { openDatabaseForReading, type Db } from "../../db/client";
import { describeCounts, verifyRecords, type VerificationReport } from "../../db/verify";
import { readToolEnvironment } from "./tool-environment";

/**
 * `npm run verify`: checks every incident's timeline and every stored evidence file of the
 * database named by DATABASE_PATH (default data/holdfast.db), with its evidence folder found the
 * same way as the app finds it. Only reads.
 *
 * Exit codes: 0 all is well, 1 something is broken (each problem is listed), 2 the check could
 * not be made (the database cannot be opened, or the environment is wrong).
 */

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_CANNOT_CHECK = 2;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function printReport(report: VerificationReport) {
  const lines = [`Checked ${describeCounts(report)}.`, ""];
  if (report.ok) {
    lines.push("All records check out: every timeline is unbroken and every file matches its recorded SHA-256.");
  } else {
    lines.push(`Found ${report.problems.length === 1 ? "1 problem" : `${report.problems.length} problems`}:`, "");
    report.problems.forEach((problem, index) => lines.push(`  ${index + 1}. ${problem.message}`));
    lines.push(
      "",
      "These records no longer match what was written. Keep a copy of the database and the evidence",
      "folder as they are now, before anything else changes, and tell whoever looks after Holdfast.",
    );
  }
  if (report.orphanFiles.length > 0) {
    lines.push(
      "",
      `Also, no record names ${report.orphanFiles.length === 1 ? "this file" : `these ${report.orphanFiles.length} files`} in the evidence folder`,
      "(uploads never recorded, for example cut off by a restart). Nothing refers to them, so they do",
      "not change the result above:",
      ...report.orphanFiles.map((path) => `  ${path}`),
    );
  }
  console.log(lines.join("\n"));
}

async function main(): Promise<number> {
  const environment = readToolEnvironment();
  if (!environment.ok) {
    console.error(environment.message);
    return EXIT_CANNOT_CHECK;
  }
  const { databasePath, evidenceFolder } = environment;

  console.log(["Holdfast record check", `  Database: ${databasePath}`, `  Evidence: ${evidenceFolder}`, ""].join("\n"));

  let db: Db;
  try {
    if (databasePath === ":memory:") throw new Error("an in-memory database has nothing to check");
    db = openDatabaseForReading(databasePath);
    // A file that is not SQLite, or not a Holdfast database, fails here rather than half-way.
    db.$client.prepare("select count(*) from incidents join incident_events on 0 join evidence_files on 0").get();
  } catch (error) {
    console.error(`The database cannot be opened at ${databasePath}: ${reasonOf(error)}`);
    return EXIT_CANNOT_CHECK;
  }

  try {
    const report = await verifyRecords(db, evidenceFolder);
    printReport(report);
    return report.ok ? EXIT_OK : EXIT_BROKEN;
  } catch (error) {
    console.error(`The check could not be finished: ${reasonOf(error)}`);
    return EXIT_CANNOT_CHECK;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main();
