import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "@playwright/test";

/**
 * A second copy of the built app, in its own process with its own database, for the probes that
 * would disturb the shared journey server (fuzzed forms, floods) or need to watch the process
 * itself (its memory). The journey server built build/index.js before any spec runs.
 */
export interface OwnServer {
  base: string;
  databasePath: string;
  /** The process's resident memory now, in bytes, from /proc. */
  residentBytes: () => number;
  stop: () => Promise<void>;
}

/** A port nothing listens on now, from the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startOwnServer(options: { demoHistory: boolean }): Promise<OwnServer> {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), "holdfast-e2e-own-"));
  const databasePath = join(directory, "holdfast.db");
  const server = spawn(process.execPath, ["build/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: databasePath,
      SESSION_SECRET: "own-server-session-secret-that-is-long-enough",
      SMTP_URL: "",
      WORKER_INTERVAL_MS: "500",
      DEMO_HISTORY: options.demoHistory ? "on" : "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    server.once("exit", (code, signal) => {
      // A server that dies under a probe is the finding: say why, with everything it printed.
      if (!stopping) console.error(`The probed server stopped (${code ?? signal}):\n${output}`);
      resolve();
    }),
  );
  const base = `http://localhost:${port}`;
  await expect
    .poll(
      async () => {
        if (server.exitCode !== null) throw new Error(`The server stopped:\n${output}`);
        return fetch(`${base}/healthz`).then((response) => response.status, () => 0);
      },
      { timeout: 90_000, message: "the server's /healthz" },
    )
    .toBe(200);
  return {
    base,
    databasePath,
    residentBytes: () => {
      const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
    },
    stop: async () => {
      stopping = true;
      server.kill("SIGTERM");
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Signs in by the form, as the browser would send it, and gives the session's Cookie header. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const setCookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !setCookie) throw new Error(`Signing in as ${email}: HTTP ${response.status}`);
  return setCookie.split(";")[0];
}
