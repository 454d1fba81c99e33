import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

export const DEFAULT_REPORTS_PER_MINUTE = 5;
export const DEFAULT_UPLOADS_PER_MINUTE = 30;

/**
 * The whole configuration, read from the environment once at start-up. Anything wrong stops
 * the server with a message that names the variable and what it should be.
 */
const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ invalid_type_error: "must be a number" })
    .int("must be a whole number")
    .min(1, "must be between 1 and 65535")
    .max(65535, "must be between 1 and 65535")
    .default(3000),
  DATABASE_PATH: z.string().min(1, "must not be empty").default("data/holdfast.db"),
  SMTP_URL: z
    .string()
    .url("must be a URL such as smtp://user:password@mail.example.org:587")
    .refine((value) => /^smtps?:\/\//.test(value), "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Holdfast <holdfast@localhost>"),
  /** Where links in emails point; defaults to this server on localhost. */
  APP_URL: z.string().url("must be a URL such as https://holdfast.example.org").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** How often the outbox and deadline workers look for work. */
  WORKER_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /**
   * Which proxies to believe about the client's address (Express's "trust proxy": a number of
   * hops, or addresses), for the per-client sign-in limit. Off by default: the address is the
   * connection's own. Behind a reverse proxy, set it, or every client looks like the proxy.
   */
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value) => (value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value)),
  /**
   * Reports one person may send, and files they may upload, in a minute: far above what anyone
   * needs by hand (a report takes two minutes to write), far below what a script can do (each
   * report emails several people, each file is synced to disk). Raised only for a load test.
   */
  REPORTS_PER_MINUTE: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).default(DEFAULT_REPORTS_PER_MINUTE),
  UPLOADS_PER_MINUTE: z.coerce.number({ invalid_type_error: "must be a number" }).int().min(1).default(DEFAULT_UPLOADS_PER_MINUTE),
  /** Whether an empty database gets the demo history (past incidents) as well as the demo organisation. */
  DEMO_HISTORY: z.enum(["on", "off"], { errorMap: () => ({ message: "must be on or off" }) }).default("on"),
});

export type Environment = z.infer<typeof environmentSchema> & {
  dataDirectory: string;
  mailSinkDirectory: string;
  sessionSecret: string;
  appUrl: string;
};

export class EnvironmentError extends Error {}

/** Reads and checks the environment. Throws an EnvironmentError listing every problem. */
export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  const blankAsUnset = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = environmentSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")} ${issue.message}`);
    throw new EnvironmentError(`Holdfast cannot start: the environment is not right.\n${problems.join("\n")}`);
  }
  const values = parsed.data;
  const databasePath = values.DATABASE_PATH === ":memory:" ? ":memory:" : resolve(values.DATABASE_PATH);
  const dataDirectory = databasePath === ":memory:" ? resolve("data") : dirname(databasePath);
  return {
    ...values,
    DATABASE_PATH: databasePath,
    dataDirectory,
    mailSinkDirectory: join(dataDirectory, "mail"),
    sessionSecret: values.SESSION_SECRET ?? keptSessionSecret(dataDirectory),
    appUrl: (values.APP_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, ""),
  };
}

/**
 * With no SESSION_SECRET, a random one is made once and kept beside the database, so sessions
 * survive a restart. Fine for one machine; set SESSION_SECRET when running more than one.
 */
function keptSessionSecret(dataDirectory: string): string {
  const file = join(dataDirectory, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDirectory, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    console.warn(`SESSION_SECRET is not set: generated one and kept it in ${file}`);
  }
  return readFileSync(file, "utf8").trim();
}

let environment: Environment | undefined;

export function env(): Environment {
  environment ??= readEnvironment();
  return environment;
}
