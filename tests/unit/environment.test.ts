import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvironmentError, readEnvironment } from "../../app/utils/env.server";

describe("the environment", () => {
  it("has working defaults, keeping a generated session secret beside the database", () => {
    const directory = mkdtempSync(join(tmpdir(), "holdfast-env-"));
    const databasePath = join(directory, "holdfast.db");
    const environment = readEnvironment({ DATABASE_PATH: databasePath });
    expect(environment).toMatchObject({ PORT: 3000, DATABASE_PATH: databasePath, appUrl: "http://localhost:3000" });
    expect(environment.SMTP_URL).toBeUndefined();
    expect(environment.mailSinkDirectory).toBe(join(directory, "mail"));
    expect(existsSync(join(directory, "session-secret"))).toBe(true);
    // The same secret is read back next time, so sessions survive a restart.
    expect(readEnvironment({ DATABASE_PATH: databasePath }).sessionSecret).toBe(readFileSync(join(directory, "session-secret"), "utf8"));
  });

  it("names every variable that is wrong, and says what it should be", () => {
    const attempt = () => readEnvironment({ PORT: "eighty", SMTP_URL: "http://mail.example.org", SESSION_SECRET: "short" });
    expect(attempt).toThrow(EnvironmentError);
    expect(attempt).toThrow(/PORT must be a number/);
    expect(attempt).toThrow(/SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
    expect(attempt).toThrow(/SESSION_SECRET must be at least 32 characters/);
  });

  it("adds the demo history unless DEMO_HISTORY is off, and names a wrong value", () => {
    const secret = { SESSION_SECRET: "x".repeat(32) };
    expect(readEnvironment(secret).DEMO_HISTORY).toBe("on");
    expect(readEnvironment({ ...secret, DEMO_HISTORY: "off" }).DEMO_HISTORY).toBe("off");
    expect(readEnvironment({ ...secret, DEMO_HISTORY: "on" }).DEMO_HISTORY).toBe("on");
    const attempt = () => readEnvironment({ ...secret, DEMO_HISTORY: "no" });
    expect(attempt).toThrow(EnvironmentError);
    expect(attempt).toThrow(/DEMO_HISTORY must be on or off/);
  });

  it("limits reports and uploads per person unless raised, and reads the proxies to trust", () => {
    const secret = { SESSION_SECRET: "x".repeat(32) };
    expect(readEnvironment(secret)).toMatchObject({ REPORTS_PER_MINUTE: 5, UPLOADS_PER_MINUTE: 30, TRUST_PROXY: false });
    expect(readEnvironment({ ...secret, REPORTS_PER_MINUTE: "1000" }).REPORTS_PER_MINUTE).toBe(1000);
    expect(() => readEnvironment({ ...secret, UPLOADS_PER_MINUTE: "many" })).toThrow(/UPLOADS_PER_MINUTE must be a number/);
    expect(() => readEnvironment({ ...secret, REPORTS_PER_MINUTE: "0" })).toThrow(/REPORTS_PER_MINUTE/);
    expect(readEnvironment({ ...secret, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(readEnvironment({ ...secret, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(readEnvironment({ ...secret, TRUST_PROXY: "loopback" }).TRUST_PROXY).toBe("loopback");
  });

  it("treats an empty variable as unset", () => {
    const environment = readEnvironment({ SMTP_URL: "", SESSION_SECRET: "x".repeat(32), PORT: "4000" });
    expect(environment.SMTP_URL).toBeUndefined();
    expect(environment.PORT).toBe(4000);
  });
});
