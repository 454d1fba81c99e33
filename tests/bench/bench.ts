/**
 * `npm run bench` (issue 5, "Performance"): measures the built app against a bare Remix route on
 * the same server, with a database holding 10,000 incidents and one incident of 1,000 events.
 *
 * It measures and reports; it is not a pass/fail test and is not part of `npm test`. It always
 * exits 0 once the figures are printed, and kills the server and deletes its temporary folder
 * whatever happens.
 *
 * Emails: the outbox rows written while seeding are deleted before the server starts, and the
 * server runs with WORKER_INTERVAL_MS=600000 (the maximum), so the workers do not spend the run
 * sending ten thousand emails. Each report submitted during the run still wakes the workers
 * (reportMistakenPost calls wakeWorkers), which write those emails to the mail folder in the
 * temporary directory (SMTP_URL is empty); that is part of what a real submission costs.
 * Emails per second through the outbox to a real SMTP server are measured on their own
 * beforehand (outbox-throughput.ts), with and without the connection pool.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { and, eq, lt, sql } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { deadlines, incidents, outbox, people, personRoles, settings, type Role } from "../../db/schema";
import { DEMO_PASSWORD, demoEmail, seedDemoOrganisation } from "../../db/seed";
import { applyEvent } from "../../db/workflow";
import { getDashboard } from "../../app/models/dashboard.server";
import { DASHBOARD_SECTIONS } from "../../app/paths/registry";
import { NO_FILTERS, searchIncidents } from "../../app/models/incident-list.server";
import { incidentPage } from "../../app/models/incidents.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import {
  ABUSE_KINDS,
  PROTECTED_CHARACTERISTICS,
  type AbuseKind,
  type AbuseReport,
  type ProtectedCharacteristic,
} from "../../machines/staff-abuse";
import { hashPassword } from "../../app/utils/auth.server";
import { measureOutbox } from "./outbox-throughput";

const ROOT = resolve(import.meta.dirname, "../..");
const INCIDENTS = 10_000;
const TIMELINE_EVENTS = 1_000;
const READ_SECONDS = 10;
const READ_CONNECTIONS = 20;
const WRITE_SECONDS = 10;
const WRITE_CONNECTIONS = 10;
const WORKER_INTERVAL_MS = "600000";

const COMMUNICATIONS = demoEmail({ name: "Ellie Marsh" });
const HR = demoEmail({ name: "Nadia Hussain" });
/** The reporter of the 1,000-event incident and the member of staff who submits reports. */
const STAFF_REPORTER = demoEmail({ name: "Jo Lee" });

interface Person {
  id: number;
  name: string;
  email: string;
  roles: Role[];
}

function peopleWithRoles(db: Db): Person[] {
  const rows = db.select({ id: people.id, name: people.name, email: people.email }).from(people).all();
  return rows.map((row) => ({
    ...row,
    roles: db
      .select({ role: personRoles.role })
      .from(personRoles)
      .where(eq(personRoles.personId, row.id))
      .all()
      .map((r) => r.role),
  }));
}

function postDetails(index: number, reportedAt: Date) {
  return {
    platform: ["X (Twitter)", "Facebook", "Instagram", "LinkedIn"][index % 4],
    account: `@EastbridgeCouncil${index % 7}`,
    link: index % 3 === 0 ? null : `https://example.org/posts/${index}`,
    postedAt: new Date(reportedAt.getTime() - 10 * 60_000).toISOString(),
    whatHappened: `Benchmark report ${index}: a draft was posted on the wrong account by mistake.`,
  };
}

const KINDS_OF_ABUSE = Object.keys(ABUSE_KINDS) as AbuseKind[];
const CHARACTERISTICS = Object.keys(PROTECTED_CHARACTERISTICS) as ProtectedCharacteristic[];

function abuseReport(index: number, reportedAt: Date): AbuseReport {
  const kind = KINDS_OF_ABUSE[index % KINDS_OF_ABUSE.length];
  return {
    inDanger: false,
    platform: ["X (Twitter)", "Facebook", "Instagram", "TikTok"][index % 4],
    link: null,
    happenedAt: new Date(reportedAt.getTime() - 30 * 60_000).toISOString(),
    perpetrator: `@account${index % 50}`,
    whatHappened: `Benchmark report ${index}: abusive replies after a service announcement.`,
    kinds: [kind],
    protectedCharacteristics: kind === "hate" ? [CHARACTERISTICS[index % CHARACTERISTICS.length]] : [],
    connectedToRole: "yes",
    impact: "Upsetting to read.",
    noScreenshotReason: "Benchmark data has no screenshots.",
  };
}

/** Seeds the demo organisation, 10,000 incidents and one incident of 1,000 events. */
async function prepareDatabase(databasePath: string) {
  const db = openDatabase(databasePath);
  try {
    seedDemoOrganisation(db, { passwordHash: await hashPassword(DEMO_PASSWORD), now: new Date() });
    const everyone = peopleWithRoles(db);
    const reporters = everyone.filter((person) => person.roles.includes("staff"));

    // Spread over the last twelve months, two mistaken posts to every abuse report, so each
    // role's list and the dashboard have a realistic share to read.
    const yearAgo = Date.now() - 365 * 24 * 60 * 60_000;
    const step = (Date.now() - 60 * 60_000 - yearAgo) / INCIDENTS;
    const started = performance.now();
    for (let index = 0; index < INCIDENTS; index += 1) {
      const reporter = reporters[index % reporters.length];
      const reportedAt = new Date(yearAgo + Math.floor(index * step));
      const actor = { id: reporter.id, name: reporter.name };
      if (index % 3 === 2) reportStaffAbuse(db, actor, abuseReport(index, reportedAt), reportedAt);
      else reportMistakenPost(db, actor, postDetails(index, reportedAt), reportedAt);
    }
    const seconds = (performance.now() - started) / 1000;
    const incidentsPerSecond = INCIDENTS / seconds;
    console.log(
      `Added ${INCIDENTS.toLocaleString("en-GB")} incidents through reportMistakenPost and reportStaffAbuse in ${seconds.toFixed(1)} s: ${incidentsPerSecond.toFixed(0)} incidents/s`,
    );

    const reporter = everyone.find((person) => person.email === STAFF_REPORTER)!;
    const actor = { id: reporter.id, name: reporter.name };
    const timelineStarted = performance.now();
    let incident = reportMistakenPost(db, actor, postDetails(INCIDENTS, new Date()), new Date());
    // Event 1 is the report; 999 screenshots make 1,000. The files are synthetic facts only.
    for (let index = 1; index < TIMELINE_EVENTS; index += 1) {
      incident = applyEvent(db, {
        incidentId: incident.id,
        expectedVersion: incident.version,
        event: {
          type: "ATTACH_SCREENSHOT",
          by: { ...actor, roles: reporter.roles },
          file: {
            originalName: `screenshot-${index}.png`,
            mediaType: "image/png",
            sizeBytes: 1000 + index,
            sha256: index.toString(16).padStart(64, "0"),
            storagePath: `bench/screenshot-${index}.png`,
          },
        },
        actor,
        now: new Date(),
      });
    }
    const timelineSeconds = (performance.now() - timelineStarted) / 1000;
    console.log(
      `Added incident ${incident.reference} with ${incident.version.toLocaleString("en-GB")} events in ${timelineSeconds.toFixed(1)} s`,
    );

    // Quiet the workers: no backlog of emails, and the past-due deadlines of the year's incidents
    // cancelled, or the deadline worker would escalate thousands of incidents during the run.
    const deleted = db.delete(outbox).where(eq(outbox.status, "pending")).run().changes;
    const nowIso = new Date().toISOString();
    const cancelled = db
      .update(deadlines)
      .set({ status: "cancelled", closedAt: nowIso })
      .where(and(eq(deadlines.status, "pending"), lt(deadlines.dueAt, nowIso)))
      .run().changes;
    console.log(`Cancelled ${cancelled.toLocaleString("en-GB")} past-due deadlines of last year's incidents.`);
    const total = db.select({ count: sql<number>`count(*)` }).from(incidents).get()!.count;
    console.log(`Deleted ${deleted.toLocaleString("en-GB")} pending outbox emails; the database holds ${total.toLocaleString("en-GB")} incidents.`);
    return { timelineReference: incident.reference, incidentsPerSecond };
  } finally {
    db.$client.close();
  }
}

/**
 * What a request's reading costs just after a change (Communications' view), timed in-process:
 * what the pages read when the entry their route keeps has gone (decision 21).
 */
function timeReadsAfterChanges(databasePath: string, timelineReference: string, runs = 30) {
  const db = openDatabase(databasePath);
  try {
    const person = db.select().from(people).where(eq(people.email, COMMUNICATIONS)).get()!;
    const roles = db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, person.id)).all();
    const user = { id: person.id, name: person.name, email: person.email, jobTitle: person.jobTitle, roles: roles.map((row) => row.role) };
    const timeAfterChanges = (read: () => unknown) => {
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        db.insert(settings).values({ key: "bench_change", value: String(run) }).onConflictDoUpdate({ target: settings.key, set: { value: String(run) } }).run();
        const started = performance.now();
        read();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { runs, median: times[Math.floor(runs / 2)], p95: times[Math.ceil(runs * 0.95) - 1] };
    };
    const timings = {
      "Incident list, first page": timeAfterChanges(() => searchIncidents(db, user, NO_FILTERS, 1, new Date())),
      [`Incident page ${timelineReference}, latest events`]: timeAfterChanges(() => incidentPage(db, timelineReference, user)),
      "Dashboard figures": timeAfterChanges(() => {
        const now = new Date();
        return [getDashboard(db, user, now), ...DASHBOARD_SECTIONS.map((section) => section.figures(db, user, now))];
      }),
    };
    db.delete(settings).where(eq(settings.key, "bench_change")).run();
    return timings;
  } finally {
    db.$client.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error("The server did not answer /healthz within 60 s");
}

async function signInAs(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/" }).toString(),
  });
  const setCookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !setCookie) throw new Error(`Signing in as ${email} failed: HTTP ${response.status}`);
  return setCookie.split(";")[0];
}

/** Now minus some minutes, as a datetime-local value in UK time. */
function ukLocalMinutesAgo(minutes: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(Date.now() - minutes * 60_000))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

interface Measured {
  name: string;
  requestsPerSecond: number;
  p95: number;
  ok: number;
  total: number;
}

async function measure(
  name: string,
  options: {
    url: string;
    cookie?: string;
    method?: "GET" | "POST";
    /** A new body for each request (a form's key is used once). */
    body?: () => string;
    connections: number;
    duration: number;
  },
): Promise<Measured> {
  const headers: Record<string, string> = { "Accept-Encoding": "gzip" };
  if (options.cookie) headers.Cookie = options.cookie;
  if (options.body) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    // A form is only taken from a page of the same site.
    headers.Origin = new URL(options.url).origin;
  }
  // Warm up, and check the page answers as expected before measuring it.
  const check = await fetch(options.url, { method: options.method ?? "GET", headers, body: options.body?.(), redirect: "manual" });
  await check.arrayBuffer();
  // A page must answer 200; a report must redirect to its new incident (not back to sign-in).
  const expected =
    options.method === "POST"
      ? check.status === 302 && (check.headers.get("location") ?? "").startsWith("/incidents/")
      : check.status === 200;
  if (!expected) throw new Error(`${name}: ${options.url} answered HTTP ${check.status} ${check.headers.get("location") ?? ""}`);

  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? "GET",
        headers,
        requests: [{ setupRequest: (request) => ({ ...request, body: options.body?.() }) }],
        connections: options.connections,
        duration: options.duration,
      },
      (error, finished) => (error ? fail(error) : done(finished)),
    );
    // autocannon's histogram has p90 and p97.5 but no p95: keep every successful response's time.
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 400) latencies.push(responseTime);
    });
  });
  const ok = result["2xx"] + result["3xx"];
  const total = ok + result["4xx"] + result["5xx"] + result.errors + result.timeouts;
  latencies.sort((a, b) => a - b);
  const p95 = latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)] : NaN;
  const measured = {
    name,
    // Only successful answers count: an error page is not the page.
    requestsPerSecond: ok / options.duration,
    p95: Math.round(p95 * 10) / 10,
    ok,
    total,
  };
  console.log(
    `${name}: ${measured.requestsPerSecond.toFixed(1)} requests/s, p95 ${measured.p95} ms (${ok} of ${total} answers 2xx/3xx)`,
  );
  return measured;
}

async function main() {
  // `--prepare-only <file>`: seed a database for profiling by hand, and stop.
  const prepareOnly = process.argv.indexOf("--prepare-only");
  if (prepareOnly !== -1) {
    const path = process.argv[prepareOnly + 1];
    if (!path || existsSync(path)) throw new Error("--prepare-only needs the path of a database file that does not exist yet");
    await prepareDatabase(path);
    return;
  }
  const directory = mkdtempSync(join(tmpdir(), "holdfast-bench-"));
  const databasePath = join(directory, "holdfast.db");
  let server: ChildProcess | undefined;
  const stopServer = () => {
    if (server && server.exitCode === null) server.kill("SIGTERM");
  };
  process.once("SIGINT", () => {
    stopServer();
    rmSync(directory, { recursive: true, force: true });
    process.exit(130);
  });
  try {
    if (!existsSync(join(ROOT, "build/index.js"))) throw new Error("build/index.js is missing: run `npm run build` first");
    console.log(`Temporary database: ${databasePath}`);
    const { timelineReference, incidentsPerSecond } = await prepareDatabase(databasePath);
    const readsAfterChanges = timeReadsAfterChanges(databasePath, timelineReference);
    // Before the server starts, so the two do not share the machine.
    const outboxThroughput = await measureOutbox();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(ROOT, "build/index.js")], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_PATH: databasePath,
        SESSION_SECRET: "bench-session-secret-that-is-long-enough-123",
        WORKER_INTERVAL_MS,
        SMTP_URL: "",
        // Forms are taken only from the app's own origin, and the bench posts from this one.
        APP_URL: base,
        // One person sends hundreds of reports a second here, to measure the report path itself.
        REPORTS_PER_MINUTE: "1000000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let serverOutput = "";
    server.stdout?.on("data", (chunk) => (serverOutput += chunk));
    server.stderr?.on("data", (chunk) => (serverOutput += chunk));
    try {
      await waitForHealth(base, server);
    } catch (error) {
      console.error(serverOutput);
      throw error;
    }
    console.log(`Server up on ${base} (WORKER_INTERVAL_MS=${WORKER_INTERVAL_MS})\n`);

    const read = { connections: READ_CONNECTIONS, duration: READ_SECONDS };
    // Two baselines on the same server: a bare resource route (JSON, no React) and a bare page
    // (the static accessibility statement: the root layout rendered, no loader of its own). The
    // target is judged against the page; the resource route shows what the framework costs.
    const resourceBaseline = await measure("Baseline resource route /healthz", { url: `${base}/healthz`, ...read });
    const baseline = await measure("Baseline page /accessibility", { url: `${base}/accessibility`, ...read });

    const communications = await signInAs(base, COMMUNICATIONS);
    const hr = await signInAs(base, HR);
    const staff = await signInAs(base, STAFF_REPORTER);

    const pages = [
      await measure("Incident list /incidents (Communications)", { url: `${base}/incidents`, cookie: communications, ...read }),
      await measure("Incident list /incidents (HR)", { url: `${base}/incidents`, cookie: hr, ...read }),
      await measure(`Timeline /incidents/${timelineReference} (Communications)`, {
        url: `${base}/incidents/${timelineReference}`,
        cookie: communications,
        ...read,
      }),
      await measure("Dashboard /dashboard (Communications)", { url: `${base}/dashboard`, cookie: communications, ...read }),
    ];

    // Each report is a form shown once: its own key, or the second send would find the first's incident.
    const form = () =>
      new URLSearchParams({
        channel: "other",
        platform: "Facebook",
        account: "@EastbridgeLibraries",
        link: "https://example.org/posts/bench",
        postedAt: ukLocalMinutesAgo(5),
        whatHappened: "A draft about library opening hours was posted early, with the wrong times in it.",
        submissionKey: randomUUID(),
      }).toString();
    const submissions = await measure("Report submission POST /report/mistaken-post (staff)", {
      url: `${base}/report/mistaken-post`,
      method: "POST",
      body: form,
      cookie: staff,
      connections: WRITE_CONNECTIONS,
      duration: WRITE_SECONDS,
    });

    const line = "-".repeat(100);
    console.log(`\n${line}`);
    console.log("Holdfast benchmark (2-core machines are noisy: compare ratios, not absolutes)");
    console.log(line);
    console.log(`Seeding: ${incidentsPerSecond.toFixed(0)} incidents/s through openIncident/reportMistakenPost (synchronous=FULL)`);
    console.log(line);
    console.log(`${"measure".padEnd(56)}${"req/s".padStart(9)}${"p95 ms".padStart(9)}${"ratio".padStart(8)}  target (ratio to the bare page; to /healthz in brackets)`);
    console.log(
      `${resourceBaseline.name.padEnd(56)}${resourceBaseline.requestsPerSecond.toFixed(1).padStart(9)}${String(resourceBaseline.p95).padStart(9)}${(resourceBaseline.requestsPerSecond / baseline.requestsPerSecond).toFixed(2).padStart(8)}  (baseline)`,
    );
    console.log(`${baseline.name.padEnd(56)}${baseline.requestsPerSecond.toFixed(1).padStart(9)}${String(baseline.p95).padStart(9)}${"1.00".padStart(8)}  (baseline)`);
    for (const page of pages) {
      const ratio = page.requestsPerSecond / baseline.requestsPerSecond;
      const toResource = page.requestsPerSecond / resourceBaseline.requestsPerSecond;
      console.log(
        `${page.name.padEnd(56)}${page.requestsPerSecond.toFixed(1).padStart(9)}${String(page.p95).padStart(9)}${ratio.toFixed(2).padStart(8)}  >= 0.50: ${ratio >= 0.5 ? "met" : "NOT met"} (${toResource.toFixed(2)})`,
      );
    }
    for (const [read, timing] of Object.entries(readsAfterChanges)) {
      console.log(
        `${read} read afresh (as after any change to the database), in-process: median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms over ${timing.runs} runs`,
      );
    }
    for (const line of outboxThroughput) console.log(line);
    const writeMet = submissions.requestsPerSecond >= 50 && submissions.p95 < 200;
    console.log(
      `${"Report submissions/s (2xx/3xx only)".padEnd(56)}${submissions.requestsPerSecond.toFixed(1).padStart(9)}${String(submissions.p95).padStart(9)}${"".padStart(8)}  >= 50/s, p95 < 200 ms: ${writeMet ? "met" : "NOT met"}`,
    );
    console.log(line);
    console.log(
      `Reads: ${READ_CONNECTIONS} connections for ${READ_SECONDS} s each; submissions: ${WRITE_CONNECTIONS} connections for ${WRITE_SECONDS} s (${submissions.ok} of ${submissions.total} accepted).`,
    );
  } finally {
    stopServer();
    if (server && server.exitCode === null) {
      await new Promise((done) => {
        const timer = setTimeout(() => {
          server?.kill("SIGKILL");
          done(null);
        }, 5000);
        server?.once("exit", () => {
          clearTimeout(timer);
          done(null);
        });
      });
    }
    rmSync(directory, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
