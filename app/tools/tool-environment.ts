import { EnvironmentError, readEnvironment } from "../utils/env.server";
import { evidenceDirectory } from "../utils/evidence.server";

export type ToolEnvironment =
  | { ok: true; databasePath: string; dataDirectory: string; evidenceFolder: string }
  | { ok: false; message: string };

/**
 * Where the database and its evidence folder are, for the command-line tools (`npm run verify`,
 * `npm run backup`), found the same way as the app finds them.
 */
export function readToolEnvironment(): ToolEnvironment {
  try {
    // The tools sign no sessions: a stand-in secret keeps readEnvironment from generating one
    // and writing it beside the database.
    const environment = readEnvironment({ ...process.env, SESSION_SECRET: "verify".repeat(6) });
    return {
      ok: true,
      databasePath: environment.DATABASE_PATH,
      dataDirectory: environment.dataDirectory,
      evidenceFolder: evidenceDirectory(environment.dataDirectory),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: error instanceof EnvironmentError ? reason : `The environment could not be read: ${reason}` };
  }
}
