import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { people as peopleTable } from "../../db/schema";
import { makePng } from "../helpers/images";
import { SAMPLE_ABUSE_REPORT } from "../helpers/staff-abuse";
import { eq } from "drizzle-orm";
import { expectAccessible, expectMail, people, recentLocalTime, signIn, signOut, withDatabase } from "./support";

/**
 * The work after an abuse report, by the three people the policy names: the member of staff,
 * their line manager (the director, as the head of service is away today) and HR and safety;
 * Communications join when asked to help with removal. The report itself is made through the
 * same model the report pages use (their journey is in abuse-report.spec.ts).
 */

const hubOfficer = people.hubOfficer;
const director = people.director;

function reportAbuseInTheAppDatabase() {
  return withDatabase((database) => {
    const reporter = database.select({ id: peopleTable.id, name: peopleTable.name }).from(peopleTable).where(eq(peopleTable.email, hubOfficer.email)).get()!;
    return reportStaffAbuse(database, reporter, { ...SAMPLE_ABUSE_REPORT, platform: "Facebook", kinds: ["harassment", "hate"], protectedCharacteristics: ["religion"] }, new Date()).reference;
  });
}

async function expectNotice(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("the member of staff, their manager and HR and safety work through an abuse report to its close", async ({ page }) => {
  test.setTimeout(300_000);
  const reference = reportAbuseInTheAppDatabase();
  const url = `/incidents/${reference}`;
  await expectMail(director.email, new RegExp(`^${reference}:`));
  await expectMail(people.hr.email, new RegExp(`^${reference}:`));

  // The member of staff: evidence, blocking, the police, and removal with Communications' help.
  await signIn(page, hubOfficer);
  await page.goto(url);
  await expect(page.getByText(/This report is private/)).toBeVisible();
  await expectAccessible(page);

  const screenshot = makePng(400, 300);
  await page.getByLabel("Add screenshots").setInputFiles({ name: "abuse.png", mimeType: "image/png", buffer: screenshot });
  await page.getByRole("button", { name: "Upload" }).click();
  await expectNotice(page, "Screenshot added to the record.");
  const evidence = page.getByRole("region", { name: "Evidence" });
  await expect(evidence).toContainText(createHash("sha256").update(screenshot).digest("hex"));
  const thumbnail = evidence.getByRole("img", { name: "Thumbnail of abuse.png" });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(320);
  const fileLink = await evidence.getByRole("link", { name: "abuse.png" }).getAttribute("href");

  await page.getByLabel("I have blocked the account that did it").check();
  await page.getByLabel("I have checked who can see my posts and photos").check();
  await page.getByRole("button", { name: "Save" }).click();
  await expectNotice(page, "Recorded. Well done for checking your settings.");

  await page.getByRole("button", { name: "Record the police report" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Choose how you reported it" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("101", { exact: true }).check();
  await page.getByLabel("When did you report it?").fill(recentLocalTime(5));
  await page.getByLabel("Crime reference number (if given)").fill("SY-2026-4471");
  await page.getByRole("button", { name: "Record the police report" }).click();
  await expectNotice(page, "Your police report is recorded.");

  await page.getByLabel("When did you ask the platform?").fill(recentLocalTime(3));
  await page.getByRole("button", { name: "I have asked the platform" }).click();
  await expectNotice(page, /If the platform has not acted in 48 hours/);
  await page.getByRole("button", { name: "Ask Communications to help" }).click();
  await expectNotice(page, "The Communications team have been asked to help");
  await expectMail(people.communications.email, new RegExp(`^${reference}:`));
  await signOut(page);

  // A colleague cannot see the report or its file.
  await signIn(page, people.libraryAssistant);
  expect((await page.goto(url))?.status()).toBe(404);
  expect((await page.request.get(fileLink!)).status()).toBe(404);
  await signOut(page);

  // Communications, now asked, record the platform's answer.
  await signIn(page, people.communications);
  await page.goto(url);
  await page.getByLabel("The platform removed it").check();
  await page.getByLabel("What did they say?").fill("Facebook removed the comments for breaking their harassment rules.");
  await page.getByRole("button", { name: "Record the platform's answer" }).click();
  await expectNotice(page, "The platform's answer is recorded.");
  await signOut(page);

  // The line manager records support, and later the wellbeing follow-up.
  await signIn(page, director);
  await page.getByRole("region", { name: "Abuse reports you support" }).getByRole("link", { name: new RegExp(reference) }).click();
  await expectAccessible(page);
  await page.getByLabel("What support have you offered?").fill("Spoke to Ben the same morning; no lone hub sessions this week; EAP details shared.");
  await page.getByRole("button", { name: "Record the support offered" }).click();
  await expectNotice(page, "The support you offered is recorded.");
  await expectMail(hubOfficer.email, new RegExp(`^${reference}:`));
  await page.getByLabel("How is the member of staff now?").fill("Back to normal duties and feeling supported.");
  await page.getByRole("button", { name: "Record the follow-up" }).click();
  await expectNotice(page, "The wellbeing follow-up is recorded.");
  await signOut(page);

  // HR and safety close it.
  await signIn(page, people.hr);
  await page.goto(url);
  await page.getByRole("button", { name: "Close the report" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "Write the outcome" })).toBeVisible();
  await page.getByLabel("Outcome").fill("Comments removed; police investigating under SY-2026-4471.");
  await page.getByRole("button", { name: "Close the report" }).click();
  await expectNotice(page, "The report is closed.");
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (const entry of ["Violence and aggression report made", "Screenshot attached", "Blocked and privacy checked", "Reported to the police", "Removal asked of the platform", "Communications asked to help with removal", "Platform's answer recorded", "Support offered", "Wellbeing follow-up done", "Closed with the outcome"]) {
    await expect(timeline.getByText(entry).first()).toBeVisible();
  }
  await expectAccessible(page);

  // HR download the evidence pack for the police; the download is on the timeline.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the evidence pack (PDF)" }).click()]);
  expect(download.suggestedFilename()).toBe(`${reference}-evidence-pack.pdf`);
  await page.reload();
  await expect(page.getByRole("region", { name: "Timeline" }).getByText("Evidence pack downloaded (PDF)")).toBeVisible();
});
