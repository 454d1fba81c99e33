import { expect, test } from "@playwright/test";
import { expectAccessible, people, signIn, signOut } from "./support";

test("a wrong password is refused with an error summary, keeping the email typed", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2F$/);
  await expectAccessible(page);

  await page.getByLabel("Work email address").fill(people.communications.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toContainText("The email address or password is not right");
  await expect(summary).toBeFocused();
  await expect(page.getByLabel("Work email address")).toHaveValue(people.communications.email);
  await expectAccessible(page);
});

test("empty and malformed fields each get their own message, linked from the summary", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill("not-an-email");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("link", { name: /Enter an email address in the right format/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
  await summary.getByRole("link", { name: "Enter your password" }).click();
  await expect(page.getByLabel("Password")).toBeFocused();
  await expectAccessible(page);
});

test("signing out ends the session on the server", async ({ page, context }) => {
  await signIn(page, people.parksOfficer);
  // In production the __Host- prefix: Secure, for the whole site, set by this host alone.
  const [sessionCookie] = (await context.cookies()).filter((cookie) => cookie.name === "__Host-holdfast_session");
  expect(sessionCookie.path).toBe("/");
  expect(sessionCookie.httpOnly).toBe(true);
  expect(sessionCookie.sameSite).toBe("Lax");
  expect(sessionCookie.secure).toBe(true);
  await signOut(page);

  // Replaying the old cookie gets nowhere: the session is gone from the database.
  await context.addCookies([sessionCookie]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the accessibility statement is linked from every page and can be read before signing in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Accessibility statement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accessibility statement for Holdfast" })).toBeVisible();
  await expect(page).toHaveURL(/\/accessibility$/);
  await expectAccessible(page);

  await signIn(page, people.communications);
  await expect(page.getByRole("link", { name: "Accessibility statement" })).toBeVisible();
});
