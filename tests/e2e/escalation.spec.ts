import { expect, test } from "@playwright/test";
import { expectAccessible, expectMail, people, recentLocalTime, signIn, signOut } from "./support";

test("the member of staff is told who was asked when their line manager is away", async ({ page }) => {
  // Ben Carter's line manager, Helen Ward, is on leave in the demo organisation.
  await signIn(page, people.hubOfficer);
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  // The hubs' account is not in the register: written in.
  await page.getByRole("radio", { name: "Another account" }).check();
  await page.getByLabel("Which platform is it on?").selectOption("Facebook");
  await page.getByLabel("The account's name or handle").fill("@EastbridgeHubs");
  await page.getByLabel("When was it posted?").fill(recentLocalTime());
  await page.getByLabel("What was posted, and what went wrong?").fill("Posted the hub's opening hours for the wrong week.");
  await page.getByRole("button", { name: "Send report" }).click();
  const notice = page.getByRole("status").filter({ hasText: "has been sent" });
  await expect(notice).toContainText("Helen Ward is away, so Marcus Bell has been asked to acknowledge it instead, and the Communications team have been emailed.");
  await expect(notice).not.toContainText("Your line manager");
  await expectAccessible(page);
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Helen Ward is away, so Marcus Bell was asked to acknowledge it.")).toBeVisible();
  await expectMail(people.director.email, new RegExp(`^${reference}: please acknowledge`));
  await signOut(page);
});

test("an officer who acknowledges from a page already acknowledged is told who did it and when, and that nothing is left to do", async ({ page, context }) => {
  await signIn(page, people.libraryAssistant);
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  await page.getByRole("radio", { name: "@EastbridgeLibraries (Facebook)" }).check();
  await page.getByLabel("When was it posted?").fill(recentLocalTime());
  await page.getByLabel("What was posted, and what went wrong?").fill("Posted the wrong library's closing times.");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Owen Price has been asked to acknowledge it, and the Communications team have been emailed." })).toBeVisible();
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  await signOut(page);

  // The same manager has the incident open in two tabs and acknowledges in both.
  await signIn(page, people.librariesManager);
  await page.goto(`/incidents/${reference}`);
  const other = await context.newPage();
  await other.goto(`/incidents/${reference}`);
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You have acknowledged this report" })).toBeVisible();

  await other.getByRole("button", { name: "Acknowledge" }).click();
  const problem = other.getByRole("alert");
  await expect(problem).toContainText(/Owen Price acknowledged this report at \d{2}:\d{2}\. So yours was not needed, and there is nothing more for you to do here\./);
  await expect(problem).not.toContainText("try again");
  await expectAccessible(other);
});
