import { execFileSync } from "node:child_process";
import { defineConfig } from "@playwright/test";

/**
 * Journeys run in Debian's Chromium (never a downloaded browser) against the built app, started
 * on its own port with a fresh database and mail folder under tests/.tmp/e2e.
 */
// Without E2E_PORT, a port the system says is free, so two runs on one machine never meet. It is
// chosen once, in the runner, and handed to the workers through the environment they inherit.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  "-e",
  "const server = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(server.address().port); server.close(); })",
])
  .toString()
  .trim();
const PORT = Number(process.env.E2E_PORT);
// One folder per port, so two runs on different ports never share a database.
export const E2E_DATA_DIRECTORY = `tests/.tmp/e2e-${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Sized for a busy two-core machine (a second test run, a build beside it): the journeys wait
  // for conditions, so a generous limit costs nothing when things are quick.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    actionTimeout: 30_000,
    navigationTimeout: 45_000,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${E2E_DATA_DIRECTORY} && node_modules/.bin/remix build && node build/index.js`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      DATABASE_PATH: `${E2E_DATA_DIRECTORY}/holdfast.db`,
      SESSION_SECRET: "e2e-session-secret-that-is-long-enough-123",
      WORKER_INTERVAL_MS: "200",
      SMTP_URL: "",
      // The journeys start from the organisation alone (empty lists, no paused channels).
      DEMO_HISTORY: "off",
    },
  },
});
