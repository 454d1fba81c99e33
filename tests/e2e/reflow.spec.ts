import { expect, test, type Browser, type Page } from "@playwright/test";
import { and, asc, eq, like, ne } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { absences, evidenceFiles, incidentAccess, incidents, incidentWork, outbox, people as directory, scheduledPosts } from "../../db/schema";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { PATH_MODULES } from "../../app/paths/registry";
import { PAGE_SLUGS, pagePath } from "../../app/paths/staff-abuse/report-schema";
import { startOwnServer, type OwnServer } from "./own-server";
import { expectAccessible, people, signIn } from "./support";

/**
 * Reflow (WCAG 2.2, 1.4.10): every page of the product, opened by the people who use it, on a
 * phone 320 and 390 px wide (320 px is also a 1280 px window zoomed to 400%), is no wider than the
 * window, and axe finds nothing on it at either width; the dashboard is checked at 640 px too (a
 * 1280 px window zoomed to 200%). The pages are those of the demo organisation's past (its own
 * server with the demo history), with an incident of each path in each state it holds.
 */
const PHONE_WIDTHS = [320, 390];

let server: OwnServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startOwnServer({ demoHistory: true });
});

test.afterAll(async () => {
  await server?.stop();
});

function withServerDatabase<T>(read: (database: Db) => T): T {
  const database = openDatabase(server.databasePath);
  try {
    return read(database);
  } finally {
    database.$client.close();
  }
}

function emailOf(database: Db, personId: number): string {
  return database.select({ email: directory.email }).from(directory).where(eq(directory.id, personId)).get()!.email;
}

/** A browser signed in as this person on the demo server (or nobody), for the pages below. */
async function signedIn(browser: Browser, email: string | null): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.base })).newPage();
  if (email !== null) await signIn(page, { email });
  return page;
}

/** The elements that reach past the right edge of the window, outermost first, to say what to fix. */
function widerElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: Element[] = [];
    for (const element of document.querySelectorAll("body *")) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > window.innerWidth + 0.5 && !found.some((outer) => outer.contains(element))) found.push(element);
    }
    return found.slice(0, 10).map((element) => {
      const classes = typeof element.className === "string" && element.className ? `.${element.className.trim().split(/\s+/).join(".")}` : "";
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
      return `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${classes}> ${Math.round(element.getBoundingClientRect().right)} px: "${text}"`;
    });
  });
}

/**
 * Opens the page at each width: it must be no wider than the window. Axe checks it at the first
 * width (both phone widths share one layout: a card for each table row).
 */
async function expectReflows(page: Page, address: string, widths = PHONE_WIDTHS, height = 800) {
  for (const width of widths) {
    await page.setViewportSize({ width, height });
    const response = await page.goto(address);
    expect.soft(response?.status(), `${address} answers`).toBeLessThan(500);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    const tooWide = scrollWidth > innerWidth ? { address, width, scrollWidth, wider: await widerElements(page) } : null;
    expect.soft(tooWide, `${address} at ${width} px scrolls sideways`).toBeNull();
    if (width === widths[0]) await expectAccessible(page);
  }
}

test("signed out: sign-in and the accessibility statement", async ({ browser }) => {
  const page = await signedIn(browser, null);
  for (const address of ["/sign-in", "/accessibility"]) await expectReflows(page, address);
});

test("a member of staff: home, the report chooser and every page of each path's report", async ({ browser }) => {
  test.setTimeout(300_000);
  const page = await signedIn(browser, people.libraryAssistant.email);
  const reportPages = PATH_MODULES.map((module) => module.report.address);
  // The abuse report asks its questions a page at a time: each of its pages too.
  const abusePages = PAGE_SLUGS.map((slug) => pagePath(slug));
  for (const address of ["/", "/report", ...reportPages, ...abusePages, "/accessibility", "/incidents/HF-0000-0000"]) await expectReflows(page, address);
});

/** An incident of each path in each state the demo history holds, with someone who acts on it or may see it. */
function incidentsToOpen(): { reference: string; kind: string; viewer: string; evidence: boolean }[] {
  return withServerDatabase((database) => {
    const rows = database.select({ id: incidents.id, reference: incidents.reference, kind: incidents.kind, state: incidents.state }).from(incidents).orderBy(asc(incidents.id)).all();
    const seen = new Set<string>();
    const chosen: { reference: string; kind: string; viewer: string; evidence: boolean }[] = [];
    for (const row of rows) {
      const key = `${row.kind} ${row.state}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // The person whose work it waits for, or else the first person who may see it.
      const worker = database.select({ grantee: incidentWork.assignee }).from(incidentWork).where(and(eq(incidentWork.incidentId, row.id), like(incidentWork.assignee, "person:%"))).get();
      const grantee = worker ?? database.select({ grantee: incidentAccess.grantee }).from(incidentAccess).where(and(eq(incidentAccess.incidentId, row.id), like(incidentAccess.grantee, "person:%"))).get();
      const evidence = database.select({ id: evidenceFiles.id }).from(evidenceFiles).where(eq(evidenceFiles.incidentId, row.id)).get() !== undefined;
      chosen.push({ reference: row.reference, kind: row.kind, viewer: emailOf(database, Number(grantee!.grantee.split(":")[1])), evidence });
    }
    return chosen;
  });
}

test("incident pages of each path in each state, their evidence, and the incident lists", async ({ browser }) => {
  test.setTimeout(600_000);
  const chosen = incidentsToOpen();
  expect(chosen.length).toBeGreaterThan(5);
  // The evidence page of one incident of each path.
  const evidenceShownFor = new Set<string>();
  for (const incident of chosen) {
    const page = await signedIn(browser, incident.viewer);
    await expectReflows(page, `/incidents/${incident.reference}`);
    if (incident.evidence && !evidenceShownFor.has(incident.kind)) {
      evidenceShownFor.add(incident.kind);
      await expectReflows(page, `/incidents/${incident.reference}/evidence`);
    }
    await page.context().close();
  }
  for (const person of [people.communications, people.hr]) {
    const page = await signedIn(browser, person.email);
    await expectReflows(page, "/");
    await expectReflows(page, "/incidents");
    await page.context().close();
  }
});

test("the dashboard, on a phone and at 200% zoom of a 1280 x 800 window", async ({ browser }) => {
  const page = await signedIn(browser, people.communications.email);
  await expectReflows(page, "/dashboard");
  await expectReflows(page, "/dashboard", [640], 400);
  // Each chart is an image that fits: no chart scrolls, and each has its table.
  await expect(page.locator("[data-chart]")).toHaveCount(await page.locator("figure table").count());
  for (const chart of await page.locator("[data-chart] svg:visible").all()) {
    const box = (await chart.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(640);
  }
});

test("channels: the list, a paused channel and a live one, a channel's form, a post's change and cancel", async ({ browser }) => {
  test.setTimeout(300_000);
  const { paused, live, post } = withServerDatabase((database) => {
    const held = database.select({ channelId: scheduledPosts.channelId }).from(scheduledPosts).where(eq(scheduledPosts.status, "held")).get()!;
    const scheduled = database
      .select({ id: scheduledPosts.id, channelId: scheduledPosts.channelId })
      .from(scheduledPosts)
      .where(and(eq(scheduledPosts.status, "scheduled"), ne(scheduledPosts.channelId, held.channelId)))
      .get()!;
    return { paused: held.channelId, live: scheduled.channelId, post: scheduled.id };
  });
  const communications = await signedIn(browser, people.communications.email);
  for (const address of ["/channels", `/channels/${paused}`, `/channels/${live}`, `/channels/${live}/posts/${post}/edit`, `/channels/${live}/posts/${post}/cancel`]) {
    await expectReflows(communications, address);
  }
  const admin = await signedIn(browser, people.admin.email);
  for (const address of ["/channels/new", `/channels/${live}/edit`]) await expectReflows(admin, address);
});

test("administration: people, a person with an absence, settings, the emails sent and one of them, verify", async ({ browser }) => {
  test.setTimeout(300_000);
  // The demo history's emails were never sent: a report now sends some.
  withServerDatabase((database) => {
    const reporter = database.select({ id: directory.id, name: directory.name }).from(directory).where(eq(directory.email, people.libraryAssistant.email)).get()!;
    const now = new Date();
    reportMistakenPost(
      database,
      reporter,
      { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: new Date(now.getTime() - 10 * 60_000).toISOString(), whatHappened: "Posted the wrong opening times." },
      now,
    );
  });
  await expect
    .poll(() => withServerDatabase((database) => database.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, "sent")).get()?.id), {
      message: "an email sent by the outbox worker",
      timeout: 30_000,
    })
    .toBeDefined();
  const { message, absent } = withServerDatabase((database) => ({
    message: database.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, "sent")).get()!.id,
    absent: database.select({ personId: absences.personId }).from(absences).get()!.personId,
  }));
  const page = await signedIn(browser, people.admin.email);
  for (const address of ["/admin/people", "/admin/people/new", `/admin/people/${absent}`, "/admin/settings", "/admin/mailbox", `/admin/mailbox/${message}`, "/admin/verify"]) {
    await expectReflows(page, address);
  }
});
