import { expect, test } from "@playwright/test";
import { expectAccessible, expectMail, people, recentLocalTime, signIn, signOut } from "./support";

async function reportMistakenPost(page: import("@playwright/test").Page, account: string) {
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report a post made by mistake" })).toBeVisible();
  await expectAccessible(page);
  // A registered account is chosen from the register; any other is written in.
  const registered = page.getByRole("radio", { name: `${account} (Facebook)` });
  if ((await registered.count()) > 0) {
    await registered.check();
  } else {
    await page.getByRole("radio", { name: "Another account" }).check();
    await page.getByLabel("Which platform is it on?").selectOption("Facebook");
    await page.getByLabel("The account's name or handle").fill(account);
  }
  await page.getByLabel("Link to the post (optional)").fill("https://facebook.example/eastbridge/posts/123");
  await page.getByLabel("When was it posted?").fill(recentLocalTime());
  await page.getByLabel("What was posted, and what went wrong?").fill("Posted the Christmas closing times for the wrong library.");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "has been sent" })).toBeVisible();
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  return reference;
}

test("a member of staff reports a mistaken post and their line manager acknowledges it", async ({ page }) => {
  await signIn(page, people.libraryAssistant);
  await expect(page.getByRole("heading", { name: "Hello, Jo Lee" })).toBeVisible();
  await expectAccessible(page);

  const reference = await reportMistakenPost(page, "@EastbridgeLibraries");
  await expect(page.getByRole("heading", { level: 1, name: "Post made by mistake on @EastbridgeLibraries" })).toBeVisible();
  // The steps in one line, opened on request; who the incident waits for, and by when, above them.
  const stepSummary = page.locator("summary").filter({ hasText: /^Step \d+ of \d+: / });
  await expect(stepSummary).toContainText("Step 1 of 10: Tell the line manager and Communications");
  await expect(page.getByRole("region", { name: "What happens next" })).toContainText(/Waiting for Owen Price \(line manager\) to acknowledge the report of a post made by mistake, due /);
  await expect(page.getByRole("heading", { name: "Acknowledge this report" })).toHaveCount(0);
  await expectAccessible(page);

  await expectMail(people.librariesManager.email, new RegExp(`^${reference}: please acknowledge`));
  await expectMail(people.communications.email, new RegExp(`^${reference}: a post was made by mistake on @EastbridgeLibraries`));
  await signOut(page);

  await signIn(page, people.librariesManager);
  const waiting = page.getByRole("region", { name: "Waiting for you" });
  await waiting.getByRole("link", { name: new RegExp(reference) }).click();
  await expect(page.getByRole("heading", { name: "Acknowledge this report" })).toBeVisible();
  await expectAccessible(page);
  await page.getByText("Add a note (optional)").click();
  await page.getByLabel("Note (optional)").fill("Spoken to Jo; Communications are looking at it.");
  await page.getByRole("button", { name: "Acknowledge" }).click();

  await expect(page.getByRole("status").filter({ hasText: "You have acknowledged this report" })).toBeVisible();
  await expect(stepSummary).toContainText("Step 2 of 10: Delete the post if possible");
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Acknowledged by Owen Price")).toBeVisible();
  await expect(timeline.getByText("“Spoken to Jo; Communications are looking at it.”")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Acknowledge this report" })).toHaveCount(0);
  await expectAccessible(page);
  await expectMail(people.libraryAssistant.email, new RegExp(`^${reference}: your report has been acknowledged`));
});

test("when the line manager is away, the next most senior officer is asked", async ({ page }) => {
  // Ben Carter's line manager, Helen Ward, is on leave in the demo organisation.
  await signIn(page, people.hubOfficer);
  const reference = await reportMistakenPost(page, "@EastbridgeHubs");
  await expect(page.getByRole("region", { name: "What happens next" })).toContainText(/Waiting for .*Marcus Bell \(senior manager\) to acknowledge/);
  await expectMail(people.director.email, new RegExp(`^${reference}: please acknowledge`));
  await signOut(page);

  await signIn(page, people.director);
  await page.getByRole("region", { name: "Waiting for you" }).getByRole("link", { name: new RegExp(reference) }).click();
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Acknowledged by Marcus Bell")).toBeVisible();
});

test("a colleague outside the reporting line cannot see the incident, and is not told it exists", async ({ page }) => {
  await signIn(page, people.headOfParks);
  const reference = await reportMistakenPost(page, "@EastbridgeParks");
  await signOut(page);

  await signIn(page, people.hr);
  const response = await page.goto(`/incidents/${reference}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
});

test("acknowledging from a page that is out of date explains what changed instead of overwriting it", async ({ browser }) => {
  const reporterContext = await browser.newContext();
  const reporter = await reporterContext.newPage();
  await signIn(reporter, people.parksOfficer);
  const reference = await reportMistakenPost(reporter, "@EastbridgeParksEvents");
  await reporterContext.close();

  // Liam Turner is Chris Doyle's line manager; he has the incident open in two tabs.
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, people.headOfParks);
  await first.goto(`/incidents/${reference}`);
  const second = await context.newPage();
  await second.goto(`/incidents/${reference}`);

  await first.getByRole("button", { name: "Acknowledge" }).click();
  await expect(first.getByRole("status").filter({ hasText: "You have acknowledged this report" })).toBeVisible();

  const [response] = await Promise.all([
    second.waitForResponse((candidate) => candidate.request().method() === "POST"),
    second.getByRole("button", { name: "Acknowledge" }).click(),
  ]);
  expect(response.status()).toBe(409);
  // Told who did it and when, and that nothing is left for this tab to do.
  await expect(second.getByRole("alert")).toContainText(/Liam Turner acknowledged this report at \d{2}:\d{2}\. So yours was not needed, and there is nothing more for you to do here\./);
  // The page has reloaded the incident: it is acknowledged, so the form is no longer offered.
  await expect(second.getByRole("heading", { name: "Acknowledge this report" })).toHaveCount(0);
  await expect(second.getByText("What changed since you opened this page:")).toBeVisible();
  await expect(second.getByText(/Acknowledged by Liam Turner/).first()).toBeVisible();
  await expectAccessible(second);
  await context.close();
});
