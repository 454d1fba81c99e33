import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { people as directory } from "../../db/schema";
import { SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";
import { expectAccessible, people, signIn, signOut, withDatabase } from "./support";

/**
 * The dashboard: a Communications officer sees the figures, drawn as charts on the server with
 * the same numbers in tables; an abuse report they were not asked to help with is not counted;
 * a member of staff is refused.
 */

function reportIncidents() {
  return withDatabase((database) => {
    const person = (email: string) => database.select({ id: directory.id, name: directory.name }).from(directory).where(eq(directory.email, email)).get()!;
    const now = new Date();
    const reported = new Date(now.getTime() - 60 * 60_000);
    return {
      // Reported an hour ago and never acknowledged. (The server's deadline worker fires an
      // overdue deadline within seconds, asking the next officer, so it does not stay overdue here;
      // the overdue list is checked in tests/integration/dashboard.test.ts.)
      post: reportMistakenPost(
        database,
        person(people.libraryAssistant.email),
        { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: reported.toISOString(), whatHappened: "Posted the wrong opening times." },
        reported,
      ).reference,
      // Communications were not asked to help: not theirs to count.
      abuse: reportStaffAbuse(database, person(people.parksOfficer.email), { ...SAMPLE_ABUSE_REPORT, platform: "Dashboard Private Platform" }, now).reference,
    };
  });
}

test("a Communications officer opens the dashboard: charts drawn on the server, tables under them", async ({ page }) => {
  reportIncidents();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });

  await signIn(page, people.communications);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  // The data tables, the text alternative of each chart.
  await expect(page.getByRole("table", { name: "Open incidents by path and step" })).toContainText("Tell the line manager and Communications");
  await expect(page.getByRole("table", { name: "Median and 90th percentile times from report" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Reports by kind of abuse, per month" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Overdue steps" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Paused channels" })).toBeVisible();

  // The charts' SVG, each labelled as an image: drawn for a phone and for a wider screen, one shown.
  await expect(page.getByRole("img", { name: /^Chart: Open incidents by path and step/ }).locator(".recharts-wrapper > svg.recharts-surface:visible")).toHaveCount(1);
  await expect(page.getByRole("img", { name: /^Chart: Median and 90th percentile times/ }).locator(".recharts-wrapper > svg.recharts-surface:visible")).toHaveCount(1);
  await expect(page.getByRole("img", { name: /^Chart: Reports by kind of abuse/ }).locator(".recharts-wrapper > svg.recharts-surface:visible")).toHaveCount(1);

  // The abuse report Communications were not asked about is not counted anywhere.
  await expect(page.getByText("Dashboard Private Platform")).toHaveCount(0);
  await expectAccessible(page);
  // The server-drawn charts hydrate as they are: nothing is logged as an error.
  expect(consoleErrors).toEqual([]);

  // Drawn on the server: the HTML already holds the bars, before any script runs.
  const html = await (await page.request.get("/dashboard")).text();
  expect(html).toContain("recharts-surface");
  expect(html).toContain("recharts-bar-rectangle");

  await signOut(page);
});

test("a member of staff has no dashboard", async ({ page }) => {
  await signIn(page, people.libraryAssistant);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  const response = await page.goto("/dashboard");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You cannot see this page" })).toBeVisible();
});
