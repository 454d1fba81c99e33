import { expect, test, type Locator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import type { Db } from "../../db/client";
import { people as directory, personRoles } from "../../db/schema";
import { applyEvent } from "../../db/workflow";
import { SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";
import { expectAccessible, people, signIn, withDatabase } from "./support";

/**
 * On a phone (390 x 844), with and without JavaScript, each person finds their part of an
 * incident in the first screen, and after each save lands on what there is to do next.
 */

const SCREEN = { width: 390, height: 844 };
const secondCommunications = { name: "Sam Patel", email: "sam.patel@eastbridge.gov.uk" };

test.use({ viewport: SCREEN });

function personIn(database: Db, email: string) {
  const person = database.select({ id: directory.id, name: directory.name }).from(directory).where(eq(directory.email, email)).get()!;
  const roles = database.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, person.id)).all().map((row) => row.role);
  return { actor: person, by: { ...person, roles } };
}

/** A mistaken post by Jo Lee, taken in the server's database through the steps given as [who, event]. */
function mistakenPost(steps: [string, { type: string; [field: string]: unknown }][] = []): string {
  return withDatabase((database) => {
    const reporter = personIn(database, people.libraryAssistant.email);
    let incident = reportMistakenPost(
      database,
      reporter.actor,
      { platform: "Facebook", account: "@EastbridgeLibraries", link: "https://facebook.example/eastbridge/posts/4471", postedAt: new Date(Date.now() - 15 * 60_000).toISOString(), whatHappened: "Posted the Christmas closing times for the wrong library." },
      new Date(),
    );
    for (const [email, event] of steps) {
      const person = personIn(database, email);
      incident = applyEvent(database, { incidentId: incident.id, expectedVersion: incident.version, event: { ...event, by: person.by }, actor: person.actor, now: new Date() });
    }
    return incident.reference;
  });
}

/** An abuse report by Ben Carter, who said he was in danger. */
function abuseReport(): string {
  return withDatabase((database) => {
    const reporter = personIn(database, people.hubOfficer.email);
    return reportStaffAbuse(database, reporter.actor, { ...SAMPLE_ABUSE_REPORT, inDanger: true, platform: "Facebook" }, new Date()).reference;
  });
}

/** Fails unless the whole of the element is in the first screen of the page, read from the top; returns its bottom edge. */
async function expectInFirstScreen(page: Page, locator: Locator): Promise<number> {
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await locator.boundingBox())!;
  expect(box, "the element is on the page").not.toBeNull();
  expect(box.y + box.height, "the element ends within the first screen").toBeLessThanOrEqual(SCREEN.height);
  test.info().annotations.push({ type: "first screen", description: `${await locator.evaluate((element) => element.textContent?.slice(0, 40))}: ends at ${Math.round(box.y + box.height)} px` });
  return box.y + box.height;
}

/**
 * Axe runs scripts in the page, so without JavaScript the same address is checked in a second
 * window that has it, signed in as the same person.
 */
async function checkAccessible(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) return expectAccessible(page);
  const browser = page.context().browser()!;
  const context = await browser.newContext({ viewport: SCREEN, javaScriptEnabled: true, storageState: await page.context().storageState() });
  try {
    const twin = await context.newPage();
    await twin.goto(page.url());
    await expectAccessible(twin);
  } finally {
    await context.close();
  }
}

/** After a save: the address names what to do next and it is at the top of the screen (with JavaScript, it has the focus). */
async function expectLandedOnNext(page: Page, notice: string | RegExp, javaScriptEnabled: boolean) {
  await expect(page.getByRole("status").filter({ hasText: notice })).toBeVisible();
  await expect(page).toHaveURL(/#next$/);
  await expect.poll(() => page.evaluate(() => Math.round(document.getElementById("next")!.getBoundingClientRect().top))).toBeLessThanOrEqual(16);
  expect(await page.evaluate(() => document.getElementById("next")!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
  if (javaScriptEnabled) await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("next");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`at 390 x 844, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the line manager sees what happened and Acknowledge in the first screen, then who the incident waits for", async ({ page }) => {
      const reference = mistakenPost();
      await signIn(page, people.librariesManager);
      await page.goto(`/incidents/${reference}`);
      const next = page.getByRole("region", { name: "What you need to do now" });
      await expectInFirstScreen(page, next.getByText("Posted the Christmas closing times for the wrong library."));
      await expectInFirstScreen(page, next.getByRole("link", { name: /facebook\.example/ }));
      await expectInFirstScreen(page, next.getByText(/^Jo Lee, /));
      await expectInFirstScreen(page, page.getByRole("button", { name: "Acknowledge" }));
      await expect(page.locator("summary").filter({ hasText: "Step 1 of 10: " })).toBeVisible();
      await checkAccessible(page, javaScriptEnabled);

      await page.getByRole("button", { name: "Acknowledge" }).click();
      await expectLandedOnNext(page, "You have acknowledged this report", javaScriptEnabled);
      const waiting = page.getByRole("region", { name: "What happens next" });
      await expect(waiting).toContainText("Waiting for Jo Lee (who reported it) or Communications team to keep a screenshot of the post");
      await checkAccessible(page, javaScriptEnabled);
    });

    test("the second Communications officer signs off the tone from the first screen, then lands on marking it sent", async ({ page }) => {
      const comms = people.communications.email;
      const reference = mistakenPost([
        [people.librariesManager.email, { type: "ACKNOWLEDGE" }],
        [people.libraryAssistant.email, { type: "RECORD_NOT_DELETED", reason: "not_possible", explanation: "The page was locked by the platform." }],
        [comms, { type: "ASSESS_RISK", likelihood: 2, impact: 2, reach: 1, factors: [], decision: "respond", rationale: "A few people asked.", crisisPlanNeeded: false }],
        [comms, { type: "LEADER_NOT_NEEDED", reason: "Small and corrected." }],
        [comms, { type: "DRAFT_RESPONSE", text: "Sorry: the closing times we posted were for another library." }],
        [comms, { type: "CONFIRM_CHECKS", transparent: true, sourcesCited: true, notRushed: true, focused: true }],
      ]);
      await signIn(page, secondCommunications);
      await page.goto(`/incidents/${reference}`);
      await expectInFirstScreen(page, page.getByText("Sorry: the closing times we posted were for another library."));
      await expectInFirstScreen(page, page.getByRole("button", { name: "Sign off the tone" }));
      await checkAccessible(page, javaScriptEnabled);

      await page.getByRole("button", { name: "Sign off the tone" }).click();
      await expectLandedOnNext(page, "You have signed off the tone.", javaScriptEnabled);
      await expect(page.getByRole("region", { name: "What you need to do now" }).getByLabel("Where was it posted?")).toBeVisible();
      await checkAccessible(page, javaScriptEnabled);
    });

    test("HR and safety see their tasks first, told of the danger in words meant for them, and land on the next task", async ({ page }) => {
      const reference = abuseReport();
      await signIn(page, people.hr);
      await page.goto(`/incidents/${reference}`);
      await expect(page.getByRole("alert")).toContainText("Ben Carter said they were in immediate danger when reporting.");
      await expect(page.getByText("You told us")).toHaveCount(0);
      const tasks = page.getByRole("list", { name: "Tasks" });
      await expectInFirstScreen(page, tasks.getByRole("listitem").filter({ hasText: "Tell the police" }));
      await expectInFirstScreen(page, tasks.getByRole("listitem").filter({ hasText: "Support from the line manager" }));
      await expect(tasks.getByRole("listitem").filter({ hasText: "Close the report" })).toContainText("Cannot start yet");
      await expect(page.getByText("Current step")).toHaveCount(0);
      await checkAccessible(page, javaScriptEnabled);

      await page.getByLabel("101", { exact: true }).check();
      await page.getByRole("button", { name: "Record the police report" }).click();
      await expectLandedOnNext(page, "Your police report is recorded.", javaScriptEnabled);
      await expect(tasks.getByRole("listitem").filter({ hasText: "Tell the police" })).toContainText("Done");
      await expect(page.getByRole("region", { name: "What you need to do now" })).toContainText(
        "Waiting for Ben Carter (who reported it) to ask the platform to remove the content, or record why not.",
      );
      await checkAccessible(page, javaScriptEnabled);
    });

    test("the member of staff sees their task list first, and after each save the list is at the top again", async ({ page }) => {
      const reference = abuseReport();
      await signIn(page, people.hubOfficer);
      await page.goto(`/incidents/${reference}`);
      await expect(page.getByRole("alert")).toContainText("You told us you were in danger when you reported this.");
      const tasks = page.getByRole("list", { name: "Tasks" });
      await expectInFirstScreen(page, tasks.getByRole("listitem").first());
      await expectInFirstScreen(page, tasks.getByRole("listitem").filter({ hasText: "Block the person" }));
      await expect(tasks.getByRole("listitem").filter({ hasText: "Block the person" })).toContainText("Not started");
      await checkAccessible(page, javaScriptEnabled);

      // The upload comes before the removal, in the task that asks for it; a refusal is told there and at the top of the form.
      await page.getByLabel("Add screenshots").setInputFiles({ name: "notes.png", mimeType: "image/png", buffer: Buffer.from("this is not a picture") });
      await page.getByRole("button", { name: "Upload" }).click();
      const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(problem.getByRole("link", { name: /notes\.png/ })).toHaveAttribute("href", "#evidence-file");
      await expect(page.locator("#evidence-file-error")).toContainText("notes.png");
      await checkAccessible(page, javaScriptEnabled);

      await page.getByLabel("I have blocked the account that did it").check();
      await page.getByRole("button", { name: "Save" }).click();
      await expectLandedOnNext(page, /Recorded/, javaScriptEnabled);
      await expect(tasks.getByRole("listitem").filter({ hasText: "Block the person" })).toContainText("Done");
      // "Now" is there already for when the platform was asked.
      await expect(page.getByLabel("When did you ask the platform?")).not.toHaveValue("");
      await page.getByRole("button", { name: "I have asked the platform" }).click();
      await expectLandedOnNext(page, /If the platform has not acted in 48 hours/, javaScriptEnabled);
      await expect(tasks.getByRole("listitem").filter({ hasText: "Get the content removed" })).toContainText("In progress");
      await checkAccessible(page, javaScriptEnabled);
    });
  });
}
