import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { organisationDate } from "../../machines/kit/dates";
import { people as directory } from "../../db/schema";
import { SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";
import { expectAccessible, isSameDocument, markDocument, people, signIn, signOut, withDatabase } from "./support";

/**
 * The incident list: a line manager filters it, opens an incident and downloads the CSV; a
 * member of staff sees only their own reports. Incidents are made through the same models the
 * report pages use.
 */

function reportIncidents() {
  return withDatabase((database) => {
    const person = (email: string) => database.select({ id: directory.id, name: directory.name }).from(directory).where(eq(directory.email, email)).get()!;
    const now = new Date();
    const post = (account: string) => ({ platform: "X (Twitter)", account, link: null, postedAt: now.toISOString(), whatHappened: "Posted the wrong opening times." });
    return {
      parksPost: reportMistakenPost(database, person(people.parksOfficer.email), post("@EastbridgeParks"), now).reference,
      parksAbuse: reportStaffAbuse(database, person(people.parksOfficer.email), SAMPLE_ABUSE_REPORT, now).reference,
      libraryPost: reportMistakenPost(database, person(people.libraryAssistant.email), post("@EastbridgeLibraries"), now).reference,
    };
  });
}

test("a line manager filters the incident list, opens an incident and downloads the CSV", async ({ page }) => {
  const { parksPost, parksAbuse, libraryPost } = reportIncidents();

  await signIn(page, people.headOfParks);
  // The main navigation's links are followed inside the app, without loading a new document.
  await markDocument(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Incidents" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" })).toHaveAttribute("aria-current", "page");
  expect(await isSameDocument(page)).toBe(true);
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: parksPost })).toBeVisible();
  await expect(table.getByRole("link", { name: parksAbuse })).toBeVisible();
  // Another team's report is not his to see.
  await expect(table.getByRole("link", { name: libraryPost })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("Path").selectOption({ label: "Abuse of a member of staff" });
  await page.getByLabel("Reported by").fill("doyle");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/path=staff_abuse/);
  await expect(table.getByRole("link", { name: parksPost })).toHaveCount(0);
  const abuseRow = table.getByRole("row", { name: new RegExp(parksAbuse) });
  await expect(abuseRow).toContainText("Chris Doyle");
  await expect(abuseRow).toContainText("In progress");
  // The form shows the filters in force.
  await expect(page.getByLabel("Path")).toHaveValue("staff_abuse");
  await expect(page.getByLabel("Reported by")).toHaveValue("doyle");
  await expectAccessible(page);

  // The CSV link carries the same filters, and the file comes with its headers.
  const csvHref = await page.getByRole("link", { name: "Download as CSV" }).getAttribute("href");
  expect(csvHref).toMatch(/^\/incidents\/csv\?/);
  expect(csvHref).toContain("path=staff_abuse");
  expect(csvHref).toContain("person=doyle");
  const response = await page.request.get(csvHref!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="holdfast-incidents-${organisationDate(new Date())}.csv"`);
  const csv = await response.text();
  expect(csv.split("\r\n")[0]).toBe('"Reference","Path","Title","Reported by","Service","Step","Reported at","Last updated","Overdue"');
  expect(csv).toContain(`"${parksAbuse}","Abuse of a member of staff"`);
  expect(csv).not.toContain(parksPost);
  expect(csv).not.toContain(libraryPost);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`holdfast-incidents-${organisationDate(new Date())}.csv`);

  // Filters that match nothing say so.
  await page.getByLabel("Channel").fill("no such account");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No incidents match these filters.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Path")).toHaveValue("");
  // A row's link with Ctrl (or Cmd) opens a new tab, as any link does; a plain click stays in the app.
  const rowLink = page.getByRole("table").getByRole("link", { name: parksAbuse });
  const [tab] = await Promise.all([page.context().waitForEvent("page"), rowLink.click({ modifiers: ["ControlOrMeta"] })]);
  await expect(tab).toHaveURL(new RegExp(`/incidents/${parksAbuse}$`));
  await tab.close();
  await expect(page).toHaveURL(/\/incidents$/);
  await markDocument(page);
  await rowLink.click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${parksAbuse}$`));
  expect(await isSameDocument(page)).toBe(true);
  await expect(page).toHaveTitle(new RegExp(`^${parksAbuse}:`));
  await expectAccessible(page);
  await signOut(page);
});

test("a member of staff sees only their own reports", async ({ page }) => {
  const { parksPost, parksAbuse, libraryPost } = reportIncidents();
  await signIn(page, people.libraryAssistant);
  await page.goto("/incidents");
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: libraryPost })).toBeVisible();
  await expect(table.getByRole("link", { name: parksPost })).toHaveCount(0);
  await expect(table.getByRole("link", { name: parksAbuse })).toHaveCount(0);
  // Every row is hers.
  const reporters = await table.locator("tbody tr td:nth-of-type(3)").allTextContents();
  expect(reporters.length).toBeGreaterThan(0);
  for (const reporter of reporters) expect(reporter).toContain("Jo Lee");
  await expectAccessible(page);

  const csv = await (await page.request.get("/incidents/csv")).text();
  expect(csv).toContain(libraryPost);
  expect(csv).not.toContain(parksPost);
  expect(csv).not.toContain(parksAbuse);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filters still work", async ({ page }) => {
    const { libraryPost } = reportIncidents();
    await signIn(page, people.libraryAssistant);
    await page.goto("/incidents");
    await page.getByLabel("Channel").fill("EastbridgeLibraries");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/incidents\?.*channel=EastbridgeLibraries/);
    await expect(page.getByRole("table").getByRole("link", { name: libraryPost })).toBeVisible();
    await expect(page.getByLabel("Channel")).toHaveValue("EastbridgeLibraries");
  });
});
