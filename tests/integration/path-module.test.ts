import { createRemixStub } from "@remix-run/testing";
import { and, eq } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readSetting } from "../../app/models/settings.server";
import { mistakenPostModule } from "../../app/paths/mistaken-post";
import { emailTemplateFor, PATH_MODULES } from "../../app/paths/registry";
import { staffAbuseModule } from "../../app/paths/staff-abuse";
import Home, { loader as homeLoader } from "../../app/routes/_index";
import Settings, { action as settingsAction, loader as settingsLoader } from "../../app/routes/admin.settings";
import { loader as dashboardLoader } from "../../app/routes/dashboard";
import IncidentPage, { action as incidentAction, loader as incidentLoader } from "../../app/routes/incidents.$reference";
import { loader as listLoader } from "../../app/routes/incidents._index";
import { loader as csvLoader } from "../../app/routes/incidents.csv";
import ReportChooser, { loader as reportChooserLoader } from "../../app/routes/report._index";
import { hashPassword } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import { renderEmail } from "../../emails/index";
import { deadlines, incidentMilestones, incidents, incidentWork, outbox, type Incident } from "../../db/schema";
import { pinnedNoticePath } from "../fixtures/paths/pinned-notice/definition";
import { pinnedNoticeModule, reportPinnedNotice, TAKE_DOWN_MINUTES_SETTING } from "../fixtures/paths/pinned-notice/module";
import { createTestDatabase, sessionCookieFor, type TestDatabase } from "../helpers/database";

/**
 * A path is its folders and a registry line (docs/decisions/0020-paths-as-modules.md): with the
 * fixture path (tests/fixtures/paths/pinned-notice/) added to both registries, every shared page
 * shows it, through the real routes on a real database. Nothing shared names it.
 */

vi.mock("../../machines/registry", async () => {
  const { definitionRegistry } = await import("../../machines/kit");
  const { mistakenPostPath } = await import("../../machines/mistaken-post");
  const { staffAbusePath } = await import("../../machines/staff-abuse");
  const { pinnedNoticePath } = await import("../fixtures/paths/pinned-notice/definition");
  return { ...definitionRegistry([mistakenPostPath, staffAbusePath, pinnedNoticePath]) };
});

vi.mock("../../app/paths/registry", async () => {
  const { moduleRegistry } = await import("../../app/paths/module-registry");
  const { mistakenPostModule } = await import("../../app/paths/mistaken-post");
  const { staffAbuseModule } = await import("../../app/paths/staff-abuse");
  const { pinnedNoticeModule } = await import("../fixtures/paths/pinned-notice/module");
  return { ...moduleRegistry([mistakenPostModule, staffAbuseModule, pinnedNoticeModule]) };
});

const PASSWORD = "path module test password";
const TITLE = pinnedNoticePath.title;
const REPORT = pinnedNoticeModule.report;
const SHIPPED = [mistakenPostModule, staffAbuseModule];

let test: TestDatabase;
/** Taken down by the incident page's test; the second stays pinned. */
let takenDown: Incident;
let stillPinned: Incident;

const request = async (key: string, path: string, init: RequestInit = {}) =>
  new Request(`http://localhost${path}`, { ...init, headers: { Cookie: await sessionCookieFor(test, key, PASSWORD), ...init.headers } });

const post = (key: string, path: string, fields: Record<string, string>) => request(key, path, { method: "POST", body: new URLSearchParams(fields) });

/** The route's page as the server renders it, from what its loader returned. */
function render(route: { id: string; path: string; url: string; Component: ComponentType }, loaderData: unknown): string {
  const Stub = createRemixStub([{ id: route.id, path: route.path, Component: route.Component }]);
  return renderToString(createElement(Stub, { initialEntries: [route.url], hydrationData: { loaderData: { [route.id]: loaderData } } }));
}

const incidentRoute = (incident: Incident) => ({ id: "routes/incidents.$reference", path: "/incidents/:reference", url: `/incidents/${incident.reference}`, Component: IncidentPage });

const reportNotice = (notice: { board: string; notice: string }) => reportPinnedNotice(test.db, test.person("library-assistant"), notice, new Date());

const current = (incident: Incident) => test.db.select().from(incidents).where(eq(incidents.id, incident.id)).get()!;

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  takenDown = reportNotice({ board: "Town Hall reception board", notice: "Council tax office closed for the bank holiday (last year's)" });
  stillPinned = reportNotice({ board: "Central Library noticeboard", notice: "Summer reading challenge sign-up (ended in August)" });
});

afterAll(() => {
  appDb().$client.close();
  test.close();
});

describe("a path added by its folders and a registry line", () => {
  it("is offered by the report chooser, with its link", async () => {
    const loaded = await reportChooserLoader({ request: await request("library-assistant", "/report"), params: {}, context: {} });
    const html = render({ id: "routes/report._index", path: "/report", url: "/report", Component: ReportChooser }, loaded);
    expect(html).toContain(`href="${REPORT.address}"`);
    expect(html).toContain(REPORT.title);
    expect(html).toContain(REPORT.description);
    for (const shipped of SHIPPED) expect(html).toContain(shipped.report.title);
  });

  it("is offered on the home page, and its work waits for Communications there", async () => {
    const response = await homeLoader({ request: await request("comms1", "/"), params: {}, context: {} });
    const data = await response.json();
    expect(data.work.map((item: { reference: string }) => item.reference)).toEqual([takenDown.reference, stillPinned.reference]);
    const html = render({ id: "routes/_index", path: "/", url: "/", Component: Home }, data);
    expect(html).toContain(`href="${REPORT.address}"`);
    expect(html).toContain(REPORT.linkText);
    for (const shipped of SHIPPED) expect(html).toContain(shipped.report.linkText);
    const waiting = html.slice(html.indexOf("Waiting for you"), html.indexOf("Recent incidents for Communications"));
    expect(waiting).toContain(`href="/incidents/${takenDown.reference}"`);
    expect(waiting).toContain(takenDown.title);
    expect(waiting).toContain("Take the notice down");
    expect(data.workCount).toBe(2);

    // The reporter awaits nothing: the work is Communications'.
    const reporter = await (await homeLoader({ request: await request("library-assistant", "/"), params: {}, context: {} })).json();
    expect(reporter.work).toEqual([]);
    expect(reporter.workCount).toBe(0);
    expect(reporter.reported.map((item: { reference: string }) => item.reference)).toContain(takenDown.reference);
  });

  it("has its own incident page, whose take-down form closes the incident, and which no one outside its rule may open", async () => {
    const here = `/incidents/${takenDown.reference}`;
    const params = { reference: takenDown.reference };
    const { page } = await (await incidentLoader({ request: await request("comms1", here), params, context: {} })).json();
    expect(page.incident.kindTitle).toBe(TITLE);
    expect(page.allowedEvents).toEqual(["TAKE_DOWN"]);
    const html = render(incidentRoute(takenDown), { page });
    expect(html).toContain("Town Hall reception board");
    expect(html).toContain("Council tax office closed for the bank holiday (last year&#x27;s)");
    expect(html).toContain('name="intent" value="TAKE_DOWN"');
    expect(html).toContain(`name="version" value="${page.incident.version}"`);
    expect(html).toContain("Take the notice down</button>");
    // Its form is the action, first on the page, before the record.
    expect(html.indexOf("What you need to do now")).toBeLessThan(html.indexOf('value="TAKE_DOWN"'));
    expect(html.indexOf('value="TAKE_DOWN"')).toBeLessThan(html.indexOf('id="pinned-notice-title"'));

    const sent = await incidentAction({ request: await post("comms1", here, { intent: "TAKE_DOWN", version: String(page.incident.version) }), params, context: {} });
    expect(sent.status).toBe(302);
    // Back to the page, at what there is to do next.
    expect(sent.headers.get("Location")).toBe(`${here}#next`);
    expect(current(takenDown).state).toBe("takenDown");
    const milestones = test.db.select().from(incidentMilestones).where(eq(incidentMilestones.incidentId, takenDown.id)).all();
    expect(milestones.map((milestone) => milestone.name).sort()).toEqual(["closed", "reported"]);
    expect(test.db.select().from(incidentWork).where(eq(incidentWork.incidentId, takenDown.id)).all()).toEqual([]);

    // The reporter reads it, without the form; a colleague outside the rule is told it does not exist.
    const reporter = await (await incidentLoader({ request: await request("library-assistant", here), params, context: {} })).json();
    expect(reporter.page.allowedEvents).toEqual([]);
    expect(render(incidentRoute(takenDown), reporter)).toContain("Ellie Marsh");
    await expect(incidentLoader({ request: await request("hub-officer", here), params, context: {} })).rejects.toMatchObject({ status: 404 });
  });

  it("is found by the incident list's path filter, which offers it, and exported to the CSV under its title", async () => {
    const list = await (await listLoader({ request: await request("comms1", "/incidents?path=pinned_notice"), params: {}, context: {} })).json();
    expect(list.filters.path).toBe(pinnedNoticePath.kind);
    expect(list.rows.map((row: { reference: string }) => row.reference).sort()).toEqual([takenDown.reference, stillPinned.reference].sort());
    expect(list.rows.every((row: { kindTitle: string }) => row.kindTitle === TITLE)).toBe(true);
    expect(list.options.paths).toEqual([...SHIPPED.map(({ definition }) => ({ value: definition.kind, label: definition.title })), { value: pinnedNoticePath.kind, label: TITLE }]);

    const csv = await (await csvLoader({ request: await request("comms1", "/incidents.csv?path=pinned_notice"), params: {}, context: {} })).text();
    const row = csv.split("\r\n").find((line) => line.startsWith(`"${stillPinned.reference}"`));
    expect(row).toContain(`"${TITLE}","${stillPinned.title}"`);
  });

  it("is counted on the dashboard by its step, and timed from report to take-down", async () => {
    const dashboard = await (await dashboardLoader({ request: await request("comms1", "/dashboard"), params: {}, context: {} })).json();
    expect(dashboard.openByStep).toContainEqual({ kind: pinnedNoticePath.kind, kindTitle: TITLE, state: "pinned", stepTitle: "Take the notice down", count: 1 });
    const timing = dashboard.timings.find((row: { key: string }) => row.key === "closePinnedNotice");
    expect(timing).toMatchObject({ label: "Report to take-down (notice left pinned)", count: 1 });
  });

  it("has its own section of the settings page, saved with its own key and checked by its own schema", async () => {
    const loaded = await (await settingsLoader({ request: await request("admin", "/admin/settings"), params: {}, context: {} })).json();
    expect(loaded.sections.map((section: { kind: string }) => section.kind)).toEqual(PATH_MODULES.map((module) => module.definition.kind));
    expect(loaded.sections.find((section: { kind: string }) => section.kind === pinnedNoticePath.kind)?.current).toEqual({ takeDownMinutes: 60 });
    const html = render({ id: "routes/admin.settings", path: "/admin/settings", url: "/admin/settings", Component: Settings }, loaded);
    expect(html).toContain(`name="section" value="${pinnedNoticePath.kind}"`);
    expect(html).toMatch(new RegExp(`<h2[^>]*>${TITLE}</h2>`));
    expect(html).toMatch(/name="takeDownMinutes"[^>]*value="60"/);

    const refused = await settingsAction({ request: await post("admin", "/admin/settings", { section: pinnedNoticePath.kind, takeDownMinutes: "2000" }), params: {}, context: {} });
    expect(refused.status).toBe(400);
    expect((await refused.json()).result.error?.takeDownMinutes).toEqual(["Enter the minutes Communications have to take a notice down, as a whole number from 1 to 1,440"]);
    expect(readSetting(test.db, TAKE_DOWN_MINUTES_SETTING)).toBeNull();

    const saved = await settingsAction({ request: await post("admin", "/admin/settings", { section: pinnedNoticePath.kind, takeDownMinutes: "90" }), params: {}, context: {} });
    expect(saved.status).toBe(302);
    expect(readSetting(test.db, TAKE_DOWN_MINUTES_SETTING)).toBe("90");

    // The path reads its setting: a notice reported now is due down 90 minutes later.
    const later = reportNotice({ board: "Staff room board", notice: "Fire drill on Tuesday (last month's)" });
    const deadline = test.db.select().from(deadlines).where(eq(deadlines.incidentId, later.id)).get()!;
    expect(Date.parse(deadline.dueAt) - Date.parse(later.createdAt)).toBe(90 * 60_000);
  });

  it("queues its email with its contract's data only, rendered by its own template found through the registry", async () => {
    const rows = test.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.incidentId, stillPinned.id), eq(outbox.template, "pinned-notice-reported")))
      .all();
    // One for each person in Communications.
    expect(rows).toHaveLength(3);
    expect(rows[0].data).toEqual({
      reference: stillPinned.reference,
      title: stillPinned.title,
      incidentPath: `/incidents/${stillPinned.reference}`,
      board: "Central Library noticeboard",
      reporter: "Jo Lee",
    });
    const email = await renderEmail(emailTemplateFor("pinned-notice-reported"), { ...rows[0].data, incidentUrl: `http://localhost/incidents/${stillPinned.reference}` });
    expect(email.subject).toBe(`${stillPinned.reference}: a notice has been left pinned on Central Library noticeboard`);
    expect(email.text).toContain("Reported by: Jo Lee");
    expect(email.html).toContain(`href="http://localhost/incidents/${stillPinned.reference}"`);
  });
});
