import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { people as directory } from "../../db/schema";
import { applyEvent } from "../../db/workflow";
import { expectAccessible, people, signIn, withDatabase } from "./support";

/**
 * A long incident: the report and 64 screenshots, 65 events. The timeline reads a page of 25 at
 * a time (the latest page first) and the evidence section the 10 latest files with a way to all
 * of them, with and without JavaScript.
 */

const SCREENSHOTS = 64;

/** Opens the incident in the server's database, as if Jo Lee had reported it and added the screenshots one by one. */
function longIncident(): string {
  return withDatabase((database) => {
    const person = database.select().from(directory).where(eq(directory.email, people.libraryAssistant.email)).get()!;
    const actor = { id: person.id, name: person.name };
    let incident = reportMistakenPost(
      database,
      actor,
      { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: new Date().toISOString(), whatHappened: "The wrong opening hours, posted 64 times by a scheduling tool." },
      new Date(),
    );
    for (let index = 1; index <= SCREENSHOTS; index += 1) {
      incident = applyEvent(database, {
        incidentId: incident.id,
        expectedVersion: incident.version,
        event: {
          type: "ATTACH_SCREENSHOT",
          by: { ...actor, roles: ["staff"] },
          file: { originalName: `copy-${index}.png`, mediaType: "image/png", sizeBytes: 2048, sha256: index.toString(16).padStart(64, "0"), storagePath: `e2e/copy-${index}.png` },
        },
        actor,
        now: new Date(),
      });
    }
    return incident.reference;
  });
}

const timeline = (page: Page) => page.getByRole("region", { name: "Timeline" });
const timelinePages = (page: Page) => page.getByRole("navigation", { name: "Pages of the timeline" });

async function readTheLongIncident(page: Page, reference: string) {
  await page.goto(`/incidents/${reference}`);
  // The latest page first (pages of 25): events 51 to 65, the last screenshot last.
  await expect(timeline(page)).toContainText("Showing events 51 to 65 of 65, oldest first.");
  await expect(timeline(page).getByRole("listitem")).toHaveCount(15);
  await expect(timelinePages(page)).toContainText("Page 3 of 3");

  await timelinePages(page).getByRole("link", { name: "Previous page" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${reference}\\?timeline=2#timeline$`));
  await expect(timeline(page)).toContainText("Showing events 26 to 50 of 65, oldest first.");
  await timeline(page).getByRole("link", { name: "Start from the first event" }).click();
  await expect(timeline(page)).toContainText("Showing events 1 to 25 of 65, oldest first.");
  await expect(timeline(page).getByRole("listitem").first()).toContainText("Reported by Jo Lee");

  await timeline(page).getByLabel("Go to page").fill("2");
  await timeline(page).getByRole("button", { name: "Show page" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${reference}\\?timeline=2#timeline$`));
  await expect(timeline(page)).toContainText("Showing events 26 to 50 of 65");
  await timeline(page).getByRole("link", { name: "Go to the latest events" }).click();
  await expect(timeline(page)).toContainText("Showing events 51 to 65 of 65");

  await page.goto(`/incidents/${reference}?timeline=9`);
  await expect(timeline(page)).toContainText("There is no page “9” of this timeline. This is page 3 of 3, the latest events.");

  // The evidence: the 10 latest files, and a page of every one.
  const evidence = page.getByRole("region", { name: "Evidence" });
  await expect(evidence).toContainText("The 10 most recent of 64 files.");
  await expect(evidence.getByRole("link", { name: /^copy-\d+\.png$/ })).toHaveCount(10);
  await expect(evidence.getByRole("link", { name: "copy-64.png" })).toBeVisible();
  await evidence.getByRole("link", { name: "See all 64 evidence files" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evidence files" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Files 1 to 50 of 64" })).toBeVisible();
  await expect(page.getByRole("link", { name: "copy-1.png" })).toBeVisible();
  await page.getByRole("navigation", { name: "Pages of evidence files" }).getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("heading", { name: "Files 51 to 64 of 64" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the incident" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Post made by mistake");
}

test("a long timeline reads a page at a time, and the evidence shows the latest files with a page of them all", async ({ page }) => {
  const reference = longIncident();
  await signIn(page, people.librariesManager);
  await readTheLongIncident(page, reference);
  await page.goto(`/incidents/${reference}?timeline=1`);
  await expectAccessible(page);
  await page.goto(`/incidents/${reference}/evidence?page=2`);
  await expectAccessible(page);
});

test("the pages work without JavaScript", async ({ browser }) => {
  const reference = longIncident();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, people.communications);
  await readTheLongIncident(page, reference);
  await context.close();
});

test("someone who may not see the incident is told the evidence page does not exist", async ({ page }) => {
  const reference = longIncident();
  await signIn(page, people.headOfParks);
  for (const path of [`/incidents/${reference}?timeline=1`, `/incidents/${reference}/evidence`, `/incidents/${reference}/evidence?page=2`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});
