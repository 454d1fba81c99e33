import { expect, test } from "@playwright/test";
import { expectAccessible, expectMail, people, recentLocalTime, signIn, signOut } from "./support";

const newcomer = { name: "Priya Kaur", email: "priya.kaur@eastbridge.gov.uk", password: "a long enough password" };

test("an administrator keeps the directory, and reads the emails Holdfast sent", async ({ page }) => {
  await signIn(page, people.admin);
  await page.getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  const helenRow = page.getByRole("row", { name: /Helen Ward/ });
  await expect(helenRow.getByText("Away today")).toBeVisible();
  await expectAccessible(page);

  // Add a person; a bad first attempt keeps everything typed but the password.
  await page.getByRole("link", { name: "Add a person" }).click();
  await expectAccessible(page);
  await page.getByLabel("Full name").fill(newcomer.name);
  await page.getByLabel("Work email address").fill(people.libraryAssistant.email);
  await page.getByLabel("Job title").fill("Parks Apprentice");
  await page.getByLabel("Service").fill("Place");
  await page.getByLabel("Seniority").fill("5");
  await page.getByLabel("Line manager").selectOption({ label: "Liam Turner, Head of Parks and Leisure" });
  await page.getByLabel("Staff").check();
  await page.getByLabel("Password").fill(newcomer.password);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "A person with this email address already exists" })).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue(newcomer.name);
  await expectAccessible(page);
  await page.getByLabel("Work email address").fill(newcomer.email);
  await page.getByLabel("Password").fill(newcomer.password);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByRole("status").filter({ hasText: newcomer.name })).toBeVisible();

  // Record an absence for the new person's manager, then remove it again.
  await page.goto("/admin/people");
  await page.getByRole("link", { name: "Liam Turner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Liam Turner" })).toBeVisible();
  const today = recentLocalTime(0).slice(0, 10);
  await page.getByLabel("Starts on").fill(today);
  await page.getByLabel("Ends on").fill("2000-01-01");
  await page.getByLabel("Reason").fill("Training course");
  await page.getByRole("button", { name: "Record absence" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Ends on").fill(today);
  await page.getByRole("button", { name: "Record absence" }).click();
  await expect(page.getByRole("table", { name: /Absences recorded for Liam Turner/ })).toContainText("Training course");
  await expectAccessible(page);
  await page.getByRole("table", { name: /Absences recorded for Liam Turner/ }).getByRole("button", { name: /Remove/ }).click();
  await expect(page.getByRole("table", { name: /Absences recorded for Liam Turner/ })).toHaveCount(0);

  // Settings: a bad value is refused; a good one is saved and confirmed. The first form is the
  // mistaken post's (each path's settings are a form of their own).
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Acknowledgement deadline, in minutes").fill("0");
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Acknowledgement deadline, in minutes").fill("15");
  const seniorLeaders = page.getByRole("group", { name: "Senior leaders to tell" });
  for (const box of await seniorLeaders.getByRole("checkbox").all()) await box.uncheck();
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Choose at least one senior leader to tell" })).toBeVisible();
  await expect(page.getByLabel("Acknowledgement deadline, in minutes")).toHaveValue("15");
  for (const name of [/Dan Okafor/, /Priya Shah/, /Ruth Adeyemi/]) await seniorLeaders.getByLabel(name).check();
  await page.getByRole("group", { name: "Tell senior leaders when the severity is at least" }).getByLabel("High").check();
  await page.getByRole("button", { name: "Save settings" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "senior leaders are told from high severity" })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // The new person can sign in and report; their new line manager is emailed.
  await signIn(page, newcomer, newcomer.password);
  await page.getByRole("link", { name: "Report a post made by mistake" }).click();
  await page.getByRole("radio", { name: "@EastbridgeParks (X (Twitter))" }).check();
  await page.getByLabel("When was it posted?").fill(recentLocalTime());
  await page.getByLabel("What was posted, and what went wrong?").fill("Tweeted the wrong date for the park run.");
  await page.getByRole("button", { name: "Send report" }).click();
  const reference = (await page.getByText(/^Mistaken post · HF-\d{4}-\d{4}$/).textContent())!.split(" · ")[1];
  await expectMail(people.headOfParks.email, new RegExp(`^${reference}: please acknowledge`));
  await signOut(page);

  await signIn(page, people.admin);
  await page.getByRole("link", { name: "Emails" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Emails sent" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `${reference}: please acknowledge a post made by mistake` }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: `${reference}: please acknowledge a post made by mistake` })).toBeVisible();
  await expect(page.getByText("Liam Turner, Priya Kaur has reported a post made by mistake")).toBeVisible();
  await expectAccessible(page);
});

test("an administrator checks every record, and the result is announced", async ({ page }) => {
  await signIn(page, people.admin);
  await page.getByRole("link", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Verify records" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Check every record now" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Result" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /check out\.$|nothing to check yet/ })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);
});

test("people who are not administrators cannot open the admin pages", async ({ page }) => {
  await signIn(page, people.communications);
  for (const path of ["/admin/people", "/admin/people/1", "/admin/settings", "/admin/mailbox", "/admin/verify"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
