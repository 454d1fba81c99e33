import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import { openDatabase, type Db } from "../../db/client";
import { DEMO_PASSWORD } from "../../db/seed";

import { E2E_DATA_DIRECTORY } from "../../playwright.config";

export const MAIL_DIRECTORY = join(E2E_DATA_DIRECTORY, "mail");

/** Demo logins by the person's part in a journey. */
export const people = {
  libraryAssistant: { name: "Jo Lee", email: "jo.lee@eastbridge.gov.uk" },
  librariesManager: { name: "Owen Price", email: "owen.price@eastbridge.gov.uk" },
  hubOfficer: { name: "Ben Carter", email: "ben.carter@eastbridge.gov.uk" },
  director: { name: "Marcus Bell", email: "marcus.bell@eastbridge.gov.uk" },
  parksOfficer: { name: "Chris Doyle", email: "chris.doyle@eastbridge.gov.uk" },
  headOfParks: { name: "Liam Turner", email: "liam.turner@eastbridge.gov.uk" },
  communications: { name: "Ellie Marsh", email: "ellie.marsh@eastbridge.gov.uk" },
  admin: { name: "Alex Morgan", email: "alex.morgan@eastbridge.gov.uk" },
  hr: { name: "Nadia Hussain", email: "nadia.hussain@eastbridge.gov.uk" },
};

/** Fails the test on any WCAG 2.2 A or AA violation axe can find on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`,
  );
  expect(summary, `axe found problems on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, person: { email: string }, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(person.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Sign in to Holdfast");
}

/** Waits until React has hydrated the page, so that a click is the app's and not only the browser's. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactProps"));
  });
}

/** Marks the loaded document, to tell later whether a link was followed in the app or loaded a new document. */
export async function markDocument(page: Page) {
  await waitForHydration(page);
  await page.evaluate(() => Object.assign(window, { holdfastDocumentMark: true }));
}

export async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => "holdfastDocumentMark" in window);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
}

export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

/** Every message the embedded mail sink has written so far. */
export async function sentMail(): Promise<SentMail[]> {
  let files: string[] = [];
  try {
    files = readdirSync(MAIL_DIRECTORY).filter((file) => file.endsWith(".eml"));
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (file) => {
      const mail = await simpleParser(readFileSync(join(MAIL_DIRECTORY, file)));
      const to = Array.isArray(mail.to) ? mail.to.map((address) => address.text).join(", ") : (mail.to?.text ?? "");
      return { to, subject: mail.subject ?? "", text: mail.text ?? "" };
    }),
  );
}

/** Waits until the outbox worker has sent a message to this person whose subject matches. */
export async function expectMail(to: string, subject: RegExp) {
  await expect
    .poll(async () => (await sentMail()).some((mail) => mail.to === to && subject.test(mail.subject)), {
      message: `an email to ${to} matching ${subject}`,
      timeout: 30_000,
    })
    .toBe(true);
}

/** The value for a datetime-local input, a little in the past. */
export function recentLocalTime(minutesAgo = 10): string {
  return toOrganisationLocalInput(new Date(Date.now() - minutesAgo * 60_000));
}

/** A second connection to the server's database, closed again afterwards. */
export function withDatabase<T>(run: (database: Db) => T): T {
  const database = openDatabase(`${E2E_DATA_DIRECTORY}/holdfast.db`);
  try {
    return run(database);
  } finally {
    database.$client.close();
  }
}

/** The header a page's own form carries: a request made outside the page must say it too, or it is refused as cross-site. */
export function sameOrigin(page: Page): { Origin: string } {
  return { Origin: new URL(page.url()).origin };
}
