import { eq } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { people as peopleTable } from "../../db/schema";
import { expectAccessible, people, signIn, signOut, withDatabase } from "./support";

/**
 * "Your work" on a phone: the count in the header on every page, linking to the home page's
 * list, and the member of staff's own report told in words on their home page.
 */

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

function reportAsLibraryAssistant(title: string): string {
  return withDatabase((database) => {
    const reporter = database.select({ id: peopleTable.id, name: peopleTable.name }).from(peopleTable).where(eq(peopleTable.email, people.libraryAssistant.email)).get()!;
    const post = { platform: "Facebook", account: "@EastbridgeLibraries", link: null, postedAt: new Date().toISOString(), whatHappened: title };
    return reportMistakenPost(database, reporter, post, new Date()).reference;
  });
}

test("the header counts the work waiting for the line manager on every page and leads to it; the member of staff reads where their report stands", async ({ page }) => {
  test.setTimeout(120_000);
  const reference = reportAsLibraryAssistant("Closing times for the wrong library posted.");

  await signIn(page, people.librariesManager);
  const yourWork = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Your work \(\d+/ });
  for (const address of ["/incidents", "/report", "/accessibility"]) {
    await page.goto(address);
    // Seen and read out alike: how many wait and, when some are late, how many.
    await expect(yourWork).toHaveText(/^Your work \(\d+(, \d+ overdue)?\)$/);
  }
  const waiting = Number((await yourWork.textContent())!.match(/\((\d+)/)![1]);
  expect(waiting).toBeGreaterThanOrEqual(1);

  await yourWork.click();
  await expect(page).toHaveURL(/\/#your-work$/);
  const list = page.getByRole("region", { name: "Waiting for you" });
  await expect(list.getByRole("link", { name: new RegExp(reference) })).toBeVisible();
  await expect(list).toContainText("Acknowledge the report of a post made by mistake");
  await signOut(page);

  // The member of staff: nothing is theirs to do yet, and their report says who is asked and by when.
  await signIn(page, people.libraryAssistant);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${people.libraryAssistant.name}`);
  const reports = page.getByRole("region", { name: "Your reports" });
  const item = reports.getByRole("listitem").filter({ has: page.getByRole("link", { name: new RegExp(reference) }) });
  await expect(item).toContainText(/Owen Price \(your line manager\) has been asked to acknowledge it, by \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\./);
  await expectAccessible(page);
  // Nothing scrolls sideways on the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
